//! Quantity semantics: reading the value of a tagged phrase as an interval
//! with a unit, parsing and evaluating relation expressions, and deciding
//! whether figures agree. Pure functions: no I/O, no printing.
//!
//! # API
//!
//! * [`read_quantity`]`(text, &`[`NumberOptions`]`) -> `[`ReadValue`] reads the
//!   first quantity phrase of a tag's text (`{about 650}#staff`).
//! * [`parse_expr`]`(src) -> Result<`[`Expr`]`, `[`ExprError`]`>` parses the
//!   text after `=` of `[#total]: = a + b`; [`evaluate`] computes it with a
//!   lookup of ids; [`relation_holds`] compares stated and computed values.
//! * [`conflict`] says whether two tags with one id contradict each other.
//! * [`parse_date`] reads an ISO date or date-time (front matter `date`).
//! * [`european_language`] says whether a front-matter `lang` writes decimal
//!   commas, which sets [`NumberOptions::european`].
//! * `Display` for [`Quantity`], [`Interval`], [`Unit`] and [`Date`] gives
//!   message text (`1,400 – 1,600`, `more than 200`, `€2.5 million`, `2009`).
//!
//! # Interval model
//!
//! Every value is a set of exact rationals ([`BigRational`], never `f64`):
//! an [`Interval`] whose bounds are each open, closed or absent (unbounded).
//! A plain `650` is the point `[650, 650]`; rounded figures are not widened
//! unless the text says so (`about 650`) or the relation has a `tolerance:`.
//! Arithmetic is interval arithmetic; division by an interval that contains
//! zero yields the unbounded interval (never a panic or an error).
//!
//! A **relation holds when the stated and computed intervals overlap** — they
//! need not nest: `more than 200` against `198 – 242` holds. `tolerance: 5%`
//! widens each bound of the computed interval by 5% of the bound's magnitude
//! before the test. Two tags with one id **conflict** when their units are not
//! comparable or their intervals do not overlap.
//!
//! # Qualifiers
//!
//! `N` is the number, `t` the tolerance ([`NumberOptions::tolerance`],
//! default 10%), `|N|` its magnitude.
//!
//! | Phrase | Interval |
//! | --- | --- |
//! | `650`, `exactly/precisely 650`, `just 650`, `only 650`, `a mere 650`, `a total of 650` | `[N, N]` — "just"/"only" stress smallness, not imprecision |
//! | `about`, `around`, `roughly`, `approximately`, `approx.`, `some`, `~`, `circa`, `c.`, `ca.`, `(an) estimated`, `close to`, `in the region of`, `650 or so` | `[N − t·|N|, N + t·|N|]` ("some 650" is journalistic "about") |
//! | `more than`, `over`, `above`, `upwards of`, `in excess of`, `exceeding`, `well over/above` | `(N, ∞)` |
//! | `at least`, `no fewer/less than`, `not fewer/less than`, `a minimum of`, `650 or more`, `650+`, `650-plus` | `[N, ∞)` |
//! | `fewer than`, `less than`, `under`, `below`, `well under/below` | `(−∞, N)` |
//! | `up to`, `at most`, `no/not more than`, `a maximum of`, `as many as`, `as much as`, `650 or fewer/less` | `(−∞, N]` |
//! | `nearly`, `almost`, `just under/below`, `just short of`, `not quite` | `[N − t·|N|, N)` |
//! | `just over/above`, `just/slightly more than`, `slightly over`, `a little over` | `(N, N + t·|N|]` |
//! | `between A and B`, `from A to B`, `A–B`, `A-B`, `A to B`, `A or B` (A < B) | `[A, B]`; `about` before a range widens both ends |
//! | `dozens` | `[24, 99]` |
//! | `hundreds`, `thousands`, `millions`, `billions`, `trillions` (`Xs`) | `[2·X, 10·X − 1]`: 200–999, 2,000–9,999, … |
//! | `tens of thousands`, `hundreds of millions`, … (`Xs of Ys`) | `[2·X·Y, 10·X·Y − 1]`: 20,000–99,999, … |
//!
//! In a range a missing unit or scale on the first end comes from the second
//! (`5–10 million`, `$5-10m`, `5 to 10 percent`); the scale only when the
//! first numeral is not larger than the second, so `500 to 2 million` is
//! 500 – 2,000,000.
//!
//! # Numerals
//!
//! English (default): `,` groups thousands (exactly three digits per group)
//! and `.` is the decimal point: `1,300`, `0.01`, `-5`, `−5`, `+5`,
//! `minus 5`. European ([`NumberOptions::european`]): `.` or a space groups
//! and `,` is the decimal point: `1.300`, `43 000`, `0,01`, `1.300,5`. A no-break
//! or thin space groups in both modes. A single grouping separator that is
//! not followed by exactly three digits is read as the decimal point (`0,01`
//! in English text is 0.01, `1.5` in European text 1.5); other malformed
//! numerals (`1,30,0`) are not read at all. Numerals longer than 100 digits
//! are ignored.
//!
//! Number words: `zero` … `nineteen`, `twenty` … `ninety`, `twenty-one`,
//! `two hundred and five`, `a hundred`, `a thousand`, `three million`,
//! `a dozen`, `two dozen`. `one of …` is not read as 1 (the phrase is about
//! what follows). Scales after a numeral: `k`, `m`, `b` (attached only:
//! `5k`, `€2.5m`), `mn`, `bn`, `tn`, `hundred`, `thousand`, `million`,
//! `billion`, `trillion`, `dozen`.
//!
//! # Units
//!
//! | Written | [`Unit`] |
//! | --- | --- |
//! | bare numbers and number words, with any noun (`200 spies`) | `Count` |
//! | `%`, `percent`, `per cent`, `pct` | `Percent` (stored as written: 15) |
//! | `percentage point(s)`, `pp`, `ppt`; `basis points`, `bps` (÷ 100) | `PercentagePoints` |
//! | `$ € £ ¥`, `US$`, `USD EUR GBP JPY` (before or after), `dollars euros pounds yen` | `Money(currency)` |
//! | `N times`, `N-fold`, `3x`, `twice`, `thrice`, `half`, `a third`, `two thirds`, `three quarters` | `Ratio` |
//! | `one in five`, `3 out of 10` (not when a year 1900–2100 follows `in`), `1/3` (not a date `2/2/2018`) | `Ratio` |
//! | `half a million`, `a quarter of a billion`, `half a dozen` | `Count` |
//! | `N years`, `a year`, `N decades` (× 10) | `Years` (duration) |
//! | `N months/weeks/days` (without `ago`) | `Count` — only years are durations |
//! | dates (below) | `Year` (a point in time) |
//! | number literals in relation expressions | `Number` (adopts the other operand's unit) |
//!
//! # Unit algebra (relation expressions)
//!
//! * `+`/`−`: same unit → that unit (count, ratio, percent, percentage points,
//!   money of one currency, years); `Year − Year = Years`; `Year ± Years =
//!   Year`; `Years + Year = Year`; `Percent ± PercentagePoints = Percent`
//!   (`PercentagePoints + Percent` too); percent with ratio → ratio (percent
//!   ÷ 100). A literal takes the other side's unit (next to a date, years:
//!   `founded + 10`).
//! * `×`/`÷`: percent acts as a ratio (÷ 100), so `staff * 15%` is a count and
//!   `percent ÷ percent` a ratio. `Ratio × X = X` and `X ÷ Ratio = X` for count,
//!   ratio, money, years, percentage points; `Count × Count = Count` (teams ×
//!   players); `Count × Money = Money`; `Money ÷ Count = Money` (per head);
//!   `Count ÷ Count`, `Money ÷ Money` (one currency), `Years ÷ Years`,
//!   `PercentagePoints ÷ PercentagePoints` → `Ratio`. A literal acts as a
//!   ratio; literal with literal stays `Number`.
//! * Unary minus: anything but a date.
//! * Everything else (percent + count, euros + dollars, years + count, date +
//!   date, …) is a unit mismatch naming both units, reported at the operator.
//!
//! For comparison (relations and conflicts) units must be equal, or percent
//! against ratio (15 percent = 0.15), or a `Number` against anything.
//! Percentage points never compare with percent: check a rise of
//! `2 percentage points` as `[#new_rate]: = old_rate + rise`.
//!
//! # Dates
//!
//! A moment is a rational number of years: day `d` (0-based) of year `Y`
//! starts at `Y + d/L` with `L` that year's real length (365 or 366). A
//! calendar period is half-open: `in 2009` = `[2009, 2010)`, 2 February 2018
//! = `[2018 + 32/365, 2018 + 33/365)`. So `Year − Year` is a duration in years
//! and `Year + Years` a moment.
//!
//! Forms: `in/on/during/since 2009`, `the year 2009`, `2 February 2018`,
//! `2nd of Feb. 2018`, `Feb. 2, 2018`, `February 2018`, `2018-02-02`,
//! `2018-02`, `the 1990s` (`[1990, 2000)`), `between 2009 and 2012` / `from
//! 2009 to 2012` / `in 2009–2012` (`[2009, 2013)`), `before 2010` (`(−∞,
//! 2010)`), `after 2009` (`[2010, ∞)`), `by/until 2009` (`(−∞, 2010)`),
//! `around/circa/c. 2009` (widened by one period: `[2008, 2011)`). A bare
//! four-digit number (`2009`) is the count 2009: write `in 2009` to tag a year.
//!
//! Relative dates need the publication date ([`NumberOptions::publication_date`],
//! from front matter via [`parse_date`]); publication in year `Y`, month `M`:
//! `N years ago` = calendar years `Y−N−1` to `Y−N` (`[Y−N−1, Y−N+1)`), so an
//! event 10.4 years back is "10 years ago"; `N months ago` = calendar months
//! `M−N−1` to `M−N`; `N days ago` = that day; `N weeks ago` = the seven days
//! centred on `7·N` days back; qualified offsets widen these (`about 10 years
//! ago` = years `Y−12` to `Y−9`, `more than 10 years ago` = before `Y−9`);
//! `last/this/next year|month|week` (weeks start on Monday); `yesterday`,
//! `today`, `tomorrow`; `2 February` without a year is in the publication
//! year. Without a publication date such phrases are still recognised:
//! [`ReadValue::relative_date`] is `true` and the quantity is `None`, so the
//! linter can report `missing-publication-date`.
//!
//! # Relation expressions
//!
//! ```text
//! sum     := product (('+' | '-') product)*
//! product := unary (('*' | '/') unary)*
//! unary   := '-' unary | atom
//! atom    := number | identifier | '(' sum ')'
//! number  := digits (',' ddd)* ('.' digits)? '%'?
//! ```
//!
//! Whitespace is allowed anywhere between tokens. Number literals use `.` as
//! the decimal point and optional `,` thousands groups of three digits
//! (`1,300`), whatever the article's language; `15%` is the literal
//! 15 percent. Identifiers follow the Claimmark id rule (first character
//! alphabetic or `_`, then alphanumerics, `_` or `-`, ending in a letter or
//! digit). **A `-` between identifier characters belongs to the identifier**:
//! `a-b` is the single id `a-b`; subtraction needs a space before the minus
//! (`a - b` or `a -b`); a trailing `-` is not part of an id (`a- b` is
//! `a - b`). Expressions are limited to 256 operators and 64 levels of
//! parentheses or unary minus so hostile input cannot exhaust the stack.
//!
//! # Reading text
//!
//! The first phrase found wins; surrounding words are ignored and
//! [`ReadValue::matched`] gives the phrase's byte range. Reading is linear in
//! the length of the text and never panics.

