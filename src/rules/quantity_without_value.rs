//! A figure used in a relation whose tag holds no number or date.
//!
//! Flags a tag `{…}#id` whose id is used in a relation (in its expression, or as the id
//! it defines) when the tagged words contain no figure Claimmark can read: no numeral,
//! number word, amount, percentage or date (`{the staff}#staff`). The relation is not
//! evaluated. A relative date ("10 years ago") in a file without a publication date is
//! `missing-publication-date`, not this rule. Note that a bare year is a count: tag
//! `{in 2009}#founded`, not `{2009}#founded`, when it is a date you want to compute with.
//!
//! ## Why
//! A relation can only check figures it can read. A tag placed on the noun instead of
//! the number ("{employees}#staff") or on a phrase like "a handful" turns the check off
//! without anyone noticing.
//!
//! ## Example
//! ```markdown
//! The directorate has {its own analysts}#isd_staff, about 640 people, …
//!
//! [#total_staff]: = isd_staff + dio_staff
//! ```
//! Put the figure inside the braces: `{about 640}#isd_staff people`.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::span::Span;

/// Longest tag text quoted in a message.
const QUOTE_CHARS: usize = 40;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let quantities = ctx.quantities();
    // Each id used by a relation, with where it is first used (the set keeps this linear
    // in the number of uses).
    let mut used: Vec<(&str, Span)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for relation in quantities.relations() {
        let def = relation.definition;
        let own = std::iter::once((def.id.text.as_str(), def.id.span));
        let idents = relation.expression.idents();
        let operands = idents
            .iter()
            .map(|(id, range)| (*id, relation.span_of(range.clone())));
        for (id, span) in own.chain(operands) {
            if seen.insert(id) {
                used.push((id, span));
            }
        }
    }
    for (id, first_use) in used {
        for tag in quantities.values(id) {
            if tag.quantity().is_some() || tag.read.relative_date {
                continue;
            }
            let text = ctx.tag_text(tag.tag);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let quoted = if text.chars().count() > QUOTE_CHARS {
                let cut: String = text.chars().take(QUOTE_CHARS).collect();
                format!("{}…", cut.trim_end())
            } else {
                text
            };
            out.push(
                Diagnostic::error(
                    "quantity-without-value",
                    tag.tag.text,
                    format!("`#{id}` is used in a relation, but \"{quoted}\" holds no number or date"),
                )
                .with_label(first_use, "used in a relation here")
                .with_help(
                    "put the figure inside the braces (`{about 640}#id people`); write a year as a date with `in 2009`",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    #[test]
    fn flags_a_used_tag_without_a_figure() {
        let src = "{Its analysts}#isd, {410}#dio, {1,050}#total\n\n[#total]: = isd + dio\n";
        let found = findings("quantity-without-value", src);
        assert_eq!(flagged(src, &found), ["Its analysts"]);
        assert_eq!(
            found[0].message,
            "`#isd` is used in a relation, but \"Its analysts\" holds no number or date"
        );
        assert_eq!(found[0].labels[0].span.text(src), "isd");
        // And the relation is not evaluated.
        assert!(findings("relation-mismatch", src).is_empty());
    }

    #[test]
    fn the_relations_own_id_counts() {
        let src = "{the total}#total: {640}#a, {410}#b\n\n[#total]: = a + b\n";
        assert_eq!(
            flagged(src, &findings("quantity-without-value", src)),
            ["the total"]
        );
    }

    #[test]
    fn unused_ids_relative_dates_and_real_figures_pass() {
        assert!(findings("quantity-without-value", "{the agency}#agency\n").is_empty());
        assert!(
            findings(
                "quantity-without-value",
                "{10 years ago}#a {in 2019}#t\n\n[#t]: = a + 10\n"
            )
            .is_empty()
        );
        let src = "{a dozen}#a, {half a million}#b, {twice}#c\n\n[#a]: = b * c\n";
        assert!(findings("quantity-without-value", src).is_empty());
    }

    #[test]
    fn long_text_is_shortened_and_nested_syntax_removed() {
        let src = "{The agency, which {nobody}@x:reported trusts, employs a great many people}#n {5}#t\n\n[#t]: = n\n[@x]: X\n";
        let found = findings("quantity-without-value", src);
        assert_eq!(
            found[0].message,
            "`#n` is used in a relation, but \"The agency, which nobody trusts, employs…\" holds no number or date"
        );
    }
}
