//! Helpers shared by the command-line tests: running the real binary.

// Each test crate compiles this module on its own and uses only some of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The crate root, where `examples/` and `tests/fixtures/` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `claimmark` in `dir` with `args`, feeding `stdin` if given (no colour).
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimmark");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        // A command that fails on its arguments exits before reading: a broken pipe then
        // is expected, and the exit code tells the story.
        let _ = pipe.write_all(input);
    }
    child.wait_with_output().expect("wait for claimmark")
}
