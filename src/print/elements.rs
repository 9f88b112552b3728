//! Per-element formatting of an array's values (NumPy's `_get_format_function`).
//!
//! One formatter is built from all the elements that will be shown (for a summarized array,
//! only the kept corners, exactly as NumPy builds it from `_leading_trailing`), then applied to
//! each element: `BoolFormat`, `IntegerFormat`, `FloatingFormat`, `ComplexFloatingFormat` and
//! `repr` for strings.

use super::float_format::{ArrayFloat, ComplexFloatingFormat, FloatingFormat};
use super::options::{PrintOptions, Sign};
use super::Elems;

/// Number of elements held by `e`.
pub fn elems_len(e: &Elems) -> usize {
    match e {
        Elems::Bool(v) => v.len(),
        Elems::Int(v) => v.len(),
        Elems::UInt(v) => v.len(),
        Elems::F16(v) => v.len(),
        Elems::F32(v) => v.len(),
        Elems::F64(v) => v.len(),
        Elems::C64(v) => v.len(),
        Elems::C128(v) => v.len(),
        Elems::Str(v) => v.len(),
    }
}

/// Formats every element of `e` the way they appear inside an array's repr / str.
///
/// `zero_d` selects the 0-d rendering of booleans (`True` instead of ` True`).
pub fn format_elements(e: &Elems, zero_d: bool, opts: &PrintOptions) -> Vec<String> {
    match e {
        Elems::Bool(v) => {
            let t = if zero_d { "True" } else { " True" };
            v.iter()
                .map(|&b| if b { t } else { "False" }.to_string())
                .collect()
        }
        Elems::Int(v) => format_ints(
            &v.iter().map(|&x| i128::from(x)).collect::<Vec<_>>(),
            opts.sign,
        ),
        Elems::UInt(v) => format_ints(
            &v.iter().map(|&x| i128::from(x)).collect::<Vec<_>>(),
            opts.sign,
        ),
        Elems::F16(v) => format_floats(v, opts),
        Elems::F32(v) => format_floats(v, opts),
        Elems::F64(v) => format_floats(v, opts),
        Elems::C64(v) => format_complex(v, opts),
        Elems::C128(v) => format_complex(v, opts),
        Elems::Str(v) => v.iter().map(|s| py_str_repr(s)).collect(),
    }
}

fn format_floats<F: ArrayFloat>(v: &[F], opts: &PrintOptions) -> Vec<String> {
    let f = FloatingFormat::new(v, opts, opts.sign);
    v.iter().map(|&x| f.format(x)).collect()
}

fn format_complex<F: ArrayFloat>(v: &[(F, F)], opts: &PrintOptions) -> Vec<String> {
    let f = ComplexFloatingFormat::new(v, opts);
    v.iter().map(|&x| f.format(x)).collect()
}

/// NumPy's `IntegerFormat`: right-aligned to the width of the widest of max / min, with the
/// Python format-spec sign (`'-'`, `'+'` or `' '`; `' '` degrades to `'-'` when any value is
/// negative).
fn format_ints(v: &[i128], sign: Sign) -> Vec<String> {
    let (Some(&max), Some(&min)) = (v.iter().max(), v.iter().min()) else {
        return Vec::new();
    };
    let sign = if sign == Sign::Space && min < 0 {
        Sign::Minus
    } else {
        sign
    };
    let mut max_len = max.to_string().len();
    if max >= 0 && sign != Sign::Minus {
        max_len += 1;
    }
    let width = max_len.max(min.to_string().len());
    v.iter()
        .map(|&x| {
            let body = match sign {
                Sign::Minus => x.to_string(),
                Sign::Plus if x >= 0 => format!("+{}", x),
                Sign::Space if x >= 0 => format!(" {}", x),
                _ => x.to_string(),
            };
            format!("{:>width$}", body, width = width)
        })
        .collect()
}

/// Strips trailing NUL code points as NumPy's `str_` scalars do.
pub fn strip_nuls(s: &str) -> &str {
    s.trim_end_matches('\0')
}

/// Whether Python's `str.isprintable()` holds for a non-ASCII character (an approximation:
/// control, format, separator, private-use and noncharacter code points are not printable).
fn non_ascii_printable(c: char) -> bool {
    let u = c as u32;
    !matches!(u,
        0x80..=0xA0
        | 0xAD
        | 0x600..=0x605
        | 0x61C
        | 0x6DD
        | 0x70F
        | 0x1680
        | 0x180E
        | 0x2000..=0x200F
        | 0x2028..=0x202F
        | 0x205F..=0x2064
        | 0x2066..=0x206F
        | 0x3000
        | 0xD800..=0xF8FF
        | 0xFDD0..=0xFDEF
        | 0xFEFF
        | 0xFFF0..=0xFFFB
        | 0xFFFE..=0xFFFF
        | 0x110BD
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF
        | 0xF0000..=0x10FFFF)
        && (u & 0xFFFE) != 0xFFFE
}

/// Python's `repr()` of a `str` (after stripping trailing NULs): single quotes unless the
/// text contains `'` but no `"`, with backslash escapes for non-printable characters.
pub fn py_str_repr(s: &str) -> String {
    let s = strip_nuls(s);
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (c as u32) < 0x7f => out.push(c),
            c if non_ascii_printable(c) => out.push(c),
            c => {
                let u = c as u32;
                if u <= 0xff {
                    out.push_str(&format!("\\x{:02x}", u));
                } else if u <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", u));
                } else {
                    out.push_str(&format!("\\U{:08x}", u));
                }
            }
        }
    }
    out.push(quote);
    out
}
