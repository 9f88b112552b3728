//! CPython as the oracle: every conformance case must parse, and on a corpus of hand-written
//! and generated snippets our accept/reject decision must equal `compile(src, '<s>', 'exec')`.
//! The CPython comparisons are skipped when `python3` is not installed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::super::parse_module;

pub(super) fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const ORACLE: &str = r#"
import json, sys, warnings
warnings.simplefilter("ignore")
for src in json.load(sys.stdin):
    try:
        compile(src, "<s>", "exec")
        print("1|")
    except (SyntaxError, ValueError) as e:
        print("0|" + str(getattr(e, "msg", e)).replace("\n", " "))
    except Exception as e:
        print("E|" + type(e).__name__)
"#;

/// Runs a Python `script` that reads a JSON list of snippets on stdin and prints one line
/// per snippet. `None` if python3 is missing or misbehaves.
pub(super) fn run_python(script: &str, snippets: &[String]) -> Option<Vec<String>> {
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let json = format!(
        "[{}]",
        snippets
            .iter()
            .map(|s| json_str(s))
            .collect::<Vec<_>>()
            .join(",")
    );
    child.stdin.take()?.write_all(json.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let lines: Vec<String> = text.lines().map(String::from).collect();
    (lines.len() == snippets.len()).then_some(lines)
}

/// CPython's verdict for each snippet: `Some(true)` accepted, `Some(false)` a syntax error,
/// `None` something else (e.g. RecursionError). `None` overall if python3 is missing.
fn cpython(snippets: &[String]) -> Option<Vec<(Option<bool>, String)>> {
    let lines = run_python(ORACLE, snippets)?;
    let verdicts: Vec<(Option<bool>, String)> = lines
        .iter()
        .map(|l| {
            let (v, msg) = l.split_once('|').unwrap_or(("E", ""));
            let verdict = match v {
                "1" => Some(true),
                "0" => Some(false),
                _ => None,
            };
            (verdict, msg.to_string())
        })
        .collect();
    (verdicts.len() == snippets.len()).then_some(verdicts)
}

/// Constructs numpyx deliberately leaves out (reported as unsupported), skipped in comparisons.
fn uses_unsupported(src: &str) -> bool {
    [
        "yield",
        "await",
        "async",
        "except*",
        "except *",
        "__debug__",
        "global",
        "nonlocal",
        "match ",
    ]
    .iter()
    .any(|w| src.contains(w))
}

fn compare(snippets: &[String], label: &str) {
    let Some(verdicts) = cpython(snippets) else {
        eprintln!(
            "python3 not available: skipping the CPython comparison ({})",
            label
        );
        return;
    };
    let mut mismatches = Vec::new();
    let (mut valid, mut invalid, mut same_msg) = (0, 0, 0);
    for (src, (verdict, msg)) in snippets.iter().zip(verdicts) {
        let Some(expected) = verdict else { continue };
        if uses_unsupported(src) {
            continue;
        }
        let ours = parse_module(src);
        if expected {
            valid += 1;
        } else {
            invalid += 1;
            if ours.as_ref().err().is_some_and(|e| e.msg == msg) {
                same_msg += 1;
            } else if std::env::var_os("NUMPYX_SHOW_MSG_DIFFS").is_some() {
                eprintln!(
                    "MSG {:?}: cpython={:?} ours={:?}",
                    src,
                    msg,
                    ours.as_ref().err().map(|e| &e.msg)
                );
            }
        }
        if ours.is_ok() != expected {
            mismatches.push(format!(
                "{:?}: cpython={} ({}) ours={:?}",
                src,
                expected,
                msg,
                ours.err().map(|e| e.msg)
            ));
        }
    }
    eprintln!(
        "{}: {} valid, {} invalid ({} with CPython's exact message)",
        label, valid, invalid, same_msg
    );
    assert!(
        mismatches.is_empty(),
        "{} mismatches in {}:\n{}",
        mismatches.len(),
        label,
        mismatches.join("\n")
    );
}

#[test]
fn conformance_cases_all_parse() {
    let root = Path::new("/work/shared/conformance/cases");
    if !root.exists() {
        eprintln!("no conformance corpus; skipping");
        return;
    }
    let mut stack = vec![root.to_path_buf()];
    let mut count = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "npx") {
                let src = std::fs::read_to_string(&path).unwrap_or_default();
                if let Err(e) = parse_module(&src) {
                    panic!("{}: {} at {:?}", path.display(), e.msg, e.span);
                }
                count += 1;
            }
        }
    }
    assert!(count > 0);
}

