//! Units, quantities, the unit algebra of relation expressions, and the two
//! comparisons the linter makes: relation checks and same-id conflicts.

use std::fmt;

use num_bigint::BigInt;
use num_rational::BigRational;

use super::interval::Interval;

/// A currency the reader recognises. Money only combines with money of the
/// same currency: no exchange rates are assumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Currency {
    /// US dollars (`$`, `US$`, `USD`, `dollars`).
    Usd,
    /// Euros (`€`, `EUR`, `euros`).
    Eur,
    /// Pounds sterling (`£`, `GBP`, `pounds`).
    Gbp,
    /// Japanese yen (`¥`, `JPY`, `yen`).
    Jpy,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Jpy => "JPY",
        }
    }

    /// The symbol used when formatting amounts.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Gbp => "£",
            Currency::Jpy => "¥",
        }
    }
}

/// What a quantity measures. See the module documentation for the algebra.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A bare number or number word; nouns are not units ("200 spies" is the
    /// count 200).
    Count,
    /// A dimensionless ratio: `N times`, `twice`, `a third`, count ÷ count.
    Ratio,
    /// Percent; the value is stored as written (15 percent is 15).
    Percent,
    /// Percentage points; never comparable with percent.
    PercentagePoints,
    /// An amount of money in one currency.
    Money(Currency),
    /// A point in time on the year-measured time line (a date or year).
    Year,
    /// A duration in years.
    Years,
    /// A number literal written in a relation expression: it takes the unit
    /// of whatever it is combined or compared with. Never produced by
    /// [`read_quantity`](super::read_quantity).
    Number,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Count => f.write_str("count"),
            Unit::Ratio => f.write_str("ratio"),
            Unit::Percent => f.write_str("percent"),
            Unit::PercentagePoints => f.write_str("percentage points"),
            Unit::Money(c) => write!(f, "money in {}", c.code()),
            Unit::Year => f.write_str("date"),
            Unit::Years => f.write_str("duration in years"),
            Unit::Number => f.write_str("plain number"),
        }
    }
}

/// A value read from a tag or computed by a relation: an interval with a unit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Quantity {
    /// The set of values the phrase allows.
    pub interval: Interval,
    /// What the values measure.
    pub unit: Unit,
}

impl Quantity {
    /// A quantity from its parts.
    pub fn new(interval: Interval, unit: Unit) -> Quantity {
        Quantity { interval, unit }
    }

    /// The exact value `value`.
    pub fn point(value: BigRational, unit: Unit) -> Quantity {
        Quantity::new(Interval::point(value), unit)
    }

    /// Percent expressed as a ratio (15 percent → 0.15); other units unchanged.
    fn percent_as_ratio(&self) -> Quantity {
        if self.unit == Unit::Percent {
            Quantity::new(self.interval.scale(&hundredth()), Unit::Ratio)
        } else {
            self.clone()
        }
    }
}

fn hundredth() -> BigRational {
    BigRational::new(BigInt::from(1), BigInt::from(100))
}

/// Two units that cannot be compared or combined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitMismatch {
    /// The first operand's unit (the stated value in a relation check).
    pub left: Unit,
    /// The second operand's unit (the computed value in a relation check).
    pub right: Unit,
}

impl fmt::Display for UnitMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unit mismatch: {} cannot be compared with {}",
            self.left, self.right
        )
    }
}

impl std::error::Error for UnitMismatch {}

/// Brings two quantities onto one scale for comparison, or says they measure
/// different things. Same units compare as they are; percent and ratio
/// compare after dividing the percent by 100; a [`Unit::Number`] compares with
/// anything as written.
fn common_scale(a: &Quantity, b: &Quantity) -> Result<(Interval, Interval), UnitMismatch> {
    match (a.unit, b.unit) {
        (x, y) if x == y || x == Unit::Number || y == Unit::Number => {
            Ok((a.interval.clone(), b.interval.clone()))
        }
        (Unit::Percent, Unit::Ratio) | (Unit::Ratio, Unit::Percent) => {
            Ok((a.percent_as_ratio().interval, b.percent_as_ratio().interval))
        }
        (left, right) => Err(UnitMismatch { left, right }),
    }
}

/// Whether two quantities can be compared at all (same unit, percent with
/// ratio, or a plain number with anything).
pub fn comparable(a: Unit, b: Unit) -> bool {
    a == b
        || a == Unit::Number
        || b == Unit::Number
        || matches!(
            (a, b),
            (Unit::Percent, Unit::Ratio) | (Unit::Ratio, Unit::Percent)
        )
}

/// Whether two tags that share an id contradict each other: their units are
/// not comparable, or no value satisfies both (`{about 650}` and `{700}`
/// agree; `{about 650}` and `{800}` conflict).
pub fn conflict(a: &Quantity, b: &Quantity) -> bool {
    match common_scale(a, b) {
        Ok((x, y)) => !x.overlaps(&y),
        Err(_) => true,
    }
}

