//! An anonymous source without the reason anonymity was granted.
//!
//! Flags a source definition whose `anonymous:` field is empty. The field's presence
//! marks the source anonymous; its value must say why.
//!
//! ## Why
//! Newsroom standards (the AP's among them) allow anonymity only when the source would
//! face harm or could not otherwise speak, and ask the story to say why. An empty reason
//! is the question an editor will ask before publication.
//!
//! ## Example
//! ```markdown
//! [@official]: A senior intelligence official
//!   anonymous:
//! ```
//! Say why: `anonymous: not authorised to discuss staffing publicly`.

use crate::diagnostic::Diagnostic;
use crate::lint::Context;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for def in ctx.document.sources() {
        let Some(field) = def.field("anonymous") else {
            continue;
        };
        if !field.value.text.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "anonymous-without-reason",
                field.key.span,
                format!(
                    "anonymous source `@{}` has no reason for anonymity",
                    def.id.text
                ),
            )
            .with_label(def.header, "source defined here")
            .with_help(
                "say why anonymity was granted, e.g. `anonymous: not authorised to speak publicly`",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    #[test]
    fn flags_an_empty_reason() {
        let src =
            "{Staff quit}@official:reported.\n\n[@official]: A senior official\n  anonymous:\n";
        assert_eq!(
            flagged(src, &findings("anonymous-without-reason", src)),
            ["anonymous"]
        );
    }

    #[test]
    fn a_reason_or_a_named_source_passes() {
        let with_reason = "{Staff quit}@official.\n\n[@official]: A senior official\n  anonymous: not authorised to speak\n";
        let named = "{Staff quit}@kross.\n\n[@kross]: Kristof Clerix\n";
        assert!(findings("anonymous-without-reason", with_reason).is_empty());
        assert!(findings("anonymous-without-reason", named).is_empty());
    }
}
