//! `claimmark lint` in pipelines: configuration discovery, suppressions, unreadable
//! files among good ones, sharding and thread-count independence.

use std::path::Path;
use std::process::{Command, Output};

fn claimmark(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn write(dir: &Path, path: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// A small archive: nested folders, a config in one of them, an ignored file.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "drafts/ignored.md\n");
    write(
        root,
        "news/a.md",
        "{Spending rose}@galeoti:reported.\n\n[@galeotti]: Mark Galeotti\n",
    );
    write(root, "news/b.md", "{Staff fell}:reported.\n");
    write(
        root,
        "news/local/c.md",
        "{Staff fell}@kross.\n\n[@kross]: Kristof Clerix\n[@unused]: Someone\n",
    );
    write(
        root,
        "news/local/claimmark.toml",
        "[rules]\nunused-source = \"off\"\n",
    );
    write(root, "drafts/ignored.md", "{x}@nobody\n");
    write(root, "drafts/notes.rst", "{x}@nobody\n");
    for i in 0..12 {
        write(
            root,
            &format!("bulk/file{i:02}.md"),
            format!("{{Item {i}}}@src{i}:reported.\n"),
        );
    }
    dir
}

#[test]
fn nearest_config_wins_and_isolated_ignores_it() {
    let dir = archive();
    let out = claimmark(dir.path(), &["lint", "--format", "concise", "news"]);
    let text = stdout(&out);
    assert!(
        text.contains("news/a.md:1:17: error[undefined-source]"),
        "{text}"
    );
    assert!(
        text.contains("news/b.md:1:2: error[unattributed-claim]"),
        "{text}"
    );
    assert!(
        !text.contains("news/local/c.md"),
        "the nested config turns unused-source off:\n{text}"
    );
    assert!(
        text.contains("news/a.md:3:1: warning[unused-source]"),
        "but not above it:\n{text}"
    );
    assert_eq!(out.status.code(), Some(1));

    let isolated = stdout(&claimmark(
        dir.path(),
        &["lint", "--isolated", "--format", "concise", "news"],
    ));
    assert!(
        isolated.contains("news/local/c.md:4:1: warning[unused-source]"),
        "{isolated}"
    );

    write(
        dir.path(),
        "strict.toml",
        "[rules]\nundefined-source = \"warning\"\n",
    );
    let explicit = stdout(&claimmark(
        dir.path(),
        &[
            "lint",
            "--config",
            "strict.toml",
            "--format",
            "concise",
            "news",
        ],
    ));
    assert!(explicit.contains("warning[undefined-source]"), "{explicit}");
    assert!(
        explicit.contains("warning[unused-source]"),
        "--config replaces the nearest file:\n{explicit}"
    );
}

#[test]
fn walking_respects_gitignore_and_extensions() {
    let dir = archive();
    let text = stdout(&claimmark(
        dir.path(),
        &["lint", "--format", "concise", "."],
    ));
    assert!(!text.contains("ignored.md"), "{text}");
    assert!(!text.contains("notes.rst"), "{text}");
    assert!(text.contains("bulk/file11.md"), "{text}");
}

#[test]
fn invalid_config_is_an_error_naming_file_line_and_key() {
    let dir = archive();
    write(
        dir.path(),
        "news/claimmark.toml",
        "# strict\n[rules]\nunused-source = \"loud\"\n",
    );
    let out = claimmark(dir.path(), &["lint", "news"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "claimmark: news/claimmark.toml:3: invalid configuration at `rules.unused-source`: `loud` is not a severity; use \"error\", \"warning\", \"info\" or \"off\""
    );
    write(
        dir.path(),
        "news/claimmark.toml",
        "[rules]\nunused-source = \"off\"\ncolour = true\n",
    );
    let out = claimmark(dir.path(), &["lint", "news"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("news/claimmark.toml:3:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unreadable_files_are_reported_and_the_rest_is_linted() {
    let dir = archive();
    write(dir.path(), "news/latin1.md", b"caf\xe9 {x}@y\n".as_slice());
    write(
        dir.path(),
        "news/binary.md",
        b"PK\x03\x04\x00\x00".as_slice(),
    );
    write(dir.path(), "claimmark.toml", "[files]\nmax-size = 80\n");
    write(dir.path(), "news/big.md", "word ".repeat(20));
    let out = claimmark(dir.path(), &["lint", "--format", "concise", "news"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("news/latin1.md:1:1: error[unreadable-file] cannot lint this file: it is not valid UTF-8: invalid byte sequence at byte offset 3"), "{text}");
    assert!(text.contains("news/binary.md:1:1: error[unreadable-file] cannot lint this file: it looks binary (a NUL byte at byte offset 4)"), "{text}");
    assert!(text.contains("news/big.md:1:1: error[unreadable-file] cannot lint this file: it is 100 bytes, over the limit of 80 (files.max-size)"), "{text}");
    assert!(
        text.contains("news/a.md:1:17: error[undefined-source]"),
        "good files are still linted:\n{text}"
    );
    assert!(text.contains("news/b.md"), "{text}");
}

#[test]
fn shards_cover_every_file_exactly_once() {
    let dir = archive();
    let all = stdout(&claimmark(
        dir.path(),
        &["lint", "--isolated", "--format", "concise", "."],
    ));
    let mut union: Vec<String> = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let part = stdout(&claimmark(
            dir.path(),
            &[
                "lint",
                "--isolated",
                "--format",
                "concise",
                "--shard",
                &shard,
                ".",
            ],
        ));
        union.extend(part.lines().map(str::to_string));
    }
    let mut expected: Vec<String> = all.lines().map(str::to_string).collect();
    union.sort();
    expected.sort();
    assert_eq!(union, expected);
    assert!(expected.len() >= 15);
    let bad = claimmark(dir.path(), &["lint", "--shard", "4/3", "."]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = archive();
    for format in ["concise", "json", "json-lines"] {
        let one = stdout(&claimmark(
            dir.path(),
            &["lint", "-j1", "--format", format, "."],
        ));
        let two = stdout(&claimmark(
            dir.path(),
            &["lint", "-j2", "--format", format, "."],
        ));
        let eight = stdout(&claimmark(
            dir.path(),
            &["lint", "-j8", "--format", format, "."],
        ));
        assert_eq!(one, two, "{format}");
        assert_eq!(one, eight, "{format}");
    }
}

#[test]
fn directives_suppress_and_unused_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "draft.md",
        "<!-- claimmark-disable-next-line undefined-source -->\n{a}@x and {b}@y.\n\n<!-- claimmark-disable unattributed-claim -- desk checked -->\n{c}:reported.\n<!-- claimmark-enable unattributed-claim -->\n{d}:reported.\n\n<!-- claimmark-disable-next-line bare-braces -->\nnothing to silence here.\n",
    );
    let out = claimmark(dir.path(), &["lint", "--format", "concise", "draft.md"]);
    let text = stdout(&out);
    assert_eq!(
        text,
        "draft.md:7:2: error[unattributed-claim] claim is `:reported` but names no source\n\
         draft.md:9:34: warning[unused-directive] `claimmark-disable-next-line bare-braces` suppresses nothing\n"
    );
}

#[test]
fn init_writes_a_config_that_config_show_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(claimmark(dir.path(), &["init"]).status.code(), Some(0));
    assert!(dir.path().join("claimmark.toml").is_file());
    let again = claimmark(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2), "init refuses to overwrite");
    write(
        dir.path(),
        "claimmark.toml",
        "[numbers]\ntolerance = \"2.5%\"\n[rules]\nunused-source = \"off\"\n",
    );
    let shown = stdout(&claimmark(dir.path(), &["config", "--show", "."]));
    assert!(shown.contains("# from claimmark.toml"), "{shown}");
    assert!(shown.contains("tolerance = \"2.5%\""), "{shown}");
    assert!(shown.contains("unused-source = \"off\""), "{shown}");
    // What --show prints is itself a valid configuration.
    let body: String = shown
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    claimmark::lint::config::Settings::from_toml(&body).expect("config --show prints valid TOML");
}

#[test]
fn fix_applies_safe_fixes_and_unsafe_ones_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let draft = "{Spending is low}@galeoti:reportd.\r\n\r\n[@galeotti]: Mark Galeotti\r\n";
    write(dir.path(), "draft.md", draft);
    // Replacing a mistyped id or word changes the copy's markup meaning: not safe.
    let out = claimmark(
        dir.path(),
        &["lint", "--fix", "--format", "concise", "draft.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.md")).unwrap(),
        draft
    );
    let out = claimmark(
        dir.path(),
        &[
            "lint",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "draft.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "", "nothing is left to report");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.md")).unwrap(),
        "{Spending is low}@galeotti:reported.\r\n\r\n[@galeotti]: Mark Galeotti\r\n",
        "both fixes applied, line endings kept"
    );
    let stdin_fix = claimmark(dir.path(), &["lint", "--fix", "-"]);
    assert_eq!(stdin_fix.status.code(), Some(2));
}
