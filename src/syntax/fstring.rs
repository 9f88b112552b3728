//! String atoms: adjacent literals concatenated into one `Str`, `Bytes` or `FString`, and the
//! parsing of f-string bodies with Python 3.11's rules.
//!
//! An f-string body is scanned here: `{{`/`}}` are literal braces, `{expr[=][!c][:spec]}` is a
//! replacement field whose expression ends at a top-level `!`, `:`, `=` or `}` (brackets and
//! nested string literals of another quote kind are skipped), and whose spec may itself contain
//! fields (one level deep). Each field expression is parsed by the full expression grammar (as
//! if parenthesized) at its exact source offset, so its spans point into the original source.

use std::rc::Rc;

use super::ast::{Constant, ExprKind, FStringPart};
use super::build_expr::{Builder, Node, P};
use super::errors::{syntax, PResult};
use super::literals::{decode_bytes, decode_str, split_string_token};
use super::span::Span;

/// Builds the node for adjacent string literals `parts` (whole group spans `span`).
pub(crate) fn concat_strings(b: &mut Builder<'_>, parts: &[P<'_>], span: Span) -> PResult<Node> {
    let mut any_bytes = None;
    let mut any_str = None;
    let mut any_f = false;
    for part in parts {
        let st = split_string_token(part.as_str());
        if st.bytes {
            any_bytes.get_or_insert(b.span(part));
        } else {
            any_str.get_or_insert(b.span(part));
        }
        any_f |= st.fstring;
    }
    if let (Some(bs), Some(ss)) = (any_bytes, any_str) {
        return syntax(
            "cannot mix bytes and nonbytes literals",
            if bs.lo() > ss.lo() { bs } else { ss },
        );
    }
    if any_bytes.is_some() {
        let mut out = Vec::new();
        for part in parts {
            let sp = b.span(part);
            let st = split_string_token(part.as_str());
            out.extend(decode_bytes(st.body, st.raw, sp, sp.lo() + st.body_start)?);
        }
        return Ok(Node::new(
            ExprKind::Constant(Constant::Bytes(Rc::from(out))),
            span,
            1,
        ));
    }
    if !any_f {
        let mut out = String::new();
        for part in parts {
            let sp = b.span(part);
            let st = split_string_token(part.as_str());
            out.push_str(&decode_str(st.body, st.raw, sp.lo() + st.body_start)?);
        }
        return Ok(Node::new(
            ExprKind::Constant(Constant::Str(Rc::from(out))),
            span,
            1,
        ));
    }
    let mut out: Vec<FStringPart> = Vec::new();
    let mut depth = 0;
    for part in parts {
        let sp = b.span(part);
        let st = split_string_token(part.as_str());
        let abs = sp.lo() + st.body_start;
        if st.fstring {
            let mut fp = FParser {
                b,
                body: st.body,
                abs,
                raw: st.raw,
                depth: 0,
            };
            let (pieces, _) = fp.parts(0, 0)?;
            depth = depth.max(fp.depth);
            for piece in pieces {
                push_part(&mut out, piece);
            }
        } else {
            push_part(
                &mut out,
                FStringPart::Literal(Rc::from(decode_str(st.body, st.raw, abs)?)),
            );
        }
    }
    b.node(ExprKind::FString(out), span, depth)
}

/// Appends a part, merging adjacent literals and dropping empty ones.
fn push_part(out: &mut Vec<FStringPart>, part: FStringPart) {
    if let FStringPart::Literal(text) = &part {
        if text.is_empty() {
            return;
        }
        if let Some(FStringPart::Literal(prev)) = out.last_mut() {
            let joined = format!("{}{}", prev, text);
            *prev = Rc::from(joined);
            return;
        }
    }
    out.push(part);
}

struct FParser<'a, 'b, 't> {
    b: &'b mut Builder<'t>,
    body: &'a str,
    /// Absolute source offset of `body`.
    abs: usize,
    raw: bool,
    /// Depth of the deepest field expression (for the builder's depth limit).
    depth: u32,
}

