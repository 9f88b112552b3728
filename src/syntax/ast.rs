//! The abstract syntax tree of numpyx's Python subset.
//!
//! The parser (`parser.rs`) turns pest pairs from `grammar/numpyx.pest` into these nodes; the
//! interpreter walks them. Every statement and expression carries the byte range of the source it
//! came from, so diagnostics can underline exactly the sub-expression at fault.
//!
//! The shapes follow CPython's `ast` module where that is natural (`Compare` with a chain of
//! operators, `BoolOp` with a list of operands, `elif` as a nested `If` in `orelse`), so that
//! Python's semantics map onto the tree one to one.

use std::rc::Rc;

use num_bigint::BigInt;

use super::span::Span;

/// A statement with its source range.
#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

/// The statements of the language.
#[derive(Debug, Clone)]
pub enum StmtKind {
    /// An expression evaluated for its effect (or echoed at the prompt).
    Expr(Expr),
    /// `a = b = value`: every target in `targets` receives `value`, left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    /// `target op= value`, e.g. `x += 1`, `m[:, 0] *= 2`.
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation = value` (the annotation is evaluated and ignored, as Python does).
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    /// `import numpy`, `import numpy as np`, `import numpy.linalg as la`.
    Import {
        names: Vec<ImportAlias>,
    },
    /// `from numpy import linalg as LA`, `from numpy.random import default_rng`, `from x import *`
    /// (then `names` is empty and `star` is true).
    ImportFrom {
        module: String,
        names: Vec<ImportAlias>,
        star: bool,
    },
    /// `def name(params): body`, with its decorators (applied bottom-up).
    FunctionDef(Rc<FunctionDef>),
    /// `class Name(bases): body` — parsed so that a clear error (or later support) can follow.
    ClassDef {
        name: Rc<str>,
        bases: Vec<Arg>,
        body: Vec<Stmt>,
        decorators: Vec<Expr>,
    },
    /// `return` / `return value` (a bare tuple `return a, b` is a `Tuple` expression).
    Return(Option<Expr>),
    /// `if test: body` with `elif`s folded into a nested `If` inside `orelse`.
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `for target in iter: body else: orelse`.
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`.
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Break,
    Continue,
    Pass,
    /// `del a, b[0], c.attr`.
    Delete(Vec<Expr>),
    /// `assert test, msg`.
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    /// `global a, b`.
    Global(Vec<Rc<str>>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Rc<str>>),
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `try: ... except T as e: ... else: ... finally: ...`.
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    /// `with a as x, b: body` (e.g. `with np.errstate(divide='ignore'):`).
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
}

/// One name of an import statement: `numpy.linalg as la` → path `["numpy", "linalg"]`, alias `la`.
#[derive(Debug, Clone)]
pub struct ImportAlias {
    /// The dotted name as written (for `from m import a`, just `["a"]`).
    pub path: Vec<Rc<str>>,
    pub alias: Option<Rc<str>>,
    pub span: Span,
}

/// One `except` clause.
#[derive(Debug, Clone)]
pub struct ExceptHandler {
    /// The exception class (or tuple of classes) to catch; `None` for a bare `except:`.
    pub type_: Option<Expr>,
    /// `as name`.
    pub name: Option<Rc<str>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// One `expr as target` of a `with` statement.
#[derive(Debug, Clone)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

/// A function definition (`def`) or the parameters and body of a `lambda`.
#[derive(Debug, Clone)]
pub struct FunctionDef {
    /// `<lambda>` for lambdas.
    pub name: Rc<str>,
    pub params: Params,
    pub body: FunctionBody,
    /// Decorator expressions in source order (applied last to first).
    pub decorators: Vec<Expr>,
    /// The docstring: the first statement of the body when it is a string literal.
    pub docstring: Option<Rc<str>>,
    /// The whole definition (for a `def`, from `def` to the end of the body).
    pub span: Span,
    /// Just the name (or the `lambda` keyword), for diagnostics.
    pub name_span: Span,
}

/// The body of a function: statements for `def`, one expression for `lambda`.
#[derive(Debug, Clone)]
pub enum FunctionBody {
    Block(Vec<Stmt>),
    Lambda(Box<Expr>),
}

/// A parameter list: `def f(a, b=2, /, c=3, *args, d, e=5, **kwargs)`.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// Positional-only parameters (before `/`).
    pub posonly: Vec<Param>,
    /// Ordinary parameters, positional or keyword.
    pub args: Vec<Param>,
    /// `*args`.
    pub vararg: Option<Param>,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonly: Vec<Param>,
    /// `**kwargs`.
    pub kwarg: Option<Param>,
}

