//! A tag names a source that no `[@id]:` line defines.
//!
//! Flags every `@id` in a tag suffix (including each id of `@a+b`) without a matching
//! source definition. The help suggests the closest defined id when there is one.
//!
//! ## Why
//! An undefined source is usually a typo (`@galeoti`) or a definition that was never
//! written; either way the reader of the draft cannot tell who is on record, and the
//! source's role and anonymity cannot be checked.
//!
//! ## Example
//! ```markdown
//! {Belgium spends just 0.01 percent of its GDP on intelligence}@galeoti:reported
//!
//! [@galeotti]: Mark Galeotti
//! ```
//! Fix the id: `@galeotti`.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::Context;
use crate::rules::{SuggestionBudget, closest};

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut defined: Vec<&str> = ctx.sources.keys().copied().collect();
    defined.sort_unstable();
    let mut budget = SuggestionBudget::new();
    // One search per distinct undefined id: a draft citing it fifty times pays once.
    let mut suggested: HashMap<&str, Option<&str>> = HashMap::new();
    for tag in &ctx.document.tags {
        for source in &tag.suffix.sources {
            if ctx.sources.contains_key(source.text.as_str()) {
                continue;
            }
            let mut diagnostic = Diagnostic::error(
                "undefined-source",
                source.span,
                format!("source `@{}` is not defined", source.text),
            );
            let near = *suggested.entry(source.text.as_str()).or_insert_with(|| {
                budget
                    .spend(defined.len())
                    .then(|| closest(&source.text, defined.iter().copied()))
                    .flatten()
            });
            match near {
                Some(near) => {
                    diagnostic = diagnostic
                        .with_help(format!("did you mean `@{near}`?"))
                        .with_fix(Fix {
                            message: format!("replace with `@{near}`"),
                            edits: vec![Edit {
                                span: source.span,
                                replacement: near.to_string(),
                            }],
                            safe: false,
                        });
                }
                None => {
                    diagnostic = diagnostic.with_help(format!(
                        "define it once on its own line: `[@{}]: Full Name`",
                        source.text
                    ));
                }
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    #[test]
    fn flags_each_undefined_id_and_suggests_the_closest() {
        let src = "{Spending is low}@galeoti+kross:reported.\n\n[@galeotti]: Mark Galeotti\n";
        let found = findings("undefined-source", src);
        assert_eq!(flagged(src, &found), ["galeoti", "kross"]);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `@galeotti`?"));
        assert!(
            found[1]
                .help
                .as_deref()
                .unwrap()
                .contains("[@kross]: Full Name")
        );
    }

    #[test]
    fn suggestions_are_deterministic_and_bounded() {
        // Two definitions equally close: the alphabetically first, whatever the
        // (hash map) order of the definitions.
        let src = "{Jobs were cut}@ab:reported.\n\n[@abd]: D\n[@abc]: C\n";
        let found = findings("undefined-source", src);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `@abc`?"));
        // 1,000 undefined ids against 1,000 near-miss definitions would be a million
        // comparisons: the first ones get a suggestion, the rest plain help, and a repeated
        // id is looked up once.
        let mut src = String::new();
        for i in 0..1_000 {
            src.push_str(&format!("{{Jobs were cut}}@src{i}x:reported.\n\n"));
        }
        for i in 0..1_000 {
            src.push_str(&format!("[@src{i}]: Person {i}\n"));
        }
        // (All of them reported: the per-rule cap is not what this is about.)
        let config = crate::lint::Config {
            max_findings_per_rule: 1_000,
            ..crate::lint::Config::default()
        };
        let found = crate::rules::test_support::findings_with("undefined-source", &src, &config);
        assert_eq!(found.len(), 1_000);
        let suggested = found
            .iter()
            .filter(|d| d.help.as_deref().unwrap().starts_with("did you mean"))
            .count();
        assert_eq!(suggested, crate::rules::SUGGESTION_BUDGET / 1_000);
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap()
                .starts_with("did you mean")
        );
        assert!(
            found[999]
                .help
                .as_deref()
                .unwrap()
                .contains("define it once")
        );
    }

    #[test]
    fn defined_sources_pass() {
        let src = "{Spending is low}@galeotti:reported.\n\n[@galeotti]: Mark Galeotti\n";
        assert!(findings("undefined-source", src).is_empty());
    }
}
