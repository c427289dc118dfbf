//! `claimmark suggest`: the suggested draft, the diff, in-place rewriting, and the
//! invariant that suggestions never change a word of the copy.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::run_in;

use claimmark::suggest::{SuggestOptions, suggest};
use claimmark::syntax::{StripOptions, strip};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const DRAFT: &str = "tests/fixtures/suggest/plain-draft.md";

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn quiet(output: &Output) -> String {
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "unexpected stderr"
    );
    assert_eq!(output.status.code(), Some(0));
    stdout(output)
}

fn stripped(text: &str) -> String {
    let parsed = claimmark::parse(text);
    strip(text, &parsed.document, StripOptions::default()).text
}

/// Every Markdown file of examples/ and tests/fixtures/, recursively.
fn corpus() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md")
                // The unreadable-file fixture is deliberately not UTF-8: not a document.
                && std::fs::read_to_string(&path).is_ok()
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("examples"), &mut out);
    walk(&root().join("tests/fixtures"), &mut out);
    out.sort();
    out
}

#[test]
fn suggested_draft() {
    let out = run_in(root(), &["suggest", DRAFT], None);
    insta::assert_snapshot!("suggest_stdout", quiet(&out));
}

#[test]
fn suggested_diff() {
    let out = run_in(root(), &["suggest", "--diff", DRAFT], None);
    insta::assert_snapshot!("suggest_diff", quiet(&out));
}

#[test]
fn quote_confidence_option() {
    let src = "\"We will not back down,\" said Anna Berg, a union organiser.\n";
    let out = run_in(
        root(),
        &["suggest", "--quote-confidence", "claimed", "-"],
        Some(src.as_bytes()),
    );
    assert_eq!(
        quiet(&out),
        "\"{We will not back down}@berg:claimed,\" said Anna Berg, a union organiser.\n\
         [@berg]: Anna Berg\n  role: a union organiser\n"
    );
    let bad = run_in(
        root(),
        &["suggest", "--quote-confidence", "Sure", "-"],
        None,
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_suggested_draft_lints_clean_of_attribution_errors() {
    let source = std::fs::read_to_string(root().join(DRAFT)).unwrap();
    let suggestion = suggest(&source, &SuggestOptions::default());
    assert!(suggestion.tags.len() >= 10, "{:#?}", suggestion.tags);
    let parsed = claimmark::parse(&suggestion.text);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let linted = claimmark::lint::lint(&suggestion.text, &claimmark::lint::Config::default());
    let bad: Vec<_> = linted
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.rule,
                "unattributed-claim"
                    | "undefined-source"
                    | "duplicate-definition"
                    | "malformed-definition"
            )
        })
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    // The existing definition is reused (by alias and by surname), not duplicated.
    assert_eq!(suggestion.reused_sources, ["dekker"]);
    assert!(suggestion.new_sources.iter().all(|s| s.id != "dekker"));
    // The anonymous source carries its reason.
    let official = suggestion
        .new_sources
        .iter()
        .find(|s| s.anonymous.is_some())
        .expect("an anonymous source");
    assert_eq!(
        official.anonymous.as_deref(),
        Some("the negotiations are confidential")
    );
}

#[test]
fn strip_of_the_suggestion_is_strip_of_the_draft_for_every_file() {
    let files = corpus();
    assert!(files.len() > 20, "corpus too small: {}", files.len());
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let suggestion = suggest(&source, &SuggestOptions::default());
        assert_eq!(
            stripped(&suggestion.text),
            stripped(&source),
            "strip changed for {}",
            path.display()
        );
        let before = claimmark::parse(&source).diagnostics.len();
        let after = claimmark::parse(&suggestion.text).diagnostics.len();
        assert!(
            after <= before,
            "new parse diagnostics in {}",
            path.display()
        );
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmark-suggest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn write_keeps_crlf_and_bom_and_leaves_no_temp_file() {
    let dir = scratch("write");
    let draft = std::fs::read_to_string(root().join(DRAFT)).unwrap();
    let crlf = format!("\u{feff}{}", draft.replace('\n', "\r\n"));
    let file = dir.join("draft.md");
    std::fs::write(&file, crlf.as_bytes()).unwrap();
    let out = run_in(&dir, &["suggest", "--write", "draft.md"], None);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written = std::fs::read(&file).unwrap();
    assert!(written.starts_with("\u{feff}".as_bytes()), "BOM lost");
    let text = String::from_utf8(written).unwrap();
    assert!(text.len() > crlf.len(), "nothing was suggested");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "a bare LF was written"
    );
    assert!(text.contains("}@brandvold:reported"));
    assert!(text.ends_with("  anonymous: the negotiations are confidential\r\n"));
    assert_eq!(stripped(&text), stripped(&crlf));
    // Byte for byte what stdout shows.
    let shown = run_in(root(), &["suggest", "-"], Some(crlf.as_bytes()));
    assert_eq!(shown.stdout, text.as_bytes());
    assert_eq!(listing(&dir), ["draft.md"]);
    // A second run finds nothing new to tag: the draft is left as it is.
    let again = run_in(&dir, &["suggest", "--write", "draft.md"], None);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn write_needs_a_file() {
    let out = run_in(root(), &["suggest", "--write", "-"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_original_intact() {
    let dir = scratch("fail");
    let original = std::fs::read(root().join(DRAFT)).unwrap();
    let file = dir.join("draft.md");
    std::fs::write(&file, &original).unwrap();
    // A file-size limit of 0 makes writing the temporary file fail (EFBIG), even as root;
    // SIGXFSZ is ignored so the write returns an error instead of killing the process.
    let out = Command::new("sh")
        .current_dir(&dir)
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0; exec \"$0\" suggest --write draft.md")
        .arg(env!("CARGO_BIN_EXE_claimmark"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("draft.md: cannot write"), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), original);
    assert_eq!(listing(&dir), ["draft.md"]);
    // And an unwritable directory, where permissions apply (not as root).
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = std::fs::write(dir.join("probe"), b"");
        if probe.is_err() {
            let out = run_in(&dir, &["suggest", "--write", "draft.md"], None);
            assert_eq!(out.status.code(), Some(2), "{out:?}");
            assert_eq!(std::fs::read(&file).unwrap(), original);
        } else {
            std::fs::remove_file(dir.join("probe")).unwrap();
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(listing(&dir), ["draft.md"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
