#!/usr/bin/env bash
# Lint throughput on a generated archive of drafts, against ripgrep as the floor.
#
# usage: bench/lint-throughput.sh [SIZE_MB]        (default 50)
#
# Builds the release binary, generates (or reuses) a corpus of SIZE_MB MB with
# bench/gen-corpus.py in $BENCH_DATA/bench-SIZE (default BENCH_DATA=/work/data;
# SEED=1; a seed other than 1 adds -seedN to the folder name), then times
#   claimmark lint --format json-lines --exit-zero DIR > /dev/null     (all cores, and -j 1)
#   rg '[0-9]+' DIR > /dev/null                                        (the floor)
# with hyperfine when it is installed (apt-get install hyperfine), else with
# /usr/bin/time; measures peak RSS with /usr/bin/time -v; and takes the parse-only
# figure for one core from `cargo bench --bench parse -- quick`.
# RUNS=N sets the number of timed runs (default 5, 3 from 200 MB up).
#
# Targets: lint >= 50 MB/s and within 8x of rg; parse >= 150 MB/s per core;
# peak RSS < 100 MB. Each is marked ok or MISS; the exit code is 0 either way.
set -euo pipefail

size="${1:-50}"
case "$size" in
  ''|*[!0-9]*) echo "lint-throughput: SIZE_MB must be a whole number of MB, not '$size'" >&2; exit 2 ;;
esac
seed="${SEED:-1}"
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${BENCH_DATA:-/work/data}"
corpus="$data/bench-$size"
[ "$seed" = 1 ] || corpus="$corpus-seed$seed"
if [ "$size" -ge 200 ]; then runs="${RUNS:-3}"; else runs="${RUNS:-5}"; fi

have() { command -v "$1" > /dev/null 2>&1; }
if ! have rg; then
  echo "lint-throughput: ripgrep (rg) is not installed, so there is no floor to compare with;" >&2
  echo "lint-throughput: install it with: apt-get install -y ripgrep" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "lint-throughput: /usr/bin/time is missing (needed for peak RSS): apt-get install -y time" >&2
  exit 2
fi
if ! have hyperfine; then
  echo "lint-throughput: hyperfine not installed (apt-get install -y hyperfine); timing with /usr/bin/time, best of $runs" >&2
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/lint-throughput.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "## load before: $(uptime)"
echo "## claimmark at $(git -C "$root" describe --always --dirty 2> /dev/null || echo '(not a git checkout)')"
(cd "$root" && cargo build --release --quiet --bin claimmark)
bin="${CARGO_TARGET_DIR:-$root/target}/release/claimmark"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac

# The corpus, cached by size, seed and generator version.
version="$(sed -n 's/^VERSION = \([0-9]*\)$/\1/p' "$root/bench/gen-corpus.py")"
if ! python3 - "$corpus/.corpus-info" "$size" "$seed" "$version" <<'PY' 2> /dev/null
import json, sys
info = json.load(open(sys.argv[1]))
ok = (float(info["size_mb"]) == float(sys.argv[2]) and info["seed"] == int(sys.argv[3])
      and info["version"] == int(sys.argv[4]))
sys.exit(0 if ok else 1)
PY
then
  mkdir -p "$data"
  python3 "$root/bench/gen-corpus.py" "$corpus" --size-mb "$size" --seed "$seed" --force
