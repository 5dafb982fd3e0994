//! A float as reports print it: a fixed number of decimals, so that the same counts always give
//! the same bytes. The comparisons make their rows with it, and the reports print them; a
//! leaf, so that neither imports the other for it.

use std::fmt;

use serde::Serialize;

/// A float of a report, printed with `D` decimals, so that the same counts always give the
/// same bytes; a value that rounds to zero prints without a sign (`-0.00` reads like a sign
/// error).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed<const D: usize>(pub f64);

impl<const D: usize> fmt::Display for Fixed<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(24);
        write_decimals(&mut text, self.0, D)?;
        match text.strip_prefix('-') {
            Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => f.write_str(rest),
            _ => f.write_str(&text),
        }
    }
}

/// Writes `x` with `decimals` decimals: the same text as `format!("{:.*}", decimals, x)`, the
/// exact value rounded half to even, but without the standard library's big-number fallback
/// (Dragon4), which the four decimals of a TF-IDF score took more often than not: it was 1% of
/// a run, and the slowest report's. Whatever the fast path does not cover (huge values,
/// more than 9 decimals, infinities and NaN) goes to the standard library.
pub fn write_decimals(out: &mut impl fmt::Write, x: f64, decimals: usize) -> fmt::Result {
    match scaled_and_rounded(x, decimals) {
        Some(scaled) => {
            if x.is_sign_negative() {
                out.write_char('-')?;
            }
            let unit = 10u128.pow(decimals as u32);
            let mut digits = itoa::Buffer::new();
            out.write_str(digits.format(scaled / unit))?;
            if decimals > 0 {
                out.write_char('.')?;
                let fraction = digits.format(scaled % unit);
                for _ in fraction.len()..decimals {
                    out.write_char('0')?;
                }
                out.write_str(fraction)?;
            }
            Ok(())
        }
        None => write!(out, "{x:.decimals$}"),
    }
}

/// `|x| × 10^decimals` rounded half to even, computed exactly: `|x|` is `m × 2^e` with `m`
/// below 2^53, so `m × 10^decimals` fits 128 bits for up to 9 decimals, and the shift by `e`
/// either stays within them or is a division whose remainder says how to round.
fn scaled_and_rounded(x: f64, decimals: usize) -> Option<u128> {
    if !x.is_finite() || decimals > 9 {
        return None;
    }
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    let (mantissa, exponent) = match biased {
        0 => (fraction, -1074),
        _ => (fraction | (1 << 52), biased - 1075),
    };
    let product = mantissa * 10u128.pow(decimals as u32);
    if exponent >= 0 {
        // Exact; kept well inside 128 bits, and inside what itoa prints.
        return (product.leading_zeros() as i32 > exponent + 1).then(|| product << exponent);
    }
    let shift = exponent.unsigned_abs();
    if shift >= 127 {
        // Below 2^83 / 2^127: under a half, rounds to zero.
        return Some(0);
    }
    let quotient = product >> shift;
    let remainder = product & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    let up = remainder > half || (remainder == half && quotient % 2 == 1);
    Some(quotient + u128::from(up))
}

impl<const D: usize> Serialize for Fixed<D> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fast(x: f64, decimals: usize) -> String {
        let mut out = String::new();
        write_decimals(&mut out, x, decimals).unwrap();
        out
    }

    #[test]
    fn ties_round_half_to_even_like_the_standard_library() {
        for (x, decimals, expected) in [
            (0.5, 0, "0"),
            (1.5, 0, "2"),
            (2.5, 0, "2"),
            (0.125, 2, "0.12"),
            (0.375, 2, "0.38"),
            (-0.125, 2, "-0.12"),
            (-0.0, 4, "-0.0000"),
            (0.0, 4, "0.0000"),
            (53706.67761, 4, "53706.6776"),
            (1e-300, 4, "0.0000"),
            (5e-324, 9, "0.000000000"),
            (123456789012345680000.0, 4, "123456789012345683968.0000"),
        ] {
            assert_eq!(fast(x, decimals), expected, "{x} with {decimals}");
            assert_eq!(format!("{x:.decimals$}"), expected, "{x} with {decimals}");
        }
    }

    #[test]
    fn beyond_the_fast_path_the_standard_library_answers() {
        for x in [f64::MAX, f64::MIN, f64::INFINITY, f64::NAN, 1e300] {
            assert_eq!(fast(x, 4), format!("{x:.4}"));
        }
        assert_eq!(fast(0.1, 12), format!("{:.12}", 0.1));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn same_text_as_the_standard_library(bits in any::<u64>(), decimals in 0usize..=10) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(fast(x, decimals), format!("{x:.decimals$}"));
        }

        #[test]
        fn same_text_for_report_sized_values(
            whole in 0u64..10_000_000,
            thousandths in 0u64..100_000,
            decimals in 0usize..=9,
            negative: bool,
        ) {
            let x = whole as f64 + thousandths as f64 / 100_000.0;
            let x = if negative { -x } else { x };
            prop_assert_eq!(fast(x, decimals), format!("{x:.decimals$}"));
        }
    }
}
