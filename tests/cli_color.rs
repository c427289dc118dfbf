//! Colour follows the conventions: `--color always`/`never` win; under `auto`,
//! NO_COLOR set and non-empty turns colour off, CLICOLOR_FORCE turns it on even into a
//! pipe, and an empty NO_COLOR is no request at all.

use std::process::Command;

fn coloured(env: &[(&str, &str)], color: &str) -> bool {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
    command
        .args(["lint", "--format", "full", "--color", color])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/unattributed-claim.md"
        ))
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("the binary runs");
    out.stdout.windows(2).any(|w| w == b"\x1b[")
}

#[test]
fn colour_follows_no_color_and_clicolor_force() {
    assert!(!coloured(&[], "auto"), "a pipe gets no colour");
    assert!(coloured(&[("CLICOLOR_FORCE", "1")], "auto"));
    assert!(coloured(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")],
        "auto"
    ));
    assert!(!coloured(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        "auto"
    ));
    assert!(!coloured(&[("CLICOLOR_FORCE", "0")], "auto"));
    assert!(coloured(&[("NO_COLOR", "1")], "always"));
    assert!(!coloured(&[("CLICOLOR_FORCE", "1")], "never"));
}
