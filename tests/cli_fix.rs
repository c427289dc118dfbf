//! `claimmark lint --fix` on `untagged-assertion`, run by the real binary: a quotation
//! whose speaker is named earlier in its paragraph (too far back for the rule to count
//! it as continuing) gets tagged with that speaker, and the definition is added.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run claimmark")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmark-fix-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    // Every proposal of untagged-assertion, whatever its confidence: these tests are
    // about its fixes, not its threshold.
    std::fs::write(
        dir.join("claimmark.toml"),
        "[untagged-assertion]\nmin-confidence = 0.0\n",
    )
    .expect("write config");
    dir
}

/// One paragraph: a named speaker, more than 600 bytes of narrative without a cue, then
/// a quotation with no cue of its own.
const DRAFT: &str = "The Harbour Workers Union said the port authority had ignored complaints \
about the cranes. The strike began at six on Monday morning, when the first shift left the \
gates and gathered on the quay beside the old grain silos. By noon the quay was full of \
workers, their families and a few curious tourists from the ferry terminal. Lorries queued \
along the coast road for several kilometres, and the ferries to the islands left without \
their usual cargo of fruit and timber. Shopkeepers in the harbour district handed out coffee \
and bread to the crowd, and a brass band from the fishing village played old work songs until \
the evening. The night shift joined the crowd at ten, and the quay stayed busy long after \
midnight. \"We are not going back until every crane has been inspected by engineers we \
trust.\"\n";

const QUOTE: &str =
    "We are not going back until every crane has been inspected by engineers we trust";

fn lint_json(path: &Path) -> Vec<Value> {
    let out = run(&[
        "lint",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--exit-zero",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["diagnostics"].as_array().cloned().unwrap_or_default()
}

fn strip(path: &Path) -> Vec<u8> {
    let out = run(&["strip", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn fix_tags_a_quotation_with_its_speaker_and_defines_it() {
    let dir = scratch("quote");
    let original = dir.join("original.md");
    let draft = dir.join("draft.md");
    std::fs::write(&original, DRAFT).unwrap();
    std::fs::write(&draft, DRAFT).unwrap();

    // Before: the quotation is flagged, with a safe fix.
    let before = lint_json(&draft);
    let flagged: Vec<&Value> = before
        .iter()
        .filter(|d| d["rule"] == "untagged-assertion")
        .collect();
    assert_eq!(flagged.len(), 1, "{before:#?}");
    assert_eq!(flagged[0]["message"], "quotation has no speaker");
    assert_eq!(flagged[0]["fix"]["safe"], true);

    let out = run(&["lint", draft.to_str().unwrap(), "--fix", "--exit-zero"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = std::fs::read_to_string(&draft).unwrap();
    assert!(
        fixed.contains(&format!("\"{{{QUOTE}}}@union.\"")),
        "quotation tagged with its speaker:\n{fixed}"
    );
    assert!(
        fixed.ends_with("[@union]: Harbour Workers Union\n"),
        "definition added:\n{fixed}"
    );

    // After: nothing left on that sentence, and no broken references.
    let after = lint_json(&draft);
    let rules: Vec<&str> = after.iter().filter_map(|d| d["rule"].as_str()).collect();
    for rule in [
        "untagged-assertion",
        "undefined-source",
        "duplicate-definition",
    ] {
        assert!(!rules.contains(&rule), "{rule} after --fix: {after:#?}");
    }
    // The published copy is unchanged.
    assert_eq!(strip(&draft), strip(&original));

    // Fixing again changes nothing.
    let out = run(&["lint", draft.to_str().unwrap(), "--fix", "--exit-zero"]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), fixed);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn no_fix_for_a_hedge_or_a_quotation_nobody_said() {
    let dir = scratch("none");
    let draft = dir.join("draft.md");
    let text = "It is said that the minister knew of the payments.\n\nThe banner read \
                \"we will not pay for your war\" in red letters.\n";
    std::fs::write(&draft, text).unwrap();
    let found = lint_json(&draft);
    let flagged: Vec<&Value> = found
        .iter()
        .filter(|d| d["rule"] == "untagged-assertion")
        .collect();
    assert_eq!(flagged.len(), 2, "{found:#?}");
    assert!(flagged.iter().all(|d| d["fix"].is_null()), "{found:#?}");
    let out = run(&["lint", draft.to_str().unwrap(), "--fix", "--exit-zero"]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), text);
    std::fs::remove_dir_all(&dir).ok();
}
