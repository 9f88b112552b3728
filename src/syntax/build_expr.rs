//! Expressions: pest pairs → `Expr`.
//!
//! The grammar delivers every binary-operator chain flat (`prefix* primary (binop prefix*
//! primary)*`); `operators` arranges it with an explicit operator stack (shunting-yard), so
//! 100,000-term chains and 100,000 unary minuses need no recursion. `and`/`or` chains become one
//! n-ary `BoolOp` and comparison chains one `Compare`, as in CPython. Ternary and lambda chains
//! (`test`) are folded from the right, also without recursion.
//!
//! Every built node carries its nesting depth; a node deeper than [`MAX_EXPR_DEPTH`] is refused
//! with a `RecursionError`-kind error before it is built, so later recursive walks (dropping,
//! evaluating, printing) of any accepted tree stay shallow.
//!
//! `Node::outer` is the node's span *including* enclosing parentheses: `(a + b) * c` has an
//! inner `BinOp` spanning `a + b` and an outer one starting at the `(`, as CPython reports.

use std::rc::Rc;

use pest::iterators::Pair;

use super::ast::{
    Arg, BinOp, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprKind, FunctionBody, FunctionDef,
    Ident, UnaryOp,
};
use super::errors::{syntax, Fail, PResult, ParseError, ParseErrorKind};
use super::parser::Rule;
use super::span::Span;
use super::targets::{check_target, TargetCtx};

/// The deepest expression tree the parser builds (CPython's own limit is about 3000).
pub const MAX_EXPR_DEPTH: u32 = 1000;

pub(crate) type P<'i> = Pair<'i, Rule>;

/// An expression under construction: the node, its tree depth and its parenthesized span.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub expr: Expr,
    pub depth: u32,
    pub outer: Span,
}

impl Node {
    pub(crate) fn new(kind: ExprKind, span: Span, depth: u32) -> Node {
        Node {
            expr: Expr { kind, span },
            depth,
            outer: span,
        }
    }

    /// Whether the expression was written inside its own parentheses.
    pub(crate) fn parenthesized(&self) -> bool {
        self.outer != self.expr.span
    }
}

/// Stack the builder may use below the point where parsing started. Nesting is already
/// bounded (200 brackets); this turns an unexpectedly deep native stack (small threads,
/// unoptimized builds) into a `RecursionError` instead of an overflow.
const STACK_BUDGET: usize = 1 << 20;

/// The address of a fresh local: a measure of the current stack depth.
#[inline(never)]
pub(crate) fn stack_position() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// Builds AST nodes from the pairs of one pest parse of `text`, which starts at byte `offset`
/// of the original source.
pub(crate) struct Builder<'t> {
    pub text: &'t str,
    pub offset: usize,
    /// Bracket nesting around the text being built (for the nesting budget of f-string fields).
    pub nest: usize,
    /// `stack_position()` when parsing started.
    pub stack_base: usize,
}

/// A pending operator of the shunting-yard.
#[derive(Clone, Copy)]
enum StackOp {
    Prefix { op: UnaryOp, start: usize },
    Infix(Infix),
}

#[derive(Clone, Copy, PartialEq)]
enum Infix {
    Bool(BoolOp),
    Cmp(CmpOp),
    Bin(BinOp),
}

/// Which n-ary node an operand is the unparenthesized result of (for chain extension).
#[derive(Clone, Copy, PartialEq)]
enum Chain {
    Bool(BoolOp),
    Cmp,
}

const PREC_NOT: u8 = 3;
const PREC_UNARY: u8 = 11;
const PREC_POW: u8 = 12;

fn infix_prec(op: Infix) -> u8 {
    match op {
        Infix::Bool(BoolOp::Or) => 1,
        Infix::Bool(BoolOp::And) => 2,
        Infix::Cmp(_) => 4,
        Infix::Bin(b) => match b {
            BinOp::BitOr => 5,
            BinOp::BitXor => 6,
            BinOp::BitAnd => 7,
            BinOp::LShift | BinOp::RShift => 8,
            BinOp::Add | BinOp::Sub => 9,
            BinOp::Mul | BinOp::MatMul | BinOp::Div | BinOp::FloorDiv | BinOp::Mod => 10,
            BinOp::Pow => PREC_POW,
        },
    }
}

fn stack_prec(op: StackOp) -> u8 {
    match op {
        StackOp::Prefix {
            op: UnaryOp::Not, ..
        } => PREC_NOT,
        StackOp::Prefix { .. } => PREC_UNARY,
        StackOp::Infix(i) => infix_prec(i),
    }
}

