#!/usr/bin/env python3
"""Adversarial scaling benchmark: does any command get super-linear on some shape of draft?

usage: bench/scaling.py [--bin PATH] [--only NAME[,NAME…]] [--limit SECONDS]

Generates each shape below at sizes k, 2k, 4k and 8k (in a temporary directory), runs
the command on it and prints the time and peak memory (from the child's rusage) and
their ratios per doubling. Linear work gives a time ratio near 2; the last ratio is
marked MISS when it is above 3 and the run took more than 0.5 s (below that, start-up,
timer noise and the kernel zeroing fresh pages dominate on a shared machine). A run over --limit seconds (default 20) stops that shape.
Peak memory is checked against the bound 40 MB + 32 B per input byte: a run above it is
marked MEM (and listed at the end). Standard output is counted, not kept: a shape whose
output grows faster than its findings shows it in the "out MB" column.
The exit code is 0 either way: this is a measurement, not a test.

The shapes come from an audit of every path a draft can repeat: ids tagged many times,
relations, sources and near-miss definitions, directives, quotations and cues in one
sentence, long lines (one paragraph on one line, lone-CR line ends), nesting, front
matter. Each fixed super-linear path has a shape here, so a regression shows up.
Builds nothing: pass --bin, or it uses target/release/claimmark.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time

FM = "---\npublished: 2025-01-01\n---\n\n"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rid(i):
    """A source id made of letters only, distinct for each i."""
    return "src" + "".join("abcdefghij"[int(c)] for c in str(i))


def plain(k):
    with open(os.path.join(ROOT, "examples", "plain-news.md"), encoding="utf-8") as f:
        text = f.read()
    return "\n\n".join([text] * k)


# name: (command, base k, generator)
LINT = ["lint", "--format", "concise", "--exit-zero"]
SHAPES = {
    # baselines
    "plain": (LINT, 50, plain),
    "tags_one_para": (LINT, 5000, lambda k: FM + " ".join(
        f"{{The agency lost {i} laptops}}@a:reported." for i in range(k)) + "\n\n[@a]: A\n"),
    # one id tagged many times (number-conflict)
    "one_id_many_tags": (LINT, 20000, lambda k: FM + "".join(
        f"{{about 650}}#n{i % 50} and " for i in range(k)) + "\n"),
    # relations
    "rel_many": (LINT, 2500, lambda k: FM + "".join(
        f"{{{i + 3}}}#t{i} = {{1}}#a{i} + {{{i + 2}}}#b{i}.\n\n" for i in range(k)) + "".join(
        f"[#t{i}]: = a{i} + b{i}\n" for i in range(k))),
    "rel_untagged": (LINT, 1000, lambda k: FM + "".join(
        f"{{{i + 3}}}#t{i} and {{5}}#q{i}.\n\n" for i in range(k)) + "".join(
        f"[#t{i}]: = a{i} + b{i}\n" for i in range(k))),
    "rel_chain": (LINT, 2500, lambda k: FM + "{1}#c0 and {%d}#end.\n\n" % (k + 1) + "".join(
        f"[#c{i}]: = c{i - 1} + 1\n" for i in range(1, k + 1)) + f"[#end]: = c{k}\n"),
    "rel_long_untagged": (LINT, 100, lambda k: FM + "".join(
        f"{{1}}#t{i}\n" for i in range(k)) + "\n" + "".join(
        f"[#t{i}]: = " + " + ".join(f"u{i}_{j}" for j in range(256)) + "\n" for i in range(k))),
    # sources
    "src_undef_similar": (LINT, 2000, lambda k: FM + "".join(
        f"{{The council cut jobs}}@{rid(i)}x:reported.\n\n" for i in range(k)) + "".join(
        f"[@{rid(i)}]: Person {i}\n" for i in range(k))),
    "conf_defs": (LINT, 2500, lambda k: FM + "".join(
        f"{{The council cut jobs}}@{rid(i)}:confirmed.\n\n" for i in range(k)) + "".join(
        f"[@{rid(i)}]: Person {i}\n" for i in range(k))),
    # directives between tags
    "qty_dirs": (LINT, 2500, lambda k: FM + "{1}#t\n\n" + "".join(
        "<!-- claimmark-disable-next-line unused-source -->\n{5}#a\n\n" for _ in range(k))
        + "[#t]: = a + 1\n"),
    "dir_one_long": (LINT, 20000, lambda k: FM + "<!-- claimmark-disable " + ", ".join(
        f"rule{i}" for i in range(k)) + " -->\nThe agency lost 43,000 laptops.\n"),
    # long lines: many findings on one line
    "para_numbers_sent": (LINT, 10000, lambda k: FM + " ".join(
        f"The agency lost {i} laptops." for i in range(k)) + "\n"),
    "lone_cr": (LINT, 20000, lambda k: FM + "".join(
        f"The agency lost {i} laptops.\r" for i in range(k))),
    "unclosed_braces": (LINT, 50000, lambda k: FM + "{" * k + " the agency lost 40 laptops.\n"),
    # prose: many cues, quotations, flagged sentences
    "quotes_bal": (LINT, 10000, lambda k: FM + " ".join(
        '"we will not pay for it" she wrote' for _ in range(k)) + ".\n"),
    "quotes_paras": (LINT, 10000, lambda k: FM + "".join(
        '"We will not pay for your war," the banner read.\n\n' for _ in range(k))),
    "flag_attr": (LINT, 10000, lambda k: FM + "".join(
        f"The agency lost {i} laptops. Anna Petrova said the audit was late.\n\n" for i in range(k))),
    "quotes_far": (LINT, 250, lambda k: FM + "".join(
        "The Harbour Workers Union said the port had ignored complaints. " + "The quay filled "
        "with workers and their families, and the lorries queued along the coast road. " * 8
        + '"We are not going back until every crane has been inspected by engineers we trust."'
        + "\n\n" for _ in range(k))),
    "nest_deep": (LINT, 1000, lambda k: FM + "".join(
        "{" * 256 + "x" + "}@a" * 256 + "\n\n" for _ in range(k)) + "[@a]: A\n"),
    # suggest and export
    "suggest_pronouns": (["suggest"], 5000, lambda k: FM + "Anna Petrova, the minister, arrived.\n\n"
                         + "".join(f"She said the agency lost {i} laptops.\n\n" for i in range(k))),
    "export_quotes": (["export", "--to", "json"], 2500, lambda k: FM + " ".join(
        '"we will not pay for it" she wrote' for _ in range(k)) + ".\n"),
    # hostile input (issue: bounded memory and output): one finding every few bytes
    "link_undef_json": (["lint", "--isolated", "--format", "json", "--exit-zero"], 25000,
                        lambda k: "[a](b{c}@s " * k),
    "link_undef_full": (["lint", "--isolated", "--format", "full", "--exit-zero"], 12500,
                        lambda k: "[a](b{c}@s " * k),
    "brace_wall_json": (["lint", "--isolated", "--format", "json", "--exit-zero"], 200000,
                        lambda k: "{" * k + "a" + "}" * k + "#x"),
    "brace_wall_strip": (["strip"], 200000, lambda k: "{" * k + "a" + "}" * k + "#x"),
    "tag_lines_lint": (LINT, 125000, lambda k: "{a}@x\n" * k),
    "tag_lines_export": (["export", "--to", "json"], 125000, lambda k: "{a}@x\n" * k),
    "tag_lines_suggest": (["suggest"], 125000, lambda k: "{a}@x\n" * k),
    "tag_lines_parse": (["parse", "--format", "json"], 125000, lambda k: "{a}@x\n" * k),
    "defs_parse": (["parse", "--format", "json"], 12500, lambda k: "".join(
        f"[@s{i}]: Person {i}\n" for i in range(k))),
}

MEMORY_BASE = 40 * 1024 * 1024
MEMORY_PER_BYTE = 32


def memory_bound(size):
    """The most a run on `size` input bytes may hold at its peak."""
    return MEMORY_BASE + MEMORY_PER_BYTE * size


def run(binary, command, path, limit):
    """Seconds, peak RSS (KB) and output bytes of one run, or None on timeout. `wait4`
    gives the child's own rusage (the RUSAGE_CHILDREN maximum would carry over between
    runs); a thread counts what it writes to stdout."""
    start = time.perf_counter()
    child = subprocess.Popen([binary, *command, path], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    written = [0]

    def count():
        while True:
            chunk = child.stdout.read(1 << 16)
            if not chunk:
                break
            written[0] += len(chunk)

    reader = threading.Thread(target=count)
    reader.start()
    timer = threading.Timer(limit, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    timer.cancel()
    reader.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if elapsed >= limit:
        return None
    return elapsed, usage.ru_maxrss, written[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "claimmark"))
    ap.add_argument("--only", help="comma-separated shape names")
    ap.add_argument("--limit", type=float, default=20.0)
    args = ap.parse_args()
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"scaling: no claimmark binary at {args.bin} (cargo build --release)")
    names = args.only.split(",") if args.only else list(SHAPES)
    misses = []
    over_memory = []
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'shape':20} {'k':>7} {'bytes':>10} {'seconds':>8} {'t ratio':>8} {'peak MB':>8}"
              f" {'bound MB':>8} {'out MB':>8}")
        for name in names:
            command, base, generate = SHAPES[name]
            previous = None
            for factor in (1, 2, 4, 8):
                k = base * factor
                path = os.path.join(tmp, f"{name}.{k}.md")
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(generate(k))
                size = os.path.getsize(path)
                result = run(args.bin, command, path, args.limit)
                os.remove(path)
                if result is None:
                    print(f"{name:20} {k:>7} {size:>10} {'>' + str(args.limit):>8}  MISS (timeout)")
                    misses.append(name)
                    break
                seconds, rss, written = result
                ratio = seconds / max(previous, 0.005) if previous is not None else None
                verdict = ""
                if factor == 8 and ratio is not None and ratio > 3 and seconds > 0.5:
                    verdict = "  MISS"
                    misses.append(name)
                bound = memory_bound(size)
                if rss * 1024 > bound:
                    verdict += "  MEM"
                    if name not in over_memory:
                        over_memory.append(name)
                shown = f"{ratio:8.2f}" if ratio is not None else " " * 8
                print(f"{name:20} {k:>7} {size:>10} {seconds:8.2f} {shown} {rss / 1024:8.0f}"
                      f" {bound / 2**20:8.0f} {written / 2**20:8.1f}{verdict}")
                previous = seconds
    print(f"\n{len(names) - len(misses)} of {len(names)} shapes scale linearly"
          + (f"; super-linear: {', '.join(misses)}" if misses else ""))
    print(f"{len(names) - len(over_memory)} of {len(names)} shapes within the memory bound"
          f" (40 MB + 32 B per input byte)"
          + (f"; over it: {', '.join(over_memory)}" if over_memory else ""))


if __name__ == "__main__":
    main()
