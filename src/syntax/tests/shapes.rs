//! Tree shapes against CPython: random programs (valid by construction most of the time, plus
//! mutated copies) are parsed by us and by CPython's `ast`; CPython's tree is printed in the
//! same compact form as ours (see `mod.rs`), and both the accept/reject decision and, for
//! accepted programs, the whole printed tree must be equal. Skipped without python3.

use super::super::parse_module;
use super::oracle::{run_python, Rng};

const PRINTER: &str = r#"
import ast, json, sys, warnings
warnings.simplefilter("ignore")
BIN = {ast.Add:'+', ast.Sub:'-', ast.Mult:'*', ast.MatMult:'@', ast.Div:'/', ast.FloorDiv:'//', ast.Mod:'%',
       ast.Pow:'**', ast.LShift:'<<', ast.RShift:'>>', ast.BitOr:'|', ast.BitXor:'^', ast.BitAnd:'&'}
CMP = {ast.Eq:'==', ast.NotEq:'!=', ast.Lt:'<', ast.LtE:'<=', ast.Gt:'>', ast.GtE:'>=', ast.Is:'is',
       ast.IsNot:'is not', ast.In:'in', ast.NotIn:'not in'}
UN = {ast.USub:'neg', ast.UAdd:'pos', ast.Invert:'~', ast.Not:'not'}
def rs(s):
    out = '"'
    for ch in s:
        if ch == '"': out += '\\"'
        elif ch == '\\': out += '\\\\'
        elif ch == '\n': out += '\\n'
        elif ch == '\t': out += '\\t'
        elif ch == '\r': out += '\\r'
        elif ch == '\0': out += '\\0'
        elif ord(ch) < 0x20 or ord(ch) == 0x7f: out += '\\u{%x}' % ord(ch)
        else: out += ch
    return out + '"'
def const(v):
    if v is None: return 'None'
    if v is True: return 'True'
    if v is False: return 'False'
    if v is ...: return '...'
    if isinstance(v, int): return str(v) if -2**63 <= v < 2**63 else str(v) + 'n'
    if isinstance(v, float): return repr(v)
    if isinstance(v, complex): return repr(v.imag) + 'j'
    if isinstance(v, str): return rs(v)
    if isinstance(v, bytes): return 'b' + rs(v.decode('utf-8', 'replace'))
def o(n): return '_' if n is None else e(n)
def fparts(vals):
    out = []
    for v in vals:
        if isinstance(v, ast.Constant): out.append(rs(v.value))
        else:
            s = '{' + e(v.value)
            if v.conversion != -1: s += '!' + chr(v.conversion)
            if v.format_spec is not None and v.format_spec.values: s += ':' + fparts(v.format_spec.values)
            out.append(s + '}')
    return ' '.join(out)
def param(a, d):
    s = a.arg
    if a.annotation is not None: s += ':' + e(a.annotation)
    if d is not None: s += '=' + e(d)
    return s
def params(a):
    pos = a.posonlyargs + a.args
    defs = [None] * (len(pos) - len(a.defaults)) + list(a.defaults)
    parts = [param(x, d) for x, d in zip(a.posonlyargs, defs)]
    if a.posonlyargs: parts.append('/')
    parts += [param(x, d) for x, d in zip(a.args, defs[len(a.posonlyargs):])]
    if a.vararg: parts.append('*' + param(a.vararg, None))
    elif a.kwonlyargs: parts.append('*')
    parts += [param(x, d) for x, d in zip(a.kwonlyargs, a.kw_defaults)]
    if a.kwarg: parts.append('**' + param(a.kwarg, None))
    return '(' + ' '.join(parts) + ')'
def comps(gs):
    return ' '.join('(for %s in %s%s)' % (e(g.target), e(g.iter), ''.join(' if ' + e(c) for c in g.ifs)) for g in gs)
def arg(a):
    return '*' + e(a.value) if isinstance(a, ast.Starred) else e(a)
def kw(k):
    return ('%s=%s' % (k.arg, e(k.value))) if k.arg else '**' + e(k.value)