fi
read -r files bytes < <(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.txt' \) -printf '%s\n' \
  | awk '{ n++; b += $1 } END { print n, b }')
# Warm the page cache so every tool reads from memory.
find "$corpus" -type f -exec cat {} + > /dev/null

lint_cmd="$bin lint --format json-lines --exit-zero $corpus > /dev/null"
lint1_cmd="$bin lint -j 1 --format json-lines --exit-zero $corpus > /dev/null"
rg_cmd="rg '[0-9]+' $corpus > /dev/null"

# Mean wall seconds of a shell command: hyperfine, or the best of $runs with /usr/bin/time.
wall() {
  local name="$1" cmd="$2"
  if have hyperfine; then
    hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$tmp/$name.json" "$cmd" >&2
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.3f %.3f" % (r["mean"], r["stddev"] or 0))' "$tmp/$name.json"
  else
    local i best=""
    for ((i = 0; i < runs; i++)); do
      /usr/bin/time -f '%e' -o "$tmp/$name.t" bash -c "$cmd"
      best="$(printf '%s\n%s\n' "$(cat "$tmp/$name.t")" "$best" | sed '/^$/d' | sort -g | head -1)"
    done
    echo "$best 0"
  fi
}
# Peak resident set size in MB and CPU seconds (user + system), from one run under
# /usr/bin/time -v. CPU time barely depends on what else the machine is running.
rss_cpu() {
  /usr/bin/time -v -o "$tmp/rss" bash -c "$1"
  awk -F': ' '/Maximum resident set size/ { rss = $2 / 1024 }
    /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
    END { printf "%.1f %.2f\n", rss, cpu }' "$tmp/rss"
}

echo "## timing: $lint_cmd"
read -r lint_s lint_sd < <(wall lint "$lint_cmd")
echo "## timing: $lint1_cmd"
read -r lint1_s lint1_sd < <(wall lint1 "$lint1_cmd")
echo "## timing: $rg_cmd"
read -r rg_s rg_sd < <(wall rg "$rg_cmd")
read -r lint_rss lint_cpu < <(rss_cpu "$lint_cmd")
read -r lint1_rss lint1_cpu < <(rss_cpu "$lint1_cmd")
read -r rg_rss rg_cpu < <(rss_cpu "$rg_cmd")
echo "## cargo bench --bench parse -- quick"
if ! (cd "$root" && cargo bench --quiet --bench parse -- quick) > "$tmp/parse.txt" 2> "$tmp/parse.err"; then
  cat "$tmp/parse.err" >&2
  echo "lint-throughput: cargo bench --bench parse failed; no parse-only figure" >&2
fi
sed -n '1,3p' "$tmp/parse.txt"
parse_mbs="$(sed -n 's/^[0-9]* drafts of .*: \([0-9.]*\) MB\/s$/\1/p' "$tmp/parse.txt")"
load_after="$(uptime)"

python3 - "$size" "$files" "$bytes" "$lint_s" "$lint_sd" "$lint1_s" "$lint1_sd" "$rg_s" "$rg_sd" \
  "$lint_rss" "$lint1_rss" "$rg_rss" "${parse_mbs:-0}" "$(nproc)" "$runs" \
  "$lint_cpu" "$lint1_cpu" "$rg_cpu" <<'PY'
import sys
(size, files, nbytes, lint, lint_sd, lint1, lint1_sd, rg, rg_sd,
 rss, rss1, rg_rss, parse, cores, runs, cpu, cpu1, rg_cpu) = sys.argv[1:]
cpu, cpu1, rg_cpu = map(float, (cpu, cpu1, rg_cpu))
files, nbytes, cores, runs = int(files), int(nbytes), int(cores), int(runs)
lint, lint_sd, lint1, lint1_sd, rg, rg_sd = map(float, (lint, lint_sd, lint1, lint1_sd, rg, rg_sd))
rss, rss1, rg_rss, parse = map(float, (rss, rss1, rg_rss, parse))
mb = nbytes / 1e6
def mark(ok): return "ok" if ok else "MISS"
print()
print(f"corpus: {mb:.1f} MB in {files} files ({nbytes / files / 1000:.1f} KB a file); {cores} cores; mean of {runs} runs")
print()
print("| measure | value | target |")
print("|---|---|---|")
print(f"| lint wall time (-j {cores}) | {lint:.2f} s ± {lint_sd:.2f} | |")
print(f"| lint throughput | {mb / lint:.1f} MB/s, {files / lint:.0f} files/s | ≥ 50 MB/s: {mark(mb / lint >= 50)} |")
print(f"| rg '[0-9]+' wall time | {rg:.2f} s ± {rg_sd:.2f} ({mb / rg:.0f} MB/s) | |")
print(f"| lint / rg | {lint / rg:.1f}× | ≤ 8×: {mark(lint / rg <= 8)} |")
print(f"| lint -j 1 (one core) | {lint1:.2f} s ± {lint1_sd:.2f}, {mb / lint1:.1f} MB/s | |")
print(f"| CPU time (user + sys), one run | lint {cpu:.2f} s ({mb / cpu:.1f} MB per CPU-s), "
      f"lint -j 1 {cpu1:.2f} s, rg {rg_cpu:.2f} s | |")
print(f"| parse only, one core (cargo bench --bench parse -- quick) | {parse:.0f} MB/s | ≥ 150 MB/s: {mark(parse >= 150)} |")
print(f"| peak RSS, lint (-j {cores}) | {rss:.1f} MB | < 100 MB: {mark(rss < 100)} |")
print(f"| peak RSS, lint -j 1 | {rss1:.1f} MB | |")
print(f"| peak RSS, rg | {rg_rss:.1f} MB | |")
PY
echo
echo "## load after: $load_after"
