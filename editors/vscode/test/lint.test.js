// The lint bridge against the real CLI: findings come back with UTF-16 ranges
// that point at the words the CLI names.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const { lint, byteToUtf16 } = require('../lint');

const ROOT = path.resolve(__dirname, '../../..');
const CLAIMMARK = process.env.CLAIMMARK || path.join(ROOT, 'target/release/claimmark');

test('byte offsets map to UTF-16 indices', () => {
  const at = byteToUtf16('a€😀b');
  assert.deepStrictEqual([0, 1, 4, 8, 9].map(at), [0, 1, 2, 4, 5]);
});

test('an undefined source is reported on its name, after non-ASCII text', async () => {
  const text = 'Der Überschuss {stieg um 4 %}@kämmerer:reported.\n\n[@kaemmerer]: Die Kämmerin\n';
  const findings = await lint(text, { executable: CLAIMMARK, filename: 'draft.cm.md', cwd: ROOT });
  const f = findings.find((x) => x.rule === 'undefined-source');
  assert.ok(f, JSON.stringify(findings));
  assert.strictEqual(f.severity, 'error');
  assert.match(text.slice(f.start, f.end), /kämmerer/);
});

test('a clean draft has no findings', async () => {
  const text = '{Fares stay at two euros}@council:confirmed.\n\n[@council]: The city council\n  kind: organization\n';
  const findings = await lint(text, { executable: CLAIMMARK, filename: 'clean.cm.md', cwd: ROOT });
  assert.deepStrictEqual(findings.filter((f) => f.severity === 'error'), []);
});

test('a missing executable is an error, not a crash', async () => {
  await assert.rejects(lint('x', { executable: path.join(ROOT, 'no-such-claimmark') }));
});