def e(n):
    t = type(n)
    if t is ast.Name: return n.id
    if t is ast.Constant: return const(n.value)
    if t is ast.JoinedStr: return '(f ' + fparts(n.values) + ')'
    if t is ast.List: return '[' + ' '.join(map(e, n.elts)) + ']'
    if t is ast.Tuple: return ('(tuple ' + ' '.join(map(e, n.elts)) + ')') if n.elts else '(tuple)'
    if t is ast.Set: return '{set ' + ' '.join(map(e, n.elts)) + '}'
    if t is ast.Dict: return '{dict ' + ' '.join((e(k) + ':' + e(v)) if k is not None else '**' + e(v) for k, v in zip(n.keys, n.values)) + '}'
    if t is ast.Starred: return '*' + e(n.value)
    if t is ast.Attribute: return '(. %s %s)' % (e(n.value), n.attr)
    if t is ast.Subscript: return '([] %s %s)' % (e(n.value), e(n.slice))
    if t is ast.Slice: return '(: %s %s %s)' % (o(n.lower), o(n.upper), o(n.step))
    if t is ast.Call: return '(call ' + ' '.join([e(n.func)] + [arg(a) for a in n.args] + [kw(k) for k in n.keywords]) + ')'
    if t is ast.UnaryOp: return '(%s %s)' % (UN[type(n.op)], e(n.operand))
    if t is ast.BinOp: return '(%s %s %s)' % (BIN[type(n.op)], e(n.left), e(n.right))
    if t is ast.BoolOp: return '(%s %s)' % ('and' if isinstance(n.op, ast.And) else 'or', ' '.join(map(e, n.values)))
    if t is ast.Compare: return '(cmp %s %s)' % (e(n.left), ' '.join(CMP[type(op)] + ' ' + e(c) for op, c in zip(n.ops, n.comparators)))
    if t is ast.IfExp: return '(if %s %s %s)' % (e(n.test), e(n.body), e(n.orelse))
    if t is ast.Lambda: return '(lambda %s %s)' % (params(n.args), e(n.body))
    if t is ast.ListComp: return '(listcomp %s %s)' % (e(n.elt), comps(n.generators))
    if t is ast.SetComp: return '(setcomp %s %s)' % (e(n.elt), comps(n.generators))
    if t is ast.DictComp: return '(dictcomp %s:%s %s)' % (e(n.key), e(n.value), comps(n.generators))
    if t is ast.GeneratorExp: return '(genexp %s %s)' % (e(n.elt), comps(n.generators))
    if t is ast.NamedExpr: return '(:= %s %s)' % (n.target.id, e(n.value))
    return '<%s>' % t.__name__
def block(b): return ' '.join(map(st, b))
def els(b): return (' else ' + block(b)) if b else ''
def alias(a): return a.name + (' as ' + a.asname if a.asname else '')
def st(n):
    t = type(n)
    if t is ast.Expr: return e(n.value)
    if t is ast.Assign: return '(= %s %s)' % (' '.join(map(e, n.targets)), e(n.value))
    if t is ast.AugAssign: return '(%s= %s %s)' % (BIN[type(n.op)], e(n.target), e(n.value))
    if t is ast.AnnAssign: return '(ann %s %s%s)' % (e(n.target), e(n.annotation), (' ' + e(n.value)) if n.value else '')
    if t is ast.Import: return '(import %s)' % ', '.join(map(alias, n.names))
    if t is ast.ImportFrom:
        names = '*' if n.names[0].name == '*' else ', '.join(map(alias, n.names))
        return '(from %s import %s)' % ('.' * n.level + (n.module or ''), names)
    if t is ast.FunctionDef:
        decos = ''.join('@' + e(d) + ' ' for d in n.decorator_list)
        doc = ''
        if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant) and isinstance(n.body[0].value.value, str):
            doc = ' doc=' + rs(n.body[0].value.value)
        return '(%sdef %s %s%s %s)' % (decos, n.name, params(n.args), doc, block(n.body))
    if t is ast.ClassDef:
        decos = ''.join('@' + e(d) + ' ' for d in n.decorator_list)
        return '(%sclass %s (%s) %s)' % (decos, n.name, ' '.join([e(b) for b in n.bases] + [kw(k) for k in n.keywords]), block(n.body))
    if t is ast.Return: return '(return %s)' % e(n.value) if n.value else '(return)'
    if t is ast.If: return '(if %s %s%s)' % (e(n.test), block(n.body), els(n.orelse))
    if t is ast.For: return '(for %s in %s %s%s)' % (e(n.target), e(n.iter), block(n.body), els(n.orelse))
    if t is ast.While: return '(while %s %s%s)' % (e(n.test), block(n.body), els(n.orelse))
    if t is ast.Break: return 'break'
    if t is ast.Continue: return 'continue'
    if t is ast.Pass: return 'pass'
    if t is ast.Delete: return '(del %s)' % ' '.join(map(e, n.targets))
    if t is ast.Assert: return '(assert %s%s)' % (e(n.test), (' ' + e(n.msg)) if n.msg else '')
    if t is ast.Global: return '(global %s)' % ' '.join(n.names)
    if t is ast.Nonlocal: return '(nonlocal %s)' % ' '.join(n.names)
    if t is ast.Raise: return '(raise%s%s)' % ((' ' + e(n.exc)) if n.exc else '', (' from ' + e(n.cause)) if n.cause else '')
    if t is ast.Try:
        s = '(try ' + block(n.body)
        for h in n.handlers:
            s += ' (except%s%s %s)' % ((' ' + e(h.type)) if h.type else '', (' as ' + h.name) if h.name else '', block(h.body))
        if n.orelse: s += ' else ' + block(n.orelse)
        if n.finalbody: s += ' finally ' + block(n.finalbody)
        return s + ')'
    if t is ast.With:
        return '(with %s %s)' % (', '.join(e(i.context_expr) + ((' as ' + e(i.optional_vars)) if i.optional_vars else '') for i in n.items), block(n.body))
    return '<%s>' % t.__name__
