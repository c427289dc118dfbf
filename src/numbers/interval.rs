//! Intervals of exact rationals whose bounds may be open, closed or absent.
//!
//! Arithmetic follows ordinary interval arithmetic extended to unbounded and
//! half-open intervals: the result is the smallest interval that contains
//! every `x ∘ y` with `x` in the left operand and `y` in the right one, and a
//! result bound is closed exactly when some pair of members attains it.

use std::cmp::Ordering;
use std::ops::{Add, Div, Mul, Neg, Sub};

use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::fast;

/// One end of an [`Interval`]: a value and whether the value itself belongs
/// to the interval (`inclusive`, a closed bound) or not (an open bound).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bound {
    /// Where the interval ends.
    pub value: BigRational,
    /// `true` for a closed bound (`[`/`]`), `false` for an open one (`(`/`)`).
    pub inclusive: bool,
}

impl Bound {
    /// A closed bound at `value`.
    pub fn closed(value: BigRational) -> Bound {
        Bound {
            value,
            inclusive: true,
        }
    }

    /// An open bound at `value`.
    pub fn open(value: BigRational) -> Bound {
        Bound {
            value,
            inclusive: false,
        }
    }
}

/// A set of rationals between two optional bounds; `None` means unbounded on
/// that side.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Interval {
    /// Lower bound, `None` for −∞.
    pub lo: Option<Bound>,
    /// Upper bound, `None` for +∞.
    pub hi: Option<Bound>,
}

impl Interval {
    /// An interval from explicit bounds (not normalised; see [`Interval::closed`]).
    pub fn new(lo: Option<Bound>, hi: Option<Bound>) -> Interval {
        Interval { lo, hi }
    }

    /// The single value `v`, i.e. `[v, v]`.
    pub fn point(v: BigRational) -> Interval {
        Interval {
            lo: Some(Bound::closed(v.clone())),
            hi: Some(Bound::closed(v)),
        }
    }

    /// The closed interval between `a` and `b`, whichever is smaller first.
    pub fn closed(a: BigRational, b: BigRational) -> Interval {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        Interval {
            lo: Some(Bound::closed(lo)),
            hi: Some(Bound::closed(hi)),
        }
    }

    /// The half-open interval `[a, b)`; used for calendar periods.
    pub fn half_open(a: BigRational, b: BigRational) -> Interval {
        Interval {
            lo: Some(Bound::closed(a)),
            hi: Some(Bound::open(b)),
        }
    }

    /// Every rational: what division by an interval containing zero yields.
    pub fn unbounded() -> Interval {
        Interval { lo: None, hi: None }
    }

    /// The value if this interval is a single closed point.
    pub fn as_point(&self) -> Option<&BigRational> {
        match (&self.lo, &self.hi) {
            (Some(l), Some(h)) if l.inclusive && h.inclusive && l.value == h.value => {
                Some(&l.value)
            }
            _ => None,
        }
    }

    /// Whether no rational lies in the interval.
    pub fn is_empty(&self) -> bool {
        match (&self.lo, &self.hi) {
            (Some(l), Some(h)) => match l.value.cmp(&h.value) {
                Ordering::Greater => true,
                Ordering::Equal => !(l.inclusive && h.inclusive),
                Ordering::Less => false,
            },
            _ => false,
        }
    }

    /// Whether `v` lies in the interval.
    pub fn contains(&self, v: &BigRational) -> bool {
        let above_lo = match &self.lo {
            None => true,
            Some(b) => b.value < *v || (b.inclusive && b.value == *v),
        };
        let below_hi = match &self.hi {
            None => true,
            Some(b) => *v < b.value || (b.inclusive && b.value == *v),
        };
        above_lo && below_hi
    }

    /// Whether zero lies in the interval (division by such an interval is
    /// unbounded).
    pub fn contains_zero(&self) -> bool {
        self.contains(&BigRational::zero())
    }

    /// Whether the two intervals share at least one value. This is the test
    /// behind relation checks and tag conflicts: intervals need not nest.
    pub fn overlaps(&self, other: &Interval) -> bool {
        !self.is_empty() && !other.is_empty() && !self.intersection(other).is_empty()
    }

    /// The values in both intervals (empty when they do not overlap).
    pub fn intersection(&self, other: &Interval) -> Interval {
        Interval {
            lo: tighter_lo(&self.lo, &other.lo),
            hi: tighter_hi(&self.hi, &other.hi),
        }
    }

