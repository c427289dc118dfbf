//! Reading a quantity from the text of a tag (`about 650`, `€2.5 million`,
//! `10 years ago`). The text is split into tokens once, then a phrase is
//! tried at each token start until one matches; every attempt looks at a
//! bounded number of tokens, so reading is linear in the text length.

use std::ops::Range;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive};

use super::NumberOptions;
use super::date::{Date, day_start, month_interval, month_start, year_interval};
use super::expr::decimal_value;
use super::fast;
use super::interval::{Bound, Interval};
use super::quantity::{Currency, Quantity, Unit};

/// The outcome of [`read_quantity`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadValue {
    /// The value, if a phrase was found and could be resolved.
    pub quantity: Option<Quantity>,
    /// The phrase is a date relative to publication (`10 years ago`,
    /// `last year`, `2 February` without a year). When no publication date
    /// was given, `quantity` is `None` and the linter reports
    /// `missing-publication-date`.
    pub relative_date: bool,
    /// Byte range of the phrase in the text.
    pub matched: Option<Range<usize>>,
}

/// Longest numeral read, in digits: no news figure is longer, and the cap
/// keeps big-number parsing cheap on hostile input.
const MAX_NUMERAL_DIGITS: usize = 100;

/// Reads the first quantity phrase in `text`. See the module documentation
/// for the forms understood and what each means.
pub fn read_quantity(text: &str, opts: &NumberOptions) -> ReadValue {
    let toks = tokenize(text, opts.european);
    let reader = Reader { toks: &toks, opts };
    for i in 0..toks.len() {
        if let Some(found) = reader.phrase_at(i) {
            let end = toks[found.end - 1].end;
            return ReadValue {
                quantity: found.quantity,
                relative_date: found.relative,
                matched: Some(toks[i].start..end),
            };
        }
    }
    ReadValue::default()
}

/// Every quantity phrase in `text`, left to right and none overlapping: the phrase
/// [`read_quantity`] finds, then the first one after it, and so on. The text is
/// tokenized once and each token starts at most one bounded attempt, so this is linear
/// in the text too (calling [`read_quantity`] on each remainder would not be).
pub fn read_quantities(text: &str, opts: &NumberOptions) -> Vec<ReadValue> {
    let toks = tokenize(text, opts.european);
    let reader = Reader { toks: &toks, opts };
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match reader.phrase_at(i) {
            Some(phrase) => {
                let end = toks[phrase.end - 1].end;
                found.push(ReadValue {
                    quantity: phrase.quantity,
                    relative_date: phrase.relative,
                    matched: Some(toks[i].start..end),
                });
                i = phrase.end.max(i + 1);
            }
            None => i += 1,
        }
    }
    found
}

// ---------------------------------------------------------------- tokens --

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A valid numeral; its value is in `Tok::value`.
    Num,
    /// A run of letters and digits starting with a letter.
    Word,
    /// Any other single character.
    Sym(char),
    /// Digits and separators that do not form a valid numeral (`1,30,0`).
    Junk,
}

#[derive(Clone, Debug)]
struct Tok<'a> {
    kind: Kind,
    text: &'a str,
    start: usize,
    end: usize,
    /// Whitespace precedes the token: `5bn` and `15%` are attached, `5 bn`
    /// is not.
    space_before: bool,
    value: Option<BigRational>,
}

/// Separators that group digits: the no-break and thin spaces always, a
/// plain space only in European mode (`43 000`).
fn is_group_space(c: char, european: bool) -> bool {
    matches!(c, '\u{00A0}' | '\u{2009}' | '\u{202F}') || (european && c == ' ')
}

fn digits_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

fn tokenize(text: &str, european: bool) -> Vec<Tok<'_>> {
    let b = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut space = true;
    while let Some(c) = text[i..].chars().next() {
        let start = i;
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let kind;
        let mut value = None;
        if c.is_ascii_digit() {
            i = digits_end(b, i);
            let first_group = i - start;
            let mut punct = false;
            loop {
                if i + 1 < b.len() && matches!(b[i], b'.' | b',') && b[i + 1].is_ascii_digit() {
                    punct = true;
                    i = digits_end(b, i + 1);
                    continue;
                }
                // A space group is exactly three digits not followed by more.
                if let Some(sc) = text[i..].chars().next()
                    && !punct
                    && first_group <= 3
                    && is_group_space(sc, european)
                {
                    let k = i + sc.len_utf8();
                    let e = digits_end(b, k);
                    if e - k == 3 {
                        i = e;
                        continue;
                    }
                }
                break;
            }
            value = parse_numeral(&text[start..i], european);
            kind = if value.is_some() {
                Kind::Num
            } else {
                Kind::Junk
            };
        } else if c.is_alphabetic() {
            i += text[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum::<usize>();
            kind = Kind::Word;
        } else {
            i += c.len_utf8();
            kind = Kind::Sym(c);
        }
        toks.push(Tok {
            kind,
            text: &text[start..i],
            start,
            end: i,
            space_before: space,
            value,
        });
        space = false;
    }
    toks
}

/// Interprets a run of digits and separators. English: `,` groups and `.` is
/// the decimal point; European: the reverse, and spaces group too. A single
/// separator of the grouping kind that is not followed by exactly three
/// digits is read as a decimal point (`0,01` in English text, `1.5` in
/// European text): such a numeral has no other sensible reading.
fn parse_numeral(raw: &str, european: bool) -> Option<BigRational> {
    let (dec, grp) = if european { (',', '.') } else { ('.', ',') };
    // More than MAX_NUMERAL_DIGITS separators means more digits than that or an
    // empty group: not read either way. So the groups fit on the stack.
    const CAP: usize = MAX_NUMERAL_DIGITS + 1;
    let mut groups: [&str; CAP] = [""; CAP];
    let mut seps: [char; CAP] = ['\0'; CAP];
    let mut ng = 0;
    let mut start = 0;
    let mut digits = 0;
    for (i, c) in raw.char_indices() {
        if c.is_ascii_digit() {
            digits += 1;
        } else {
            if ng + 1 >= CAP {
                return None;
            }
            groups[ng] = &raw[start..i];
            seps[ng] = c;
            ng += 1;
            start = i + c.len_utf8();
        }
    }
    groups[ng] = &raw[start..];
    ng += 1;
    let (groups, seps) = (&groups[..ng], &seps[..ng - 1]);
    if digits > MAX_NUMERAL_DIGITS || groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let is_space = |c: char| c != '.' && c != ',';
    let has_frac = seps.last() == Some(&dec);
    let int_count = if has_frac {
        groups.len() - 1
    } else {
        groups.len()
    };
    let int_seps = &seps[..int_count - 1];
    let same_kind = int_seps.iter().all(|&s| s == grp) || int_seps.iter().all(|&s| is_space(s));
    let valid = same_kind
        && (int_count == 1 || groups[0].len() <= 3)
        && groups[1..int_count].iter().all(|g| g.len() == 3);
    if valid {
        let frac = if has_frac { groups[int_count] } else { "" };
        return Some(groups_value(&groups[..int_count], frac));
    }
    if seps.len() == 1 && seps[0] == grp && groups[1].len() != 3 {
        return Some(decimal_value(groups[0], groups[1]));
    }
    None
}

