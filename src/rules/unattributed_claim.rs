//! A claim with a confidence but nobody on record for it.
//!
//! Flags a tag such as `{…}:reported` that has a `:confidence` but no `@source`, neither
//! on itself nor on an enclosing tag. Confidences listed in the configuration's
//! `unsourced-ok` (for example `confirmed`, for a newsroom's own reporting) need no source.
//!
//! ## Why
//! "Reported" by whom? An assertion that nobody is on record for is the first thing an
//! editor or a libel lawyer asks about. The confidence says how sure we are; the source
//! says why.
//!
//! ## Example
//! ```markdown
//! {The agency lost track of 40 laptops last year}:reported
//! ```
//! Name the source: `{The agency lost track of 40 laptops last year}@audit:reported`,
//! with `[@audit]: Court of Audit` defined once.

use crate::diagnostic::Diagnostic;
use crate::lint::Context;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for tag in &ctx.document.tags {
        let Some(confidence) = &tag.suffix.confidence else {
            continue;
        };
        if !tag.suffix.sources.is_empty()
            || ctx.ancestors(tag).any(|t| !t.suffix.sources.is_empty())
        {
            continue;
        }
        if ctx.config.unsourced_ok.contains(&confidence.text) {
            continue;
        }
        out.push(
            Diagnostic::error(
                "unattributed-claim",
                tag.text,
                format!("claim is `:{}` but names no source", confidence.text),
            )
            .with_label(tag.suffix.span, "no `@source` here")
            .with_help(format!(
                "say who is on record: `}}@source:{}`, and define the source once as `[@source]: Full Name`",
                confidence.text
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::Config;
    use crate::rules::test_support::{findings, findings_with, flagged};

    #[test]
    fn flags_a_confidence_without_a_source() {
        let src = "{The agency lost 40 laptops}:reported.\n";
        assert_eq!(
            flagged(src, &findings("unattributed-claim", src)),
            ["The agency lost 40 laptops"]
        );
    }

    #[test]
    fn a_source_on_the_tag_or_an_enclosing_tag_is_enough() {
        let src = "{It lost {40 laptops}#laptops:estimate in {2018}:confirmed}@audit:reported.\n\n[@audit]: Court of Audit\n";
        assert!(findings("unattributed-claim", src).is_empty());
    }

    #[test]
    fn unsourced_ok_confidences_pass() {
        let src = "{We saw the letter}:confirmed.\n";
        let config = Config {
            unsourced_ok: vec!["confirmed".into()],
            ..Config::default()
        };
        assert!(findings_with("unattributed-claim", src, &config).is_empty());
        assert_eq!(findings("unattributed-claim", src).len(), 1);
    }

    #[test]
    fn quantities_without_confidence_are_not_claims() {
        assert!(findings("unattributed-claim", "{about 650}#staff people.\n").is_empty());
    }
}
