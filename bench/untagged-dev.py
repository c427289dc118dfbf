#!/usr/bin/env python3
"""The hand-labelled `untagged-assertion` dev set on AllSides: choose, segment, score.

The labels (`bench/untagged-dev/labels.tsv`) hold file names, byte offsets, a label and a
category only, never article text: the text is rebuilt from a snapshot of
ramybaly/Article-Bias-Prediction by `bench/allsides.py`. Sentences are segmented and
labelled under `../shared/eval/untagged/guideline.md`.

    # choose articles with a seed and write their sentences for labelling
    python3 bench/untagged-dev.py choose DRAFTS_DIR WORK_DIR --seed 20261204 --count 30
    # score the rule (or any claimmark binary) against the labels
    python3 bench/untagged-dev.py score DRAFTS_DIR [--labels bench/untagged-dev/labels.tsv]
        [--binary target/release/claimmark] [--config FILE] [--split dev|check|all]

`score` prints precision and recall over POS and NEG sentences (UNSURE left out), recall
per POS category and the false alarms per NEG category; a sentence is flagged when any
`untagged-assertion` finding's byte range overlaps it. `--confidence X` scores findings
of at least that confidence only, to calibrate `min-confidence`.
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LABELS = os.path.join(HERE, "untagged-dev", "labels.tsv")

# The guideline's abbreviation list: no split after these.
ABBREVIATIONS = set(
    """Mr Mrs Ms Dr Sen Rep Gov Gen Lt St Jr Sr Prof Col Sgt Capt Cmdr Adm Maj Rev Hon
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec a.m p.m Inc Co Corp Ltd vs No
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo
    Mont Neb Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Vt Va Wash W.Va
    Wis Wyo U.S U.N D.C U.K E.U""".split()
)
CLOSERS = "\"'”’)]»"
OPENERS = "\"'“‘([«"


def split_sentences(text):
    """[start, end) character ranges of the guideline's sentences in `text`.

    Front matter is skipped; every line is a block; inside a line a split comes after
    `.`, `?` or `!` plus closing quotes or brackets when whitespace and then an uppercase
    letter or an opening quote follow, except after a listed abbreviation, a single
    capital initial or a dotted acronym.
    """
    spans = []
    pos = 0
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            pos = end + 5
    for line_match in re.finditer(r"[^\n]+", text[pos:]):
        line_start = pos + line_match.start()
        line = line_match.group(0)
        start = 0
        i = 0
        while i < len(line):
            ch = line[i]
            if ch in ".?!":
                j = i + 1
                while j < len(line) and line[j] in CLOSERS:
                    j += 1
                k = j
                while k < len(line) and line[k] in " \t":
                    k += 1
                if k > j and k < len(line) and (line[k].isupper() or line[k] in OPENERS):
                    if ch != "." or not no_split_after(line, i):
                        spans.append((line_start + start, line_start + j))
                        start = k
                        i = k
                        continue
            i += 1
        spans.append((line_start + start, line_start + len(line)))
    out = []
    for s, e in spans:
        piece = text[s:e]
        s += len(piece) - len(piece.lstrip())
        e -= len(piece) - len(piece.rstrip())
        if e > s:
            out.append((s, e))
    return out


def no_split_after(line, dot):
    """Whether the `.` at `dot` ends an abbreviation, an initial or a dotted acronym."""
    j = dot
    while j > 0 and not line[j - 1].isspace() and line[j - 1] not in OPENERS:
        j -= 1
    word = line[j:dot]
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True
    # A dotted acronym: "U.S", "F.B.I"
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


def byte_offsets(text, spans):
    """Character ranges → byte ranges in the UTF-8 encoding of `text`."""
    out = []
    for s, e in spans:
        bs = len(text[:s].encode("utf-8"))
        out.append((bs, bs + len(text[s:e].encode("utf-8"))))
    return out


def choose(args):
    names = sorted(n for n in os.listdir(args.drafts) if n.endswith(".md"))
    rng = random.Random(args.seed)
    chosen = []
    for name in rng.sample(names, len(names)):
        text = open(os.path.join(args.drafts, name), encoding="utf-8").read()
        n = len(split_sentences(text))
        if args.min_sentences <= n <= args.max_sentences:
            chosen.append(name)
        if len(chosen) == args.count:
            break
    os.makedirs(args.work, exist_ok=True)
    for name in chosen:
        text = open(os.path.join(args.drafts, name), encoding="utf-8").read()
        raw = text.encode("utf-8")
        spans = split_sentences(text)
        with open(os.path.join(args.work, name + ".sentences.tsv"), "w", encoding="utf-8") as f:
            for (cs, ce), (bs, be) in zip(spans, byte_offsets(text, spans)):
                assert raw[bs:be].decode("utf-8") == text[cs:ce]
                f.write(f"{name}\t{bs}\t{be}\t{text[cs:ce]}\n")
    print("\n".join(chosen))


def read_labels(path, split):
    rows = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        name, start, end, label, category = parts[:5]
        row_split = parts[5] if len(parts) > 5 else "dev"
        if split != "all" and row_split != split:
            continue
        rows.append((name, int(start), int(end), label, category))
    return rows


def findings(binary, drafts, names, config, min_confidence):
    """Byte ranges of `untagged-assertion` findings per file name."""
    paths = [os.path.join(drafts, n) for n in sorted(names)]
    cmd = [binary, "lint", "--format", "json-lines", "--exit-zero"]
    cmd += ["--config", config] if config else ["--isolated"]
    proc = subprocess.run(cmd + paths, capture_output=True, text=True)
    if proc.returncode not in (0,):
        sys.exit(f"claimmark lint failed ({proc.returncode}):\n{proc.stderr}")
    out = collections.defaultdict(list)
    for line in proc.stdout.splitlines():
        d = json.loads(line)
        if d.get("rule") != "untagged-assertion":
            continue
        if d.get("confidence", 1.0) < min_confidence:
            continue
        ranges = [(d["offset"], d["offset"] + max(d["length"], 1))]
        for label in d.get("labels", []):
            ranges.append((label["offset"], label["offset"] + max(label["length"], 1)))
        out[os.path.basename(d["path"])].append((min(r[0] for r in ranges), max(r[1] for r in ranges), d))
    return out


def score(args):
    rows = read_labels(args.labels, args.split)
    names = {r[0] for r in rows}
    for name in names:
        path = os.path.join(args.drafts, name)
        if not os.path.exists(path):
            sys.exit(f"{path}: missing; lay the corpus out with bench/allsides.py")
    found = findings(args.binary, args.drafts, names, args.config, args.confidence)
    tp = fp = fn = tn = 0
    pos_cat = collections.Counter()
    pos_hit = collections.Counter()
    neg_cat = collections.Counter()
    neg_hit = collections.Counter()
    misses, alarms = [], []
    for name, start, end, label, category in rows:
        if label == "UNSURE":
            continue
        flagged = [d for s, e, d in found.get(name, []) if s < end and start < e]
        if label == "POS":
            pos_cat[category] += 1
            if flagged:
                tp += 1
                pos_hit[category] += 1
            else:
                fn += 1
                misses.append((name, start, end, category))
        else:
            neg_cat[category] += 1
            if flagged:
                fp += 1
                neg_hit[category] += 1
                alarms.append((name, start, end, category, flagged[0]["message"]))
            else:
                tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles {len(names)}  sentences {len(rows)}  POS {tp + fn}  NEG {fp + tn}")
    print(f"flagged {tp + fp}  precision {p:.3f} ({tp}/{tp + fp})  recall {r:.3f} ({tp}/{tp + fn})  F1 {f:.3f}")
    print("recall by category:")
    for cat, n in pos_cat.most_common():
        print(f"  {cat:18} {pos_hit[cat]:4}/{n:<4} {pos_hit[cat] / n:.2f}")
    print("false alarms by category:")
    for cat, n in neg_cat.most_common():
        print(f"  {cat:18} {neg_hit[cat]:4}/{n:<4}")
    if args.show:
        for name, start, end, category in misses:
            print("MISS", category, name, start, end, sentence_text(args.drafts, name, start, end))
        for name, start, end, category, message in alarms:
            print("ALARM", category, name, start, end, message, "||", sentence_text(args.drafts, name, start, end))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"precision": p, "recall": r, "tp": tp, "fp": fp, "fn": fn}, f)


def sentence_text(drafts, name, start, end):
    raw = open(os.path.join(drafts, name), "rb").read()
    return raw[start:end].decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("choose")
    c.add_argument("drafts")
    c.add_argument("work")
    c.add_argument("--seed", type=int, required=True)
    c.add_argument("--count", type=int, default=30)
    c.add_argument("--min-sentences", type=int, default=8)
    c.add_argument("--max-sentences", type=int, default=80)
    s = sub.add_parser("score")
    s.add_argument("drafts")
    s.add_argument("--labels", default=DEFAULT_LABELS)
    s.add_argument("--binary", default=os.path.join(HERE, "..", "target", "release", "claimmark"))
    s.add_argument("--config")
    s.add_argument("--split", default="dev", choices=["dev", "check", "all"])
    s.add_argument("--confidence", type=float, default=0.0)
    s.add_argument("--show", action="store_true", help="print every miss and false alarm (text stays on screen)")
    s.add_argument("--json")
    args = ap.parse_args()
    {"choose": choose, "score": score}[args.command](args)


if __name__ == "__main__":
    main()
