//! Each rule's fixture, linted by the real binary, pinned as a snapshot of the full
//! (miette) output; and the rule named by the fixture must fire in it.

use std::path::Path;
use std::process::Command;

fn lint(path: &Path, format: &str) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(["lint", "--color", "never", "--format", format])
        .arg(path)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (stdout, output.status.code().unwrap_or(-1))
}

#[test]
fn rule_fixtures() {
    insta::glob!("fixtures/rules/*.md", |path| {
        let rule = path.file_stem().unwrap().to_str().unwrap();
        let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let (concise, _) = lint(relative, "concise");
        assert!(
            concise.contains(&format!("[{rule}]")),
            "rule `{rule}` does not fire in its fixture:\n{concise}"
        );
        let (full, code) = lint(relative, "full");
        // Snapshots sit beside the fixtures: one folder per rule's evidence.
        insta::with_settings!({snapshot_path => "fixtures/rules/snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("exit code: {code}\n\n{full}"));
        });
    });
}
