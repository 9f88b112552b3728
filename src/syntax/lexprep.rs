//! The lexical pre-pass: CPython's tokenizer duties, done in Rust before pest runs.
//!
//! It walks the raw source once, tracking strings, brackets and indentation, and produces
//!
//! * a copy of the source **of the same byte length** in which comments, newlines inside
//!   brackets, backslash continuations and `\r` of `\r\n` are replaced by spaces, so that every
//!   logical line is a single line for the grammar while byte offsets (spans) stay valid;
//! * the list of logical lines with their indentation level (the depth of CPython's indent
//!   stack; blank and comment-only lines are dropped), from which `parser.rs` rebuilds blocks;
//! * CPython's tokenizer errors, with CPython's messages: unterminated strings, unmatched or
//!   mismatched closing brackets, more than 200 nested brackets ("too many nested parentheses",
//!   checked here so that pest's recursion stays bounded), malformed number literals, invalid
//!   characters, inconsistent dedents, tab/space mixing, more than 99 indentation levels;
//! * the two conditions that are errors only at the end of input ("'(' was never closed",
//!   "unexpected EOF while parsing" after a trailing backslash), which the parser reports only
//!   when no earlier syntax error exists, as CPython does.
//!
//! Unbracketed `lambda` parameter defaults (`lambda a=lambda b=...: ...`) also nest pest's
//! recursion, so pending `lambda` heads count toward the same nesting budget.

use super::errors::{Fail, More, PResult, ParseError, ParseErrorKind};
use super::span::Span;

/// CPython's limit on nested brackets (`MAXLEVEL`).
pub(crate) const MAX_PAREN_DEPTH: usize = 200;
/// CPython's limit on indentation levels (`MAXINDENT`).
const MAX_INDENT_DEPTH: usize = 100;
/// The tab size used to compare indentation (CPython's `TABSIZE`).
const TAB_SIZE: usize = 8;

/// What kind of text is being prepared.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    /// A module: logical lines with indentation levels.
    Module,
    /// One expression (`parse_expression`): no indentation rules.
    Expression,
    /// The expression of an f-string replacement field: as if inside parentheses.
    Field,
}

/// One logical line: `start..end` is its text (from the first non-blank character).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogicalLine {
    pub start: usize,
    pub end: usize,
    /// Depth in the indentation stack (0 = not indented).
    pub level: usize,
    /// 1-based line number of `start`.
    pub lineno: usize,
}

/// A condition that is an error only if nothing earlier fails to parse.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pending {
    /// The bracket at `pos` is still open at the end of input.
    Unclosed { pos: usize, ch: char },
    /// The input ends right after a backslash continuation at `pos`.
    BackslashEof { pos: usize },
}

/// The result of the pre-pass.
#[derive(Debug)]
pub(crate) struct Prepped {
    /// The source with comments, bracketed newlines and continuations blanked.
    pub text: String,
    pub lines: Vec<LogicalLine>,
    pub pending: Option<Pending>,
}

/// Runs the pre-pass. `base_depth` is the bracket nesting already around `src` (for f-string
/// fields parsed from inside an expression).
pub(crate) fn prepare(src: &str, mode: Mode, base_depth: usize) -> PResult<Prepped> {
    if let Some(pos) = src.find('\0') {
        return Err(Fail::from(ParseError::syntax(
            "source code cannot contain null bytes",
            Span::new(pos, pos + 1),
        )));
    }
    let mut lx = Lexer {
        src,
        b: src.as_bytes(),
        out: src.as_bytes().to_vec(),
        i: 0,
        lineno: 1,
        brackets: Vec::new(),
        lambdas: vec![0],
        lambda_total: 0,
        base_depth: base_depth + usize::from(mode == Mode::Field),
        mode,
        indents: vec![(0, 0)],
        lines: Vec::new(),
        pending: None,
    };
    lx.run()?;
    let text = String::from_utf8(lx.out)
        .map_err(|_| Fail::from(ParseError::syntax("invalid source text", Span::new(0, 0))))?;
    Ok(Prepped {
        text,
        lines: lx.lines,
        pending: lx.pending,
    })
}

struct Lexer<'s> {
    src: &'s str,
    b: &'s [u8],
    out: Vec<u8>,
    i: usize,
    lineno: usize,
    /// Open brackets: character, position, line.
    brackets: Vec<(u8, usize, usize)>,
    /// Pending `lambda` heads per bracket level (one more entry than `brackets`).
    lambdas: Vec<usize>,
    lambda_total: usize,
    base_depth: usize,
    mode: Mode,
    /// CPython's indent stack: (column with tabs to multiples of 8, column with tabs as 1).
    indents: Vec<(usize, usize)>,
    lines: Vec<LogicalLine>,
    pending: Option<Pending>,
}

