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

    // `config --show` says which cap applies.
    let shown = run_in(
        &root().join(HOSTILE),
        &["config", "--show", "capped.md"],
        None,
    );
    assert!(
        stdout(&shown).contains("\nmax-findings-per-rule = 3\n"),
        "{}",
        stdout(&shown)
    );

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

/// Bad files next to a good one: each is one `unreadable-file` finding with a clear
/// reason, the good one is linted, the exit code is 2; and every command words a bad
/// file the same way.
#[cfg(unix)]
#[test]
fn bad_files_never_stop_a_run() {
    use std::os::unix::fs::{PermissionsExt, symlink};

    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    std::fs::write(path("good.md"), "{Jobs were cut}@nobody:reported.\n").unwrap();
    // A NUL far past the first 8 KiB.
    let mut nul = "Plain words. ".repeat(1_000).into_bytes();
    nul.extend(b"\0 and more\n");
    std::fs::write(path("nul.md"), &nul).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Hi\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(path("utf16.md"), utf16).unwrap();
    symlink("loop-b.md", path("loop-a.md")).unwrap();
    symlink("loop-a.md", path("loop-b.md")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(path("fifo.md"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::write(path("big.md"), "x".repeat(30_000)).unwrap();
    std::fs::write(path("claimmark.toml"), "[files]\nmax-size = 20000\n").unwrap();
    std::fs::write(path("secret.md"), "text\n").unwrap();
    std::fs::set_permissions(path("secret.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything: then the unreadable file is not part of the test.
    let unreadable = std::fs::read(path("secret.md")).is_err();

    let files = [
        "big.md",
        "fifo.md",
        "good.md",
        "loop-a.md",
        "missing.md",
        "nul.md",
        "secret.md",
        "utf16.md",
    ];
    let mut args = vec!["lint", "--format", "concise"];
    args.extend(files);
    let output = run_in(dir.path(), &args, None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let out = stdout(&output);
    let reason = |file: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{file}:1:1: error[unreadable-file]")))
            .unwrap_or_else(|| panic!("no unreadable-file for {file}:\n{out}"))
            .split("cannot lint this file: ")
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_eq!(
        reason("big.md"),
        "it is 30000 bytes, over the limit of 20000 (files.max-size)"
    );
    assert_eq!(
        reason("fifo.md"),
        "it is a FIFO (named pipe), not a regular file"
    );
    assert_eq!(
        reason("loop-a.md"),
        "it is a symbolic link loop (too many levels of symbolic links)"
    );
    assert_eq!(reason("missing.md"), "no such file or directory");
    assert_eq!(
        reason("nul.md"),
        "it looks binary (a NUL byte at byte offset 13000)"
    );
    assert_eq!(
        reason("utf16.md"),
        "it is UTF-16 (a little-endian byte-order mark); save it as UTF-8"
    );
    if unreadable {
        assert_eq!(reason("secret.md"), "permission denied");
    }
    assert!(
        out.contains("good.md:1:17: error[undefined-source]"),
        "{out}"
    );

    // The other commands read through the same path and say the same.
    for command in ["strip", "parse", "export", "suggest"] {
        for (file, bad) in [
            (
                "nul.md",
                "it looks binary (a NUL byte at byte offset 13000)",
            ),
            ("loop-a.md", "it is a symbolic link loop"),
            ("fifo.md", "it is a FIFO (named pipe), not a regular file"),
        ] {
            let output = run_in(dir.path(), &[command, file], None);
            assert_eq!(output.status.code(), Some(2), "{command} {file}");
            assert!(
                stderr(&output).starts_with(&format!("claimmark: {file}: cannot read: {bad}")),
                "{command} {file}: {}",
                stderr(&output)
            );
        }
    }
    // `strip` goes on past a bad file, prints the others, and exits 2.
    let output = run_in(dir.path(), &["strip", "good.md", "nul.md", "good.md"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "Jobs were cut.\n".repeat(2));
    assert_eq!(
        stderr(&output),
        "claimmark: nul.md: cannot read: it looks binary (a NUL byte at byte offset 13000)\n"
    );
}

/// Runs `claimmark ARGS` under `umask 022`, in `dir`.
#[cfg(unix)]
fn run_with_umask(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new("sh");
    command
        .current_dir(dir)
        .arg("-c")
        .arg("umask 022 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_claimmark"))
        .args(args);
    command.output().expect("run claimmark")
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn new_files_get_the_umask_mode_and_old_ones_keep_theirs() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("draft.md"),
        "{Jobs were cut}@a.\n\n[@a]: A\n",
    )
    .unwrap();
    let output = run_with_umask(dir.path(), &["strip", "draft.md", "-o", "copy.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(mode(&dir.path().join("copy.md")), 0o644);
    let output = run_with_umask(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(mode(&dir.path().join("claimmark.toml")), 0o644);
    // An existing file keeps its mode, even one the umask would narrow.
    let copy = dir.path().join("copy.md");
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o664)).unwrap();
    let output = run_with_umask(dir.path(), &["strip", "draft.md", "-o", "copy.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(mode(&copy), 0o664);
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        "Jobs were cut.\n\n"
    );
}

#[cfg(unix)]
#[test]
fn writes_go_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    let target = dir.path().join("drafts/story.md");
    std::fs::write(
        &target,
        "Anna Petrova, the minister, said the audit was late.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("drafts/story.md", dir.path().join("link.md")).unwrap();
    let output = run_with_umask(dir.path(), &["suggest", "--write", "link.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let link = std::fs::symlink_metadata(dir.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(
        written.contains("}@"),
        "the target was rewritten: {written}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path().join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["story.md"]);
}

/// A signal mid-write (the temporary file written, not yet renamed): the target is left
/// as it was and no temporary file stays beside it. Then signals at moments spread over
/// whole runs on a large file: the target is absent or whole.
#[cfg(unix)]
#[test]
fn a_signal_mid_write_leaves_no_temporary_file() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "{The agency lost 43,000 laptops}@audit:reported, and nobody noticed.\n\n";
    let draft = paragraph.repeat(4 * 1024 * 1024 / paragraph.len()) + "[@audit]: The audit\n";
    std::fs::write(dir.path().join("big.md"), &draft).unwrap();
    std::fs::write(dir.path().join("copy.md"), "the old copy\n").unwrap();
    let spawn = |pause: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_claimmark"))
            .current_dir(dir.path())
            .args(["strip", "big.md", "-o", "copy.md"])
            .env("CLAIMMARK_TEST_PAUSE_BEFORE_RENAME_MS", pause)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let temporaries = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    };
    let signal = |child: &std::process::Child, name: &str| {
        std::process::Command::new("kill")
            .args([&format!("-{name}"), &child.id().to_string()])
            .status()
            .unwrap();
    };
    for name in ["TERM", "INT", "HUP"] {
        let mut child = spawn("5000");
        let deadline = Instant::now() + Duration::from_secs(30);
        while temporaries().is_empty() {
            assert!(Instant::now() < deadline, "no temporary file appeared");
            std::thread::sleep(Duration::from_millis(5));
        }
        signal(&child, name);
        let status = child.wait().unwrap();
        assert!(!status.success(), "SIG{name} ended the run");
        assert_eq!(temporaries(), Vec::<String>::new(), "after SIG{name}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("copy.md")).unwrap(),
            "the old copy\n"
        );
    }

    let started = Instant::now();
    assert!(spawn("0").wait().unwrap().success());
    let whole = started.elapsed();
    let expected = std::fs::read(dir.path().join("copy.md")).unwrap();
    for step in 0..8u32 {
        std::fs::remove_file(dir.path().join("copy.md")).ok();
        let mut child = spawn("0");
        std::thread::sleep(whole * step / 8);
        signal(&child, "TERM");
        child.wait().unwrap();
        assert_eq!(
            temporaries(),
            Vec::<String>::new(),
            "after a kill at step {step}"
        );
        if let Ok(copy) = std::fs::read(dir.path().join("copy.md")) {
            assert!(
                copy == expected,
                "a partial copy after a kill at step {step}"
            );
        }
    }
}
