//! `repr()` and `str()` of NumPy scalars (`scalartypes.c.src`, `legacy=False`).
//!
//! Floats use the shortest round-trip digits, positional for `1e-4 <= |x| < 1e16` (float32:
//! `< 1e6`, float16: `< 1e3`) and zero / NaN, scientific otherwise; positional keeps one zero after the point
//! (`1.0`), scientific drops the point (`1e+16`). Complex numbers print both parts with the
//! point dropped (`(1+2j)`, `2j` when the real part is +0). Print options do not apply.

use super::dragon4::{
    format_positional, format_scientific, CutoffMode, DigitMode, Dragon4Float, Dragon4Options,
    TrimMode,
};
use super::elements::{py_str_repr, strip_nuls};
use super::Elems;

/// A float type with a scalar repr (`f32` or `f64`).
pub trait ScalarFloat: Dragon4Float {
    /// Largest magnitude (exclusive) printed positionally by the scalar repr.
    const MAX_POSITIONAL: f64;
    /// The value as `f64` (exact).
    fn widen(self) -> f64;
}

impl ScalarFloat for f64 {
    const MAX_POSITIONAL: f64 = 1e16;
    fn widen(self) -> f64 {
        self
    }
}

impl ScalarFloat for half::f16 {
    const MAX_POSITIONAL: f64 = 1e3;
    fn widen(self) -> f64 {
        self.to_f64()
    }
}

impl ScalarFloat for f32 {
    const MAX_POSITIONAL: f64 = 1e6;
    fn widen(self) -> f64 {
        f64::from(self)
    }
}

/// NumPy's `@name@type_@kind@_either`: shortest digits, positional or scientific by magnitude.
pub fn float_either<F: ScalarFloat>(
    val: F,
    trim_pos: TrimMode,
    trim_sci: TrimMode,
    sign: bool,
) -> String {
    let v = val.widen();
    let positional = if v.is_nan() || v == 0.0 {
        true
    } else {
        let a = v.abs();
        a < F::MAX_POSITIONAL && a >= 1e-4
    };
    let o = Dragon4Options {
        digit_mode: DigitMode::Unique,
        cutoff_mode: CutoffMode::TotalLength,
        sign,
        trim: if positional { trim_pos } else { trim_sci },
        ..Dragon4Options::default()
    };
    if positional {
        format_positional(val, &o)
    } else {
        format_scientific(val, &o)
    }
}

/// `str()` of a real float scalar, e.g. `2.5`, `1.0`, `1e+16`, `nan`, `-inf`.
pub fn float_str<F: ScalarFloat>(val: F) -> String {
    float_either(val, TrimMode::LeaveOneZero, TrimMode::DptZeros, false)
}

/// `str()` of a complex scalar without the parentheses decision: returns `(body, paren)`
/// where `paren` tells whether `str()` wraps it in parentheses.
fn complex_body<F: ScalarFloat>(re: F, im: F) -> (String, bool) {
    let t = TrimMode::DptZeros;
    let r = re.widen();
    if r == 0.0 && !r.is_sign_negative() {
        return (format!("{}j", float_either(im, t, t, false)), false);
    }
    let rstr = if r.is_finite() {
        float_either(re, t, t, false)
    } else if r.is_nan() {
        "nan".to_string()
    } else if r > 0.0 {
        "inf".to_string()
    } else {
        "-inf".to_string()
    };
    let i = im.widen();
    let istr = if i.is_finite() {
        float_either(im, t, t, true)
    } else if i.is_nan() {
        "+nan".to_string()
    } else if i > 0.0 {
        "+inf".to_string()
    } else {
        "-inf".to_string()
    };
    (format!("{}{}j", rstr, istr), true)
}

/// `str()` of a complex scalar, e.g. `(1+2j)`, `2j`, `(nan+infj)`.
pub fn complex_str<F: ScalarFloat>(re: F, im: F) -> String {
    match complex_body(re, im) {
        (b, true) => format!("({})", b),
        (b, false) => b,
    }
}

fn int_name(dtype: &str, unsigned: bool) -> &str {
    let ok = if unsigned {
        matches!(dtype, "uint8" | "uint16" | "uint32" | "uint64")
    } else {
        matches!(dtype, "int8" | "int16" | "int32" | "int64")
    };
    if ok {
        dtype
    } else if unsigned {
        "uint64"
    } else {
        "int64"
    }
}

/// `repr()` of the single element of `e` as a NumPy scalar of type `dtype`.
pub fn repr(e: &Elems, dtype: &str) -> String {
    match e {
        Elems::Bool(v) => match v.first() {
            Some(true) => "np.True_".to_string(),
            _ => "np.False_".to_string(),
        },
        Elems::Int(v) => format!(
            "np.{}({})",
            int_name(dtype, false),
            v.first().copied().unwrap_or(0)
        ),
        Elems::UInt(v) => format!(
            "np.{}({})",
            int_name(dtype, true),
            v.first().copied().unwrap_or(0)
        ),
        Elems::F16(v) => format!(
            "np.float16({})",
            float_str(v.first().copied().unwrap_or(half::f16::ZERO))
        ),
        Elems::F32(v) => format!(
            "np.float32({})",
            float_str(v.first().copied().unwrap_or(0.0))
        ),
        Elems::F64(v) => format!(
            "np.float64({})",
            float_str(v.first().copied().unwrap_or(0.0))
        ),
        Elems::C64(v) => {
            let (re, im) = v.first().copied().unwrap_or((0.0, 0.0));
            format!("np.complex64({})", complex_body(re, im).0)
        }
        Elems::C128(v) => {
            let (re, im) = v.first().copied().unwrap_or((0.0, 0.0));
            format!("np.complex128({})", complex_body(re, im).0)
        }
        Elems::Str(v) => {
            format!(
                "np.str_({})",
                py_str_repr(v.first().map(String::as_str).unwrap_or(""))
            )
        }
    }
}

/// `str()` of the single element of `e`.
pub fn str(e: &Elems) -> String {
    match e {
        Elems::Bool(v) => if v.first().copied().unwrap_or(false) {
            "True"
        } else {
            "False"
        }
        .to_string(),
        Elems::Int(v) => v.first().copied().unwrap_or(0).to_string(),
        Elems::UInt(v) => v.first().copied().unwrap_or(0).to_string(),
        Elems::F16(v) => float_str(v.first().copied().unwrap_or(half::f16::ZERO)),
        Elems::F32(v) => float_str(v.first().copied().unwrap_or(0.0)),
        Elems::F64(v) => float_str(v.first().copied().unwrap_or(0.0)),
        Elems::C64(v) => {
            let (re, im) = v.first().copied().unwrap_or((0.0, 0.0));
            complex_str(re, im)
        }
        Elems::C128(v) => {
            let (re, im) = v.first().copied().unwrap_or((0.0, 0.0));
            complex_str(re, im)
        }
        Elems::Str(v) => strip_nuls(v.first().map(String::as_str).unwrap_or("")).to_string(),
    }
}
