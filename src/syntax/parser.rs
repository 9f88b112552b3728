//! The parser: Python source → `Vec<Stmt>` (see `ast.rs`), driven by `grammar/numpyx.pest`.
//!
//! # Pipeline
//!
//! 1. **Pre-pass** (`lexprep.rs`, plain Rust): tokenizer-level work. It produces a copy of the
//!    source of the *same byte length* with comments, newlines inside brackets and backslash
//!    continuations blanked, the list of logical lines with their indentation level (CPython's
//!    indent-stack algorithm, tabs to multiples of 8 and checked for consistency), and all of
//!    CPython's tokenizer errors. It also bounds nesting: more than 200 open brackets is
//!    "too many nested parentheses", checked before pest ever recurses.
//! 2. **Pest, one logical line at a time** (`Rule::line`): a line is a compound-statement
//!    header with its colon and optional one-line body (`if x: a = 1; b = 2`), a decorator, or
//!    simple statements separated by `;`. Binary operators come out flat and are arranged by
//!    precedence in Rust (`build_expr.rs`), so long chains need no recursion.
//! 3. **Blocks** (this file): INDENT/DEDENT are explicit. Each logical line carries its level;
//!    a header without a one-line body must be followed by a line one level deeper
//!    ("expected an indented block after 'for' statement on line 2"); a deeper line elsewhere is
//!    "unexpected indent". `elif`/`else`/`except`/`finally` lines attach to the statement
//!    before them at the same level; decorators attach to the next `def`/`class`.
//! 4. **Checks** (`checks.rs`): the compile-time errors CPython raises before running anything
//!    (`'return' outside function`, `'break' outside loop`, `:=` misuse in comprehensions).
//!
//! # Bounded resources
//!
//! Brackets nest at most 200 deep (checked by the pre-pass, as CPython does), indentation at
//! most 99 levels, and an expression tree at most `MAX_EXPR_DEPTH` (1000) levels: longer
//! operator, unary, ternary, lambda or trailer chains are built iteratively and then refused
//! with a `RecursionError`-kind error, like CPython's "maximum recursion depth exceeded during
//! compilation". Pest's own stack guard and a 1 MiB stack budget for the AST builder turn any
//! remaining native-stack exhaustion into the same error. Alternatives in the grammar never
//! share a prefix containing a nested expression, so parsing time is linear in practice.
//!
//! # Errors
//!
//! Tokenizer errors from the pre-pass win over parser errors, as in CPython (which re-scans the
//! rest of the file after a syntax error). Pest failures are mapped to CPython's messages by
//! `diagnose.rs`; target errors (`cannot assign to literal`) come from `targets.rs`.
//!
//! # Grammar → AST
//!
//! | grammar rule                         | AST                                                   |
//! |--------------------------------------|-------------------------------------------------------|
//! | `expr_stmt` + `assign_tail*`         | `Expr` / `Assign` (targets left to right)              |
//! | `expr_stmt` + `aug_tail` / `ann_tail`| `AugAssign` / `AnnAssign`                              |
//! | `if_header` + `elif_header` lines    | `If` with each `elif` a nested `If` in `orelse`        |
//! | `for_header`, `while_header`         | `For`, `While` (with `else` blocks)                    |
//! | `try_header` + `except_header`...    | `Try` with `ExceptHandler`s, `orelse`, `finalbody`     |
//! | `with_header`                        | `With` with `WithItem`s                                |
//! | `decorator_line*` + `def_header`     | `FunctionDef` (docstring = leading string statement)   |
//! | `class_header`                       | `ClassDef`                                             |
//! | `import_stmt` / `from_stmt`          | `Import` / `ImportFrom` (relative dots kept in module) |
//! | `test` (`lambda_head*`, `ternary_tail*`) | `Lambda`, `IfExp` (folded from the right)         |
//! | `disjunction`, `bitor_expr`          | `BoolOp`, `Compare`, `BinOp`, `UnaryOp` by precedence  |
//! | `primary` = `atom` + `call`/`subscript`/`attribute` | `Call`, `Subscript` (`Slice`, `Tuple` index), `Attribute` |
//! | `paren` / `list` / `brace`           | group, `Tuple`, `GeneratorExp` / `List`, `ListComp` / `Dict`, `Set`, comps |
//! | `strings`                            | `Constant::Str`/`Bytes` or `FString` (adjacent literals merged) |
//!
//! Spans are byte ranges of the original source: every pest position is offset by the start of
//! its logical line (the pre-pass keeps lengths), and f-string fields are parsed at their own
//! offsets.

