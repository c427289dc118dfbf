#!/usr/bin/env node
// Random drafts from a small alphabet of Claimmark's sharp edges, checked like
// the fixtures. Seeded, so a failure reproduces: node fuzz.js [COUNT] [SEED].
// Drafts where the parser finds an inline verbatim span across a line break
// are skipped: the grammar's one known gap (see build.js, inline).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { loadGrammar, compare } = require('./agreement');

const PIECES = [
  '{', '{', '{', '}', '}', '}', '@a', '@b+c', '#n', '#x-1', ':reported', ':denied', ':well-sourced',
  ':Confirmed', '@', '#', ':', '+', '-', '_', '.', 'x', 'word ', ' ', ' ', '\\{', '\\}', '\\@', '\\\\',
  '\\`', '`', '``', '<b>', '</b>', '<i ', '>', '<', '<!--', '-->', '<!-->', '[', ']', '](', '(', ')',
  '<https://e.x/{a}#b>', '<a@b.c>', '\n', '\n', '\n\n', '\n[@s]: S\n', '\n[#t]: = a - b\n', '  role: r\n',
  '\n```\n', '\n~~~\n', '\n[l]: https://e.x/{a}#b\n', '\n[^1]: ', '\r\n', 'é', '😀', '%', '{{', '}}',
  '<!-- claimmark-disable a -- why -->', '\n<!-- open\n', '\n   ```x`y\n', '\n  ~~~~\n', '\n    <!-- x\n',
  '\n\tkind: person\n', '\n  Role: x\n', '\t', '\r', '\n[@1x]: Y\r\n', '\n [@s]: not a definition\n',
];

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

async function main() {
  const count = Number(process.argv[2] || 300);
  const seed = Number(process.argv[3] || 17);
  const claimmark = process.env.CLAIMMARK || path.resolve(__dirname, '../../../target/release/claimmark');
  const grammar = await loadGrammar();
  const rand = rng(seed);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cm-fuzz-')), 'draft.md');
  let passed = 0, failed = 0, skipped = 0;
  for (let n = 0; n < count; n++) {
    let text = '';
    const len = 5 + Math.floor(rand() * 40);
    for (let i = 0; i < len; i++) text += PIECES[Math.floor(rand() * PIECES.length)];
    fs.writeFileSync(file, text);
    let out;
    try {
      out = execFileSync(claimmark, ['parse', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    } catch (e) {
      out = e.stdout;
    }
    const json = JSON.parse(out);
    const INLINE_VERBATIM = ['code-span', 'html-comment', 'html-tag', 'autolink', 'link-destination', 'directive'];
    const crossing = (node) =>
      node.kind !== 'html-block' &&
      (node.children ? node.children.some(crossing) : INLINE_VERBATIM.includes(node.kind) && node.text.includes('\n'));
    if (crossing(json.tree)) { skipped++; continue; }
    const { buf, problems } = compare(grammar, text, json);
    if (problems.length) {
      failed++;
      if (failed <= 5) {
        console.log(`not ok draft ${n}: ${JSON.stringify(text)}`);
        for (const [i, msg] of problems.slice(0, 3)) console.log(`  byte ${i} ${msg}: ${JSON.stringify(buf.subarray(i, i + 1).toString())}`);
      }
    } else passed++;
  }
  console.log(`textmate fuzz (seed ${seed}): ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
