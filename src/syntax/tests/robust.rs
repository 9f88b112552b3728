//! Robustness: no panic, no hang, no stack overflow, for any input. These run on the test
//! harness's default 2 MiB threads, so they also show the parser's stack use stays bounded.
//! (Built with the project's dev profile, opt-level 1, 200-deep nesting takes well under
//! 1 MiB; at opt-level 0 the builder's 1 MiB stack budget refuses it with a `RecursionError`
//! instead, so the two `is_ok` checks on 200-deep inputs below assume opt-level ≥ 1.)

use std::time::{Duration, Instant};

use super::super::errors::ParseErrorKind;
use super::super::{input_status, parse_expression, parse_module};
use super::{first_expr, p};

fn err_msg(src: &str) -> String {
    match parse_module(src) {
        Err(e) => e.msg,
        Ok(_) => "OK".into(),
    }
}

#[test]
fn deep_brackets_are_refused_before_pest_runs() {
    for open in ["(", "[", "{"] {
        let src = open.repeat(10_000);
        assert_eq!(err_msg(&src), "too many nested parentheses");
        let src = format!("x = {}1", open.repeat(100_000));
        assert_eq!(err_msg(&src), "too many nested parentheses");
    }
    let src = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
    assert_eq!(p(&src), "(= x 1)");
    let src = format!("x = {}{}", "[".repeat(200), "]".repeat(200));
    assert!(parse_module(&src).is_ok());
    let src = format!("x = {}1{}", "f(".repeat(199), ")".repeat(199));
    assert!(parse_module(&src).is_ok());
    let src = format!("x = {}", "(".repeat(200));
    assert_eq!(err_msg(&src), "'(' was never closed");
}

#[test]
fn deep_nesting_of_every_bracketed_construct_fits_the_stack() {
    let shapes: [(&str, &str); 8] = [
        ("[", "]"),
        ("{", "}"),
        ("f(", ")"),
        ("a[", "]"),
        ("[x for x in ", "]"),
        ("{1: ", "}"),
        ("(lambda x: ", ")"),
        ("(1 if ", " else 2)"),
    ];
    for (open, close) in shapes {
        let src = format!("y = {}z{}", open.repeat(199), close.repeat(199));
        let r = parse_module(&src);
        assert!(
            r.is_ok()
                || r.as_ref()
                    .is_err_and(|e| e.kind == ParseErrorKind::Recursion),
            "{} {:?}",
            open,
            r.err()
        );
    }
    let src = format!("x = f'{{{}y{}}}'", "(".repeat(150), ")".repeat(150));
    assert!(parse_module(&src).is_ok());
}

#[test]
fn long_unary_chains() {
    let src = format!("{}1", "- ".repeat(100_000));
    let e = parse_module(&src).err().map(|e| e.kind);
    assert_eq!(e, Some(ParseErrorKind::Recursion));
    let src = format!("{}1", "-".repeat(100_000));
    assert!(parse_module(&src).is_err());
    let src = format!("{}x", "not ".repeat(100_000));
    assert!(parse_module(&src).is_err());
    let src = format!("{}1", "-".repeat(500));
    assert!(parse_module(&src).is_ok());
    let src = format!("{}1", "~".repeat(998));
    assert!(parse_module(&src).is_ok());
}

#[test]
fn long_operator_chains() {
    let src = vec!["1"; 100_000].join("+");
    let e = parse_module(&src).err().map(|e| (e.kind, e.msg));
    assert_eq!(
        e,
        Some((
            ParseErrorKind::Recursion,
            "maximum recursion depth exceeded during compilation".into()
        ))
    );
    let src = vec!["1"; 900].join(" + ");
    assert!(parse_module(&src).is_ok());
    let src = vec!["2"; 100_000].join("**");
    assert!(parse_module(&src).is_err());
    // n-ary chains stay flat and are accepted at any length, as in CPython.
    let src = vec!["x"; 100_000].join(" and ");
    match first_expr(&src).kind {
        super::super::ast::ExprKind::BoolOp { values, .. } => assert_eq!(values.len(), 100_000),
        other => panic!("{:?}", other),
    }
    let src = vec!["x"; 100_000].join(" < ");
    assert!(parse_module(&src).is_ok());
    let src = format!("x = {}y", "a if b else ".repeat(100_000));
    assert!(parse_module(&src).is_err());
    let src = format!("x = {}y", "lambda: ".repeat(100_000));
    assert!(parse_module(&src).is_err());
    let src = format!("x = {}", "a.".repeat(100_000) + "b");
    assert!(parse_module(&src).is_err());
    let src = format!("x = f{}", "(1)".repeat(100_000));
    assert!(parse_module(&src).is_err());
    let src = format!("x = {}0", "lambda a=".repeat(300));
    assert!(parse_module(&src).is_err());
    let src = vec!["[1, 2]"; 50_000].join(", ");
    assert!(parse_module(&src).is_ok());
}

#[test]
fn many_lines_and_statements() {
    let src = "x = x + 1\n".repeat(50_000);
    assert_eq!(parse_module(&src).map(|s| s.len()).unwrap_or(0), 50_000);
    let src = "pass;".repeat(50_000);
    assert!(parse_module(&src).is_ok());
}

