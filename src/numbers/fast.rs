//! Exact rational arithmetic with a fast path for small values.
//!
//! News figures are small: numerators and denominators almost always fit in
//! an `i64`. For such operands the result is computed in `i128`, reduced with
//! an integer gcd and built already in lowest terms ([`BigRational::new_raw`]),
//! which skips `num-bigint`'s general gcd and division. The result is exactly
//! the value (and the representation: lowest terms, positive denominator, `0/1`
//! for zero) that the `BigRational` operator would give; anything that does
//! not fit takes the general `BigRational` path.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::ToPrimitive;

/// `v` as `(numerator, denominator)` when both fit in an `i64`.
#[inline]
fn small(v: &BigRational) -> Option<(i64, i64)> {
    Some((v.numer().to_i64()?, v.denom().to_i64()?))
}

fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    // Both fit in 64 bits in nearly every call: use the cheaper word gcd.
    if a <= u64::MAX as u128 && b <= u64::MAX as u128 {
        return u128::from(gcd_u64(a as u64, b as u64));
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// `n / d` in lowest terms with a positive denominator, or `None` when `d` is
/// zero or a value does not fit (the caller then takes the general path).
pub(crate) fn ratio(n: i128, d: i128) -> Option<BigRational> {
    if d == 0 {
        return None;
    }
    let negative = (n < 0) != (d < 0);
    let (un, ud) = (n.unsigned_abs(), d.unsigned_abs());
    let g = gcd_u128(un, ud);
    let (un, ud) = (un / g, ud / g);
    if un == 0 {
        return Some(BigRational::new_raw(BigInt::from(0), BigInt::from(1)));
    }
    let un = i128::try_from(un).ok()?;
    let ud = i128::try_from(ud).ok()?;
    let n = if negative { -un } else { un };
    Some(BigRational::new_raw(BigInt::from(n), BigInt::from(ud)))
}

/// `a + b`.
pub(crate) fn add(a: &BigRational, b: &BigRational) -> BigRational {
    if let (Some((an, ad)), Some((bn, bd))) = (small(a), small(b)) {
        let r = if ad == bd {
            ratio(i128::from(an) + i128::from(bn), i128::from(ad))
        } else {
            (i128::from(an) * i128::from(bd))
                .checked_add(i128::from(bn) * i128::from(ad))
                .and_then(|n| ratio(n, i128::from(ad) * i128::from(bd)))
        };
        if let Some(r) = r {
            return r;
        }
    }
    a + b
}

/// `a - b`.
pub(crate) fn sub(a: &BigRational, b: &BigRational) -> BigRational {
    if let (Some((an, ad)), Some((bn, bd))) = (small(a), small(b)) {
        let r = if ad == bd {
            ratio(i128::from(an) - i128::from(bn), i128::from(ad))
        } else {
            (i128::from(an) * i128::from(bd))
                .checked_sub(i128::from(bn) * i128::from(ad))
                .and_then(|n| ratio(n, i128::from(ad) * i128::from(bd)))
        };
        if let Some(r) = r {
            return r;
        }
    }
    a - b
}

/// `a · b`.
pub(crate) fn mul(a: &BigRational, b: &BigRational) -> BigRational {
    if let (Some((an, ad)), Some((bn, bd))) = (small(a), small(b))
        && let Some(r) = ratio(
            i128::from(an) * i128::from(bn),
            i128::from(ad) * i128::from(bd),
        )
    {
        return r;
    }
    a * b
}

/// `a / b`; `b` must not be zero.
pub(crate) fn div(a: &BigRational, b: &BigRational) -> BigRational {
    if let (Some((an, ad)), Some((bn, bd))) = (small(a), small(b))
        && let Some(r) = ratio(
            i128::from(an) * i128::from(bd),
            i128::from(ad) * i128::from(bn),
        )
    {
        return r;
    }
    a / b
}

/// `v − f·|v|` (`lower`) or `v + f·|v|`: a bound moved outwards by the
/// fraction `f ≥ 0` of its magnitude.
pub(crate) fn widen_bound(v: &BigRational, f: &BigRational, lower: bool) -> BigRational {
    use num_traits::Signed;
    if let (Some((vn, vd)), Some((fn_, fd))) = (small(v), small(f)) {
        // v ± f·|v| = v · (1 ± f·sign(v)) = vn·(fd ± fn·s) / (vd·fd).
        let s: i128 = if vn < 0 { -1 } else { 1 };
        let step = if lower { -s } else { s };
        let factor = i128::from(fd) + step * i128::from(fn_);
        if let Some(n) = i128::from(vn).checked_mul(factor)
            && let Some(r) = ratio(n, i128::from(vd) * i128::from(fd))
        {
            return r;
        }
    }
    let m = f * v.abs();
    if lower { v - m } else { v + m }
}

/// `10^k` as an integer rational.
pub(crate) fn pow10(k: usize) -> BigRational {
    if k <= 18 {
        return BigRational::new_raw(BigInt::from(10i64.pow(k as u32)), BigInt::from(1));
    }
    BigRational::from_integer(num_traits::pow(BigInt::from(10), k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(n: i64, d: i64) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    fn same(a: &BigRational, b: &BigRational) -> bool {
        a.numer() == b.numer() && a.denom() == b.denom()
    }

    #[test]
    fn extremes_match_the_general_path() {
        let vals = [
            q(0, 1),
            q(1, 1),
            q(-1, 1),
            q(i64::MAX, 1),
            q(i64::MIN, 1),
            q(1, i64::MAX),
            q(i64::MIN, i64::MAX),
            q(i64::MAX, i64::MAX - 1),
            q(-7, 10),
            q(3, 1000),
        ];
        for a in &vals {
            for b in &vals {
                assert!(same(&add(a, b), &(a + b)));
                assert!(same(&sub(a, b), &(a - b)));
                assert!(same(&mul(a, b), &(a * b)));
                if *b != q(0, 1) {
                    assert!(same(&div(a, b), &(a / b)));
                }
                let f = num_traits::Signed::abs(b);
                let m = &f * num_traits::Signed::abs(a);
                assert!(same(&widen_bound(a, &f, true), &(a - &m)));
                assert!(same(&widen_bound(a, &f, false), &(a + &m)));
            }
        }
        for k in 0..40 {
            assert!(same(
                &pow10(k),
                &BigRational::from_integer(num_traits::pow(BigInt::from(10), k))
            ));
        }
    }

    proptest! {
        #[test]
        fn fast_ops_equal_bigrational_ops(
            an in any::<i64>(), ad in 1i64..=i64::MAX,
            bn in any::<i64>(), bd in 1i64..=i64::MAX,
            sn in -1000i64..1000, sd in 1i64..1000,
        ) {
            let (a, b) = (q(an, ad), q(bn, bd));
            let (c, d) = (q(sn, sd), q(sn.abs(), sd));
            for (x, y) in [(&a, &b), (&a, &c), (&c, &b), (&c, &d)] {
                prop_assert!(same(&add(x, y), &(x + y)));
                prop_assert!(same(&sub(x, y), &(x - y)));
                prop_assert!(same(&mul(x, y), &(x * y)));
                if *y != q(0, 1) {
                    prop_assert!(same(&div(x, y), &(x / y)));
                }
            }
            for v in [&a, &b, &c] {
                let m = &d * num_traits::Signed::abs(v);
                prop_assert!(same(&widen_bound(v, &d, true), &(v - &m)));
                prop_assert!(same(&widen_bound(v, &d, false), &(v + &m)));
            }
        }
    }
}
