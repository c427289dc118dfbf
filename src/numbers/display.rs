//! Journalism-friendly formatting of quantities for messages: `1,300`,
//! `1,400 – 1,600`, `more than 200`, `0.14 percent`, `€2.5 million`, `2009`,
//! `2 February 2018`. Values are rounded for display only.

use std::fmt;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::date::{Date, MONTH_NAMES, days_before_month, days_in_year};
use super::interval::{Bound, Interval};
use super::quantity::{Quantity, Unit};

/// Decimal places of the exact decimal expansion, if it terminates.
fn terminating_decimals(v: &BigRational) -> Option<usize> {
    let mut d = v.denom().clone();
    let (two, five) = (BigInt::from(2), BigInt::from(5));
    let (mut twos, mut fives) = (0usize, 0usize);
    // Bounded: a denominator with more factors than this is not shown exactly
    // anyway.
    while d.is_even() && twos < 400 {
        d /= &two;
        twos += 1;
    }
    while (&d % &five).is_zero() && fives < 400 {
        d /= &five;
        fives += 1;
    }
    d.is_one().then_some(twos.max(fives))
}

fn pow10(n: usize) -> BigInt {
    num_traits::pow(BigInt::from(10), n)
}

/// `1234567` → `1,234,567`.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `|v|` rounded half away from zero to `decimals` places, grouped, with
/// trailing fractional zeros removed.
fn fixed(v: &BigRational, decimals: usize) -> String {
    let scaled = v.abs() * BigRational::from_integer(pow10(decimals));
    let half = BigRational::new(BigInt::from(1), BigInt::from(2));
    let n = (scaled + half).floor().to_integer();
    let mut s = n.to_string();
    if s.len() <= decimals {
        s = format!("{}{s}", "0".repeat(decimals + 1 - s.len()));
    }
    let (int_part, frac_part) = s.split_at(s.len() - decimals);
    let frac_part = frac_part.trim_end_matches('0');
    let mut out = group_thousands(int_part);
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(frac_part);
    }
    out
}

/// Formats a magnitude (no sign). Exact decimals up to six places are shown
/// as they are; other values keep about four significant digits (at least
/// one decimal, so a non-integer never looks whole). Absurdly large or small
/// magnitudes use scientific notation rather than 40 digits.
fn magnitude(a: &BigRational) -> String {
    if a.is_zero() {
        return "0".to_string();
    }
    let int_digits = a.floor().to_integer().to_string().len();
    if *a >= BigRational::one() && int_digits > 15 {
        return scientific(a, int_digits as i64 - 1);
    }
    if *a < BigRational::one() {
        let e = exponent10(a);
        if e < -16 {
            return scientific(a, e);
        }
        let zeros = (-e - 1) as usize;
        let decimals = match terminating_decimals(a) {
            Some(d) if d <= 6 => d,
            _ => zeros + 3,
        };
        return fixed(a, decimals);
    }
    let decimals = match terminating_decimals(a) {
        Some(d) if d <= 6 => d,
        _ => 4usize.saturating_sub(int_digits).max(1),
    };
    fixed(a, decimals)
}

/// The `e` with `10^e ≤ a < 10^(e+1)` for a positive `a`, from digit counts
/// (then corrected by one step) so it costs no loop over the exponent.
fn exponent10(a: &BigRational) -> i64 {
    let digits = |n: &BigInt| n.to_string().len() as i64;
    let mut e = digits(a.numer()) - digits(a.denom());
    let ten = |e: i64| {
        let p = BigRational::from_integer(pow10(e.unsigned_abs() as usize));
        if e >= 0 { p } else { p.recip() }
    };
    if *a < ten(e) {
        e -= 1;
    }
    e
}

/// `1.23 × 10^21` (exponent given, mantissa rounded to two decimals).
fn scientific(a: &BigRational, exponent: i64) -> String {
    let shift = BigRational::from_integer(pow10(exponent.unsigned_abs() as usize));
    let mantissa = if exponent >= 0 { a / shift } else { a * shift };
    format!("{} × 10^{exponent}", fixed(&mantissa, 2))
}

/// A signed number, using `million`/`billion`/`trillion` when that is exact
/// to three decimals (`2.5 million`, but `1,234,567` stays whole).
pub(crate) fn number(v: &BigRational, scale_words: bool) -> String {
    let sign = if v.is_negative() { "-" } else { "" };
    format!("{sign}{}", unsigned(&v.abs(), scale_words))
}

fn unsigned(a: &BigRational, scale_words: bool) -> String {
    if scale_words {
        for (exp, name) in [(12, "trillion"), (9, "billion"), (6, "million")] {
            let scale = BigRational::from_integer(pow10(exp));
            if *a >= scale {
                let m = a / scale;
                if terminating_decimals(&m).is_some_and(|d| d <= 3) && m.to_integer() < pow10(3) {
                    return format!("{} {name}", magnitude(&m));
                }
                break;
            }
        }
    }
    magnitude(a)
}

