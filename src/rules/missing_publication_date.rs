//! A relative date in a quantity tag, and no publication date to read it against.
//!
//! Flags a tag with an `#id` whose date is relative to the day of publication — "10
//! years ago", "last year", "three months ago", "yesterday", "2 February" without a
//! year — in a file whose front matter has no `published` (or `date`) field, or one
//! that is not an ISO date (`published: 2019-06-01`; a time may follow). Without it the
//! tag has no value: it cannot be compared with other tags of its id
//! (`number-conflict`) or used in a relation.
//!
//! ## Why
//! "Ten years ago" means 2009 in a story published in 2019 and 2015 in one republished
//! in 2025. Date checks are only as good as the date they count from, and drafts are
//! often written before anyone sets it.
//!
//! ## Example
//! ```markdown
//! ---
//! title: Harbour authority marks its anniversary
//! ---
//! The authority was founded {10 years ago}#founded.
//! ```
//! Add `published: 2019-06-01` to the front matter, or write the year: `{in 2009}#founded`.

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::lint::quantities::Publication;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let quantities = ctx.quantities();
    if let Publication::Date(_) = quantities.publication {
        return;
    }
    for tag in quantities.all() {
        if !tag.read.relative_date || tag.quantity().is_some() {
            continue;
        }
        let span = tag.span();
        let phrase = span.text(ctx.source);
        let diagnostic = match quantities.publication {
            Publication::Unreadable(published) => Diagnostic::warning(
                "missing-publication-date",
                span,
                format!(
                    "\"{phrase}\" counts from the publication date, but `{}` is not a date Claimmark can read",
                    published.span.text(ctx.source).trim()
                ),
            )
            .with_label(published.span, "not a YYYY-MM-DD date")
            .with_help("write the publication date as `published: 2019-06-01`"),
            _ => Diagnostic::warning(
                "missing-publication-date",
                span,
                format!(
                    "\"{phrase}\" counts from the publication date, but the file has none"
                ),
            )
            .with_help(format!(
                "add `published: YYYY-MM-DD` to the front matter, or write the date itself (`in 2009`) instead of \"{phrase}\""
            )),
        };
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, flagged};

    #[test]
    fn flags_relative_dates_without_a_publication_date() {
        let src =
            "The port was founded {10 years ago}#founded and expanded {last year}#expanded.\n";
        let found = findings("missing-publication-date", src);
        assert_eq!(flagged(src, &found), ["10 years ago", "last year"]);
        assert_eq!(
            found[0].message,
            "\"10 years ago\" counts from the publication date, but the file has none"
        );
    }

    #[test]
    fn a_publication_date_resolves_them() {
        let src = "---\npublished: 2019-06-01T10:00:00Z\n---\nFounded {10 years ago}#founded.\n";
        assert!(findings("missing-publication-date", src).is_empty());
        let src = "+++\ndate = 2019-06-01\n+++\nFounded {10 years ago}#founded.\n";
        assert!(findings("missing-publication-date", src).is_empty());
    }

    #[test]
    fn an_unreadable_publication_date_is_named() {
        let src = "---\npublished: June 2019\n---\nFounded {10 years ago}#founded.\n";
        let found = findings("missing-publication-date", src);
        assert_eq!(flagged(src, &found), ["10 years ago"]);
        assert_eq!(
            found[0].message,
            "\"10 years ago\" counts from the publication date, but `published: June 2019` is not a date Claimmark can read"
        );
        assert_eq!(found[0].labels[0].span.text(src), "published: June 2019");
    }

    #[test]
    fn only_quantity_tags_with_relative_dates() {
        assert!(findings("missing-publication-date", "{in 2009}#founded\n").is_empty());
        let src = "{The port opened 10 years ago}@x:reported\n\n[@x]: X\n";
        assert!(findings("missing-publication-date", src).is_empty());
    }
}
