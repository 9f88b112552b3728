//! Parser tests, with a compact S-expression printer of the AST so that tests can assert whole
//! tree shapes in one line: `(+ a (* b c))`, `(call f a k=1)`, `([] x (tuple (: 1 _ _) 0))`.

use super::ast::*;
use super::parser::{parse_expression, parse_module};

mod errors;
mod exprs;
mod literals;
mod oracle;
mod repl;
mod robust;
mod shapes;
mod stmts;

fn bin(op: BinOp) -> &'static str {
    op.symbol()
}

fn opt(x: &Option<Box<Expr>>) -> String {
    x.as_ref().map_or("_".to_string(), |e| expr(e))
}

fn list(xs: &[Expr]) -> String {
    xs.iter().map(expr).collect::<Vec<_>>().join(" ")
}

fn comps(gens: &[Comprehension]) -> String {
    gens.iter()
        .map(|g| {
            let ifs: String = g.ifs.iter().map(|c| format!(" if {}", expr(c))).collect();
            format!("(for {} in {}{})", expr(&g.target), expr(&g.iter), ifs)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn arg(a: &Arg) -> String {
    match a {
        Arg::Positional(e) => expr(e),
        Arg::Starred(e) => format!("*{}", expr(e)),
        Arg::Keyword { name, value, .. } => format!("{}={}", name, expr(value)),
        Arg::DoubleStarred(e) => format!("**{}", expr(e)),
    }
}

fn param(p: &Param) -> String {
    let mut s = p.name.to_string();
    if let Some(a) = &p.annotation {
        s += &format!(":{}", expr(a));
    }
    if let Some(d) = &p.default {
        s += &format!("={}", expr(d));
    }
    s
}

/// `(a b / c * d e ** f)`
pub(super) fn params(p: &Params) -> String {
    let mut parts: Vec<String> = p.posonly.iter().map(param).collect();
    if !p.posonly.is_empty() {
        parts.push("/".into());
    }
    parts.extend(p.args.iter().map(param));
    match &p.vararg {
        Some(v) => parts.push(format!("*{}", param(v))),
        None if !p.kwonly.is_empty() => parts.push("*".into()),
        None => {}
    }
    parts.extend(p.kwonly.iter().map(param));
    if let Some(k) = &p.kwarg {
        parts.push(format!("**{}", param(k)));
    }
    format!("({})", parts.join(" "))
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::True => "True".into(),
        Constant::False => "False".into(),
        Constant::Ellipsis => "...".into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(b) => format!("{}n", b),
        Constant::Float(f) => format!("{:?}", f),
        Constant::Imaginary(f) => format!("{:?}j", f),
        Constant::Str(s) => format!("{:?}", s.as_ref()),
        Constant::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
    }
}

fn fparts(parts: &[FStringPart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            FStringPart::Literal(s) => format!("{:?}", s.as_ref()),
            FStringPart::Field {
                expr: e,
                conversion,
                spec,
                debug_text,
            } => {
                let mut s = format!("{{{}", expr(e));
                if let Some(d) = debug_text {
                    s += &format!(" dbg={:?}", d.as_ref());
                }
                if let Some(c) = conversion {
                    s += &format!("!{}", c);
                }
                if !spec.is_empty() {
                    s += &format!(":{}", fparts(spec));
                }
                s + "}"
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The compact form of an expression.
pub(super) fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.id.to_string(),
        ExprKind::Constant(c) => constant(c),
        ExprKind::FString(parts) => format!("(f {})", fparts(parts)),
        ExprKind::List(xs) => format!("[{}]", list(xs)),
        ExprKind::Tuple(xs) => format!("(tuple {})", list(xs)).replace("(tuple )", "(tuple)"),
        ExprKind::Set(xs) => format!("{{set {}}}", list(xs)),
        ExprKind::Dict(kvs) => {
            let items: Vec<String> = kvs
                .iter()
                .map(|(k, v)| match k {
                    Some(k) => format!("{}:{}", expr(k), expr(v)),
                    None => format!("**{}", expr(v)),
                })
                .collect();
            format!("{{dict {}}}", items.join(" "))
        }
        ExprKind::Starred(x) => format!("*{}", expr(x)),
        ExprKind::Attribute { value, attr, .. } => format!("(. {} {})", expr(value), attr),
        ExprKind::Subscript { value, index } => format!("([] {} {})", expr(value), expr(index)),
        ExprKind::Slice { lower, upper, step } => {
            format!("(: {} {} {})", opt(lower), opt(upper), opt(step))
        }
        ExprKind::Call { func, args } => {
            let mut parts = vec![expr(func)];
            parts.extend(args.iter().map(arg));
            format!("(call {})", parts.join(" "))
        }
        ExprKind::UnaryOp { op, operand } => {
            let o = match op {
                UnaryOp::Neg => "neg",
                UnaryOp::Pos => "pos",
                UnaryOp::Invert => "~",
                UnaryOp::Not => "not",
            };
            format!("({} {})", o, expr(operand))
        }
        ExprKind::BinOp { op, left, right } => {
            format!("({} {} {})", bin(*op), expr(left), expr(right))
        }
        ExprKind::BoolOp { op, values } => {
            let o = if *op == BoolOp::And { "and" } else { "or" };
            format!("({} {})", o, list(values))
        }
        ExprKind::Compare { left, ops } => {
            let rest: Vec<String> = ops
                .iter()
                .map(|(o, r)| format!("{} {}", o.symbol(), expr(r)))
                .collect();
            format!("(cmp {} {})", expr(left), rest.join(" "))
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!("(if {} {} {})", expr(test), expr(body), expr(orelse))
        }
        ExprKind::Lambda(def) => match &def.body {
            FunctionBody::Lambda(b) => format!("(lambda {} {})", params(&def.params), expr(b)),
            FunctionBody::Block(_) => "(lambda ?)".into(),
        },
        ExprKind::ListComp { elt, generators } => {
            format!("(listcomp {} {})", expr(elt), comps(generators))
        }
        ExprKind::SetComp { elt, generators } => {
            format!("(setcomp {} {})", expr(elt), comps(generators))
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            format!(
                "(dictcomp {}:{} {})",
                expr(key),
                expr(value),
                comps(generators)
            )
        }
        ExprKind::GeneratorExp { elt, generators } => {
            format!("(genexp {} {})", expr(elt), comps(generators))
        }
        ExprKind::NamedExpr { target, value } => format!("(:= {} {})", target, expr(value)),
    }
}

fn block(stmts: &[Stmt]) -> String {
    stmts.iter().map(stmt).collect::<Vec<_>>().join(" ")
}

fn alias(a: &ImportAlias) -> String {
    let path = a
        .path
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(".");
    match &a.alias {
        Some(al) => format!("{} as {}", path, al),
        None => path,
    }
}

/// The compact form of a statement.
pub(super) fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Expr(e) => expr(e),
        StmtKind::Assign { targets, value } => format!("(= {} {})", list(targets), expr(value)),
        StmtKind::AugAssign { target, op, value } => {
            format!("({}= {} {})", bin(*op), expr(target), expr(value))
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => {
            let v = value
                .as_ref()
                .map_or(String::new(), |v| format!(" {}", expr(v)));
            format!("(ann {} {}{})", expr(target), expr(annotation), v)
        }
        StmtKind::Import { names } => format!(
            "(import {})",
            names.iter().map(alias).collect::<Vec<_>>().join(", ")
        ),
        StmtKind::ImportFrom {
            module,
            names,
            star,
        } => {
            let n = if *star {
                "*".to_string()
            } else {
                names.iter().map(alias).collect::<Vec<_>>().join(", ")
            };
            format!("(from {} import {})", module, n)
        }
        StmtKind::FunctionDef(def) => {
            let decos: String = def
                .decorators
                .iter()
                .map(|d| format!("@{} ", expr(d)))
                .collect();
            let body = match &def.body {
                FunctionBody::Block(b) => block(b),
                FunctionBody::Lambda(e) => expr(e),
            };
            let doc = def
                .docstring
                .as_ref()
                .map_or(String::new(), |d| format!(" doc={:?}", d.as_ref()));
            format!(
                "({}def {} {}{} {})",
                decos,
                def.name,
                params(&def.params),
                doc,
                body
            )
        }
        StmtKind::ClassDef {
            name,
            bases,
            body,
            decorators,
        } => {
            let decos: String = decorators
                .iter()
                .map(|d| format!("@{} ", expr(d)))
                .collect();
            let b: Vec<String> = bases.iter().map(arg).collect();
            format!(
                "({}class {} ({}) {})",
                decos,
                name,
                b.join(" "),
                block(body)
            )
        }
        StmtKind::Return(v) => match v {
            Some(v) => format!("(return {})", expr(v)),
            None => "(return)".into(),
        },
        StmtKind::If { test, body, orelse } => {
            let o = if orelse.is_empty() {
                String::new()
            } else {
                format!(" else {}", block(orelse))
            };
            format!("(if {} {}{})", expr(test), block(body), o)
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            let o = if orelse.is_empty() {
                String::new()
            } else {
                format!(" else {}", block(orelse))
            };
            format!(
                "(for {} in {} {}{})",
                expr(target),
                expr(iter),
                block(body),
                o
            )
        }
        StmtKind::While { test, body, orelse } => {
            let o = if orelse.is_empty() {
                String::new()
            } else {
                format!(" else {}", block(orelse))
            };
            format!("(while {} {}{})", expr(test), block(body), o)
        }
        StmtKind::Break => "break".into(),
        StmtKind::Continue => "continue".into(),
        StmtKind::Pass => "pass".into(),
        StmtKind::Delete(ts) => format!("(del {})", list(ts)),
        StmtKind::Assert { test, msg } => match msg {
            Some(m) => format!("(assert {} {})", expr(test), expr(m)),
            None => format!("(assert {})", expr(test)),
        },
        StmtKind::Global(ns) => format!("(global {})", ns.join(" ")),
        StmtKind::Nonlocal(ns) => format!("(nonlocal {})", ns.join(" ")),
        StmtKind::Raise { exc, cause } => {
            let mut s = "(raise".to_string();
            if let Some(e) = exc {
                s += &format!(" {}", expr(e));
            }
            if let Some(c) = cause {
                s += &format!(" from {}", expr(c));
            }
            s + ")"
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let mut s = format!("(try {}", block(body));
            for h in handlers {
                let t = h
                    .type_
                    .as_ref()
                    .map_or(String::new(), |t| format!(" {}", expr(t)));
                let n = h
                    .name
                    .as_ref()
                    .map_or(String::new(), |n| format!(" as {}", n));
                s += &format!(" (except{}{} {})", t, n, block(&h.body));
            }
            if !orelse.is_empty() {
                s += &format!(" else {}", block(orelse));
            }
            if !finalbody.is_empty() {
                s += &format!(" finally {}", block(finalbody));
            }
            s + ")"
        }
        StmtKind::With { items, body } => {
            let its: Vec<String> = items
                .iter()
                .map(|i| match &i.target {
                    Some(t) => format!("{} as {}", expr(&i.context), expr(t)),
                    None => expr(&i.context),
                })
                .collect();
            format!("(with {} {})", its.join(", "), block(body))
        }
    }
}

/// Parses `src` and prints all statements, or panics with the error.
pub(super) fn p(src: &str) -> String {
    match parse_module(src) {
        Ok(stmts) => block(&stmts),
        Err(e) => panic!("parse error for {:?}: {} at {:?}", src, e.msg, e.span),
    }
}

/// Parses one expression and prints it.
pub(super) fn pe(src: &str) -> String {
    match parse_expression(src) {
        Ok(e) => expr(&e),
        Err(e) => panic!("parse error for {:?}: {} at {:?}", src, e.msg, e.span),
    }
}

/// The error message and the text its span covers.
pub(super) fn perr(src: &str) -> (String, String) {
    match parse_module(src) {
        Ok(stmts) => panic!("expected an error for {:?}, got {}", src, block(&stmts)),
        Err(e) => (
            e.msg,
            src.get(e.span.lo()..e.span.hi())
                .unwrap_or("<bad span>")
                .to_string(),
        ),
    }
}

/// The source text a span covers.
pub(super) fn text(src: &str, span: super::span::Span) -> &str {
    src.get(span.lo()..span.hi()).unwrap_or("<bad span>")
}

/// The first statement of `src`.
pub(super) fn first(src: &str) -> Stmt {
    match parse_module(src) {
        Ok(mut stmts) if !stmts.is_empty() => stmts.remove(0),
        Ok(_) => panic!("no statements in {:?}", src),
        Err(e) => panic!("parse error for {:?}: {} at {:?}", src, e.msg, e.span),
    }
}

/// The expression of the first (expression) statement of `src`.
pub(super) fn first_expr(src: &str) -> Expr {
    match first(src).kind {
        StmtKind::Expr(e) => e,
        StmtKind::Assign { value, .. } => value,
        other => panic!("not an expression statement: {:?}", other),
    }
}