use pest::Parser as _;

use super::ast::{
    Constant, ExceptHandler, Expr, ExprKind, FunctionBody, FunctionDef, Stmt, StmtKind,
};
use super::build_expr::{Builder, Node};
use super::build_stmt::{Header, ParsedLine};
use super::errors::ParseError;
use super::errors::{char_span, Fail, More, PResult};
use super::lexprep::{prepare, LogicalLine, Mode, Pending, Prepped};
use super::span::Span;

/// The pest parser generated from `grammar/numpyx.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/numpyx.pest"]
pub struct PyParser;

/// Parses a module (a script or one REPL input) into statements.
pub fn parse_module(src: &str) -> Result<Vec<Stmt>, ParseError> {
    module(src).map_err(|f| f.error)
}

/// Parses a single expression (as `eval` does; surrounding whitespace allowed, a bare tuple
/// `a, b` is a `Tuple`).
pub fn parse_expression(src: &str) -> Result<Expr, ParseError> {
    expression(src).map_err(|f| f.error)
}

/// Whether REPL input can run as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputStatus {
    /// A complete statement (or statements): run it.
    Complete,
    /// More lines are needed: an open bracket, an unterminated triple-quoted string, a trailing
    /// backslash, a block header without its body, or a compound statement not yet closed by a
    /// blank line.
    Incomplete,
    /// The input cannot become valid by adding lines.
    Invalid(ParseError),
}

/// Classifies REPL input as complete, incomplete (wants more lines) or invalid.
pub fn input_status(src: &str) -> InputStatus {
    let closed = closed_by_blank_line(src);
    match module(src) {
        Err(f) => match f.more {
            More::Lexical => InputStatus::Incomplete,
            More::Block if !closed => InputStatus::Incomplete,
            _ => InputStatus::Invalid(f.error),
        },
        Ok(stmts) if !closed && stmts.last().is_some_and(|s| is_compound(&s.kind)) => {
            InputStatus::Incomplete
        }
        Ok(_) => InputStatus::Complete,
    }
}

fn is_compound(kind: &StmtKind) -> bool {
    matches!(
        kind,
        StmtKind::If { .. }
            | StmtKind::For { .. }
            | StmtKind::While { .. }
            | StmtKind::Try { .. }
            | StmtKind::With { .. }
            | StmtKind::FunctionDef(_)
            | StmtKind::ClassDef { .. }
    )
}

/// Whether the input ends with a whitespace-only line (the REPL's "end of block").
fn closed_by_blank_line(src: &str) -> bool {
    let t = src.strip_suffix('\n').unwrap_or(src);
    let t = t.strip_suffix('\r').unwrap_or(t);
    match t.rfind('\n') {
        Some(k) => t.get(k + 1..).is_some_and(|last| last.trim().is_empty()),
        None => false,
    }
}

fn module(src: &str) -> PResult<Vec<Stmt>> {
    let prep = prepare(src, Mode::Module, 0)?;
    let mut blocks = Blocks {
        src,
        prep: &prep,
        next: 0,
        cached: None,
    };
    let stmts = match blocks.block(0) {
        Ok(stmts) => stmts,
        Err(fail) => return Err(with_pending(fail, prep.pending, src, &prep.text)),
    };
    if let Some(p) = prep.pending {
        return Err(pending_error(p, src));
    }
    super::checks::check_module(&stmts)?;
    Ok(stmts)
}

/// The error for an end-of-input condition.
fn pending_error(p: Pending, src: &str) -> Fail {
    let error = match p {
        Pending::Unclosed { pos, ch } => ParseError::syntax(
            format!("'{}' was never closed", ch),
            Span::new(pos, pos + 1),
        ),
        Pending::BackslashEof { .. } => ParseError::syntax(
            "unexpected EOF while parsing",
            Span::new(src.len(), src.len()),
        ),
    };
    Fail::new(error, More::Lexical)
}

/// A syntax error that CPython's parser would only have reached by reading to the end of the
/// input is reported as the end-of-input condition instead (`'(' was never closed`).
fn with_pending(fail: Fail, pending: Option<Pending>, src: &str, text: &str) -> Fail {
    match pending {
        Some(p @ Pending::Unclosed { pos, .. })
            if super::diagnose::reads_to_eof(src, text, fail.position(), pos) =>
        {
            pending_error(p, src)
        }
        Some(p @ Pending::BackslashEof { pos }) if fail.position() >= pos => pending_error(p, src),
        _ => fail,
    }
}

