//! `PyOS_double_to_string`: turning a double into text for a format code, plus the users of
//! its repr mode ([`float_repr`]) and of dtoa mode 3 ([`round_float`]).
//!
//! [`double_to_string`] is a line-by-line port of CPython's `format_float_short`
//! (`Python/pystrtod.c`), which decides between positional and exponent layout, pads the
//! digit string with zeros on either side and places the decimal point.

use super::digits::{dtoa, Mode};
use super::FormatError;

/// Flags of `PyOS_double_to_string` (`Py_DTSF_*`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always emit a sign (`+` for non-negative values).
    pub always_sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: integral values in positional form get a trailing `.0`.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: the `#` alternate form (keep trailing zeros / decimal point).
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: the `z` option, a result that rounded to zero loses its `-`.
    pub no_neg_zero: bool,
}

/// Formats `x` like `PyOS_double_to_string(x, code, precision, flags)`.
///
/// `code` is one of `e E f F g G r`; upper-case codes give `E`, `INF` and `NAN`. Any other
/// code is treated as `r` (callers only pass valid codes).
pub(crate) fn double_to_string(x: f64, code: char, precision: i64, flags: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = String::new();
    if !x.is_finite() {
        // The sign of a nan is ignored; inf keeps its sign.
        if x.is_sign_negative() && x.is_infinite() {
            out.push('-');
        } else if flags.always_sign {
            out.push('+');
        }
        let word = match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        };
        out.push_str(word);
        return out;
    }

    let (mode, precision) = match code {
        'e' => (Mode::Significant(precision + 1), precision + 1),
        'f' => (Mode::Fixed(precision), precision),
        // Precision 0 makes no sense for 'g'; CPython reads it as 1.
        'g' => (Mode::Significant(precision.max(1)), precision.max(1)),
        _ => (Mode::Shortest, 0),
    };
    let dec = dtoa(x, mode);
    let digits = dec.digits.as_str();
    let mut decpt = dec.decpt;
    let mut negative = dec.negative;
    if flags.no_neg_zero && negative && (digits.is_empty() || digits == "0") {
        negative = false;
    }

    // The output is a slice vdigits[vdigits_start..vdigits_end] of the digit string padded
    // with zeros on both sides, with the decimal point at `decpt`.
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            // repr switches to exponent form at 1e16 (and below 1e-4).
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }

    if negative {
        out.push('-');
    } else if flags.always_sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        let (head, tail) = digits.split_at(decpt as usize);
        out.push_str(head);
        out.push('.');
        out.push_str(tail);
    } else {
        out.push_str(digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        // C's "%+.02d": always signed, at least two digits.
        out.push_str(&format!("{exp:+03}"));
    }
    out
}

/// `repr(x)` (and `str(x)`) for a Python float: shortest round-trip digits, exponent form
/// when the decimal exponent is below -4 or at least 16, `.0` on integral values.
///
/// ```text
/// 1e16 -> "1e+16"   1e-5 -> "1e-05"   0.0001 -> "0.0001"   -0.0 -> "-0.0"   nan -> "nan"
/// ```
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        DtoaFlags {
            add_dot_0: true,
            ..DtoaFlags::default()
        },
    )
}

/// `round(x, ndigits)` for a Python float: the double nearest to `x` rounded to `ndigits`
/// decimal places (negative `ndigits` rounds to tens, hundreds, ...), using the exact value of
/// `x` and ties-to-even, as CPython's `double_round` does (`round(2.675, 2) == 2.67`).
///
/// inf and nan come back unchanged. The one-argument `round(x)` (returning an int) is the
/// caller's. Fails with `OverflowError: rounded value too large to represent` when rounding
/// up leaves the double range, e.g. `round(1.7976931348623157e308, -308)`.
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, FormatError> {
    // Beyond these bounds the answer is x itself / a signed zero (floatobject.c's
    // NDIGITS_MAX and NDIGITS_MIN).
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let dec = dtoa(x, Mode::Fixed(ndigits));
    // Rebuild "<sign>0<digits>e<exp>" and read it back, exactly like CPython.
    let exp = dec.decpt - dec.digits.len() as i64;
    let text = format!(
        "{}0{}e{}",
        if dec.negative { "-" } else { "" },
        dec.digits,
        exp
    );
    let rounded: f64 = text.parse().unwrap_or(f64::NAN);
    if rounded.is_infinite() {
        return Err(FormatError::overflow(
            "rounded value too large to represent",
        ));
    }
    Ok(rounded)
}
