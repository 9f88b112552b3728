//! Turning a pest failure on one logical line into CPython's `SyntaxError` message.
//!
//! Pest reports the furthest position it reached and the rules it tried there. That position is
//! the token CPython's parser fails on, too; the message is then refined with CPython's most
//! common specialised diagnostics: "expected ':'", "Perhaps you forgot a comma?", "Maybe you
//! meant '==' or ':=' instead of '='?", "expected 'else' after 'if' expression",
//! "Missing parentheses in call to 'print'", ... and otherwise "invalid syntax" on the token.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::ast::ExprKind;
use super::errors::{Fail, ParseError, ParseErrorKind};
use super::parser::{probe_expression, Rule};
use super::span::Span;
use super::targets::{expr_name, gets_equality_hint, invalid_target, TargetCtx};

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The end of the token starting at byte `pos` of `text`.
pub(crate) fn token_end(text: &str, pos: usize) -> usize {
    let rest = text.get(pos..).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return pos;
    };
    let next_is_digit = rest
        .get(1..)
        .is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit()));
    if c.is_ascii_digit() || c == '.' && next_is_digit {
        let mut k = 1;
        let mut prev = c;
        for d in rest.chars().skip(1) {
            let sign = matches!(d, '+' | '-') && matches!(prev, 'e' | 'E');
            if !(d.is_ascii_alphanumeric() || d == '_' || d == '.' || sign) {
                break;
            }
            k += d.len_utf8();
            prev = d;
        }
        return pos + k;
    }
    if is_ident_char(c) {
        let word_len = rest.find(|d: char| !is_ident_char(d)).unwrap_or(rest.len());
        let after = rest.get(word_len..).unwrap_or("");
        if after.starts_with(['\'', '"']) && word_len <= 2 {
            return string_end(text, pos + word_len);
        }
        return pos + word_len.max(c.len_utf8());
    }
    if c == '\'' || c == '"' {
        return string_end(text, pos);
    }
    for op in [
        "**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "->",
        ":=", "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=", "^=",
    ] {
        if rest.starts_with(op) {
            return pos + op.len();
        }
    }
    pos + c.len_utf8()
}

/// The end of the string literal whose opening quote is at `q`.
fn string_end(text: &str, q: usize) -> usize {
    let rest = text.get(q..).unwrap_or("");
    let Some(quote) = rest.chars().next() else {
        return q;
    };
    let triple: String = std::iter::repeat_n(quote, 3).collect();
    let (delim, mut k) = if rest.starts_with(&triple) {
        (triple, 3)
    } else {
        (quote.to_string(), 1)
    };
    while let Some(tail) = rest.get(k..).filter(|t| !t.is_empty()) {
        if tail.starts_with('\\') {
            k += 1 + tail
                .get(1..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8);
            continue;
        }
        if tail.starts_with(&delim) {
            return q + k + delim.len();
        }
        k += tail.chars().next().map_or(1, char::len_utf8);
    }
    q + rest.len()
}