fn expression(src: &str) -> PResult<Expr> {
    let prep = prepare(src, Mode::Expression, 0)?;
    let end = Span::new(src.len(), src.len());
    let line = match prep.lines.as_slice() {
        [line] => *line,
        [] => {
            return Err(with_pending(
                Fail::from(ParseError::syntax("invalid syntax", end)),
                prep.pending,
                src,
                &prep.text,
            ))
        }
        [_, second, ..] => {
            let fail = Fail::from(ParseError::syntax(
                "invalid syntax",
                char_span(src, second.start),
            ));
            return Err(with_pending(fail, prep.pending, src, &prep.text));
        }
    };
    let node = match parse_eval(&prep.text, line.start, line.end, 0, 0) {
        Ok(node) => node,
        Err(fail) => return Err(with_pending(fail, prep.pending, src, &prep.text)),
    };
    if let Some(p) = prep.pending {
        return Err(pending_error(p, src));
    }
    if matches!(node.expr.kind, ExprKind::Starred(_)) {
        return Err(Fail::from(ParseError::syntax(
            "can't use starred expression here",
            node.expr.span,
        )));
    }
    Ok(node.expr)
}

/// Parses `text[start..end]` with `Rule::eval_input`; `text` starts at absolute `base`.
fn parse_eval(text: &str, start: usize, end: usize, base: usize, nest: usize) -> PResult<Node> {
    let slice = text.get(start..end).unwrap_or("");
    let offset = base + start;
    let pairs = PyParser::parse(Rule::eval_input, slice)
        .map_err(|e| super::diagnose::diagnose(&e, slice, offset))?;
    let mut b = Builder {
        text: slice,
        offset,
        nest,
        stack_base: super::build_expr::stack_position(),
    };
    let span = Span::new(offset, offset + slice.len());
    let pair = pairs
        .flatten()
        .find(|p| p.as_rule() == Rule::star_expressions)
        .ok_or_else(|| Fail::from(ParseError::syntax("invalid syntax", span)))?;
    Ok(b.star_expressions(pair)?.0)
}

/// Parses the expression of an f-string replacement field: `text` starts at absolute `offset`
/// and is nested `nest` brackets deep.
pub(crate) fn parse_field(
    text: &str,
    offset: usize,
    nest: usize,
    stack_base: usize,
) -> PResult<Node> {
    let shift = |mut f: Fail| {
        f.error.span = Span::new(f.error.span.lo() + offset, f.error.span.hi() + offset);
        f
    };
    let prep = prepare(text, Mode::Field, nest).map_err(shift)?;
    let start = prep.lines.first().map_or(0, |l| l.start);
    let body = prep.text.get(start..).unwrap_or("");
    let offset = offset + start;
    let pairs = PyParser::parse(Rule::field_input, body)
        .map_err(|e| super::diagnose::diagnose(&e, body, offset))?;
    let mut b = Builder {
        text: body,
        offset,
        nest,
        stack_base,
    };
    let span = Span::new(offset, offset + text.len());
    let pair = pairs
        .into_iter()
        .next()
        .ok_or_else(|| Fail::from(ParseError::syntax("invalid syntax", span)))?;
    b.field_contents(pair)
}

/// Parses the longest expression prefix of `text` (which starts at absolute `offset`);
/// returns the node and the number of bytes consumed. Only used to refine error messages.
pub(crate) fn probe_expression(text: &str, offset: usize) -> Option<(Node, usize)> {
    let pairs = PyParser::parse(Rule::probe, text).ok()?;
    let pair = pairs
        .flatten()
        .find(|p| p.as_rule() == Rule::star_expressions)?;
    let consumed = pair.as_span().start() + pair.as_str().trim_end().len();
    let mut b = Builder {
        text,
        offset,
        nest: 0,
        stack_base: super::build_expr::stack_position(),
    };
    let node = b.star_expressions(pair).ok()?.0;
    Some((node, consumed))
}

/// A continuation clause (`elif`, `else`, `except`, `finally`): its line, header, keyword span
/// and one-line body.
type Clause = (LogicalLine, Header, Span, Option<Vec<Stmt>>);

