//! f-string bodies: splitting the text between the quotes of `f"..."` into literal text and
//! `{expression=!conversion:spec}` fields, with CPython 3.11's rules and `SyntaxError`
//! messages (`fstring_find_literal` / `fstring_find_expr` in `Parser/string_parser.c`).
//!
//! Unlike `str.format` fields, an f-string field holds a Python expression, so the scanner
//! tracks brackets and quotes (`f"{d['}']}"`, `f"{x[1:2]}"`, `f"{a != b}"`) and the
//! self-documenting `=`. Expressions are returned as raw source text for the caller to parse
//! (CPython parses them wrapped in parentheses); literals are returned as raw source text too
//! (the first brace of `{{`/`}}` kept, the second dropped), since CPython decodes backslash
//! escapes only after the split (`f"\x7b"` is a literal brace, not a field).

use super::FormatError;

/// A piece of an f-string body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FStringPiece {
    /// Raw literal source text: decode its backslash escapes (unless the f-string is raw).
    Literal(String),
    /// A replacement field.
    Field(FStringField),
}

/// A replacement field `{expr=!c:spec}` of an f-string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FStringField {
    /// Source text of the expression (may carry surrounding whitespace or newlines).
    pub expr: String,
    /// For the self-documenting form `{x = }`: the text `x = ` to print before the value.
    pub debug_text: Option<String>,
    /// `s`, `r` or `a`. The `=` form without conversion and without spec defaults to `r`.
    pub conversion: Option<char>,
    /// The format spec after `:`, itself literal text and nested fields (`{x:>{w}}`);
    /// `Some(vec![])` for an empty spec (`{x:}`), which differs from no spec for `=` fields.
    pub spec: Option<Vec<FStringPiece>>,
}

/// Splits an f-string body (the text between the quotes, prefix and quotes removed).
/// `raw` is true for `rf"..."`/`fr"..."`, where backslashes do not escape.
///
/// Errors are `SyntaxError`s with CPython 3.11's messages, e.g.
/// `f-string: single '}' is not allowed`, `f-string: expecting '}'`,
/// `f-string: empty expression not allowed`. Errors inside an expression itself are found
/// later by the caller's parser (CPython checks them right after scanning each expression, so
/// a later scanner error may win here where CPython would report the expression's).
pub fn parse_fstring(body: &str, raw: bool) -> Result<Vec<FStringPiece>, FormatError> {
    let mut p = Scanner {
        chars: body.chars().collect(),
        pos: 0,
        raw,
    };
    let mut out = Vec::new();
    p.concat(0, &mut out)?;
    Ok(out)
}

/// Deepest bracket nesting inside one expression (`MAXLEVEL` in the tokenizer).
const MAX_LEVEL: usize = 200;

fn syntax(msg: impl Into<String>) -> FormatError {
    FormatError {
        exc_type: "SyntaxError",
        message: msg.into(),
    }
}

fn expecting_brace() -> FormatError {
    syntax("f-string: expecting '}'")
}

struct Scanner {
    chars: Vec<char>,
    pos: usize,
    raw: bool,
}

