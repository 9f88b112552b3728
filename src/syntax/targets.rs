//! Target checks: what may stand left of `=`, after `for`/`as`, after `del`, before `+=` or
//! `: annotation`, with CPython's messages ("cannot assign to function call", "cannot delete
//! starred", "'tuple' is an illegal expression for augmented assignment", ...).
//!
//! The grammar parses targets as ordinary expressions (so no alternative has to re-parse a long
//! prefix); these checks then reject what is not assignable.

use super::ast::{Constant, Expr, ExprKind};
use super::build_expr::Node;
use super::errors::{syntax, PResult};

/// Where a target appears.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TargetCtx {
    /// `=`, `for`, comprehension `for`, `with ... as`.
    Assign,
    /// `del`.
    Del,
}

/// CPython's name for an expression kind in error messages.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::True) => "True",
        ExprKind::Constant(Constant::False) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The first part of `e` that cannot be a target in `ctx`, with the message to report.
pub(crate) fn invalid_target(e: &Expr, ctx: TargetCtx, top: bool) -> Option<(&Expr, String)> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Starred(inner) => match ctx {
            TargetCtx::Del => Some((e, "cannot delete starred".into())),
            TargetCtx::Assign if top => Some((
                e,
                "starred assignment target must be in a list or tuple".into(),
            )),
            TargetCtx::Assign => invalid_target(inner, ctx, false),
        },
        ExprKind::Tuple(elts) | ExprKind::List(elts) => {
            let mut starred = 0;
            for elt in elts {
                if let Some(bad) = invalid_target(elt, ctx, false) {
                    return Some(bad);
                }
                if matches!(elt.kind, ExprKind::Starred(_)) {
                    starred += 1;
                    if starred > 1 {
                        return Some((elt, "multiple starred expressions in assignment".into()));
                    }
                }
            }
            None
        }
        _ => {
            let verb = if ctx == TargetCtx::Del {
                "delete"
            } else {
                "assign to"
            };
            Some((e, format!("cannot {} {}", verb, expr_name(e))))
        }
    }
}

/// Checks that `node` is a valid target in `ctx`.
pub(crate) fn check_target(node: &Node, ctx: TargetCtx) -> PResult<()> {
    match invalid_target(&node.expr, ctx, true) {
        None => Ok(()),
        Some((bad, msg)) => syntax(msg, bad.span),
    }
}

/// Checks the target of an augmented assignment (`x += 1`).
pub(crate) fn check_aug_target(node: &Node) -> PResult<()> {
    match node.expr.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        _ => syntax(
            format!(
                "'{}' is an illegal expression for augmented assignment",
                expr_name(&node.expr)
            ),
            node.outer,
        ),
    }
}

/// Checks the target of an annotated assignment (`x: int = 1`).
pub(crate) fn check_ann_target(node: &Node) -> PResult<()> {
    match node.expr.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Tuple(_) => syntax(
            "only single target (not tuple) can be annotated",
            node.outer,
        ),
        ExprKind::List(_) => syntax("only single target (not list) can be annotated", node.outer),
        _ => syntax("illegal target for annotation", node.outer),
    }
}

/// Whether `e` may stand on the left of CPython's "Maybe you meant '==' instead of '='?" hint:
/// a bitwise-or level expression that is not a display or `True`/`False`/`None`.
pub(crate) fn gets_equality_hint(node: &Node) -> bool {
    node.parenthesized()
        || !matches!(
            node.expr.kind,
            ExprKind::Compare { .. }
                | ExprKind::BoolOp { .. }
                | ExprKind::UnaryOp {
                    op: super::ast::UnaryOp::Not,
                    ..
                }
                | ExprKind::IfExp { .. }
                | ExprKind::Lambda(_)
                | ExprKind::Tuple(_)
                | ExprKind::List(_)
                | ExprKind::GeneratorExp { .. }
                | ExprKind::NamedExpr { .. }
                | ExprKind::Starred(_)
                | ExprKind::Constant(Constant::True | Constant::False | Constant::None)
        )
}
