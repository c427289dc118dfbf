//! One figure, tagged twice, with values that cannot both be true.
//!
//! Flags an `#id` tagged more than once when two of its values contradict each other:
//! their ranges do not overlap (`{650}#staff` and `{700}#staff`; `{in 2005}#founded`
//! and `{10 years ago}#founded` in a piece published in 2019), or they measure different
//! things (`{15 percent}#share` and `{15}#share`). Approximate values agree when they
//! overlap: `{about 650}#staff` and `{700}#staff` do (10% either side, configurable with
//! `tolerance`), `{more than 200}#n` and `{about 220}#n` too. The finding points at the
//! later tag; every tag of the id is labelled with how its value was read.
//!
//! ## Why
//! The same id means the same figure. When the lede says 650 staff and the fact box
//! says 700, at least one is wrong — and readers notice. A date that moves between
//! paragraphs ("founded in 2005", "founded ten years ago") is the same mistake in
//! another guise. If the two figures are really different things, give them different
//! ids.
//!
//! ## Example
//! ```markdown
//! The directorate employs {about 650}#staff people. …
//! The fact box: Staff: {800}#staff
//! ```
//! About 650 is 585 – 715; 800 cannot be true at the same time. Check the figure, or
//! if 800 counts contractors too, tag it `#staff_with_contractors`.

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::lint::quantities::unit_phrase;
use crate::numbers::{comparable, conflict};

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let quantities = ctx.quantities();
    for id in quantities.ids() {
        // One tag cannot contradict itself; skipping it also leaves its text unread.
        if quantities.values(id).nth(1).is_none() {
            continue;
        }
        let tags: Vec<_> = quantities
            .values(id)
            .filter_map(|t| t.quantity().map(|q| (t, q)))
            .collect();
        // The first tag that contradicts an earlier one, and that earlier one.
        let first_conflict = |later: usize| {
            let b = tags[later].1;
            tags[..later]
                .iter()
                .find(|(_, a)| conflict(a, b))
                .map(|earlier| (earlier, &tags[later]))
        };
        let found = match tags.first() {
            // Intervals that overlap pairwise share a point (Helly's theorem on the
            // line). So when every tag has one unit, a tag contradicts an earlier one
            // exactly when it misses what all earlier ones have in common: one pass,
            // not every pair (a draft can repeat an id thousands of times).
            Some((_, first)) if tags.iter().all(|(_, q)| q.unit == first.unit) => {
                let mut common = first.interval.clone();
                (1..tags.len()).find_map(|later| {
                    let b = &tags[later].1.interval;
                    if b.overlaps(&common) {
                        common = common.intersection(b);
                        None
                    } else {
                        first_conflict(later)
                    }
                })
            }
            // Mixed units do not compare transitively (a plain number compares with
            // anything): every pair.
            _ => (1..tags.len()).find_map(first_conflict),
        };
        let Some(((_, a), (later, b))) = found else {
            continue;
        };
        let mut message = format!("`{id}` is {a} here but {b} here");
        if !comparable(a.unit, b.unit) {
            message.push_str(&format!(
                ", and {} is not {}",
                unit_phrase(a.unit),
                unit_phrase(b.unit)
            ));
        }
        let mut diagnostic = Diagnostic::error("number-conflict", later.tag.text, message)
            .with_help(format!(
                "one `#{id}` is one figure: correct the wrong one, or give a different figure its own id"
            ));
        for (tag, q) in &tags {
            diagnostic = diagnostic.with_label(tag.span(), format!("`{id}`: {q}"));
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    fn check(src: &str) -> Vec<String> {
        findings("number-conflict", src)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn disjoint_values_conflict_at_the_later_tag() {
        let src = "The agency has {about 650}#staff employees. Its {800}#staff staff\n";
        let found = findings("number-conflict", src);
        assert_eq!(flagged(src, &found), ["800"]);
        assert_eq!(found[0].message, "`staff` is 585 – 715 here but 800 here");
        let labels: Vec<_> = found[0].labels.iter().map(|l| l.span.text(src)).collect();
        assert_eq!(labels, ["about 650", "800"]);
    }

    #[test]
    fn the_first_contradiction_is_found_among_many_tags() {
        // The one-unit pass (intersection of all earlier tags) and the pairwise pass
        // (mixed units) report the same pair the naive search would.
        let mut src: String = (0..3_000)
            .map(|i| {
                format!(
                    "{{{}}}#n ",
                    ["more than 200", "about 220", "fewer than 240"][i % 3]
                )
            })
            .collect();
        src.push_str("and {250}#n.\n");
        // 250 is first contradicted by "about 220" (198 – 242), the second tag.
        assert_eq!(check(&src), ["`n` is 198 – 242 here but 250 here"]);
        let found = findings("number-conflict", &src);
        assert_eq!(found[0].labels.len(), 3_001);
        // "about 220" (198 – 242) and "more than 240" overlap, but "fewer than 240" does
        // not: the earlier tag named is the first that contradicts.
        let src = "{more than 200}#n {about 220}#n {fewer than 240}#n {more than 240}#n\n";
        assert_eq!(
            check(src),
            ["`n` is less than 240 here but more than 240 here"]
        );
        // A plain number compares with anything, so mixed units take every pair.
        let src = "{15 percent}#s {15}#s {0.15}#s\n";
        assert_eq!(check(src).len(), 1);
    }

    #[test]
    fn overlapping_values_agree() {
        assert!(check("{about 650}#staff and {700}#staff\n").is_empty());
        assert!(check("{more than 200}#n spies, {about 220}#n of them\n").is_empty());
        assert!(check("{15 percent}#share, {0.15 times}#share\n").is_empty());
        assert!(check("{650}#staff and {650 people}#staff\n").is_empty());
    }

    #[test]
    fn different_units_conflict() {
        assert_eq!(
            check("{15 percent}#share … {15}#share\n"),
            ["`share` is 15 percent here but 15 here, and a percentage is not a count"]
        );
        assert_eq!(check("{€5 million}#cost … {$5 million}#cost\n").len(), 1);
    }

    #[test]
    fn dates_against_the_publication_date() {
        let src =
            "---\npublished: 2019-06-01\n---\nFounded {10 years ago}#founded, {in 2005}#founded.\n";
        assert_eq!(check(src), ["`founded` is 2008 – 2009 here but 2005 here"]);
        let src =
            "---\npublished: 2019-06-01\n---\nFounded {10 years ago}#founded, {in 2009}#founded.\n";
        assert!(check(src).is_empty());
    }

    #[test]
    fn one_finding_per_id_and_valueless_tags_are_ignored() {
        assert_eq!(
            check("{100}#n, {200}#n, {300}#n, {the number}#n\n").len(),
            1
        );
        assert!(check("{10 years ago}#a {in 2005}#a\n").is_empty());
    }
}
