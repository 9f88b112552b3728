//! Expression shapes and spans.

use super::super::ast::*;
use super::{first, first_expr, p, pe, text};

#[test]
fn precedence_arithmetic() {
    assert_eq!(pe("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(pe("1 * 2 + 3"), "(+ (* 1 2) 3)");
    assert_eq!(pe("1 - 2 - 3"), "(- (- 1 2) 3)");
    assert_eq!(pe("a / b // c % d @ e"), "(@ (% (// (/ a b) c) d) e)");
    assert_eq!(
        pe("a | b ^ c & d << e + f"),
        "(| a (^ b (& c (<< d (+ e f)))))"
    );
    assert_eq!(pe("a >> b << c"), "(<< (>> a b) c)");
    assert_eq!(pe("(1 + 2) * 3"), "(* (+ 1 2) 3)");
}

#[test]
fn power_and_unary() {
    assert_eq!(pe("-2**2"), "(neg (** 2 2))");
    assert_eq!(pe("2**-1"), "(** 2 (neg 1))");
    assert_eq!(pe("2**3**2"), "(** 2 (** 3 2))");
    assert_eq!(pe("-x**-y**z"), "(neg (** x (neg (** y z))))");
    assert_eq!(pe("2**-1+3"), "(+ (** 2 (neg 1)) 3)");
    assert_eq!(pe("a * -b ** c"), "(* a (neg (** b c)))");
    assert_eq!(pe("- - - 1"), "(neg (neg (neg 1)))");
    assert_eq!(pe("~x + +y"), "(+ (~ x) (pos y))");
    assert_eq!(pe("-a * b"), "(* (neg a) b)");
}

#[test]
fn boolean_and_comparison() {
    assert_eq!(pe("a or b or c"), "(or a b c)");
    assert_eq!(pe("a and b or c and d"), "(or (and a b) (and c d))");
    assert_eq!(pe("(a or b) or c"), "(or (or a b) c)");
    assert_eq!(pe("not a == b"), "(not (cmp a == b))");
    assert_eq!(pe("not a and b"), "(and (not a) b)");
    assert_eq!(pe("not not a"), "(not (not a))");
    assert_eq!(pe("a and not b or c"), "(or (and a (not b)) c)");
    assert_eq!(
        pe("a < b <= c == d != e > f >= g"),
        "(cmp a < b <= c == d != e > f >= g)"
    );
    assert_eq!(
        pe("a in b not in c is d is not e"),
        "(cmp a in b not in c is d is not e)"
    );
    assert_eq!(pe("(a < b) < c"), "(cmp (cmp a < b) < c)");
    assert_eq!(pe("a | b < c & d"), "(cmp (| a b) < (& c d))");
    assert_eq!(pe("a not  in b"), "(cmp a not in b)");
}

#[test]
fn conditional_lambda_walrus() {
    assert_eq!(pe("x if c else y"), "(if c x y)");
    assert_eq!(pe("a if b else c if d else e"), "(if b a (if d c e))");
    assert_eq!(pe("lambda: 0"), "(lambda () 0)");
    assert_eq!(
        pe("lambda x, y=1, *a, k, m=2, **kw: x"),
        "(lambda (x y=1 *a k m=2 **kw) x)"
    );
    assert_eq!(pe("lambda a, /, b, *, c: a"), "(lambda (a / b * c) a)");
    assert_eq!(
        pe("lambda x: x if x else -x"),
        "(lambda (x) (if x x (neg x)))"
    );
    assert_eq!(
        pe("a if b else lambda: c if d else e"),
        "(if b a (lambda () (if d c e)))"
    );
    assert_eq!(pe("lambda: lambda: 1"), "(lambda () (lambda () 1))");
    assert_eq!(pe("(y := 10)"), "(:= y 10)");
    assert_eq!(
        p("if (n := len(a)) > 10: pass"),
        "(if (cmp (:= n (call len a)) > 10) pass)"
    );
    assert_eq!(p("[y := f(x), y**2]"), "[(:= y (call f x)) (** y 2)]");
}

#[test]
fn calls() {
    assert_eq!(pe("f()"), "(call f)");
    assert_eq!(pe("np.sum(x, axis=1)"), "(call (. np sum) x axis=1)");
    assert_eq!(pe("f(*xs, **kw)"), "(call f *xs **kw)");
    assert_eq!(
        pe("f(a, *b, c=1, *d, **e, g=2)"),
        "(call f a *b c=1 *d **e g=2)"
    );
    assert_eq!(
        pe("sum(x*x for x in xs)"),
        "(call sum (genexp (* x x) (for x in xs)))"
    );
    assert_eq!(pe("f(a,)"), "(call f a)");
    assert_eq!(pe("f(x := 1)"), "(call f (:= x 1))");
    assert_eq!(pe("f(a)(b)(c)"), "(call (call (call f a) b) c)");
    assert_eq!(pe("print(a, sep='')"), "(call print a sep=\"\")");
}

#[test]
fn attributes_and_subscripts() {
    assert_eq!(pe("a.b.c"), "(. (. a b) c)");
    assert_eq!(pe("a[::-1]"), "([] a (: _ _ (neg 1)))");
    assert_eq!(pe("a[1:, :2]"), "([] a (tuple (: 1 _ _) (: _ 2 _)))");
    assert_eq!(pe("a[..., None]"), "([] a (tuple ... None))");
    assert_eq!(pe("a[1, 2]"), "([] a (tuple 1 2))");
    assert_eq!(pe("a[()]"), "([] a (tuple))");
    assert_eq!(pe("a[:, [0, 2]]"), "([] a (tuple (: _ _ _) [0 2]))");
    assert_eq!(pe("a[1,]"), "([] a (tuple 1))");
    assert_eq!(pe("a[:]"), "([] a (: _ _ _))");
    assert_eq!(pe("a[1:2:3]"), "([] a (: 1 2 3))");
    assert_eq!(pe("a[::]"), "([] a (: _ _ _))");
    assert_eq!(pe("a[*b]"), "([] a (tuple *b))");
    assert_eq!(pe("a[x := 1]"), "([] a (:= x 1))");
    assert_eq!(pe("a[i][j].T"), "(. ([] ([] a i) j) T)");
    assert_eq!(pe("1 .real"), "(. 1 real)");
    assert_eq!(pe("1..real"), "(. 1.0 real)");
}

#[test]
fn displays() {
    assert_eq!(pe("()"), "(tuple)");
    assert_eq!(pe("(1,)"), "(tuple 1)");
    assert_eq!(pe("(1, 2,)"), "(tuple 1 2)");
    assert_eq!(pe("1, 2"), "(tuple 1 2)");
    assert_eq!(pe("[]"), "[]");
    assert_eq!(pe("[1, 2, 3,]"), "[1 2 3]");
    assert_eq!(pe("[*a, *b]"), "[*a *b]");
    assert_eq!(pe("{}"), "{dict }");
    assert_eq!(pe("{1: 2, 'k': v,}"), "{dict 1:2 \"k\":v}");
    assert_eq!(pe("{**a, 'k': 1}"), "{dict **a \"k\":1}");
    assert_eq!(pe("{1, 2}"), "{set 1 2}");
    assert_eq!(pe("{*a, 1}"), "{set *a 1}");
    assert_eq!(pe("(*a, b)"), "(tuple *a b)");
}

#[test]
fn comprehensions() {
    assert_eq!(
        pe("[x for row in m for x in row if x > 0]"),
        "(listcomp x (for row in m) (for x in row if (cmp x > 0)))"
    );
    assert_eq!(
        pe("{k: v for k, v in d.items()}"),
        "(dictcomp k:v (for (tuple k v) in (call (. d items))))"
    );
    assert_eq!(
        pe("{x for x in s if x if y}"),
        "(setcomp x (for x in s if x if y))"
    );
    assert_eq!(pe("(x for x in y)"), "(genexp x (for x in y))");
    assert_eq!(
        pe("[a if b else c for (i, j) in z]"),
        "(listcomp (if b a c) (for (tuple i j) in z))"
    );
    assert_eq!(pe("[x for x, in y]"), "(listcomp x (for (tuple x) in y))");
    assert_eq!(
        pe("[(x, y) for x in a for y in b]"),
        "(listcomp (tuple x y) (for x in a) (for y in b))"
    );
    assert_eq!(
        pe("[x for x in a or b]"),
        "(listcomp x (for x in (or a b)))"
    );
}

#[test]
fn constants() {
    assert_eq!(pe("None"), "None");
    assert_eq!(pe("True, False, ..."), "(tuple True False ...)");
}

#[test]
fn operator_spans() {
    let src = "y = (a + b) * c";
    let e = first_expr(src);
    assert_eq!(text(src, e.span), "(a + b) * c");
    match &e.kind {
        ExprKind::BinOp { left, right, .. } => {
            assert_eq!(text(src, left.span), "a + b");
            assert_eq!(text(src, right.span), "c");
        }
        other => panic!("{:?}", other),
    }
    let src = "-x ** 2";
    assert_eq!(text(src, first_expr(src).span), "-x ** 2");
    let src = "a < b < c";
    assert_eq!(text(src, first_expr(src).span), "a < b < c");
    let src = "a and (b or c) and d";
    let e = first_expr(src);
    assert_eq!(text(src, e.span), "a and (b or c) and d");
    if let ExprKind::BoolOp { values, .. } = &e.kind {
        assert_eq!(values.len(), 3);
        assert_eq!(text(src, values[1].span), "b or c");
    }
    let src = "not x";
    assert_eq!(text(src, first_expr(src).span), "not x");
    let src = "x if c else y";
    assert_eq!(text(src, first_expr(src).span), "x if c else y");
    let src = "lambda x: x + 1";
    let e = first_expr(src);
    assert_eq!(text(src, e.span), "lambda x: x + 1");
    if let ExprKind::Lambda(def) = &e.kind {
        assert_eq!(text(src, def.name_span), "lambda");
        assert_eq!(text(src, def.params.args[0].span), "x");
    }
}

#[test]
fn primary_spans() {
    let src = "r = np.sum(x, axis=1)";
    let e = first_expr(src);
    assert_eq!(text(src, e.span), "np.sum(x, axis=1)");
    match &e.kind {
        ExprKind::Call { func, args } => {
            assert_eq!(text(src, func.span), "np.sum");
            if let ExprKind::Attribute {
                attr_span, value, ..
            } = &func.kind
            {
                assert_eq!(text(src, *attr_span), "sum");
                assert_eq!(text(src, value.span), "np");
            }
            match &args[1] {
                Arg::Keyword { span, value, .. } => {
                    assert_eq!(text(src, *span), "axis=1");
                    assert_eq!(text(src, value.span), "1");
                }
                other => panic!("{:?}", other),
            }
        }
        other => panic!("{:?}", other),
    }
    let src = "x[:, None] - y";
    let e = first_expr(src);
    if let ExprKind::BinOp { left, .. } = &e.kind {
        assert_eq!(text(src, left.span), "x[:, None]");
        if let ExprKind::Subscript { index, .. } = &left.kind {
            assert_eq!(text(src, index.span), ":, None");
            if let ExprKind::Tuple(items) = &index.kind {
                assert_eq!(text(src, items[0].span), ":");
            }
        }
    }
    let src = "a[1:2, ::3]";
    if let ExprKind::Subscript { index, .. } = &first_expr(src).kind {
        if let ExprKind::Tuple(items) = &index.kind {
            assert_eq!(text(src, items[0].span), "1:2");
            assert_eq!(text(src, items[1].span), "::3");
        }
    }
    let src = "(f)(x).y";
    assert_eq!(text(src, first_expr(src).span), "(f)(x).y");
    let src = "f(x for x in y)";
    if let ExprKind::Call { args, .. } = &first_expr(src).kind {
        if let Arg::Positional(g) = &args[0] {
            assert_eq!(text(src, g.span), "(x for x in y)");
        }
    }
}

#[test]
fn display_spans() {
    let src = "x = 1,";
    assert_eq!(text(src, first_expr(src).span), "1,");
    let src = "(a), b = c";
    if let StmtKind::Assign { targets, .. } = first(src).kind {
        assert_eq!(text(src, targets[0].span), "(a), b");
        if let ExprKind::Tuple(items) = &targets[0].kind {
            assert_eq!(text(src, items[0].span), "a");
        }
    }
    for src in [
        "[1, 2]",
        "{1: 2}",
        "{1}",
        "(1, 2)",
        "[x for x in y]",
        "(x for x in y)",
        "()",
    ] {
        assert_eq!(text(src, first_expr(src).span), src);
    }
    let src = "f(*a, **b)";
    if let ExprKind::Call { args, .. } = &first_expr(src).kind {
        if let Arg::Starred(e) = &args[0] {
            assert_eq!(text(src, e.span), "a");
        }
    }
    let src = "[*rest]";
    if let ExprKind::List(items) = &first_expr(src).kind {
        assert_eq!(text(src, items[0].span), "*rest");
    }
}

#[test]
fn non_ascii_identifiers_and_strings() {
    assert_eq!(p("é = 1; print(é)"), "(= é 1) (call print é)");
    assert_eq!(p("数据 = 'ü'"), "(= 数据 \"ü\")");
    let src = "ä + b";
    if let ExprKind::BinOp { right, .. } = &first_expr(src).kind {
        assert_eq!(text(src, right.span), "b");
    }
}

#[test]
fn parse_expression_api() {
    assert_eq!(pe("  1 + 2  "), "(+ 1 2)");
    assert_eq!(pe("a,"), "(tuple a)");
    assert_eq!(pe("x  # comment"), "x");
    assert_eq!(pe("(1 +\n 2)"), "(+ 1 2)");
    assert!(super::super::parse_expression("x = 1").is_err());
    assert!(super::super::parse_expression("1\n2").is_err());
    assert!(super::super::parse_expression("").is_err());
    assert!(super::super::parse_expression("*a").is_err());
    assert!(super::super::parse_expression("(").is_err());
}
