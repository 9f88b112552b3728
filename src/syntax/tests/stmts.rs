//! Statements, blocks and their spans.

use super::super::ast::*;
use super::{first, p, text};

#[test]
fn assignments() {
    assert_eq!(p("a = b = 0"), "(= a b 0)");
    assert_eq!(p("a, *rest = xs"), "(= (tuple a *rest) xs)");
    assert_eq!(p("(a, b), c = t"), "(= (tuple (tuple a b) c) t)");
    assert_eq!(p("[a, b] = 1, 2"), "(= [a b] (tuple 1 2))");
    assert_eq!(p("x[i, :] = v"), "(= ([] x (tuple i (: _ _ _))) v)");
    assert_eq!(p("o.a = 1"), "(= (. o a) 1)");
    assert_eq!(p("a, = x"), "(= (tuple a) x)");
    assert_eq!(p("() = x"), "(= (tuple) x)");
    assert_eq!(p("x = *a, *b"), "(= x (tuple *a *b))");
    assert_eq!(p("(a) = 1"), "(= a 1)");
}

#[test]
fn augmented_and_annotated() {
    let ops = [
        "+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>",
    ];
    for op in ops {
        assert_eq!(p(&format!("x {}= 2", op)), format!("({}= x 2)", op));
    }
    assert_eq!(p("m[:, 0] *= 2"), "(*= ([] m (tuple (: _ _ _) 0)) 2)");
    assert_eq!(p("x += 1, 2"), "(+= x (tuple 1 2))");
    assert_eq!(p("x: int = 5"), "(ann x int 5)");
    assert_eq!(p("x: np.ndarray"), "(ann x (. np ndarray))");
    assert_eq!(p("o.a: int = 1"), "(ann (. o a) int 1)");
    assert_eq!(p("(a): int = 1"), "(ann a int 1)");
}

#[test]
fn imports() {
    assert_eq!(p("import numpy"), "(import numpy)");
    assert_eq!(p("import numpy as np"), "(import numpy as np)");
    assert_eq!(
        p("import numpy.linalg as la, os"),
        "(import numpy.linalg as la, os)"
    );
    assert_eq!(
        p("from numpy import linalg as LA"),
        "(from numpy import linalg as LA)"
    );
    assert_eq!(
        p("from numpy.lib.stride_tricks import sliding_window_view"),
        "(from numpy.lib.stride_tricks import sliding_window_view)"
    );
    assert_eq!(p("from x import (a, b)"), "(from x import a, b)");
    assert_eq!(p("from x import (a,\n  b,\n)"), "(from x import a, b)");
    assert_eq!(p("from x import *"), "(from x import *)");
    assert_eq!(p("from . import x"), "(from . import x)");
    assert_eq!(p("from ..a.b import x"), "(from ..a.b import x)");
    let src = "import numpy.linalg as la";
    if let StmtKind::Import { names } = first(src).kind {
        assert_eq!(text(src, names[0].span), "numpy.linalg as la");
    }
}

#[test]
fn function_definitions() {
    assert_eq!(p("def f(): pass"), "(def f () pass)");
    assert_eq!(
        p("def f(a, b=2, /, c=3, *args, d, e=5, **kwargs):\n    return a"),
        "(def f (a b=2 / c=3 *args d e=5 **kwargs) (return a))"
    );
    assert_eq!(
        p("def f(x: np.ndarray, *, k: int = 1) -> float:\n    pass"),
        "(def f (x:(. np ndarray) * k:int=1) pass)"
    );
    assert_eq!(
        p("def f(x):\n    \"\"\"Doc.\"\"\"\n    return x"),
        "(def f (x) doc=\"Doc.\" \"Doc.\" (return x))"
    );
    assert_eq!(
        p("@np.vectorize\n@functools.lru_cache(maxsize=None)\ndef f(x):\n    return x"),
        "(@(. np vectorize) @(call (. functools lru_cache) maxsize=None) def f (x) (return x))"
    );
    assert_eq!(p("def f(*args: int): pass"), "(def f (*args:int) pass)");
    assert_eq!(p("def f(a,): pass"), "(def f (a) pass)");
    let src = "@dec\ndef f(x):\n    y = x\n    return y\n";
    let s = first(src);
    assert_eq!(text(src, s.span), "def f(x):\n    y = x\n    return y");
    if let StmtKind::FunctionDef(def) = &s.kind {
        assert_eq!(text(src, def.name_span), "f");
        assert_eq!(text(src, def.span), "def f(x):\n    y = x\n    return y");
    }
    assert_eq!(p("def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n    return inner"),
        "(def outer () (= x 1) (def inner () (nonlocal x) (+= x 1)) (return inner))");
}

