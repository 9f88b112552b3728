//! `format(str, spec)` (CPython's `format_string_internal`) and `ascii()`-style escaping.

use super::number::{calc_padding, check_grouping, checked_width, push_fill, unknown_code};
use super::spec::{parse_format_spec_for, FormatSpec};
use super::FormatError;

/// `format(s, spec)` for a Python str, with the spec already parsed: width, fill, alignment
/// (default `<`) and precision (truncation to that many characters); type `s` or none.
/// Signs, `z`, `#` and `=` alignment are refused with CPython's messages.
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    let ty = spec.ty.unwrap_or('s');
    check_grouping(spec, ty)?;
    if ty != 's' {
        return Err(unknown_code(ty, "str"));
    }
    match spec.sign {
        Some(' ') => {
            return Err(FormatError::value(
                "Space not allowed in string format specifier",
            ))
        }
        Some(_) => {
            return Err(FormatError::value(
                "Sign not allowed in string format specifier",
            ))
        }
        None => {}
    }
    if spec.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    let align = spec.effective_align('<');
    if align == '=' {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let width = checked_width(spec.width)?;
    let text: &str = match spec.precision {
        // Truncate to `precision` characters (code points, as in Python).
        Some(p) => s
            .char_indices()
            .nth(p)
            .map_or(s, |(i, _)| s.get(..i).unwrap_or(s)),
        None => s,
    };
    let (lpad, rpad) = calc_padding(text.chars().count() as i64, width, align);
    let fill = spec.effective_fill();
    let mut out = String::with_capacity(text.len());
    push_fill(&mut out, fill, lpad);
    out.push_str(text);
    push_fill(&mut out, fill, rpad);
    Ok(out)
}

/// The `format(s, spec)` builtin for a str: the empty spec returns `s` unchanged.
pub fn pyformat_str(s: &str, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    format_str(s, &parse_format_spec_for(spec, "str")?)
}

/// What `ascii(obj)` does to `repr(obj)`: every non-ASCII character becomes `\xhh`, `\uhhhh`
/// or `\Uhhhhhhhh` (used by `%a` and `!a`).
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let cp = u32::from(c);
        if cp < 0x80 {
            out.push(c);
        } else if cp < 0x100 {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp < 0x10000 {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    out
}
