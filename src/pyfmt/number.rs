//! Shared layout machinery for formatted numbers: thousands grouping, sign, prefix, padding.
//!
//! Ports `calc_number_widths`, `fill_number`, `calc_padding` and
//! `_PyUnicode_InsertThousandsGrouping` from CPython. A number is laid out as
//!
//! ```text
//! <lpadding> <sign> <prefix> <spadding> <grouped digits> <decimal point> <remainder> <rpadding>
//! ```
//!
//! and with fill `'0'` plus `'='` alignment the padding zeros become part of the grouped
//! digits (so `format(-1234.5, '010,.1f')` is `-001,234.5`).

use super::spec::FormatSpec;
use super::{FormatError, MAX_OUTPUT_CHARS};

/// How digits are grouped: CPython's `LT_*` locale kinds (the C locale has no grouping).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grouping {
    /// No separators.
    None,
    /// `,` every three digits.
    Comma,
    /// `_` every three digits.
    Underscore,
    /// `_` every four digits (for `b`, `o`, `x`, `X`).
    UnderscoreFour,
}

impl Grouping {
    fn group_and_sep(self) -> Option<(usize, char)> {
        match self {
            Grouping::None => None,
            Grouping::Comma => Some((3, ',')),
            Grouping::Underscore => Some((3, '_')),
            Grouping::UnderscoreFour => Some((4, '_')),
        }
    }
}

/// The parts of a spec that the layout needs, with the type's defaults applied.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    /// Fill character.
    pub fill: char,
    /// Alignment: `<`, `>`, `=` or `^`.
    pub align: char,
    /// Sign option (`+`, ` `, or anything else for the default `-`).
    pub sign: Option<char>,
    /// Minimum width, -1 when none (CPython's convention, handy in the arithmetic).
    pub width: i64,
    /// Digit grouping.
    pub grouping: Grouping,
}

impl Layout {
    /// Resolves `spec` for a type whose default alignment is `default_align`.
    pub fn from_spec(
        spec: &FormatSpec,
        default_align: char,
        grouping: Grouping,
    ) -> Result<Self, FormatError> {
        Ok(Layout {
            fill: spec.effective_fill(),
            align: spec.effective_align(default_align),
            sign: spec.sign,
            width: checked_width(spec.width)?,
            grouping,
        })
    }
}

/// Converts a width to the signed form, refusing widths no string could have.
pub(crate) fn checked_width(width: Option<usize>) -> Result<i64, FormatError> {
    match width {
        None => Ok(-1),
        Some(w) if w > MAX_OUTPUT_CHARS => Err(FormatError::memory()),
        Some(w) => Ok(w as i64),
    }
}

/// The pieces of a number to lay out.
pub(crate) struct NumberParts<'a> {
    /// Whether the formatted number carried a leading `-`.
    pub negative: bool,
    /// `0x`-style prefix (already in its final case unless `upper` is set).
    pub prefix: &'a str,
    /// The integer digits (may be empty, e.g. for `inf` or the `c` type).
    pub digits: &'a str,
    /// Whether a decimal point follows the digits.
    pub has_decimal: bool,
    /// Everything after the decimal point (or after the digits when there is none).
    pub remainder: &'a str,
    /// Upper-case the prefix and digits (the `X` type).
    pub upper: bool,
}

