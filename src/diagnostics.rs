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
    let width = if end_line == line {
        end_col.saturating_sub(col).max(1)
    } else {
        trimmed
            .chars()
            .count()
            .saturating_sub(col - 1 - indent)
            .max(1)
    };
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
    for n in broadcast_notes(&e.msg) {
        out.push((Style::Note, format!("{n}\n")));
    }
    out
}

/// For NumPy's broadcasting error (`operands could not be broadcast together with shapes (3,4)
/// (3,) `): the shapes right-aligned, one per row, with the clashing axes marked.
pub fn broadcast_notes(msg: &str) -> Vec<String> {
    let Some(rest) = msg.strip_prefix("operands could not be broadcast together with shapes ")
    else {
        return Vec::new();
    };
    let labels: Vec<&str> = rest.split_whitespace().collect();
    let parse = |t: &str| -> Option<Vec<usize>> {
        let inner = t.strip_prefix('(')?.strip_suffix(')')?;
        inner
            .split(',')
            .filter(|d| !d.trim().is_empty())
            .map(|d| d.trim().parse().ok())
            .collect()
    };
    let Some(shapes) = labels.iter().map(|l| parse(l)).collect::<Option<Vec<_>>>() else {
        return Vec::new();
    };
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    if shapes.len() < 2 || ndim == 0 {
        return Vec::new();
    }
    // Column k holds axis k - ndim of every shape that has it.
    let dim = |s: &Vec<usize>, k: usize| {
        (k + s.len())
            .checked_sub(ndim)
            .and_then(|i| s.get(i).copied())
    };
    let mut widths = vec![1usize; ndim];
    let mut clashes: Vec<(usize, Vec<usize>)> = Vec::new();
    for (k, w) in widths.iter_mut().enumerate() {
        let mut sizes: Vec<usize> = Vec::new();
        for s in &shapes {
            if let Some(d) = dim(s, k) {
                *w = (*w).max(d.to_string().len());
                if d != 1 && !sizes.contains(&d) {
                    sizes.push(d);
                }
            }
        }
        if sizes.len() > 1 {
            clashes.push((k, sizes));
        }
    }
    let label_width = labels.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut notes = vec![
        "broadcasting aligns shapes on the right; on each axis the sizes must be equal, or 1:"
            .to_string(),
    ];
    for (label, s) in labels.iter().zip(&shapes) {
        let mut row = format!("    {label:<label_width$}  ");
        for (k, w) in widths.iter().enumerate() {
            match dim(s, k) {
                Some(d) => row.push_str(&format!(" {d:>w$}")),
                None => row.push_str(&" ".repeat(w + 1)),
            }
        }
        notes.push(row);
    }
    let mut marks = format!("    {:label_width$}  ", "");
    for (k, w) in widths.iter().enumerate() {
        let c = if clashes.iter().any(|(c, _)| *c == k) {
            "^"
        } else {
            " "
        };
        marks.push_str(&format!(" {}", c.repeat(*w)));
    }
    let what: Vec<String> = clashes
        .iter()
        .map(|(k, sizes)| {
            let sizes: Vec<String> = sizes.iter().map(|d| d.to_string()).collect();
            format!(
                "axis {}: {}",
                *k as isize - ndim as isize,
                sizes.join(" vs ")
            )
        })
        .collect();
    notes.push(format!("{} {}", marks.trim_end(), what.join(", ")));
    notes
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
