//! Statements of one logical line: pest pairs → simple `Stmt`s, compound-statement headers,
//! decorators, and parameter lists (of `def` and `lambda`).
//!
//! Block structure (bodies, `elif`/`else`/`except` continuations, decorators attaching to the
//! next `def`) is assembled from these per-line results in `parser.rs`.

use std::rc::Rc;

use super::ast::{Arg, Expr, ExprKind, ImportAlias, Param, Params, Stmt, StmtKind, WithItem};
use super::build_expr::{bin_op_of, Builder, Node, P};
use super::errors::{syntax, Fail, PResult, ParseError};
use super::parser::Rule;
use super::span::Span;
use super::targets::{
    check_ann_target, check_aug_target, check_target, gets_equality_hint, invalid_target, TargetCtx,
};

/// The header of a compound statement (the part before the `:`).
#[derive(Debug, Clone)]
pub(crate) enum Header {
    If(Expr),
    Elif(Expr),
    Else,
    While(Expr),
    For {
        target: Expr,
        iter: Expr,
    },
    Try,
    Except {
        type_: Option<Expr>,
        name: Option<Rc<str>>,
    },
    Finally,
    With(Vec<WithItem>),
    Def {
        name: Rc<str>,
        name_span: Span,
        params: Box<Params>,
    },
    Class {
        name: Rc<str>,
        bases: Vec<Arg>,
    },
}

impl Header {
    /// How CPython names the statement in "expected an indented block after ...".
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Header::If(_) => "'if' statement",
            Header::Elif(_) => "'elif' statement",
            Header::Else => "'else' statement",
            Header::While(_) => "'while' statement",
            Header::For { .. } => "'for' statement",
            Header::Try => "'try' statement",
            Header::Except { .. } => "'except' statement",
            Header::Finally => "'finally' statement",
            Header::With(_) => "'with' statement",
            Header::Def { .. } => "function definition",
            Header::Class { .. } => "class definition",
        }
    }
}

/// One parsed logical line.
#[derive(Debug, Clone)]
pub(crate) enum ParsedLine {
    /// Simple statements separated by `;`.
    Simple(Vec<Stmt>),
    /// A block header; `body` is the one-line body after the colon, if any.
    Compound {
        header: Header,
        kw_span: Span,
        body: Option<Vec<Stmt>>,
    },
    /// `@expr`
    Decorator(Expr),
}

fn internal(span: Span) -> Fail {
    Fail::from(ParseError::syntax("invalid syntax", span))
}