/// Describes an interval given a formatter for one bound and a unit suffix.
fn describe(iv: &Interval, bound: &dyn Fn(&BigRational) -> String, suffix: &str) -> String {
    if iv.is_empty() {
        return "no possible value".to_string();
    }
    if let Some(v) = iv.as_point() {
        return format!("{}{suffix}", bound(v));
    }
    match (&iv.lo, &iv.hi) {
        (None, None) => "any value".to_string(),
        (Some(l), None) => format!("{} {}{suffix}", lower_word(l), bound(&l.value)),
        (None, Some(h)) => format!("{} {}{suffix}", upper_word(h), bound(&h.value)),
        (Some(l), Some(h)) if l.inclusive && h.inclusive => {
            format!("{} – {}{suffix}", bound(&l.value), bound(&h.value))
        }
        (Some(l), Some(h)) => format!(
            "{} {} and {} {}{suffix}",
            lower_word(l),
            bound(&l.value),
            upper_word(h),
            bound(&h.value)
        ),
    }
}

fn lower_word(b: &Bound) -> &'static str {
    if b.inclusive { "at least" } else { "more than" }
}

fn upper_word(b: &Bound) -> &'static str {
    if b.inclusive { "at most" } else { "less than" }
}

impl fmt::Display for Interval {
    /// Formats the interval as a count (`1,400 – 1,600`, `more than 200`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&describe(self, &|v| number(v, true), ""))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let iv = &self.interval;
        let single = iv.as_point().is_some_and(|v| v.abs().is_one());
        let text = match self.unit {
            Unit::Year => date_text(iv),
            Unit::Count | Unit::Number => describe(iv, &|v| number(v, true), ""),
            Unit::Ratio => describe(iv, &|v| number(v, false), ""),
            Unit::Percent => describe(iv, &|v| number(v, false), " percent"),
            Unit::PercentagePoints => describe(
                iv,
                &|v| number(v, false),
                if single {
                    " percentage point"
                } else {
                    " percentage points"
                },
            ),
            Unit::Years => describe(
                iv,
                &|v| number(v, false),
                if single { " year" } else { " years" },
            ),
            Unit::Money(c) => describe(
                iv,
                &|v| {
                    let sign = if v.is_negative() { "-" } else { "" };
                    format!("{sign}{}{}", c.symbol(), unsigned(&v.abs(), true))
                },
                "",
            ),
        };
        f.write_str(&text)
    }
}

/// Where a moment falls: its year, 0-based day of that year, and whether it
/// is exactly the start of that day.
fn moment(v: &BigRational) -> Option<(i64, i64, bool)> {
    let year = v.floor().to_integer().to_i64()?;
    let len = days_in_year(year);
    let pos = (v - BigRational::from_integer(BigInt::from(year)))
        * BigRational::from_integer(BigInt::from(len));
    let day = pos.floor().to_integer().to_i64()?;
    Some((year, day, pos.is_integer()))
}

fn date_of(year: i64, ordinal0: i64) -> Option<Date> {
    let days = Date::new(i32::try_from(year).ok()?, 1, 1)?.days_since_epoch() + ordinal0;
    Date::from_days_since_epoch(days)
}

/// A moment as a calendar day (`2 February 2018`), or as the year alone when
/// it is a year's first moment and `year_ok`.
fn moment_text(v: &BigRational, year_ok: bool) -> String {
    match moment(v).and_then(|(y, d, exact)| Some((y, d, exact, date_of(y, d)?))) {
        Some((y, 0, true, _)) if year_ok => y.to_string(),
        Some((_, _, _, date)) => date.to_string(),
        None => number(v, false),
    }
}

