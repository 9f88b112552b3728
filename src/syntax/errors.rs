//! Parse errors: the public `ParseError` (CPython's `SyntaxError` family, with CPython's message
//! texts) and the parser-internal `Fail`, which also records whether the input merely ended too
//! early (what the REPL needs to decide between "more lines, please" and "error").

use std::fmt;

use super::span::Span;

/// Which Python exception a parse error becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` ("unexpected indent", "expected an indented block after ...",
    /// "unindent does not match any outer indentation level", "too many levels of indentation").
    Indentation,
    /// `TabError` (a subclass of `IndentationError`): "inconsistent use of tabs and spaces in
    /// indentation".
    Tab,
    /// `RecursionError`: the expression is nested too deeply to build ("maximum recursion depth
    /// exceeded during compilation"), like CPython's limit of roughly 3000 levels.
    Recursion,
}

/// A syntax error with CPython's message and the byte range of the offending token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The message, e.g. `invalid syntax`, `'(' was never closed`, `expected ':'`.
    pub msg: String,
    /// The offending token (for "was never closed", the opening bracket); may be empty at the
    /// end of the input.
    pub span: Span,
    /// The exception class to raise.
    pub kind: ParseErrorKind,
}

impl ParseError {
    /// A `SyntaxError`.
    pub fn syntax(msg: impl Into<String>, span: Span) -> ParseError {
        ParseError {
            msg: msg.into(),
            span,
            kind: ParseErrorKind::Syntax,
        }
    }

    /// An `IndentationError`.
    pub fn indentation(msg: impl Into<String>, span: Span) -> ParseError {
        ParseError {
            msg: msg.into(),
            span,
            kind: ParseErrorKind::Indentation,
        }
    }

    /// The Python exception class name (`SyntaxError`, `IndentationError`, ...).
    pub fn class_name(&self) -> &'static str {
        match self.kind {
            ParseErrorKind::Syntax => "SyntaxError",
            ParseErrorKind::Indentation => "IndentationError",
            ParseErrorKind::Tab => "TabError",
            ParseErrorKind::Recursion => "RecursionError",
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class_name(), self.msg)
    }
}

impl std::error::Error for ParseError {}

/// Whether a failure only happened because the input stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum More {
    /// A real error.
    No,
    /// Inside an open bracket, a triple-quoted string or after a trailing backslash: more
    /// lines are always welcome.
    Lexical,
    /// A block header without its body (or a `try` without handlers, a decorator without its
    /// `def`): more lines are welcome until a blank line closes the input.
    Block,
}

/// A parse failure inside the parser, with its incompleteness (for the REPL).
#[derive(Debug, Clone)]
pub(crate) struct Fail {
    pub error: ParseError,
    pub more: More,
    /// Where parsing stopped, when that differs from the start of `error.span` (a "forgot a
    /// comma?" span starts at the element before the failure).
    pub at: Option<usize>,
}

impl Fail {
    /// A failure with an explicit incompleteness.
    pub(crate) fn new(error: ParseError, more: More) -> Fail {
        Fail {
            error,
            more,
            at: None,
        }
    }

    /// Where parsing stopped.
    pub(crate) fn position(&self) -> usize {
        self.at.unwrap_or(self.error.span.lo())
    }
}

impl From<ParseError> for Fail {
    fn from(error: ParseError) -> Fail {
        Fail::new(error, More::No)
    }
}

/// Internal result type.
pub(crate) type PResult<T> = Result<T, Fail>;

/// A `SyntaxError` failure.
pub(crate) fn syntax<T>(msg: impl Into<String>, span: Span) -> PResult<T> {
    Err(Fail::from(ParseError::syntax(msg, span)))
}

/// The span of the character at byte `pos` of `text` (empty at the end).
pub(crate) fn char_span(text: &str, pos: usize) -> Span {
    let len = text
        .get(pos..)
        .and_then(|s| s.chars().next())
        .map_or(0, char::len_utf8);
    Span::new(pos, pos + len)
}
