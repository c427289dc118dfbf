//! `claimmark lint`, `rules` and `explain` on the command line: exit codes, stdin,
//! output formats, the rule table and rule docs.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    // A usage error exits before reading stdin; a broken pipe here is expected then.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const CLEAN: &str = "{Spending is low}@galeotti:reported.\n\n[@galeotti]: Mark Galeotti\n";
const WARNING_ONLY: &str = "{Spending is low}@galeotti:reported.\n\n[@galeotti]: Mark Galeotti\n[@kross]: Kristof Clerix\n";
const ERROR: &str = "{Spending is low}:reported.\n";

#[test]
fn exit_codes_follow_fail_on_and_exit_zero() {
    let code = |args: &[&str], input: &str| run(args, Some(input)).status.code();
    assert_eq!(code(&["lint", "-"], CLEAN), Some(0));
    assert_eq!(
        code(&["lint", "-"], WARNING_ONLY),
        Some(0),
        "warnings do not fail by default"
    );
    assert_eq!(
        code(&["lint", "--fail-on", "warning", "-"], WARNING_ONLY),
        Some(1)
    );
    assert_eq!(code(&["lint", "-"], ERROR), Some(1));
    assert_eq!(code(&["lint", "--exit-zero", "-"], ERROR), Some(0));
    assert_eq!(
        code(&["lint", "--format", "nonsense", "-"], CLEAN),
        Some(2),
        "usage errors exit 2"
    );
    assert_eq!(code(&["lint", "no/such/file.md"], ""), Some(2));
}

#[test]
fn stdin_with_a_filename() {
    let out = run(
        &[
            "lint",
            "--format",
            "concise",
            "--stdin-filename",
            "desk/draft.md",
            "-",
        ],
        Some(ERROR),
    );
    assert_eq!(
        text(&out.stdout),
        "desk/draft.md:1:2: error[unattributed-claim] claim is `:reported` but names no source\n"
    );
    let out = run(&["lint", "--format", "concise", "-"], Some(ERROR));
    assert!(text(&out.stdout).starts_with("<stdin>:1:2:"));
}

#[test]
fn non_utf8_stdin_is_reported_with_its_offset() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(["lint", "--format", "concise", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"ok \xff no")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stdout),
        "<stdin>:1:1: error[unreadable-file] cannot lint this file: it is not valid UTF-8: invalid byte sequence at byte offset 3\n"
    );
}

#[test]
fn concise_is_one_line_per_finding_and_full_has_a_summary() {
    let source = "{a}@x {b}@y {c}:sure\n";
    let out = run(&["lint", "--format", "concise", "-"], Some(source));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    assert!(
        stdout.lines().all(|l| l.starts_with("<stdin>:1:")),
        "{stdout}"
    );
    let full = run(
        &["lint", "--format", "full", "--color", "never", "-"],
        Some(source),
    );
    assert_eq!(
        text(&full.stderr).split(" in ").next().unwrap(),
        "1 file checked: 4 errors, 0 warnings, 0 info"
    );
    assert!(text(&full.stdout).contains("help: define it once on its own line: `[@x]: Full Name`"));
}

#[test]
fn json_has_exactly_the_documented_shape() {
    let source =
        "Intro.\n{Spending rose}@galeoti:reported, by {é}@x.\n\n[@galeotti]: Mark Galeotti\n";
    let out = run(
        &["lint", "--format", "json", "--stdin-filename", "d.md", "-"],
        Some(source),
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&value), ["diagnostics", "summary", "version"]);
    assert_eq!(value["version"], 1);
    let first = &value["diagnostics"][0];
    assert_eq!(
        keys(first),
        [
            "column",
            "end_column",
            "end_line",
            "fix",
            "help",
            "labels",
            "length",
            "line",
            "message",
            "offset",
            "path",
            "rule",
            "severity"
        ]
    );
    assert_eq!(first["path"], "d.md");
    assert_eq!(first["rule"], "undefined-source");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(17))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(2), Some(24))
    );
    assert_eq!(
        &source[first["offset"].as_u64().unwrap() as usize..][..7],
        "galeoti"
    );
    assert_eq!(first["fix"]["edits"][0]["replacement"], "galeotti");
    // `é` is two bytes but one column: columns count scalar values, lengths count bytes.
    let second = &value["diagnostics"][1];
    assert_eq!(second["rule"], "undefined-source");
    assert_eq!(second["column"], 42);
    let line_start = source.find('\n').unwrap() + 1;
    assert_eq!(
        second["offset"].as_u64().unwrap() as usize - line_start,
        42,
        "the offset counts bytes: `é` takes two, so byte 42 of the line is column 42"
    );
    assert_eq!(
        second["help"].as_str().unwrap(),
        "define it once on its own line: `[@x]: Full Name`"
    );
    assert!(second["fix"].is_null());
    assert_eq!(value["summary"]["files"], 1);
    assert_eq!(value["summary"]["errors"], 2);
}