#[test]
fn huge_literals() {
    let digits = "7".repeat(100_000);
    match first_expr(&digits).kind {
        super::super::ast::ExprKind::Constant(super::super::ast::Constant::BigInt(b)) => {
            assert_eq!(b.to_string().len(), 100_000);
        }
        other => panic!("{:?}", other),
    }
    let float = format!("{}.5", "9".repeat(400));
    assert_eq!(super::pe(&float), "inf");
    let s = format!("'{}'", "a".repeat(1_000_000));
    assert!(parse_module(&s).is_ok());
    let hex = format!("0x{}", "f".repeat(10_000));
    assert!(parse_module(&hex).is_ok());
}

#[test]
fn garbage_inputs() {
    for src in [
        "$",
        "?",
        ")",
        "]",
        "}",
        ")))",
        "(((",
        "'",
        "\"",
        "'''",
        "\"\"\"",
        "\\",
        "\t",
        " ",
        "\n\n\t\n",
        ":",
        ";",
        ";;",
        ",",
        "@",
        "=",
        "==",
        "**",
        "...",
        ".",
        "`",
        "!",
        "\r",
        "\r\n",
        "\x0c",
        "#",
        "if",
        "else",
        "def",
        "class",
        "lambda",
        "not",
        "in",
        "f'",
        "f'{",
        "f'{x",
        "b'\\",
        "0x_",
        "1e+",
        "\u{feff}",
        "\u{200b}",
        "x\u{301}",
        "\u{301}",
        "a\tb",
        " \t x",
        "if x:\n\t  y\n  \tz",
        "f'{'",
        "f'{}}'",
        "f'{x!}'",
        "f'{x:{'",
        "f'{{{'",
        "u'\\N'",
        "'\\N{'",
        "\\\n",
        "\\\r\n\\",
    ] {
        let _ = parse_module(src);
        let _ = parse_expression(src);
        let _ = input_status(src);
    }
}

/// A small deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn run_bounded(src: &str) {
    let t = Instant::now();
    let _ = parse_module(src);
    let _ = input_status(src);
    let _ = parse_expression(src);
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "slow input: {:?}",
        src
    );
}

#[test]
fn fuzz_random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(60);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        run_bounded(&String::from_utf8_lossy(&bytes));
        let ascii: String = (0..len)
            .map(|_| char::from(b' ' + (rng.next() % 95) as u8))
            .collect();
        run_bounded(&ascii);
    }
}

const TOKENS: &[&str] = &[
    "x", "y", "np", "1", "2.5", "3j", "0x1f", "'s'", "\"t\"", "f'{x}'", "b'b'", "'''m'''", "(",
    ")", "[", "]", "{", "}", ",", ":", ";", ".", "...", "=", "==", "!=", "<", ">=", "+", "-", "*",
    "**", "/", "//", "%", "@", "|", "&", "^", "~", "<<", ">>", "+=", ":=", "->", "not", "and",
    "or", "in", "is", "if", "else", "elif", "for", "while", "def", "class", "lambda", "return",
    "import", "from", "as", "with", "try", "except", "finally", "raise", "del", "pass", "break",
    "continue", "global", "yield", "None", "True", "\n", "\n    ", "\n\t", "\n  ", "#c\n", "\\\n",
    " ", "  ", "$", "?", "é", "f'{", "}'", "'", "\"\"\"",
];

#[test]
fn fuzz_token_soup() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..4000 {
        let n = rng.below(40);
        let src: String = (0..n)
            .map(|_| TOKENS[rng.below(TOKENS.len())])
            .collect::<Vec<_>>()
            .join(" ");
        run_bounded(&src);
        let glued: String = (0..n).map(|_| TOKENS[rng.below(TOKENS.len())]).collect();
        run_bounded(&glued);
    }
}

#[test]
fn fuzz_mutated_programs() {
    let base = "import numpy as np\n\ndef f(a, b=2, *c, **d):\n    \"\"\"doc\"\"\"\n    x = [i * 2 for i in range(10) if i % 2]\n    if a > b and not c:\n        return {k: v for k, v in d.items()}\n    elif a:\n        y = np.sum(a[1:, ::-1], axis=(0, 1))\n    else:\n        try:\n            z = f'{a!r:>{b}}' + 'x'\n        except (ValueError, TypeError) as e:\n            raise RuntimeError('bad') from e\n    return lambda q, *r: q ** -r[0] if r else (q, *r)\n";
    let bytes = base.as_bytes();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    assert!(parse_module(base).is_ok());
    for _ in 0..3000 {
        let mut v = bytes.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(v.len());
            match rng.below(4) {
                0 => {
                    v.remove(at.min(v.len().saturating_sub(1)));
                }
                1 => {
                    let alphabet = b"()[]{}:,'\"\n \t#\\=*.fx1";
                    v.insert(at, alphabet[rng.below(alphabet.len())]);
                }
                2 => {
                    let from = rng.below(v.len());
                    let len = rng.below(12).min(v.len() - from);
                    let chunk: Vec<u8> = v[from..from + len].to_vec();
                    v.splice(at..at, chunk);
                }
                _ => v.truncate(at),
            }
            if v.is_empty() {
                break;
            }
        }
        run_bounded(&String::from_utf8_lossy(&v));
    }
}