#[test]
fn classes() {
    assert_eq!(p("class A: pass"), "(class A () pass)");
    assert_eq!(
        p("class A(B, metaclass=M):\n    x = 1\n    def f(self): return self.x"),
        "(class A (B metaclass=M) (= x 1) (def f (self) (return (. self x))))"
    );
    assert_eq!(
        p("@dataclass\nclass P:\n    x: int = 0"),
        "(@dataclass class P () (ann x int 0))"
    );
}

#[test]
fn control_flow() {
    assert_eq!(
        p("if x:\n    a\nelif y:\n    b\nelif z:\n    c\nelse:\n    d"),
        "(if x a else (if y b else (if z c else d)))"
    );
    assert_eq!(
        p("for i in range(3): print(i)"),
        "(for i in (call range 3) (call print i))"
    );
    assert_eq!(
        p("for i, (x, y) in enumerate(z):\n    pass\nelse:\n    done()"),
        "(for (tuple i (tuple x y)) in (call enumerate z) pass else (call done))"
    );
    assert_eq!(
        p("while x:\n    x -= 1\n    if x: break\n    continue\nelse:\n    pass"),
        "(while x (-= x 1) (if x break) continue else pass)"
    );
    assert_eq!(p("for x in *a, *b: pass"), "(for x in (tuple *a *b) pass)");
    assert_eq!(p("for x, in y: pass"), "(for (tuple x) in y pass)");
}

#[test]
fn try_with_raise_etc() {
    assert_eq!(
        p("try:\n    a\nexcept ValueError as e:\n    b\nexcept (A, B):\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f"),
        "(try a (except ValueError as e b) (except (tuple A B) c) (except d) else e finally f)"
    );
    assert_eq!(p("try:\n    a\nfinally:\n    b"), "(try a finally b)");
    assert_eq!(
        p("with np.errstate(divide='ignore'):\n    x = 1 / 0"),
        "(with (call (. np errstate) divide=\"ignore\") (= x (/ 1 0)))"
    );
    assert_eq!(
        p("with open(f) as g, open(h) as (i, j): pass"),
        "(with (call open f) as g, (call open h) as (tuple i j) pass)"
    );
    assert_eq!(
        p("with (a as b, c as d,): pass"),
        "(with a as b, c as d pass)"
    );
    assert_eq!(p("with (a, b): pass"), "(with a, b pass)");
    assert_eq!(p("with (a, b) as c: pass"), "(with (tuple a b) as c pass)");
    assert_eq!(p("raise"), "(raise)");
    assert_eq!(p("raise X from Y"), "(raise X from Y)");
    assert_eq!(p("assert x, 'm'"), "(assert x \"m\")");
    assert_eq!(p("del a, b[0], c.d,"), "(del a ([] b 0) (. c d))");
    assert_eq!(p("del (a, b), [c]"), "(del (tuple a b) [c])");
    assert_eq!(p("global a, b"), "(global a b)");
    assert_eq!(p("pass; pass;"), "pass pass");
}

#[test]
fn try_span_and_handler_span() {
    let src = "try:\n  pass\nexcept E as e:\n  pass\n";
    let s = first(src);
    assert_eq!(text(src, s.span), "try:\n  pass\nexcept E as e:\n  pass");
    if let StmtKind::Try { handlers, .. } = &s.kind {
        assert_eq!(text(src, handlers[0].span), "except E as e:\n  pass");
    }
}

#[test]
fn statement_spans() {
    let src = "x = 1  # c\ny += f(2);z";
    let stmts = super::super::parse_module(src).unwrap_or_default();
    let spans: Vec<&str> = stmts.iter().map(|s| text(src, s.span)).collect();
    assert_eq!(spans, ["x = 1", "y += f(2)", "z"]);
    let src = "if a:\n    b\nelif c:\n    d\n";
    let s = first(src);
    assert_eq!(text(src, s.span), "if a:\n    b\nelif c:\n    d");
    if let StmtKind::If { orelse, .. } = &s.kind {
        assert_eq!(text(src, orelse[0].span), "elif c:\n    d");
    }
}

