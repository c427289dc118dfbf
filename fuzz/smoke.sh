#!/usr/bin/env bash
# A bounded, reproducible fuzz smoke: builds the targets with libFuzzer's coverage
# instrumentation on the stable toolchain (no cargo-fuzz needed), then runs each one for
# RUNS inputs (default 50000) from a fresh corpus of the project's drafts, with a fixed
# seed, so a run gives the same result on any machine. Exits non-zero on a crash; the
# crashing input is kept in fuzz/artifacts/.
#
# usage: fuzz/smoke.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-50000}"
triple="$(rustc -vV | sed -n 's/^host: //p')"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR_FUZZ:-$PWD/target}"
# What cargo-fuzz passes, minus the sanitizer (-Zsanitizer needs nightly): Rust code is
# memory-safe, and a panic or an assertion is what the targets look for. --target keeps
# the flags off build scripts.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
cargo build --release --locked --bins --target "$triple"
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
mkdir -p artifacts
for target in parse strip lint suggest; do
  mkdir -p "$corpus/$target"
  find ../examples ../tests/fixtures -type f \( -name '*.md' -o -name '*.txt' \) -size -64k \
    | while read -r file; do cp "$file" "$corpus/$target/$(echo "${file#../}" | tr '/' '_')"; done
  echo "fuzz smoke: $target, $runs runs"
  set +e
  "$CARGO_TARGET_DIR/$triple/release/$target" "$corpus/$target" -dict=claimmark.dict \
    -seed=1 -runs="$runs" -max_len=4096 -rss_limit_mb=2048 \
    -artifact_prefix="artifacts/$target-" -print_final_stats=1 > "$corpus/$target.log" 2>&1
  status=$?
  set -e
  # libFuzzer's progress lines are left out; a crash's report is shown whole.
  if [ "$status" -ne 0 ]; then
    cat "$corpus/$target.log"
    echo "fuzz smoke: $target failed; the input is in fuzz/artifacts/" >&2
    exit 1
  fi
  grep -E '^(stat::number_of_executed_units|Done)' "$corpus/$target.log"
done
