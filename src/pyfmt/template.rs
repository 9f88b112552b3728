//! `str.format` templates: splitting `"a{0!r:>{w}}b"` into literals and replacement fields
//! (CPython's `MarkupIterator` / `parse_field` in `Objects/stringlib/unicode_format.h`), and
//! the field-name helpers (`field_name_split`, `FieldNameIterator`, auto-numbering).
//!
//! CPython parses lazily while rendering, so an error late in the template only shows after
//! earlier fields were looked up (and may be pre-empted by their `KeyError`/`IndexError`).
//! [`TemplateParser`] is an iterator for callers that want that exact precedence;
//! [`parse_format_template`] parses everything up front.

use super::spec::decimal_value;
use super::FormatError;

/// A piece of a `str.format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePiece {
    /// Literal text, with `{{`/`}}` already unescaped.
    Literal(String),
    /// A replacement field `{name!conversion:spec}`.
    Field {
        /// The raw field name (`""`, `"0"`, `"name"`, `"0.attr[1]"`); see [`split_field_name`].
        name: String,
        /// The conversion character after `!`, unvalidated (see [`check_conversion`]).
        conversion: Option<char>,
        /// The raw format spec; if it contains `{`, the caller expands the nested fields
        /// (parse it as a template with the same arguments) before using it.
        spec: String,
    },
}

/// Parses a whole template; the first error wins.
pub fn parse_format_template(s: &str) -> Result<Vec<TemplatePiece>, FormatError> {
    TemplateParser::new(s).collect()
}

/// Iterator over the pieces of a template, yielding an error (and then stopping) where
/// CPython's renderer would raise.
pub struct TemplateParser {
    chars: Vec<char>,
    pos: usize,
    pending_field: bool,
    failed: bool,
}

impl TemplateParser {
    /// Starts parsing `s`.
    pub fn new(s: &str) -> Self {
        TemplateParser {
            chars: s.chars().collect(),
            pos: 0,
            pending_field: false,
            failed: false,
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// `MarkupIterator_next` up to the literal: returns the literal and whether a field
    /// follows (its parse is left to the next call).
    fn next_literal(&mut self) -> Result<(String, bool), FormatError> {
        let start = self.pos;
        let mut brace = None;
        while let Some(c) = self.at(self.pos) {
            self.pos += 1;
            if c == '{' || c == '}' {
                brace = Some(c);
                break;
            }
        }
        let at_end = self.pos >= self.chars.len();
        let mut len = self.pos - start;
        let mut markup_follows = brace.is_some();
        if brace == Some('}') && (at_end || self.at(self.pos) != Some('}')) {
            return Err(FormatError::value(
                "Single '}' encountered in format string",
            ));
        }
        if at_end && brace == Some('{') {
            return Err(FormatError::value(
                "Single '{' encountered in format string",
            ));
        }
        if !at_end {
            if brace.is_some() && self.at(self.pos) == brace {
                // An escaped brace: keep one copy in the literal, skip the other.
                self.pos += 1;
                markup_follows = false;
            } else if brace.is_some() {
                len -= 1;
            }
        }
        let literal: String = self
            .chars
            .get(start..start + len)
            .unwrap_or(&[])
            .iter()
            .collect();
        Ok((literal, markup_follows))
    }

    /// `parse_field`: the name, conversion and spec after an opening `{`.
    fn parse_field(&mut self) -> Result<TemplatePiece, FormatError> {
        let name_start = self.pos;
        let mut last = None;
        while let Some(c) = self.at(self.pos) {
            self.pos += 1;
            match c {
                '{' => return Err(FormatError::value("unexpected '{' in field name")),
                '[' => {
                    // Anything goes inside brackets, up to the first ']'.
                    while self.at(self.pos).is_some_and(|c| c != ']') {
                        self.pos += 1;
                    }
                    continue;
                }
                '}' | ':' | '!' => {
                    last = Some(c);
                    break;
                }
                _ => continue,
            }
        }
        let name_end = if last.is_some() {
            self.pos - 1
        } else {
            self.pos
        };
        let name: String = self
            .chars
            .get(name_start..name_end)
            .unwrap_or(&[])
            .iter()
            .collect();
        let mut conversion = None;
        match last {
            Some('}') => {
                return Ok(TemplatePiece::Field {
                    name,
                    conversion,
                    spec: String::new(),
                })
            }
            Some('!') | Some(':') => {}
            _ => return Err(FormatError::value("expected '}' before end of string")),
        }
        if last == Some('!') {
            let Some(conv) = self.at(self.pos) else {
                return Err(FormatError::value(
                    "end of string while looking for conversion specifier",
                ));
            };
            self.pos += 1;
            conversion = Some(conv);
            if let Some(c) = self.at(self.pos) {
                self.pos += 1;
                if c == '}' {
                    return Ok(TemplatePiece::Field {
                        name,
                        conversion,
                        spec: String::new(),
                    });
                }
                if c != ':' {
                    return Err(FormatError::value(
                        "expected ':' after conversion specifier",
                    ));
                }
            }
        }
        // The spec runs to the matching '}', counting nested braces.
        let spec_start = self.pos;
        let mut depth = 1;
        while let Some(c) = self.at(self.pos) {
            self.pos += 1;
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        let spec: String = self
                            .chars
                            .get(spec_start..self.pos - 1)
                            .unwrap_or(&[])
                            .iter()
                            .collect();
                        return Ok(TemplatePiece::Field {
                            name,
                            conversion,
                            spec,
                        });
                    }
                }
                _ => {}
            }
        }
        Err(FormatError::value("unmatched '{' in format spec"))
    }
}