for src in json.load(sys.stdin):
    try:
        tree = compile(src, '<s>', 'exec', ast.PyCF_ONLY_AST)
        compile(src, '<s>', 'exec')
        print('1|' + block(tree.body))
    except (SyntaxError, ValueError) as ex:
        print('0|' + str(getattr(ex, 'msg', ex)).replace('\n', ' '))
    except Exception as ex:
        print('E|' + type(ex).__name__)
"#;

struct Gen {
    rng: Rng,
}

const NAMES: &[&str] = &["x", "y", "np", "a_1", "é", "data", "i"];
const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "@", "|", "^", "&", "<<", ">>", "<", "<=", ">", ">=",
    "==", "!=", "in", "not in", "is", "is not", "and", "or",
];
const ATOMS: &[&str] = &[
    "1",
    "0",
    "42",
    "2.5",
    "0.5",
    "10.0",
    "3j",
    "0x1f",
    "0o7",
    "0b101",
    "1_000",
    "'s'",
    "\"t\"",
    "''",
    "r'\\d'",
    "b'by'",
    "'a' 'b'",
    "None",
    "True",
    "False",
    "...",
    "f'{x}'",
    "f'v={y!r:>{x}}'",
    "f'{{}}{x:.2f}'",
    "'''tri'''",
    "9223372036854775808",
];