impl FParser<'_, '_, '_> {
    fn at(&self, i: usize) -> Option<char> {
        self.body.get(i..).and_then(|s| s.chars().next())
    }

    fn err<T>(&self, msg: &str, i: usize) -> PResult<T> {
        let len = self.at(i).map_or(0, char::len_utf8);
        syntax(msg, Span::new(self.abs + i, self.abs + i + len))
    }

    /// Parses literal text and fields from `i`. At `level` 0 the whole body is read; inside a
    /// format spec (level ≥ 1) reading stops at the unmatched `}` whose index is returned.
    fn parts(&mut self, mut i: usize, level: u8) -> PResult<(Vec<FStringPart>, usize)> {
        let mut out = Vec::new();
        let mut lit = String::new();
        let mut lit_start = i;
        loop {
            let Some(c) = self.at(i) else {
                if level > 0 {
                    return self.err("f-string: expecting '}'", i);
                }
                self.flush(&mut out, &mut lit, lit_start)?;
                return Ok((out, i));
            };
            match c {
                '{' if level == 0 && self.at(i + 1) == Some('{') => {
                    lit.push('{');
                    i += 2;
                }
                '{' => {
                    self.flush(&mut out, &mut lit, lit_start)?;
                    let (part, next) = self.field(i + 1, level)?;
                    out.push(part);
                    i = next;
                    lit_start = i;
                }
                '}' if level == 0 => {
                    if self.at(i + 1) != Some('}') {
                        return self.err("f-string: single '}' is not allowed", i);
                    }
                    lit.push('}');
                    i += 2;
                }
                '}' => {
                    self.flush(&mut out, &mut lit, lit_start)?;
                    return Ok((out, i));
                }
                '\\' if !self.raw => {
                    lit.push('\\');
                    i += 1;
                    match self.at(i) {
                        Some('{') | Some('}') | None => {}
                        Some('N') if self.at(i + 1) == Some('{') => {
                            let close = self
                                .body
                                .get(i..)
                                .and_then(|s| s.find('}'))
                                .map_or(self.body.len(), |k| i + k + 1);
                            lit.push_str(self.body.get(i..close).unwrap_or(""));
                            i = close;
                        }
                        Some(n) => {
                            lit.push(n);
                            i += n.len_utf8();
                        }
                    }
                }
                _ => {
                    lit.push(c);
                    i += c.len_utf8();
                }
            }
        }
    }

    fn flush(&mut self, out: &mut Vec<FStringPart>, lit: &mut String, start: usize) -> PResult<()> {
        if !lit.is_empty() {
            let text = decode_str(lit, self.raw, self.abs + start)?;
            out.push(FStringPart::Literal(Rc::from(text)));
            lit.clear();
        }
        Ok(())
    }

    /// A replacement field whose expression starts at `i` (just after `{`); returns the part
    /// and the index after its closing `}`.
    fn field(&mut self, i: usize, level: u8) -> PResult<(FStringPart, usize)> {
        if level >= 2 {
            return self.err(
                "f-string: expressions nested too deeply",
                i.saturating_sub(1),
            );
        }
        let expr_end = self.expression_end(i)?;
        let expr_text = self.body.get(i..expr_end).unwrap_or("");
        if expr_text.trim().is_empty() {
            return match self.at(expr_end) {
                Some(c @ ('=' | '!' | ':')) => self.err(
                    &format!("f-string: expression required before '{}'", c),
                    expr_end,
                ),
                _ => self.err("f-string: empty expression not allowed", expr_end),
            };
        }
        let mut j = expr_end;
        let mut debug_text = None;
        if self.at(j) == Some('=') {
            j += 1;
            while let Some(w @ (' ' | '\t' | '\n' | '\r' | '\x0c')) = self.at(j) {
                j += w.len_utf8();
            }
            debug_text = Some(Rc::from(self.body.get(i..j).unwrap_or("")));
        }
        let mut conversion = None;
        if self.at(j) == Some('!') {
            match self.at(j + 1) {
                Some(c @ ('s' | 'r' | 'a')) => conversion = Some(c),
                None => return self.err("f-string: expecting '}'", j + 1),
                Some(_) => {
                    return self.err(
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                        j + 1,
                    );
                }
            }
            j += 2;
            if !matches!(self.at(j), Some(':') | Some('}')) {
                return self.err("f-string: expecting '}'", j);
            }
        }
        let mut spec = Vec::new();
        let mut has_spec = false;
        if self.at(j) == Some(':') {
            has_spec = true;
            let (parts, end) = self.parts(j + 1, level + 1)?;
            spec = parts;
            j = end;
        }
        if self.at(j) != Some('}') {
            return self.err("f-string: expecting '}'", j);
        }
        j += 1;
        let node = self.field_expression(i, expr_end)?;
        self.depth = self.depth.max(node.depth + u32::from(level) + 1);
        if debug_text.is_some() && conversion.is_none() && !has_spec {
            conversion = Some('r');
        }
        let part = FStringPart::Field {
            expr: Box::new(node.expr),
            conversion,
            spec,
            debug_text,
        };
        Ok((part, j))
    }

    /// Finds where the expression of a field starting at `i` ends.
    fn expression_end(&self, i: usize) -> PResult<usize> {
        let mut j = i;
        let mut depth: usize = 0;
        let mut quote: Option<(char, bool)> = None;
        let mut prev = ' ';
        loop {
            let Some(c) = self.at(j) else {
                return self.err("f-string: expecting '}'", j);
            };
            if let Some((q, triple)) = quote {
                if c == '\\' {
                    return self.err("f-string expression part cannot include a backslash", j);
                }
                if c == q {
                    if !triple {
                        quote = None;
                    } else if self.at(j + 1) == Some(q) && self.at(j + 2) == Some(q) {
                        quote = None;
                        j += 2;
                    }
                }
                j += c.len_utf8();
                continue;
            }
            let next = self.at(j + 1);
            match c {
                '\\' => return self.err("f-string expression part cannot include a backslash", j),
                '#' => return self.err("f-string expression part cannot include '#'", j),
                '\'' | '"' => {
                    let triple = next == Some(c) && self.at(j + 2) == Some(c);
                    quote = Some((c, triple));
                    if triple {
                        j += 2;
                    }
                }
                '(' | '[' | '{' => {
                    depth += 1;
                    if depth + self.b.nest >= super::lexprep::MAX_PAREN_DEPTH {
                        return self.err("f-string: too many nested parenthesis", j);
                    }
                }
                ')' | ']' | '}' => {
                    if depth == 0 {
                        if c == '}' {
                            return Ok(j);
                        }
                        return self.err(&format!("f-string: unmatched '{}'", c), j);
                    }
                    depth -= 1;
                }
                '!' if depth == 0 && next != Some('=') => return Ok(j),
                ':' if depth == 0 => return Ok(j),
                '=' if depth == 0
                    && next != Some('=')
                    && !matches!(prev, '=' | '!' | '<' | '>') =>
                {
                    return Ok(j);
                }
                _ => {}
            }
            prev = c;
            j += c.len_utf8();
        }
    }

    /// Parses the expression text `body[start..end]` at its absolute position.
    fn field_expression(&mut self, start: usize, end: usize) -> PResult<Node> {
        let text = self.body.get(start..end).unwrap_or("");
        super::parser::parse_field(text, self.abs + start, self.b.nest + 1, self.b.stack_base)
            .map_err(|mut f| {
                if !f.error.msg.starts_with("f-string") {
                    f.error.msg = format!("f-string: {}", f.error.msg);
                }
                f
            })
    }
}
