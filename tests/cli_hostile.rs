//! Hostile input at the command line: what a pathological draft may cost in output, and
//! how bad files are reported. The real binary runs on `tests/fixtures/hostile` and on
//! drafts generated into temporary directories.

mod common;

use common::{root, run_in};
use serde_json::Value;

const HOSTILE: &str = "tests/fixtures/hostile";

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// `capped.md` has nine undefined sources and seven bare-brace pairs; its
/// `claimmark.toml` reports three findings of a rule, then one "and N more".
fn lint_capped(format: &str) -> std::process::Output {
    let dir = root().join(HOSTILE);
    run_in(&dir, &["lint", "--format", format, "capped.md"], None)
}

#[test]
fn capped_findings_in_every_format() {
    let concise = lint_capped("concise");
    assert_eq!(concise.status.code(), Some(1), "{}", stderr(&concise));
    insta::assert_snapshot!("capped_concise", stdout(&concise));

    let full = lint_capped("full");
    insta::assert_snapshot!("capped_full", stdout(&full));
    // The summary counts every finding, the ones left out too.
    assert!(
        stderr(&full).starts_with("1 file checked: 9 errors, 7 warnings, 0 info"),
        "{}",
        stderr(&full)
    );

    let json: Value = serde_json::from_str(&stdout(&lint_capped("json"))).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let of = |rule: &str| diagnostics.iter().filter(|d| d["rule"] == rule).count();
    assert_eq!((of("undefined-source"), of("bare-braces")), (4, 4));
    assert_eq!(json["summary"]["errors"], 9, "{}", json["summary"]);
    assert_eq!(json["summary"]["warnings"], 7);

    let lines = stdout(&lint_capped("json-lines"));
    assert_eq!(lines.lines().count(), diagnostics.len());
    assert!(lines.contains("and 6 more `undefined-source` findings"));

    for format in ["sarif", "github"] {
        let out = stdout(&lint_capped(format));
        assert!(
            out.contains("and 6 more `undefined-source` findings")
                && out.contains("and 4 more `bare-braces` findings"),
            "{format}: {out}"
        );
    }
}

/// A draft of one 100 KB line with findings at its start, middle and end.
fn one_long_line() -> String {
    let filler = "The council met again and nothing was decided about the budget. ";
    let mut line = String::from("{The agency cut jobs}@nobody:reported. ");
    while line.len() < 50_000 {
        line.push_str(filler);
    }
    line.push_str("{aside} ");
    while line.len() < 100_000 {
        line.push_str(filler);
    }
    line.push_str("{The mayor resigned}@somebody:reported.");
    format!("---\npublished: 2025-01-01\n---\n\n{line}\n")
}

#[test]
fn full_draws_a_window_of_a_long_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("long.md"), one_long_line()).unwrap();
    let output = run_in(
        dir.path(),
        &["lint", "--isolated", "--format", "full", "long.md"],
        None,
    );
    let out = stdout(&output);
    // Three findings on a 100 KB line: a few KB of output, not 300 KB.
    assert!(out.len() < 4_000, "{} bytes:\n{out}", out.len());
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
    insta::assert_snapshot!("long_line_full", out);
}

/// The window is drawn around each span wherever it is on the line, and the line and
/// column printed are the file's.
#[test]
fn full_windows_keep_the_file_positions() {
    let dir = tempfile::tempdir().unwrap();
    let text = one_long_line();
    let at = text.find("{aside}").unwrap();
    let column = at - text[..at].rfind('\n').unwrap();
    std::fs::write(dir.path().join("long.md"), &text).unwrap();
    let output = run_in(
        dir.path(),
        &["lint", "--isolated", "--format", "full", "long.md"],
        None,
    );
    let out = stdout(&output);
    assert!(out.contains(&format!("[long.md:5:{column}]")), "{out}");
    let concise = run_in(
        dir.path(),
        &["lint", "--isolated", "--format", "concise", "long.md"],
        None,
    );
    assert!(
        stdout(&concise).contains(&format!("long.md:5:{column}: warning[bare-braces]")),
        "{}",
        stdout(&concise)
    );
}
