//! A relation between figures that the stated figures do not satisfy.
//!
//! A relation `[#total]: = a + b` says how a tagged figure follows from others. This
//! rule computes the right-hand side from the tagged values — exactly, as ranges, with
//! `about`, `more than`, `between` and the like taken at their word — and flags the
//! relation when a stated `#total` cannot be what the others give. The relation holds
//! when the two ranges overlap: "more than 200" is consistent with "about 220". A
//! `tolerance: 5%` line under the relation widens the computed range by 5% either way,
//! for figures that were rounded when they were written.
//!
//! When `#total` is tagged more than once, each stated value is checked and the finding
//! labels every one of them. An operand tagged more than once counts as what all its
//! tags say together. Relations with an undefined or valueless operand are left to
//! `undefined-quantity` and `quantity-without-value`; incompatible units to
//! `unit-mismatch`.
//!
//! ## Why
//! Parts that do not add up to the total, a percentage that does not match the figures
//! it is computed from, a growth rate that the two years' numbers contradict: these are
//! the errors that corrections columns are made of, and a reader with a calculator finds
//! them in a minute. Writing the relation down once lets the linter re-check it after
//! every edit.
//!
//! ## Example
//! ```markdown
//! The two services employ {1,300}#total people: {about 640}#isd at the directorate
//! and {about 860}#dio at the defence office.
//!
//! [#total]: = isd + dio
//! ```
//! About 640 plus about 860 is 1,350 – 1,650, so 1,300 cannot be right. Check the
//! figures; if 1,300 is a rounded figure that should pass, say how rounded with
//! `tolerance: 5%` under the relation.

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::lint::quantities::{Outcome, display_like};

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let quantities = ctx.quantities();
    for relation in quantities.relations() {
        let Outcome::Computed {
            computed,
            tolerance,
            stated,
        } = &relation.outcome
        else {
            continue;
        };
        let Some(&(first_wrong, _)) = stated.iter().find(|(_, holds)| *holds == Ok(false)) else {
            continue;
        };
        let def = relation.definition;
        let id = &def.id.text;
        let expression = relation.expression_text(ctx.source);
        let wrong = quantities.tag(first_wrong);
        let wrong_value = wrong.quantity().expect("stated values have a quantity");
        let shown = display_like(computed, wrong_value);
        let allowing = match (tolerance, def.field("tolerance")) {
            (Some(_), Some(field)) => format!(", even allowing {}", field.value.text),
            _ => String::new(),
        };
        let mut diagnostic = Diagnostic::error(
            "relation-mismatch",
            def.header,
            format!("`{id}` says {wrong_value}, but {expression} gives {shown}{allowing}"),
        )
        .with_label(
            relation.expression_span(ctx.source),
            format!("gives {shown}"),
        );
        for (index, holds) in stated {
            let tag = quantities.tag(*index);
            let value = tag.quantity().expect("stated values have a quantity");
            let note = match holds {
                Ok(false) => format!("`{id}` is {value} here"),
                Ok(true) => format!("`{id}` is {value} here, which fits"),
                Err(_) => continue,
            };
            diagnostic = diagnostic.with_label(tag.span(), note);
        }
        let help = if tolerance.is_some() {
            "one of the figures is wrong: check them against the sources".to_string()
        } else {
            format!(
                "one of the figures is wrong, or `{id}` was rounded: check them, or allow for rounding with `tolerance: 5%` under the relation"
            )
        };
        out.push(diagnostic.with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    fn messages(src: &str) -> Vec<String> {
        findings("relation-mismatch", src)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn flags_parts_that_do_not_add_up() {
        let src =
            "{1,300}#total staff: {about 640}#isd and {about 860}#dio.\n\n[#total]: = isd + dio\n";
        let found = findings("relation-mismatch", src);
        assert_eq!(flagged(src, &found), ["[#total]: = isd + dio"]);
        assert_eq!(
            found[0].message,
            "`total` says 1,300, but isd + dio gives 1,350 – 1,650"
        );
        let labels: Vec<_> = found[0].labels.iter().map(|l| l.span.text(src)).collect();
        assert_eq!(labels, ["isd + dio", "1,300"]);
    }

    #[test]
    fn holds_only_with_exact_arithmetic() {
        // 0.15 − 0.01 is 0.13999999999999999 in floating point.
        let src = "{0.14%}#c is {0.15%}#a minus {0.01%}#b.\n\n[#c]: = a - b\n";
        assert!(messages(src).is_empty());
        let src = "{0.13%}#c is {0.15%}#a minus {0.01%}#b.\n\n[#c]: = a - b\n";
        assert_eq!(
            messages(src),
            ["`c` says 0.13 percent, but a - b gives 0.14 percent"]
        );
        // A third of 300 is exactly 100, not 99.99999999999999.
        let src = "{100}#part of {300}#all\n\n[#part]: = all / 3\n";
        assert!(messages(src).is_empty());
        let src = "{a third}#third of {300}#all is {100}#part\n\n[#part]: = all * third\n";
        assert!(messages(src).is_empty());
        // A third of 1.2 percent is 0.39999999999999997 percent in floating point.
        let src = "{a third}#third of the {1.2 percent}#rate, {0.4 percent}#part\n\n[#part]: = rate * third\n";
        assert!(messages(src).is_empty());
        let src = "{0.4 percent}#part of {1.2 percent}#rate\n\n[#part]: = rate / 3\n";
        assert!(messages(src).is_empty());
        let src = "{101}#part of {300}#all\n\n[#part]: = all / 3\n";
        assert_eq!(messages(src).len(), 1);
    }

    #[test]
    fn checks_chained_relations() {
        // `subtotal` has no tag: its relation computes 640 + 410 for `total`'s.
        let src = "{1,300}#total staff: {640}#isd, {410}#dio and {250}#other.\n\n[#subtotal]: = isd + dio\n[#total]: = subtotal + other\n";
        assert!(messages(src).is_empty(), "{:?}", messages(src));
        let src = "{1,400}#total staff: {640}#isd, {410}#dio and {250}#other.\n\n[#total]: = subtotal + other\n[#subtotal]: = isd + dio\n";
        assert_eq!(
            messages(src),
            ["`total` says 1,400, but subtotal + other gives 1,300"]
        );
    }

    #[test]
    fn holds_when_ranges_overlap() {
        // "more than 200" and 198 – 242 overlap, though neither contains the other.
        let src = "{more than 200}#n officers: {about 120}#a and {about 100}#b.\n\n[#n]: = a + b\n";
        assert!(messages(src).is_empty());
        let src = "{more than 250}#n officers: {about 120}#a and {about 100}#b.\n\n[#n]: = a + b\n";
        assert_eq!(
            messages(src),
            ["`n` says more than 250, but a + b gives 198 – 242"]
        );
    }

    #[test]
    fn tolerance_is_honoured_exactly() {
        let src = "{1,300}#t: {700}#a and {700}#b.\n\n[#t]: = a + b\n  tolerance: 7.14%\n";
        assert_eq!(
            messages(src),
            ["`t` says 1,300, but a + b gives 1,400, even allowing 7.14%"]
        );
        // 1,400 less 7.15% is 1,299.9: now it fits.
        let src = "{1,300}#t: {700}#a and {700}#b.\n\n[#t]: = a + b\n  tolerance: 7.15%\n";
        assert!(messages(src).is_empty());
    }

    #[test]
    fn the_expression_is_quoted_whole() {
        let src = "{12 percent}#growth to {4.1}#now from {3.76}#before\n\n[#growth]: = (now - before) / before\n  tolerance: 5%\n";
        let found = findings("relation-mismatch", src);
        assert_eq!(
            found[0].message,
            "`growth` says 12 percent, but (now - before) / before gives 9.043 percent, even allowing 5%"
        );
        assert_eq!(found[0].labels[0].span.text(src), "(now - before) / before");
    }

    #[test]
    fn an_unreadable_tolerance_leaves_the_relation_to_the_parser() {
        let src = "{1,300}#t: {700}#a and {700}#b.\n\n[#t]: = a + b\n  tolerance: a little\n";
        assert!(messages(src).is_empty());
    }

    #[test]
    fn each_stated_value_is_checked() {
        let src =
            "{1,400}#t in the text, {1,300}#t in the box: {700}#a + {700}#b\n\n[#t]: = a + b\n";
        let found = findings("relation-mismatch", src);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "`t` says 1,300, but a + b gives 1,400");
        let labels: Vec<_> = found[0].labels.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(
            labels,
            [
                "gives 1,400",
                "`t` is 1,400 here, which fits",
                "`t` is 1,300 here"
            ]
        );
    }

    #[test]
    fn percent_against_a_ratio_reads_as_percent() {
        let src = "{25 percent}#share: {30}#part of {100}#all\n\n[#share]: = part / all\n";
        assert_eq!(
            messages(src),
            ["`share` says 25 percent, but part / all gives 30 percent"]
        );
    }

    #[test]
    fn operands_tagged_twice_count_as_both_tags_together() {
        // about 640 and at most 600 together: 576 – 600; plus 400 is 976 – 1,000.
        let src = "{about 640}#a, {at most 600}#a, {400}#b, {1,020}#t\n\n[#t]: = a + b\n";
        assert_eq!(
            messages(src),
            ["`t` says 1,020, but a + b gives 976 – 1,000"]
        );
    }

    #[test]
    fn undefined_valueless_or_conflicting_operands_are_not_evaluated() {
        assert!(messages("{5}#t\n\n[#t]: = a + b\n").is_empty());
        assert!(messages("{5}#t {the staff}#a {1}#b\n\n[#t]: = a + b\n").is_empty());
        assert!(messages("{5}#t {1}#a {2}#a {1}#b\n\n[#t]: = a + b\n").is_empty());
        assert!(messages("{10 years ago}#t {1}#a\n\n[#t]: = a\n").is_empty());
    }
}