    /// Moves each bound outwards by `fraction` of that bound's magnitude
    /// (`lo − f·|lo|`, `hi + f·|hi|`); openness is kept. This is both the
    /// "about" qualifier and a relation's `tolerance:`.
    pub fn widen(&self, fraction: &BigRational) -> Interval {
        let f = fraction.abs();
        Interval {
            lo: self.lo.as_ref().map(|b| Bound {
                value: fast::widen_bound(&b.value, &f, true),
                inclusive: b.inclusive,
            }),
            hi: self.hi.as_ref().map(|b| Bound {
                value: fast::widen_bound(&b.value, &f, false),
                inclusive: b.inclusive,
            }),
        }
    }

    /// Multiplies every member by the constant `k`.
    pub fn scale(&self, k: &BigRational) -> Interval {
        self * &Interval::point(k.clone())
    }

    /// `{1/x : x ∈ self}` for an interval that does not contain zero.
    fn recip(&self) -> Interval {
        // A bound at zero is necessarily open here (zero is not a member), and
        // its reciprocal is the unbounded side.
        let inv = |b: &Bound| -> Option<Bound> {
            if b.value.is_zero() {
                None
            } else {
                Some(Bound {
                    value: b.value.recip(),
                    inclusive: b.inclusive,
                })
            }
        };
        let positive = matches!(&self.lo, Some(b) if !b.value.is_negative());
        if positive {
            Interval {
                lo: Some(self.hi.as_ref().map_or_else(
                    || Bound::open(BigRational::zero()),
                    |b| inv(b).unwrap_or_else(|| Bound::open(BigRational::zero())),
                )),
                hi: self.lo.as_ref().and_then(inv),
            }
        } else {
            Interval {
                lo: self.hi.as_ref().and_then(inv),
                hi: Some(self.lo.as_ref().map_or_else(
                    || Bound::open(BigRational::zero()),
                    |b| inv(b).unwrap_or_else(|| Bound::open(BigRational::zero())),
                )),
            }
        }
    }
}

/// The larger of two lower bounds (on a tie the open one, being stricter).
fn tighter_lo(a: &Option<Bound>, b: &Option<Bound>) -> Option<Bound> {
    match (a, b) {
        (None, x) | (x, None) => x.clone(),
        (Some(x), Some(y)) => Some(match x.value.cmp(&y.value) {
            Ordering::Greater => x.clone(),
            Ordering::Less => y.clone(),
            Ordering::Equal => Bound {
                value: x.value.clone(),
                inclusive: x.inclusive && y.inclusive,
            },
        }),
    }
}

/// The smaller of two upper bounds (on a tie the open one).
fn tighter_hi(a: &Option<Bound>, b: &Option<Bound>) -> Option<Bound> {
    match (a, b) {
        (None, x) | (x, None) => x.clone(),
        (Some(x), Some(y)) => Some(match x.value.cmp(&y.value) {
            Ordering::Less => x.clone(),
            Ordering::Greater => y.clone(),
            Ordering::Equal => Bound {
                value: x.value.clone(),
                inclusive: x.inclusive && y.inclusive,
            },
        }),
    }
}

/// An interval end on the extended real line, used for multiplication.
#[derive(Clone, Debug)]
enum End {
    NegInf,
    Fin(BigRational, bool),
    PosInf,
}

impl End {
    fn lo(b: &Option<Bound>) -> End {
        b.as_ref()
            .map_or(End::NegInf, |b| End::Fin(b.value.clone(), b.inclusive))
    }

    fn hi(b: &Option<Bound>) -> End {
        b.as_ref()
            .map_or(End::PosInf, |b| End::Fin(b.value.clone(), b.inclusive))
    }

    fn rank(&self) -> u8 {
        match self {
            End::NegInf => 0,
            End::Fin(..) => 1,
            End::PosInf => 2,
        }
    }

