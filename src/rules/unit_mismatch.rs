//! A relation that combines or compares figures measuring different things.
//!
//! Flags a relation whose expression adds, subtracts, multiplies or divides figures
//! whose units do not go together — a percentage plus a head count, euros plus dollars,
//! a duration in years plus a count, two dates added — pointing at the operator and
//! labelling each side with its unit. Also flags a relation whose result measures
//! something other than the figure it defines: `[#budget]: = staff + contractors` when
//! `#budget` is an amount of money. Units come from the tagged text: `%`, `percent`,
//! `percentage points`, currencies, `N years`, dates (`in 2009`), ratios (`twice`, `a
//! third`); bare numbers are counts. Percent and ratios mix (15 percent = 0.15), and a
//! number written in the expression takes the unit of what it is combined with.
//!
//! ## Why
//! A relation that mixes units is wrong whatever the figures are: it usually means the
//! wrong id was typed, or that one figure is a share and the other an absolute number
//! ("the party won 40 percent, or 1.2 million votes"). Percent and percentage points are
//! kept apart on purpose — a rise from 10 to 12 percent is 2 points, but 20 percent.
//!
//! ## Example
//! ```markdown
//! {About 15 percent}#isd_share of the {about 650}#isd_staff staff are analysts, …
//!
//! [#analysts]: = isd_share + isd_staff
//! ```
//! A share cannot be added to a head count; the relation meant `isd_share * isd_staff`.

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::lint::quantities::{Outcome, unit_phrase};
use crate::numbers::{EvalError, Unit};

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let quantities = ctx.quantities();
    for relation in quantities.relations() {
        let expression = relation.expression_text(ctx.source);
        match &relation.outcome {
            Outcome::UnitMismatch(EvalError::UnitMismatch {
                span,
                left,
                right,
                left_span,
                right_span,
                message,
            }) => {
                let what = message.strip_prefix("unit mismatch: ").unwrap_or(message);
                let mut diagnostic = Diagnostic::error(
                    "unit-mismatch",
                    relation.span_of(span.clone()),
                    format!("{what} in `{expression}`"),
                );
                diagnostic = if left_span == right_span {
                    diagnostic.with_label(relation.span_of(left_span.clone()), left.to_string())
                } else {
                    diagnostic
                        .with_label(relation.span_of(left_span.clone()), left.to_string())
                        .with_label(relation.span_of(right_span.clone()), right.to_string())
                };
                out.push(diagnostic.with_help(operand_help(*left, *right)));
            }
            Outcome::Computed {
                computed, stated, ..
            } => {
                let id = &relation.definition.id.text;
                let wrong: Vec<_> = stated
                    .iter()
                    .filter_map(|(index, holds)| holds.as_ref().err().map(|m| (*index, m)))
                    .collect();
                let Some((_, first)) = wrong.first() else {
                    continue;
                };
                let mut diagnostic = Diagnostic::error(
                    "unit-mismatch",
                    relation.expression_span(ctx.source),
                    format!(
                        "`{id}` is {}, but `{expression}` gives {}",
                        unit_phrase(first.left),
                        unit_phrase(first.right)
                    ),
                )
                .with_label(
                    relation.expression_span(ctx.source),
                    format!("{} ({computed})", computed.unit),
                );
                for (index, mismatch) in &wrong {
                    let tag = quantities.tag(*index);
                    let value = tag.quantity().expect("stated values have a quantity");
                    diagnostic =
                        diagnostic.with_label(tag.span(), format!("{} ({value})", mismatch.left));
                }
                out.push(diagnostic.with_help(format!(
                    "a relation defines `{id}` from figures of the same kind: check the ids in the expression and the words tagged `#{id}`"
                )));
            }
            _ => {}
        }
    }
}

/// Advice for two operands that do not combine.
fn operand_help(left: Unit, right: Unit) -> &'static str {
    use Unit::*;
    match (left, right) {
        (Money(_), Money(_)) => {
            "no exchange rate is assumed: tag the amount converted into the other currency, and use that id in the relation"
        }
        (Percent | Ratio, Count | Money(_)) | (Count | Money(_), Percent | Ratio) => {
            "a share and an amount do not add up: multiply them (`share * total`) to get the part, or check the ids"
        }
        (Percent, PercentagePoints) | (PercentagePoints, Percent) => {
            "a rate plus a rise in percentage points is a rate (`old_rate + rise`); percentage points only combine with percent that way"
        }
        (Year, Year) => "dates can be subtracted (`end - start` is a duration), not added",
        _ => {
            "only figures of the same kind combine: check the ids in the expression and the words they tag"
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    fn messages(src: &str) -> Vec<String> {
        findings("unit-mismatch", src)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn operands_that_do_not_combine_point_at_the_operator() {
        let src = "{About 15 percent}#share of the {650}#staff are analysts ({98}#n).\n\n[#n]: = share + staff\n";
        let found = findings("unit-mismatch", src);
        assert_eq!(flagged(src, &found), ["+"]);
        assert_eq!(
            found[0].message,
            "cannot add percent and count in `share + staff`"
        );
        let labels: Vec<_> = found[0]
            .labels
            .iter()
            .map(|l| (l.span.text(src), l.message.as_str()))
            .collect();
        assert_eq!(labels, [("share", "percent"), ("staff", "count")]);
        // Multiplying is what was meant.
        let src = src.replace("share + staff", "share * staff");
        assert!(messages(&src).is_empty());
    }

    #[test]
    fn currencies_years_and_dates() {
        assert_eq!(
            messages("{€5m}#a {$3m}#b {€8m}#t\n\n[#t]: = a + b\n"),
            ["cannot add money in EUR and money in USD in `a + b`"]
        );
        assert_eq!(
            messages("{10 years}#a {12}#b {22}#t\n\n[#t]: = a + b\n"),
            ["cannot add duration in years and count in `a + b`"]
        );
        assert_eq!(
            messages("{in 2009}#a {in 2012}#b {in 2020}#t\n\n[#t]: = a + b\n").len(),
            1
        );
        // A date minus a date is a duration; a date plus a number of years is a date.
        assert!(messages("{in 2009}#a {in 2019}#b {10 years}#t\n\n[#t]: = b - a\n").is_empty());
        assert!(messages("{in 2009}#a {in 2019}#t\n\n[#t]: = a + 10\n").is_empty());
    }

    #[test]
    fn the_stated_side_must_measure_the_same_thing() {
        let src = "{€2 million}#budget for {12}#staff and {8}#contractors\n\n[#budget]: = staff + contractors\n";
        let found = findings("unit-mismatch", src);
        assert_eq!(flagged(src, &found), ["staff + contractors"]);
        assert_eq!(
            found[0].message,
            "`budget` is money in EUR, but `staff + contractors` gives a count"
        );
        // Percent and ratio compare; percent and percentage points do not.
        assert!(messages("{25 percent}#s {1}#a {4}#b\n\n[#s]: = a / b\n").is_empty());
        assert_eq!(
            messages(
                "{2 percentage points}#rise {10 percent}#a {12 percent}#b\n\n[#rise]: = b - a\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn unary_minus_on_a_date() {
        let found = findings("unit-mismatch", "{in 2009}#a {5}#t\n\n[#t]: = -a\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].labels.len(), 1);
    }
}