impl Gen {
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.rng.below(xs.len())]
    }

    fn atom(&mut self) -> String {
        if self.rng.below(3) == 0 {
            self.pick(ATOMS).to_string()
        } else {
            self.pick(NAMES).to_string()
        }
    }

    /// A primary: something calls, attributes and subscripts may follow without parentheses.
    fn primary(&mut self, d: u32) -> String {
        let e = self.expr(d);
        if e.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !e.starts_with(|c: char| c.is_ascii_digit())
        {
            e
        } else {
            format!("({})", e)
        }
    }

    fn slice(&mut self, d: u32) -> String {
        match self.rng.below(6) {
            0 => ":".into(),
            1 => format!("{}:", self.expr(d)),
            2 => format!("::{}", self.expr(d)),
            3 => format!("{}:{}:{}", self.expr(d), self.expr(d), self.expr(d)),
            4 => "...".into(),
            _ => self.expr(d),
        }
    }

    fn expr(&mut self, d: u32) -> String {
        if d == 0 {
            return self.atom();
        }
        let d1 = d - 1;
        match self.rng.below(20) {
            0..=2 => {
                let op = self.pick(BINOPS);
                format!("{} {} {}", self.expr(d1), op, self.expr(d1))
            }
            3 => {
                let op = self.pick(&["-", "+", "~", "not ", "- -"]);
                format!("{}{}", op, self.expr(d1))
            }
            4 => format!(
                "{} if {} else {}",
                self.expr(d1),
                self.expr(d1),
                self.expr(d1)
            ),
            5 => {
                let f = self.primary(d1);
                let mut args = Vec::new();
                for _ in 0..self.rng.below(3) {
                    args.push(self.expr(d1));
                }
                if self.rng.below(3) == 0 {
                    args.push(format!("*{}", self.primary(d1)));
                }
                if self.rng.below(2) == 0 {
                    args.push(format!("k={}", self.expr(d1)));
                }
                if self.rng.below(4) == 0 {
                    args.push(format!("**{}", self.primary(d1)));
                }
                format!("{}({})", f, args.join(", "))
            }
            6 => format!(
                "{}.{}",
                self.primary(d1),
                self.pick(&["T", "shape", "sum", "real"])
            ),
            7 => {
                let n = 1 + self.rng.below(3);
                let items: Vec<String> = (0..n).map(|_| self.slice(d1)).collect();
                format!("{}[{}]", self.primary(d1), items.join(", "))
            }
            8 => {
                let n = self.rng.below(4);
                let items: Vec<String> = (0..n).map(|_| self.expr(d1)).collect();
                match self.rng.below(4) {
                    0 => format!("[{}]", items.join(", ")),
                    1 => format!("({}{})", items.join(", "), if n == 1 { "," } else { "" }),
                    2 if n > 0 => format!("{{{}}}", items.join(", ")),
                    _ => {
                        let kv: Vec<String> = items
                            .iter()
                            .map(|i| format!("{}: {}", i, self.atom()))
                            .collect();
                        format!("{{{}}}", kv.join(", "))
                    }
                }
            }
            9 => {
                let (open, close) = [("[", "]"), ("(", ")"), ("{", "}")][self.rng.below(3)];
                let cond = if self.rng.below(2) == 0 {
                    format!(" if {}", self.expr(d1))
                } else {
                    String::new()
                };
                let target = self.pick(&["x", "i", "(a, b)", "a, b", "*r, s"]);
                format!(
                    "{}{} for {} in {}{}{}",
                    open,
                    self.expr(d1),
                    target,
                    self.expr(d1),
                    cond,
                    close
                )
            }
            10 => {
                let ps = self.pick(&[
                    "",
                    "x",
                    "x, y=1",
                    "*a, k",
                    "a, /, b=2, *c, d, **e",
                    "x=lambda: 1",
                ]);
                format!("lambda {}: {}", ps, self.expr(d1))
            }
            11 => format!("({} := {})", self.pick(NAMES), self.expr(d1)),
            12 => format!("({})", self.expr(d1)),
            13 => format!(
                "f'{{{}}}'",
                self.expr(d1).replace(['\'', '\\', '{', '}', '#'], "")
            ),
            _ => self.atom(),
        }
    }

    fn target(&mut self) -> String {
        match self.rng.below(6) {
            0 => format!("{}.{}", self.pick(NAMES), "attr"),
            1 => format!("{}[{}]", self.pick(NAMES), self.slice(1)),
            2 => "a, *b".into(),
            3 => "(p, q), r".into(),
            _ => self.pick(NAMES).to_string(),
        }
    }

    fn simple(&mut self) -> String {
        match self.rng.below(12) {
            0 | 1 => format!("{} = {}", self.target(), self.expr(2)),
            2 => format!(
                "{} {}= {}",
                self.pick(NAMES),
                self.pick(&["+", "-", "*", "//", "**", "@", "|", ">>"]),
                self.expr(2)
            ),
            3 => format!(
                "{}: {} = {}",
                self.pick(NAMES),
                self.primary(1),
                self.expr(2)
            ),
            4 => self
                .pick(&[
                    "import numpy as np",
                    "from numpy import linalg as LA, fft",
                    "from x import (a, b,)",
                    "import a.b.c",
                ])
                .to_string(),
            5 => format!("del {}", self.target()),
            6 => format!("assert {}, {}", self.expr(2), self.atom()),
            7 => "pass".into(),
            8 => format!("raise {} from {}", self.primary(1), self.atom()),
            9 => format!(
                "{} = {} = {}",
                self.pick(NAMES),
                self.pick(NAMES),
                self.expr(2)
            ),
            _ => self.expr(3),
        }
    }

    fn block(&mut self, indent: usize, depth: u32, in_loop: bool, in_def: bool) -> String {
        let pad = " ".repeat(indent);
        let mut out = String::new();
        for _ in 0..1 + self.rng.below(3) {
            let line = if depth == 0 { 99 } else { self.rng.below(14) };
            let inner = indent + 4;
            match line {
                0 => {
                    out += &format!(
                        "{}if {}:\n{}",
                        pad,
                        self.expr(2),
                        self.block(inner, depth - 1, in_loop, in_def)
                    );
                    if self.rng.below(2) == 0 {
                        out += &format!(
                            "{}elif {}:\n{}",
                            pad,
                            self.expr(1),
                            self.block(inner, depth - 1, in_loop, in_def)
                        );
                    }
                    if self.rng.below(2) == 0 {
                        out += &format!(
                            "{}else:\n{}",
                            pad,
                            self.block(inner, depth - 1, in_loop, in_def)
                        );
                    }
                }
                1 => {
                    out += &format!(
                        "{}for {} in {}:\n{}",
                        pad,
                        self.pick(&["i", "i, (x, y)", "*a, b"]),
                        self.expr(2),
                        self.block(inner, depth - 1, true, in_def)
                    )
                }
                2 => {
                    out += &format!(
                        "{}while {}:\n{}",
                        pad,
                        self.expr(2),
                        self.block(inner, depth - 1, true, in_def)
                    )
                }
                3 => {
                    let deco = if self.rng.below(2) == 0 {
                        format!("{}@{}\n", pad, self.primary(1))
                    } else {
                        String::new()
                    };
                    let ps = self.pick(&[
                        "",
                        "x",
                        "x, y=1, *args, k, **kw",
                        "a, /, b: int = 2",
                        "x: np.ndarray",
                    ]);
                    out += &format!(
                        "{}{}def f({}) -> float:\n{}    \"\"\"doc\"\"\"\n{}",
                        deco,
                        pad,
                        ps,
                        pad,
                        self.block(inner, depth - 1, false, true)
                    );
                }
                4 => {
                    out += &format!(
                        "{}class C({}):\n{}",
                        pad,
                        self.pick(&["", "B", "B, metaclass=M"]),
                        self.block(inner, depth - 1, false, false)
                    )
                }
                5 => {
                    out += &format!(
                        "{}try:\n{}",
                        pad,
                        self.block(inner, depth - 1, in_loop, in_def)
                    );
                    out += &format!(
                        "{}except {} as e:\n{}",
                        pad,
                        self.pick(&["E", "(A, B)"]),
                        self.block(inner, depth - 1, in_loop, in_def)
                    );
                    if self.rng.below(2) == 0 {
                        out += &format!(
                            "{}finally:\n{}",
                            pad,
                            self.block(inner, depth - 1, in_loop, in_def)
                        );
                    }
                }
                6 => {
                    out += &format!(
                        "{}with {} as {}:\n{}",
                        pad,
                        self.primary(1),
                        self.pick(&["g", "(h, k)"]),
                        self.block(inner, depth - 1, in_loop, in_def)
                    )
                }
                7 if in_loop => out += &format!("{}{}\n", pad, self.pick(&["break", "continue"])),
                8 if in_def => out += &format!("{}return {}\n", pad, self.expr(2)),
                9 => {
                    out += &format!(
                        "{}if {}: {}; {}\n",
                        pad,
                        self.expr(1),
                        self.simple(),
                        self.simple()
                    )
                }
                10 => out += &format!("{}# comment\n\n{}{}  # trailing\n", pad, pad, self.simple()),
                _ => out += &format!("{}{}\n", pad, self.simple()),
            }
        }
        out
    }
}

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let at = rng.below(chars.len());
    match rng.below(3) {
        0 => {
            chars.remove(at);
        }
        1 => chars.insert(
            at,
            [
                '(', ')', ',', ':', '=', '[', ']', '.', '*', ' ', '\n', 'x', '\'',
            ][rng.below(13)],
        ),
        _ => {
            let other = rng.below(chars.len());
            chars.swap(at, other);
        }
    }
    chars.into_iter().collect()
}