/// One parameter with its optional default (evaluated once, when the `def` runs).
#[derive(Debug, Clone)]
pub struct Param {
    pub name: Rc<str>,
    pub default: Option<Expr>,
    /// Annotations are parsed and ignored.
    pub annotation: Option<Expr>,
    pub span: Span,
}

/// An expression with its source range.
#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// The expressions of the language.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// A variable reference.
    Name(Ident),
    /// A literal constant.
    Constant(Constant),
    /// An f-string (adjacent plain string literals are merged into it as `Literal` parts).
    FString(Vec<FStringPart>),
    List(Vec<Expr>),
    /// A tuple display, parenthesized or bare (`a, b`); `()` is the empty tuple.
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// `{k: v, **other}`: a `None` key marks a `**other` entry.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `*xs` inside a list/tuple/set display or an assignment target.
    Starred(Box<Expr>),
    /// `value.attr`.
    Attribute {
        value: Box<Expr>,
        attr: Rc<str>,
        attr_span: Span,
    },
    /// `value[index]`; `a[1, :]` has a `Tuple` index whose items may be `Slice`s.
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    /// `lower:upper:step` inside a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    /// `func(args)`.
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    BinOp {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `a and b and c` / `a or b`: returns an operand, as Python does.
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `a < b <= c`: `left` then each `(op, right)` in the chain.
    Compare {
        left: Box<Expr>,
        ops: Vec<(CmpOp, Expr)>,
    },
    /// `body if test else orelse`.
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `lambda params: body` (the `FunctionDef` has a `FunctionBody::Lambda`).
    Lambda(Rc<FunctionDef>),
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `(x*x for x in xs)`, also as the sole argument `sum(x*x for x in xs)`.
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `name := value`.
    NamedExpr {
        target: Rc<str>,
        value: Box<Expr>,
    },
}

/// A variable name as it occurs in the code, with the interpreter's lookup cache.
///
/// The cache remembers how the last lookup through this occurrence went (see
/// `interp::scope::NameCache`): a name's scope is a static property of where it occurs, and the
/// position it was found at is re-validated on every use, so a stale cache is never wrong, only
/// slower.
#[derive(Debug, Clone)]
pub struct Ident {
    /// The name, interned (every occurrence of a name is the same allocation).
    pub id: Rc<str>,
    /// Opaque cache owned by the interpreter.
    pub cache: std::cell::Cell<u32>,
}

impl Ident {
    /// An occurrence of the name `id` (interned by the caller).
    pub fn new(id: Rc<str>) -> Ident {
        Ident {
            id,
            cache: std::cell::Cell::new(0),
        }
    }
}

/// A literal constant.
#[derive(Debug, Clone)]
pub enum Constant {
    None,
    True,
    False,
    /// `...`
    Ellipsis,
    /// An integer literal that fits in i64.
    Int(i64),
    /// An integer literal that does not fit in i64 (`2**64` written out, `0xFFFF_FFFF_FFFF_FFFF_F`).
    BigInt(Rc<BigInt>),
    Float(f64),
    /// `2.5j`: the imaginary part.
    Imaginary(f64),
    /// A string literal, escapes resolved; adjacent literals concatenated.
    Str(Rc<str>),
    /// A bytes literal `b"..."`.
    Bytes(Rc<[u8]>),
}

/// A piece of an f-string.
#[derive(Debug, Clone)]
pub enum FStringPart {
    Literal(Rc<str>),
    /// `{expr!conv:spec}`; `spec` may itself contain replacement fields (`{x:{width}}`).
    Field {
        expr: Box<Expr>,
        /// `r`, `s` or `a`.
        conversion: Option<char>,
        spec: Vec<FStringPart>,
        /// For `f"{x=}"`: the text `x=` to print before the value (and repr is then the default).
        debug_text: Option<Rc<str>>,
    },
}

/// One `for target in iter if cond ...` clause of a comprehension.
#[derive(Debug, Clone)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

/// A call argument.
#[derive(Debug, Clone)]
pub enum Arg {
    Positional(Expr),
    /// `*xs`
    Starred(Expr),
    /// `name=value`; the span covers `name=value`.
    Keyword {
        name: Rc<str>,
        value: Expr,
        span: Span,
    },
    /// `**kw`
    DoubleStarred(Expr),
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `~x`
    Invert,
    /// `not x`
    Not,
}

/// Binary (arithmetic and bitwise) operators; also the operator of an augmented assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl BinOp {
    /// The operator as written in source (`+`, `//`, `@`, ...), for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

impl CmpOp {
    /// The operator as written in source, for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}