/// Open brackets (char, index) at `pos`, skipping string literals.
fn open_brackets(text: &str, pos: usize) -> Vec<(char, usize)> {
    let mut stack = Vec::new();
    let mut i = 0;
    while i < pos {
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        match c {
            '\'' | '"' => {
                i = string_end(text, i);
                continue;
            }
            '(' | '[' | '{' => stack.push((c, i)),
            ')' | ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    stack
}

/// The word (identifier or keyword) that ends just before `end`, if any.
fn word_before(text: &str, end: usize) -> &str {
    let before = text.get(..end).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_ident_char(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    before.get(start..).unwrap_or("")
}

/// Whether the code before `end` (whitespace trimmed) ends with a complete operand.
fn ends_operand(text: &str, end: usize) -> bool {
    let before = text.get(..end).unwrap_or("").trim_end();
    let Some(last) = before.chars().last() else {
        return false;
    };
    if matches!(last, ')' | ']' | '}' | '\'' | '"') {
        return true;
    }
    if last == '.' {
        // `20.` is a float; `0.5.` is a float followed by an attribute dot.
        let body = before.get(..before.len() - 1).unwrap_or("");
        let digits = body.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
        return digits.len() < body.len()
            && !digits.ends_with('.')
            && !digits.ends_with(is_ident_char);
    }
    if is_ident_char(last) {
        let word = word_before(before, before.len());
        return !KEYWORDS.contains(&word) || matches!(word, "True" | "False" | "None");
    }
    false
}

/// Whether the token at `pos` starts an operand.
fn starts_operand(text: &str, pos: usize) -> bool {
    let rest = text.get(pos..).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return false;
    };
    if is_ident_char(c) {
        let word: String = rest.chars().take_while(|&d| is_ident_char(d)).collect();
        return !KEYWORDS.contains(&word.as_str())
            || matches!(word.as_str(), "True" | "False" | "None" | "lambda");
    }
    matches!(c, '\'' | '"' | '(' | '[' | '{' | '~')
        || c == '.'
            && rest
                .get(1..)
                .is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit()))
}

