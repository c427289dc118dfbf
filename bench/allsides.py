#!/usr/bin/env python3
"""Lay the AllSides corpus (Article-Bias-Prediction, `data/jsons/*.json`) out as drafts.

    python3 bench/allsides.py MIRROR OUT_DIR

MIRROR is the git directory of a snapshot of ramybaly/Article-Bias-Prediction (a bare
repository is fine: files are read with `git cat-file`, no work tree is needed). Each
article's `content_original` is written to `OUT_DIR/<ID>.md` behind a front matter that
carries its `date` as `published:`, so the date rules and relative dates have an anchor.
The text is never committed to this repository: dev sets under `bench/` name files and
byte offsets into these drafts only. The layout is deterministic, so the offsets hold for
anyone who rebuilds it from the same snapshot.
"""
import json
import os
import subprocess
import sys


def draft(article):
    """The draft for one article: front matter, a blank line, then the text as published."""
    return f"---\npublished: {article['date']}\n---\n\n{article['content_original']}\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    mirror, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    names = subprocess.run(
        ["git", "-C", mirror, "ls-tree", "-r", "--name-only", "HEAD", "data/jsons/"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    batch = subprocess.Popen(
        ["git", "-C", mirror, "cat-file", "--batch"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )
    written = 0
    for name in names:
        batch.stdin.write(f"HEAD:{name}\n".encode())
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            print(f"{name}: not in the snapshot", file=sys.stderr)
            continue
        body = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)  # the newline after each object
        article = json.loads(body)
        path = os.path.join(out, f"{article['ID']}.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(draft(article))
        written += 1
    batch.stdin.close()
    batch.wait()
    print(f"{written} drafts in {out}")


if __name__ == "__main__":
    main()
