#!/usr/bin/env python3
"""Fit the confidence model of `untagged-assertion` on the hand-labelled dev set.

    python3 bench/fit-untagged.py DRAFTS_DIR [--binary target/release/claimmark]
        [--write src/prose/claims/weights.txt] [--target-precision 0.85]

Every sentence the claim reader proposes (`export`'s `assertions`, whatever their
confidence) is matched with its label in `bench/untagged-dev/labels.tsv`; a logistic
regression over the reader's features is fitted on the **dev** split (POS = 1, NEG = 0,
UNSURE left out) and scored on both splits. It prints precision and recall at each
`min-confidence` (recall over every POS sentence of the split, proposed or not) and the
lowest threshold whose dev precision reaches the target. `--write` stores the weights
where the binary reads them at build time. Standard library only; deterministic.
"""
import argparse
import collections
import json
import math
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def load_labels(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, start, end, label, category, split = line.rstrip("\n").split("\t")
        rows.append((name, int(start), int(end), label, category, split))
    return rows


def proposals(binary, drafts, names):
    out = {}
    for name in sorted(names):
        proc = subprocess.run(
            [binary, "export", "--to", "json", "--isolated", os.path.join(drafts, name)],
            capture_output=True, text=True, check=True,
        )
        out[name] = json.loads(proc.stdout)["assertions"]
    return out


def examples(rows, found):
    """(split, label, features or None) per POS/NEG sentence."""
    data = []
    for name, start, end, label, category, split in rows:
        if label == "UNSURE":
            continue
        hit = [a for a in found[name] if a["sentence"]["start"] < end and start < a["sentence"]["end"]]
        features = sorted({f for a in hit for f in a["features"]}) if hit else None
        data.append((split, 1 if label == "POS" else 0, features, category))
    return data


def fit(train, l2, steps=3000, rate=0.5):
    names = sorted({f for _, _, fs, _ in train for f in fs})
    w = {n: 0.0 for n in names}
    b = 0.0
    n = len(train)
    for _ in range(steps):
        gw = {k: 0.0 for k in names}
        gb = 0.0
        for _, y, fs, _ in train:
            z = b + sum(w[f] for f in fs)
            p = 1 / (1 + math.exp(-z))
            g = p - y
            gb += g
            for f in fs:
                gw[f] += g
        b -= rate * gb / n
        for k in names:
            w[k] -= rate * (gw[k] / n + l2 * w[k])
    return b, w


def confidence(b, w, fs):
    z = b + sum(w.get(f, 0.0) for f in fs)
    return 1 / (1 + math.exp(-z))


def curve(data, b, w, split):
    pos_total = sum(1 for s, y, _, _ in data if s == split and y == 1)
    scored = [(confidence(b, w, fs), y) for s, y, fs, _ in data if s == split and fs is not None]
    rows = []
    for t in [x / 100 for x in range(0, 100, 5)]:
        tp = sum(1 for c, y in scored if c >= t and y == 1)
        fp = sum(1 for c, y in scored if c >= t and y == 0)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / pos_total if pos_total else 0.0
        rows.append((t, tp, fp, p, r))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("drafts")
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "target", "release", "claimmark"))
    ap.add_argument("--labels", default=os.path.join(HERE, "untagged-dev", "labels.tsv"))
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--write")
    ap.add_argument("--target-precision", type=float, default=0.85)
    args = ap.parse_args()
    rows = load_labels(args.labels)
    found = proposals(args.binary, args.drafts, {r[0] for r in rows})
    data = examples(rows, found)
    train = [d for d in data if d[0] == "dev" and d[2] is not None]
    print(f"proposed dev sentences: {len(train)} ({sum(d[1] for d in train)} POS)")
    b, w = fit(train, args.l2)
    for split in ("dev", "check"):
        print(f"{split}: min-confidence  TP  FP  precision  recall")
        for t, tp, fp, p, r in curve(data, b, w, split):
            print(f"  {t:.2f}  {tp:4} {fp:4}  {p:.3f}  {r:.3f}")
    chosen = next((t for t, tp, fp, p, r in curve(data, b, w, "dev") if p >= args.target_precision and tp > 0), None)
    print(f"lowest min-confidence with dev precision >= {args.target_precision}: {chosen}")
    by_cat = collections.Counter(c for s, y, fs, c in data if s == "dev" and y == 1 and fs is None)
    print("dev POS never proposed, by category:", dict(by_cat))
    print(f"bias {b:+.3f}")
    for k in sorted(w, key=lambda k: -abs(w[k])):
        print(f"  {k:24} {w[k]:+.3f}")
    if args.write:
        with open(args.write, "w") as f:
            f.write("# The confidence model of untagged-assertion: a logistic regression over the reader's\n")
            f.write("# features (src/prose/claims.rs, FEATURE_NAMES). Written by bench/fit-untagged.py from\n")
            f.write("# the dev split of bench/untagged-dev/labels.tsv; a feature not listed weighs nothing.\n")
            f.write(f"bias {b:.4f}\n")
            for k in sorted(w):
                f.write(f"{k} {w[k]:.4f}\n")


if __name__ == "__main__":
    main()