impl Iterator for TemplateParser {
    type Item = Result<TemplatePiece, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let result = if self.pending_field {
            self.pending_field = false;
            self.parse_field()
        } else {
            loop {
                if self.pos >= self.chars.len() {
                    return None;
                }
                match self.next_literal() {
                    Ok((lit, field)) => {
                        self.pending_field = field;
                        if !lit.is_empty() {
                            break Ok(TemplatePiece::Literal(lit));
                        }
                        if field {
                            self.pending_field = false;
                            break self.parse_field();
                        }
                    }
                    Err(e) => break Err(e),
                }
            }
        };
        if result.is_err() {
            self.failed = true;
        }
        Some(result)
    }
}

/// Validates a conversion character at render time (`do_conversion`): `r`, `s` and `a` are
/// fine, anything else is `ValueError: Unknown conversion specifier X`.
pub fn check_conversion(c: char) -> Result<(), FormatError> {
    match c {
        'r' | 's' | 'a' => Ok(()),
        _ => {
            let cp = u32::from(c);
            Err(FormatError::value(if cp > 32 && cp < 127 {
                format!("Unknown conversion specifier {c}")
            } else {
                format!("Unknown conversion specifier \\x{cp:x}")
            }))
        }
    }
}

/// The first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldFirst {
    /// A positional index, explicit (`{0}`) or automatic (`{}`, numbered by [`AutoNumber`]).
    Index(usize),
    /// A keyword name (`{name}`).
    Name(String),
}

/// One `.attr` or `[key]` step after the first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldAccessor {
    /// `.name`
    Attr(String),
    /// `[3]`: an all-digit key is an integer index.
    Index(usize),
    /// `[key]`: any other key is a string.
    Key(String),
}

/// `str.format`'s auto-numbering state, shared by all fields of one call (nested specs
/// included).
#[derive(Debug, Clone, Default)]
pub struct AutoNumber {
    manual: Option<bool>,
    next: usize,
}

/// Splits a field name into its first part and the lazily parsed accessors, numbering empty
/// names with `auto` (`field_name_split`). Fails with CPython's auto/manual numbering errors
/// and `Too many decimal digits in format string`.
pub fn split_field_name(
    name: &str,
    auto: &mut AutoNumber,
) -> Result<(FieldFirst, FieldNameIter), FormatError> {
    let split = name.find(['.', '[']).unwrap_or(name.len());
    let (first, rest) = name.split_at(split);
    let index = parse_index(first)?;
    let empty = first.is_empty();
    if empty || index.is_some() {
        let mode = *auto.manual.get_or_insert(!empty);
        if mode && empty {
            return Err(FormatError::value(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        if !mode && !empty {
            return Err(FormatError::value(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
    }
    let first = if empty {
        let n = auto.next;
        auto.next += 1;
        FieldFirst::Index(n)
    } else {
        match index {
            Some(i) => FieldFirst::Index(i),
            None => FieldFirst::Name(first.to_string()),
        }
    };
    Ok((
        first,
        FieldNameIter {
            rest: rest.chars().collect(),
            pos: 0,
            failed: false,
        },
    ))
}

/// `get_integer` for field names: all decimal digits gives the value, anything else `None`.
fn parse_index(s: &str) -> Result<Option<usize>, FormatError> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: i64 = 0;
    for c in s.chars() {
        let Some(d) = decimal_value(c) else {
            return Ok(None);
        };
        acc = acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(i64::from(d)))
            .ok_or_else(|| FormatError::value("Too many decimal digits in format string"))?;
    }
    Ok(Some(usize::try_from(acc).unwrap_or(usize::MAX)))
}

/// Iterator over the `.attr` / `[key]` accessors of a field name (`FieldNameIterator`).
pub struct FieldNameIter {
    rest: Vec<char>,
    pos: usize,
    failed: bool,
}

impl Iterator for FieldNameIter {
    type Item = Result<FieldAccessor, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let c = *self.rest.get(self.pos)?;
        self.pos += 1;
        let result = match c {
            '.' => {
                let start = self.pos;
                while self
                    .rest
                    .get(self.pos)
                    .is_some_and(|c| *c != '.' && *c != '[')
                {
                    self.pos += 1;
                }
                let name: String = self
                    .rest
                    .get(start..self.pos)
                    .unwrap_or(&[])
                    .iter()
                    .collect();
                if name.is_empty() {
                    Err(FormatError::value("Empty attribute in format string"))
                } else {
                    Ok(FieldAccessor::Attr(name))
                }
            }
            '[' => {
                let start = self.pos;
                while self.rest.get(self.pos).is_some_and(|c| *c != ']') {
                    self.pos += 1;
                }
                if self.pos >= self.rest.len() {
                    Err(FormatError::value("Missing ']' in format string"))
                } else {
                    let key: String = self
                        .rest
                        .get(start..self.pos)
                        .unwrap_or(&[])
                        .iter()
                        .collect();
                    self.pos += 1;
                    if key.is_empty() {
                        Err(FormatError::value("Empty attribute in format string"))
                    } else {
                        match parse_index(&key) {
                            Ok(Some(i)) => Ok(FieldAccessor::Index(i)),
                            Ok(None) => Ok(FieldAccessor::Key(key)),
                            Err(e) => Err(e),
                        }
                    }
                }
            }
            _ => Err(FormatError::value(
                "Only '.' or '[' may follow ']' in format field specifier",
            )),
        };
        if result.is_err() {
            self.failed = true;
        }
        Some(result)
    }
}
