#!/usr/bin/env node
// Agreement between the TextMate grammar and the reference parser.
//
// For every draft under tests/fixtures and examples/, the parser's tree
// (`claimmark parse --format json`) says which bytes are tag suffixes, tag
// braces and verbatim regions. The grammar, run through vscode-textmate with
// the real Oniguruma engine that VS Code uses, must give:
//   - every suffix byte a suffix scope (meta.suffix.claimmark);
//   - every tag brace byte a tag punctuation scope;
//   - no verbatim byte (code, HTML, link destinations, front matter, link
//     reference definitions) any Claimmark scope (one ending in .claimmark);
//   - no suffix scope on a byte the parser does not call a suffix.
// A disagreement is a bug in the grammar (or in SPEC.md), never noise.
//
// Usage: node agreement.js [--claimmark PATH] [FILE...]
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR_DIR = path.resolve(__dirname, '..');

function args() {
  const argv = process.argv.slice(2);
  let claimmark = process.env.CLAIMMARK || path.join(ROOT, 'target/release/claimmark');
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--claimmark') claimmark = argv[++i];
    else files.push(argv[i]);
  }
  return { claimmark, files };
}

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(md|txt)$/.test(e.name)) out.push(p);
  }
  return out;
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    // Front matter embeds YAML or TOML, as editors have them (a rule that
    // includes a grammar the registry cannot find is dropped altogether).
    loadGrammar: async (scopeName) => {
      const file = {
        'text.claimmark': path.join(GRAMMAR_DIR, 'claimmark.tmLanguage.json'),
        'source.yaml': path.join(__dirname, 'node_modules/tm-grammars/grammars/yaml.json'),
        'source.toml': path.join(__dirname, 'node_modules/tm-grammars/grammars/toml.json'),
      }[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
  });
  return registry.loadGrammar('text.claimmark');
}

// Scopes of every byte of the file, as vscode-textmate sees the document:
// lines split at LF, a CR before LF stripped as editors do; a lone CR stays.
function byteScopes(grammar, text) {
  const buf = Buffer.from(text, 'utf8');
  const scopes = new Array(buf.length).fill(null);
  let ruleStack = vsctm.INITIAL;
  let byte = 0;
  const lines = text.split('\n');
  for (let li = 0; li < lines.length; li++) {
    let line = lines[li];
    const hasLf = li < lines.length - 1;
    const crlf = hasLf && line.endsWith('\r');
    if (crlf) line = line.slice(0, -1);
    // UTF-16 index -> byte offset within the line.
    const offs = new Array(line.length + 1);
    let b = 0;
    for (let i = 0; i < line.length; i++) {
      offs[i] = b;
      const c = line.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        offs[i + 1] = b;
        b += 4;
        i++;
      } else b += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    offs[line.length] = b;
    const r = grammar.tokenizeLine(line, ruleStack);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      for (let k = offs[t.startIndex]; k < offs[end]; k++) scopes[byte + k] = t.scopes;
    }
    ruleStack = r.ruleStack;
    byte += b + (crlf ? 1 : 0) + (hasLf ? 1 : 0);
  }
  return { buf, scopes };
}

const VERBATIM = new Set([
  'front-matter', 'fenced-code', 'link-reference', 'code-span', 'html-comment',
  'html-tag', 'autolink', 'link-destination',
]);

function leaves(node, out) {
  if (node.children) for (const c of node.children) leaves(c, out);
  else out.push(node);
  return out;
}

// The disagreements between the grammar's scopes and the parser's tree, as
// [byte, complaint] in byte order.
function compare(grammar, text, json) {
  const { buf, scopes } = byteScopes(grammar, text);
  // The root scope (text.claimmark) names the document, not a construct.
  const own = (i) => (scopes[i] || []).slice(1);
  const has = (i, re) => own(i).some((s) => re.test(s));
  const problems = [];
  const isSuffix = new Uint8Array(buf.length);
  for (const leaf of leaves(json.tree, [])) {
    for (let i = leaf.start; i < leaf.end; i++) {
      if (leaf.kind === 'suffix') {
        isSuffix[i] = 1;
        if (!has(i, /^meta\.suffix\.claimmark$/)) problems.push([i, 'suffix byte without a suffix scope']);
      } else if (leaf.kind === 'tag-open' || leaf.kind === 'tag-close') {
        if (!has(i, /^punctuation\.definition\.tag\.(begin|end)\.claimmark$/)) problems.push([i, `${leaf.kind} without a brace scope`]);
      } else if (VERBATIM.has(leaf.kind)) {
        // Newline bytes carry no token; everything else must be Claimmark-free.
        const bad = own(i).filter((s) => s.endsWith('.claimmark'));
        if (bad.length) problems.push([i, `${leaf.kind} byte has ${bad.join(' ')}`]);
      }
    }
  }
  for (let i = 0; i < buf.length; i++) {
    if (!isSuffix[i] && has(i, /^meta\.suffix\.claimmark$/)) problems.push([i, 'suffix scope on a byte that is not a suffix']);
  }
  return { buf, problems };
}

function lineCol(buf, byte) {
  const before = buf.subarray(0, byte).toString('utf8');
  const lines = before.split('\n');
  return `${lines.length}:${lines[lines.length - 1].length + 1}`;
}

// Where TextMate cannot follow the parser at all, the file is named here with
// the reason; each one is still tokenized, only its comparison is skipped.
const CANNOT = {
  // Braces past 256 levels are literal (§9.6): a regex grammar cannot count.
  'tests/fixtures/rules/nesting-too-deep.md': 'nesting limit of 256',
};

async function main() {
  const { claimmark, files } = args();
  const list = files.length
    ? files
    : [
        ...walk(path.join(ROOT, 'tests/fixtures'), []),
        ...walk(path.join(ROOT, 'examples'), []),
        // SPEC.md §12, one paragraph per row, and the rows that are whole documents.
        ...walk(path.join(__dirname, 'cases'), []),
      ].sort();
  const grammar = await loadGrammar();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const t0 = Date.now();
  for (const file of list) {
    const rel = path.relative(ROOT, file);
    const raw = fs.readFileSync(file);
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
    } catch {
      // The parser takes valid UTF-8 only (§3); the CLI refuses such a file.
      skipped++;
      continue;
    }
    if (CANNOT[rel]) {
      byteScopes(grammar, text);
      skipped++;
      continue;
    }
    let json;
    try {
      json = JSON.parse(execFileSync(claimmark, ['parse', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 }));
    } catch (e) {
      // Exit code 1 means the draft has findings; the JSON is still printed.
      if (e.stdout) json = JSON.parse(e.stdout);
      else throw e;
    }
    const { buf, problems } = compare(grammar, text, json);
    if (problems.length) {
      failed++;
      console.log(`not ok ${rel}`);
      // One line per run of neighbouring bytes with the same complaint.
      let last = null;
      for (const [i, msg] of problems) {
        if (last && last.msg === msg && last.end === i) { last.end = i + 1; continue; }
        if (last) report(last);
        last = { start: i, end: i + 1, msg };
      }
      report(last);
    } else passed++;
    function report(p) {
      console.log(`  ${rel}:${lineCol(buf, p.start)} ${p.msg}: ${JSON.stringify(buf.subarray(p.start, p.end).toString('utf8'))}`);
    }
  }
  console.log(`textmate agreement: ${list.length} drafts in ${Date.now() - t0} ms`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed ? 1 : 0);
}

module.exports = { loadGrammar, compare };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