#[test]
fn rules_table_and_explain() {
    let table = text(&run(&["rules"], None).stdout);
    insta::assert_snapshot!(table);
    let explained = run(&["explain", "unattributed-claim"], None);
    assert_eq!(explained.status.code(), Some(0));
    insta::assert_snapshot!(text(&explained.stdout));
    let unknown = run(&["explain", "unatributed-claim"], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        text(&unknown.stderr).trim(),
        "claimmark: unknown rule `unatributed-claim`; did you mean `unattributed-claim`?"
    );
}

/// `[untagged-assertion] numbers = "all"` asks a source for every figure (ages, clock
/// times, years in names) that the default leaves alone; sentences attributed in prose
/// or tagged stay quiet in both modes.
#[test]
fn numbers_check_flags_every_unsourced_figure() {
    let dir = common::root().join("tests/fixtures/numbers-check");
    let all = common::run_in(&dir, &["lint", "--format", "concise", "draft.md"], None);
    let all = text(&all.stdout);
    let default = common::run_in(
        &dir,
        &["lint", "--isolated", "--format", "concise", "draft.md"],
        None,
    );
    let default = text(&default.stdout);
    for figure in ["'7:45'", "'58'", "'9:30'", "'2011'"] {
        assert!(all.contains(figure), "{figure} not flagged:\n{all}");
        assert!(
            !default.contains(figure),
            "{figure} flagged by default:\n{default}"
        );
    }
    // The numbers check reports every statistic whatever its confidence; what the
    // default flags (its confident findings), the numbers check flags too.
    assert!(all.contains("statistic '12'"), "{all}");
    for line in default.lines() {
        assert!(all.contains(line), "numbers check lost `{line}`:\n{all}");
    }
    assert!(
        !all.contains("14 million"),
        "attributed sentence flagged:\n{all}"
    );
    assert!(!all.contains("40 days"), "tagged claim flagged:\n{all}");
    assert!(
        !all.contains(":23:"),
        "a counter ('Photo 3 of 12') flagged:\n{all}"
    );
    insta::assert_snapshot!(all);
}

/// Each cause of false alarms and misses the claim reader handles, on invented
/// sentences: furniture and carried sources stay quiet, public records and common
/// knowledge are classed (here reported as info), and the check-worthy kinds (a
/// characterisation, a motive, a prediction, an allegation, a ranking) are found with
/// their confidence. The fixture's config reports every proposal.
#[test]
fn untagged_assertion_reads_each_cause() {
    let dir = common::root().join("tests/fixtures/untagged");
    let full = common::run_in(
        &dir,
        &["lint", "--color", "never", "--format", "full", "causes.md"],
        None,
    );
    insta::assert_snapshot!("untagged_causes_full", text(&full.stdout));
    let lines = common::run_in(&dir, &["lint", "--format", "json-lines", "causes.md"], None);
    let lines = text(&lines.stdout);
    let confidences: Vec<String> = lines
        .lines()
        .map(|l| {
            let d: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{} {} {}", d["line"], d["severity"], d["confidence"])
        })
        .collect();
    insta::assert_snapshot!("untagged_causes_confidence", confidences.join("\n"));
    // At the default threshold, the reader keeps only its confident findings, and
    // never reports page furniture or a sentence whose source came just before it.
    let default = common::run_in(
        &dir,
        &["lint", "--isolated", "--format", "concise", "causes.md"],
        None,
    );
    let default = text(&default.stdout);
    for quiet in [":7:", ":9:", ":18:"] {
        assert!(
            !default.contains(&format!("causes.md{quiet}")),
            "{quiet} flagged:\n{default}"
        );
    }
    // Furniture is never proposed, whatever the threshold.
    assert!(!lines.contains("\"line\":7,"), "{lines}");
    assert!(!lines.contains("\"line\":9,"), "{lines}");
}