#[test]
fn blocks_comments_blank_lines() {
    let src = "# header\n\nimport numpy as np  # trailing\n\n\ndef f(x):  # after colon\n    # own line\n\n        # deeper comment\n    y = x  \n# dedented comment\n    return y\n\n";
    assert_eq!(
        p(src),
        "(import numpy as np) (def f (x) (= y x) (return y))"
    );
    assert_eq!(p("if x: a = 1; b = 2"), "(if x (= a 1) (= b 2))");
    assert_eq!(p("if a:\n  if b:\n    c\n  d\ne"), "(if a (if b c) d) e");
    assert_eq!(p("if a:\n\tb\n\tif c:\n\t\td"), "(if a b (if c d))");
    assert_eq!(p("if a:\n        b\nelse:\n  c"), "(if a b else c)");
}

#[test]
fn continuation_and_brackets() {
    assert_eq!(p("x = 1 + \\\n    2"), "(= x (+ 1 2))");
    assert_eq!(p("x = [1,\n  2,  # two\n\n  3]"), "(= x [1 2 3])");
    assert_eq!(p("f(a,\n# comment\n  b)"), "(call f a b)");
    assert_eq!(p("x = (1 if y\n   else 2)"), "(= x (if y 1 2))");
    assert_eq!(p("s = 'abc' \\\n 'def'"), "(= s \"abcdef\")");
}

#[test]
fn line_endings_and_edges() {
    assert_eq!(p(""), "");
    assert_eq!(p("# only a comment"), "");
    assert_eq!(p("\n\n   \n"), "");
    assert_eq!(p("x = 1\r\ny = 2\r\n"), "(= x 1) (= y 2)");
    assert_eq!(p("if x:\r\n    y\r\n"), "(if x y)");
    assert_eq!(p("x = 1"), "(= x 1)");
    assert_eq!(p("x = (1,\r\n 2)"), "(= x (tuple 1 2))");
    assert_eq!(p("\u{feff}x = 1"), "(= x 1)");
    assert_eq!(p("x = 1\ry = 2"), "(= x 1) (= y 2)");
    assert_eq!(p("\x0cx = 1"), "(= x 1)");
}

#[test]
fn soft_keywords_are_names() {
    assert_eq!(
        p("match = 1; case = 2; _ = 3"),
        "(= match 1) (= case 2) (= _ 3)"
    );
    assert_eq!(p("print(match)"), "(call print match)");
}