impl Scanner {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars.get(start..end).unwrap_or(&[]).iter().collect()
    }

    /// `_PyPegen_FstringParser_ConcatFstring`: literal/field pairs until the end (level 0) or
    /// the `}` closing a format spec (deeper levels).
    fn concat(&mut self, level: usize, out: &mut Vec<FStringPiece>) -> Result<(), FormatError> {
        loop {
            let (literal, doubled) = self.find_literal(level)?;
            if let Some(l) = literal {
                out.push(FStringPiece::Literal(l));
            }
            if doubled {
                continue;
            }
            match self.at(self.pos) {
                None | Some('}') => break,
                Some(_) => {
                    let field = self.find_expr(level)?;
                    out.push(FStringPiece::Field(field));
                }
            }
        }
        if level != 0 && self.at(self.pos) != Some('}') {
            return Err(expecting_brace());
        }
        Ok(())
    }

    /// `fstring_find_literal`: literal text up to a `{`/`}`. Returns the literal and whether
    /// it ended at a doubled brace (whose second half was skipped).
    fn find_literal(&mut self, level: usize) -> Result<(Option<String>, bool), FormatError> {
        let start = self.pos;
        let mut doubled = false;
        while let Some(mut ch) = self.at(self.pos) {
            self.pos += 1;
            if !self.raw && ch == '\\' {
                if let Some(next) = self.at(self.pos) {
                    ch = next;
                    self.pos += 1;
                    if ch == 'N' {
                        // "\N{NAME}" is an escape, not a field: skip to its closing brace.
                        if let Some(c) = self.at(self.pos) {
                            self.pos += 1;
                            if c == '{' {
                                while let Some(c) = self.at(self.pos) {
                                    self.pos += 1;
                                    if c == '}' {
                                        break;
                                    }
                                }
                            }
                        }
                        continue;
                    }
                }
            }
            if ch == '{' || ch == '}' {
                // Doubled braces are only checked at the top level, so that `{0:{3}}` works.
                if level == 0 {
                    if self.at(self.pos) == Some(ch) {
                        doubled = true;
                        break;
                    }
                    if ch == '}' {
                        return Err(syntax("f-string: single '}' is not allowed"));
                    }
                }
                self.pos -= 1;
                break;
            }
        }
        let end = self.pos;
        if doubled {
            // Skip the second brace when scanning resumes.
            self.pos += 1;
        }
        let literal = (end != start).then(|| self.text(start, end));
        Ok((literal, doubled))
    }

    /// `fstring_find_expr`: one field, starting at its `{`.
    fn find_expr(&mut self, level: usize) -> Result<FStringField, FormatError> {
        if level >= 2 {
            return Err(syntax("f-string: expressions nested too deeply"));
        }
        self.pos += 1;
        let expr_start = self.pos;
        let mut quote: Option<char> = None;
        let mut triple = false;
        let mut stack: Vec<char> = Vec::new();
        while let Some(ch) = self.at(self.pos) {
            if ch == '\\' {
                return Err(syntax(
                    "f-string expression part cannot include a backslash",
                ));
            }
            if let Some(q) = quote {
                if ch == q {
                    if !triple {
                        quote = None;
                    } else if self.at(self.pos + 1) == Some(ch) && self.at(self.pos + 2) == Some(ch)
                    {
                        self.pos += 2;
                        quote = None;
                    }
                }
                self.pos += 1;
                continue;
            }
            match ch {
                '\'' | '"' => {
                    triple = self.at(self.pos + 1) == Some(ch) && self.at(self.pos + 2) == Some(ch);
                    if triple {
                        self.pos += 2;
                    }
                    quote = Some(ch);
                }
                '[' | '{' | '(' => {
                    if stack.len() >= MAX_LEVEL {
                        return Err(syntax("f-string: too many nested parenthesis"));
                    }
                    stack.push(ch);
                }
                '#' => return Err(syntax("f-string expression part cannot include '#'")),
                '!' | ':' | '}' | '=' | '>' | '<' if stack.is_empty() => {
                    // Two-character operators do not end the expression.
                    if self.at(self.pos + 1) == Some('=') && matches!(ch, '!' | '=' | '<' | '>') {
                        self.pos += 2;
                        continue;
                    }
                    if ch != '>' && ch != '<' {
                        break;
                    }
                }
                ']' | '}' | ')' => {
                    let Some(opening) = stack.pop() else {
                        return Err(syntax(format!("f-string: unmatched '{ch}'")));
                    };
                    let matched = matches!((opening, ch), ('(', ')') | ('[', ']') | ('{', '}'));
                    if !matched {
                        return Err(syntax(format!(
                            "f-string: closing parenthesis '{ch}' does not match opening parenthesis '{opening}'"
                        )));
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        let expr_end = self.pos;
        if quote.is_some() {
            return Err(syntax("f-string: unterminated string"));
        }
        if let Some(opening) = stack.last() {
            return Err(syntax(format!("f-string: unmatched '{opening}'")));
        }
        let Some(stop) = self.at(self.pos) else {
            return Err(expecting_brace());
        };
        let expr = self.text(expr_start, expr_end);
        if expr
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\n' | '\x0c'))
        {
            return Err(syntax(if matches!(stop, '!' | ':' | '=') {
                format!("f-string: expression required before '{stop}'")
            } else {
                "f-string: empty expression not allowed".to_string()
            }));
        }
        let mut field = FStringField {
            expr,
            debug_text: None,
            conversion: None,
            spec: None,
        };
        if stop == '=' {
            self.pos += 1;
            while self
                .at(self.pos)
                .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'))
            {
                self.pos += 1;
            }
            if self.pos >= self.chars.len() {
                return Err(expecting_brace());
            }
            field.debug_text = Some(self.text(expr_start, self.pos));
        }
        if self.at(self.pos) == Some('!') {
            self.pos += 1;
            let conv = self.at(self.pos).ok_or_else(expecting_brace)?;
            self.pos += 1;
            if !matches!(conv, 's' | 'r' | 'a') {
                return Err(syntax(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                ));
            }
            field.conversion = Some(conv);
        }
        if self.at(self.pos) == Some(':') {
            self.pos += 1;
            if self.pos >= self.chars.len() {
                return Err(expecting_brace());
            }
            let mut spec = Vec::new();
            self.concat(level + 1, &mut spec)?;
            field.spec = Some(spec);
        }
        if self.at(self.pos) != Some('}') {
            return Err(expecting_brace());
        }
        self.pos += 1;
        if field.debug_text.is_some() && field.spec.is_none() && field.conversion.is_none() {
            field.conversion = Some('r');
        }
        Ok(field)
    }
}
