//! The machine formats of `claimmark lint`, run on `tests/fixtures/formats` by the real
//! binary:
//!
//! * `json-lines`: a snapshot; every line is one object with exactly the fields of
//!   `lint --format json`'s diagnostics, and the lines equal those diagnostics.
//! * `sarif`: a snapshot (rule documentation and the version replaced by placeholders,
//!   checked separately against the registry) and validation against the official
//!   SARIF 2.1.0 JSON schema, vendored in `tests/schemas/sarif-schema-2.1.0.json`.
//! * `github`: a snapshot of the workflow commands, and their escaping.

use std::path::Path;
use std::process::Command;

use claimmark::rules::REGISTRY;
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/formats";

/// The id of the official OASIS schema (2.1.0 with errata 01), which the logs name.
const SARIF_SCHEMA_ID: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The fields of every diagnostic object, in order.
const DIAGNOSTIC_FIELDS: &[&str] = &[
    "path",
    "rule",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "offset",
    "length",
    "labels",
    "help",
    "fix",
];

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `claimmark lint --format FORMAT PATH…`, from the crate root.
fn lint(format: &str, paths: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "--format", format])
        .args(paths)
        .env("NO_COLOR", "1")
        .output()
        .expect("run claimmark");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn lint_fixtures(format: &str) -> Run {
    let run = lint(format, &[FIXTURES]);
    assert_eq!(
        run.code,
        Some(1),
        "the fixtures have errors: {}",
        run.stderr
    );
    assert_eq!(run.stderr, "", "nothing on stderr");
    run
}

#[test]
fn fixtures_cover_what_the_formats_must_handle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    assert!(
        dir.join("letters,v2.md").is_file(),
        "a path with a comma exercises property escaping"
    );
    let json: Value = serde_json::from_str(&lint_fixtures("json").stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let severities: Vec<_> = diagnostics.iter().map(|d| &d["severity"]).collect();
    assert!(severities.contains(&&Value::from("error")));
    assert!(severities.contains(&&Value::from("warning")));
    assert!(diagnostics.iter().any(|d| !d["fix"].is_null()), "a fix");
    assert!(
        diagnostics
            .iter()
            .any(|d| !d["labels"].as_array().unwrap().is_empty()),
        "a label"
    );
    assert!(
        diagnostics.iter().any(|d| d["line"] != d["end_line"]),
        "a finding spanning lines"
    );
    assert!(
        diagnostics
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains('%')),
        "a message with `%`"
    );
}

#[test]
fn json_lines() {
    let run = lint_fixtures("json-lines");
    insta::assert_snapshot!("json_lines", run.stdout);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON value"))
        .collect();
    for line in &lines {
        let keys: Vec<&str> = line
            .as_object()
            .expect("each line is an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = DIAGNOSTIC_FIELDS.to_vec();
        let mut got = keys.clone();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want);
    }
    // The same objects as `--format json`, in the same order.
    let json: Value = serde_json::from_str(&lint_fixtures("json").stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap(), &lines);
    // A file without findings prints nothing at all.
    let clean = lint("json-lines", &["tests/fixtures/formats/clean.md"]);
    assert_eq!((clean.code, clean.stdout.as_str()), (Some(0), ""));
}

/// The SARIF log as printed, with the parts that change for reasons of their own (rule
/// documentation, the package version) replaced by placeholders after checking them.
fn sarif_for_snapshot(text: &str) -> String {
    let log: Value = serde_json::from_str(text).expect("SARIF is JSON");
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "claimmark");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), REGISTRY.len());
    let mut text = text.replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[package version]\"",
    );
    assert!(text.contains("\"version\": \"2.1.0\""));
    for (rule, descriptor) in REGISTRY.iter().zip(rules) {
        let doc = rule.doc();
        let doc = doc.trim_end();
        assert_eq!(descriptor["id"], rule.name);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary());
        assert_eq!(descriptor["fullDescription"]["text"], doc);
        assert_eq!(descriptor["help"]["text"], doc);
        assert_eq!(descriptor["help"]["markdown"], doc);
        let level = match rule.default_severity {
            claimmark::Severity::Error => "error",
            claimmark::Severity::Warning => "warning",
            claimmark::Severity::Info => "note",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
        let quoted = serde_json::to_string(doc).unwrap();
        text = text.replace(&quoted, &format!("\"[doc of {}]\"", rule.name));
    }
    for result in log["runs"][0]["results"].as_array().unwrap() {
        // Every result points at its rule by index.
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], REGISTRY[index].name);
        // Paths are relative URI references (the schema's `uri-reference` format is not
        // checked for draft 4): RFC 3986 characters only, no scheme.
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("tests/fixtures/formats/"), "{uri}");
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/%".contains(&b)),
            "{uri}"
        );
    }
    elide_rules(&text)
}

/// The rule list changes whenever a rule is added, and each descriptor was checked
/// against the registry above, so the snapshot shows one descriptor (undefined-source)
/// in place of the list, and registry indices as placeholders.
fn elide_rules(text: &str) -> String {
    let open = "          \"rules\": [\n";
    let close = "\n          ]";
    let start = text.find(open).expect("a rules array") + open.len();
    let end = start
        + text[start..]
            .find(close)
            .expect("the end of the rules array");
    let mut descriptors = Vec::new();
    let mut current = String::new();
    for line in text[start..end].lines() {
        current.push_str(line);
        current.push('\n');
        if line == "            }" || line == "            }," {
            descriptors.push(std::mem::take(&mut current));
        }
    }
    assert_eq!(descriptors.len(), REGISTRY.len());
    let sample = descriptors
        .iter()
        .find(|d| d.contains("\"id\": \"undefined-source\""))
        .expect("undefined-source is described");
    let sample = sample.trim_end().trim_end_matches(',');
    let mut out = format!(
        "{}{sample},\n            \"[… and the other rules of the registry, in order]\"{}",
        &text[..start],
        &text[end..]
    );
    for index in 0..REGISTRY.len() {
        out = out.replace(
            &format!("\"ruleIndex\": {index},"),
            "\"ruleIndex\": \"[registry index]\",",
        );
    }
    out
}

#[test]
fn sarif() {
    let run = lint_fixtures("sarif");
    insta::assert_snapshot!("sarif", sarif_for_snapshot(&run.stdout));
}

fn sarif_schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(schema["id"], SARIF_SCHEMA_ID, "the official OASIS schema");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = sarif_schema();
    // The fixture set, a file without findings, and every rule's fixture.
    let runs: [&[&str]; 3] = [
        &[FIXTURES],
        &["tests/fixtures/formats/clean.md"],
        &["tests/fixtures/rules", "examples"],
    ];
    for paths in runs {
        let run = lint("sarif", paths);
        let log: Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "{paths:?}: {errors:#?}");
        assert_eq!(log["$schema"], SARIF_SCHEMA_ID);
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
        assert!(log["runs"][0]["results"].is_array());
    }
    // The validator does reject what the schema forbids.
    let run = lint_fixtures("sarif");
    let mut log: Value = serde_json::from_str(&run.stdout).unwrap();
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    // Formats are checked too.
    log["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    let errors = schema_errors(&validator, &log);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

#[test]
fn github() {
    let run = lint_fixtures("github");
    insta::assert_snapshot!("github", run.stdout);
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
    }
    assert!(
        run.stdout
            .contains("file=tests/fixtures/formats/letters%2Cv2.md,"),
        "the comma in the path is escaped"
    );
    let clean = lint("github", &["tests/fixtures/formats/clean.md"]);
    assert_eq!((clean.code, clean.stdout.as_str()), (Some(0), ""));
}
