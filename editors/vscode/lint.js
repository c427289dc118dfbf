// Lint through the claimmark CLI, without any VS Code API, so it can be tested
// with plain node against the real binary.
'use strict';
const { spawn } = require('child_process');

// The CLI reports byte offsets into UTF-8; editors count UTF-16 code units.
// Returns a function from a byte offset to a UTF-16 index into `text`.
function byteToUtf16(text) {
  const starts = [];
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    starts.push([byte, i]);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      byte += 4;
      i++;
    } else byte += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  starts.push([byte, text.length]);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid][0] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo][1];
  };
}

// Runs `claimmark lint --format json` on the text (stdin, so unsaved edits and
// the file's own claimmark.toml both count) and resolves to findings with
// UTF-16 ranges: { start, end, severity, rule, message, help, labels }.
function lint(text, { executable = 'claimmark', filename, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const args = ['lint', '--format', 'json', '--exit-zero'];
    if (filename) args.push('--stdin-filename', filename);
    args.push('-');
    const child = spawn(executable, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`claimmark lint exited ${code}: ${err.trim()}`));
      let json;
      try {
        json = JSON.parse(out);
      } catch (e) {
        return reject(new Error(`claimmark lint printed no JSON: ${e.message}`));
      }
      const at = byteToUtf16(text);
      const range = (x) => ({ start: at(x.offset), end: at(x.offset + x.length) });
      resolve(
        (json.diagnostics || []).map((d) => ({
          ...range(d),
          severity: d.severity,
          rule: d.rule,
          message: d.message,
          help: d.help || null,
          labels: (d.labels || []).map((l) => ({ ...range(l), message: l.message })),
        })),
      );
    });
    child.stdin.end(text);
  });
}

module.exports = { lint, byteToUtf16 };
