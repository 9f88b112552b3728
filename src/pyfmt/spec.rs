//! The format-spec mini-language: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
//!
//! A port of `parse_internal_render_format_spec` (`Python/formatter_unicode.c`). The parse is
//! type-agnostic: what CPython decides from the object's type at parse time (the default
//! alignment that `0` turns into `=`, the default type that the `,`/`_` check looks at) is
//! kept undecided here and resolved by the per-type formatters, which gives the same results.

use super::FormatError;

/// A parsed format spec. Fields hold what the spec *says*; defaults depend on the type
/// being formatted and are applied by the `format_*` functions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatSpec {
    /// Fill character given before an explicit alignment (`*<10` has `Some('*')`).
    pub fill: Option<char>,
    /// Explicit alignment: one of `<`, `>`, `=`, `^`.
    pub align: Option<char>,
    /// Sign option: `+`, `-` or ` `.
    pub sign: Option<char>,
    /// The `z` option: coerce negative zero results to positive zero (floats only).
    pub no_neg_zero: bool,
    /// The `#` alternate form.
    pub alternate: bool,
    /// A `0` before the width (only recorded when no explicit fill was given, as in CPython):
    /// means fill `'0'`, and for numbers without explicit alignment also `=` alignment.
    pub zero_pad: bool,
    /// Minimum field width in characters.
    pub width: Option<usize>,
    /// Thousands separator: `,` or `_`.
    pub grouping: Option<char>,
    /// Precision (digits for floats, maximum characters for strings).
    pub precision: Option<usize>,
    /// Presentation type character, e.g. `d`, `x`, `f`, `%`; `None` when omitted.
    pub ty: Option<char>,
}

impl FormatSpec {
    /// The fill character in effect: explicit fill, else `'0'` for the `0` flag, else space.
    pub fn effective_fill(&self) -> char {
        match self.fill {
            Some(c) => c,
            None if self.zero_pad => '0',
            None => ' ',
        }
    }

    /// The alignment in effect for a type whose default alignment is `default_align`
    /// (`'>'` for numbers, `'<'` for strings): the `0` flag turns a default `'>'` into `'='`.
    pub fn effective_align(&self, default_align: char) -> char {
        match self.align {
            Some(a) => a,
            None if self.zero_pad && default_align == '>' => '=',
            None => default_align,
        }
    }
}

/// Parses a format spec, reporting an over-long spec as
/// `Invalid format specifier '<spec>' for object of type 'object'`.
///
/// Prefer [`parse_format_spec_for`] (or the `pyformat_*` functions) when the type of the
/// formatted object is known, since CPython names it in that message.
pub fn parse_format_spec(spec: &str) -> Result<FormatSpec, FormatError> {
    parse_format_spec_for(spec, "object")
}

/// Parses a format spec for an object whose Python type name is `type_name` (only used in
/// the `Invalid format specifier` message).
///
/// Errors, in CPython's order: `Cannot specify both ',' and '_'.`,
/// `Too many decimal digits in format string`, `Format specifier missing precision`,
/// `Invalid format specifier '...' for object of type '...'`.
pub fn parse_format_spec_for(spec: &str, type_name: &str) -> Result<FormatSpec, FormatError> {
    let chars: Vec<char> = spec.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut pos = 0usize;
    let mut fs = FormatSpec::default();

    // If the second char is an alignment token, the first one is the fill character.
    if let (Some(fill), Some(align)) = (at(0), at(1).filter(|c| is_align(*c))) {
        fs.fill = Some(fill);
        fs.align = Some(align);
        pos = 2;
    } else if let Some(align) = at(0).filter(|c| is_align(*c)) {
        fs.align = Some(align);
        pos = 1;
    }
    if let Some(sign) = at(pos).filter(|c| matches!(c, '+' | '-' | ' ')) {
        fs.sign = Some(sign);
        pos += 1;
    }
    if at(pos) == Some('z') {
        fs.no_neg_zero = true;
        pos += 1;
    }
    if at(pos) == Some('#') {
        fs.alternate = true;
        pos += 1;
    }
    // The backwards-compatible '0' flag only counts when no fill character was given.
    if fs.fill.is_none() && at(pos) == Some('0') {
        fs.zero_pad = true;
        pos += 1;
    }
    let (width, consumed) = parse_integer(&chars, &mut pos)?;
    if consumed > 0 {
        fs.width = Some(width);
    }
    if at(pos) == Some(',') {
        fs.grouping = Some(',');
        pos += 1;
    }
    if at(pos) == Some('_') {
        if fs.grouping.is_some() {
            return Err(both_separators());
        }
        fs.grouping = Some('_');
        pos += 1;
    }
    if at(pos) == Some(',') && fs.grouping == Some('_') {
        return Err(both_separators());
    }
    if at(pos) == Some('.') {
        pos += 1;
        let (precision, consumed) = parse_integer(&chars, &mut pos)?;
        if consumed == 0 {
            return Err(FormatError::value("Format specifier missing precision"));
        }
        fs.precision = Some(precision);
    }
    let remaining = chars.len().saturating_sub(pos);
    if remaining > 1 {
        return Err(FormatError::value(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    fs.ty = at(pos);
    Ok(fs)
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

fn both_separators() -> FormatError {
    FormatError::value("Cannot specify both ',' and '_'.")
}

/// Reads a run of decimal digits (any Unicode decimal digit, as `Py_UNICODE_TODECIMAL`
/// accepts) starting at `*pos`; returns the value and how many digits were read. Values that
/// do not fit a `Py_ssize_t` are CPython's `Too many decimal digits in format string`.
pub(crate) fn parse_integer(
    chars: &[char],
    pos: &mut usize,
) -> Result<(usize, usize), FormatError> {
    let mut acc: i64 = 0;
    let mut count = 0usize;
    while let Some(d) = chars.get(*pos).and_then(|c| decimal_value(*c)) {
        acc = acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(i64::from(d)))
            .ok_or_else(|| FormatError::value("Too many decimal digits in format string"))?;
        *pos += 1;
        count += 1;
    }
    Ok((usize::try_from(acc).unwrap_or(usize::MAX), count))
}

/// Code points of the Unicode (14.0, as in CPython 3.11) decimal digit zeros; each starts a
/// run of ten consecutive digits 0..9.
const DIGIT_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The decimal value of a Unicode decimal digit (`Py_UNICODE_TODECIMAL`), `None` otherwise.
pub(crate) fn decimal_value(c: char) -> Option<u32> {
    let cp = u32::from(c);
    if c.is_ascii_digit() {
        return Some(cp - 0x30);
    }
    if cp < 0x660 {
        return None;
    }
    // The table is sorted: find the last zero at or below `cp`.
    let idx = DIGIT_ZEROS.partition_point(|z| *z <= cp);
    let zero = DIGIT_ZEROS.get(idx.checked_sub(1)?)?;
    let d = cp - zero;
    (d < 10).then_some(d)
}