const HAND_WRITTEN: &[&str] = &[
    "x = 1",
    "x = (1,",
    "a, *b = c",
    "*a, *b = c",
    "[a, *b] = c",
    "del a[0], b.c",
    "del (a)",
    "del [a, b]",
    "f(**k, *a)",
    "f(*a, **k, b=1)",
    "f(a for a in b)",
    "f((a for a in b), c)",
    "f(a, (b for b in c))",
    "lambda *, a: a",
    "lambda *: 0",
    "lambda **k, a: 0",
    "lambda a=1, b: 0",
    "lambda a, /: a",
    "lambda /: 0",
    "x = [i for i in range(3) if i if i]",
    "x = {a: b for a in c}",
    "x = {**a for a in b}",
    "x = {*a for a in b}",
    "x = [*a for a in b]",
    "x = (*a for a in b)",
    "x = (yield)",
    "def f(): return (yield)",
    "x = a if b",
    "x = a if b else",
    "x = a else b",
    "if x:\n  pass\nelse:\n  pass\nelse:\n  pass",
    "x = 1 if 2 else 3 if 4 else 5",
    "x = not",
    "not not not x",
    "x = a is not not b",
    "x = a not in not b",
    "x = - - - - 1",
    "x = ~~~1",
    "x = 2 ** -2 ** -2",
    "x = a < b > c != d",
    "x = a[1:2, 3:4:5, ...]",
    "x = a[::]",
    "x = a[:,:]",
    "x = a[]",
    "x = a[,]",
    "x = a[1,,2]",
    "x = a[*b, *c]",
    "x = a[b:=1]",
    "x = a[b:=1:2]",
    "x = (a:=1)",
    "x = a:=1",
    "(a.b := 1)",
    "(a[0] := 1)",
    "((a) := 1)",
    "[a := 1]",
    "f(a:=1)",
    "f(a=1)",
    "f(a==1)",
    "f(a.b=1)",
    "f(1=1)",
    "f(**a=1)",
    "x = {a:=1}",
    "x = {(a:=1): 2}",
    "x = {a: b:=1}",
    "x = 1_000",
    "x = 1__000",
    "x = _1000",
    "x = 1000_",
    "x = 0_0",
    "x = 00",
    "x = 0777",
    "x = 0o777",
    "x = 0O7_7",
    "x = 0b",
    "x = 0b_1",
    "x = 0b1_",
    "x = 1.5e",
    "x = 1.5e+",
    "x = 1.5e+1",
    "x = 1.5E-1_0",
    "x = 1._5",
    "x = 1_.5",
    "x = .5j",
    "x = 5.J",
    "x = 1jj",
    "x = 1e5j",
    "x = 0x1.5",
    "x = 1 if 1else 2",
    "x = 1or 2",
    "x = 1and 2",
    "x = 'a' 'b'",
    "x = 'a' f'b' b'c'",
    "x = b'a' b'b'",
    "x = rb'\\'",
    "x = r'\\'",
    "x = '\\'",
    "x = '''a''' '''b'''",
    "x = f'{x!r:>{w}.{p}}'",
    "x = f'{x=!r:^10}'",
    "x = f'{ x = }'",
    "x = f'{x!a}'",
    "x = f'{x!}'",
    "x = f'{x!rr}'",
    "x = f'{x:{{}}}'",
    "x = f'{{x}}'",
    "x = f'{x}}'",
    "x = f'{{x}'",
    "x = f'{x:{y}}'",
    "x = f'{\"a\"}'",
    "x = f\"{'a'}\"",
    "x = f'{a[\"b\"]}'",
    "x = f'{(1, 2)}'",
    "x = f'{1, 2}'",
    "x = f'{*a,}'",
    "x = f'{lambda: 1}'",
    "x = f'{(lambda: 1)}'",
    "x = f'{a if b else c}'",
    "x = f'{a!r=}'",
    "x = f'{=}'",
    "x = f'{ }'",
    "import a.b.c",
    "import a.b as c.d",
    "import a as b, c as d",
    "from a import b.c",
    "from . import *",
    "from .a import (b)",
    "from a import ()",
    "from a import (b,)",
    "from a import b,",
    "import *",
    "from a import *,",
    "def f(a, b=1, *c, d, e=2, **f): pass",
    "def f(a, /, b, *, c): pass",
    "def f(*, a=1, b): pass",
    "def f(a: int = 1, *b: str, c: float = 2.0, **d: dict) -> None: pass",
    "def f() -> : pass",
    "def f(a b): pass",
    "def f(a,,b): pass",
    "def f(,): pass",
    "def f(**a, **b): pass",
    "def f(*a, b, *c): pass",
    "def (): pass",
    "class A(B, C, metaclass=D, **e): pass",
    "class A(): pass",
    "class A(*b): pass",
    "class A:\n  def f(self): pass",
    "@a.b(c)\ndef f(): pass",
    "@a[0]\ndef f(): pass",
    "@(lambda f: f)\ndef f(): pass",
    "@a\n@b\nclass C: pass",
    "@a\nx = 1",
    "@a\n\ndef f(): pass",
    "@\ndef f(): pass",
    "with a as b, c as d: pass",
    "with (a as b): pass",
    "with (a): pass",
    "with (a, b as c): pass",
    "with a as (b, c): pass",
    "with a as [b, c]: pass",
    "with a as b.c[d]: pass",
    "with a as 1: pass",
    "with: pass",
    "for x in y: pass\nelse: pass",
    "for x in y, z: pass",
    "for (x) in y: pass",
    "for x.y in z: pass",
    "for x[0] in z: pass",
    "for f() in z: pass",
    "for x in: pass",
    "for in y: pass",
    "while 1: break",
    "while 1:\n  continue\nelse:\n  pass",
    "try:\n  pass\nexcept A as b.c:\n  pass",
    "try:\n  pass\nexcept (A, B) as e:\n  pass",
    "try:\n  pass\nexcept A, B:\n  pass",
    "try:\n  pass\nexcept:\n  pass\nfinally:\n  pass",
    "try: pass\nfinally: pass",
    "try: pass\nexcept: pass\nelse: pass",
    "raise",
    "raise a",
    "raise a from b",
    "raise a, b",
    "assert a",
    "assert a, b",
    "assert (a, b)",
    "assert",
    "del",
    "del a,",
    "del a, *b",
    "del (a, *b)",
    "return",
    "x = 1; y = 2;",
    "x = 1;; y = 2",
    ";",
    "x = 1\n;",
    "if x: pass; pass",
    "if x: if y: pass",
    "if x: for y in z: pass",
    "if x:\n  pass\n  else: pass",
    "if x:\n\n\n  pass",
    "if x:\n  # c\n  pass",
    "if x:\n# c\n  pass",
    "if x:\n  pass\n    # c\n  pass",
    "x = [\n1,\n2\n]",
    "x = (\n)",
    "x = {\n'a':\n1}",
    "x = 1 +\\\n2",
    "x = 'a\\\nb'",
    "x = '''a\n'''",
    "\tx = 1",
    "if x:\n\tpass\n\tpass",
    "if x:\n    pass\n\tpass",
    "if 1:\n  if 2:\n    pass\n pass",
    "x = a.b.c.d(e)[f].g",
    "x = a.1",
    "x = a..b",
    "x = a.(b)",
    "x = (a).b",
    "x = [1][0]",
    "x = 'abc'[0]",
    "x = {}['a']",
    "x = ()()",
    "print 'a'",
    "print('a')",
    "exec 'a'",
    "x = `a`",
    "x = a <> b",
    "x = a => b",
    "x = a -> b",
    "x = !a",
    "x = a!",
    "x = a ? b : c",
    "x = a && b",
    "x = a || b",
    "x = $a",
    "x = a $",
    "i++",
    "x = ++i",
    "x = --i",
    "é = 1",
    "x€ = 1",
    "x = 1 # comment",
    "# only\n# comments",
    "\n\n\n",
    "x = (1 2)",
    "x = [1 2]",
    "x = {1 2}",
    "f(a b c)",
    "x = [a b for c in d]",
    "x = {'a' 'b': 1}",
    "x = a if b else c = 1",
    "a = b = c = d",
    "a = b += 1",
    "a += b = 1",
    "a: int: str",
    "a: int = b = 1",
    "(a, b): int",
    "[a]: int",
    "a.b: int",
    "a[0]: int = 1",
    "x: int = yield",
    "x = lambda: (yield)",
    "f = lambda x=lambda y=1: y: x",
    "x = [lambda: i for i in range(3)]",
    "x = [i for i in lambda: 1]",
    "x = [i for i in a if lambda: 1]",
    "x = (i for i in a) if b else c",
];