fn err<T>(msg: impl Into<String>, span: Span) -> PResult<T> {
    Err(Fail::from(ParseError::syntax(msg, span)))
}

fn is_ident_ascii(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Python's `str.isprintable` is false for categories Cc, Cf, Cs, Co, Cn and Z* (but ' ').
fn is_printable(c: char) -> bool {
    c == ' ' || !(pest::unicode::OTHER(c) || pest::unicode::SEPARATOR(c))
}

fn is_string_prefix(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
    )
}

impl Lexer<'_> {
    fn peek_at(&self, k: usize) -> Option<u8> {
        self.b.get(k).copied()
    }

    fn blank(&mut self, from: usize, to: usize) {
        for k in from..to.min(self.out.len()) {
            if let Some(slot) = self.out.get_mut(k) {
                *slot = b' ';
            }
        }
    }

    fn in_brackets(&self) -> bool {
        !self.brackets.is_empty() || self.mode == Mode::Field
    }

    fn run(&mut self) -> PResult<()> {
        if self.src.starts_with('\u{feff}') {
            self.blank(0, 3);
            self.i = 3;
        }
        loop {
            let (col, altcol) = self.skip_indentation();
            match self.peek_at(self.i) {
                None => return Ok(()),
                Some(b'#') => {
                    self.skip_comment();
                    continue;
                }
                Some(b'\n') => {
                    self.i += 1;
                    self.lineno += 1;
                    continue;
                }
                Some(b'\r') => {
                    if self.peek_at(self.i + 1) == Some(b'\n') {
                        self.blank(self.i, self.i + 1);
                        self.i += 1;
                    } else {
                        self.i += 1;
                        self.lineno += 1;
                    }
                    continue;
                }
                _ => {}
            }
            let level = if self.mode == Mode::Module {
                self.indent(col, altcol)?
            } else {
                0
            };
            let start = self.i;
            let lineno = self.lineno;
            let end = self.scan_logical_line()?;
            self.lines.push(LogicalLine {
                start,
                end,
                level,
                lineno,
            });
        }
    }

    /// Skips spaces, tabs and form feeds; returns (col, altcol) as CPython computes them.
    fn skip_indentation(&mut self) -> (usize, usize) {
        let (mut col, mut altcol) = (0, 0);
        while let Some(c) = self.peek_at(self.i) {
            match c {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    altcol += 1;
                }
                0x0c => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.i += 1;
        }
        (col, altcol)
    }

    /// Applies CPython's indentation algorithm to a new logical line; returns its level.
    fn indent(&mut self, col: usize, altcol: usize) -> PResult<usize> {
        let here = Span::new(
            self.i,
            super::diagnose::token_end(self.src, self.i).max(self.i),
        );
        let tab_error = || {
            Err(Fail::from(ParseError {
                msg: "inconsistent use of tabs and spaces in indentation".into(),
                span: here,
                kind: ParseErrorKind::Tab,
            }))
        };
        let (top_col, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
        if col == top_col {
            if altcol != top_alt {
                return tab_error();
            }
        } else if col > top_col {
            if altcol <= top_alt {
                return tab_error();
            }
            if self.indents.len() >= MAX_INDENT_DEPTH {
                return Err(Fail::from(ParseError::indentation(
                    "too many levels of indentation",
                    here,
                )));
            }
            self.indents.push((col, altcol));
        } else {
            while self.indents.len() > 1 && self.indents.last().is_some_and(|&(c, _)| col < c) {
                self.indents.pop();
            }
            let (top_col, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
            if col != top_col {
                return Err(Fail::from(ParseError::indentation(
                    "unindent does not match any outer indentation level",
                    here,
                )));
            }
            if altcol != top_alt {
                return tab_error();
            }
        }
        Ok(self.indents.len() - 1)
    }

    fn skip_comment(&mut self) {
        let start = self.i;
        while let Some(c) = self.peek_at(self.i) {
            if c == b'\n' || c == b'\r' {
                break;
            }
            self.i += 1;
        }
        self.blank(start, self.i);
    }

    /// Scans one logical line from `self.i`; returns the end of its text and consumes the
    /// newline that ends it.
    fn scan_logical_line(&mut self) -> PResult<usize> {
        let mut after_continuation = false;
        loop {
            let Some(c) = self.peek_at(self.i) else {
                if let Some(&(ch, pos, _)) = self.brackets.last() {
                    self.pending = Some(Pending::Unclosed {
                        pos,
                        ch: char::from(ch),
                    });
                } else if after_continuation {
                    self.pending = Some(Pending::BackslashEof { pos: self.i });
                }
                return Ok(self.i);
            };
            after_continuation = false;
            match c {
                b' ' | b'\t' | 0x0c => self.i += 1,
                b'#' => self.skip_comment(),
                b'\n' | b'\r' => {
                    let crlf = c == b'\r' && self.peek_at(self.i + 1) == Some(b'\n');
                    if crlf {
                        self.blank(self.i, self.i + 1);
                        self.i += 1;
                    }
                    if self.in_brackets() {
                        self.blank(self.i, self.i + 1);
                        self.i += 1;
                        self.lineno += 1;
                    } else {
                        let end = if crlf { self.i - 1 } else { self.i };
                        if let Some(slot) = self.out.get_mut(self.i) {
                            *slot = b'\n';
                        }
                        self.i += 1;
                        self.lineno += 1;
                        self.lambdas = vec![0];
                        self.lambda_total = 0;
                        return Ok(end);
                    }
                }
                b'\\' => {
                    let at = self.i;
                    let skip = match (self.peek_at(at + 1), self.peek_at(at + 2)) {
                        (Some(b'\r'), Some(b'\n')) => 3,
                        (Some(b'\n'), _) | (Some(b'\r'), _) => 2,
                        (None, _) => {
                            self.pending = Some(Pending::BackslashEof { pos: at });
                            self.blank(at, at + 1);
                            self.i += 1;
                            return Ok(at);
                        }
                        (Some(_), _) => {
                            return err(
                                "unexpected character after line continuation character",
                                super::errors::char_span(self.src, at + 1),
                            );
                        }
                    };
                    self.blank(at, at + skip);
                    self.i += skip;
                    self.lineno += 1;
                    after_continuation = true;
                }
                b'\'' | b'"' => self.string(self.i, self.i)?,
                b'0'..=b'9' => self.number()?,
                b'.' if self.peek_at(self.i + 1).is_some_and(|d| d.is_ascii_digit()) => {
                    self.number()?
                }
                b'(' | b'[' | b'{' => {
                    self.brackets.push((c, self.i, self.lineno));
                    self.lambdas.push(0);
                    if self.brackets.len() + self.base_depth > MAX_PAREN_DEPTH {
                        return err("too many nested parentheses", Span::new(self.i, self.i + 1));
                    }
                    self.i += 1;
                }
                b')' | b']' | b'}' => self.close_bracket(c)?,
                b':' => {
                    if self.peek_at(self.i + 1) != Some(b'=') {
                        if let Some(n) = self.lambdas.last_mut() {
                            if *n > 0 {
                                *n -= 1;
                                self.lambda_total -= 1;
                            }
                        }
                    }
                    self.i += 1;
                }
                c if c.is_ascii_alphabetic() || c == b'_' => self.word()?,
                c if c < 0x20 || c == 0x7f => {
                    return err(
                        format!("invalid non-printable character U+{:04X}", c),
                        Span::new(self.i, self.i + 1),
                    );
                }
                c if c < 0x80 => self.i += 1,
                _ => {
                    let ch = self
                        .src
                        .get(self.i..)
                        .and_then(|s| s.chars().next())
                        .unwrap_or(' ');
                    if pest::unicode::XID_START(ch) {
                        self.word()?;
                    } else {
                        let span = Span::new(self.i, self.i + ch.len_utf8());
                        let msg = if is_printable(ch) {
                            format!("invalid character '{}' (U+{:04X})", ch, u32::from(ch))
                        } else {
                            format!("invalid non-printable character U+{:04X}", u32::from(ch))
                        };
                        return err(msg, span);
                    }
                }
            }
        }
    }

    fn close_bracket(&mut self, c: u8) -> PResult<()> {
        let span = Span::new(self.i, self.i + 1);
        let Some((open, _, open_line)) = self.brackets.pop() else {
            return err(format!("unmatched '{}'", char::from(c)), span);
        };
        let expected = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        if c != expected {
            let msg = if open_line != self.lineno {
                format!(
                    "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                    char::from(c),
                    char::from(open),
                    open_line
                )
            } else {
                format!(
                    "closing parenthesis '{}' does not match opening parenthesis '{}'",
                    char::from(c),
                    char::from(open)
                )
            };
            return err(msg, span);
        }
        let pending = self.lambdas.pop().unwrap_or(0);
        self.lambda_total = self.lambda_total.saturating_sub(pending);
        self.i += 1;
        Ok(())
    }

    /// An identifier (or keyword, or string prefix).
    fn word(&mut self) -> PResult<()> {
        let start = self.i;
        while let Some(c) = self.peek_at(self.i) {
            if is_ident_ascii(c) {
                self.i += 1;
            } else if c >= 0x80 {
                let ch = self
                    .src
                    .get(self.i..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or(' ');
                if pest::unicode::XID_CONTINUE(ch) {
                    self.i += ch.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let word = self.src.get(start..self.i).unwrap_or("");
        if matches!(self.peek_at(self.i), Some(b'\'') | Some(b'"')) && is_string_prefix(word) {
            return self.string(start, self.i);
        }
        if word == "lambda" {
            if let Some(n) = self.lambdas.last_mut() {
                *n += 1;
            }
            self.lambda_total += 1;
            if self.lambda_total + self.brackets.len() + self.base_depth > MAX_PAREN_DEPTH {
                return Err(Fail::from(ParseError {
                    msg: "maximum recursion depth exceeded during compilation".into(),
                    span: Span::new(start, self.i),
                    kind: ParseErrorKind::Recursion,
                }));
            }
        }
        Ok(())
    }

    /// A string literal starting at `start` (its prefix) with the quote at `q`.
    fn string(&mut self, start: usize, q: usize) -> PResult<()> {
        let quote = self.peek_at(q).unwrap_or(b'"');
        let triple = self.peek_at(q + 1) == Some(quote) && self.peek_at(q + 2) == Some(quote);
        let mut k = q + if triple { 3 } else { 1 };
        loop {
            match self.peek_at(k) {
                None => return self.unterminated(start, q, triple),
                Some(b'\\') => {
                    k += 1;
                    match self.peek_at(k) {
                        Some(b'\r') if self.peek_at(k + 1) == Some(b'\n') => {
                            k += 2;
                            self.lineno += 1;
                        }
                        Some(b'\n') | Some(b'\r') => {
                            k += 1;
                            self.lineno += 1;
                        }
                        Some(_) => k += 1,
                        None => {}
                    }
                }
                Some(c @ (b'\n' | b'\r')) => {
                    if !triple {
                        self.i = k;
                        return self.unterminated(start, q, false);
                    }
                    if !(c == b'\r' && self.peek_at(k + 1) == Some(b'\n')) {
                        self.lineno += 1;
                    }
                    k += 1;
                }
                Some(c) if c == quote => {
                    if !triple {
                        k += 1;
                        break;
                    }
                    if self.peek_at(k + 1) == Some(quote) && self.peek_at(k + 2) == Some(quote) {
                        k += 3;
                        break;
                    }
                    k += 1;
                }
                Some(_) => k += 1,
            }
        }
        self.i = k;
        Ok(())
    }

    fn unterminated(&mut self, start: usize, q: usize, triple: bool) -> PResult<()> {
        if triple {
            let body = self.src.strip_suffix('\n').unwrap_or(self.src);
            let last_line = body.matches('\n').count() + 1;
            let fail = Fail::new(
                ParseError::syntax(
                    format!(
                        "unterminated triple-quoted string literal (detected at line {})",
                        last_line
                    ),
                    Span::new(start, q + 3),
                ),
                More::Lexical,
            );
            Err(fail)
        } else {
            err(
                format!(
                    "unterminated string literal (detected at line {})",
                    self.lineno
                ),
                Span::new(start, q + 1),
            )
        }
    }

    /// A number literal, validated as CPython's tokenizer does.
    fn number(&mut self) -> PResult<()> {
        let start = self.i;
        let c0 = self.peek_at(self.i).unwrap_or(b'0');
        if c0 == b'0' {
            let radix = match self.peek_at(self.i + 1) {
                Some(b'x' | b'X') => Some((16u32, "hexadecimal")),
                Some(b'o' | b'O') => Some((8, "octal")),
                Some(b'b' | b'B') => Some((2, "binary")),
                _ => None,
            };
            if let Some((radix, kind)) = radix {
                self.i += 2;
                return self.radix_digits(start, radix, kind);
            }
        }
        let mut nonzero_leading = false;
        if c0 == b'.' {
            self.i += 1;
            self.decimal_tail(start)?;
            return self.exponent_and_imag(start);
        }
        if c0 == b'0' {
            // Only zeros (with underscores) may follow a leading zero in an integer.
            while self.peek_at(self.i) == Some(b'0') {
                self.i += 1;
                if self.peek_at(self.i) == Some(b'_') {
                    self.i += 1;
                    if !self.peek_at(self.i).is_some_and(|d| d.is_ascii_digit()) {
                        return err("invalid decimal literal", Span::new(start, self.i));
                    }
                }
            }
            if self.peek_at(self.i).is_some_and(|d| d.is_ascii_digit()) {
                nonzero_leading = true;
                self.decimal_tail(start)?;
            }
        } else {
            self.decimal_tail(start)?;
        }
        match self.peek_at(self.i) {
            Some(b'.') => {
                self.i += 1;
                if self.peek_at(self.i).is_some_and(|d| d.is_ascii_digit()) {
                    self.decimal_tail(start)?;
                }
                self.exponent_and_imag(start)
            }
            Some(b'e' | b'E' | b'j' | b'J') => self.exponent_and_imag(start),
            _ if nonzero_leading => err(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                Span::new(start, self.i),
            ),
            _ => self.end_of_number(start, "decimal"),
        }
    }

    /// Digits with single underscores between them.
    fn decimal_tail(&mut self, start: usize) -> PResult<()> {
        loop {
            while self.peek_at(self.i).is_some_and(|d| d.is_ascii_digit()) {
                self.i += 1;
            }
            if self.peek_at(self.i) != Some(b'_') {
                return Ok(());
            }
            self.i += 1;
            if !self.peek_at(self.i).is_some_and(|d| d.is_ascii_digit()) {
                return err("invalid decimal literal", Span::new(start, self.i));
            }
        }
    }

    fn exponent_and_imag(&mut self, start: usize) -> PResult<()> {
        if let Some(b'e' | b'E') = self.peek_at(self.i) {
            let e_pos = self.i;
            let mut k = self.i + 1;
            if let Some(b'+' | b'-') = self.peek_at(k) {
                k += 1;
                if !self.peek_at(k).is_some_and(|d| d.is_ascii_digit()) {
                    return err("invalid decimal literal", Span::new(start, k));
                }
            } else if !self.peek_at(k).is_some_and(|d| d.is_ascii_digit()) {
                // `1else`: the number ends before the `e`.
                self.i = e_pos;
                return self.end_of_number(start, "decimal");
            }
            self.i = k;
            self.decimal_tail(start)?;
        }
        if let Some(b'j' | b'J') = self.peek_at(self.i) {
            self.i += 1;
            return self.end_of_number(start, "imaginary");
        }
        self.end_of_number(start, "decimal")
    }

    fn radix_digits(&mut self, start: usize, radix: u32, kind: &str) -> PResult<()> {
        loop {
            if self.peek_at(self.i) == Some(b'_') {
                self.i += 1;
            }
            let c = self.peek_at(self.i);
            if !c.is_some_and(|d| char::from(d).is_digit(radix)) {
                if let Some(d) = c.filter(u8::is_ascii_digit) {
                    return err(
                        format!("invalid digit '{}' in {} literal", char::from(d), kind),
                        Span::new(self.i, self.i + 1),
                    );
                }
                return err(
                    format!("invalid {} literal", kind),
                    Span::new(start, self.i),
                );
            }
            while self
                .peek_at(self.i)
                .is_some_and(|d| char::from(d).is_digit(radix))
            {
                self.i += 1;
            }
            if self.peek_at(self.i) != Some(b'_') {
                break;
            }
        }
        if let Some(d) = self.peek_at(self.i).filter(u8::is_ascii_digit) {
            return err(
                format!("invalid digit '{}' in {} literal", char::from(d), kind),
                Span::new(self.i, self.i + 1),
            );
        }
        self.end_of_number(start, kind)
    }

    /// CPython's `verify_end_of_number`: a number may be directly followed by the keywords
    /// `and else for if in is not or`, but not by other identifier characters.
    fn end_of_number(&mut self, start: usize, kind: &str) -> PResult<()> {
        let rest = self.b.get(self.i..).unwrap_or(&[]);
        let keyword_follows = ["and", "else", "for", "if", "in", "is", "not", "or"]
            .iter()
            .any(|kw| rest.starts_with(kw.as_bytes()));
        match rest.first() {
            Some(&c) if !keyword_follows && (is_ident_ascii(c) || c >= 0x80) => err(
                format!("invalid {} literal", kind),
                Span::new(start, self.i + 1),
            ),
            _ => Ok(()),
        }
    }
}