    fn cmp_value(&self, other: &End) -> Ordering {
        match (self, other) {
            (End::Fin(a, _), End::Fin(b, _)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }

    /// Product of two ends. `0 · ∞` is taken as 0 because the zero end, when
    /// it is a member, multiplies every member of the other operand to 0; the
    /// product end is closed when both factors are closed members, or when
    /// either factor is a closed zero (then 0 is attained whatever the other
    /// member is).
    fn mul(&self, other: &End) -> End {
        match (self, other) {
            (End::Fin(a, ia), End::Fin(b, ib)) => {
                let inclusive = (*ia && (*ib || a.is_zero())) || (*ib && b.is_zero());
                End::Fin(fast::mul(a, b), inclusive)
            }
            (End::Fin(a, ia), inf) | (inf, End::Fin(a, ia)) => {
                if a.is_zero() {
                    End::Fin(BigRational::zero(), *ia)
                } else if a.is_positive() == matches!(inf, End::PosInf) {
                    End::PosInf
                } else {
                    End::NegInf
                }
            }
            (End::PosInf, End::PosInf) | (End::NegInf, End::NegInf) => End::PosInf,
            _ => End::NegInf,
        }
    }
}

/// Picks the extreme end (`want` = `Less` for the minimum); on equal finite
/// values the bound is closed if any candidate attains it.
fn extreme(ends: Vec<End>, want: Ordering) -> End {
    let mut iter = ends.into_iter();
    let mut best = iter.next().unwrap_or(End::NegInf);
    for e in iter {
        match e.cmp_value(&best) {
            o if o == want => best = e,
            Ordering::Equal => {
                if let (End::Fin(v, a), End::Fin(_, b)) = (&best, &e) {
                    best = End::Fin(v.clone(), *a || *b);
                }
            }
            _ => {}
        }
    }
    best
}

impl Add for &Interval {
    type Output = Interval;

    /// `[a, b] + [c, d] = [a + c, b + d]`; a sum bound is closed only when
    /// both summand bounds are.
    fn add(self, other: &Interval) -> Interval {
        let join = |x: &Option<Bound>, y: &Option<Bound>| match (x, y) {
            (Some(x), Some(y)) => Some(Bound {
                value: fast::add(&x.value, &y.value),
                inclusive: x.inclusive && y.inclusive,
            }),
            _ => None,
        };
        Interval {
            lo: join(&self.lo, &other.lo),
            hi: join(&self.hi, &other.hi),
        }
    }
}

impl Neg for &Interval {
    type Output = Interval;

    fn neg(self) -> Interval {
        let flip = |b: &Option<Bound>| {
            b.as_ref().map(|b| Bound {
                value: -&b.value,
                inclusive: b.inclusive,
            })
        };
        Interval {
            lo: flip(&self.hi),
            hi: flip(&self.lo),
        }
    }
}

impl Sub for &Interval {
    type Output = Interval;

    fn sub(self, other: &Interval) -> Interval {
        self + &(-other)
    }
}

impl Mul for &Interval {
    type Output = Interval;

    fn mul(self, other: &Interval) -> Interval {
        let xs = [End::lo(&self.lo), End::hi(&self.hi)];
        let ys = [End::lo(&other.lo), End::hi(&other.hi)];
        let products: Vec<End> = xs
            .iter()
            .flat_map(|x| ys.iter().map(move |y| x.mul(y)))
            .collect();
        let lo = match extreme(products.clone(), Ordering::Less) {
            End::Fin(v, inclusive) => Some(Bound {
                value: v,
                inclusive,
            }),
            _ => None,
        };
        let hi = match extreme(products, Ordering::Greater) {
            End::Fin(v, inclusive) => Some(Bound {
                value: v,
                inclusive,
            }),
            _ => None,
        };
        Interval { lo, hi }
    }
}

impl Div for &Interval {
    type Output = Interval;

    /// Division by an interval that contains zero is unbounded (never a panic
    /// and never an error: the relation simply cannot be refuted).
    fn div(self, other: &Interval) -> Interval {
        if other.contains_zero() || other.is_empty() {
            return Interval::unbounded();
        }
        self * &other.recip()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;

    fn r(n: i64) -> BigRational {
        BigRational::from_integer(BigInt::from(n))
    }

    fn q(n: i64, d: i64) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    fn open_lo(v: i64) -> Interval {
        Interval::new(Some(Bound::open(r(v))), None)
    }

    #[test]
    fn addition_and_subtraction_keep_openness() {
        let a = Interval::new(Some(Bound::open(r(1))), Some(Bound::closed(r(2))));
        let b = Interval::closed(r(10), r(20));
        assert_eq!(
            &a + &b,
            Interval::new(Some(Bound::open(r(11))), Some(Bound::closed(r(22))))
        );
        assert_eq!(
            &b - &a,
            Interval::new(Some(Bound::closed(r(8))), Some(Bound::open(r(19))))
        );
        assert_eq!(&open_lo(5) + &b, open_lo(15));
        assert_eq!((&open_lo(5) - &open_lo(5)), Interval::unbounded());
    }

    #[test]
    fn multiplication_of_signed_and_unbounded_intervals() {
        let a = Interval::closed(r(-2), r(3));
        let b = Interval::closed(r(4), r(5));
        assert_eq!(&a * &b, Interval::closed(r(-10), r(15)));
        // [0, 5] × [1, ∞) = [0, ∞): zero times anything is zero.
        let z = Interval::closed(r(0), r(5));
        let up = Interval::new(Some(Bound::closed(r(1))), None);
        assert_eq!(&z * &up, Interval::new(Some(Bound::closed(r(0))), None));
        // (0, 1] × [1, ∞) = (0, ∞): zero is not attained.
        let oz = Interval::new(Some(Bound::open(r(0))), Some(Bound::closed(r(1))));
        assert_eq!(&oz * &up, Interval::new(Some(Bound::open(r(0))), None));
        // {0} × (−∞, ∞) = {0}.
        assert_eq!(
            &Interval::point(r(0)) * &Interval::unbounded(),
            Interval::point(r(0))
        );
        assert_eq!(
            &Interval::point(r(-2)) * &open_lo(3),
            Interval::new(None, Some(Bound::open(r(-6))))
        );
    }

    #[test]
    fn division_by_interval_containing_zero_is_unbounded() {
        let a = Interval::closed(r(1), r(2));
        assert_eq!(&a / &Interval::closed(r(-1), r(1)), Interval::unbounded());
        assert_eq!(&a / &Interval::point(r(0)), Interval::unbounded());
        assert_eq!(
            &a / &Interval::new(None, Some(Bound::closed(r(0)))),
            Interval::unbounded()
        );
        // (0, 4] does not contain zero: 1/(0, 4] = [1/4, ∞).
        let b = Interval::new(Some(Bound::open(r(0))), Some(Bound::closed(r(4))));
        assert_eq!(&a / &b, Interval::new(Some(Bound::closed(q(1, 4))), None));
        // Negative divisor flips the order.
        assert_eq!(
            &a / &Interval::closed(r(-4), r(-2)),
            Interval::closed(r(-1), q(-1, 4))
        );
        // Unbounded positive divisor: 1/[2, ∞) = (0, 1/2].
        assert_eq!(
            &Interval::point(r(1)) / &Interval::new(Some(Bound::closed(r(2))), None),
            Interval::new(Some(Bound::open(r(0))), Some(Bound::closed(q(1, 2))))
        );
        // An empty divisor never panics.
        let empty = Interval::new(Some(Bound::open(r(0))), Some(Bound::closed(r(0))));
        assert_eq!(&a / &empty, Interval::unbounded());
    }

    #[test]
    fn overlap_is_not_nesting() {
        let more_than_200 = open_lo(200);
        let about_220 = Interval::closed(r(198), r(242));
        assert!(more_than_200.overlaps(&about_220));
        assert!(!more_than_200.overlaps(&Interval::closed(r(150), r(200))));
        assert!(
            Interval::closed(r(150), r(200))
                .overlaps(&Interval::new(Some(Bound::closed(r(200))), None))
        );
        assert!(Interval::unbounded().overlaps(&Interval::point(r(7))));
        let year = Interval::half_open(r(2009), r(2010));
        assert!(!year.overlaps(&Interval::point(r(2010))));
        assert!(year.overlaps(&Interval::point(r(2009))));
    }

    #[test]
    fn widen_and_contains() {
        let w = Interval::closed(r(-100), r(200)).widen(&q(1, 10));
        assert_eq!(w, Interval::closed(r(-110), r(220)));
        assert!(w.contains(&r(-110)));
        assert!(!open_lo(3).contains(&r(3)));
        assert!(open_lo(3).contains(&q(301, 100)));
        assert!(Interval::new(Some(Bound::open(r(1))), Some(Bound::open(r(1)))).is_empty());
        assert_eq!(Interval::point(r(4)).as_point(), Some(&r(4)));
        assert_eq!(Interval::closed(r(5), r(1)), Interval::closed(r(1), r(5)));
    }
}
