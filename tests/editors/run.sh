#!/usr/bin/env bash
# Editor support from a clean checkout: the TextMate grammars are fresh, agree
# with the reference parser on every draft, and the Markdown injection stays out
# of the host's code; the VS Code extension's lint bridge works against the CLI
# and the extension packages. Installs its npm packages itself (npm ci, from the
# committed lock files) and uses the dev-profile binary that `cargo test` builds.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --quiet
bin="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')/debug/claimmark"
export CLAIMMARK="$bin"

node grammar/textmate/build.js --check

(cd grammar/textmate/test && npm ci --no-audit --no-fund --loglevel=error)
node grammar/textmate/test/agreement.js
node grammar/textmate/test/fuzz.js 1000 17
(cd grammar/textmate/test && node --test injection.test.js)

(cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error)
(cd editors/vscode && node --test test/)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd editors/vscode && npx vsce package --allow-missing-repository --skip-license -o "$out/claimmark.vsix" </dev/null >/dev/null)
test -s "$out/claimmark.vsix"
echo "vscode extension: packaged ($(wc -c <"$out/claimmark.vsix") bytes)"