/// Whether a relation holds: the stated interval and the computed one
/// overlap (they need not nest). `tolerance` (a fraction, `5%` → 1/20)
/// first widens each bound of the computed interval by that fraction of the
/// bound's magnitude.
pub fn relation_holds(
    stated: &Quantity,
    computed: &Quantity,
    tolerance: Option<&BigRational>,
) -> Result<bool, UnitMismatch> {
    let (s, c) = common_scale(stated, computed)?;
    let c = match tolerance {
        Some(t) => c.widen(t),
        None => c,
    };
    Ok(s.overlaps(&c))
}

/// A binary operator of relation expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> char {
        match self {
            BinOp::Add => '+',
            BinOp::Sub => '-',
            BinOp::Mul => '*',
            BinOp::Div => '/',
        }
    }
}

/// Units that scale by a ratio and stay what they are.
fn scalable(u: Unit) -> bool {
    matches!(
        u,
        Unit::Count | Unit::Ratio | Unit::Money(_) | Unit::Years | Unit::PercentagePoints
    )
}

/// Applies `op` with the unit algebra; `Err` carries a sentence naming both
/// units for the diagnostic.
pub(crate) fn combine(op: BinOp, a: &Quantity, b: &Quantity) -> Result<Quantity, String> {
    use Unit::*;
    let mismatch = || {
        let (verb, joiner) = match op {
            BinOp::Add => ("add", "and"),
            BinOp::Sub => ("subtract", "from"),
            BinOp::Mul => ("multiply", "by"),
            BinOp::Div => ("divide", "by"),
        };
        if op == BinOp::Sub {
            format!(
                "unit mismatch: cannot subtract {} {joiner} {}",
                b.unit, a.unit
            )
        } else {
            format!(
                "unit mismatch: cannot {verb} {} {joiner} {}",
                a.unit, b.unit
            )
        }
    };
    match op {
        BinOp::Add | BinOp::Sub => {
            // A literal takes the other side's unit; next to a date it is a
            // number of years (`founded + 10`).
            let adopt = |u: Unit| if u == Year { Years } else { u };
            let (mut a, mut b) = (a.clone(), b.clone());
            if a.unit == Number && b.unit != Number {
                a.unit = adopt(b.unit);
            } else if b.unit == Number && a.unit != Number {
                b.unit = adopt(a.unit);
            }
            let add = op == BinOp::Add;
            let unit = match (a.unit, b.unit) {
                (Year, Year) if !add => Years,
                (Year, Year) => return Err(mismatch()),
                (x, y) if x == y => x,
                (Year, Years) => Year,
                (Years, Year) if add => Year,
                (Percent, PercentagePoints) => Percent,
                (PercentagePoints, Percent) if add => Percent,
                (Percent, Ratio) | (Ratio, Percent) => {
                    a = a.percent_as_ratio();
                    b = b.percent_as_ratio();
                    Ratio
                }
                _ => return Err(mismatch()),
            };
            let interval = if add {
                &a.interval + &b.interval
            } else {
                &a.interval - &b.interval
            };
            Ok(Quantity::new(interval, unit))
        }
        BinOp::Mul | BinOp::Div => {
            // In products percent is just a ratio: "15 percent of the staff".
            let (a, b) = (a.percent_as_ratio(), b.percent_as_ratio());
            let as_ratio = |u: Unit| if u == Number { Ratio } else { u };
            let unit = if a.unit == Number && b.unit == Number {
                Number
            } else {
                let (x, y) = (as_ratio(a.unit), as_ratio(b.unit));
                let mul = op == BinOp::Mul;
                match (x, y) {
                    (Ratio, u) if mul && scalable(u) => u,
                    (u, Ratio) if scalable(u) => u,
                    (Count, Count) if mul => Count,
                    (Count, Money(c)) | (Money(c), Count) if mul => Money(c),
                    (Money(c), Count) => Money(c),
                    (Count, Count) | (Years, Years) | (PercentagePoints, PercentagePoints) => Ratio,
                    (Money(c), Money(d)) if c == d && !mul => Ratio,
                    _ => return Err(mismatch()),
                }
            };
            let interval = if op == BinOp::Mul {
                &a.interval * &b.interval
            } else {
                &a.interval / &b.interval
            };
            Ok(Quantity::new(interval, unit))
        }
    }
}

/// Unary minus: every unit but a date can be negated.
pub(crate) fn negate(q: &Quantity) -> Result<Quantity, String> {
    if q.unit == Unit::Year {
        return Err("unit mismatch: a date cannot be negated".to_string());
    }
    Ok(Quantity::new(-&q.interval, q.unit))
}
