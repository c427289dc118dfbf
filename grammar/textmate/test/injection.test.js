// The Markdown injection, against a small stand-in for a Markdown grammar and
// against the real one VS Code ships (from the tm-grammars package): Claimmark
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

// Grammars from tm-grammars by scope name; the rest of what Markdown embeds
// (dozens of fenced-code languages) is left out, as in an editor without them.
const TM = path.join(__dirname, 'node_modules/tm-grammars');
const REAL = {
  'text.html.markdown': 'markdown.json',
  'text.html.basic': 'html.json',
  'text.html.derivative': 'html-derivative.json',
  'source.yaml': 'yaml.json',
};
const real = (scope) =>
  REAL[scope] ? vsctm.parseRawGrammar(fs.readFileSync(path.join(TM, 'grammars', REAL[scope]), 'utf8'), REAL[scope]) : null;
const stub = (scope) => (scope === 'text.html.markdown' ? vsctm.parseRawGrammar(JSON.stringify(HOST), 'host.json') : null);

async function grammar(host = stub) {
  await oniguruma.loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  const dir = path.resolve(__dirname, '..');
  const raw = (name) => vsctm.parseRawGrammar(fs.readFileSync(path.join(dir, name), 'utf8'), path.join(dir, name));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope === 'text.claimmark') return raw('claimmark.tmLanguage.json');
      if (scope === 'text.claimmark.injection') return raw('claimmark-markdown-injection.tmLanguage.json');
      return host(scope);
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

test('with the real Markdown grammar: the politics example', async () => {
  const g = await grammar(real);
  const file = path.resolve(__dirname, '../../../examples/politics-intelligence-budget.md');
  const toks = tokens(g, fs.readFileSync(file, 'utf8'));
  const sources = new Set(toks.filter(([, s]) => /variable\.other\.source\.claimmark/.test(s)).map(([t]) => t));
  for (const id of ['okafor', 'lindqvist', 'official', 'diplomat', 'isd']) assert.ok(sources.has(id), `@${id} not coloured`);
  assert.ok(toks.some(([t, s]) => t === 'official' && /entity\.name\.source\.claimmark/.test(s)), 'definition [@official]:');
  assert.ok(toks.some(([t, s]) => t === 'total_staff' && /entity\.name\.quantity\.claimmark/.test(s)), 'relation [#total_staff]:');
  for (const word of ['confirmed', 'opinion', 'disputed']) {
    assert.ok(toks.some(([t, s]) => t === word && /constant\.language\.confidence\.\w+\.claimmark/.test(s)), `:${word}`);
  }
  for (const [t, s] of toks) {
    if (/markup\.inline\.raw|markup\.fenced_code|comment\.block\.html|markup\.underline\.link|meta\.embedded\.block\.frontmatter/.test(s)) {
      assert.doesNotMatch(s, /\.claimmark/, `${JSON.stringify(t)} has ${s}`);
    }
  }
});

test('with the real Markdown grammar: code, links and HTML stay verbatim', async () => {
  const g = await grammar(real);
  const text = [
    'Use `{x}@y` here, see [a](https://ex.org/{id}#top) and <span title="{a}@b">x</span>.',
    '',
    '```json',
    '{"a": 1}@x',
    '[@a]: A',
    '```',
    '',
    '{A claim}@src:reported with \\{escaped\\} braces.',
    '',
    '[@src]: A source',
    '  kind: person',
    '',
  ].join('\n');
  const toks = tokens(g, text);
  for (const [t, s] of toks) {
    if (/markup\.inline\.raw|markup\.fenced_code|markup\.underline\.link|meta\.tag|string\.quoted/.test(s)) {
      assert.doesNotMatch(s, /\.claimmark/, `${JSON.stringify(t)} has ${s}`);
    }
  }
  assert.ok(toks.some(([t, s]) => t === 'src' && /variable\.other\.source\.claimmark/.test(s)));
  assert.ok(toks.some(([t, s]) => t === 'reported' && /confidence\.firm\.claimmark/.test(s)));
  assert.ok(toks.some(([t, s]) => t === '\\{' && /constant\.character\.escape\.claimmark/.test(s)));
  assert.ok(toks.some(([t, s]) => t === 'kind' && /support\.type\.property-name\.claimmark/.test(s)));
});
