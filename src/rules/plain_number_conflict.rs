//! Untagged figures or dates in the copy that cannot all be true.
//!
//! Reads the plain, untagged sentences with the number reader and links mentions that
//! must agree (see `grammar/SPEC.md`, "Numbers in plain copy"): **one event dated
//! twice** — the same name and event word ("Simm … was caught … 10 years ago", "Simm
//! was arrested in 2008"), or an episode and its arrest or conviction ("the Simm case
//! in 2009", a year's slack either side) — and **parts and their total** ("the VSSE and
//! the ADIV had about 650 personnel each" and "the VSSE and ADIV's 1,300 officers"), and
//! **one owner's figure stated twice** ("the commission's 32,000 staff", "the
//! commission's 32,000 employees", in sentences that speak of no change or date).
//! Relative dates count from the front-matter `published` date, else from the dateline
//! at the top of the copy. A finding is reported only when the interval arithmetic says
//! the linked figures cannot both be true; it points at the later mention, labels both,
//! shows the arithmetic and says how sure the link is (`confidence: high` for the same
//! name and event word or named parts, `medium` for looser links). Consistent links are
//! listed by `claimmark export` as checked.
//!
//! ## Why
//! Most copy is never tagged, and that is where a date drifts between paragraphs ("ten
//! years ago" in the lede, "in 2009" in the background, fifteen years apart) or a total
//! stops adding up after an edit. Readers notice; corrections follow.
//!
//! ## Example
//! ```markdown
//! 22 February 2024
//!
//! Herman Simm, a defence official, was caught giving secrets to Russia 10 years ago.
//! …
//! Investigators still study the Simm case in 2009.
//! ```
//! "10 years ago" from 22 February 2024 is 2013 – 2014; the Simm case is dated 2009.
//! Correct the wrong date (here "15 years ago"), or tag both and say how they relate.

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::lint::plain_numbers::PlainLink;
use crate::numbers::plain::LinkKind;
use crate::span::LineIndex;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let analysis = ctx.plain_numbers();
    let mut lines = None;
    for link in analysis.links.iter().filter(|l| !l.link.holds) {
        let index = lines.get_or_insert_with(|| LineIndex::new(ctx.source));
        let line = |span: crate::span::Span| index.line_of(span.start) + 1;
        let published = analysis.publication.map(|p| p.date);
        out.push(diagnostic(ctx.source, link, published, line));
    }
}

fn diagnostic(
    source: &str,
    pl: &PlainLink,
    published: Option<crate::numbers::Date>,
    line: impl Fn(crate::span::Span) -> usize,
) -> Diagnostic {
    let link = &pl.link;
    let (first, second) = (pl.first.text(source), pl.second.text(source));
    let (first_about, second_about) = (pl.first_about.text(source), pl.second_about.text(source));
    let reading = |relative: bool, phrase: &str, q: &crate::numbers::Quantity| match published {
        Some(day) if relative => format!("\"{phrase}\" from {day} is {q}"),
        _ => format!("\"{phrase}\" is {q}"),
    };
    let confidence = link.confidence.as_str();
    let (message, help) = match link.kind {
        LinkKind::SameEvent => (
            format!(
                "one event, two dates: {} (\"{first_about}\", line {}), but {} (\"{second_about}\", line {}){}; confidence: {confidence}",
                reading(link.first.relative, first, &link.first.quantity),
                line(pl.first),
                reading(link.second.relative, second, &link.second.quantity),
                line(pl.second),
                if link.slack {
                    ", even allowing a year either side for a case that runs on"
                } else {
                    ""
                },
            ),
            "correct the date that is wrong; if these are two events, say so in the copy",
        ),
        LinkKind::PartsAndTotal => (
            format!(
                "{} parts of \"{first}\" {first_about} each (line {}) make {}, but the total \"{second}\" {second_about} (line {}) is {}; confidence: {confidence}",
                link.parts,
                line(pl.first),
                link.expected,
                line(pl.second),
                link.second.quantity,
            ),
            "correct the part or the total; if the total counts something else, say so in the copy",
        ),
        LinkKind::Restated => (
            format!(
                "one figure, stated twice: \"{first_about}\" is {} (line {}), but \"{second_about}\" is {} (line {}); confidence: {confidence}",
                link.first.quantity,
                line(pl.first),
                link.second.quantity,
                line(pl.second),
            ),
            "correct the figure that is wrong; if they count different things or times, say so in the copy",
        ),
    };
    let (first_label, second_label) = match link.kind {
        LinkKind::SameEvent => (
            format!("dated {}", link.first.quantity),
            format!("dated {}", link.second.quantity),
        ),
        LinkKind::PartsAndTotal => (
            format!(
                "one part: {}; {} parts: {}",
                link.first.quantity, link.parts, link.expected
            ),
            format!("the total: {}", link.second.quantity),
        ),
        LinkKind::Restated => (
            format!("stated {}", link.first.quantity),
            format!("restated {}", link.second.quantity),
        ),
    };
    Diagnostic::warning("plain-number-conflict", pl.second, message)
        .with_label(pl.first, first_label)
        .with_label(pl.second, second_label)
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    const STORY: &str = "22 February 2024\n\n\
        Herman Simm, a defence official, was caught giving secrets to Russia 10 years ago.\n\n\
        Investigators still study the Simm case in 2009.\n";

    #[test]
    fn a_date_that_moved_is_flagged_at_the_later_mention() {
        let found = findings("plain-number-conflict", STORY);
        assert_eq!(flagged(STORY, &found), ["in 2009"]);
        assert_eq!(
            found[0].message,
            "one event, two dates: \"10 years ago\" from 22 February 2024 is 2013 – 2014 \
             (\"Herman Simm, a defence official, was caught\", line 3), but \"in 2009\" is 2009 \
             (\"Simm case\", line 5), even allowing a year either side for a case that runs \
             on; confidence: medium"
        );
        let labels: Vec<_> = found[0].labels.iter().map(|l| l.span.text(STORY)).collect();
        assert_eq!(labels, ["10 years ago", "in 2009"]);
    }

    #[test]
    fn consistent_copy_and_missing_dates_are_quiet() {
        let fixed = STORY.replace("10 years", "15 years");
        assert!(findings("plain-number-conflict", &fixed).is_empty());
        // No dateline, no front matter: "10 years ago" has no value.
        let undated = STORY.replace("22 February 2024\n\n", "");
        assert!(findings("plain-number-conflict", &undated).is_empty());
    }

    #[test]
    fn front_matter_wins_over_the_dateline() {
        let src = format!("---\npublished: 2019-02-22\n---\n{STORY}");
        // 10 years before 2019 is 2008 – 2009: consistent.
        assert!(findings("plain-number-conflict", &src).is_empty());
    }

    #[test]
    fn parts_that_do_not_add_up() {
        let src = "The VSSE and the ADIV had about 650 personnel each.\n\n\
                   A review found the VSSE and ADIV's 1,600 officers overworked.\n";
        let found = findings("plain-number-conflict", src);
        assert_eq!(flagged(src, &found), ["1,600"]);
        assert_eq!(
            found[0].message,
            "2 parts of \"about 650\" personnel each (line 1) make 1,170 – 1,430, but the total \
             \"1,600\" officers (line 3) is 1,600; confidence: high"
        );
    }
}
