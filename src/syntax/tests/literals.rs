//! Number, string, bytes and f-string literals.

use super::super::ast::*;
use super::{first_expr, pe, perr, text};

#[test]
fn integers() {
    assert_eq!(pe("0"), "0");
    assert_eq!(pe("1_000_000"), "1000000");
    assert_eq!(pe("0x_FF"), "255");
    assert_eq!(pe("0o17"), "15");
    assert_eq!(pe("0B1010"), "10");
    assert_eq!(pe("000"), "0");
    assert_eq!(pe("9223372036854775807"), "9223372036854775807");
    assert_eq!(pe("9223372036854775808"), "9223372036854775808n");
    assert_eq!(pe("0xFFFF_FFFF_FFFF_FFFF_F"), "295147905179352825855n");
    assert_eq!(pe("-9223372036854775808"), "(neg 9223372036854775808n)");
}

#[test]
fn floats_and_imaginary() {
    assert_eq!(pe("1e-12"), "1e-12");
    assert_eq!(pe(".5"), "0.5");
    assert_eq!(pe("5."), "5.0");
    assert_eq!(pe("1_000.5"), "1000.5");
    assert_eq!(pe("1E3"), "1000.0");
    assert_eq!(pe("1e400"), "inf");
    assert_eq!(pe("1e-400"), "0.0");
    assert_eq!(pe("1j"), "1.0j");
    assert_eq!(pe("2.5J"), "2.5j");
    assert_eq!(pe("5.j"), "5.0j");
    assert_eq!(pe("1_0.5_5e1_0j"), "105500000000.0j");
    assert_eq!(pe("1if x else 2"), "(if x 1 2)");
    assert_eq!(pe("0x1for x"), "(or 31 x)");
}

#[test]
fn strings_all_quotes_and_prefixes() {
    assert_eq!(pe("'a'"), "\"a\"");
    assert_eq!(pe("\"a\""), "\"a\"");
    assert_eq!(pe("'''a\nb'''"), "\"a\\nb\"");
    assert_eq!(pe("\"\"\"a\"b\"\"\""), "\"a\\\"b\"");
    assert_eq!(pe("r'\\n'"), "\"\\\\n\"");
    assert_eq!(pe("R'\\d+'"), "\"\\\\d+\"");
    assert_eq!(pe("u'x'"), "\"x\"");
    assert_eq!(pe("b'ab\\x00'"), "b\"ab\\0\"");
    assert_eq!(pe("Rb'\\n'"), "b\"\\\\n\"");
    assert_eq!(pe("bR'\\n'"), "b\"\\\\n\"");
    assert_eq!(pe("'a' 'b' \"c\""), "\"abc\"");
    assert_eq!(pe("''"), "\"\"");
    assert_eq!(pe("''''''"), "\"\"");
    assert_eq!(pe("'it\\'s'"), "\"it's\"");
    assert_eq!(pe("'ünï'"), "\"ünï\"");
}

