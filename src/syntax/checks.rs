//! Compile-time checks CPython makes after parsing and before running anything:
//! `'return' outside function`, `'break' outside loop`, `'continue' not properly in loop`,
//! `nonlocal declaration not allowed at module level`, and the symbol-table rules for `:=`
//! inside comprehensions.
//!
//! Statement nesting is bounded by the 100 indentation levels the pre-pass allows and
//! expression nesting by `MAX_EXPR_DEPTH`, so the recursive walk stays shallow.

use std::rc::Rc;

use super::ast::{Arg, Expr, ExprKind, FStringPart, FunctionBody, Stmt, StmtKind};
use super::errors::{syntax, PResult};

#[derive(Clone, Copy)]
struct Ctx {
    in_function: bool,
    in_loop: bool,
    at_module: bool,
    in_class: bool,
}

/// Checks a parsed module.
pub(crate) fn check_module(stmts: &[Stmt]) -> PResult<()> {
    check_block(
        stmts,
        Ctx {
            in_function: false,
            in_loop: false,
            at_module: true,
            in_class: false,
        },
    )
}

fn check_block(stmts: &[Stmt], ctx: Ctx) -> PResult<()> {
    stmts.iter().try_for_each(|s| check_stmt(s, ctx))
}

fn check_stmt(s: &Stmt, ctx: Ctx) -> PResult<()> {
    let exprs = Exprs {
        in_class: ctx.in_class,
    };
    match &s.kind {
        StmtKind::Return(_) if !ctx.in_function => syntax("'return' outside function", s.span),
        StmtKind::Break if !ctx.in_loop => syntax("'break' outside loop", s.span),
        StmtKind::Continue if !ctx.in_loop => syntax("'continue' not properly in loop", s.span),
        StmtKind::Nonlocal(_) if ctx.at_module => {
            syntax("nonlocal declaration not allowed at module level", s.span)
        }
        StmtKind::FunctionDef(def) => {
            def.decorators.iter().try_for_each(|d| exprs.expr(d))?;
            let params = &def.params;
            for p in params
                .posonly
                .iter()
                .chain(&params.args)
                .chain(&params.kwonly)
            {
                if let Some(d) = &p.default {
                    exprs.expr(d)?;
                }
            }
            match &def.body {
                FunctionBody::Block(body) => check_block(
                    body,
                    Ctx {
                        in_function: true,
                        in_loop: false,
                        at_module: false,
                        in_class: false,
                    },
                ),
                FunctionBody::Lambda(_) => Ok(()),
            }
        }
        StmtKind::ClassDef {
            body,
            bases,
            decorators,
            ..
        } => {
            decorators.iter().try_for_each(|d| exprs.expr(d))?;
            bases.iter().try_for_each(|a| exprs.arg(a))?;
            check_block(
                body,
                Ctx {
                    in_function: false,
                    in_loop: false,
                    at_module: false,
                    in_class: true,
                },
            )
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            exprs.all(&[target, iter])?;
            check_block(
                body,
                Ctx {
                    in_loop: true,
                    ..ctx
                },
            )?;
            check_block(orelse, ctx)
        }
        StmtKind::While { test, body, orelse } => {
            exprs.all(&[test])?;
            check_block(
                body,
                Ctx {
                    in_loop: true,
                    ..ctx
                },
            )?;
            check_block(orelse, ctx)
        }
        StmtKind::If { test, body, orelse } => {
            exprs.all(&[test])?;
            check_block(body, ctx)?;
            check_block(orelse, ctx)
        }
        StmtKind::With { items, body } => {
            for item in items {
                exprs.expr(&item.context)?;
                if let Some(t) = &item.target {
                    exprs.expr(t)?;
                }
            }
            check_block(body, ctx)
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            check_block(body, ctx)?;
            for h in handlers {
                if let Some(t) = &h.type_ {
                    exprs.expr(t)?;
                }
                check_block(&h.body, ctx)?;
            }
            check_block(orelse, ctx)?;
            check_block(finalbody, ctx)
        }
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => exprs.all(&[e]),
        StmtKind::Assign { targets, value } => {
            targets.iter().try_for_each(|t| exprs.expr(t))?;
            exprs.all(&[value])
        }
        StmtKind::AugAssign { target, value, .. } => exprs.all(&[target, value]),
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => {
            exprs.all(&[target, annotation])?;
            match value {
                Some(v) => exprs.all(&[v]),
                None => Ok(()),
            }
        }
        StmtKind::Delete(ts) => ts.iter().try_for_each(|t| exprs.expr(t)),
        StmtKind::Assert { test, msg } => {
            exprs.all(&[test])?;
            msg.iter().try_for_each(|m| exprs.expr(m))
        }
        StmtKind::Raise { exc, cause } => exc.iter().chain(cause).try_for_each(|e| exprs.expr(e)),
        _ => Ok(()),
    }
}

/// The `:=` rules: inside a comprehension, an assignment expression may not rebind an
/// iteration variable, may not appear in an iterable, and may not sit in a class body.
/// The walk uses an explicit stack, so expression depth costs no native stack.
struct Exprs {
    in_class: bool,
}

/// A pending step of the expression walk.
enum Work<'a> {
    /// Visit an expression; `in_class` and `base` (the first entry of the comprehension stack
    /// that belongs to the current function scope) describe its scope.
    Visit {
        e: &'a Expr,
        in_class: bool,
        base: usize,
    },
    /// Enter a comprehension binding these names.
    Push(Vec<Rc<str>>),
    /// Leave a comprehension.
    Pop,
}

