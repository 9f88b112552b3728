//! `format(int, spec)`: `int.__format__` (CPython's `format_long_internal`), and the exact
//! int → float conversion that the float presentation types use.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use super::format_float::format_float_typed;
use super::number::{check_grouping, layout_number, unknown_code, Grouping, Layout, NumberParts};
use super::spec::{parse_format_spec_for, FormatSpec};
use super::FormatError;

/// `format(v, spec)` for a Python int, with the spec already parsed.
///
/// Types `b c d o x X n` and none format the integer; `e E f F g G %` convert it to float
/// first (`OverflowError: int too large to convert to float` when it does not fit).
pub fn format_int(v: &BigInt, spec: &FormatSpec) -> Result<String, FormatError> {
    let ty = spec.ty.unwrap_or('d');
    let grouping = check_grouping(spec, ty)?;
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long(v, spec, ty, grouping),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = int_to_f64(v)?;
            format_float_typed(f, spec, ty, grouping)
        }
        _ => Err(unknown_code(ty, "int")),
    }
}

/// The `format(v, spec)` builtin for an int: the empty spec is `str(v)`, otherwise the spec
/// is parsed (errors name the type `int`) and applied.
pub fn pyformat_int(v: &BigInt, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(v.to_string());
    }
    format_int(v, &parse_format_spec_for(spec, "int")?)
}

fn format_long(
    v: &BigInt,
    spec: &FormatSpec,
    ty: char,
    grouping: Grouping,
) -> Result<String, FormatError> {
    if spec.precision.is_some() {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    // In the C locale 'n' is 'd' without grouping (and ',' with 'n' was refused earlier).
    let grouping = if ty == 'n' { Grouping::None } else { grouping };
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(FormatError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(FormatError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let ch = int_to_char(v)?;
        let layout = Layout::from_spec(spec, '>', grouping)?;
        let text = ch.to_string();
        // The character is laid out as a "remainder": it is copied, never grouped.
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: &text,
            upper: false,
        };
        return Ok(layout_number(&parts, &layout));
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let layout = Layout::from_spec(spec, '>', grouping)?;
    let digits = v.magnitude().to_str_radix(radix);
    let parts = NumberParts {
        negative: v.sign() == Sign::Minus,
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
        upper: ty == 'X',
    };
    Ok(layout_number(&parts, &layout))
}

/// The character for the `c` type (and `%c`): `PyLong_AsLong` then the code point range
/// check, with CPython's `OverflowError` messages.
pub(crate) fn int_to_char(v: &BigInt) -> Result<char, FormatError> {
    let x = v
        .to_i64()
        .ok_or_else(|| FormatError::overflow("Python int too large to convert to C long"))?;
    code_point_char(x)
}

/// A code point as a Rust `char`: `OverflowError` outside `range(0x110000)`. Lone surrogates
/// (U+D800..U+DFFF) are valid in Python strings but not in Rust ones; they are refused.
pub(crate) fn code_point_char(x: i64) -> Result<char, FormatError> {
    if !(0..=0x10ffff).contains(&x) {
        return Err(FormatError::overflow("%c arg not in range(0x110000)"));
    }
    let cp = x as u32;
    char::from_u32(cp).ok_or_else(|| {
        FormatError::value(format!("lone surrogate U+{cp:04X} cannot be represented"))
    })
}

/// `float(v)` for a Python int: correctly rounded (ties to even), or
/// `OverflowError: int too large to convert to float`.
pub fn int_to_f64(v: &BigInt) -> Result<f64, FormatError> {
    let overflow = || FormatError::overflow("int too large to convert to float");
    let mag = v.magnitude();
    let bits = mag.bits();
    let f = if bits <= 64 {
        // u64 -> f64 is correctly rounded already.
        mag.to_u64().map(|u| u as f64).unwrap_or(f64::INFINITY)
    } else {
        // Keep the top 64 bits and fold every lower bit into a sticky bit, so that the single
        // rounding of u64 -> f64 (64 > 53 + 2 bits) is the correct rounding of the whole value.
        let shift = bits - 64;
        let top: num_bigint::BigUint = mag >> shift;
        let sticky = mag.trailing_zeros().is_some_and(|tz| tz < shift);
        let top = top.to_u64().unwrap_or(u64::MAX) | u64::from(sticky);
        // 2^shift built from its bit pattern (exact); past 2^1023 the value overflows anyway.
        let scale = if shift <= 1023 {
            f64::from_bits((1023 + shift) << 52)
        } else {
            f64::INFINITY
        };
        (top as f64) * scale
    };
    if f.is_infinite() {
        return Err(overflow());
    }
    Ok(if v.is_negative() && !v.is_zero() {
        -f
    } else {
        f
    })
}