#[test]
fn escapes() {
    assert_eq!(pe(r#"'\n\t\\\'\"'"#), "\"\\n\\t\\\\'\\\"\"");
    assert_eq!(pe(r"'\x41\u00e9\U0001F600'"), "\"Aé😀\"");
    assert_eq!(pe(r"'\0\101\7'"), "\"\\0A\\u{7}\"");
    assert_eq!(pe(r"'\a\b\f\v\r'"), "\"\\u{7}\\u{8}\\u{c}\\u{b}\\r\"");
    assert_eq!(pe(r"'\d'"), "\"\\\\d\"");
    assert_eq!(pe("'a\\\nb'"), "\"ab\"");
    assert_eq!(pe("'''a\r\nb'''"), "\"a\\nb\"");
    assert_eq!(pe(r"b'\u00e9'"), "b\"\\\\u00e9\"");
    assert!(perr(r"x = '\x4'").0.contains("truncated \\xXX escape"));
    assert!(perr(r"x = '\u12'").0.contains("truncated \\uXXXX escape"));
    assert!(perr(r"x = '\N{DASH}'")
        .0
        .contains("unknown Unicode character name"));
    assert_eq!(
        perr("x = b'é'").0,
        "bytes can only contain ASCII literal characters"
    );
    assert_eq!(
        perr("x = 'a' b'c'").0,
        "cannot mix bytes and nonbytes literals"
    );
}

#[test]
fn fstrings() {
    assert_eq!(pe("f'x={x}'"), "(f \"x=\" {x})");
    assert_eq!(pe("f'{x!r}'"), "(f {x!r})");
    assert_eq!(pe("f'{x:>10.3f}'"), "(f {x:\">10.3f\"})");
    assert_eq!(pe("f'{x:{w}.{p}f}'"), "(f {x:{w} \".\" {p} \"f\"})");
    assert_eq!(pe("f'{x=}'"), "(f {x dbg=\"x=\"!r})");
    assert_eq!(pe("f'{x = }'"), "(f {x dbg=\"x = \"!r})");
    assert_eq!(pe("f'{x=:>5}'"), "(f {x dbg=\"x=\":\">5\"})");
    assert_eq!(pe("f'{x=!s}'"), "(f {x dbg=\"x=\"!s})");
    assert_eq!(pe("f'{{}}'"), "(f \"{}\")");
    assert_eq!(pe("f'{{{x}}}'"), "(f \"{\" {x} \"}\")");
    assert_eq!(pe("f\"{d['k']}\""), "(f {([] d \"k\")})");
    assert_eq!(pe("f'{ {1: 2}[1] }'"), "(f {([] {dict 1:2} 1)})");
    assert_eq!(
        pe("f'{np.sum(a, axis=0)}'"),
        "(f {(call (. np sum) a axis=0)})"
    );
    assert_eq!(pe("f'{a!=b}'"), "(f {(cmp a != b)})");
    assert_eq!(pe("f'{a, b}'"), "(f {(tuple a b)})");
    assert_eq!(pe("f'{x:}'"), "(f {x})");
    assert_eq!(pe("'a' f'b{x}' 'c'"), "(f \"ab\" {x} \"c\")");
    assert_eq!(pe("f''"), "(f )");
    assert_eq!(pe("F'{x}' rf'\\d{y}' fR'{z}'"), "(f {x} \"\\\\d\" {y} {z})");
    assert_eq!(pe("f'\\n{x}\\t'"), "(f \"\\n\" {x} \"\\t\")");
    assert_eq!(pe("f'''{\n x\n}'''"), "(f {x})");
    assert_eq!(pe("f\"\"\"{\"a\"}\"\"\""), "(f {\"a\"})");
    assert_eq!(pe("f'{f\"{x}\"}'"), "(f {(f {x})})");
    assert_eq!(pe("f'{(lambda x: x)(1)}'"), "(f {(call (lambda (x) x) 1)})");
    assert_eq!(pe("f'{a:=1}'"), "(f {a:\"=1\"})");
}

#[test]
fn fstring_field_spans() {
    let src = "s = f'ab{x + yy:>{w}}'";
    let e = first_expr(src);
    assert_eq!(text(src, e.span), "f'ab{x + yy:>{w}}'");
    match &e.kind {
        ExprKind::FString(parts) => match &parts[1] {
            FStringPart::Field { expr, spec, .. } => {
                assert_eq!(text(src, expr.span), "x + yy");
                match &spec[1] {
                    FStringPart::Field { expr, .. } => assert_eq!(text(src, expr.span), "w"),
                    other => panic!("{:?}", other),
                }
            }
            other => panic!("{:?}", other),
        },
        other => panic!("{:?}", other),
    }
}

#[test]
fn fstring_errors() {
    assert_eq!(
        perr("x = f'{x!z}'").0,
        "f-string: invalid conversion character: expected 's', 'r', or 'a'"
    );
    assert_eq!(
        perr("x = f'{}'").0,
        "f-string: empty expression not allowed"
    );
    assert_eq!(perr("x = f'{x'").0, "f-string: expecting '}'");
    assert_eq!(perr("x = f'}'").0, "f-string: single '}' is not allowed");
    assert_eq!(
        perr("x = f'{a\\n}'").0,
        "f-string expression part cannot include a backslash"
    );
    assert_eq!(
        perr("x = f'{a#}'").0,
        "f-string expression part cannot include '#'"
    );
    assert_eq!(
        perr("x = f'{x:{y:{z}}}'").0,
        "f-string: expressions nested too deeply"
    );
    assert_eq!(perr("x = f'{x!r }'").0, "f-string: expecting '}'");
    assert_eq!(
        perr("x = f'{*a}'").0,
        "f-string: cannot use starred expression here"
    );
    assert_eq!(perr("x = f'{lambda x:1}'").0, "f-string: invalid syntax");
    let (msg, at) = perr("x = f'{a b}'");
    assert_eq!(
        (msg.as_str(), at.as_str()),
        ("f-string: invalid syntax", "b")
    );
}
