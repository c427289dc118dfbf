//! The publication day of plain copy that has no front matter: the dateline an
//! article opens with ("22nd Feb 2024", "Feb. 22, 2024", "2024-02-22",
//! "BRUSSELS, Feb. 22, 2024 (Reuters) -").
//!
//! Only the top of the text is read: the first non-blank line, or the line after it
//! when the first is a Markdown heading (a headline). That line is a dateline when it
//! holds a full calendar day (day, month **and** year) and either
//!
//! * little else: at most [`MAX_OTHER_WORDS`] words besides the date and the words
//!   datelines carry (`Published`, `Updated`, a weekday, a clock time, `By`), so a
//!   first sentence that happens to contain a date ("The port opened on 2 February
//!   2018.") is not one; or
//! * it opens like a wire dateline: a place in capitals, a comma, the date, then an
//!   agency in parentheses or a dash (`BRUSSELS, Feb 22, 2024 (Reuters) -`).
//!
//! A date without a year ("BRUSSELS, Feb 22 (Reuters) -") is never completed with a
//! guessed year: the article then has no publication date.

use std::ops::Range;

use super::NumberOptions;
use super::date::Date;
use super::quantity::Unit;
use super::read::read_quantities;

/// A publication day read from the top of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub date: Date,
    /// The date phrase, as bytes of the text read.
    pub phrase: Range<usize>,
    /// The whole dateline (the trimmed line).
    pub line: Range<usize>,
}

/// Words a short dateline line may carry besides its date and dateline words.
pub const MAX_OTHER_WORDS: usize = 4;

/// Longest line looked at: datelines are short, and the bound keeps this cheap on a
/// document whose first line is a megabyte.
const MAX_LINE: usize = 200;

/// Words datelines carry that do not make the line a sentence (and the weekdays,
/// `WEEKDAYS`).
const DATELINE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "by",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "the",
    "of",
    "date",
];

/// The dateline at the top of `text`, if there is one. See the module documentation.
pub fn read_dateline(text: &str) -> Option<Dateline> {
    let mut lines = lines_with_offsets(text).filter(|(_, l)| !l.trim().is_empty());
    let (start, first) = lines.next()?;
    if let Some(found) = dateline_in(text, start, first) {
        return Some(found);
    }
    if first.trim_start().starts_with('#') {
        let (start, second) = lines.next()?;
        return dateline_in(text, start, second);
    }
    None
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    // At most a few lines are ever pulled; `split` is lazy.
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

fn dateline_in(text: &str, start: usize, line: &str) -> Option<Dateline> {
    if line.len() > MAX_LINE {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    let line_range = start + lead..start + lead + trimmed.len();
    debug_assert_eq!(&text[line_range.clone()], trimmed);
    let opts = NumberOptions::default();
    let (date, phrase) = read_quantities(trimmed, &opts)
        .into_iter()
        .find_map(|read| {
            Some((
                read.quantity.as_ref().and_then(calendar_day)?,
                read.matched?,
            ))
        })?;
    let before = &trimmed[..phrase.start];
    let after = &trimmed[phrase.end..];
    if !(short_dateline(before, after) || wire_dateline(before, after)) {
        return None;
    }
    Some(Dateline {
        date,
        phrase: line_range.start + phrase.start..line_range.start + phrase.end,
        line: line_range,
    })
}

/// The single calendar day a date quantity is, if it is one.
fn calendar_day(q: &super::Quantity) -> Option<Date> {
    if q.unit != Unit::Year {
        return None;
    }
    let lo = q.interval.lo.as_ref()?;
    let year = lo.value.floor().to_integer();
    let year = i32::try_from(year).ok()?;
    let len = super::days_in_year(i64::from(year));
    let into = (&lo.value - super::BigRational::from_integer(year.into()))
        * super::BigRational::from_integer(len.into());
    let ordinal = i64::try_from(into.floor().to_integer()).ok()?;
    let days = Date::new(year, 1, 1)?.days_since_epoch() + ordinal;
    let date = Date::from_days_since_epoch(days)?;
    (date.interval() == q.interval).then_some(date)
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A line that is the date and little else.
fn short_dateline(before: &str, after: &str) -> bool {
    let other = words(before)
        .chain(words(after))
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .filter(|w| {
            !DATELINE_WORDS
                .iter()
                .chain(&super::WEEKDAYS)
                .any(|d| d.eq_ignore_ascii_case(w))
        })
        .count();
    // A sentence that mentions a date ends like one; a dateline does not.
    other <= MAX_OTHER_WORDS && !(other > 0 && after.trim_end().ends_with(['.', '!', '?']))
}

/// `BRUSSELS, ` before the date and `(Reuters) -` or `—` after it.
fn wire_dateline(before: &str, after: &str) -> bool {
    let Some(place) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    // The city in capitals; a region or country after it may be in title case.
    let place_ok = words(place).count() <= 4
        && words(place)
            .next()
            .is_some_and(|w| w.chars().all(|c| c.is_uppercase()))
        && place
            .chars()
            .all(|c| c.is_alphabetic() || " ,.'-/".contains(c));
    let rest = after.trim_start().trim_start_matches(',').trim_start();
    let rest = match rest.strip_prefix('(') {
        Some(r) => match r.split_once(')') {
            Some((_, tail)) => tail.trim_start(),
            None => return false,
        },
        None => rest,
    };
    place_ok && rest.starts_with(['-', '–', '—'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<String> {
        read_dateline(text).map(|d| d.date.to_string())
    }

    #[test]
    fn reads_the_usual_datelines() {
        for text in [
            "22nd Feb 2024\n\nTallinn — The spy …",
            "Feb. 22, 2024\n",
            "2024-02-22\n",
            "Published: Thursday 22 February 2024, 09:30 GMT\n",
            "By Anna Tamm | 22 Feb 2024\n",
            "BRUSSELS, Feb. 22, 2024 (Reuters) - The alliance said …",
            "TALLINN, Estonia, 22 February 2024 — The spy …",
            "# A spy's long shadow\n\n22 February 2024\n\nText.",
        ] {
            assert_eq!(day(text).as_deref(), Some("22 February 2024"), "{text:?}");
        }
    }

    #[test]
    fn never_guesses() {
        for text in [
            // No year.
            "BRUSSELS, Feb 22 (Reuters) - The alliance said …",
            // A first sentence with a date is not a dateline.
            "The port opened on 2 February 2018 after years of delay.",
            // A year alone is not a day.
            "2024\n",
            "February 2024\n",
            // Only the top is read.
            "Some headline text here\n\n22 February 2024\n",
            "",
            "\n\n\n",
        ] {
            assert_eq!(day(text), None, "{text:?}");
        }
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "\n  BRUSSELS, Feb. 22, 2024 (Reuters) - Text.\n";
        let d = read_dateline(text).unwrap();
        assert_eq!(&text[d.phrase.clone()], "Feb. 22, 2024");
        assert!(text[d.line.clone()].starts_with("BRUSSELS"));
    }
}