#[test]
fn hand_written_corpus_matches_cpython() {
    let snippets: Vec<String> = HAND_WRITTEN.iter().map(|s| s.to_string()).collect();
    compare(&snippets, "hand-written corpus");
}

pub(super) struct Rng(pub u64);

impl Rng {
    pub(super) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "x", "y", "a.b", "f(x)", "1", "2.5", "'s'", "(", ")", "[", "]", "{", "}", ",", ":", "=", "==",
    "+", "-", "*", "**", "not", "and", "or", "in", "if", "else", "lambda", "for", ".", "None",
    "[1]", "(x, y)", "x[0]", "*x", ";", "f'{x}'", "is", "<", "~",
];

#[test]
fn generated_snippets_match_cpython() {
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let mut snippets = Vec::new();
    while snippets.len() < 600 {
        let n = 1 + rng.below(7);
        let src: Vec<&str> = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        snippets.push(src.join(" "));
    }
    compare(&snippets, "generated token soups");
}

#[test]
fn mutated_corpus_lines_match_cpython() {
    let root = Path::new("/work/shared/conformance/cases");
    let mut lines: Vec<String> = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "npx") {
                let src = std::fs::read_to_string(&path).unwrap_or_default();
                lines.extend(
                    src.lines()
                        .filter(|l| !l.trim().is_empty() && !l.starts_with(' '))
                        .map(String::from),
                );
            }
        }
    }
    if lines.is_empty() {
        return;
    }
    let mut rng = Rng(0x0F1E_2D3C_4B5A_6978);
    let mut snippets = Vec::new();
    while snippets.len() < 400 {
        let line = &lines[rng.below(lines.len())];
        let chars: Vec<char> = line.chars().collect();
        let at = rng.below(chars.len());
        let mut mutated: Vec<char> = chars.clone();
        match rng.below(3) {
            0 => {
                mutated.remove(at);
            }
            1 => mutated.insert(
                at,
                ['(', ')', ',', ':', '=', '[', ']', '.', '*', ' '][rng.below(10)],
            ),
            _ => mutated.swap(at, rng.below(chars.len())),
        }
        let s: String = mutated.into_iter().collect();
        if !s.trim_end().ends_with(':') {
            snippets.push(s);
        }
    }
    compare(&snippets, "mutated conformance lines");
}
