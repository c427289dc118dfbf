#!/usr/bin/env bash
# Score claimmark's attribution detection on a PolNeAR split.
#
# usage: bench/eval-polnear.sh [--acceptance] [--out DIR] [--config FILE] POLNEAR_DIR [SPLIT]
#
#   POLNEAR_DIR  a checkout of PolNeAR (holds data/metadata.tsv and
#                data/<split>/{text,attributions}/), or tests/polnear-mini
#   SPLIT        dev (default) or train; test only with --acceptance
#                (PolNeAR's test split is reserved for acceptance runs)
#   --out DIR    keep gold and predictions in DIR (default: a temporary dir)
#   --config F   export with this claimmark.toml (default: --isolated, the
#                built-in defaults), e.g. bench/numbers-all.toml
#
# Builds the release binary (or uses $CLAIMMARK_BIN when set), converts the
# split with the shared harness (../shared/eval/polnear next to the repository,
# or $POLNEAR_HARNESS), exports every article with `claimmark export --to json`,
# and prints score.py's table.
set -euo pipefail

acceptance=0
out=""
config=(--isolated)
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --acceptance) acceptance=1 ;;
    --out) out="${2:?--out needs a directory}"; shift ;;
    --config)
      [ -f "${2:?--config needs a file}" ] || { echo "eval-polnear: config $2 not found" >&2; exit 2; }
      config=(--config "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ ${#args[@]} -ge 1 ] && [ ${#args[@]} -le 2 ] || { sed -n '2,19p' "$0" >&2; exit 2; }
polnear="${args[0]}"
split="${args[1]:-dev}"
case "$split" in
  dev|train) ;;
  test)
    if [ "$acceptance" -ne 1 ]; then
      echo "eval-polnear: refusing to score the test split without --acceptance" >&2
      exit 2
    fi ;;
  *) echo "eval-polnear: unknown split '$split' (dev, train, or test with --acceptance)" >&2; exit 2 ;;
esac
[ -f "$polnear/data/metadata.tsv" ] || { echo "eval-polnear: $polnear/data/metadata.tsv not found" >&2; exit 2; }
polnear="$(cd "$polnear" && pwd)"

root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
harness="${POLNEAR_HARNESS:-$root/../shared/eval/polnear}"
[ -f "$harness/prepare.py" ] && [ -f "$harness/score.py" ] || { echo "eval-polnear: harness not found at $harness" >&2; exit 2; }

if [ -n "${CLAIMMARK_BIN:-}" ]; then
  bin="$CLAIMMARK_BIN"
else
  (cd "$root" && cargo build --release --quiet)
  bin="${CARGO_TARGET_DIR:-$root/target}/release/claimmark"
  case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
fi
[ -x "$bin" ] || { echo "eval-polnear: no claimmark binary at $bin" >&2; exit 2; }

temporary=0
if [ -z "$out" ]; then
  temporary=1
  out="$(mktemp -d "${TMPDIR:-/tmp}/eval-polnear.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
fi
gold="$out/gold-$split"
pred="$out/pred-$split"
rm -rf "$gold" "$pred"
mkdir -p "$pred"

# -B: write no __pycache__ into the shared harness.
python3 -B "$harness/prepare.py" "$polnear" "$gold" --split "$split"
for f in "$gold"/*.txt; do
  [ -e "$f" ] || continue
  "$bin" export --to json "${config[@]}" "$f" > "$pred/$(basename "$f" .txt).json"
done
python3 -B "$harness/score.py" "$gold" "$pred" --json "$out/results-$split.json"
echo
if [ "$temporary" -eq 1 ]; then
  echo "eval-polnear: $out is removed on exit; pass --out DIR to keep gold, predictions and results" >&2
fi