/// Assembles logical lines into nested blocks.
struct Blocks<'a> {
    src: &'a str,
    prep: &'a Prepped,
    /// Index of the next unconsumed logical line.
    next: usize,
    /// The parse of line `next`, if already done (lines are parsed lazily, in order).
    cached: Option<ParsedLine>,
}

impl Blocks<'_> {
    fn line_at(&self, k: usize) -> Option<LogicalLine> {
        self.prep.lines.get(k).copied()
    }

    fn eof_span(&self) -> Span {
        Span::new(self.src.len(), self.src.len())
    }

    /// The span of the first token of line `k` (or the end of input).
    fn first_token(&self, line: Option<LogicalLine>) -> Span {
        match line {
            Some(l) => {
                let end = super::diagnose::token_end(&self.prep.text, l.start);
                Span::new(l.start, end.max(l.start))
            }
            None => self.eof_span(),
        }
    }

    /// Parses line `next` (once) and returns it without consuming it.
    fn peek(&mut self) -> PResult<Option<&ParsedLine>> {
        if self.cached.is_none() {
            let Some(line) = self.line_at(self.next) else {
                return Ok(None);
            };
            self.cached = Some(self.parse_line(line)?);
        }
        Ok(self.cached.as_ref())
    }

    /// Consumes line `next`.
    fn take(&mut self) -> PResult<Option<(LogicalLine, ParsedLine)>> {
        self.peek()?;
        let Some(line) = self.line_at(self.next) else {
            return Ok(None);
        };
        let parsed = self.cached.take();
        self.next += 1;
        Ok(parsed.map(|p| (line, p)))
    }

    fn parse_line(&self, line: LogicalLine) -> PResult<ParsedLine> {
        let text = self.prep.text.get(line.start..line.end).unwrap_or("");
        let pairs = PyParser::parse(Rule::line, text).map_err(|e| {
            match super::diagnose::invalid_target_in_failed_line(text, line.start) {
                Some(error) => Fail::from(error),
                None => super::diagnose::diagnose(&e, text, line.start),
            }
        })?;
        let mut b = Builder {
            text,
            offset: line.start,
            nest: 0,
            stack_base: super::build_expr::stack_position(),
        };
        let pair = pairs.into_iter().next().ok_or_else(|| {
            Fail::from(ParseError::syntax(
                "invalid syntax",
                Span::new(line.start, line.end),
            ))
        })?;
        b.line(pair)
    }

    /// The statements of a block whose lines have indentation `level`.
    fn block(&mut self, level: usize) -> PResult<Vec<Stmt>> {
        let mut out = Vec::new();
        while let Some(line) = self.line_at(self.next) {
            if line.level < level {
                break;
            }
            if line.level > level {
                return Err(Fail::from(ParseError::indentation(
                    "unexpected indent",
                    self.first_token(Some(line)),
                )));
            }
            self.statement(level, &mut out)?;
        }
        Ok(out)
    }

    /// The body after a header on `header_line`.
    fn suite(
        &mut self,
        level: usize,
        header_line: LogicalLine,
        what: &str,
        inline: Option<Vec<Stmt>>,
    ) -> PResult<Vec<Stmt>> {
        if let Some(body) = inline {
            return Ok(body);
        }
        let next = self.line_at(self.next);
        match next {
            Some(l) if l.level > level => self.block(l.level),
            _ => {
                let msg = format!(
                    "expected an indented block after {} on line {}",
                    what, header_line.lineno
                );
                let more = if next.is_none() {
                    More::Block
                } else {
                    More::No
                };
                Err(Fail::new(
                    ParseError::indentation(msg, self.first_token(next)),
                    more,
                ))
            }
        }
    }

    /// If the next line is a header at `level` accepted by `want`, consumes and returns it.
    fn continuation(&mut self, level: usize, want: fn(&Header) -> bool) -> PResult<Option<Clause>> {
        match self.line_at(self.next) {
            Some(l) if l.level == level => {}
            _ => return Ok(None),
        }
        match self.peek()? {
            Some(ParsedLine::Compound { header, .. }) if want(header) => {}
            _ => return Ok(None),
        }
        match self.take()? {
            Some((
                line,
                ParsedLine::Compound {
                    header,
                    kw_span,
                    body,
                },
            )) => Ok(Some((line, header, kw_span, body))),
            _ => Ok(None),
        }
    }

    fn end_of(stmts: &[Stmt], fallback: Span) -> usize {
        stmts.last().map_or(fallback.hi(), |s| s.span.hi())
    }

    /// One statement (or one line of simple statements) at `level`.
    fn statement(&mut self, level: usize, out: &mut Vec<Stmt>) -> PResult<()> {
        let Some((line, parsed)) = self.take()? else {
            return Ok(());
        };
        match parsed {
            ParsedLine::Simple(stmts) => out.extend(stmts),
            ParsedLine::Decorator(first) => {
                let mut decorators = vec![first];
                loop {
                    let next = self.line_at(self.next);
                    let more = if next.is_none() {
                        More::Block
                    } else {
                        More::No
                    };
                    let bad = Fail::new(
                        ParseError::syntax("invalid syntax", self.first_token(next)),
                        more,
                    );
                    if next.is_none_or(|l| l.level != level) {
                        return Err(bad);
                    }
                    match self.take()? {
                        Some((_, ParsedLine::Decorator(d))) => decorators.push(d),
                        Some((
                            l,
                            ParsedLine::Compound {
                                header: header @ (Header::Def { .. } | Header::Class { .. }),
                                kw_span,
                                body,
                            },
                        )) => {
                            out.push(self.definition(level, l, header, kw_span, body, decorators)?);
                            return Ok(());
                        }
                        _ => return Err(bad),
                    }
                }
            }
            ParsedLine::Compound {
                header,
                kw_span,
                body,
            } => {
                out.push(self.compound(level, line, header, kw_span, body)?);
            }
        }
        Ok(())
    }

    fn compound(
        &mut self,
        level: usize,
        line: LogicalLine,
        header: Header,
        kw_span: Span,
        inline: Option<Vec<Stmt>>,
    ) -> PResult<Stmt> {
        let what = header.describe();
        match header {
            Header::If(test) => self.if_chain(level, line, test, kw_span, inline),
            Header::While(test) => {
                let body = self.suite(level, line, what, inline)?;
                let orelse = self.else_block(level)?;
                let end = Self::end_of(&orelse, Span::new(0, Self::end_of(&body, kw_span)));
                Ok(Stmt {
                    kind: StmtKind::While { test, body, orelse },
                    span: Span::new(kw_span.lo(), end),
                })
            }
            Header::For { target, iter } => {
                let body = self.suite(level, line, what, inline)?;
                let orelse = self.else_block(level)?;
                let end = Self::end_of(&orelse, Span::new(0, Self::end_of(&body, kw_span)));
                Ok(Stmt {
                    kind: StmtKind::For {
                        target,
                        iter,
                        body,
                        orelse,
                    },
                    span: Span::new(kw_span.lo(), end),
                })
            }
            Header::With(items) => {
                let body = self.suite(level, line, what, inline)?;
                let end = Self::end_of(&body, kw_span);
                Ok(Stmt {
                    kind: StmtKind::With { items, body },
                    span: Span::new(kw_span.lo(), end),
                })
            }
            Header::Try => self.try_stmt(level, line, kw_span, inline),
            Header::Def { .. } | Header::Class { .. } => {
                self.definition(level, line, header, kw_span, inline, Vec::new())
            }
            Header::Elif(_) | Header::Else | Header::Except { .. } | Header::Finally => {
                Err(Fail::from(ParseError::syntax("invalid syntax", kw_span)))
            }
        }
    }

    fn if_chain(
        &mut self,
        level: usize,
        line: LogicalLine,
        test: Expr,
        kw_span: Span,
        inline: Option<Vec<Stmt>>,
    ) -> PResult<Stmt> {
        let body = self.suite(level, line, "'if' statement", inline)?;
        // (start, test, body) for the `if` and each `elif`, folded from the right afterwards.
        let mut arms = vec![(kw_span.lo(), test, body)];
        let mut orelse = Vec::new();
        while let Some((l, header, kw, inline)) =
            self.continuation(level, |h| matches!(h, Header::Elif(_) | Header::Else))?
        {
            match header {
                Header::Elif(t) => {
                    let b = self.suite(level, l, "'elif' statement", inline)?;
                    arms.push((kw.lo(), t, b));
                }
                _ => {
                    orelse = self.suite(level, l, "'else' statement", inline)?;
                    break;
                }
            }
        }
        let mut tail: Option<Stmt> = None;
        while let Some((start, test, body)) = arms.pop() {
            let orelse = match tail.take() {
                Some(s) => vec![s],
                None => std::mem::take(&mut orelse),
            };
            let end = Self::end_of(
                &orelse,
                Span::new(0, Self::end_of(&body, Span::new(start, start))),
            );
            tail = Some(Stmt {
                kind: StmtKind::If { test, body, orelse },
                span: Span::new(start, end),
            });
        }
        tail.ok_or_else(|| Fail::from(ParseError::syntax("invalid syntax", kw_span)))
    }

    fn else_block(&mut self, level: usize) -> PResult<Vec<Stmt>> {
        match self.continuation(level, |h| matches!(h, Header::Else))? {
            Some((l, _, _, inline)) => self.suite(level, l, "'else' statement", inline),
            None => Ok(Vec::new()),
        }
    }

    fn try_stmt(
        &mut self,
        level: usize,
        line: LogicalLine,
        kw_span: Span,
        inline: Option<Vec<Stmt>>,
    ) -> PResult<Stmt> {
        let body = self.suite(level, line, "'try' statement", inline)?;
        let mut handlers: Vec<ExceptHandler> = Vec::new();
        let mut orelse = Vec::new();
        let mut finalbody = Vec::new();
        let mut bare_except: Option<Span> = None;
        while let Some((l, header, kw, inline)) =
            self.continuation(level, |h| matches!(h, Header::Except { .. }))?
        {
            if let Some(bare) = bare_except {
                return Err(Fail::from(ParseError::syntax(
                    "default 'except:' must be last",
                    bare,
                )));
            }
            if let Header::Except { type_, name } = header {
                if type_.is_none() {
                    bare_except = Some(kw);
                }
                let hbody = self.suite(level, l, "'except' statement", inline)?;
                let end = Self::end_of(&hbody, kw);
                handlers.push(ExceptHandler {
                    type_,
                    name,
                    body: hbody,
                    span: Span::new(kw.lo(), end),
                });
            }
        }
        if !handlers.is_empty() {
            if let Some((l, _, _, inline)) =
                self.continuation(level, |h| matches!(h, Header::Else))?
            {
                orelse = self.suite(level, l, "'else' statement", inline)?;
            }
        }
        let mut has_finally = false;
        if let Some((l, _, _, inline)) =
            self.continuation(level, |h| matches!(h, Header::Finally))?
        {
            finalbody = self.suite(level, l, "'finally' statement", inline)?;
            has_finally = true;
        }
        if handlers.is_empty() && !has_finally {
            let next = self.line_at(self.next);
            let more = if next.is_none() {
                More::Block
            } else {
                More::No
            };
            let error = ParseError::syntax(
                "expected 'except' or 'finally' block",
                self.first_token(next),
            );
            return Err(Fail::new(error, more));
        }
        let end = [&finalbody, &orelse]
            .iter()
            .find_map(|b| b.last().map(|s| s.span.hi()))
            .or_else(|| handlers.last().map(|h| h.span.hi()))
            .unwrap_or_else(|| Self::end_of(&body, kw_span));
        Ok(Stmt {
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
            span: Span::new(kw_span.lo(), end),
        })
    }

    fn definition(
        &mut self,
        level: usize,
        line: LogicalLine,
        header: Header,
        kw_span: Span,
        inline: Option<Vec<Stmt>>,
        decorators: Vec<Expr>,
    ) -> PResult<Stmt> {
        let what = header.describe();
        let body = self.suite(level, line, what, inline)?;
        let end = Self::end_of(&body, kw_span);
        let span = Span::new(kw_span.lo(), end);
        match header {
            Header::Def {
                name,
                name_span,
                params,
            } => {
                let docstring = match body.first().map(|s| &s.kind) {
                    Some(StmtKind::Expr(Expr {
                        kind: ExprKind::Constant(Constant::Str(s)),
                        ..
                    })) => Some(s.clone()),
                    _ => None,
                };
                let def = FunctionDef {
                    name,
                    params: *params,
                    body: FunctionBody::Block(body),
                    decorators,
                    docstring,
                    span,
                    name_span,
                };
                Ok(Stmt {
                    kind: StmtKind::FunctionDef(std::rc::Rc::new(def)),
                    span,
                })
            }
            Header::Class { name, bases } => Ok(Stmt {
                kind: StmtKind::ClassDef {
                    name,
                    bases,
                    body,
                    decorators,
                },
                span,
            }),
            _ => Err(Fail::from(ParseError::syntax("invalid syntax", kw_span))),
        }
    }
}