/// Start of the bracket element containing `pos`: after the innermost open bracket or the
/// last top-level comma in it.
fn element_start(text: &str, open: usize, pos: usize) -> usize {
    let mut depth = 0i32;
    let mut start = open + 1;
    let mut i = open + 1;
    while i < pos {
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        match c {
            '\'' | '"' => {
                i = string_end(text, i);
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => start = i + 1,
            _ => {}
        }
        i += c.len_utf8();
    }
    let skipped = text
        .get(start..pos)
        .map_or(0, |s| s.len() - s.trim_start().len());
    start + skipped
}

/// Maps a pest error on `text` (a logical line starting at `offset`) to CPython's message.
pub(crate) fn diagnose(err: &Error<Rule>, text: &str, offset: usize) -> Fail {
    let raw_pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
    .min(text.len());
    let pos = token_start(text, raw_pos);
    let mut fail = diagnose_at(err, text, offset, pos);
    fail.at = Some(offset + pos);
    fail
}

/// The start of the token that contains byte `pos` of `text` (pest can fail inside a token,
/// e.g. after the `f` of `f'...'`).
fn token_start(text: &str, pos: usize) -> usize {
    let mut t = 0;
    while t < pos {
        let end = token_end(text, t).max(t + 1);
        if pos < end {
            return t;
        }
        t = end;
        t += text.get(t..).map_or(0, |s| s.len() - s.trim_start().len());
    }
    pos
}

fn diagnose_at(err: &Error<Rule>, text: &str, offset: usize, pos: usize) -> Fail {
    let abs = |a: usize, b: usize| Span::new(offset + a, offset + b.max(a));
    let positives: &[Rule] = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { message } => {
            let kind = if message.contains("limit") {
                ParseErrorKind::Recursion
            } else {
                ParseErrorKind::Syntax
            };
            let msg = if kind == ParseErrorKind::Recursion {
                "maximum recursion depth exceeded during compilation".to_string()
            } else {
                "invalid syntax".to_string()
            };
            return Fail::from(ParseError {
                msg,
                span: abs(pos, pos),
                kind,
            });
        }
    };
    let rest = text.get(pos..).unwrap_or("");
    let at_eol = rest.trim().is_empty();
    let head = text.trim_start();
    let first_word: String = head.chars().take_while(|&c| is_ident_char(c)).collect();
    let tok_end = token_end(text, pos);
    let fail = |msg: &str, span: Span| Fail::from(ParseError::syntax(msg, span));

    if at_eol && positives.contains(&Rule::header_colon) {
        return fail("expected ':'", abs(pos, pos));
    }
    if positives.contains(&Rule::kw_else) && !positives.contains(&Rule::header_colon) {
        return fail("expected 'else' after 'if' expression", abs(pos, tok_end));
    }
    if (first_word == "print" || first_word == "exec") && !at_eol {
        let after = head.get(first_word.len()..).unwrap_or("");
        let lead = text.len() - head.len();
        if pos == lead + first_word.len() + (after.len() - after.trim_start().len())
            && starts_operand(text, pos)
        {
            let msg = format!(
                "Missing parentheses in call to '{}'. Did you mean {}(...)?",
                first_word, first_word
            );
            return fail(&msg, abs(lead, text.trim_end().len()));
        }
    }
    let brackets = open_brackets(text, pos);
    if rest.starts_with('=') && !rest.starts_with("==") {
        let after_eq = rest.get(1..).unwrap_or("");
        let value_end = token_end(
            text,
            pos + 1 + (after_eq.len() - after_eq.trim_start().len()),
        );
        let header = brackets.is_empty() && matches!(first_word.as_str(), "if" | "elif" | "while");
        let start = match brackets.last() {
            Some(&(_, open)) => Some(element_start(text, open, pos)),
            None if header => {
                let lead = text.len() - head.len() + first_word.len();
                Some(
                    lead + text
                        .get(lead..)
                        .map_or(0, |s| s.len() - s.trim_start().len()),
                )
            }
            None => None,
        };
        let value_at = text.len() - after_eq.trim_start().len();
        let value_ok =
            starts_operand(text, value_at) || after_eq.trim_start().starts_with(['-', '+', '~']);
        if let Some(start) =
            start.filter(|&s| s < pos && !text.get(s..).unwrap_or("").starts_with('*'))
        {
            let in_call = brackets
                .last()
                .is_some_and(|&(c, open)| c == '(' && ends_operand(text, open));
            if in_call {
                return fail(
                    "expression cannot contain assignment, perhaps you meant \"==\"?",
                    abs(start, value_end),
                );
            }
            let elem = text.get(start..pos).unwrap_or("").trim_end();
            let is_name = elem.chars().all(is_ident_char)
                && !elem.starts_with(|c: char| c.is_ascii_digit())
                && !KEYWORDS.contains(&elem);
            if is_name && value_ok {
                return fail(
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    abs(start, value_end),
                );
            }
            if let Some((node, used)) = probe_expression(elem, offset + start).filter(|_| value_ok)
            {
                if used == elem.len() && gets_equality_hint(&node) {
                    let msg = format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(&node.expr)
                    );
                    return fail(&msg, node.outer);
                }
            }
        }
    }
    if rest.starts_with(":=") {
        if let Some(&(_, open)) = brackets.last() {
            let start = element_start(text, open, pos);
            let elem = text.get(start..pos).unwrap_or("").trim_end();
            if let Some((node, used)) = probe_expression(elem, offset + start) {
                if used == elem.len() && !elem.is_empty() {
                    let msg = format!(
                        "cannot use assignment expressions with {}",
                        expr_name(&node.expr)
                    );
                    return fail(&msg, node.outer);
                }
            }
        }
    }
    if let Some(&(_, open)) = brackets.last() {
        let prev_word = word_before(
            text.get(..pos).unwrap_or("").trim_end(),
            text.get(..pos).unwrap_or("").trim_end().len(),
        );
        let name_then_string = !prev_word.is_empty() && rest.starts_with(['\'', '"']);
        let def_params = first_word == "def" && brackets.len() == 1;
        if ends_operand(text, pos) && starts_operand(text, pos) && !name_then_string && !def_params
        {
            let start = element_start(text, open, pos);
            return fail(
                "invalid syntax. Perhaps you forgot a comma?",
                abs(start, tok_end),
            );
        }
    }
    if brackets.last().is_some_and(|&(c, _)| c == '{') && rest.starts_with(['}', ',']) {
        let before = text.get(..pos).unwrap_or("").trim_end();
        if before.ends_with(':') {
            let colon = before.len() - 1;
            return fail(
                "expression expected after dictionary key and ':'",
                abs(colon, colon + 1),
            );
        }
    }
    if first_word == "from" && at_eol && text.get(..pos).unwrap_or("").trim_end().ends_with(',') {
        return fail(
            "trailing comma not allowed without surrounding parentheses",
            abs(pos, pos),
        );
    }
    if first_word == "except" && rest.starts_with(',') && brackets.is_empty() {
        let lead = text.len() - head.len() + first_word.len();
        let start = lead
            + text
                .get(lead..)
                .map_or(0, |s| s.len() - s.trim_start().len());
        let end = text.rfind(':').unwrap_or(text.len());
        let end = start + text.get(start..end).map_or(0, |s| s.trim_end().len());
        return fail(
            "multiple exception types must be parenthesized",
            abs(start, end),
        );
    }
    fail("invalid syntax", abs(pos, tok_end))
}

