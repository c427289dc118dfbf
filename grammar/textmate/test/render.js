#!/usr/bin/env node
// Renders a draft as HTML with the grammar's scopes coloured by a small
// Dark+-like theme, for looking at the highlighting without an editor:
//   node render.js DRAFT > out.html
'use strict';
const fs = require('fs');
const vsctm = require('vscode-textmate');
const { loadGrammar } = require('./agreement');

// First matching prefix wins, most specific first, as a theme resolves scopes.
const THEME = [
  ['constant.language.confidence.firm', '#4ec9b0'],
  ['constant.language.confidence.contested', '#f44747'],
  ['constant.language.confidence.tentative', '#dcdcaa'],
  ['constant.language.confidence.other', '#c586c0'],
  ['invalid', '#f44747; text-decoration: underline wavy'],
  ['punctuation.definition.tag', '#ffd700; font-weight: bold'],
  ['punctuation.definition', '#808080'],
  ['entity.name', '#4fc1ff'],
  ['variable.other', '#9cdcfe'],
  ['support.type.property-name', '#9cdcfe'],
  ['keyword', '#c586c0'],
  ['constant.character.escape', '#d7ba7d'],
  ['constant', '#b5cea8'],
  ['string', '#ce9178'],
  ['comment', '#6a9955'],
  ['markup.inline.raw', '#ce9178'],
  ['markup.fenced_code', '#ce9178'],
  ['markup.underline.link', '#3794ff; text-decoration: underline'],
  ['meta.tag.html', '#569cd6'],
  ['meta.embedded.block.frontmatter', '#808080'],
];

function colour(scopes) {
  for (let i = scopes.length - 1; i >= 0; i--) {
    for (const [prefix, css] of THEME) if (scopes[i] === prefix || scopes[i].startsWith(prefix + '.')) return css;
  }
  return null;
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

(async () => {
  const grammar = await loadGrammar();
  const text = fs.readFileSync(process.argv[2], 'utf8');
  let stack = vsctm.INITIAL;
  let html = '';
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line.replace(/\r$/, ''), stack);
    stack = r.ruleStack;
    for (const t of r.tokens) {
      const s = esc(line.slice(t.startIndex, t.endIndex));
      const css = colour(t.scopes);
      html += css ? `<span style="color: ${css}">${s}</span>` : s;
    }
    html += '\n';
  }
  process.stdout.write(
    `<!doctype html><meta charset="utf-8"><body style="background:#1e1e1e;color:#d4d4d4;margin:16px">` +
      `<pre style="font: 13px/1.45 'DejaVu Sans Mono', monospace; white-space: pre-wrap; width: 1180px">${html}</pre>`,
  );
})();
