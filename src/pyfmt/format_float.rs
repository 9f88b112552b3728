//! `format(float, spec)` and `format(complex, spec)`, plus `repr(complex)`.
//!
//! Ports `format_float_internal` and `format_complex_internal` from CPython's
//! `Python/formatter_unicode.c`, and `complex_repr` from `Objects/complexobject.c`.

use super::float_repr::{double_to_string, float_repr, DtoaFlags};
use super::number::{
    calc_padding, check_grouping, checked_width, layout_number, push_fill, split_number,
    unknown_code, Grouping, Layout, NumberParts,
};
use super::spec::{parse_format_spec_for, FormatSpec};
use super::{FormatError, MAX_OUTPUT_CHARS};

/// `format(v, spec)` for a Python float, with the spec already parsed.
///
/// Types `e E f F g G n %` and none. With no type and no precision the result is `repr(v)`;
/// with a precision but no type it is like `g` but keeps at least one digit after the point
/// (`format(1.0, '.3') == '1.0'`). Rounding is on the exact binary value, ties to even.
pub fn format_float(v: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    let ty = spec.ty.unwrap_or('\0');
    let grouping = check_grouping(spec, ty)?;
    match ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => {
            format_float_typed(v, spec, ty, grouping)
        }
        _ => Err(unknown_code(ty, "float")),
    }
}

/// The `format(v, spec)` builtin for a float: the empty spec is `str(v)` (== `repr(v)`).
pub fn pyformat_float(v: f64, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(float_repr(v));
    }
    format_float(v, &parse_format_spec_for(spec, "float")?)
}

/// Precision in effect, refusing what CPython refuses (`precision too big` past `INT_MAX`)
/// and what could not be allocated.
fn checked_precision(spec: &FormatSpec) -> Result<Option<i64>, FormatError> {
    match spec.precision {
        None => Ok(None),
        Some(p) if p > i32::MAX as usize => Err(FormatError::value("precision too big")),
        Some(p) if p > MAX_OUTPUT_CHARS => Err(FormatError::memory()),
        Some(p) => Ok(Some(p as i64)),
    }
}

/// Maps a presentation type to the `double_to_string` code, precision and flags, the way
/// both float and complex formatting do. `add_dot_0` asks for `Py_DTSF_ADD_DOT_0` with the
/// omitted type (floats want it, complex numbers do not).
fn dtoa_params(
    spec: &FormatSpec,
    ty: char,
    precision: Option<i64>,
    add_dot_0: bool,
) -> (char, i64, DtoaFlags) {
    let mut flags = DtoaFlags {
        alt: spec.alternate,
        no_neg_zero: spec.no_neg_zero,
        ..DtoaFlags::default()
    };
    let mut code = ty;
    let mut default_precision = 6;
    if code == '\0' {
        flags.add_dot_0 = add_dot_0;
        code = 'r';
        default_precision = 0;
    }
    if code == 'n' {
        code = 'g';
    }
    if code == '%' {
        code = 'f';
    }
    let precision = match precision {
        None => default_precision,
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
    };
    (code, precision, flags)
}

/// `format_float_internal`: formats `v` for the (already validated) type `ty`, which may be
/// `'\0'` for "no type". Shared with `format(int, 'f')` and friends.
pub(crate) fn format_float_typed(
    v: f64,
    spec: &FormatSpec,
    ty: char,
    grouping: Grouping,
) -> Result<String, FormatError> {
    let precision = checked_precision(spec)?;
    let (code, precision, flags) = dtoa_params(spec, ty, precision, true);
    let value = if ty == '%' { v * 100.0 } else { v };
    let mut text = double_to_string(value, code, precision, flags);
    if ty == '%' {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (digits, has_decimal, remainder) = split_number(body);
    // 'n' uses the current (C) locale: no grouping.
    let grouping = if ty == 'n' { Grouping::None } else { grouping };
    let layout = Layout::from_spec(spec, '>', grouping)?;
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        remainder,
        upper: false,
    };
    Ok(layout_number(&parts, &layout))
}

/// `format(complex(re, im), spec)`, with the spec already parsed.
///
/// Types `e E f F g G n` and none; with no type, a zero (+0.0) real part is left out and
/// otherwise the result is parenthesized, like `str()`. Zero padding and `=` are refused.
pub fn format_complex(re: f64, im: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    let ty = spec.ty.unwrap_or('\0');
    let grouping = check_grouping(spec, ty)?;
    if !matches!(ty, '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') {
        return Err(unknown_code(ty, "complex"));
    }
    let precision = checked_precision(spec)?;
    let fill = spec.effective_fill();
    let align = spec.effective_align('>');
    if fill == '0' {
        return Err(FormatError::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if align == '=' {
        return Err(FormatError::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let (code, precision, flags) = dtoa_params(spec, ty, precision, false);
    let (skip_re, add_parens) = if ty == '\0' {
        let positive_zero = re == 0.0 && re.is_sign_positive();
        (positive_zero, !positive_zero)
    } else {
        (false, false)
    };
    let grouping = if ty == 'n' { Grouping::None } else { grouping };
    // Each part is laid out without padding; the padding goes around the whole.
    let mut part_layout = Layout {
        fill: ' ',
        align: '<',
        sign: spec.sign,
        width: -1,
        grouping,
    };
    let re_text = double_to_string(re, code, precision, flags);
    let im_text = double_to_string(im, code, precision, flags);
    let re_str = if skip_re {
        String::new()
    } else {
        layout_float_text(&re_text, &part_layout)
    };
    if !skip_re {
        // The imaginary part always shows its sign when a real part precedes it.
        part_layout.sign = Some('+');
    }
    let im_str = layout_float_text(&im_text, &part_layout);

    let mut body = String::new();
    if add_parens {
        body.push('(');
    }
    body.push_str(&re_str);
    body.push_str(&im_str);
    body.push('j');
    if add_parens {
        body.push(')');
    }
    let width = checked_width(spec.width)?;
    let (lpad, rpad) = calc_padding(body.chars().count() as i64, width, align);
    let mut out = String::new();
    push_fill(&mut out, fill, lpad);
    out.push_str(&body);
    push_fill(&mut out, fill, rpad);
    Ok(out)
}

/// The `format(v, spec)` builtin for a complex: the empty spec is `str(v)` (== `repr(v)`).
pub fn pyformat_complex(re: f64, im: f64, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(complex_repr(re, im));
    }
    format_complex(re, im, &parse_format_spec_for(spec, "complex")?)
}

/// Lays out one part of a complex number (sign handling and grouping, no padding).
fn layout_float_text(text: &str, layout: &Layout) -> String {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (digits, has_decimal, remainder) = split_number(body);
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        remainder,
        upper: false,
    };
    layout_number(&parts, layout)
}

/// `repr(complex(re, im))` (== `str`): `2j` when the real part is +0.0, otherwise
/// `(1+2j)`, `(-0-1j)`, `(nan+infj)`; parts use repr digits without a `.0`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let plain = DtoaFlags::default();
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", double_to_string(im, 'r', 0, plain));
    }
    let re_text = double_to_string(re, 'r', 0, plain);
    let im_text = double_to_string(
        im,
        'r',
        0,
        DtoaFlags {
            always_sign: true,
            ..plain
        },
    );
    format!("({re_text}{im_text}j)")
}
