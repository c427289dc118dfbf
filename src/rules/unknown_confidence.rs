//! A `:confidence` word outside the configured vocabulary.
//!
//! The default vocabulary is `confirmed`, `reported`, `claimed`, `alleged`, `disputed`,
//! `denied`, `estimate`, `opinion` and `unverified`; a newsroom can set its own in
//! `claimmark.toml`. The help suggests the closest known word.
//!
//! ## Why
//! A confidence the desk does not use (`:reportd`, `:sure`) means nothing to the next
//! reader, and rules that depend on the confidence — such as `confidence-mismatch` and
//! `unsourced-ok` — cannot apply.
//!
//! ## Example
//! ```markdown
//! {The minister resigned}@agency:reportd
//! ```
//! Use `:reported`.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::Context;
use crate::rules::closest;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let vocabulary = &ctx.config.confidences;
    for tag in &ctx.document.tags {
        let Some(confidence) = &tag.suffix.confidence else {
            continue;
        };
        if vocabulary.contains(&confidence.text) {
            continue;
        }
        let mut diagnostic = Diagnostic::error(
            "unknown-confidence",
            confidence.span,
            format!("`:{}` is not a known confidence", confidence.text),
        );
        diagnostic = match closest(&confidence.text, vocabulary.iter().map(String::as_str)) {
            Some(near) => diagnostic
                .with_help(format!("did you mean `:{near}`?"))
                .with_fix(Fix {
                    message: format!("replace with `:{near}`"),
                    edits: vec![Edit {
                        span: confidence.span,
                        replacement: near.to_string(),
                    }],
                    safe: false,
                }),
            None => diagnostic.with_help(format!("known confidences: {}", vocabulary.join(", "))),
        };
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::Config;
    use crate::rules::test_support::{findings, findings_with, flagged};

    #[test]
    fn flags_words_outside_the_vocabulary() {
        let src =
            "{The minister resigned}@agency:reportd and {x}@agency:sure.\n\n[@agency]: Belga\n";
        let found = findings("unknown-confidence", src);
        assert_eq!(flagged(src, &found), ["reportd", "sure"]);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `:reported`?"));
        assert!(
            found[1]
                .help
                .as_deref()
                .unwrap()
                .starts_with("known confidences: confirmed")
        );
    }

    #[test]
    fn the_vocabulary_is_configurable() {
        let src = "{x}@agency:sure.\n\n[@agency]: Belga\n";
        let config = Config {
            confidences: vec!["sure".into()],
            ..Config::default()
        };
        assert!(findings_with("unknown-confidence", src, &config).is_empty());
    }
}