impl Exprs {
    fn all(&self, es: &[&Expr]) -> PResult<()> {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn arg(&self, a: &Arg) -> PResult<()> {
        match a {
            Arg::Positional(e) | Arg::Starred(e) | Arg::DoubleStarred(e) => self.expr(e),
            Arg::Keyword { value, .. } => self.expr(value),
        }
    }

    fn expr(&self, root: &Expr) -> PResult<()> {
        let mut comps: Vec<Vec<Rc<str>>> = Vec::new();
        let mut work = vec![Work::Visit {
            e: root,
            in_class: self.in_class,
            base: 0,
        }];
        while let Some(item) = work.pop() {
            let (e, in_class, base) = match item {
                Work::Push(vars) => {
                    comps.push(vars);
                    continue;
                }
                Work::Pop => {
                    comps.pop();
                    continue;
                }
                Work::Visit { e, in_class, base } => (e, in_class, base),
            };
            match &e.kind {
                ExprKind::NamedExpr { target, .. } => {
                    let enclosing = comps.get(base..).unwrap_or(&[]);
                    if !enclosing.is_empty() {
                        if enclosing.iter().any(|vars| vars.contains(target)) {
                            let msg = format!(
                                "assignment expression cannot rebind comprehension iteration variable '{}'",
                                target
                            );
                            return syntax(msg, e.span);
                        }
                        if in_class {
                            return syntax(
                                "assignment expression within a comprehension cannot be used in a class body",
                                e.span,
                            );
                        }
                    }
                }
                ExprKind::ListComp { generators, .. }
                | ExprKind::SetComp { generators, .. }
                | ExprKind::GeneratorExp { generators, .. }
                | ExprKind::DictComp { generators, .. } => {
                    let mut vars = Vec::new();
                    for g in generators {
                        collect_names(&g.target, &mut vars);
                        no_walrus_in_iterable(&g.iter)?;
                    }
                    work.push(Work::Pop);
                    for_each_child(e, &mut |c| {
                        work.push(Work::Visit {
                            e: c,
                            in_class,
                            base,
                        })
                    });
                    work.push(Work::Push(vars));
                    continue;
                }
                ExprKind::Lambda(def) => {
                    // A lambda is a new function scope: its body starts afresh.
                    let params = &def.params;
                    for p in params
                        .posonly
                        .iter()
                        .chain(&params.args)
                        .chain(&params.kwonly)
                    {
                        if let Some(d) = &p.default {
                            work.push(Work::Visit {
                                e: d,
                                in_class,
                                base,
                            });
                        }
                    }
                    if let FunctionBody::Lambda(body) = &def.body {
                        work.push(Work::Visit {
                            e: body,
                            in_class: false,
                            base: comps.len(),
                        });
                    }
                    continue;
                }
                _ => {}
            }
            for_each_child(e, &mut |c| {
                work.push(Work::Visit {
                    e: c,
                    in_class,
                    base,
                })
            });
        }
        Ok(())
    }
}

/// The names bound by a comprehension target.
fn collect_names(target: &Expr, out: &mut Vec<Rc<str>>) {
    match &target.kind {
        ExprKind::Name(n) => out.push(n.id.clone()),
        ExprKind::Tuple(xs) | ExprKind::List(xs) => xs.iter().for_each(|x| collect_names(x, out)),
        ExprKind::Starred(x) => collect_names(x, out),
        _ => {}
    }
}

/// "assignment expression cannot be used in a comprehension iterable expression".
fn no_walrus_in_iterable(e: &Expr) -> PResult<()> {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::NamedExpr { .. } => {
                return syntax(
                    "assignment expression cannot be used in a comprehension iterable expression",
                    e.span,
                );
            }
            ExprKind::Lambda(_) => {}
            _ => for_each_child(e, &mut |c| stack.push(c)),
        }
    }
    Ok(())
}

/// Calls `f` on each direct sub-expression of `e` (lambda bodies excluded).
fn for_each_child<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) | ExprKind::Lambda(_) => {}
        ExprKind::FString(parts) => {
            let mut todo: Vec<&'a FStringPart> = parts.iter().collect();
            while let Some(p) = todo.pop() {
                if let FStringPart::Field { expr, spec, .. } = p {
                    f(expr);
                    todo.extend(spec.iter());
                }
            }
        }
        ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => xs.iter().for_each(f),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(f),
        ExprKind::Dict(kvs) => {
            for (k, v) in kvs {
                if let Some(k) = k {
                    f(k);
                }
                f(v);
            }
        }
        ExprKind::Starred(x)
        | ExprKind::Attribute { value: x, .. }
        | ExprKind::UnaryOp { operand: x, .. } => f(x),
        ExprKind::NamedExpr { value, .. } => f(value),
        ExprKind::Subscript { value, index } => {
            f(value);
            f(index);
        }
        ExprKind::Slice { lower, upper, step } => [lower, upper, step]
            .into_iter()
            .flatten()
            .for_each(|x| f(x)),
        ExprKind::Call { func, args } => {
            f(func);
            for a in args {
                match a {
                    Arg::Positional(x) | Arg::Starred(x) | Arg::DoubleStarred(x) => f(x),
                    Arg::Keyword { value, .. } => f(value),
                }
            }
        }
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::Compare { left, ops } => {
            f(left);
            ops.iter().for_each(|(_, r)| f(r));
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            f(elt);
            for g in generators {
                f(&g.target);
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            f(key);
            f(value);
            for g in generators {
                f(&g.target);
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
        }
    }
}