/// Parses an operator symbol (also the stem of augmented assignment operators).
pub(crate) fn bin_op_of(sym: &str) -> Option<BinOp> {
    Some(match sym {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "@" => BinOp::MatMul,
        "/" => BinOp::Div,
        "//" => BinOp::FloorDiv,
        "%" => BinOp::Mod,
        "**" => BinOp::Pow,
        "<<" => BinOp::LShift,
        ">>" => BinOp::RShift,
        "|" => BinOp::BitOr,
        "^" => BinOp::BitXor,
        "&" => BinOp::BitAnd,
        _ => return None,
    })
}

fn infix_of(p: &P<'_>) -> Option<Infix> {
    if let Some(inner) = p.clone().into_inner().next() {
        return Some(match inner.as_rule() {
            Rule::kw_or => Infix::Bool(BoolOp::Or),
            Rule::kw_and => Infix::Bool(BoolOp::And),
            Rule::not_in => Infix::Cmp(CmpOp::NotIn),
            Rule::is_not => Infix::Cmp(CmpOp::IsNot),
            Rule::kw_in => Infix::Cmp(CmpOp::In),
            Rule::kw_is => Infix::Cmp(CmpOp::Is),
            _ => return None,
        });
    }
    Some(match p.as_str().trim() {
        "==" => Infix::Cmp(CmpOp::Eq),
        "!=" => Infix::Cmp(CmpOp::NotEq),
        "<" => Infix::Cmp(CmpOp::Lt),
        "<=" => Infix::Cmp(CmpOp::LtE),
        ">" => Infix::Cmp(CmpOp::Gt),
        ">=" => Infix::Cmp(CmpOp::GtE),
        sym => Infix::Bin(bin_op_of(sym)?),
    })
}

/// The error for a tree that would exceed [`MAX_EXPR_DEPTH`].
pub(crate) fn too_deep(span: Span) -> Fail {
    Fail::from(ParseError {
        msg: "maximum recursion depth exceeded during compilation".into(),
        span,
        kind: ParseErrorKind::Recursion,
    })
}

fn internal(span: Span) -> Fail {
    Fail::from(ParseError::syntax("invalid syntax", span))
}

impl<'t> Builder<'t> {
    /// The absolute span of a pair.
    pub(crate) fn span(&self, p: &P<'_>) -> Span {
        // Pest may include whitespace skipped before a failed optional part; trim it.
        let s = p.as_span();
        let len = p
            .as_str()
            .trim_end_matches([' ', '\t', '\x0c', '\n', '\r'])
            .len();
        Span::new(self.offset + s.start(), self.offset + s.start() + len)
    }

    /// A node of `kind` spanning `span`, one level above children of depth `child_depth`.
    pub(crate) fn node(&self, kind: ExprKind, span: Span, child_depth: u32) -> PResult<Node> {
        let depth = child_depth + 1;
        if depth > MAX_EXPR_DEPTH {
            return Err(too_deep(span));
        }
        Ok(Node::new(kind, span, depth))
    }

    /// Fails with a `RecursionError` when the native stack used since parsing started exceeds
    /// the budget.
    fn check_stack(&self, p: &P<'_>) -> PResult<()> {
        if self.stack_base.abs_diff(stack_position()) > STACK_BUDGET {
            return Err(too_deep(self.span(p)));
        }
        Ok(())
    }

    /// `star_expressions`: a tuple when a comma is present. Returns the node and whether it is
    /// an unparenthesized tuple.
    pub(crate) fn star_expressions(&mut self, p: P<'t>) -> PResult<(Node, bool)> {
        let mut children = p.clone().into_inner();
        if let (Some(only), None) = (children.next(), children.next()) {
            return Ok((self.star_or_test(only)?, false));
        }
        self.star_expressions_tuple(p)
    }