/// Checks that every span is a non-empty, whitespace-trimmed range of `src` on char
/// boundaries, and that child expressions lie inside their parents.
fn check_spans(src: &str, stmts: &[Stmt]) {
    fn span_ok(src: &str, sp: super::super::span::Span, what: &str) {
        let t = src
            .get(sp.lo()..sp.hi())
            .unwrap_or_else(|| panic!("bad span {:?} for {} in {:?}", sp, what, src));
        assert!(
            !t.is_empty() && t.trim() == t,
            "untrimmed span {:?} = {:?} for {}",
            sp,
            t,
            what
        );
    }
    fn expr(src: &str, e: &Expr, parent: Option<super::super::span::Span>) {
        span_ok(src, e.span, "expr");
        if let Some(p) = parent {
            assert!(
                p.lo() <= e.span.lo() && e.span.hi() <= p.hi(),
                "{:?} outside {:?} in {:?}",
                e.span,
                p,
                src
            );
        }
        let me = Some(e.span);
        let mut kids: Vec<&Expr> = Vec::new();
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Constant(_) => {}
            ExprKind::FString(parts) => {
                let mut todo: Vec<&FStringPart> = parts.iter().collect();
                while let Some(FStringPart::Field { expr, spec, .. }) = todo.pop() {
                    kids.push(expr);
                    todo.extend(spec.iter());
                }
            }
            ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => kids.extend(xs),
            ExprKind::Dict(kvs) => {
                for (k, v) in kvs {
                    kids.extend(k);
                    kids.push(v);
                }
            }
            ExprKind::Starred(x) | ExprKind::UnaryOp { operand: x, .. } => kids.push(x),
            ExprKind::Attribute {
                value, attr_span, ..
            } => {
                span_ok(src, *attr_span, "attr");
                kids.push(value);
            }
            ExprKind::Subscript { value, index } => kids.extend([&**value, &**index]),
            ExprKind::Slice { lower, upper, step } => {
                kids.extend([lower, upper, step].into_iter().flatten().map(|b| &**b))
            }
            ExprKind::Call { func, args } => {
                kids.push(func);
                for a in args {
                    match a {
                        Arg::Positional(x) | Arg::Starred(x) | Arg::DoubleStarred(x) => {
                            kids.push(x)
                        }
                        Arg::Keyword { value, span, .. } => {
                            span_ok(src, *span, "keyword");
                            kids.push(value);
                        }
                    }
                }
            }
            ExprKind::BinOp { left, right, .. } => kids.extend([&**left, &**right]),
            ExprKind::BoolOp { values, .. } => kids.extend(values),
            ExprKind::Compare { left, ops } => {
                kids.push(left);
                kids.extend(ops.iter().map(|(_, r)| r));
            }
            ExprKind::IfExp { test, body, orelse } => kids.extend([&**test, &**body, &**orelse]),
            ExprKind::Lambda(def) => {
                if let FunctionBody::Lambda(b) = &def.body {
                    kids.push(b);
                }
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                kids.push(elt);
                for g in generators {
                    kids.extend([&g.target, &g.iter]);
                    kids.extend(&g.ifs);
                }
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                kids.extend([&**key, &**value]);
                for g in generators {
                    kids.extend([&g.target, &g.iter]);
                    kids.extend(&g.ifs);
                }
            }
            ExprKind::NamedExpr { value, .. } => kids.push(value),
        }
        for k in kids {
            expr(src, k, me);
        }
    }
    fn block(src: &str, stmts: &[Stmt]) {
        for s in stmts {
            span_ok(src, s.span, "stmt");
            let inside = Some(s.span);
            match &s.kind {
                StmtKind::Expr(e) | StmtKind::Return(Some(e)) => expr(src, e, inside),
                StmtKind::Assign { targets, value } => {
                    targets.iter().for_each(|t| expr(src, t, inside));
                    expr(src, value, inside);
                }
                StmtKind::AugAssign { target, value, .. } => {
                    expr(src, target, inside);
                    expr(src, value, inside);
                }
                StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                    expr(src, test, inside);
                    block(src, body);
                    block(src, orelse);
                }
                StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                } => {
                    expr(src, target, inside);
                    expr(src, iter, inside);
                    block(src, body);
                    block(src, orelse);
                }
                StmtKind::FunctionDef(def) => {
                    span_ok(src, def.name_span, "name");
                    if let FunctionBody::Block(b) = &def.body {
                        block(src, b);
                    }
                }
                StmtKind::ClassDef { body, .. } | StmtKind::With { body, .. } => block(src, body),
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } => {
                    block(src, body);
                    for h in handlers {
                        span_ok(src, h.span, "handler");
                        block(src, &h.body);
                    }
                    block(src, orelse);
                    block(src, finalbody);
                }
                StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                    names.iter().for_each(|n| span_ok(src, n.span, "alias"));
                }
                _ => {}
            }
        }
    }
    block(src, stmts);
}

#[test]
fn spans_are_exact_everywhere() {
    let mut sources: Vec<String> = vec![
        "y = (a + b) * c  # c\r\nif x:\r\n    z = f'{x!r:>{w}} and {y}'  \r\n".into(),
        "def f(a, *b, c=1, **d):\n    \"\"\"doc\"\"\"\n    return [i ** 2 for i in range(10) if i % 2]\n".into(),
        "x = {**a, 'k': (1, 2,), 'z': {1, 2}}; del x['k'], y.z\nlambda q, /, r=2, *s, t, **u: (q, r)\n".into(),
        "try:\n    a[1:, ::-1, ...] = -b ** 2\nexcept (E, F) as e:\n    raise G from e\nelse:\n    pass\nfinally:\n    pass\n".into(),
        "with open(p) as f, q:\n  for i, (x, *y) in enumerate(f): print(i, sep='')\n".into(),
        "import numpy.linalg as la, os\nfrom . import (a as b,\n  c)\nz = not a < b <= c or d and e if f else g\n".into(),
    ];
    let root = std::path::Path::new("/work/shared/conformance/cases");
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "npx") {
                sources.push(std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    for src in &sources {
        let stmts =
            super::super::parse_module(src).unwrap_or_else(|e| panic!("{:?}: {}", src, e.msg));
        check_spans(src, &stmts);
    }
}
