//! A source is defined but no tag cites it.
//!
//! Flags each `[@id]:` definition whose id appears in no tag suffix. The finding points
//! at the definition line.
//!
//! ## Why
//! An unused definition is often the trace of a claim that was cut or never tagged —
//! the source was interviewed, but the copy no longer says what they said — or of a
//! tag that cites the source under another id.
//!
//! ## Example
//! ```markdown
//! {Spending is low}@galeotti:reported.
//!
//! [@galeotti]: Mark Galeotti
//! [@kross]: Kristof Clerix
//! ```
//! Tag what Clerix said with `@kross`, or remove the definition.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::lint::Context;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let cited: HashSet<&str> = ctx
        .document
        .tags
        .iter()
        .flat_map(|t| t.suffix.sources.iter().map(|s| s.text.as_str()))
        .collect();
    let mut reported = HashSet::new();
    for def in ctx.document.sources() {
        let id = def.id.text.as_str();
        if !def.valid || cited.contains(id) || !reported.insert(id) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "unused-source",
                def.header,
                format!("source `@{id}` is never cited"),
            )
            .with_help(format!(
                "tag what this source said with `@{id}`, or remove the definition"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    #[test]
    fn flags_definitions_nobody_cites() {
        let src = "{Spending is low}@galeotti:reported.\n\n[@galeotti]: Mark Galeotti\n[@kross]: Kristof Clerix\n";
        assert_eq!(
            flagged(src, &findings("unused-source", src)),
            ["[@kross]: Kristof Clerix"]
        );
    }

    #[test]
    fn corroborating_sources_count_as_cited() {
        let src = "{Spending is low}@galeotti+kross.\n\n[@galeotti]: Mark Galeotti\n[@kross]: Kristof Clerix\n";
        assert!(findings("unused-source", src).is_empty());
    }
}
