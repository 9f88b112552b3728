//! Decoding of literal tokens: numbers (`0x_ff`, `1_000.5e-3`, `2.5J`, arbitrary-size integers)
//! and the bodies of string and bytes literals (escape sequences, line continuations, `\r\n`).
//!
//! Tokens reaching here were already validated by the pre-pass (`lexprep.rs`), so number
//! decoding only has to strip underscores and pick the representation.

use std::rc::Rc;

use num_bigint::BigInt;

use super::ast::Constant;
use super::errors::{syntax, PResult};
use super::span::Span;

/// Decodes a number token.
pub(crate) fn decode_number(text: &str, span: Span) -> PResult<Constant> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let radix = match lower.get(..2) {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        return int_constant(lower.get(2..).unwrap_or(""), radix, span);
    }
    if let Some(imag) = lower.strip_suffix('j') {
        return parse_float(imag, span).map(Constant::Imaginary);
    }
    if lower.contains(['.', 'e']) {
        return parse_float(&lower, span).map(Constant::Float);
    }
    int_constant(&lower, 10, span)
}

fn int_constant(digits: &str, radix: u32, span: Span) -> PResult<Constant> {
    if let Ok(v) = i64::from_str_radix(digits, radix) {
        return Ok(Constant::Int(v));
    }
    match BigInt::parse_bytes(digits.as_bytes(), radix) {
        Some(big) => Ok(Constant::BigInt(Rc::new(big))),
        None => syntax("invalid integer literal", span),
    }
}

fn parse_float(text: &str, span: Span) -> PResult<f64> {
    match text.parse::<f64>() {
        Ok(v) => Ok(v),
        Err(_) => syntax("invalid decimal literal", span),
    }
}

/// The parts of a string token: its prefix flags and its body (between the quotes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StrToken<'a> {
    pub raw: bool,
    pub bytes: bool,
    pub fstring: bool,
    pub body: &'a str,
    /// Offset of `body` within the token.
    pub body_start: usize,
}

/// Splits a string token such as `rb'''x'''` into prefix flags and body.
pub(crate) fn split_string_token(token: &str) -> StrToken<'_> {
    let quote_at = token.find(['\'', '"']).unwrap_or(0);
    let prefix = token.get(..quote_at).unwrap_or("").to_ascii_lowercase();
    let after = token.get(quote_at..).unwrap_or("");
    let q = after.chars().next().unwrap_or('"');
    let triple_q: String = std::iter::repeat_n(q, 3).collect();
    let qlen = if after.len() >= 6 && after.starts_with(&triple_q) {
        3
    } else {
        1
    };
    let body_start = quote_at + qlen;
    let body_end = token.len().saturating_sub(qlen).max(body_start);
    StrToken {
        raw: prefix.contains('r'),
        bytes: prefix.contains('b'),
        fstring: prefix.contains('f'),
        body: token.get(body_start..body_end).unwrap_or(""),
        body_start,
    }
}

/// An escape-decoding error: message and byte range within the body.
struct EscapeError {
    msg: String,
    start: usize,
    end: usize,
}

fn unicode_error(kind: &str, start: usize, end: usize, what: &str) -> EscapeError {
    EscapeError {
        msg: format!(
            "(unicode error) '{}' codec can't decode bytes in position {}-{}: {}",
            kind,
            start,
            end.saturating_sub(1).max(start),
            what
        ),
        start,
        end,
    }
}

/// Reads up to `max` hex digits at `pos`; returns (value, digits read).
fn hex_digits(b: &[u8], pos: usize, max: usize) -> (u32, usize) {
    let mut v: u32 = 0;
    let mut n = 0;
    while n < max {
        match b.get(pos + n).and_then(|&c| char::from(c).to_digit(16)) {
            Some(d) => {
                v = v.wrapping_mul(16).wrapping_add(d);
                n += 1;
            }
            None => break,
        }
    }
    (v, n)
}

/// Decodes a `str` body. `body_offset` is the absolute position of the body, for error spans.
pub(crate) fn decode_str(body: &str, raw: bool, body_offset: usize) -> PResult<String> {
    decode(body, raw, false)
        .map(|chars| chars.into_iter().collect())
        .or_else(|e| syntax(e.msg, Span::new(body_offset + e.start, body_offset + e.end)))
}

/// Decodes a `bytes` body (ASCII only; `\u`, `\U`, `\N` are not escapes in bytes).
pub(crate) fn decode_bytes(
    body: &str,
    raw: bool,
    token_span: Span,
    body_offset: usize,
) -> PResult<Vec<u8>> {
    if !body.is_ascii() {
        return syntax(
            "bytes can only contain ASCII literal characters",
            token_span,
        );
    }
    match decode(body, raw, true) {
        Ok(chars) => Ok(chars
            .into_iter()
            .map(|c| (u32::from(c) & 0xff) as u8)
            .collect()),
        Err(e) => syntax(e.msg, Span::new(body_offset + e.start, body_offset + e.end)),
    }
}

/// The shared escape decoder; for bytes every resulting char is < 256.
fn decode(body: &str, raw: bool, bytes: bool) -> Result<Vec<char>, EscapeError> {
    let codec = if bytes {
        "bytesescape"
    } else {
        "unicodeescape"
    };
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' {
            // Universal newlines: `\r\n` and a lone `\r` both read as `\n`.
            if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                chars.next();
            }
            out.push('\n');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&(j, e)) = chars.peek() else {
            out.push('\\');
            continue;
        };
        if raw {
            // Raw strings keep the backslash; it only stops the next quote from ending the token.
            out.push('\\');
            if e == '\r' || e == '\n' {
                continue;
            }
            out.push(e);
            chars.next();
            continue;
        }
        chars.next();
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
            }
            '\\' | '\'' | '"' => out.push(e),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' => {
                let (v, n) = hex_digits(b, j + 1, 2);
                if n < 2 {
                    return Err(unicode_error(codec, i, j + 1 + n, "truncated \\xXX escape"));
                }
                skip(&mut chars, n);
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'u' | 'U' if !bytes => {
                let want = if e == 'u' { 4 } else { 8 };
                let (v, n) = hex_digits(b, j + 1, want);
                if n < want {
                    let what = if e == 'u' {
                        "truncated \\uXXXX escape"
                    } else {
                        "truncated \\UXXXXXXXX escape"
                    };
                    return Err(unicode_error(codec, i, j + 1 + n, what));
                }
                skip(&mut chars, n);
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(unicode_error(
                            codec,
                            i,
                            j + 1 + n,
                            "illegal Unicode character",
                        ));
                    }
                }
            }
            'N' if !bytes => {
                let close = body
                    .get(j..)
                    .and_then(|s| s.find('}'))
                    .map_or(body.len(), |k| j + k + 1);
                let what = if body.get(j + 1..j + 2) == Some("{") {
                    "unknown Unicode character name (\\N{...} escapes are not supported by numpyx)"
                } else {
                    "malformed \\N character escape"
                };
                return Err(unicode_error(codec, i, close, what));
            }
            other => {
                // An unrecognised escape keeps its backslash (CPython warns).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

fn skip(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, n: usize) {
    for _ in 0..n {
        chars.next();
    }
}
