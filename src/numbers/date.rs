//! A minimal proleptic-Gregorian civil date, and the mapping of calendar
//! periods onto the rational time line measured in years.
//!
//! A moment is a rational number of years: the start of day `d` (0-based
//! ordinal) of year `Y` is `Y + d / L`, where `L` is 365 or 366. A calendar
//! period is the half-open interval from its first moment to the first moment
//! of the next period, so `2009` is `[2009, 2010)` and 2 February 2018 is
//! `[2018 + 32/365, 2018 + 33/365)`.

use std::fmt;

use num_bigint::BigInt;
use num_rational::BigRational;

use super::interval::Interval;

/// The English month names used for reading and display.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar day in the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Whether `year` has 366 days.
pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// 365 or 366.
pub fn days_in_year(year: i64) -> i64 {
    if is_leap_year(year) { 366 } else { 365 }
}

/// Days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days of `year` before the first of `month` (1–12).
pub(crate) fn days_before_month(year: i64, month: u8) -> i64 {
    (1..month).map(|m| i64::from(days_in_month(year, m))).sum()
}

/// Years this module accepts: wide enough for any "N years ago" a news text
/// can mean, narrow enough that day arithmetic can never overflow.
/// The days of the week, lower case: what makes a future a schedule ("will meet on
/// Monday"), and what a dateline may open with.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const YEAR_LIMIT: i64 = 1_000_000;

impl Date {
    /// A valid date, or `None` (month 1–12, day within the month, year within
    /// ±1,000,000).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let y = i64::from(year);
        if y.abs() > YEAR_LIMIT || day == 0 || day > days_in_month(y, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// 0-based day of the year.
    pub fn ordinal0(self) -> i64 {
        days_before_month(i64::from(self.year), self.month) + i64::from(self.day) - 1
    }

    /// Days since 1970-01-01 (negative before), after H. Hinnant's
    /// `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let m = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12; // March = 0
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`), if in range.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        if days.abs() > YEAR_LIMIT * 366 {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// Monday = 0 … Sunday = 6.
    pub(crate) fn weekday(self) -> i64 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7)
    }

    /// The day as an interval of the year-measured time line.
    pub fn interval(self) -> Interval {
        let start = day_start(i64::from(self.year), self.ordinal0());
        let end = day_start(i64::from(self.year), self.ordinal0() + 1);
        Interval::half_open(start, end)
    }
}

impl fmt::Display for Date {
    /// "2 February 2018", the form used in messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.day,
            MONTH_NAMES[usize::from(self.month - 1)],
            self.year
        )
    }
}

/// The moment `year + ordinal0 / days_in_year(year)`.
pub(crate) fn day_start(year: i64, ordinal0: i64) -> BigRational {
    let len = i128::from(days_in_year(year));
    if let Some(v) = i128::from(year)
        .checked_mul(len)
        .and_then(|y| y.checked_add(i128::from(ordinal0)))
        .and_then(|n| super::fast::ratio(n, len))
    {
        return v;
    }
    BigRational::from_integer(BigInt::from(year))
        + BigRational::new(BigInt::from(ordinal0), BigInt::from(days_in_year(year)))
}

/// The first moment of `month` of `year`.
pub(crate) fn month_start(year: i64, month: u8) -> BigRational {
    day_start(year, days_before_month(year, month))
}

/// `[first moment of the month, first moment of the next)`.
pub(crate) fn month_interval(year: i64, month: u8) -> Interval {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    Interval::half_open(month_start(year, month), month_start(ny, nm))
}

/// `[year, year + 1)`.
pub(crate) fn year_interval(year: i64) -> Interval {
    Interval::half_open(
        BigRational::from_integer(BigInt::from(year)),
        BigRational::from_integer(BigInt::from(year + 1)),
    )
}

/// Parses an ISO 8601 calendar date (`2019-06-01`) or date-time
/// (`2019-06-01T10:00:00Z`, `2019-06-01 10:00`, `2019-06-01T10:00:00.5+02:00`),
/// as found in front matter. The time and offset are validated but ignored:
/// the calendar date written is the publication day.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let rest = &b[10..];
    if !rest.is_empty() && !valid_time(rest) {
        return None;
    }
    Date::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

/// `THH:MM[:SS[.fff]][Z|±HH:MM]` (or a space instead of `T`).
fn valid_time(b: &[u8]) -> bool {
    if !matches!(b[0], b'T' | b't' | b' ') {
        return false;
    }
    let b = &b[1..];
    let two = |s: &[u8], max: u32| s.len() >= 2 && digits(&s[..2]).is_some_and(|v| v <= max);
    if !(two(b, 23) && b.get(2) == Some(&b':') && two(&b[3..], 59)) {
        return false;
    }
    let mut rest = &b[5..];
    if rest.first() == Some(&b':') {
        if !two(&rest[1..], 60) {
            return false;
        }
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return false;
            }
            rest = &rest[1 + n..];
        }
    }
    match rest {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => two(&[*h1, *h2], 23) && two(&[*m1, *m2], 59),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates_and_datetimes() {
        assert_eq!(parse_date("2019-06-01"), Date::new(2019, 6, 1));
        assert_eq!(parse_date("2019-06-01T10:00:00Z"), Date::new(2019, 6, 1));
        assert_eq!(parse_date(" 2019-06-01 10:00 "), Date::new(2019, 6, 1));
        assert_eq!(
            parse_date("2019-06-01T23:59:60.123+02:00"),
            Date::new(2019, 6, 1)
        );
        assert_eq!(parse_date("2020-02-29"), Date::new(2020, 2, 29));
        for bad in [
            "2019-02-29",
            "2019-13-01",
            "2019-00-10",
            "2019-6-1",
            "19-06-01",
            "2019-06-01T25:00",
            "2019-06-01Tnoon",
            "2019-06-01x",
            "",
            "2019/06/01",
            "२०१९-06-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn epoch_day_round_trip_and_weekday() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        for days in [-800_000, -1, 0, 59, 60, 10_956, 18_000, 2_000_000] {
            let d = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(d.days_since_epoch(), days);
        }
        // 1 June 2019 was a Saturday.
        assert_eq!(Date::new(2019, 6, 1).unwrap().weekday(), 5);
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
    }

    #[test]
    fn calendar_periods_on_the_time_line() {
        let d = Date::new(2018, 2, 2).unwrap();
        assert_eq!(
            d.interval(),
            Interval::half_open(
                BigRational::from_integer(2018.into()) + BigRational::new(32.into(), 365.into()),
                BigRational::from_integer(2018.into()) + BigRational::new(33.into(), 365.into()),
            )
        );
        // The last day of a year ends exactly at the next year.
        let dec31 = Date::new(2020, 12, 31).unwrap().interval();
        assert_eq!(
            dec31.hi.unwrap().value,
            BigRational::from_integer(2021.into())
        );
        assert_eq!(
            month_interval(2018, 12).hi.unwrap().value,
            BigRational::from_integer(2019.into())
        );
        assert_eq!(d.to_string(), "2 February 2018");
    }
}