/// Lays out a number per `calc_number_widths` + `fill_number`.
pub(crate) fn layout_number(parts: &NumberParts<'_>, layout: &Layout) -> String {
    let sign = match layout.sign {
        Some('+') => Some(if parts.negative { '-' } else { '+' }),
        Some(' ') => Some(if parts.negative { '-' } else { ' ' }),
        _ => parts.negative.then_some('-'),
    };
    let n_sign = i64::from(sign.is_some());
    let n_prefix = parts.prefix.chars().count() as i64;
    let n_remainder = parts.remainder.chars().count() as i64;
    let n_non_digit = n_sign + n_prefix + i64::from(parts.has_decimal) + n_remainder;
    let min_width = if layout.fill == '0' && layout.align == '=' {
        layout.width - n_non_digit
    } else {
        0
    };
    // The 'c' type and inf/nan have no digits; grouping would insist on at least one.
    let mut grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        insert_grouping(parts.digits, min_width, layout.grouping)
    };
    let mut prefix = parts.prefix.to_string();
    if parts.upper {
        grouped = grouped.to_ascii_uppercase();
        prefix = prefix.to_ascii_uppercase();
    }
    let n_padding = layout.width - (n_non_digit + grouped.chars().count() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match layout.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::new();
    push_fill(&mut out, layout.fill, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(&prefix);
    push_fill(&mut out, layout.fill, spad);
    out.push_str(&grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(&mut out, layout.fill, rpad);
    out
}

/// Appends `n` copies of `fill` (nothing when `n <= 0`).
pub(crate) fn push_fill(out: &mut String, fill: char, n: i64) {
    for _ in 0..n.max(0) {
        out.push(fill);
    }
}

/// Pads already-formatted text of `nchars` characters to `width` per `calc_padding`;
/// returns the left and right padding counts.
pub(crate) fn calc_padding(nchars: i64, width: i64, align: char) -> (i64, i64) {
    let total = if width >= 0 {
        width.max(nchars)
    } else {
        nchars
    };
    let left = match align {
        '>' => total - nchars,
        '^' => (total - nchars) / 2,
        _ => 0,
    };
    (left, total - nchars - left)
}

/// `_PyUnicode_InsertThousandsGrouping`: inserts separators into `digits` and, when
/// `min_width` asks for it, leading zeros (which get grouped too).
fn insert_grouping(digits: &str, min_width: i64, grouping: Grouping) -> String {
    let digits: Vec<char> = digits.chars().collect();
    let mut min_width = min_width.max(0);
    let mut remaining = digits.len() as i64;
    // Chunks are produced right to left; each is "<zeros><digits>" plus a separator on its
    // right when it is not the rightmost one.
    let mut chunks: Vec<String> = Vec::new();
    let mut use_sep = false;
    let mut take = |n_chars: i64, n_zeros: i64, sep: Option<char>, remaining: i64| {
        let mut chunk = String::new();
        push_fill(&mut chunk, '0', n_zeros);
        let end = remaining.max(0) as usize;
        let start = end.saturating_sub(n_chars.max(0) as usize);
        chunk.extend(digits.get(start..end).unwrap_or(&[]).iter());
        if let Some(s) = sep {
            chunk.push(s);
        }
        chunks.push(chunk);
    };
    let mut broke = false;
    if let Some((group, sep)) = grouping.group_and_sep() {
        let group = group as i64;
        loop {
            let len = group.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            take(n_chars, n_zeros, use_sep.then_some(sep), remaining);
            use_sep = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broke = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broke {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        let sep = grouping.group_and_sep().map(|(_, s)| s);
        take(
            n_chars,
            n_zeros,
            if use_sep { sep } else { None },
            remaining,
        );
    }
    chunks.iter().rev().map(String::as_str).collect()
}

/// CPython's check that a thousands separator suits the presentation type (done at parse
/// time with the type's default type code). `'\0'` stands for "no type".
pub(crate) fn check_grouping(spec: &FormatSpec, ty: char) -> Result<Grouping, FormatError> {
    let Some(sep) = spec.grouping else {
        return Ok(Grouping::None);
    };
    match ty {
        'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => Ok(if sep == ',' {
            Grouping::Comma
        } else {
            Grouping::Underscore
        }),
        'b' | 'o' | 'x' | 'X' if sep == '_' => Ok(Grouping::UnderscoreFour),
        _ => Err(FormatError::value(format!(
            "Cannot specify '{sep}' with {}.",
            quote_code(ty)
        ))),
    }
}

/// A presentation type as CPython prints it in messages: `'x'`, or `'\x1'` when it is not a
/// printable ASCII character.
pub(crate) fn quote_code(ty: char) -> String {
    let cp = u32::from(ty);
    if cp > 32 && cp < 128 {
        format!("'{ty}'")
    } else {
        format!("'\\x{cp:x}'")
    }
}

/// `Unknown format code 'q' for object of type 'float'`.
pub(crate) fn unknown_code(ty: char, type_name: &str) -> FormatError {
    FormatError::value(format!(
        "Unknown format code {} for object of type '{type_name}'",
        quote_code(ty)
    ))
}

/// Splits a formatted float (as `double_to_string` returns it, sign already removed) into
/// integer digits, whether a decimal point follows, and the remainder (`parse_number`).
pub(crate) fn split_number(s: &str) -> (&str, bool, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, rest) = s.split_at(end);
    match rest.strip_prefix('.') {
        Some(after) => (digits, true, after),
        None => (digits, false, rest),
    }
}