/// The value of integer digit groups and fractional digits: `decimal_value` of
/// the concatenated groups, without building the string for short numerals.
fn groups_value(int_groups: &[&str], frac: &str) -> BigRational {
    if let [int] = int_groups {
        return decimal_value(int, frac);
    }
    let digits: usize = int_groups.iter().map(|g| g.len()).sum::<usize>() + frac.len();
    if digits <= 18 {
        let mut n: i64 = 0;
        for b in int_groups.iter().flat_map(|g| g.bytes()) {
            n = n * 10 + i64::from(b - b'0');
        }
        // `decimal_value` of the integer part's digits with the fraction.
        let scale = 10i64.pow(frac.len() as u32);
        let mut f: i64 = 0;
        for b in frac.bytes() {
            f = f * 10 + i64::from(b - b'0');
        }
        if let Some(v) = fast::ratio(
            i128::from(n) * i128::from(scale) + i128::from(f),
            i128::from(scale),
        ) {
            return v;
        }
    }
    decimal_value(&int_groups.concat(), frac)
}

// --------------------------------------------------------------- reading --

/// A phrase found at some token.
struct Found {
    quantity: Option<Quantity>,
    relative: bool,
    /// Token index just past the phrase.
    end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Qual {
    None,
    Approx,
    More,
    AtLeast,
    Less,
    AtMost,
    Nearly,
    JustOver,
    Exact,
}

/// Leading qualifiers; the longest matching pattern wins. A one-character
/// element that is not a letter matches a symbol token (`~`, `.`).
const QUALIFIERS: &[(&[&str], Qual)] = &[
    (&["about"], Qual::Approx),
    (&["around"], Qual::Approx),
    (&["roughly"], Qual::Approx),
    (&["approximately"], Qual::Approx),
    (&["approx"], Qual::Approx),
    (&["approx", "."], Qual::Approx),
    (&["some"], Qual::Approx),
    (&["~"], Qual::Approx),
    (&["circa"], Qual::Approx),
    (&["c", "."], Qual::Approx),
    (&["ca", "."], Qual::Approx),
    (&["an", "estimated"], Qual::Approx),
    (&["estimated"], Qual::Approx),
    (&["close", "to"], Qual::Approx),
    (&["in", "the", "region", "of"], Qual::Approx),
    (&["more", "than"], Qual::More),
    (&["over"], Qual::More),
    (&["above"], Qual::More),
    (&["upwards", "of"], Qual::More),
    (&["in", "excess", "of"], Qual::More),
    (&["exceeding"], Qual::More),
    (&["well", "over"], Qual::More),
    (&["well", "above"], Qual::More),
    (&["well", "more", "than"], Qual::More),
    (&["at", "least"], Qual::AtLeast),
    (&["no", "fewer", "than"], Qual::AtLeast),
    (&["no", "less", "than"], Qual::AtLeast),
    (&["not", "fewer", "than"], Qual::AtLeast),
    (&["not", "less", "than"], Qual::AtLeast),
    (&["a", "minimum", "of"], Qual::AtLeast),
    (&["fewer", "than"], Qual::Less),
    (&["less", "than"], Qual::Less),
    (&["under"], Qual::Less),
    (&["below"], Qual::Less),
    (&["well", "under"], Qual::Less),
    (&["well", "below"], Qual::Less),
    (&["up", "to"], Qual::AtMost),
    (&["at", "most"], Qual::AtMost),
    (&["no", "more", "than"], Qual::AtMost),
    (&["not", "more", "than"], Qual::AtMost),
    (&["a", "maximum", "of"], Qual::AtMost),
    (&["as", "many", "as"], Qual::AtMost),
    (&["as", "much", "as"], Qual::AtMost),
    (&["nearly"], Qual::Nearly),
    (&["almost"], Qual::Nearly),
    (&["just", "under"], Qual::Nearly),
    (&["just", "below"], Qual::Nearly),
    (&["just", "short", "of"], Qual::Nearly),
    (&["not", "quite"], Qual::Nearly),
    (&["just", "over"], Qual::JustOver),
    (&["just", "above"], Qual::JustOver),
    (&["just", "more", "than"], Qual::JustOver),
    (&["slightly", "more", "than"], Qual::JustOver),
    (&["slightly", "over"], Qual::JustOver),
    (&["a", "little", "over"], Qual::JustOver),
    (&["a", "little", "more", "than"], Qual::JustOver),
    (&["exactly"], Qual::Exact),
    (&["precisely"], Qual::Exact),
    (&["just"], Qual::Exact),
    (&["only"], Qual::Exact),
    (&["merely"], Qual::Exact),
    (&["a", "mere"], Qual::Exact),
    (&["a", "total", "of"], Qual::Exact),
];

/// Qualifiers written after the number (`650 or so`, `650+`).
const TRAILING: &[(&[&str], Qual)] = &[
    (&["or", "so"], Qual::Approx),
    (&["or", "more"], Qual::AtLeast),
    (&["or", "above"], Qual::AtLeast),
    (&["or", "over"], Qual::AtLeast),
    (&["or", "higher"], Qual::AtLeast),
    (&["or", "fewer"], Qual::AtMost),
    (&["or", "less"], Qual::AtMost),
    (&["or", "below"], Qual::AtMost),
    (&["or", "under"], Qual::AtMost),
    (&["or", "lower"], Qual::AtMost),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TimeUnit {
    Year,
    Month,
    Week,
    Day,
}

/// A unit as read, before durations are settled (`10 months` is a count of
/// months unless `ago` follows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VUnit {
    Percent,
    Points,
    Money(Currency),
    Ratio,
    Time(TimeUnit),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MagKind {
    /// Digits: may take a scale word (`2.5 million`, `5bn`).
    Numeral,
    /// Number words, or a fraction of a scale (`half a million`).
    Words,
    /// `hundreds`, `tens of thousands`: already a range.
    Vague,
}

/// One value with its unit, before ranges and qualifiers.
#[derive(Clone, Debug)]
struct Single {
    lo: BigRational,
    hi: BigRational,
    /// The numeral as written, before its scale (for `5–10 million`).
    raw: BigRational,
    scale: Option<BigRational>,
    unit: Option<VUnit>,
    kind: MagKind,
}

/// A value or a range, with its unit.
struct Val {
    lo: BigRational,
    hi: BigRational,
    unit: Option<VUnit>,
}

fn int(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

fn pow10(n: usize) -> BigRational {
    fast::pow10(n)
}

fn frac(n: i64, d: i64) -> BigRational {
    fast::ratio(i128::from(n), i128::from(d))
        .unwrap_or_else(|| BigRational::new(BigInt::from(n), BigInt::from(d)))
}

/// "zero" to "nineteen": the number words below twenty, in order (their index is
/// their value).
pub const UNIT_WORDS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS_WORDS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn unit_word(w: &str) -> Option<u64> {
    UNIT_WORDS
        .iter()
        .position(|u| u.eq_ignore_ascii_case(w))
        .map(|n| n as u64)
}

fn tens_word(w: &str) -> Option<u64> {
    TENS_WORDS
        .iter()
        .position(|u| u.eq_ignore_ascii_case(w))
        .map(|n| 20 + 10 * n as u64)
}

/// Denominators of spoken fractions (`a third`, `three quarters`).
fn denominator_word(w: &str) -> Option<i64> {
    let w = w.to_ascii_lowercase();
    let w = w.strip_suffix('s').unwrap_or(&w);
    Some(match w {
        "half" | "halve" => 2,
        "third" => 3,
        "quarter" | "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    })
}

/// Scale words usable inside number-word phrases.
fn big_scale_word(w: &str) -> Option<u64> {
    Some(match w.to_ascii_lowercase().as_str() {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

fn month_word(w: &str) -> Option<u8> {
    let w = w.to_ascii_lowercase();
    Some(match w.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn ceil_i64(v: &BigRational) -> Option<i64> {
    v.ceil().to_integer().to_i64()
}

fn floor_i64(v: &BigRational) -> Option<i64> {
    v.floor().to_integer().to_i64()
}

struct Reader<'t, 'a> {
    toks: &'t [Tok<'a>],
    opts: &'t NumberOptions,
}

impl Reader<'_, '_> {
    fn word(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.text.eq_ignore_ascii_case(w))
    }

    fn word_text(&self, i: usize) -> Option<&str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text)
    }

    fn sym(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Sym(c))
    }

    fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// `Covid-19`, `F-16`, `mid-2016`: a hyphen attached to a preceding word, or a
    /// numeral joined to a word by one, is part of a name or compound. The hyphen is not
    /// a minus sign and the numeral is not a quantity of its own.
    fn joined_to_word(&self, i: usize) -> bool {
        let word_before = |k: usize| {
            k > 0 && self.attached(k) && self.toks.get(k - 1).is_some_and(|t| t.kind == Kind::Word)
        };
        let hyphen = |k: usize| self.sym(k, '-') || self.sym(k, '‐');
        // `2-1`, `555-0134`: a hyphen between two numerals that do not make a range
        // (see `range_or_value`) joins a score or a code; neither part is a quantity.
        let number_before = |k: usize| {
            k > 0 && self.attached(k) && self.toks.get(k - 1).is_some_and(|t| t.kind == Kind::Num)
        };
        match self.toks[i].kind {
            Kind::Sym(_) => hyphen(i) && (word_before(i) || number_before(i)),
            Kind::Num => {
                i > 0
                    && hyphen(i - 1)
                    && self.attached(i)
                    && (word_before(i - 1) || number_before(i - 1))
            }
            _ => false,
        }
    }

    /// A numeral written as bare ASCII digits of one of the given lengths.
    fn plain(&self, i: usize, lens: Range<usize>) -> Option<i64> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Num)?;
        if !lens.contains(&t.text.len()) || !t.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.text.parse().ok()
    }

    /// Matches a word/symbol pattern, returning the index after it.
    fn pattern(&self, i: usize, pat: &[&str]) -> Option<usize> {
        for (k, p) in pat.iter().enumerate() {
            let mut chars = p.chars();
            let ok = match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_alphanumeric() => self.sym(i + k, c),
                _ => self.word(i + k, p),
            };
            if !ok {
                return None;
            }
        }
        Some(i + pat.len())
    }

    /// The first byte a pattern's first element must start with to match at
    /// `i` (patterns are ASCII and lower case; words compare ignoring ASCII
    /// case), or `None` when no pattern can match there.
    fn first_byte(&self, i: usize) -> Option<u8> {
        let t = self.toks.get(i)?;
        match t.kind {
            Kind::Word => t.text.as_bytes().first().map(u8::to_ascii_lowercase),
            Kind::Sym(c) if c.is_ascii() => Some(c as u8),
            _ => None,
        }
    }

    fn longest(&self, i: usize, table: &[(&[&str], Qual)]) -> Option<(Qual, usize)> {
        let first = self.first_byte(i)?;
        table
            .iter()
            .filter(|(pat, _)| pat[0].as_bytes()[0] == first)
            .filter_map(|(pat, q)| self.pattern(i, pat).map(|end| (*q, end)))
            .max_by_key(|&(_, end)| end)
    }

    fn phrase_at(&self, i: usize) -> Option<Found> {
        if self.joined_to_word(i) {
            return None;
        }
        match self.toks[i].kind {
            Kind::Junk => None,
            Kind::Sym(c) if !matches!(c, '$' | '€' | '£' | '¥' | '~' | '-' | '−' | '+') => {
                None
            }
            _ => self
                .relative_at(i)
                .or_else(|| self.date_at(i))
                .or_else(|| self.amount_at(i)),
        }
    }

    // ------------------------------------------------------------ dates --

    /// `last year`, `this month`, `next week`, `yesterday`, `today`,
    /// `tomorrow`.
    fn relative_at(&self, i: usize) -> Option<Found> {
        let pub_date = self.opts.publication_date;
        let day_range = |from: i64, to_excl: i64| -> Option<Interval> {
            let a = Date::from_days_since_epoch(from)?;
            let b = Date::from_days_since_epoch(to_excl)?;
            Some(Interval::half_open(
                day_start(i64::from(a.year()), a.ordinal0()),
                day_start(i64::from(b.year()), b.ordinal0()),
            ))
        };
        for (w, offset) in [("yesterday", -1), ("today", 0), ("tomorrow", 1)] {
            if self.word(i, w) {
                let q = pub_date.and_then(|d| {
                    let n = d.days_since_epoch() + offset;
                    day_range(n, n + 1)
                });
                return Some(relative_found(q, i + 1));
            }
        }
        let shift = if self.word(i, "last") {
            -1
        } else if self.word(i, "this") {
            0
        } else if self.word(i, "next") {
            1
        } else {
            return None;
        };
        let period = ["year", "month", "week"]
            .iter()
            .position(|w| self.word(i + 1, w))?;
        let q = pub_date.and_then(|d| {
            let y = i64::from(d.year());
            match period {
                0 => Some(year_interval(y + shift)),
                1 => {
                    let m = y * 12 + i64::from(d.month()) - 1 + shift;
                    Some(month_interval(
                        m.div_euclid(12),
                        (m.rem_euclid(12) + 1) as u8,
                    ))
                }
                _ => {
                    let monday = d.days_since_epoch() - d.weekday() + 7 * shift;
                    day_range(monday, monday + 7)
                }
            }
        });
        Some(relative_found(q, i + 2))
    }

    /// Dates with an optional preposition or qualifier: `in 2009`,
    /// `2 February 2018`, `before 2010`, `between 2009 and 2012`.
    fn date_at(&self, i: usize) -> Option<Found> {
        #[derive(PartialEq, Clone, Copy)]
        enum Pre {
            None,
            Point,
            Before,
            After,
            Until,
            Approx,
            Between,
            From,
        }
        const PREFIXES: &[(&[&str], Pre)] = &[
            (&["in"], Pre::Point),
            (&["on"], Pre::Point),
            (&["during"], Pre::Point),
            (&["since"], Pre::Point),
            (&["the", "year"], Pre::Point),
            (&["in", "the", "year"], Pre::Point),
            (&["year"], Pre::Point),
            (&["before"], Pre::Before),
            (&["prior", "to"], Pre::Before),
            (&["after"], Pre::After),
            (&["by"], Pre::Until),
            (&["until"], Pre::Until),
            (&["till"], Pre::Until),
            (&["through"], Pre::Until),
            (&["about"], Pre::Approx),
            (&["around"], Pre::Approx),
            (&["circa"], Pre::Approx),
            (&["c", "."], Pre::Approx),
            (&["ca", "."], Pre::Approx),
            (&["approximately"], Pre::Approx),
            (&["roughly"], Pre::Approx),
            (&["between"], Pre::Between),
            (&["from"], Pre::From),
        ];
        let first = self.first_byte(i);
        let (pre, mut j) = PREFIXES
            .iter()
            .filter(|(pat, _)| Some(pat[0].as_bytes()[0]) == first)
            .filter_map(|(pat, p)| self.pattern(i, pat).map(|e| (*p, e)))
            .max_by_key(|&(_, e)| e)
            .unwrap_or((Pre::None, i));
        if self.word(j, "the") && pre != Pre::None {
            j += 1;
        }
        let bare_year_ok = pre != Pre::None;
        let (first, k) = self.core_date(j, bare_year_ok)?;
        let mut end = k;
        let mut relative = first.relative;
        let mut iv = first.interval;
        if matches!(pre, Pre::Between | Pre::From | Pre::Point) {
            let connected = if pre == Pre::Between {
                self.word(k, "and")
            } else {
                self.word(k, "to") || self.sym(k, '-') || self.sym(k, '–') || self.sym(k, '—')
            };
            // `in the 2019-20 season`: through the end of the second year.
            let season = (connected && k == j + 1)
                .then(|| self.season_end(j))
                .flatten()
                .map(|end| (DateCore::fixed(year_interval(end)), k + 2));
            match season.or_else(|| connected.then(|| self.core_date(k + 1, true)).flatten()) {
                Some((second, k2)) => {
                    relative |= second.relative;
                    iv = match (iv, second.interval) {
                        (Some(a), Some(b)) => Some(Interval::new(a.lo, b.hi)),
                        _ => None,
                    };
                    end = k2;
                }
                None if pre == Pre::Between => return None,
                None => {}
            }
        }
        let iv = iv.map(|iv| match pre {
            Pre::Before => Interval::new(None, iv.lo.map(|b| Bound::open(b.value))),
            Pre::After => Interval::new(iv.hi.map(|b| Bound::closed(b.value)), None),
            Pre::Until => Interval::new(None, iv.hi),
            Pre::Approx => {
                // Widen by the period's own length: `around 2009` is
                // 2008–2010.
                match (&iv.lo, &iv.hi) {
                    (Some(lo), Some(hi)) => {
                        let len = &hi.value - &lo.value;
                        Interval::half_open(&lo.value - &len, &hi.value + &len)
                    }
                    _ => iv,
                }
            }
            _ => iv,
        });
        Some(Found {
            quantity: iv.map(|iv| Quantity::new(iv, Unit::Year)),
            relative,
            end,
        })
    }

    /// A calendar date, month, year or decade starting at `j`.
    fn core_date(&self, j: usize, bare_year_ok: bool) -> Option<(DateCore, usize)> {
        // ISO 2018-02-02 or 2018-02.
        if let Some(y) = self.plain(j, 4..5)
            && self.sym(j + 1, '-')
            && self.attached(j + 1)
            && self.attached(j + 2)
            && let Some(m) = self
                .plain(j + 2, 2..3)
                .and_then(|m| u8::try_from(m).ok())
                .filter(|m| (1..=12).contains(m))
        {
            if self.sym(j + 3, '-')
                && self.attached(j + 3)
                && self.attached(j + 4)
                && let Some(d) = self.plain(j + 4, 2..3)
            {
                let date = Date::new(i32::try_from(y).ok()?, m, u8::try_from(d).ok()?)?;
                return Some((DateCore::fixed(date.interval()), j + 5));
            }
            return Some((DateCore::fixed(month_interval(y, m)), j + 3));
        }
        // Day first: 2 February 2018, 2nd of Feb., 2018, 2 February.
        if let Some(d) = self.plain(j, 1..3) {
            let mut k = j + 1;
            k = self.skip_ordinal(k);
            if self.word(k, "of") {
                k += 1;
            }
            if let Some(m) = self.word_text(k).and_then(month_word) {
                k = self.skip_dot(k + 1);
                let k_before_comma = k;
                if self.sym(k, ',') {
                    k += 1;
                }
                if let Some(y) = self.plain(k, 4..5) {
                    return self.day(y, m, d, false).map(|c| (c, k + 1));
                }
                return self.day_without_year(m, d).map(|c| (c, k_before_comma));
            }
        }
        // Month first: Feb. 2, 2018, February 2018, February 2.
        if let Some(m) = self.word_text(j).and_then(month_word) {
            let mut k = self.skip_dot(j + 1);
            if let Some(d) = self.plain(k, 1..3) {
                k = self.skip_ordinal(k + 1);
                let k_before_comma = k;
                if self.sym(k, ',') {
                    k += 1;
                }
                if let Some(y) = self.plain(k, 4..5) {
                    return self.day(y, m, d, false).map(|c| (c, k + 1));
                }
                return self.day_without_year(m, d).map(|c| (c, k_before_comma));
            }
            if self.sym(k, ',') {
                k += 1;
            }
            if let Some(y) = self.plain(k, 4..5) {
                return Some((DateCore::fixed(month_interval(y, m)), k + 1));
            }
            return None;
        }
        // Decade: 1990s.
        if let Some(y) = self.plain(j, 4..5)
            && y % 10 == 0
            && self.word(j + 1, "s")
            && self.attached(j + 1)
        {
            return Some((
                DateCore::fixed(Interval::half_open(int(y), int(y + 10))),
                j + 2,
            ));
        }
        // Part of a year: `early 2018`, `late 2017`, `mid-2016` (the whole year: where
        // "early" ends is not written), `fiscal 2018` (a fiscal year may start in the
        // previous calendar year: both years), `Q3 2018` (its three months).
        let year_at = |k: usize| self.plain(k, 4..5).filter(|y| *y >= 1000);
        if let Some(w) = self.word_text(j).map(str::to_ascii_lowercase) {
            let hyphen = self.sym(j + 1, '-') && self.attached(j + 1) && self.attached(j + 2);
            let after = if hyphen { j + 2 } else { j + 1 };
            match w.as_str() {
                "early" | "late" | "mid" => {
                    if let Some(y) = year_at(after) {
                        return Some((DateCore::fixed(year_interval(y)), after + 1));
                    }
                }
                "fiscal" => {
                    let after = if self.word(after, "year") {
                        after + 1
                    } else {
                        after
                    };
                    if let Some(y) = year_at(after) {
                        return Some((
                            DateCore::fixed(Interval::half_open(int(y - 1), int(y + 1))),
                            after + 1,
                        ));
                    }
                }
                "q1" | "q2" | "q3" | "q4" => {
                    if let Some(y) = year_at(j + 1) {
                        let q = i64::from(w.as_bytes()[1] - b'0');
                        let first = month_interval(y, (3 * q - 2) as u8);
                        let last = month_interval(y, (3 * q) as u8);
                        return Some((DateCore::fixed(Interval::new(first.lo, last.hi)), j + 2));
                    }
                }
                _ => {}
            }
        }
        // A year after a preposition, unless a unit follows (`in 2000 percent`
        // is no year).
        if bare_year_ok
            && let Some(y) = self.plain(j, 4..5)
            && y >= 1000
            && self.unit_suffix(j + 1, false).is_none()
            && self.scale_word(j + 1).is_none()
        {
            return Some((DateCore::fixed(year_interval(y)), j + 1));
        }
        None
    }

    fn skip_dot(&self, k: usize) -> usize {
        if self.sym(k, '.') && self.attached(k) {
            k + 1
        } else {
            k
        }
    }

    fn skip_ordinal(&self, k: usize) -> usize {
        if self.attached(k) && ["st", "nd", "rd", "th"].iter().any(|s| self.word(k, s)) {
            k + 1
        } else {
            k
        }
    }

    fn day(&self, y: i64, m: u8, d: i64, relative: bool) -> Option<DateCore> {
        let date = Date::new(i32::try_from(y).ok()?, m, u8::try_from(d).ok()?)?;
        Some(DateCore {
            interval: Some(date.interval()),
            relative,
        })
    }

    /// `2 February` means that day in the publication year.
    fn day_without_year(&self, m: u8, d: i64) -> Option<DateCore> {
        if !(1..=31).contains(&d) {
            return None;
        }
        match self.opts.publication_date {
            Some(p) => self.day(i64::from(p.year()), m, d, true),
            None => Some(DateCore {
                interval: None,
                relative: true,
            }),
        }
    }

    // ---------------------------------------------------------- amounts --

    fn amount_at(&self, i: usize) -> Option<Found> {
        let (mut qual, j) = self.longest(i, QUALIFIERS).unwrap_or((Qual::None, i));
        let (val, mut k) = if self.word(j, "between") {
            self.range_or_value(j + 1, Conn::And)?
        } else if self.word(j, "from") {
            self.range_or_value(j + 1, Conn::To)?
        } else {
            self.range_or_value(j, Conn::Any)?
        };
        if let Some((trailing, k2)) = self.trailing_qualifier(k)
            && (qual == Qual::None || (qual == Qual::Approx && trailing == Qual::Approx))
        {
            qual = trailing;
            k = k2;
        }
        // `30-odd`: more than 30 and fewer than 40; `300-odd`: fewer than 400.
        let odd = qual == Qual::None
            && val.lo == val.hi
            && val.lo.is_integer()
            && val.lo.is_positive()
            && self.sym(k, '-')
            && self.attached(k)
            && self.word(k + 1, "odd")
            && self.attached(k + 1);
        let iv = if odd {
            k += 2;
            odd_interval(&val.lo)
        } else {
            apply_qualifier(qual, &val.lo, &val.hi, &self.opts.tolerance)?
        };
        let unit = match val.unit {
            None => Unit::Count,
            Some(VUnit::Percent) => Unit::Percent,
            Some(VUnit::Points) => Unit::PercentagePoints,
            Some(VUnit::Money(c)) => Unit::Money(c),
            Some(VUnit::Ratio) => Unit::Ratio,
            Some(VUnit::Time(tu)) => {
                if self.word(k, "ago") {
                    let q = match self.opts.publication_date {
                        Some(p) => Some(ago(p, tu, &iv)?),
                        None => None,
                    };
                    return Some(relative_found(q, k + 1));
                }
                // Without `ago`, only years are a duration; months, weeks
                // and days are nouns like any other (a count).
                if tu == TimeUnit::Year {
                    Unit::Years
                } else {
                    Unit::Count
                }
            }
        };
        Some(Found {
            quantity: Some(Quantity::new(iv, unit)),
            relative: false,
            end: k,
        })
    }

    fn trailing_qualifier(&self, k: usize) -> Option<(Qual, usize)> {
        if self.sym(k, '+') && self.attached(k) {
            return Some((Qual::AtLeast, k + 1));
        }
        if self.sym(k, '-') && self.attached(k) && self.word(k + 1, "plus") && self.attached(k + 1)
        {
            return Some((Qual::AtLeast, k + 2));
        }
        self.longest(k, TRAILING)
    }

    /// A single value, or a range `A–B`, `A to B`, `A or B` (and `A and B`
    /// after `between`). With `Conn::And`/`Conn::To` a range is required.
    fn range_or_value(&self, j: usize, conn: Conn) -> Option<(Val, usize)> {
        let (a, k) = self.single(j)?;
        let dash = self.sym(k, '-') || self.sym(k, '–') || self.sym(k, '—');
        // `2019-20`, `1999-00`: a season, its second year abbreviated.
        if dash
            && k == j + 1
            && let Some(end) = self.season_end(j)
        {
            return Some((
                Val {
                    lo: a.lo,
                    hi: int(end),
                    unit: a.unit,
                },
                k + 2,
            ));
        }
        // `a 2-1 win`: numerals joined high to low by a hyphen are a score or a code,
        // not a range (a range is written low to high) and not a value.
        if dash
            && conn == Conn::Any
            && self.attached(k)
            && self.attached(k + 1)
            && let Some((b, _)) = self.single(k + 1)
            && a.kind == MagKind::Numeral
            && b.kind == MagKind::Numeral
            && a.scale.is_none()
            && b.scale.is_none()
            && a.lo > b.hi
        {
            return None;
        }
        let (joined, is_or) = match conn {
            Conn::And => (self.word(k, "and") || dash, false),
            Conn::To => (self.word(k, "to") || dash, false),
            Conn::Any => {
                let or = self.word(k, "or");
                (dash || self.word(k, "to") || or, or)
            }
        };
        if joined
            && let Some((b, k2)) = self.single(k + 1)
            && let Some(v) = merge(&a, &b, is_or)
        {
            return Some((v, k2));
        }
        if conn != Conn::Any {
            return None;
        }
        Some((
            Val {
                lo: a.lo,
                hi: a.hi,
                unit: a.unit,
            },
            k,
        ))
    }

    /// The year that ends a season written `YYYY-YY` with the four-digit year at `j`
    /// (`2019-20` ends in 2020, `1999-00` in 2000).
    fn season_end(&self, j: usize) -> Option<i64> {
        let first = self.plain(j, 4..5).filter(|y| *y >= 1000)?;
        if !(self.sym(j + 1, '-') || self.sym(j + 1, '–'))
            || !self.attached(j + 1)
            || !self.attached(j + 2)
        {
            return None;
        }
        let short = self.plain(j + 2, 2..3)?;
        let mut end = first - first % 100 + short;
        if end <= first {
            end += 100;
        }
        Some(end)
    }

    /// Sign, currency, magnitude, scale and unit of one value.
    fn single(&self, mut j: usize) -> Option<(Single, usize)> {
        let mut negative = false;
        let is_sign = |k: usize| self.sym(k, '-') || self.sym(k, '−') || self.sym(k, '+');
        if is_sign(j) && self.attached(j + 1) {
            negative = !self.sym(j, '+');
            j += 1;
        } else if self.word(j, "minus") {
            negative = true;
            j += 1;
        }
        let mut currency = None;
        if let Some((c, k)) = self.currency_prefix(j) {
            currency = Some(c);
            j = k;
            if !negative && (self.sym(j, '-') || self.sym(j, '−')) && self.attached(j + 1) {
                negative = true;
                j += 1;
            }
        }
        let (mut s, mut k) = self.magnitude(j)?;
        if s.kind == MagKind::Numeral
            && let Some((scale, k2)) = self.scale_word(k)
        {
            s.lo = fast::mul(&s.lo, &scale);
            s.hi = fast::mul(&s.hi, &scale);
            s.scale = Some(scale);
            k = k2;
        }
        if s.unit.is_none()
            && let Some((unit, factor, k2)) = self.unit_suffix(k, s.kind == MagKind::Vague)
        {
            s.unit = Some(unit);
            s.lo = fast::mul(&s.lo, &factor);
            s.hi = fast::mul(&s.hi, &factor);
            s.raw = fast::mul(&s.raw, &factor);
            k = k2;
        }
        // `one in five`, `3 out of 10`: a ratio. A following four-digit
        // number from 1900 to 2100 is a year, not a denominator (`5 in 2009`).
        if s.unit.is_none() && currency.is_none() && s.kind != MagKind::Vague && s.lo == s.hi {
            let after = if self.word(k, "in") {
                Some(k + 1)
            } else {
                self.pattern(k, &["out", "of"])
            };
            let year_like = |i: usize| {
                self.plain(i, 4..5)
                    .is_some_and(|y| (1900..=2100).contains(&y))
            };
            if let Some(b_at) = after
                && !year_like(b_at)
                && let Some((b, k2)) = self.magnitude(b_at)
                && b.unit.is_none()
                && b.kind != MagKind::Vague
                && b.lo.is_positive()
                && b.lo >= s.lo
            {
                let r = fast::div(&s.lo, &b.lo);
                s = Single {
                    lo: r.clone(),
                    hi: r.clone(),
                    raw: r,
                    scale: None,
                    unit: Some(VUnit::Ratio),
                    kind: MagKind::Words,
                };
                k = k2;
            }
        }
        if let Some(c) = currency {
            match s.unit {
                None => s.unit = Some(VUnit::Money(c)),
                Some(VUnit::Money(d)) if d == c => {}
                _ => return None,
            }
        }
        if negative {
            (s.lo, s.hi) = (-s.hi, -s.lo);
            s.raw = -s.raw;
        }
        Some((s, k))
    }

    fn currency_prefix(&self, j: usize) -> Option<(Currency, usize)> {
        let t = self.toks.get(j)?;
        let c = match t.kind {
            Kind::Sym('$') => Currency::Usd,
            Kind::Sym('€') => Currency::Eur,
            Kind::Sym('£') => Currency::Gbp,
            Kind::Sym('¥') => Currency::Jpy,
            Kind::Word if self.word(j, "us") && self.sym(j + 1, '$') && self.attached(j + 1) => {
                return Some((Currency::Usd, j + 2));
            }
            Kind::Word => currency_code(t.text)?,
            _ => return None,
        };
        Some((c, j + 1))
    }

    /// The number itself: digits, number words, a spoken fraction, `twice`,
    /// or a vague plural.
    fn magnitude(&self, j: usize) -> Option<(Single, usize)> {
        let single = |v: BigRational, kind, unit| Single {
            lo: v.clone(),
            hi: v.clone(),
            raw: v,
            scale: None,
            unit,
            kind,
        };
        let t = self.toks.get(j)?;
        if t.kind == Kind::Num {
            // `2nd` is an ordinal, not an amount.
            if self.skip_ordinal(j + 1) != j + 1 {
                return None;
            }
            let v = t.value.clone()?;
            // `1/3` (but not a date like `2/2/2018`): a ratio.
            if self.sym(j + 1, '/')
                && self.attached(j + 1)
                && self.attached(j + 2)
                && !(self.sym(j + 3, '/') && self.attached(j + 3))
                && v.is_integer()
                && let Some(d) = self.toks.get(j + 2).filter(|t| t.kind == Kind::Num)
                && let Some(d) = d
                    .value
                    .as_ref()
                    .filter(|d| d.is_integer() && d.is_positive())
            {
                return Some((
                    single(fast::div(&v, d), MagKind::Words, Some(VUnit::Ratio)),
                    j + 3,
                ));
            }
            return Some((single(v, MagKind::Numeral, None), j + 1));
        }
        if t.kind != Kind::Word {
            return None;
        }
        let w = t.text.to_ascii_lowercase();
        match w.as_str() {
            "twice" => return Some((single(int(2), MagKind::Words, Some(VUnit::Ratio)), j + 1)),
            "thrice" => return Some((single(int(3), MagKind::Words, Some(VUnit::Ratio)), j + 1)),
            _ => {}
        }
        if let Some(found) = self.fraction(j) {
            return Some(found);
        }
        if (w == "a" || w == "an")
            && let Some(next) = self.word_text(j + 1)
        {
            let n = next.to_ascii_lowercase();
            let time = match n.as_str() {
                "year" => Some((TimeUnit::Year, 1)),
                "decade" => Some((TimeUnit::Year, 10)),
                "month" => Some((TimeUnit::Month, 1)),
                "week" => Some((TimeUnit::Week, 1)),
                "day" => Some((TimeUnit::Day, 1)),
                _ => None,
            };
            if let Some((tu, n)) = time {
                return Some((single(int(n), MagKind::Words, Some(VUnit::Time(tu))), j + 2));
            }
        }
        if let Some(found) = self.vague(j) {
            return Some(found);
        }
        let (v, k) = self.number_words(j)?;
        // `no one`, `not one`: nobody.
        if v == 1 && k == j + 1 && j > 0 && (self.word(j - 1, "no") || self.word(j - 1, "not")) {
            return Some((single(int(0), MagKind::Words, None), k));
        }
        // `one of the 650 spies` is about the 650.
        if v == 1 && k == j + 1 && self.word(k, "of") {
            return None;
        }
        Some((single(int(i64::try_from(v).ok()?), MagKind::Words, None), k))
    }

    /// `half`, `a third`, `two thirds`, `three quarters`; followed by a
    /// scale (`half a million`, `a quarter of a billion`) it is a count.
    fn fraction(&self, j: usize) -> Option<(Single, usize)> {
        let (numer, k) = match self.word_text(j) {
            Some(w) if denominator_word(w) == Some(2) && w.eq_ignore_ascii_case("half") => (1, j),
            Some(w) if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an") => (1, j + 1),
            Some(w) => match unit_word(w) {
                Some(n @ 1..=10) => (n as i64, j + 1),
                _ => return None,
            },
            None => return None,
        };
        // `two-thirds`
        let k = if self.sym(k, '-') && self.attached(k) && self.attached(k + 1) {
            k + 1
        } else {
            k
        };
        let denom = denominator_word(self.word_text(k)?)?;
        let value = frac(numer, denom);
        let mut m = k + 1;
        // `half a million`, `a third of a billion`, `half a dozen`.
        let mut after = m;
        if self.word(after, "of") {
            after += 1;
        }
        if self.word(after, "a") || self.word(after, "an") {
            after += 1;
        }
        let scale = self.word_text(after).and_then(|w| {
            if w.eq_ignore_ascii_case("dozen") {
                Some(12)
            } else if w.eq_ignore_ascii_case("hundred") {
                Some(100)
            } else {
                big_scale_word(w)
            }
        });
        if after > m
            && let Some(s) = scale
        {
            let v = fast::mul(&value, &int(i64::try_from(s).ok()?));
            m = after + 1;
            return Some((
                Single {
                    lo: v.clone(),
                    hi: v.clone(),
                    raw: v,
                    scale: None,
                    unit: None,
                    kind: MagKind::Words,
                },
                m,
            ));
        }
        Some((
            Single {
                lo: value.clone(),
                hi: value.clone(),
                raw: value,
                scale: None,
                unit: Some(VUnit::Ratio),
                kind: MagKind::Words,
            },
            m,
        ))
    }

    /// `dozens` 24–99; `hundreds` 200–999; `thousands` 2,000–9,999;
    /// `tens of thousands` 20,000–99,999; generally `Xs` is 2·X to 10·X − 1,
    /// and `Xs of Ys` is 2·X·Y to 10·X·Y − 1.
    fn vague(&self, j: usize) -> Option<(Single, usize)> {
        let base = |w: &str| -> Option<u64> {
            Some(match w.to_ascii_lowercase().as_str() {
                "tens" => 10,
                "dozens" => 12,
                "hundreds" => 100,
                "thousands" => 1_000,
                "millions" => 1_000_000,
                "billions" => 1_000_000_000,
                "trillions" => 1_000_000_000_000,
                _ => return None,
            })
        };
        let first = base(self.word_text(j)?)?;
        let mut k = j + 1;
        let mut factor = 1u64;
        if self.word(k, "of")
            && let Some(second) = self.word_text(k + 1).and_then(base)
            && second >= 1_000
            && second > first
        {
            factor = second;
            k += 2;
        }
        if first == 10 && factor == 1 {
            return None; // bare `tens` is not a quantity
        }
        let (lo, hi) = if first == 12 {
            (int(24), int(99))
        } else {
            let b = BigInt::from(first) * BigInt::from(factor);
            (
                BigRational::from_integer(&b * 2),
                BigRational::from_integer(b * 10 - 1),
            )
        };
        let (lo, hi) = if first == 12 && factor > 1 {
            let f = int(i64::try_from(factor).ok()?);
            (lo * &f, hi * &f)
        } else {
            (lo, hi)
        };
        Some((
            Single {
                raw: lo.clone(),
                lo,
                hi,
                scale: None,
                unit: None,
                kind: MagKind::Vague,
            },
            k,
        ))
    }

    /// English number words: `fifteen`, `twenty-one`, `two hundred and
    /// five`, `a thousand`, `three million`, `two dozen`.
    fn number_words(&self, j: usize) -> Option<(u64, usize)> {
        #[derive(PartialEq, Clone, Copy)]
        enum St {
            Start,
            Unit,
            Tens,
            Hundred,
            Scale,
            And,
        }
        let mut total: u64 = 0;
        let mut current: u64 = 0;
        let mut last_scale = u64::MAX;
        let mut state = St::Start;
        let mut k = j;
        let mut any = false;
        if (self.word(k, "a") || self.word(k, "an"))
            && self.word_text(k + 1).is_some_and(|w| {
                big_scale_word(w).is_some()
                    || w.eq_ignore_ascii_case("hundred")
                    || w.eq_ignore_ascii_case("dozen")
            })
        {
            current = 1;
            state = St::Unit;
            k += 1;
        }
        while let Some(w) = self.word_text(k) {
            if let Some(n) = unit_word(w) {
                let ok = match state {
                    St::Start => true,
                    St::Tens => (1..=9).contains(&n),
                    St::Hundred | St::Scale | St::And => n > 0,
                    St::Unit => false,
                };
                if !ok {
                    break;
                }
                current += n;
                any = true;
                state = St::Unit;
                k += 1;
                if n == 0 {
                    break;
                }
            } else if let Some(n) = tens_word(w) {
                if !matches!(state, St::Start | St::Hundred | St::Scale | St::And) {
                    break;
                }
                current += n;
                any = true;
                state = St::Tens;
                k += 1;
                // twenty-one
                if self.sym(k, '-')
                    && self.attached(k)
                    && self.attached(k + 1)
                    && self
                        .word_text(k + 1)
                        .and_then(unit_word)
                        .is_some_and(|u| (1..=9).contains(&u))
                {
                    k += 1;
                }
            } else if w.eq_ignore_ascii_case("hundred") {
                if !matches!(state, St::Unit | St::Tens) || !(1..=99).contains(&current) {
                    break;
                }
                current *= 100;
                state = St::Hundred;
                k += 1;
            } else if w.eq_ignore_ascii_case("dozen") {
                if !matches!(state, St::Unit | St::Tens) || current == 0 {
                    break;
                }
                current = current.checked_mul(12)?;
                state = St::Scale;
                k += 1;
                break;
            } else if let Some(scale) = big_scale_word(w) {
                if !matches!(state, St::Unit | St::Tens | St::Hundred)
                    || current == 0
                    || scale >= last_scale
                {
                    break;
                }
                total = total.checked_add(current.checked_mul(scale)?)?;
                current = 0;
                last_scale = scale;
                state = St::Scale;
                k += 1;
            } else if w.eq_ignore_ascii_case("and")
                && matches!(state, St::Hundred | St::Scale)
                && self
                    .word_text(k + 1)
                    .is_some_and(|n| unit_word(n).is_some_and(|u| u > 0) || tens_word(n).is_some())
            {
                state = St::And;
                k += 1;
            } else {
                break;
            }
        }
        if !any && state == St::Start {
            return None;
        }
        if !any && current == 0 && total == 0 {
            return None;
        }
        Some((total.checked_add(current)?, k))
    }

    /// `k`, `m`, `bn`, `million`, … after a numeral. One-letter forms must be
    /// attached (`5k`, `€2.5m`) because a lone `m` may be metres.
    fn scale_word(&self, k: usize) -> Option<(BigRational, usize)> {
        let t = self.toks.get(k).filter(|t| t.kind == Kind::Word)?;
        let w = t.text.to_ascii_lowercase();
        let attached = !t.space_before;
        let exp = match w.as_str() {
            "k" if attached => 3,
            "m" if attached => 6,
            "b" if attached => 9,
            "hundred" | "hundreds" => 2,
            "thousand" | "thousands" => 3,
            "mn" | "mln" | "million" | "millions" => 6,
            "bn" | "bln" | "billion" | "billions" => 9,
            "tn" | "trn" | "trillion" | "trillions" => 12,
            "dozen" => return Some((int(12), k + 1)),
            _ => return None,
        };
        Some((pow10(exp), k + 1))
    }

    /// The unit after a number, with the factor that converts to it
    /// (`25 basis points` = 0.25 percentage points, `2 decades` = 20 years).
    fn unit_suffix(&self, k: usize, allow_of: bool) -> Option<(VUnit, BigRational, usize)> {
        let one = BigRational::one;
        let t = self.toks.get(k)?;
        if t.kind == Kind::Sym('%') {
            return Some((VUnit::Percent, one(), k + 1));
        }
        if t.kind == Kind::Sym('-')
            && !t.space_before
            && self.word(k + 1, "fold")
            && self.attached(k + 1)
        {
            return Some((VUnit::Ratio, one(), k + 2));
        }
        // `a five-year plan`, `a 10-year-old`, `a 30-day review`.
        if t.kind == Kind::Sym('-') && !t.space_before && self.attached(k + 1) {
            let (unit, factor, end) = self.unit_suffix(k + 1, false)?;
            if !matches!(unit, VUnit::Time(_)) {
                return None;
            }
            // `-old`: an age is a duration too.
            let end = if self.sym(end, '-')
                && self.attached(end)
                && self.word(end + 1, "old")
                && self.attached(end + 1)
            {
                end + 2
            } else {
                end
            };
            return Some((unit, factor, end));
        }
        if t.kind != Kind::Word {
            return None;
        }
        if allow_of && self.word(k, "of") {
            return self
                .currency_word(k + 1)
                .map(|(c, e)| (VUnit::Money(c), one(), e));
        }
        if let Some((c, e)) = self.currency_word(k) {
            return Some((VUnit::Money(c), one(), e));
        }
        let w = t.text.to_ascii_lowercase();
        let next = |s: &str| self.word(k + 1, s);
        let r = match w.as_str() {
            "percent" | "pct" => (VUnit::Percent, one(), k + 1),
            "per" if next("cent") => (VUnit::Percent, one(), k + 2),
            "percentage" if next("point") || next("points") => (VUnit::Points, one(), k + 2),
            "pp" | "ppt" | "ppts" => (VUnit::Points, one(), k + 1),
            "basis" if next("point") || next("points") => (VUnit::Points, frac(1, 100), k + 2),
            "bp" | "bps" => (VUnit::Points, frac(1, 100), k + 1),
            "times" | "fold" => (VUnit::Ratio, one(), k + 1),
            "x" if !t.space_before => (VUnit::Ratio, one(), k + 1),
            "year" | "years" | "yr" | "yrs" => (VUnit::Time(TimeUnit::Year), one(), k + 1),
            "decade" | "decades" => (VUnit::Time(TimeUnit::Year), int(10), k + 1),
            "month" | "months" => (VUnit::Time(TimeUnit::Month), one(), k + 1),
            "week" | "weeks" => (VUnit::Time(TimeUnit::Week), one(), k + 1),
            "day" | "days" => (VUnit::Time(TimeUnit::Day), one(), k + 1),
            _ => return None,
        };
        Some(r)
    }

    /// `euros`, `US dollars`, `pounds`, `yen`, or an ISO code after the
    /// number.
    fn currency_word(&self, k: usize) -> Option<(Currency, usize)> {
        let w = self.word_text(k)?.to_ascii_lowercase();
        let c = match w.as_str() {
            "dollar" | "dollars" => Currency::Usd,
            "us" if self.word(k + 1, "dollars") || self.word(k + 1, "dollar") => {
                return Some((Currency::Usd, k + 2));
            }
            "euro" | "euros" => Currency::Eur,
            "pound" | "pounds" | "sterling" => Currency::Gbp,
            "yen" => Currency::Jpy,
            _ => currency_code(&w)?,
        };
        Some((c, k + 1))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Conn {
    And,
    To,
    Any,
}

fn currency_code(w: &str) -> Option<Currency> {
    Some(match w.to_ascii_lowercase().as_str() {
        "usd" => Currency::Usd,
        "eur" => Currency::Eur,
        "gbp" => Currency::Gbp,
        "jpy" => Currency::Jpy,
        _ => return None,
    })
}

/// A calendar period; `interval` is `None` when it needs a publication date
/// that is missing.
struct DateCore {
    interval: Option<Interval>,
    relative: bool,
}

impl DateCore {
    fn fixed(interval: Interval) -> DateCore {
        DateCore {
            interval: Some(interval),
            relative: false,
        }
    }
}

fn relative_found(interval: Option<Interval>, end: usize) -> Found {
    Found {
        quantity: interval.map(|iv| Quantity::new(iv, Unit::Year)),
        relative: true,
        end,
    }
}

/// Joins the two ends of a range. A missing unit or scale on the first end
/// is taken from the second (`5–10 million`, `$5-10m`, `5 to 10 percent`),
/// the scale only when that keeps the first end below the second (so
/// `500 to 2 million` stays 500 – 2,000,000).
fn merge(a: &Single, b: &Single, is_or: bool) -> Option<Val> {
    if a.kind == MagKind::Vague || b.kind == MagKind::Vague {
        return None;
    }
    let unit = match (a.unit, b.unit) {
        (Some(x), Some(y)) if x != y => return None,
        (x, y) => x.or(y),
    };
    let mut lo = a.lo.clone();
    if a.scale.is_none()
        && let Some(s) = &b.scale
        && a.raw <= b.raw
    {
        lo = fast::mul(&a.lo, s);
    }
    // `two or three`: only an increasing pair is a range (not `2009 or 5`).
    if is_or && lo >= b.lo {
        return None;
    }
    let (lo, hi) = if lo <= b.hi {
        (lo, b.hi.clone())
    } else {
        (b.lo.clone(), lo)
    };
    Some(Val { lo, hi, unit })
}

/// `N-odd`: above `N`, below `N` plus the unit of its last non-zero digit (`30-odd` is
/// (30, 40), `1,500-odd` is (1,500, 1,600); `7-odd` is (7, 17)).
fn odd_interval(n: &BigRational) -> Interval {
    let ten = BigInt::from(10);
    let mut rest = n.to_integer();
    let mut step = BigInt::from(1);
    while rest != BigInt::from(0) && (&rest % &ten) == BigInt::from(0) {
        rest /= &ten;
        step *= &ten;
    }
    if step == BigInt::from(1) {
        step = ten;
    }
    Interval::new(
        Some(Bound::open(n.clone())),
        Some(Bound::open(n + BigRational::from_integer(step))),
    )
}

/// The interval a qualifier gives to the value (or range) `[lo, hi]`.
/// Approximation widens a range; the one-sided qualifiers need a single
/// value.
fn apply_qualifier(
    q: Qual,
    lo: &BigRational,
    hi: &BigRational,
    tol: &BigRational,
) -> Option<Interval> {
    let closed = Interval::closed(lo.clone(), hi.clone());
    if q == Qual::None || q == Qual::Exact {
        return Some(closed);
    }
    if q == Qual::Approx {
        return Some(closed.widen(tol));
    }
    if lo != hi {
        return None;
    }
    let v = lo.clone();
    let margin = fast::mul(&tol.abs(), &v.abs());
    Some(match q {
        Qual::More => Interval::new(Some(Bound::open(v)), None),
        Qual::AtLeast => Interval::new(Some(Bound::closed(v)), None),
        Qual::Less => Interval::new(None, Some(Bound::open(v))),
        Qual::AtMost => Interval::new(None, Some(Bound::closed(v))),
        Qual::Nearly => Interval::new(
            Some(Bound::closed(fast::sub(&v, &margin))),
            Some(Bound::open(v)),
        ),
        Qual::JustOver => {
            let hi = fast::add(&v, &margin);
            Interval::new(Some(Bound::open(v)), Some(Bound::closed(hi)))
        }
        Qual::None | Qual::Exact | Qual::Approx => return None,
    })
}

/// Resolves "N units ago" (N an interval of offsets) against the
/// publication date. Years and months are calendar-coarse: `N years ago`
/// covers the calendar years Y−N−1 and Y−N (so an event 10.4 years back is
/// "10 years ago"), `N months ago` the calendar months M−N−1 and M−N; `N days
/// ago` is that day, `N weeks ago` the week of days centred on 7·N days back.
fn ago(p: Date, tu: TimeUnit, offsets: &Interval) -> Option<Interval> {
    // Far-off offsets have no calendar meaning here; refusing them also keeps
    // the day arithmetic in range.
    let limit = int(1_000_000);
    let lo_off = offsets.lo.as_ref().map(|b| &b.value);
    let hi_off = offsets.hi.as_ref().map(|b| &b.value);
    let bounded = |v: Option<&BigRational>| v.is_none_or(|v| v.abs() <= limit);
    if !bounded(lo_off) || !bounded(hi_off) {
        return None;
    }
    match tu {
        TimeUnit::Year => {
            let y = i64::from(p.year());
            let lo = match hi_off {
                Some(h) => Some(Bound::closed(int(y - ceil_i64(h)? - 1))),
                None => None,
            };
            let hi = match lo_off {
                Some(l) => Some(Bound::open(int(y - floor_i64(l)? + 1))),
                None => None,
            };
            Some(Interval::new(lo, hi))
        }
        TimeUnit::Month => {
            let m = i64::from(p.year()) * 12 + i64::from(p.month()) - 1;
            let start = |idx: i64| month_start(idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u8);
            let lo = match hi_off {
                Some(h) => Some(Bound::closed(start(m - ceil_i64(h)? - 1))),
                None => None,
            };
            let hi = match lo_off {
                Some(l) => Some(Bound::open(start(m - floor_i64(l)? + 1))),
                None => None,
            };
            Some(Interval::new(lo, hi))
        }
        TimeUnit::Week | TimeUnit::Day => {
            let (mul, slack) = if tu == TimeUnit::Week { (7, 3) } else { (1, 0) };
            let today = p.days_since_epoch();
            let start = |day: i64| -> Option<BigRational> {
                let d = Date::from_days_since_epoch(day)?;
                Some(day_start(i64::from(d.year()), d.ordinal0()))
            };
            let lo = match hi_off {
                Some(h) => Some(Bound::closed(start(
                    today - ceil_i64(&(h * int(mul)))? - slack,
                )?)),
                None => None,
            };
            let hi = match lo_off {
                Some(l) => Some(Bound::open(start(
                    today - floor_i64(&(l * int(mul)))? + slack + 1,
                )?)),
                None => None,
            };
            Some(Interval::new(lo, hi))
        }
    }
}

#[cfg(test)]
mod pattern_tables {
    use super::*;

    /// `Reader::first_byte` prefilters the tables by their first byte: that is
    /// exact only while every element is ASCII and lower case.
    #[test]
    fn patterns_are_ascii_lower_case() {
        for (pat, _) in QUALIFIERS.iter().chain(TRAILING) {
            for p in pat.iter() {
                assert!(
                    !p.is_empty() && p.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
                );
            }
        }
    }
}
