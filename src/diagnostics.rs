//! Turning an exception into what a person reads: a Python-style traceback with
//! `file:line:col`, the source line, and the failing sub-expression underlined (a range, not a
//! column), plus notes (e.g. "Did you mean", the broadcasting explanation).
//!
//! The output is a list of styled fragments so the REPL can colour it and tests and
//! non-terminals get plain text.

use crate::errors::{ExcType, Exception};
use crate::interp::{FrameInfo, Source};
use crate::syntax::span::{line_col, line_text};

/// How a fragment should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Dim,
    Location,
    Caret,
    ErrorType,
    Note,
}

/// Styled text fragments.
pub type Markup = Vec<(Style, String)>;

/// Plain text of markup.
pub fn plain(m: &Markup) -> String {
    m.iter().map(|(_, s)| s.as_str()).collect()
}

/// Render the source excerpt for `span` in source `src`: location line, code line, carets.
fn excerpt(out: &mut Markup, src: &Source, start: usize, end: usize, func: Option<&str>) {
    let (line, col) = line_col(&src.text, start);
    let loc = match func {
        Some(f) => format!("  File \"{}\", line {line}, col {col}, in {f}\n", src.name),
        None => format!("  File \"{}\", line {line}, col {col}\n", src.name),
    };
    out.push((Style::Location, loc));
    let text = line_text(&src.text, line);
    let trimmed = text.trim_start();
    let indent = text.chars().count() - trimmed.chars().count();
    out.push((Style::Plain, format!("    {trimmed}\n")));
    let (end_line, end_col) = line_col(&src.text, end.max(start + 1));
    let width = if end_line == line { end_col.saturating_sub(col).max(1) } else { trimmed.chars().count().saturating_sub(col - 1 - indent).max(1) };
    let pad = " ".repeat(4 + col.saturating_sub(1 + indent));
    out.push((Style::Caret, format!("{pad}{}\n", "^".repeat(width))));
}

/// A full traceback for an uncaught exception.
pub fn traceback(e: &Exception, sources: &[Source], frames: &[FrameInfo]) -> Markup {
    let mut out: Markup = Vec::new();
    if e.ty == ExcType::SyntaxError || e.ty == ExcType::IndentationError {
        if let (Some(span), Some(src)) = (e.span, e.source_id.and_then(|i| sources.get(i))) {
            excerpt(&mut out, src, span.lo(), span.hi(), None);
        }
    } else {
        out.push((Style::Dim, "Traceback (most recent call last):\n".into()));
        // The call sites of each frame (outermost first), then the innermost location.
        for f in frames {
            if let Some(src) = sources.get(f.caller_source) {
                excerpt(&mut out, src, f.call_span.lo(), f.call_span.hi(), None);
            }
        }
        if let (Some(span), Some(src)) = (e.span, e.source_id.and_then(|i| sources.get(i))) {
            let func = frames.last().map(|f| f.func_name.to_string());
            excerpt(&mut out, src, span.lo(), span.hi(), func.as_deref());
        }
    }
    out.push((Style::ErrorType, e.ty.name().to_string()));
    if !e.msg.is_empty() {
        out.push((Style::Plain, format!(": {}", e.msg)));
    }
    out.push((Style::Plain, "\n".into()));
    for n in &e.notes {
        out.push((Style::Note, format!("{n}\n")));
    }
    out
}

/// Colour markup for a terminal with owo-colors.
pub fn colored(m: &Markup) -> String {
    use owo_colors::OwoColorize;
    let mut s = String::new();
    for (style, text) in m {
        let piece = match style {
            Style::Plain => text.clone(),
            Style::Dim => text.dimmed().to_string(),
            Style::Location => text.cyan().to_string(),
            Style::Caret => text.red().bold().to_string(),
            Style::ErrorType => text.red().bold().to_string(),
            Style::Note => text.yellow().to_string(),
        };
        s.push_str(&piece);
    }
    s
}
