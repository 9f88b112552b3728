//! Decimal digit generation for `f64`: the three `_Py_dg_dtoa` modes that CPython uses.
//!
//! * mode 0 ([`Mode::Shortest`]): the shortest digit string that reads back to the same
//!   double (Rust's `{:e}` formatting already produces exactly these digits);
//! * mode 2 ([`Mode::Significant`]): `n` significant digits, correctly rounded;
//! * mode 3 ([`Mode::Fixed`]): digits up to `n` places after the decimal point (`n` may be
//!   negative, as `round(x, -2)` needs), correctly rounded.
//!
//! Rounding works on the *exact* decimal expansion of the double (computed with big
//! integers), with ties going to the even digit, which is what Gay's `dtoa` does.
//! Like `dtoa`, results carry no trailing zeros; the caller pads.

use num_bigint::BigUint;
use num_traits::pow;

/// Which `dtoa` mode to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Shortest round-trip digits (dtoa mode 0).
    Shortest,
    /// At most this many significant digits (dtoa mode 2); must be at least 1.
    Significant(i64),
    /// Digits through this many places after the point (dtoa mode 3).
    Fixed(i64),
}

/// The result of a conversion: `value = 0.DIGITS × 10^decpt`, i.e. the decimal point sits
/// `decpt` places after the start of `digits`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// True when the sign bit of the double is set (also for `-0.0`).
    pub negative: bool,
    /// ASCII digits without trailing zeros; `"0"` for zero; empty when mode 3 rounded a
    /// non-zero value down to zero.
    pub digits: String,
    /// Position of the decimal point relative to the start of `digits`.
    pub decpt: i64,
}

/// Converts a finite double to decimal digits in the given mode.
///
/// Non-finite input is the caller's business (CPython handles inf/nan before the digits are
/// looked at); for it this returns the digits `"0"`, which is harmless.
pub(crate) fn dtoa(x: f64, mode: Mode) -> Decimal {
    let negative = x.is_sign_negative();
    if x == 0.0 || !x.is_finite() {
        // dtoa returns "0" with the point after it for zero, whatever the mode.
        return Decimal {
            negative,
            digits: "0".to_string(),
            decpt: 1,
        };
    }
    let a = x.abs();
    let (digits, decpt) = match mode {
        Mode::Shortest => shortest(a),
        Mode::Significant(n) => {
            let (d, p) = exact(a);
            round_at(&d, p, n.max(1))
        }
        Mode::Fixed(n) => {
            let (d, p) = exact(a);
            let (rd, rp) = round_at(&d, p, p.saturating_add(n));
            if rd.is_empty() {
                // dtoa's "no digits" result puts the point where the last kept place would be.
                (rd, n.saturating_neg())
            } else {
                (rd, rp)
            }
        }
    };
    Decimal {
        negative,
        digits,
        decpt,
    }
}

/// Shortest round-trip digits of a positive finite double.
fn shortest(a: f64) -> (String, i64) {
    // `{:e}` prints the shortest digits that round-trip (closest to the exact value when there
    // are several), the same choice as dtoa mode 0, e.g. "1.2345e-7".
    let s = format!("{a:e}");
    let (mant, exp) = s.split_once('e').unwrap_or((s.as_str(), "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (digits, exp + 1)
}

/// The exact decimal expansion of a positive finite double, without trailing zeros.
fn exact(a: f64) -> (String, i64) {
    let bits = a.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut exp2) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    if mant == 0 {
        return ("0".to_string(), 1);
    }
    // Dropping factors of two keeps the big numbers as small as possible.
    let tz = mant.trailing_zeros();
    mant >>= tz;
    exp2 += i64::from(tz);
    let (mut digits, decpt) = if exp2 >= 0 {
        let n = BigUint::from(mant) << (exp2 as usize);
        let s = n.to_string();
        let len = s.len() as i64;
        (s, len)
    } else {
        // mant / 2^k == mant * 5^k / 10^k
        let k = (-exp2) as usize;
        let n = BigUint::from(mant) * pow(BigUint::from(5u32), k);
        let s = n.to_string();
        let len = s.len() as i64;
        (s, len - k as i64)
    };
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (digits, decpt)
}

/// Rounds the digit string `d` (value `0.d × 10^decpt`, no trailing zeros) to its first `keep`
/// digits, half to even. Returns the new digits (trailing zeros stripped, possibly empty when
/// everything rounded away) and decimal-point position.
fn round_at(d: &str, decpt: i64, keep: i64) -> (String, i64) {
    let bytes = d.as_bytes();
    let len = bytes.len() as i64;
    if keep >= len {
        return (d.to_string(), decpt);
    }
    if keep < 0 {
        // Less than half a unit in the last kept place: rounds to zero.
        return (String::new(), decpt);
    }
    let k = keep as usize;
    let first_dropped = bytes.get(k).copied().unwrap_or(b'0');
    // Because `d` has no trailing zeros, any digit after the first dropped one is non-zero.
    let more = bytes.len() > k + 1;
    let prev_odd = k > 0 && bytes.get(k - 1).is_some_and(|b| (b - b'0') % 2 == 1);
    let round_up = first_dropped > b'5' || (first_dropped == b'5' && (more || prev_odd));
    let mut kept: Vec<u8> = bytes.get(..k).unwrap_or(&[]).to_vec();
    let mut decpt = decpt;
    if round_up {
        // Propagate the carry; if every kept digit was 9 (or none was kept) we get "1" one
        // place further left.
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.clear();
                kept.push(b'1');
                decpt += 1;
                break;
            }
            i -= 1;
            if let Some(b) = kept.get_mut(i) {
                if *b == b'9' {
                    *b = b'0';
                } else {
                    *b += 1;
                    break;
                }
            }
        }
    }
    while kept.last() == Some(&b'0') {
        kept.pop();
    }
    (String::from_utf8(kept).unwrap_or_default(), decpt)
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn exact_expansions() {
        assert_eq!(exact(0.5), ("5".to_string(), 0));
        assert_eq!(
            exact(2.675),
            (
                "267499999999999982236431605997495353221893310546875".to_string(),
                1
            )
        );
        assert_eq!(exact(1e22), ("1".to_string(), 23));
    }

    #[test]
    fn rounding_ties_to_even() {
        assert_eq!(dtoa(0.125, Mode::Fixed(2)).digits, "12");
        assert_eq!(dtoa(0.375, Mode::Fixed(2)).digits, "38");
        assert_eq!(dtoa(0.5, Mode::Fixed(0)).digits, "");
        assert_eq!(
            dtoa(9.5, Mode::Fixed(0)),
            Decimal {
                negative: false,
                digits: "1".into(),
                decpt: 2
            }
        );
        assert_eq!(dtoa(2.675, Mode::Fixed(2)).digits, "267");
    }
}