#[test]
fn random_programs_have_cpython_shapes() {
    let seed = std::env::var("NUMPYX_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_1234_ABCD_0001);
    let mut gen = Gen { rng: Rng(seed) };
    let mut programs = Vec::new();
    for k in 0..700 {
        let prog = if k % 3 == 0 {
            gen.simple()
        } else {
            gen.block(0, 2, false, false)
        };
        programs.push(prog.clone());
        if k % 2 == 0 {
            programs.push(mutate(&mut gen.rng, &prog));
        }
    }
    let Some(lines) = run_python(PRINTER, &programs) else {
        eprintln!("python3 not available: skipping the shape comparison");
        return;
    };
    let (mut same, mut rejected) = (0, 0);
    let mut diffs = Vec::new();
    for (src, line) in programs.iter().zip(&lines) {
        let (verdict, theirs) = line.split_once('|').unwrap_or(("E", ""));
        let ours = parse_module(src);
        match (verdict, &ours) {
            ("1", Ok(stmts)) => {
                let mine = stmts.iter().map(super::stmt).collect::<Vec<_>>().join(" ");
                if mine == theirs {
                    same += 1;
                } else {
                    diffs.push(format!(
                        "{:?}\n  cpython: {}\n  ours:    {}",
                        src, theirs, mine
                    ));
                }
            }
            ("0", Err(_)) => rejected += 1,
            ("E", _) => {}
            _ => diffs.push(format!(
                "{:?}: cpython={} ours={:?}",
                src,
                line,
                ours.as_ref().err().map(|e| &e.msg)
            )),
        }
    }
    eprintln!(
        "random programs: {} identical trees, {} rejected by both",
        same, rejected
    );
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert!(same > 300);
}