mod date;
mod dateline;
mod display;
mod expr;
mod fast;
mod interval;
pub mod plain;
mod quantity;
mod read;

#[cfg(test)]
mod tests;

pub use date::{Date, WEEKDAYS, days_in_month, days_in_year, is_leap_year, parse_date};
pub use dateline::{Dateline, read_dateline};
pub use expr::{EvalError, Expr, ExprError, evaluate, parse_expr};
pub use interval::{Bound, Interval};
pub use num_rational::BigRational;
pub use quantity::{
    BinOp, Currency, Quantity, Unit, UnitMismatch, comparable, conflict, relation_holds,
};
pub use read::{ReadValue, UNIT_WORDS, read_quantities, read_quantity};

use num_bigint::BigInt;

/// How tag text is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberOptions {
    /// Relative half-width of approximate values (`about`, `nearly`, `just
    /// over`), as a fraction: 1/10 means ±10%.
    pub tolerance: BigRational,
    /// Read `1.300` as 1300, `0,01` as 0.01 and `43 000` as 43000; set from
    /// the front-matter language with [`european_language`].
    pub european: bool,
    /// The article's publication day, for relative dates (`10 years ago`).
    pub publication_date: Option<Date>,
}

impl Default for NumberOptions {
    /// Tolerance 10%, English numerals, no publication date.
    fn default() -> Self {
        NumberOptions {
            tolerance: BigRational::new(BigInt::from(1), BigInt::from(10)),
            european: false,
            publication_date: None,
        }
    }
}

