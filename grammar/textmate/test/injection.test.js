// The Markdown injection, against a small stand-in for VS Code's Markdown
// grammar that scopes code and links the way the real one does: Claimmark
// must colour prose and stay out of the host's code, HTML and links.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const HOST = {
  scopeName: 'text.html.markdown',
  patterns: [
    { begin: '^(```).*$', end: '^```\\s*$', name: 'markup.fenced_code.block.markdown' },
    { match: '`[^`]+`', name: 'markup.inline.raw.string.markdown' },
    { match: '<!--.*?-->', name: 'comment.block.html' },
    { match: '(\\[)([^\\]]*)(\\])(\\()([^)]*)(\\))', name: 'meta.link.inline.markdown', captures: { 5: { name: 'markup.underline.link.markdown' } } },
  ],
};

async function grammar() {
  await oniguruma.loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  const dir = path.resolve(__dirname, '..');
  const raw = (name) => vsctm.parseRawGrammar(fs.readFileSync(path.join(dir, name), 'utf8'), path.join(dir, name));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(HOST), 'host.json');
      if (scope === 'text.claimmark') return raw('claimmark.tmLanguage.json');
      if (scope === 'text.claimmark.injection') return raw('claimmark-markdown-injection.tmLanguage.json');
      return null;
    },
    getInjections: (scope) => (scope === 'text.html.markdown' ? ['text.claimmark.injection'] : []),
  });
  return registry.loadGrammar('text.html.markdown');
}

// [text, scopes] of every token of every line.
function tokens(g, text) {
  let stack = vsctm.INITIAL;
  const out = [];
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes.join(' ')]);
  }
  return out;
}

const scopeOf = (toks, text) => toks.filter(([t]) => t === text).map(([, s]) => s);

test('tags, suffixes and definitions are coloured in Markdown prose', async () => {
  const g = await grammar();
  const toks = tokens(g, 'The board {approved the merger}@chair:confirmed.\n\n[@chair]: Board chair\n  kind: person\n');
  assert.match(scopeOf(toks, 'chair')[0], /variable\.other\.source\.claimmark/);
  assert.match(scopeOf(toks, 'confirmed')[0], /constant\.language\.confidence\.firm\.claimmark/);
  assert.match(scopeOf(toks, '{')[0], /punctuation\.definition\.tag\.begin\.claimmark/);
  assert.ok(toks.some(([t, s]) => t === 'chair' && /entity\.name\.source\.claimmark/.test(s)));
  assert.ok(toks.some(([t, s]) => t === 'kind' && /support\.type\.property-name\.claimmark/.test(s)));
});

test('the host grammar’s code, comments and link destinations stay free of Claimmark', async () => {
  const g = await grammar();
  const text = 'Use `{x}@y` here, see [a](https://ex.org/{id}#top) <!-- {a}@b -->\n\n```\n{x}@a\n[@a]: A\n```\n';
  for (const [t, s] of tokens(g, text)) {
    if (/markup\.inline\.raw|markup\.fenced_code|comment\.block\.html|markup\.underline\.link/.test(s)) {
      assert.doesNotMatch(s, /\.claimmark/, `${JSON.stringify(t)} has ${s}`);
    }
  }
});
