#!/usr/bin/env python3
"""False alarms and recall of plain-number-conflict on real articles.

    bench/plain-numbers.py [--dir /work/data/allsides-txt] [--n 2000] [--seed 21]
                           [--bin target/release/claimmark] [--out FILE.tsv]

1. False alarms: lints a seeded sample of unmodified articles and prints every
   plain-number-conflict finding (file, line, message) to be read by hand.
2. Recall: exports each article, takes every plain-copy link that holds, and perturbs
   the article the way writers err -- a relative date off by five years ("10 years
   ago" -> "15 years ago"), an absolute year moved by six, a total raised by half --
   then lints the perturbed copy (in a temporary directory) and counts the
   perturbations that plain-number-conflict reports.

3. With --manual TSV (columns file, old, new, what): applies each hand-made
   perturbation to its draft in --dir (invented drafts, such as
   bench/plain-numbers-drafts/perturbations.tsv) and counts those reported. Unlike 2.,
   this includes links the reader fails to make, so it measures what it misses.

The TSV written with --out holds file names, byte offsets and the numbers changed,
never article text, so it can be committed.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "a": 1, "a decade": 10,
}


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def export(binary, path):
    r = run([binary, "export", "--to", "json", "--isolated", path])
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        print(f"export failed: {path}: {r.stderr[:200]}", file=sys.stderr)
        return None


def findings(binary, paths):
    out = []
    for start in range(0, len(paths), 500):
        r = run([binary, "lint", "--isolated", "--format", "json-lines", "--exit-zero"]
                + paths[start:start + 500])
        for line in r.stdout.splitlines():
            try:
                j = json.loads(line)
            except json.JSONDecodeError:
                continue
            if j.get("rule") == "plain-number-conflict":
                out.append(j)
    return out


def perturb(text, link):
    """(new text, offset, old, new) for one holding link, or None."""
    data = text.encode("utf-8")
    if link["kind"] == "same-event":
        # Move the absolute year by six ("in 2009" -> "in 2003"); else a relative
        # offset by five ("10 years ago" -> "15 years ago"). A day of the month is never
        # changed: "July 30" -> "July 35" is no date at all.
        for m in (link["first"], link["second"]):
            span = m["phrase"]
            found = re.search(r"(1[89]|20)\d\d", span["text"])
            if found and not m["relative_date"]:
                new = str(int(found.group()) - 6)
                start = span["start"] + len(span["text"][:found.start()].encode())
                end = start + len(found.group().encode())
                return data[:start] + new.encode() + data[end:], start, found.group(), new
        for m in (link["first"], link["second"]):
            span = m["phrase"]
            found = re.search(r"\d+", span["text"])
            if m["relative_date"] and found and "ago" in span["text"]:
                new = str(int(found.group()) + 5)
                start = span["start"] + len(span["text"][:found.start()].encode())
                end = start + len(found.group().encode())
                return data[:start] + new.encode() + data[end:], start, found.group(), new
        return None
    # Parts and a total: raise the total by half.
    span = link["second"]["phrase"]
    found = re.search(r"\d[\d,]*", span["text"])
    if not found:
        return None
    old = found.group()
    value = int(old.replace(",", ""))
    new = f"{int(value * 1.5):,}" if "," in old else str(int(value * 1.5))
    start = span["start"] + len(span["text"][:found.start()].encode())
    end = start + len(old.encode())
    return data[:start] + new.encode() + data[end:], start, old, new


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/work/data/allsides-txt")
    ap.add_argument("--n", type=int, default=2000, help="sample size; 0 = every file")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--bin", default="target/release/claimmark")
    ap.add_argument("--out")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--manual", help="hand-made perturbations (file, old, new, what)")
    args = ap.parse_args()

    files = sorted(f for f in os.listdir(args.dir) if f.endswith((".md", ".txt")))
    sample = files if args.n == 0 else random.Random(args.seed).sample(files, args.n)
    paths = [os.path.join(args.dir, f) for f in sample]

    alarms = findings(args.bin, paths)
    print(f"# false alarms: {len(alarms)} plain-number-conflict findings on {len(paths)} "
          f"unmodified articles (seed {args.seed})")
    for a in alarms:
        print(f"finding\t{os.path.basename(a['path'])}\t{a['offset']}\t{a['message']}")

    with ThreadPoolExecutor(args.j) as pool:
        exports = list(pool.map(lambda p: (p, export(args.bin, p)), paths))
    links = [(p, l) for p, e in exports if e for l in e["plain_links"]]
    holding = [(p, l) for p, l in links if l["status"] == "holds"]
    print(f"# links: {len(links)} in {len(paths)} articles, {len(holding)} holding")

    rows = []
    caught = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (path, link) in enumerate(holding):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            p = perturb(text, link)
            if p is None:
                continue
            data, offset, old, new = p
            target = os.path.join(tmp, f"{i}-{os.path.basename(path)}")
            with open(target, "wb") as f:
                f.write(data)
            hit = bool(findings(args.bin, [target]))
            caught += hit
            rows.append((os.path.basename(path), link["kind"], offset, old, new, hit))
    print(f"# recall: {caught} of {len(rows)} perturbations caught")
    for row in rows:
        print("perturbation\t" + "\t".join(map(str, row)))
    if args.manual:
        manual(args)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("file\tkind\toffset\told\tnew\tcaught\n")
            for row in rows:
                f.write("\t".join(map(str, row)) + "\n")


def manual(args):
    with open(args.manual, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    caught = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, old, new, what in rows:
            with open(os.path.join(args.dir, name), encoding="utf-8") as f:
                text = f.read()
            if old not in text:
                print(f"manual\t{name}\tMISSING {old!r}")
                continue
            target = os.path.join(tmp, name)
            with open(target, "w", encoding="utf-8") as f:
                f.write(text.replace(old, new, 1))
            hit = bool(findings(args.bin, [target]))
            caught += hit
            print(f"manual\t{name}\t{old} -> {new}\t{what}\t{'caught' if hit else 'MISSED'}")
    print(f"# hand-made perturbations: {caught} of {len(rows)} caught")


if __name__ == "__main__":
    main()