fn stmt(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

/// Rejects a lone `*x` where a value is needed (`x = *a`, `return *a`).
fn no_bare_star(node: &Node) -> PResult<()> {
    if matches!(node.expr.kind, ExprKind::Starred(_)) {
        return syntax("can't use starred expression here", node.expr.span);
    }
    Ok(())
}

/// One parameter item before validation.
enum PItem {
    Slash(Span),
    Plain(Param),
    Star(Option<Param>, Span),
    DStar(Param),
}

impl<'t> Builder<'t> {
    /// A whole logical line.
    pub(crate) fn line(&mut self, p: P<'t>) -> PResult<ParsedLine> {
        let span = self.span(&p);
        let inner = p.into_inner().next().ok_or_else(|| internal(span))?;
        match inner.as_rule() {
            Rule::simple_stmts => Ok(ParsedLine::Simple(self.simple_stmts(inner)?)),
            Rule::decorator_line => {
                let sp = self.span(&inner);
                let e = self.named_expr(inner.into_inner().next().ok_or_else(|| internal(sp))?)?;
                Ok(ParsedLine::Decorator(e.expr))
            }
            _ => {
                let mut it = inner.into_inner();
                let head = it.next().ok_or_else(|| internal(span))?;
                let kw_span = head
                    .clone()
                    .into_inner()
                    .next()
                    .map_or(span, |k| self.span(&k));
                let header = self.header(head)?;
                let body = match it.find(|q| q.as_rule() == Rule::simple_stmts) {
                    Some(b) => Some(self.simple_stmts(b)?),
                    None => None,
                };
                Ok(ParsedLine::Compound {
                    header,
                    kw_span,
                    body,
                })
            }
        }
    }

    fn simple_stmts(&mut self, p: P<'t>) -> PResult<Vec<Stmt>> {
        p.into_inner().map(|s| self.simple_stmt(s)).collect()
    }

    fn simple_stmt(&mut self, p: P<'t>) -> PResult<Stmt> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut it = p.into_inner();
        Ok(match rule {
            Rule::pass_stmt => stmt(StmtKind::Pass, span),
            Rule::break_stmt => stmt(StmtKind::Break, span),
            Rule::continue_stmt => stmt(StmtKind::Continue, span),
            Rule::return_stmt => {
                let value = match it.nth(1) {
                    Some(v) => {
                        let (node, _) = self.star_expressions(v)?;
                        no_bare_star(&node)?;
                        Some(node.expr)
                    }
                    None => None,
                };
                stmt(StmtKind::Return(value), span)
            }
            Rule::raise_stmt => {
                let mut exprs = Vec::new();
                for q in it {
                    if q.as_rule() == Rule::test {
                        exprs.push(self.test(q)?.expr);
                    }
                }
                let mut exprs = exprs.into_iter();
                stmt(
                    StmtKind::Raise {
                        exc: exprs.next(),
                        cause: exprs.next(),
                    },
                    span,
                )
            }
            Rule::global_stmt | Rule::nonlocal_stmt => {
                let names: Vec<Rc<str>> = it
                    .filter(|q| q.as_rule() == Rule::NAME)
                    .map(|q| crate::syntax::intern(q.as_str()))
                    .collect();
                if rule == Rule::global_stmt {
                    stmt(StmtKind::Global(names), span)
                } else {
                    stmt(StmtKind::Nonlocal(names), span)
                }
            }
            Rule::del_stmt => {
                let (node, bare) =
                    self.star_expressions(it.nth(1).ok_or_else(|| internal(span))?)?;
                let targets = match node.expr.kind {
                    ExprKind::Tuple(elts) if bare => elts,
                    _ => vec![node.expr],
                };
                for t in &targets {
                    if let Some((bad, msg)) = invalid_target(t, TargetCtx::Del, false) {
                        return syntax(msg, bad.span);
                    }
                }
                stmt(StmtKind::Delete(targets), span)
            }
            Rule::assert_stmt => {
                let mut exprs = Vec::new();
                for q in it {
                    if q.as_rule() == Rule::test {
                        exprs.push(self.test(q)?.expr);
                    }
                }
                let mut exprs = exprs.into_iter();
                let test = exprs.next().ok_or_else(|| internal(span))?;
                stmt(
                    StmtKind::Assert {
                        test,
                        msg: exprs.next(),
                    },
                    span,
                )
            }
            Rule::import_stmt => {
                let names = it
                    .filter(|q| q.as_rule() == Rule::dotted_as_name)
                    .map(|q| self.import_alias(q))
                    .collect::<PResult<Vec<_>>>()?;
                stmt(StmtKind::Import { names }, span)
            }
            Rule::from_stmt => self.import_from(it, span)?,
            Rule::unsupported_stmt => {
                let kw = it.next().map_or("async", |k| k.as_str());
                return syntax(format!("'{}' is not supported by numpyx", kw), span);
            }
            _ => self.expr_stmt(it, span)?,
        })
    }

    /// `a.b [as c]` or `a [as c]`.
    fn import_alias(&mut self, p: P<'t>) -> PResult<ImportAlias> {
        let span = self.span(&p);
        let mut path = Vec::new();
        let mut alias = None;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::dotted_name => {
                    path.extend(q.into_inner().map(|n| Rc::<str>::from(n.as_str())));
                }
                Rule::NAME if path.is_empty() => path.push(crate::syntax::intern(q.as_str())),
                Rule::NAME => alias = Some(crate::syntax::intern(q.as_str())),
                _ => {}
            }
        }
        Ok(ImportAlias { path, alias, span })
    }

    fn import_from(&mut self, it: pest::iterators::Pairs<'t, Rule>, span: Span) -> PResult<Stmt> {
        let mut module = String::new();
        let mut names = Vec::new();
        let mut star = false;
        for q in it {
            match q.as_rule() {
                Rule::from_module => {
                    for part in q.into_inner() {
                        match part.as_rule() {
                            Rule::rel_dots => module.push_str(part.as_str()),
                            _ => {
                                let dotted: Vec<&str> =
                                    part.into_inner().map(|n| n.as_str()).collect();
                                module.push_str(&dotted.join("."));
                            }
                        }
                    }
                }
                Rule::import_star => star = true,
                Rule::import_as_names => {
                    for a in q.into_inner() {
                        names.push(self.import_alias(a)?);
                    }
                }
                _ => {}
            }
        }
        Ok(stmt(
            StmtKind::ImportFrom {
                module,
                names,
                star,
            },
            span,
        ))
    }

    /// Expression statements and the three kinds of assignment.
    fn expr_stmt(&mut self, mut it: pest::iterators::Pairs<'t, Rule>, span: Span) -> PResult<Stmt> {
        let (first, _) = self.star_expressions(it.next().ok_or_else(|| internal(span))?)?;
        let tails: Vec<P<'t>> = it.collect();
        let Some(tail0) = tails.first() else {
            no_bare_star(&first)?;
            return Ok(stmt(StmtKind::Expr(first.expr), first.outer));
        };
        match tail0.as_rule() {
            Rule::ann_tail => {
                check_ann_target(&first)?;
                let mut parts = tail0.clone().into_inner();
                let annotation = self.test(parts.next().ok_or_else(|| internal(span))?)?;
                let value = match parts.next() {
                    Some(v) => {
                        let (node, _) = self.star_expressions(v)?;
                        no_bare_star(&node)?;
                        Some(node)
                    }
                    None => None,
                };
                let end = value.as_ref().map_or(annotation.outer, |v| v.outer);
                let kind = StmtKind::AnnAssign {
                    target: first.expr,
                    annotation: annotation.expr,
                    value: value.map(|v| v.expr),
                };
                Ok(stmt(kind, first.outer.to(end)))
            }
            Rule::aug_tail => {
                check_aug_target(&first)?;
                let mut parts = tail0.clone().into_inner();
                let op_pair = parts.next().ok_or_else(|| internal(span))?;
                let sym = op_pair.as_str().trim_end_matches('=');
                let op = bin_op_of(sym).ok_or_else(|| internal(self.span(&op_pair)))?;
                let (value, _) =
                    self.star_expressions(parts.next().ok_or_else(|| internal(span))?)?;
                no_bare_star(&value)?;
                let sp = first.outer.to(value.outer);
                Ok(stmt(
                    StmtKind::AugAssign {
                        target: first.expr,
                        op,
                        value: value.expr,
                    },
                    sp,
                ))
            }
            _ => {
                let mut nodes = vec![first];
                for t in tails {
                    let sp = self.span(&t);
                    let inner = t.into_inner().next().ok_or_else(|| internal(sp))?;
                    nodes.push(self.star_expressions(inner)?.0);
                }
                let value = nodes.pop().ok_or_else(|| internal(span))?;
                no_bare_star(&value)?;
                let single = nodes.len() == 1;
                for target in &nodes {
                    if let Some((bad, msg)) = invalid_target(&target.expr, TargetCtx::Assign, true)
                    {
                        let whole = std::ptr::eq(bad, &target.expr);
                        if single
                            && whole
                            && gets_equality_hint(target)
                            && self.value_starts_bitor(&value)
                        {
                            return syntax(
                                format!("{} here. Maybe you meant '==' instead of '='?", msg),
                                target.outer,
                            );
                        }
                        return syntax(msg, if whole { target.outer } else { bad.span });
                    }
                }
                let start = nodes.first().map_or(value.outer, |n| n.outer);
                let sp = start.to(value.outer);
                let targets = nodes.into_iter().map(|n| n.expr).collect();
                Ok(stmt(
                    StmtKind::Assign {
                        targets,
                        value: value.expr,
                    },
                    sp,
                ))
            }
        }
    }

    /// Whether the source of `value` starts like a bitwise-or expression (CPython only adds
    /// its "Maybe you meant '=='" hint then).
    fn value_starts_bitor(&self, value: &Node) -> bool {
        let at = value.outer.lo().saturating_sub(self.offset);
        let rest = self.text.get(at..).unwrap_or("");
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        !(rest.starts_with('*') || matches!(word.as_str(), "not" | "lambda" | "yield" | "await"))
    }

    /// A compound-statement header.
    fn header(&mut self, p: P<'t>) -> PResult<Header> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let items: Vec<P<'t>> = p.into_inner().collect();
        let find = |r: Rule| items.iter().find(|q| q.as_rule() == r).cloned();
        Ok(match rule {
            Rule::if_header | Rule::elif_header | Rule::while_header => {
                let test = self
                    .named_expr(find(Rule::named_expr).ok_or_else(|| internal(span))?)?
                    .expr;
                match rule {
                    Rule::if_header => Header::If(test),
                    Rule::elif_header => Header::Elif(test),
                    _ => Header::While(test),
                }
            }
            Rule::else_header => Header::Else,
            Rule::try_header => Header::Try,
            Rule::finally_header => Header::Finally,
            Rule::for_header => {
                let target =
                    self.for_targets(find(Rule::for_targets).ok_or_else(|| internal(span))?)?;
                let (iter, _) = self.star_expressions(
                    find(Rule::star_expressions).ok_or_else(|| internal(span))?,
                )?;
                no_bare_star(&iter)?;
                Header::For {
                    target: target.expr,
                    iter: iter.expr,
                }
            }
            Rule::except_header => {
                if let Some(star) = find(Rule::except_star) {
                    return syntax("'except*' is not supported by numpyx", self.span(&star));
                }
                let type_ = match find(Rule::test) {
                    Some(t) => Some(self.test(t)?.expr),
                    None => None,
                };
                let name = find(Rule::NAME).map(|n| crate::syntax::intern(n.as_str()));
                Header::Except { type_, name }
            }
            Rule::with_header => {
                let group = items.get(1).cloned().ok_or_else(|| internal(span))?;
                let mut out = Vec::new();
                for item in group.into_inner() {
                    let sp = self.span(&item);
                    let mut parts = item.into_inner();
                    let context = self.test(parts.next().ok_or_else(|| internal(sp))?)?.expr;
                    let target = match parts.find(|q| q.as_rule() != Rule::kw_as) {
                        Some(t) => {
                            let node = self.with_target(t)?;
                            check_target(&node, TargetCtx::Assign)?;
                            Some(node.expr)
                        }
                        None => None,
                    };
                    out.push(WithItem { context, target });
                }
                Header::With(out)
            }
            Rule::def_header => {
                let name = find(Rule::NAME).ok_or_else(|| internal(span))?;
                let name_span = self.span(&name);
                let params = match find(Rule::params) {
                    Some(ps) => Box::new(self.params(ps)?.0),
                    None => Box::default(),
                };
                if let Some(ret) = find(Rule::test) {
                    self.test(ret)?;
                }
                Header::Def {
                    name: crate::syntax::intern(name.as_str()),
                    name_span,
                    params,
                }
            }
            Rule::class_header => {
                let name = find(Rule::NAME).ok_or_else(|| internal(span))?;
                let bases = match find(Rule::call) {
                    Some(c) => {
                        let (args, _) = self.call_args(c)?;
                        if let Some(Arg::Positional(Expr {
                            kind: ExprKind::GeneratorExp { .. },
                            span,
                        })) = args.first()
                        {
                            return syntax("invalid syntax", *span);
                        }
                        args
                    }
                    None => Vec::new(),
                };
                Header::Class {
                    name: Rc::from(name.as_str()),
                    bases,
                }
            }
            _ => return Err(internal(span)),
        })
    }

    /// The target after `with ... as`.
    fn with_target(&mut self, p: P<'t>) -> PResult<Node> {
        if p.as_rule() == Rule::star_target {
            let sp = self.span(&p);
            let inner = p.into_inner().next().ok_or_else(|| internal(sp))?;
            let value = self.primary(inner)?;
            return self.node(ExprKind::Starred(Box::new(value.expr)), sp, value.depth);
        }
        self.primary(p)
    }

    /// A `def` parameter list.
    pub(crate) fn params(&mut self, p: P<'t>) -> PResult<(Params, u32)> {
        self.param_list(p, false)
    }

    /// A `lambda` parameter list (same shapes, no annotations).
    pub(crate) fn lambda_params(&mut self, p: P<'t>) -> PResult<(Params, u32)> {
        self.param_list(p, true)
    }

    fn param_list(&mut self, p: P<'t>, lambda: bool) -> PResult<(Params, u32)> {
        let mut items = Vec::new();
        let mut depth = 0;
        for item in p.into_inner() {
            let sp = self.span(&item);
            let rule = item.as_rule();
            if rule == Rule::slash {
                items.push(PItem::Slash(sp));
                continue;
            }
            let mut name = None;
            let mut annotation = None;
            let mut default = None;
            for part in item.into_inner() {
                match part.as_rule() {
                    Rule::NAME => name = Some(part),
                    Rule::annotation | Rule::default => {
                        let psp = self.span(&part);
                        let e = self.test(
                            part.clone()
                                .into_inner()
                                .next()
                                .ok_or_else(|| internal(psp))?,
                        )?;
                        depth = depth.max(e.depth);
                        if part.as_rule() == Rule::annotation {
                            annotation = Some(e);
                        } else {
                            default = Some(e.expr);
                        }
                    }
                    _ => {}
                }
            }
            let param = name.map(|n| {
                let nsp = self.span(&n);
                let end = annotation.as_ref().map_or(nsp, |a: &Node| a.outer);
                Param {
                    name: crate::syntax::intern(n.as_str()),
                    default,
                    annotation: annotation.map(|a| a.expr),
                    span: nsp.to(end),
                }
            });
            items.push(match (rule, param) {
                (Rule::star_param | Rule::lambda_star, param) => PItem::Star(param, sp),
                (Rule::dstar_param | Rule::lambda_dstar, Some(param)) => PItem::DStar(param),
                (_, Some(param)) => PItem::Plain(param),
                (_, None) => return Err(internal(sp)),
            });
        }
        Ok((validate_params(items, lambda)?, depth))
    }
}

