//! Output into a closed pipe (`claimmark rules | head -1`) ends every command quietly:
//! no panic, no error message, and never exit code 101.

use std::io::Read;
use std::process::{Command, Stdio};

mod common;

/// Runs the binary with its standard output closed by the reader before the command
/// writes (a large output makes sure a write meets the closed pipe), and returns
/// (exit code, stderr).
fn closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(args)
        .current_dir(common::root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut stderr)
        .expect("stderr is UTF-8");
    let status = child.wait().expect("the binary ends");
    (status.code(), stderr)
}

#[test]
fn every_command_ends_quietly_on_a_closed_pipe() {
    let big = std::env::temp_dir().join(format!("claimmark-pipe-{}.md", std::process::id()));
    // Large enough that no command's output fits in a pipe's buffer.
    let draft = "The port lost {43,000}#boxes containers, the audit said.\n\n".repeat(4_000);
    std::fs::write(&big, draft).unwrap();
    let big = big.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["rules"],
        &["explain", "unattributed-claim"],
        &["lint", "--format", "json", big],
        &["lint", "--format", "full", big],
        &["strip", big],
        &["parse", "--format", "json", big],
        &["export", "--to", "json", big],
        &["suggest", big],
        &["config", "--show"],
    ];
    for args in commands {
        let (code, stderr) = closed_stdout(args);
        assert_ne!(code, Some(101), "{args:?} panicked:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}:\n{stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}:\n{stderr}");
    }
    std::fs::remove_file(big).ok();
}
