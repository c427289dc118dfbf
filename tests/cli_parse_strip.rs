//! The `claimmark parse` and `claimmark strip` commands, run as a writer would run them.

use std::path::Path;
use std::process::Output;

mod common;
use common::run_in;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    run_in(root(), args, None)
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).expect("stderr is UTF-8")
}

/// Exit code and stdout, for a snapshot; stderr must be empty.
fn quiet_report(output: &Output) -> String {
    assert_eq!(stderr(output), "", "unexpected stderr");
    format!("exit: {:?}\n---\n{}", output.status.code(), stdout(output))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn examples() {
    insta::glob!("../examples", "*.md", |path| {
        let file = relative(path);
        let markdown = run(&["strip", &file]);
        insta::assert_snapshot!("strip_markdown", quiet_report(&markdown));
        insta::assert_snapshot!(
            "strip_text",
            quiet_report(&run(&["strip", &file, "--to", "text"]))
        );
        insta::assert_snapshot!(
            "strip_no_front_matter",
            quiet_report(&run(&["strip", &file, "--no-front-matter"]))
        );
        let json = run(&["parse", &file, "--format", "json"]);
        insta::assert_snapshot!("parse_json", quiet_report(&json));

        // Cross-checks that need no snapshot: the JSON is valid and describes the file,
        // and the Markdown copy is the library's strip of the file.
        let value: serde_json::Value =
            serde_json::from_str(stdout(&json)).expect("parse --format json is JSON");
        assert_eq!(value["version"], 1);
        assert_eq!(value["path"], file.as_str());
        let source = std::fs::read_to_string(path).unwrap();
        assert_eq!(value["tree"]["end"], source.len());
        let has_error = value["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == "error");
        assert_eq!(json.status.code(), Some(if has_error { 1 } else { 0 }));
        let parsed = claimmark::parse(&source);
        let stripped = claimmark::syntax::strip(&source, &parsed.document, Default::default());
        assert_eq!(stdout(&markdown), stripped.text);
        assert_eq!(markdown.status.code(), Some(0));
    });
}

#[test]
fn parse_full_is_colourless_with_color_never() {
    let output = run(&[
        "parse",
        "tests/fixtures/parse/unclosed_tag.md",
        "--color",
        "never",
    ]);
    assert_eq!(output.status.code(), Some(0), "warnings only: exit 0");
    assert!(
        !stdout(&output).contains('\u{1b}'),
        "ANSI escape in {:?}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("unclosed-tag"));
    assert_eq!(
        stderr(&output),
        "1 file checked: 0 errors, 1 warning, 0 info\n"
    );
}

#[test]
fn parse_exits_1_on_a_malformed_definition() {
    for format in ["full", "json"] {
        let output = run(&[
            "parse",
            "tests/fixtures/parse/definition_bad_kind.md",
            "--format",
            format,
            "--color",
            "never",
        ]);
        assert_eq!(output.status.code(), Some(1), "--format {format}");
        assert!(
            stdout(&output).contains("malformed-definition"),
            "--format {format}"
        );
    }
    // `strip` does not judge: it still prints the copy and succeeds.
    let output = run(&["strip", "tests/fixtures/parse/definition_bad_kind.md"]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn parse_exits_0_on_a_clean_file() {
    let output = run(&[
        "parse",
        "tests/fixtures/parse/tag_basic.md",
        "--color",
        "never",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
}

#[test]
fn strip_reads_standard_input_with_a_dash() {
    let input = "The port {handled {4.2 million tonnes}#cargo of cargo}@ruzicka:reported.\n\n[@ruzicka]: Petra Ruzicka\n";
    let output = run_in(root(), &["strip", "-"], Some(input.as_bytes()));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "The port handled 4.2 million tonnes of cargo.\n\n"
    );
    assert_eq!(stderr(&output), "");

    // Without a file argument, standard input is the default.
    let output = run_in(
        root(),
        &["strip", "--to", "text"],
        Some(b"\\{literal\\} {x}@y\n"),
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "{literal} x\n");
}

#[test]
fn parse_reads_standard_input_with_a_dash() {
    let output = run_in(
        root(),
        &["parse", "-", "--format", "json"],
        Some(b"{a}@b\n"),
    );
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(stdout(&output)).unwrap();
    assert_eq!(value["path"], "<stdin>");
    assert_eq!(value["tags"][0]["suffix"]["sources"][0]["text"], "b");
    assert_eq!(value["tree"]["end"], 6);

    let named = run_in(
        root(),
        &[
            "parse",
            "-",
            "--stdin-filename",
            "draft.md",
            "--color",
            "never",
        ],
        Some(b"[@a]:\n"),
    );
    assert_eq!(named.status.code(), Some(1));
    assert!(
        stdout(&named).contains("draft.md:1:1"),
        "{}",
        stdout(&named)
    );
}

/// Files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn strip_writes_the_output_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let draft =
        std::fs::read_to_string(root().join("tests/fixtures/parse/definitions.md")).unwrap();
    std::fs::write(dir.path().join("draft.md"), &draft).unwrap();
    let expected = stdout(&run_in(dir.path(), &["strip", "draft.md"], None)).to_string();
    assert!(expected.starts_with("The two services employ about 640"));

    let output = run_in(dir.path(), &["strip", "draft.md", "-o", "clean.md"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "", "-o writes nothing to stdout");
    assert_eq!(stderr(&output), "");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clean.md")).unwrap(),
        expected
    );
    assert_eq!(
        listing(dir.path()),
        ["clean.md", "draft.md"],
        "a temporary file was left behind"
    );

    // Over an existing file, with the long option and text mode.
    std::fs::write(
        dir.path().join("clean.md"),
        "old contents that are much longer than the new ones\n".repeat(50),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join("clean.md"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
    }
    let output = run_in(
        dir.path(),
        &["strip", "draft.md", "--output", "clean.md", "--to", "text"],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&run_in(
        dir.path(),
        &["strip", "draft.md", "--to", "text"],
        None,
    ))
    .to_string();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clean.md")).unwrap(),
        text
    );
    assert_eq!(
        listing(dir.path()),
        ["clean.md", "draft.md"],
        "a temporary file was left behind"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("clean.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640, "the target's permissions are kept");
    }

    // Into a subdirectory given by path, from standard input.
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let output = run_in(
        dir.path(),
        &["strip", "-", "-o", "out/copy.md"],
        Some(b"{x}@y z\n"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/copy.md")).unwrap(),
        "x z\n"
    );
    assert_eq!(listing(&dir.path().join("out")), ["copy.md"]);

    // `-o -` is standard output.
    let output = run_in(dir.path(), &["strip", "draft.md", "-o", "-"], None);
    assert_eq!(stdout(&output), expected);
}

#[test]
fn strip_to_an_unwritable_place_fails_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.md"), "{x}@y\n").unwrap();
    let output = run_in(
        dir.path(),
        &["strip", "draft.md", "-o", "missing-dir/clean.md"],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("claimmark: missing-dir/clean.md: cannot write:"),
        "{}",
        stderr(&output)
    );
    assert_eq!(listing(dir.path()), ["draft.md"]);
}

#[test]
fn non_utf8_input_fails_with_exit_2_naming_the_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    // "Café" in Latin-1 after a line of valid UTF-8: the lone byte 0xE9 is at offset 17.
    let bytes = b"The new caf\xc3\xa9\nCaf\xe9 owners said {x}@y.\n";
    let offset = bytes.iter().position(|&b| b == 0xe9).unwrap();
    assert_eq!(offset, 17);
    std::fs::write(dir.path().join("latin1.md"), bytes).unwrap();
    let expected = format!(
        "claimmark: latin1.md: cannot read: it is not valid UTF-8: invalid byte sequence at byte offset {offset}\n"
    );
    for args in [
        &["strip", "latin1.md"][..],
        &["strip", "latin1.md", "--to", "text"],
        &["parse", "latin1.md"],
        &["parse", "latin1.md", "--format", "json"],
    ] {
        let output = run_in(dir.path(), args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&output), "", "{args:?}");
        assert_eq!(stderr(&output), expected, "{args:?}");
    }
    // `-o` must not create the target when the input is unreadable.
    let output = run_in(dir.path(), &["strip", "latin1.md", "-o", "out.md"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(listing(dir.path()), ["latin1.md"]);

    let output = run_in(dir.path(), &["strip", "-"], Some(b"ok\xff"));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "claimmark: <stdin>: cannot read: it is not valid UTF-8: invalid byte sequence at byte offset 2\n"
    );
}

#[test]
fn a_missing_file_fails_with_exit_2() {
    for command in ["strip", "parse"] {
        let output = run(&[command, "tests/fixtures/parse/no-such-draft.md"]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert_eq!(stdout(&output), "", "{command}");
        assert!(
            stderr(&output)
                .starts_with("claimmark: tests/fixtures/parse/no-such-draft.md: cannot read:"),
            "{command}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn bad_arguments_fail_with_exit_2() {
    let output = run(&["strip", "tests/fixtures/parse/tag_basic.md", "--to", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&[
        "parse",
        "tests/fixtures/parse/tag_basic.md",
        "--format",
        "yaml",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn strip_keeps_or_drops_front_matter() {
    let file = "tests/fixtures/parse/front_matter_toml.md";
    let kept = run(&["strip", file]);
    assert!(stdout(&kept).starts_with("+++\ntitle = \"Rail strike called off\""));
    let dropped = run(&["strip", file, "--no-front-matter"]);
    assert_eq!(
        stdout(&dropped),
        "\nUnion leaders called off the strike late on Sunday.\n"
    );
    let text = run(&["strip", file, "--to", "text"]);
    assert_eq!(stdout(&text), stdout(&dropped));
}

#[test]
fn crlf_and_bom_survive_the_command_line() {
    let output = run(&["strip", "tests/fixtures/parse/crlf.md"]);
    assert_eq!(
        stdout(&output),
        "The council approved the plan on Tuesday.\r\nA second line of the paragraph.\r\n\r\n\r\nEnd of draft.\r\n"
    );
    let output = run(&["strip", "tests/fixtures/parse/bom.md"]);
    assert!(
        output.stdout.starts_with(&[0xef, 0xbb, 0xbf]),
        "the BOM is kept"
    );
}

#[test]
fn strip_of_several_drafts_is_clean_copy_in_order() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| relative(&e.unwrap().path()))
        .filter(|p| p.ends_with(".md"))
        .collect();
    files.sort();
    let mut args = vec!["strip"];
    args.extend(files.iter().map(String::as_str));
    let together = run(&args);
    assert_eq!(together.status.code(), Some(0));
    let copy = stdout(&together);
    let reparsed = claimmark::parse(copy).document;
    assert!(
        reparsed.tags.is_empty()
            && reparsed.definitions.is_empty()
            && reparsed.directives.is_empty()
    );
    let one_by_one: String = files
        .iter()
        .map(|f| stdout(&run(&["strip", f])).to_string())
        .collect();
    assert_eq!(
        copy, one_by_one,
        "the drafts come out one after another, unchanged"
    );
    let refused = run(&["strip", &files[0], &files[1], "-o", "out.md"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("-o/--output takes a single input file"));
}
