#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit.
#
# usage: tests/precommit/run.sh [--fast] [--snapshot]
#
#   (default)   the real thing: a scratch repository whose .pre-commit-config.yaml
#               points at this repository (`repo: <its path>`, `rev: <its HEAD>`);
#               pre-commit clones it at that commit and builds the hook with
#               `cargo install` (language: rust). A cold build takes minutes.
#   --fast      the same hook (id, name, entry, types_or, require_serial read from
#               .pre-commit-hooks.yaml) as a `repo: local` hook with language: system,
#               run against the dev-profile binary cargo builds in this checkout. Checks everything
#               but pre-commit's own cargo install; seconds once the binary is built.
#   --snapshot  test the working tree instead of HEAD (like `pre-commit try-repo`): copy
#               its files (tracked, and untracked ones not ignored) into a scratch
#               clone and commit them there (this repository is not touched), and point
#               the scratch config at that commit. For a .pre-commit-hooks.yaml or a
#               source change that is not committed yet.
#
# Each mode checks that the hook FAILS a draft with an unattributed claim (exit 1, the
# concise finding printed) and PASSES a clean draft, with `pre-commit run` and with a
# real `git commit` through the installed git hook. Needs python3 (venv), git and cargo;
# pip installs pre-commit from PyPI into a temporary virtualenv.
set -euo pipefail

fast=0
snapshot=0
for arg in "$@"; do
  case "$arg" in
    --fast) fast=1 ;;
    --snapshot) snapshot=1 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "precommit: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
if [ "$fast" -eq 0 ] && [ "$snapshot" -eq 0 ] && ! git -C "$root" cat-file -e HEAD:.pre-commit-hooks.yaml 2>/dev/null; then
  echo "precommit: FAIL: .pre-commit-hooks.yaml is not in HEAD's tree; commit it, or run with --snapshot or --fast" >&2
  exit 1
fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/claimmark-precommit.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
started=$SECONDS
phase_start=$SECONDS
phase() {
  echo "precommit: $1 ($((SECONDS - phase_start)) s)"
  phase_start=$SECONDS
}
fail() {
  echo "precommit: FAIL: $1" >&2
  exit 1
}

# Identity and settings for the scratch repositories only; nothing global is touched.
export GIT_AUTHOR_NAME=precommit-test GIT_AUTHOR_EMAIL=precommit-test@example.invalid
export GIT_COMMITTER_NAME=precommit-test GIT_COMMITTER_EMAIL=precommit-test@example.invalid
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$tmp/gitconfig"
: > "$GIT_CONFIG_GLOBAL"
export PRE_COMMIT_HOME="$tmp/cache" PRE_COMMIT_COLOR=never

python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
precommit="$tmp/venv/bin/pre-commit"
phase "pre-commit $("$precommit" --version | cut -d' ' -f2) installed in a virtualenv"

repo="$root"
if [ "$snapshot" -eq 1 ]; then
  [ -f "$root/.pre-commit-hooks.yaml" ] || fail "$root/.pre-commit-hooks.yaml not found"
  git clone --quiet --no-hardlinks "$root" "$tmp/snapshot"
  git -C "$tmp/snapshot" rm -r --quiet -- .
  (cd "$root" && git ls-files -z --cached --others --exclude-standard) \
    | (cd "$root" && while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done) \
    | (cd "$root" && tar --null -T - -cf -) | tar -xf - -C "$tmp/snapshot"
  git -C "$tmp/snapshot" add -A
  git -C "$tmp/snapshot" commit --quiet --allow-empty -m "snapshot of the working tree"
  repo="$tmp/snapshot"
fi
rev="$(git -C "$repo" rev-parse HEAD)"

work="$tmp/drafts"
git init --quiet "$work"
if [ "$fast" -eq 1 ]; then
  # Build the binary the local hook runs (the dev profile, which `cargo test` has
  # already built in CI); put it first on PATH as `claimmark`.
  (cd "$root" && cargo build --quiet --bin claimmark)
  bin_dir="${CARGO_TARGET_DIR:-$root/target}/debug"
  case "$bin_dir" in /*) ;; *) bin_dir="$root/$bin_dir" ;; esac
  export PATH="$bin_dir:$PATH"
  phase "built $bin_dir/claimmark"
  # The hook definition, exactly as published, with language: system (no cargo install).
  "$tmp/venv/bin/python" - "$root/.pre-commit-hooks.yaml" "$work/.pre-commit-config.yaml" <<'PY'
import sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
hook = next(h for h in hooks if h["id"] == "claimmark")
assert hook["language"] == "rust", hook
hook = dict(hook, language="system")
yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, open(sys.argv[2], "w"), sort_keys=False)
PY
else
  cat > "$work/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks: [{id: claimmark}]
YAML
fi
echo "precommit: .pre-commit-config.yaml:"
sed 's/^/    /' "$work/.pre-commit-config.yaml"

cd "$work"
# A draft with an unattributed claim (an error), and a text file with none of the hook's
# types, which must not be passed to the hook.
printf 'Council news.\n\n{The mayor resigned}:confirmed on Monday.\n' > bad.md
printf '{not a draft}:confirmed\n' > notes.json
printf -- '---\ntitle: Mayor resigns\npublished: 2025-01-06\n---\n{The mayor resigned}@council:confirmed on Monday.\n\n[@council]: City council\n  kind: organization\n' > good.md
printf 'Plain wire copy, nothing tagged.\n' > wire.txt
git add .pre-commit-config.yaml bad.md good.md notes.json wire.txt

# First run: pre-commit installs the hook's environment (for language: rust, cargo
# install of the repository at rev), then runs it.
set +e
"$precommit" run --files bad.md notes.json > "$tmp/bad.out" 2>&1
status=$?
set -e
sed 's/^/    /' "$tmp/bad.out"
phase "pre-commit run on the bad draft exited $status (includes installing the hook environment)"
[ "$status" -eq 1 ] || fail "expected exit 1 on the bad draft, got $status"
grep -q '^bad\.md:3:2: error\[unattributed-claim\]' "$tmp/bad.out" || fail "the concise finding for bad.md was not printed"
if grep -q 'notes\.json' "$tmp/bad.out"; then fail "notes.json was passed to the hook"; fi

set +e
"$precommit" run --files good.md wire.txt > "$tmp/good.out" 2>&1
status=$?
set -e
sed 's/^/    /' "$tmp/good.out"
phase "pre-commit run on the good draft exited $status"
[ "$status" -eq 0 ] || fail "expected exit 0 on the good draft, got $status"

# The real flow: the git hook blocks a commit of the bad draft and lets the good one in.
"$precommit" install --install-hooks > /dev/null
git rm --cached --quiet bad.md notes.json
if git commit --quiet -m "good draft" > "$tmp/commit-good.out" 2>&1; then
  :
else
  cat "$tmp/commit-good.out"
  fail "git commit of the good draft was blocked"
fi
git add bad.md
if git commit --quiet -m "bad draft" > "$tmp/commit-bad.out" 2>&1; then
  fail "git commit of the bad draft went through"
fi
grep -q '^bad\.md:3:2: error\[unattributed-claim\]' "$tmp/commit-bad.out" || { cat "$tmp/commit-bad.out"; fail "the blocked commit did not print the finding"; }
phase "git commit: good draft committed, bad draft blocked"

echo "precommit: OK ($([ "$fast" -eq 1 ] && echo fast || echo full) mode, $((SECONDS - started)) s in all)"