/// Whether CPython's parser, failing at `err` with the bracket at `bracket` never closed,
/// would have read to the end of the input (and so reported "'(' was never closed"): the
/// failure is at the end, on a later line than the bracket, or where an expression starts
/// right after another one and runs to the end of the input.
pub(crate) fn reads_to_eof(src: &str, text: &str, err: usize, bracket: usize) -> bool {
    let rest = text.get(err..).unwrap_or("");
    if rest.trim().is_empty() {
        return true;
    }
    let line_of = |p: usize| src.get(..p).map_or(0, |s| s.matches('\n').count());
    if line_of(err) > line_of(bracket) {
        return true;
    }
    if !ends_operand(text, err) || !starts_operand(text, err) {
        return false;
    }
    let closers: String = open_brackets(text, text.len())
        .iter()
        .rev()
        .filter(|&&(_, at)| at >= err)
        .map(|&(c, _)| match c {
            '(' => ')',
            '[' => ']',
            _ => '}',
        })
        .collect();
    let probe = format!("{}{}", rest.trim_end(), closers);
    match <super::parser::PyParser as pest::Parser<Rule>>::parse(Rule::eval_input, &probe) {
        Ok(_) => true,
        Err(e) => {
            let at = match e.location {
                InputLocation::Pos(p) => p,
                InputLocation::Span((s, _)) => s,
            };
            at >= rest.trim_end().len()
        }
    }
}

/// For a line pest rejected: CPython first reports an invalid assignment or `for` target
/// (`1 = x`, `f() = 1`, `for 1 in x`) even when the rest of the line is also broken.
pub(crate) fn invalid_target_in_failed_line(text: &str, offset: usize) -> Option<ParseError> {
    let head = text.trim_start();
    let lead = text.len() - head.len();
    if let Some(after_for) = head
        .strip_prefix("for")
        .filter(|r| r.starts_with([' ', '\t', '(', '[']))
    {
        let start = lead + 3;
        let (node, _) = probe_expression(after_for, offset + start)?;
        let target = match &node.expr.kind {
            ExprKind::Compare { left, ops }
                if ops
                    .first()
                    .is_some_and(|(op, _)| *op == super::ast::CmpOp::In) =>
            {
                left
            }
            _ => &node.expr,
        };
        let (bad, msg) = invalid_target(target, TargetCtx::Assign, false)?;
        return Some(ParseError::syntax(msg, bad.span));
    }
    let (node, used) = probe_expression(text, offset)?;
    let after = text.get(used..).unwrap_or("").trim_start();
    if !after.starts_with('=') || after.starts_with("==") {
        return None;
    }
    let (bad, msg) = invalid_target(&node.expr, TargetCtx::Assign, false)?;
    let whole = std::ptr::eq(bad, &node.expr);
    let value = after.get(1..).unwrap_or("").trim_start();
    let value_at = text.len() - value.len();
    let bitor_value = starts_operand(text, value_at) || value.starts_with(['-', '+', '~']);
    if whole && gets_equality_hint(&node) && bitor_value {
        let msg = format!("{} here. Maybe you meant '==' instead of '='?", msg);
        return Some(ParseError::syntax(msg, node.outer));
    }
    Some(ParseError::syntax(
        msg,
        if whole { node.outer } else { bad.span },
    ))
}
