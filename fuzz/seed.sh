#!/usr/bin/env bash
# Seeds fuzz/corpus/TARGET with the project's own drafts: examples/ and every fixture.
set -euo pipefail
cd "$(dirname "$0")"
for target in parse strip lint suggest; do
  mkdir -p "corpus/$target"
  find ../examples ../tests/fixtures -type f \( -name '*.md' -o -name '*.txt' \) -size -64k \
    | while read -r file; do cp "$file" "corpus/$target/$(echo "$file" | tr '/' '_' | sed 's/^\.\._//')"; done
done
ls corpus/* | head -0
