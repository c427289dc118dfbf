//! The end-to-end draft (`tests/fixtures/end_to_end/draft.md`): a full annotated news
//! story linted by the real binary in the three main formats, each pinned as a snapshot
//! with the exit code. The draft is built to hold exactly these findings:
//!
//! * a relation that holds only because its values are approximate
//!   (`roughly 410,000` = `about 260,000` + `about 150,000`) — no finding;
//! * a relation that fails (`€48 million` stated, `€9 million` × 4 computed):
//!   `relation-mismatch`;
//! * a date that conflicts once the publication date is known (`10 years ago` in a story
//!   published on 2019-06-01 against `in 2005`): `number-conflict`;
//! * an undefined source (`undefined-source`) and an unused one (`unused-source`).

use std::process::Command;

const DRAFT: &str = "tests/fixtures/end_to_end/draft.md";

/// `claimmark lint --color never --format FORMAT draft.md`, from the crate root:
/// stdout and the exit code.
fn lint(format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "--color", "never", "--format", format, DRAFT])
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    format!(
        "exit code: {}\n\n{stdout}",
        output.status.code().unwrap_or(-1)
    )
}

#[test]
fn full() {
    insta::assert_snapshot!(lint("full"));
}

#[test]
fn concise() {
    insta::assert_snapshot!(lint("concise"));
}

#[test]
fn json() {
    let out = lint("json");
    // The JSON is well formed and lists the intended findings, in order.
    let json: serde_json::Value =
        serde_json::from_str(out.split_once("\n\n").unwrap().1).expect("valid JSON");
    let rules: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "undefined-source",
            "number-conflict",
            "unused-source",
            "relation-mismatch"
        ]
    );
    insta::assert_snapshot!(out);
}