    #[inline(never)]
    fn star_expressions_tuple(&mut self, p: P<'t>) -> PResult<(Node, bool)> {
        let span = self.span(&p);
        let mut items = Vec::new();
        let mut comma = false;
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::trailing_comma => comma = true,
                _ => items.push(self.star_or_test(item)?),
            }
        }
        if items.len() == 1 && !comma {
            return items
                .pop()
                .map(|n| (n, false))
                .ok_or_else(|| internal(span));
        }
        let depth = items.iter().map(|n| n.depth).max().unwrap_or(0);
        let elts = items.into_iter().map(|n| n.expr).collect();
        Ok((self.node(ExprKind::Tuple(elts), span, depth)?, true))
    }

    /// A `star_expr`, `named_expr` or `test` pair.
    pub(crate) fn star_or_test(&mut self, p: P<'t>) -> PResult<Node> {
        match p.as_rule() {
            Rule::star_expr => self.star_expr(p),
            Rule::named_expr => self.named_expr(p),
            _ => self.test(p),
        }
    }

    /// `*operand`
    fn star_expr(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let inner = p.into_inner().next().ok_or_else(|| internal(span))?;
        let value = self.operators(inner)?;
        self.node(ExprKind::Starred(Box::new(value.expr)), span, value.depth)
    }

    /// `[name :=] test`
    pub(crate) fn named_expr(&mut self, p: P<'t>) -> PResult<Node> {
        match p.clone().into_inner().next() {
            Some(first) if first.as_rule() != Rule::walrus => self.test(first),
            _ => self.walrus(p),
        }
    }

    #[inline(never)]
    fn walrus(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let first = it.next().ok_or_else(|| internal(span))?;
        let name = first.into_inner().next().ok_or_else(|| internal(span))?;
        let value = self.test(it.next().ok_or_else(|| internal(span))?)?;
        let target: Rc<str> = crate::syntax::intern(name.as_str());
        self.node(
            ExprKind::NamedExpr {
                target,
                value: Box::new(value.expr),
            },
            span,
            value.depth,
        )
    }

    /// `test`: lambda heads and ternary links around disjunctions, folded from the right.
    pub(crate) fn test(&mut self, p: P<'t>) -> PResult<Node> {
        let mut children = p.clone().into_inner();
        match (children.next(), children.next()) {
            (Some(only), None) if only.as_rule() == Rule::disjunction => self.operators(only),
            _ => self.test_chain(p),
        }
    }

    #[inline(never)]
    fn test_chain(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        // segments[k] = (lambda heads, body); conds[k] sits between segments k and k+1.
        let mut segments: Vec<(Vec<P<'t>>, P<'t>)> = Vec::new();
        let mut conds: Vec<P<'t>> = Vec::new();
        let mut heads = Vec::new();
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::lambda_head => heads.push(item),
                Rule::ternary_tail => {
                    let mut heads2 = Vec::new();
                    let mut disj = Vec::new();
                    for sub in item.into_inner() {
                        match sub.as_rule() {
                            Rule::lambda_head => heads2.push(sub),
                            Rule::disjunction => disj.push(sub),
                            _ => {}
                        }
                    }
                    let mut disj = disj.into_iter();
                    let (Some(cond), Some(body)) = (disj.next(), disj.next()) else {
                        return Err(internal(span));
                    };
                    conds.push(cond);
                    segments.push((heads2, body));
                }
                _ => segments.push((std::mem::take(&mut heads), item)),
            }
        }
        let mut acc: Option<Node> = None;
        while let Some((heads, body)) = segments.pop() {
            let body = self.operators(body)?;
            let mut value = match acc.take() {
                None => body,
                Some(orelse) => {
                    let cond_pair = conds.pop().ok_or_else(|| internal(span))?;
                    let cond = self.operators(cond_pair)?;
                    let sp = body.outer.to(orelse.outer);
                    let depth = body.depth.max(cond.depth).max(orelse.depth);
                    let kind = ExprKind::IfExp {
                        test: Box::new(cond.expr),
                        body: Box::new(body.expr),
                        orelse: Box::new(orelse.expr),
                    };
                    self.node(kind, sp, depth)?
                }
            };
            for head in heads.into_iter().rev() {
                value = self.lambda(head, value)?;
            }
            acc = Some(value);
        }
        acc.ok_or_else(|| internal(span))
    }

    /// Wraps `body` in the lambda whose head is `head`.
    #[inline(never)]
    fn lambda(&mut self, head: P<'t>, body: Node) -> PResult<Node> {
        let head_span = self.span(&head);
        let mut it = head.into_inner();
        let kw = it.next().ok_or_else(|| internal(head_span))?;
        let kw_span = self.span(&kw);
        let (params, pdepth) = match it.next() {
            Some(ps) => self.lambda_params(ps)?,
            None => Default::default(),
        };
        let span = kw_span.to(body.outer);
        let depth = body.depth.max(pdepth);
        let def = FunctionDef {
            name: Rc::from("<lambda>"),
            params,
            body: FunctionBody::Lambda(Box::new(body.expr)),
            decorators: Vec::new(),
            docstring: None,
            span,
            name_span: kw_span,
        };
        self.node(ExprKind::Lambda(Rc::new(def)), span, depth)
    }

    /// A flat operator chain (`disjunction` or `bitor_expr`) arranged by precedence.
    pub(crate) fn operators(&mut self, p: P<'t>) -> PResult<Node> {
        let mut children = p.clone().into_inner();
        match (children.next(), children.next()) {
            (Some(only), None) if only.as_rule() == Rule::primary => self.primary(only),
            _ => self.operator_chain(p),
        }
    }

    #[inline(never)]
    fn operator_chain(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let mut operands: Vec<(Node, Option<Chain>)> = Vec::new();
        let mut ops: Vec<StackOp> = Vec::new();
        // What came last: None = start, Some(Some(op)) = an operator, Some(None) = an operand.
        let mut last: Option<Option<StackOp>> = None;
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::prefix_op | Rule::arith_prefix => {
                    let sp = self.span(&item);
                    let op = match item.as_str().trim() {
                        "-" => UnaryOp::Neg,
                        "+" => UnaryOp::Pos,
                        "~" => UnaryOp::Invert,
                        _ => UnaryOp::Not,
                    };
                    if op == UnaryOp::Not {
                        let allowed = matches!(
                            last,
                            None | Some(Some(
                                StackOp::Infix(Infix::Bool(_))
                                    | StackOp::Prefix {
                                        op: UnaryOp::Not,
                                        ..
                                    }
                            ))
                        );
                        if !allowed {
                            return syntax("invalid syntax", sp);
                        }
                    }
                    let sop = StackOp::Prefix { op, start: sp.lo() };
                    ops.push(sop);
                    last = Some(Some(sop));
                }
                Rule::primary => {
                    operands.push((self.primary(item)?, None));
                    last = Some(None);
                }
                _ => {
                    let infix = infix_of(&item).ok_or_else(|| internal(self.span(&item)))?;
                    let prec = infix_prec(infix);
                    while let Some(&top) = ops.last() {
                        let tp = stack_prec(top);
                        if tp > prec || (tp == prec && prec != PREC_POW) {
                            ops.pop();
                            self.reduce(top, &mut operands, span)?;
                        } else {
                            break;
                        }
                    }
                    ops.push(StackOp::Infix(infix));
                    last = Some(Some(StackOp::Infix(infix)));
                }
            }
        }
        while let Some(top) = ops.pop() {
            self.reduce(top, &mut operands, span)?;
        }
        match (operands.pop(), operands.is_empty()) {
            (Some((node, _)), true) => Ok(node),
            _ => Err(internal(span)),
        }
    }

    fn reduce(
        &mut self,
        op: StackOp,
        operands: &mut Vec<(Node, Option<Chain>)>,
        span: Span,
    ) -> PResult<()> {
        let (right, _) = operands.pop().ok_or_else(|| internal(span))?;
        let result = match op {
            StackOp::Prefix { op, start } => {
                let sp = Span::new(start, right.outer.hi());
                let kind = ExprKind::UnaryOp {
                    op,
                    operand: Box::new(right.expr),
                };
                (self.node(kind, sp, right.depth)?, None)
            }
            StackOp::Infix(infix) => {
                let (mut left, chain) = operands.pop().ok_or_else(|| internal(span))?;
                let sp = left.outer.to(right.outer);
                match infix {
                    Infix::Bool(bop) if chain == Some(Chain::Bool(bop)) => {
                        if let ExprKind::BoolOp { values, .. } = &mut left.expr.kind {
                            values.push(right.expr);
                        }
                        left.depth = left.depth.max(right.depth + 1);
                        if left.depth > MAX_EXPR_DEPTH {
                            return Err(too_deep(sp));
                        }
                        left.expr.span = sp;
                        left.outer = sp;
                        (left, chain)
                    }
                    Infix::Cmp(cop) if chain == Some(Chain::Cmp) => {
                        if let ExprKind::Compare { ops, .. } = &mut left.expr.kind {
                            ops.push((cop, right.expr));
                        }
                        left.depth = left.depth.max(right.depth + 1);
                        if left.depth > MAX_EXPR_DEPTH {
                            return Err(too_deep(sp));
                        }
                        left.expr.span = sp;
                        left.outer = sp;
                        (left, chain)
                    }
                    Infix::Bool(bop) => {
                        let depth = left.depth.max(right.depth);
                        let kind = ExprKind::BoolOp {
                            op: bop,
                            values: vec![left.expr, right.expr],
                        };
                        (self.node(kind, sp, depth)?, Some(Chain::Bool(bop)))
                    }
                    Infix::Cmp(cop) => {
                        let depth = left.depth.max(right.depth);
                        let kind = ExprKind::Compare {
                            left: Box::new(left.expr),
                            ops: vec![(cop, right.expr)],
                        };
                        (self.node(kind, sp, depth)?, Some(Chain::Cmp))
                    }
                    Infix::Bin(bop) => {
                        let depth = left.depth.max(right.depth);
                        let kind = ExprKind::BinOp {
                            op: bop,
                            left: Box::new(left.expr),
                            right: Box::new(right.expr),
                        };
                        (self.node(kind, sp, depth)?, None)
                    }
                }
            }
        };
        operands.push(result);
        Ok(())
    }

    /// An atom followed by its trailers, applied left to right.
    pub(crate) fn primary(&mut self, p: P<'t>) -> PResult<Node> {
        self.check_stack(&p)?;
        let mut children = p.clone().into_inner();
        match (children.next(), children.next()) {
            (Some(only), None) => self.atom(only),
            _ => self.primary_trailers(p),
        }
    }

    #[inline(never)]
    fn primary_trailers(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let mut node = self.atom(it.next().ok_or_else(|| internal(span))?)?;
        for trailer in it {
            let tspan = self.span(&trailer);
            let sp = Span::new(node.outer.lo(), tspan.hi());
            node = match trailer.as_rule() {
                Rule::call => {
                    let (args, depth) = self.call_args(trailer)?;
                    let kind = ExprKind::Call {
                        func: Box::new(node.expr),
                        args,
                    };
                    self.node(kind, sp, node.depth.max(depth))?
                }
                Rule::subscript => {
                    let index = self.subscript(trailer)?;
                    let depth = node.depth.max(index.depth);
                    let kind = ExprKind::Subscript {
                        value: Box::new(node.expr),
                        index: Box::new(index.expr),
                    };
                    self.node(kind, sp, depth)?
                }
                _ => {
                    let name = trailer.into_inner().next().ok_or_else(|| internal(tspan))?;
                    let attr_span = self.span(&name);
                    let kind = ExprKind::Attribute {
                        value: Box::new(node.expr),
                        attr: crate::syntax::intern(name.as_str()),
                        attr_span,
                    };
                    self.node(kind, sp, node.depth)?
                }
            };
        }
        Ok(node)
    }

    #[inline(never)]
    fn atom(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let constant = |c: Constant| Ok(Node::new(ExprKind::Constant(c), span, 1));
        match p.as_rule() {
            Rule::NAME => Ok(Node::new(
                ExprKind::Name(Ident::new(crate::syntax::intern(p.as_str()))),
                span,
                1,
            )),
            Rule::number => constant(super::literals::decode_number(p.as_str(), span)?),
            Rule::kw_none => constant(Constant::None),
            Rule::kw_true => constant(Constant::True),
            Rule::kw_false => constant(Constant::False),
            Rule::ellipsis => constant(Constant::Ellipsis),
            Rule::strings => self.strings(p),
            Rule::paren => self.paren(p),
            Rule::list => self.list(p),
            Rule::brace => self.brace(p),
            Rule::yield_atom => syntax(
                "'yield' is not supported by numpyx (generators are not available)",
                span,
            ),
            _ => Err(internal(span)),
        }
    }

    /// `( ... )`: empty tuple, group, tuple or generator expression.
    fn paren(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        self.nest += 1;
        let (items, comps, comma) = self.display_items(p)?;
        self.nest -= 1;
        if !comps.is_empty() {
            let (elt, depth) = self.comprehension_elt(items, span)?;
            let (generators, gdepth) = self.comprehensions(comps)?;
            let kind = ExprKind::GeneratorExp {
                elt: Box::new(elt.expr),
                generators,
            };
            return self.node(kind, span, depth.max(gdepth));
        }
        if items.len() == 1 && !comma {
            let mut inner = items.into_iter().next().ok_or_else(|| internal(span))?;
            if matches!(inner.expr.kind, ExprKind::Starred(_)) {
                return syntax("cannot use starred expression here", inner.expr.span);
            }
            inner.outer = span;
            return Ok(inner);
        }
        let depth = items.iter().map(|n| n.depth).max().unwrap_or(0);
        self.node(
            ExprKind::Tuple(items.into_iter().map(|n| n.expr).collect()),
            span,
            depth,
        )
    }

    /// The contents of an f-string field: what may stand inside parentheses, without them.
    pub(crate) fn field_contents(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let (mut items, comps, comma) = self.display_items(p)?;
        if !comps.is_empty() {
            let (elt, depth) = self.comprehension_elt(items, span)?;
            let (generators, gdepth) = self.comprehensions(comps)?;
            let kind = ExprKind::GeneratorExp {
                elt: Box::new(elt.expr),
                generators,
            };
            return self.node(kind, span, depth.max(gdepth));
        }
        if items.len() == 1 && !comma {
            let inner = items.pop().ok_or_else(|| internal(span))?;
            if matches!(inner.expr.kind, ExprKind::Starred(_)) {
                return syntax("cannot use starred expression here", inner.expr.span);
            }
            return Ok(inner);
        }
        let depth = items.iter().map(|n| n.depth).max().unwrap_or(0);
        self.node(
            ExprKind::Tuple(items.into_iter().map(|n| n.expr).collect()),
            span,
            depth,
        )
    }

    /// `[ ... ]`: list display or comprehension.
    fn list(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        self.nest += 1;
        let (items, comps, _) = self.display_items(p)?;
        self.nest -= 1;
        if !comps.is_empty() {
            let (elt, depth) = self.comprehension_elt(items, span)?;
            let (generators, gdepth) = self.comprehensions(comps)?;
            let kind = ExprKind::ListComp {
                elt: Box::new(elt.expr),
                generators,
            };
            return self.node(kind, span, depth.max(gdepth));
        }
        let depth = items.iter().map(|n| n.depth).max().unwrap_or(0);
        self.node(
            ExprKind::List(items.into_iter().map(|n| n.expr).collect()),
            span,
            depth,
        )
    }

    /// The items, comprehension clauses and trailing-comma flag of a `(...)` or `[...]`.
    fn display_items(&mut self, p: P<'t>) -> PResult<(Vec<Node>, Vec<P<'t>>, bool)> {
        let mut items = Vec::new();
        let mut comps = Vec::new();
        let mut comma = false;
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::comp_for => comps.push(item),
                Rule::trailing_comma => comma = true,
                Rule::EOI => {}
                _ => items.push(self.star_or_test(item)?),
            }
        }
        Ok((items, comps, comma))
    }

    /// The element of a comprehension (it may not be starred).
    fn comprehension_elt(&self, items: Vec<Node>, span: Span) -> PResult<(Node, u32)> {
        let elt = items.into_iter().next().ok_or_else(|| internal(span))?;
        if matches!(elt.expr.kind, ExprKind::Starred(_)) {
            return syntax(
                "iterable unpacking cannot be used in comprehension",
                elt.expr.span,
            );
        }
        let depth = elt.depth;
        Ok((elt, depth))
    }

    /// `for ... in ... if ...` clauses.
    #[inline(never)]
    pub(crate) fn comprehensions(
        &mut self,
        comps: Vec<P<'t>>,
    ) -> PResult<(Vec<Comprehension>, u32)> {
        let mut out = Vec::with_capacity(comps.len());
        let mut depth = 0;
        for comp in comps {
            let span = self.span(&comp);
            let mut target = None;
            let mut iter = None;
            let mut ifs = Vec::new();
            for part in comp.into_inner() {
                match part.as_rule() {
                    Rule::for_targets => target = Some(self.for_targets(part)?),
                    Rule::disjunction => iter = Some(self.operators(part)?),
                    Rule::comp_if => {
                        let cond = part.into_inner().find(|q| q.as_rule() == Rule::disjunction);
                        let cond = self.operators(cond.ok_or_else(|| internal(span))?)?;
                        depth = depth.max(cond.depth);
                        ifs.push(cond.expr);
                    }
                    _ => {}
                }
            }
            let (Some(target), Some(iter)) = (target, iter) else {
                return Err(internal(span));
            };
            depth = depth.max(target.depth).max(iter.depth);
            out.push(Comprehension {
                target: target.expr,
                iter: iter.expr,
                ifs,
            });
        }
        Ok((out, depth))
    }

    /// The targets of `for` (statement or comprehension), checked for assignability.
    #[inline(never)]
    pub(crate) fn for_targets(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let mut items = Vec::new();
        let mut comma = false;
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::trailing_comma => comma = true,
                Rule::star_target => {
                    let sp = self.span(&item);
                    let inner = item.into_inner().next().ok_or_else(|| internal(sp))?;
                    let value = self.primary(inner)?;
                    items.push(self.node(
                        ExprKind::Starred(Box::new(value.expr)),
                        sp,
                        value.depth,
                    )?);
                }
                _ => items.push(self.primary(item)?),
            }
        }
        let node = if items.len() == 1 && !comma {
            items.pop().ok_or_else(|| internal(span))?
        } else {
            let depth = items.iter().map(|n| n.depth).max().unwrap_or(0);
            self.node(
                ExprKind::Tuple(items.into_iter().map(|n| n.expr).collect()),
                span,
                depth,
            )?
        };
        check_target(&node, TargetCtx::Assign)?;
        Ok(node)
    }

    /// `{ ... }`: dict or set display or comprehension.
    fn brace(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        self.nest += 1;
        let result = self.brace_inner(p, span);
        self.nest -= 1;
        result
    }

    #[inline(never)]
    fn brace_inner(&mut self, p: P<'t>, span: Span) -> PResult<Node> {
        // Each entry: (key or None for `**`, value-or-element, is_key_value).
        let mut entries: Vec<(Option<Node>, Node, bool)> = Vec::new();
        let mut comps = Vec::new();
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::comp_for => comps.push(item),
                Rule::dstar_item => {
                    let sp = self.span(&item);
                    let inner = item.into_inner().next().ok_or_else(|| internal(sp))?;
                    let mut value = self.operators(inner)?;
                    value.outer = sp;
                    entries.push((None, value, true));
                }
                Rule::star_expr => entries.push((None, self.star_expr(item)?, false)),
                _ => {
                    let sp = self.span(&item);
                    let mut it = item.into_inner();
                    let key = self.named_expr(it.next().ok_or_else(|| internal(sp))?)?;
                    match it.next() {
                        Some(v) => {
                            if matches!(key.expr.kind, ExprKind::NamedExpr { .. })
                                && !key.parenthesized()
                            {
                                return syntax("invalid syntax", key.expr.span);
                            }
                            let value = self.test(v)?;
                            entries.push((Some(key), value, true));
                        }
                        None => entries.push((None, key, false)),
                    }
                }
            }
        }
        let Some(first) = entries.first() else {
            return Ok(Node::new(ExprKind::Dict(Vec::new()), span, 1));
        };
        let is_dict = first.2;
        if !comps.is_empty() {
            let (generators, gdepth) = self.comprehensions(comps)?;
            let (key, value, _) = entries.into_iter().next().ok_or_else(|| internal(span))?;
            return match (is_dict, key) {
                (true, Some(key)) => {
                    let depth = key.depth.max(value.depth).max(gdepth);
                    let kind = ExprKind::DictComp {
                        key: Box::new(key.expr),
                        value: Box::new(value.expr),
                        generators,
                    };
                    self.node(kind, span, depth)
                }
                (true, None) => syntax(
                    "dict unpacking cannot be used in dict comprehension",
                    value.outer,
                ),
                (false, _) => {
                    if matches!(value.expr.kind, ExprKind::Starred(_)) {
                        return syntax(
                            "iterable unpacking cannot be used in comprehension",
                            value.expr.span,
                        );
                    }
                    let depth = value.depth.max(gdepth);
                    self.node(
                        ExprKind::SetComp {
                            elt: Box::new(value.expr),
                            generators,
                        },
                        span,
                        depth,
                    )
                }
            };
        }
        let mut depth = 0;
        if is_dict {
            let mut pairs = Vec::with_capacity(entries.len());
            for (key, value, kv) in entries {
                if !kv {
                    if matches!(value.expr.kind, ExprKind::Starred(_)) {
                        return syntax("invalid syntax", value.expr.span);
                    }
                    return syntax("':' expected after dictionary key", value.outer);
                }
                depth = depth
                    .max(value.depth)
                    .max(key.as_ref().map_or(0, |k| k.depth));
                pairs.push((key.map(|k| k.expr), value.expr));
            }
            return self.node(ExprKind::Dict(pairs), span, depth);
        }
        let mut elts = Vec::with_capacity(entries.len());
        for (key, value, kv) in entries {
            if kv {
                let at = key.map_or(value.outer, |k| k.outer);
                return syntax("invalid syntax", at);
            }
            depth = depth.max(value.depth);
            elts.push(value.expr);
        }
        self.node(ExprKind::Set(elts), span, depth)
    }

    /// The arguments of a call (also of a `class` header), validated as CPython does.
    pub(crate) fn call_args(&mut self, p: P<'t>) -> PResult<(Vec<Arg>, u32)> {
        let call_span = self.span(&p);
        self.nest += 1;
        let result = self.call_args_inner(p, call_span);
        self.nest -= 1;
        result
    }

    #[inline(never)]
    fn call_args_inner(&mut self, p: P<'t>, call_span: Span) -> PResult<(Vec<Arg>, u32)> {
        let pairs: Vec<P<'t>> = p.into_inner().collect();
        let total_args = pairs
            .iter()
            .filter(|q| !matches!(q.as_rule(), Rule::comp_for | Rule::trailing_comma))
            .count();
        let trailing_comma = pairs.iter().any(|q| q.as_rule() == Rule::trailing_comma);
        let mut args: Vec<(Arg, Span)> = Vec::new();
        let mut comps: Vec<P<'t>> = Vec::new();
        let mut depth = 0;
        let mut seen_keyword = false;
        let mut seen_dstar = false;
        let mut keywords: Vec<Rc<str>> = Vec::new();
        for item in pairs {
            let sp = self.span(&item);
            let arg = match item.as_rule() {
                Rule::trailing_comma => continue,
                Rule::comp_for => {
                    let Some((arg, arg_span)) = args.last() else {
                        return Err(internal(sp));
                    };
                    if let Arg::Starred(_) = arg {
                        return syntax(
                            "iterable unpacking cannot be used in comprehension",
                            *arg_span,
                        );
                    }
                    if total_args > 1 || trailing_comma || !matches!(arg, Arg::Positional(_)) {
                        return syntax(
                            "Generator expression must be parenthesized",
                            arg_span.to(sp),
                        );
                    }
                    comps.push(item);
                    continue;
                }
                Rule::kwarg => {
                    let mut it = item.into_inner();
                    let name = it.next().ok_or_else(|| internal(sp))?;
                    let value = self.test(it.next().ok_or_else(|| internal(sp))?)?;
                    let name: Rc<str> = crate::syntax::intern(name.as_str());
                    if keywords.contains(&name) {
                        return syntax(format!("keyword argument repeated: {}", name), sp);
                    }
                    keywords.push(name.clone());
                    seen_keyword = true;
                    depth = depth.max(value.depth);
                    Arg::Keyword {
                        name,
                        value: value.expr,
                        span: sp,
                    }
                }
                Rule::dstar_arg => {
                    let value = self.test(item.into_inner().next().ok_or_else(|| internal(sp))?)?;
                    seen_dstar = true;
                    depth = depth.max(value.depth);
                    Arg::DoubleStarred(value.expr)
                }
                Rule::star_arg => {
                    if seen_dstar {
                        return syntax(
                            "iterable argument unpacking follows keyword argument unpacking",
                            sp,
                        );
                    }
                    let value = self.test(item.into_inner().next().ok_or_else(|| internal(sp))?)?;
                    depth = depth.max(value.depth);
                    Arg::Starred(value.expr)
                }
                _ => {
                    let value = self.named_expr(item)?;
                    if seen_dstar {
                        return syntax(
                            "positional argument follows keyword argument unpacking",
                            value.outer,
                        );
                    }
                    if seen_keyword {
                        return syntax("positional argument follows keyword argument", value.outer);
                    }
                    depth = depth.max(value.depth);
                    Arg::Positional(value.expr)
                }
            };
            args.push((arg, sp));
        }
        if comps.is_empty() {
            return Ok((args.into_iter().map(|(a, _)| a).collect(), depth));
        }
        let elt = match args.pop() {
            Some((Arg::Positional(e), _)) => e,
            _ => return Err(internal(call_span)),
        };
        let (generators, gdepth) = self.comprehensions(comps)?;
        let kind = ExprKind::GeneratorExp {
            elt: Box::new(elt),
            generators,
        };
        let node = self.node(kind, call_span, depth.max(gdepth))?;
        Ok((vec![Arg::Positional(node.expr)], node.depth))
    }

    /// The index of a subscript: one item, or a tuple of items (slices allowed).
    fn subscript(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        self.nest += 1;
        let mut items = Vec::new();
        let mut comma = false;
        let mut starred = false;
        let mut comma_end = 0;
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::trailing_comma => {
                    comma = true;
                    comma_end = self.span(&item).hi();
                }
                Rule::star_expr => {
                    starred = true;
                    items.push(self.star_expr(item)?);
                }
                _ => items.push(self.slice(item)?),
            }
        }
        self.nest -= 1;
        if items.len() == 1 && !comma && !starred {
            return items.pop().ok_or_else(|| internal(span));
        }
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return Err(internal(span));
        };
        let sp = Span::new(first.outer.lo(), last.outer.hi().max(comma_end));
        let depth = items.iter().map(|n| n.depth).max().unwrap_or(0);
        self.node(
            ExprKind::Tuple(items.into_iter().map(|n| n.expr).collect()),
            sp,
            depth,
        )
    }

    /// One subscript item: an expression or `lower:upper:step`.
    #[inline(never)]
    fn slice(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let mut lower: Option<Node> = None;
        let mut tail = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::slice_tail => tail = Some(part),
                _ => lower = Some(self.named_expr(part)?),
            }
        }
        let Some(tail) = tail else {
            return lower.ok_or_else(|| internal(span));
        };
        if let Some(l) = &lower {
            if matches!(l.expr.kind, ExprKind::NamedExpr { .. }) && !l.parenthesized() {
                return syntax("invalid syntax", l.expr.span);
            }
        }
        let mut colons = 0;
        let mut upper = None;
        let mut step = None;
        let mut end = self.span(&tail).hi();
        for part in tail.into_inner() {
            match part.as_rule() {
                Rule::slice_colon => colons += 1,
                _ => {
                    let node = self.test(part)?;
                    end = node.outer.hi();
                    if colons == 1 {
                        upper = Some(node);
                    } else {
                        step = Some(node);
                    }
                }
            }
        }
        let start = lower.as_ref().map_or(span.lo(), |l| l.outer.lo());
        let sp = Span::new(start, end);
        let depth = [&lower, &upper, &step]
            .iter()
            .filter_map(|n| n.as_ref().map(|n| n.depth))
            .max()
            .unwrap_or(0);
        let boxed = |n: Option<Node>| n.map(|n| Box::new(n.expr));
        let kind = ExprKind::Slice {
            lower: boxed(lower),
            upper: boxed(upper),
            step: boxed(step),
        };
        self.node(kind, sp, depth)
    }

    /// Adjacent string literals: `Str`, `Bytes` or an `FString`.
    #[inline(never)]
    fn strings(&mut self, p: P<'t>) -> PResult<Node> {
        let span = self.span(&p);
        let parts: Vec<P<'t>> = p.into_inner().collect();
        super::fstring::concat_strings(self, &parts, span)
    }
}