/// Orders parameter items into `Params`, with CPython's errors for misplaced ones.
fn validate_params(items: Vec<PItem>, lambda: bool) -> PResult<Params> {
    let mut params = Params::default();
    let mut seen_slash = false;
    let mut seen_star: Option<Span> = None;
    let mut seen_kwarg = false;
    let mut seen_default = false;
    let mut names: Vec<Rc<str>> = Vec::new();
    let mut note_name = |p: &Param| -> PResult<()> {
        if names.contains(&p.name) {
            return syntax(
                format!("duplicate argument '{}' in function definition", p.name),
                p.span,
            );
        }
        names.push(p.name.clone());
        Ok(())
    };
    for item in items {
        let item_span = match &item {
            PItem::Slash(sp) | PItem::Star(_, sp) => *sp,
            PItem::Plain(p) | PItem::DStar(p) => p.span,
        };
        if seen_kwarg {
            return syntax("arguments cannot follow var-keyword argument", item_span);
        }
        match item {
            PItem::Slash(sp) => {
                if seen_slash {
                    return syntax("/ may appear only once", sp);
                }
                if seen_star.is_some() {
                    return syntax("/ must be ahead of *", sp);
                }
                if params.args.is_empty() {
                    let msg = if lambda {
                        "invalid syntax"
                    } else {
                        "at least one argument must precede /"
                    };
                    return syntax(msg, sp);
                }
                seen_slash = true;
                params.posonly = std::mem::take(&mut params.args);
            }
            PItem::Plain(p) => {
                note_name(&p)?;
                if seen_star.is_some() {
                    params.kwonly.push(p);
                } else {
                    if p.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return syntax("non-default argument follows default argument", p.span);
                    }
                    params.args.push(p);
                }
            }
            PItem::Star(p, sp) => {
                if seen_star.is_some() {
                    return syntax("* argument may appear only once", sp);
                }
                seen_star = Some(sp);
                if let Some(p) = p {
                    note_name(&p)?;
                    params.vararg = Some(p);
                }
            }
            PItem::DStar(p) => {
                if let Some(star) = seen_star {
                    if params.vararg.is_none() && params.kwonly.is_empty() {
                        return syntax("named arguments must follow bare *", star);
                    }
                }
                note_name(&p)?;
                seen_kwarg = true;
                params.kwarg = Some(p);
            }
        }
    }
    if let Some(star) = seen_star {
        if params.vararg.is_none() && params.kwonly.is_empty() {
            return syntax("named arguments must follow bare *", star);
        }
    }
    Ok(params)
}