/// Whether text in the language tag `lang` (front-matter `lang`, BCP 47 like
/// `de`, `fr-BE`, `pt_BR`) writes a decimal comma and groups with `.` or a
/// space. The primary subtag decides: `de fr nl it es pt ca gl eu da sv nb nn
/// no is fi et lv lt pl cs sk sl hr sr bs mk bg ro hu el tr ru uk be id vi`
/// are European-style; `en`, `ga`, `mt`, `ja`, `zh`, `ko`, `he`, `th` and
/// unknown tags are not. Exceptions by region: Swiss German and Italian
/// (`de-CH`, `de-LI`, `it-CH`) and Latin-American Spanish written with a
/// decimal point (`es-MX`, `es-US`, and Central America) use English style.
pub fn european_language(lang: &str) -> bool {
    let mut parts = lang.trim().split(['-', '_']);
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|p| p.to_ascii_uppercase())
        .unwrap_or_default();
    const DECIMAL_COMMA: &[&str] = &[
        "de", "fr", "nl", "it", "es", "pt", "ca", "gl", "eu", "da", "sv", "nb", "nn", "no", "is",
        "fi", "et", "lv", "lt", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "mk", "bg", "ro", "hu",
        "el", "tr", "ru", "uk", "be", "id", "vi",
    ];
    if !DECIMAL_COMMA.contains(&primary.as_str()) {
        return false;
    }
    let point_regions: &[&str] = match primary.as_str() {
        "de" => &["CH", "LI"],
        "it" => &["CH"],
        "es" => &["MX", "US", "GT", "HN", "NI", "SV", "PA", "PR", "DO"],
        _ => &[],
    };
    !point_regions.contains(&region.as_str())
}
