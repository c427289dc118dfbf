//! `claimmark export --to json`, run by the real binary:
//!
//! * every output validates against `grammar/export.schema.json` (the examples, the rule
//!   fixtures, and the `tests/polnear-mini` articles);
//! * every span of every attribution lies on character boundaries and its `text` equals
//!   the input's bytes at its offsets (what the PolNeAR scorer checks); so do tag
//!   phrases, and tag/relation indices point into `tags`; an attribution's sentence is
//!   offsets only, so the export grows linearly with a sentence full of quotations;
//! * the diagnostics equal `lint --format json`'s;
//! * snapshots of one annotated example and one plain news file (diagnostics left out);
//! * `bench/eval-polnear.sh` scores `tests/polnear-mini` end to end with this binary
//!   (when `python3` and the shared harness are there).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    common::run_in(root(), args, stdin)
}

/// `claimmark export --to json FILE` (relative to the crate root), parsed.
fn export(file: &str) -> Value {
    let output = run(&["export", "--to", "json", "--isolated", file], None);
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "{file}: unexpected stderr"
    );
    assert_eq!(output.status.code(), Some(0), "{file}: exit code");
    serde_json::from_slice(&output.stdout).expect("export prints JSON")
}

fn files(dir: &str, ext: &str) -> Vec<String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("read dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        // The unreadable-file fixture is deliberately not UTF-8: not a document.
        .filter(|p| std::fs::read_to_string(p).is_ok())
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no .{ext} files in {dir}");
    found
        .iter()
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Everything the schema is checked on.
fn corpus() -> Vec<String> {
    let mut all = files("examples", "md");
    all.extend(files("tests/fixtures/rules", "md"));
    all.extend(files("tests/polnear-mini/data/dev/text", "txt"));
    all
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("grammar/export.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["version"]["const"], 1);
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .expect("the export schema compiles")
}

/// Every property in the schema has a description (the schema is the documentation).
#[test]
fn every_schema_property_is_described() {
    fn walk(value: &Value, at: &str, missing: &mut Vec<String>) {
        if let Some(props) = value.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                if prop.get("description").is_none() {
                    missing.push(format!("{at}/{name}"));
                }
            }
        }
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, &format!("{at}/{k}"), missing);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{at}/{i}"), missing);
                }
            }
            _ => {}
        }
    }
    let text = std::fs::read_to_string(root().join("grammar/export.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let mut missing = Vec::new();
    walk(&schema, "", &mut missing);
    assert!(missing.is_empty(), "undescribed properties: {missing:?}");
}

#[test]
fn output_is_valid_against_the_schema() {
    let validator = validator();
    for file in corpus() {
        let value = export(&file);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        assert_eq!(value["path"], file.as_str());
    }
    // The schema is strict: a wrong version, an unknown field or a malformed number fail.
    let good = export("examples/business-earnings.md");
    let mut bad = [good.clone(), good.clone(), good.clone(), good];
    bad[0]["version"] = 2.into();
    bad[1]["tags"][0]["colour"] = "red".into();
    bad[2]["relations"][0]["evaluation"]["computed"]["interval"]["lo"] = "4.1e9".into();
    bad[3]["diagnostics"] = serde_json::json!([{"rule": "x"}]);
    for (i, value) in bad.iter().enumerate() {
        assert!(!validator.is_valid(value), "mutation {i} passed the schema");
    }
}

/// One sentence with many quotations has as many attributions: repeating the sentence's
/// text in each made the export grow with the square of the sentence (232 MB of JSON for
/// an 87 KB draft).
#[test]
fn export_is_linear_in_a_sentence_full_of_quotations() {
    let quotation = "\"we will not pay for it\" she wrote";
    let draft = |quotations: usize| vec![quotation; quotations].join(" ") + ".\n";
    let exported_bytes = |quotations: usize| {
        let output = run(
            &["export", "--to", "json", "--isolated", "-"],
            Some(draft(quotations).as_bytes()),
        );
        assert_eq!(output.status.code(), Some(0));
        let value: Value = serde_json::from_slice(&output.stdout).expect("export prints JSON");
        assert_eq!(value["attributions"].as_array().unwrap().len(), quotations);
        output.stdout.len()
    };
    let (small, large) = (exported_bytes(200), exported_bytes(800));
    // Four times the quotations: about four times the JSON (sixteen when quadratic).
    assert!(
        large < 5 * small,
        "200 quotations: {small} bytes, 800: {large} bytes"
    );
}

/// Checks one `{start, end}` span: inside the input, on character boundaries.
fn check_span(file: &str, source: &str, span: &Value, what: &str) -> (usize, usize) {
    let start = span["start"].as_u64().unwrap() as usize;
    let end = span["end"].as_u64().unwrap() as usize;
    assert!(start <= end && end <= source.len(), "{file}: {what} {span}");
    assert!(
        source.is_char_boundary(start) && source.is_char_boundary(end),
        "{file}: {what} not on char boundaries: {span}"
    );
    (start, end)
}

/// Checks one `{start, end, text}` span against the input bytes.
fn check_text_span(file: &str, source: &str, span: &Value, what: &str) {
    let (start, end) = check_span(file, source, span, what);
    assert_eq!(
        &source.as_bytes()[start..end],
        span["text"].as_str().unwrap().as_bytes(),
        "{file}: {what} text differs from the input bytes"
    );
}

#[test]
fn spans_match_the_input_bytes() {
    let mut attributions = 0;
    for file in corpus() {
        let source = std::fs::read_to_string(root().join(&file)).unwrap();
        let value = export(&file);
        for a in value["attributions"].as_array().unwrap() {
            attributions += 1;
            for role in ["source", "cue", "content", "resolved_source"] {
                if !a[role].is_null() {
                    check_text_span(&file, &source, &a[role], role);
                }
            }
            check_span(&file, &source, &a["sentence"], "sentence");
            assert!(
                a["sentence"].get("text").is_none(),
                "{file}: a sentence carries offsets only: {a}"
            );
            assert!(
                !a["cue"].is_null() || !a["content"].is_null(),
                "{file}: empty attribution {a}"
            );
        }
        let tags = value["tags"].as_array().unwrap();
        for tag in tags {
            for key in ["span", "text_span"] {
                let end = tag[key]["end"].as_u64().unwrap() as usize;
                assert!(source.is_char_boundary(end), "{file}: tag {key}");
            }
            if let Some(phrase) = tag["value"].get("phrase") {
                check_text_span(&file, &source, phrase, "phrase");
            }
            if let Some(parent) = tag["parent"].as_u64() {
                assert!((parent as usize) < tags.len());
            }
        }
        for relation in value["relations"].as_array().unwrap() {
            for stated in relation["evaluation"]["stated"].as_array().unwrap() {
                let tag = &tags[stated["tag"].as_u64().unwrap() as usize];
                assert_eq!(tag["id"], relation["id"], "{file}: stated tag");
            }
        }
    }
    assert!(attributions > 20, "the corpus has attributions");
}

#[test]
fn diagnostics_are_lint_json_diagnostics() {
    for file in [
        "examples/politics-intelligence-budget.md",
        "tests/fixtures/rules",
    ] {
        let lint = run(&["lint", "--format", "json", "--isolated", file], None);
        let lint: Value = serde_json::from_slice(&lint.stdout).unwrap();
        // The unreadable-file fixture is not a document, so export never sees it.
        let lint: Vec<&Value> = lint["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] != "unreadable-file")
            .collect();
        let exported: Vec<Value> = if file.ends_with(".md") {
            vec![export(file)]
        } else {
            files(file, "md").iter().map(|f| export(f)).collect()
        };
        let from_export: Vec<&Value> = exported
            .iter()
            .flat_map(|e| e["diagnostics"].as_array().unwrap())
            .collect();
        assert_eq!(from_export.len(), lint.len(), "{file}");
        for (a, b) in from_export.iter().zip(lint) {
            assert_eq!(*a, b, "{file}");
        }
    }
}

#[test]
fn relations_report_their_evaluation() {
    let value = export("tests/fixtures/rules/relation-mismatch.md");
    let statuses: Vec<&str> = value["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["evaluation"]["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"mismatch"), "{statuses:?}");
    assert!(statuses.contains(&"holds"), "{statuses:?}");
}

#[test]
fn reads_standard_input() {
    let source = "{Turnout was {about 64 percent}#turnout}@board:confirmed, officials said.\n\n[@board]: Election board\n";
    let output = run(
        &[
            "export",
            "--to",
            "json",
            "--stdin-filename",
            "draft.md",
            "-",
        ],
        Some(source.as_bytes()),
    );
    assert_eq!(output.status.code(), Some(0));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["path"], "draft.md");
    assert_eq!(value["tags"][1]["value"]["unit"], "percent");
    assert_eq!(value["tags"][1]["value"]["interval"]["lo"], "57.6");
    assert_eq!(value["attributions"][0]["cue"]["text"], "said");
    let missing = run(&["export", "--to", "json", "no/such/file.md"], None);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn snapshots() {
    for file in ["examples/business-earnings.md", "examples/plain-news.md"] {
        let name = Path::new(file).file_name().unwrap().to_string_lossy();
        // Diagnostics are checked against `lint` above and snapshotted by the rule
        // fixtures; leaving them out keeps this snapshot about the document model.
        let mut value = export(file);
        value["diagnostics"] = "(see diagnostics_are_lint_json_diagnostics)".into();
        insta::assert_json_snapshot!(format!("export_{name}"), value);
    }
}

/// The whole evaluation wrapper on the tiny fake corpus, with this binary: prepare.py,
/// export, score.py. Skipped (with a note) without `python3` or the shared harness.
#[test]
fn eval_wrapper_scores_polnear_mini() {
    let harness = std::env::var_os("POLNEAR_HARNESS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/eval/polnear"));
    let python = Command::new("python3").arg("--version").output();
    if !harness.join("score.py").is_file() || !python.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "skipped: no python3 or no PolNeAR harness at {}",
            harness.display()
        );
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let output = Command::new("bash")
        .current_dir(root())
        .arg("bench/eval-polnear.sh")
        .arg("--out")
        .arg(out.path())
        .args(["tests/polnear-mini", "dev"])
        .env("CLAIMMARK_BIN", env!("CARGO_BIN_EXE_claimmark"))
        .env("POLNEAR_HARNESS", &harness)
        .output()
        .expect("run bench/eval-polnear.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "eval-polnear failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("results-dev.json")).unwrap(),
    )
    .unwrap();
    let text = results.to_string();
    // Every prediction file exists, and every offset and text is right.
    for warning in ["missing_files", "bad_offsets", "text_mismatch"] {
        assert!(
            text.contains(&format!("\"{warning}\":0")),
            "{warning} in {text}"
        );
    }
    assert!(stdout.contains("content"), "{stdout}");
    // The detector finds most of the fake corpus's attributions.
    let recall = results
        .pointer("/spans/content/overlap/r")
        .and_then(Value::as_f64);
    if let Some(recall) = recall {
        assert!(recall >= 0.5, "content overlap recall {recall}");
    }
}