/// Calendar periods read naturally: `2009`, `2008 – 2009`, `February 2018`,
/// `2 February 2018`, `before 2010`, `2010 or later`; anything else falls
/// back to days.
fn date_text(iv: &Interval) -> String {
    if iv.is_empty() {
        return "no possible date".to_string();
    }
    let lo = iv.lo.as_ref().filter(|b| b.inclusive);
    let hi = iv.hi.as_ref().filter(|b| !b.inclusive);
    let start = |b: &Bound| moment(&b.value).filter(|m| m.2);
    match (lo.and_then(start), hi.and_then(start)) {
        (Some((y1, d1, _)), Some((y2, d2, _))) if iv.lo.is_some() && iv.hi.is_some() => {
            if d1 == 0 && d2 == 0 {
                return if y2 == y1 + 1 {
                    y1.to_string()
                } else {
                    format!("{y1} – {}", y2 - 1)
                };
            }
            let month_of = |y: i64, d: i64| {
                (1..=12u8)
                    .find(|&m| days_before_month(y, m) == d)
                    .map(|m| (y, m))
            };
            if let (Some((ya, ma)), Some((yb, mb))) = (month_of(y1, d1), month_of(y2, d2)) {
                let (ye, me) = if mb == 1 { (yb - 1, 12) } else { (yb, mb - 1) };
                let name = |y: i64, m: u8| format!("{} {y}", MONTH_NAMES[usize::from(m - 1)]);
                return if (ya, ma) == (ye, me) {
                    name(ya, ma)
                } else {
                    format!("{} – {}", name(ya, ma), name(ye, me))
                };
            }
            if let (Some(a), Some(b)) = (date_of(y1, d1), date_of(y2, d2 - 1)) {
                return if a == b {
                    a.to_string()
                } else {
                    format!("{a} – {b}")
                };
            }
        }
        (Some(_), None) if iv.hi.is_none() => {
            if let Some(l) = lo {
                return format!("{} or later", moment_text(&l.value, true));
            }
        }
        (None, Some(_)) if iv.lo.is_none() => {
            if let Some(h) = hi {
                return format!("before {}", moment_text(&h.value, true));
            }
        }
        _ => {}
    }
    describe(iv, &|v| moment_text(v, false), "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::quantity::Currency;

    fn q(n: i64, d: i64) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    fn r(n: i64) -> BigRational {
        q(n, 1)
    }

    fn show(iv: Interval, unit: Unit) -> String {
        Quantity::new(iv, unit).to_string()
    }

    #[test]
    fn numbers_round_for_display_only() {
        assert_eq!(number(&r(1300), true), "1,300");
        assert_eq!(number(&r(-1300), true), "-1,300");
        assert_eq!(number(&q(14, 100), false), "0.14");
        assert_eq!(number(&q(1, 3), false), "0.333");
        assert_eq!(number(&q(4300, 3), false), "1,433.3");
        assert_eq!(number(&q(1, 30000), false), "0.0000333");
        assert_eq!(number(&r(2_500_000), true), "2.5 million");
        assert_eq!(number(&r(1_234_567), true), "1,234,567");
        assert_eq!(number(&r(3_000_000_000), true), "3 billion");
        assert_eq!(number(&r(3_000_000_000), false), "3,000,000,000");
        assert_eq!(number(&r(0), true), "0");
        let huge = BigRational::from_integer(pow10(40) * 3 + 7);
        assert_eq!(number(&huge, false), "3 × 10^40");
        let tiny = BigRational::new(BigInt::from(5), pow10(30));
        assert_eq!(number(&tiny, false), "5 × 10^-30");
        let long = BigRational::new(BigInt::from(1), BigInt::from(7)) * r(1000);
        assert!(number(&long, false).len() < 10);
    }

    #[test]
    fn interval_shapes() {
        let open = |v| Some(Bound::open(r(v)));
        let closed = |v| Some(Bound::closed(r(v)));
        assert_eq!(Interval::point(r(1300)).to_string(), "1,300");
        assert_eq!(
            Interval::closed(r(1400), r(1600)).to_string(),
            "1,400 – 1,600"
        );
        assert_eq!(Interval::new(open(200), None).to_string(), "more than 200");
        assert_eq!(Interval::new(closed(200), None).to_string(), "at least 200");
        assert_eq!(Interval::new(None, open(200)).to_string(), "less than 200");
        assert_eq!(Interval::new(None, closed(200)).to_string(), "at most 200");
        assert_eq!(Interval::unbounded().to_string(), "any value");
        assert_eq!(
            Interval::new(closed(585), open(650)).to_string(),
            "at least 585 and less than 650"
        );
        assert_eq!(
            Interval::new(open(2), closed(1)).to_string(),
            "no possible value"
        );
    }

    #[test]
    fn units_and_dates() {
        assert_eq!(
            show(Interval::point(q(14, 100)), Unit::Percent),
            "0.14 percent"
        );
        assert_eq!(
            show(Interval::point(r(2_500_000)), Unit::Money(Currency::Eur)),
            "€2.5 million"
        );
        assert_eq!(
            show(Interval::closed(r(-5), r(5)), Unit::Money(Currency::Usd)),
            "-$5 – $5"
        );
        assert_eq!(
            show(Interval::point(r(1)), Unit::PercentagePoints),
            "1 percentage point"
        );
        assert_eq!(show(Interval::point(r(12)), Unit::Years), "12 years");
        assert_eq!(
            show(Interval::half_open(r(2009), r(2010)), Unit::Year),
            "2009"
        );
        assert_eq!(
            show(Interval::half_open(r(2008), r(2010)), Unit::Year),
            "2008 – 2009"
        );
        let feb = Interval::half_open(r(2018) + q(31, 365), r(2018) + q(59, 365));
        assert_eq!(show(feb, Unit::Year), "February 2018");
        let day = Date::new(2018, 2, 2).unwrap().interval();
        assert_eq!(show(day, Unit::Year), "2 February 2018");
        assert_eq!(
            show(Interval::new(None, Some(Bound::open(r(2010)))), Unit::Year),
            "before 2010"
        );
        assert_eq!(
            show(
                Interval::new(Some(Bound::closed(r(2010))), None),
                Unit::Year
            ),
            "2010 or later"
        );
        assert_eq!(
            show(
                Interval::half_open(r(2018) + q(1, 365), r(2018) + q(5, 365)),
                Unit::Year
            ),
            "2 January 2018 – 5 January 2018"
        );
        assert_eq!(
            show(Interval::point(r(2018) + q(1, 730)), Unit::Year),
            "1 January 2018"
        );
    }
}
