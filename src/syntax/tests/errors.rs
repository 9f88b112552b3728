//! Error messages (CPython's wording) and the tokens their spans cover.

use super::super::errors::ParseErrorKind;
use super::super::parse_module;
use super::perr;

fn check(src: &str, msg: &str, at: &str) {
    let (m, a) = perr(src);
    assert_eq!((m.as_str(), a.as_str()), (msg, at), "for {:?}", src);
}

fn kind(src: &str) -> ParseErrorKind {
    match parse_module(src) {
        Err(e) => e.kind,
        Ok(_) => panic!("expected an error for {:?}", src),
    }
}

#[test]
fn generic_invalid_syntax_points_at_token() {
    check("x = $", "invalid syntax", "$");
    check("x = ?", "invalid syntax", "?");
    check("x = a b", "invalid syntax", "b");
    check("x = 1 +", "invalid syntax", "");
    check("x.True = 1", "invalid syntax", "True");
    check("a[] = 1", "invalid syntax", "]");
    check("a[1:2:3:4]", "invalid syntax", ":");
    check("import", "invalid syntax", "");
    check("f()f()", "invalid syntax", "f");
    check("lambda x", "invalid syntax", "");
    check("a == not b", "invalid syntax", "not");
    check("- not b", "invalid syntax", "not");
    check("x = a := 1", "invalid syntax", ":=");
    check("from a import *, b", "invalid syntax", ",");
    check("raise from Y", "invalid syntax", "from");
}

#[test]
fn brackets() {
    check("x = (1,\n", "'(' was never closed", "(");
    check("foo(a, b\nx = 1\n", "'(' was never closed", "(");
    check("x = [1, 2\ny = 3\nz = 4", "'[' was never closed", "[");
    check("x = )", "unmatched ')'", ")");
    check(
        "x = (]",
        "closing parenthesis ']' does not match opening parenthesis '('",
        "]",
    );
    check(
        "x = {\n)",
        "closing parenthesis ')' does not match opening parenthesis '{' on line 1",
        ")",
    );
    check("x = $\ny = (", "invalid syntax", "$");
    check(&"(".repeat(201), "too many nested parentheses", "(");
}

#[test]
fn strings_and_numbers() {
    check(
        "x = 'abc\n",
        "unterminated string literal (detected at line 1)",
        "'",
    );
    check(
        "x = rb'abc",
        "unterminated string literal (detected at line 1)",
        "rb'",
    );
    check(
        "x = 'abc\\\ndef",
        "unterminated string literal (detected at line 2)",
        "'",
    );
    check(
        "x = '''abc\n\n",
        "unterminated triple-quoted string literal (detected at line 2)",
        "'''",
    );
    check(
        "x = $\ny = 'abc",
        "unterminated string literal (detected at line 2)",
        "'",
    );
    check("x = 0777", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", "0777");
    check("x = 1__0", "invalid decimal literal", "1_");
    check("x = 1_", "invalid decimal literal", "1_");
    check("x = 0x", "invalid hexadecimal literal", "0x");
    check("x = 0o8", "invalid digit '8' in octal literal", "8");
    check("x = 0b2", "invalid digit '2' in binary literal", "2");
    check("x = 1abc", "invalid decimal literal", "1a");
    check("x = 1.real", "invalid decimal literal", "1.r");
    check("x = 1e", "invalid decimal literal", "1e");
    check("x = 1 €", "invalid character '€' (U+20AC)", "€");
    check(
        "x = \u{a0}1",
        "invalid non-printable character U+00A0",
        "\u{a0}",
    );
    check("x = \x01", "invalid non-printable character U+0001", "\x01");
    check("x = 1\0", "source code cannot contain null bytes", "\0");
}

#[test]
fn continuation() {
    check(
        "x = \\ 1",
        "unexpected character after line continuation character",
        " ",
    );
    check("x = 1 \\", "unexpected EOF while parsing", "");
    check("x = 1 \\\n", "unexpected EOF while parsing", "");
    assert_eq!(super::p("x = 1 \\\n\n"), "(= x 1)");
}

#[test]
fn indentation() {
    check("a\n  b\n", "unexpected indent", "b");
    check(" x = 1", "unexpected indent", "x");
    check(
        "if x:\n  a\n b\n",
        "unindent does not match any outer indentation level",
        "b",
    );
    check(
        "if x:\npass",
        "expected an indented block after 'if' statement on line 1",
        "pass",
    );
    check(
        "for x in y:\n",
        "expected an indented block after 'for' statement on line 1",
        "",
    );
    check(
        "while x:\ny",
        "expected an indented block after 'while' statement on line 1",
        "y",
    );
    check(
        "with x:\ny",
        "expected an indented block after 'with' statement on line 1",
        "y",
    );
    check(
        "try:\ny",
        "expected an indented block after 'try' statement on line 1",
        "y",
    );
    check(
        "try:\n  pass\nexcept:\ny",
        "expected an indented block after 'except' statement on line 3",
        "y",
    );
    check(
        "try:\n  pass\nfinally:\ny",
        "expected an indented block after 'finally' statement on line 3",
        "y",
    );
    check(
        "if x:\n  pass\nelif y:\nz",
        "expected an indented block after 'elif' statement on line 3",
        "z",
    );
    check(
        "if x:\n  pass\nelse:\nz",
        "expected an indented block after 'else' statement on line 3",
        "z",
    );
    check(
        "def f():\n",
        "expected an indented block after function definition on line 1",
        "",
    );
    check(
        "class A:\n",
        "expected an indented block after class definition on line 1",
        "",
    );
    check(
        "x = 1\nfor i in y:\nprint(i)",
        "expected an indented block after 'for' statement on line 2",
        "print",
    );
    check(
        "if True:\n\tx = 1\n        y = 2",
        "inconsistent use of tabs and spaces in indentation",
        "y",
    );
    check(
        "if True:\n        x = 1\n\ty = 2",
        "inconsistent use of tabs and spaces in indentation",
        "y",
    );
    check("if x: pass\n    y\n", "unexpected indent", "y");
    assert_eq!(kind("a\n  b"), ParseErrorKind::Indentation);
    assert_eq!(kind("if x:\npass"), ParseErrorKind::Indentation);
    assert_eq!(
        kind("if True:\n\tx = 1\n        y = 2"),
        ParseErrorKind::Tab
    );
    assert_eq!(kind("x = $"), ParseErrorKind::Syntax);
    let deep: String = (0..100)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(100)
        + "pass\n";
    check(&deep, "too many levels of indentation", "pass");
    let ok: String = (0..99)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(99)
        + "pass\n";
    assert!(parse_module(&ok).is_ok());
}

#[test]
fn block_structure() {
    check("else:\n  pass", "invalid syntax", "else");
    check("elif x:\n  pass", "invalid syntax", "elif");
    check("except:\n  pass", "invalid syntax", "except");
    check(
        "try:\n    pass\nelse:\n    pass",
        "expected 'except' or 'finally' block",
        "else",
    );
    check(
        "try:\n pass\nx=1",
        "expected 'except' or 'finally' block",
        "x",
    );
    check("try:\n pass\n", "expected 'except' or 'finally' block", "");
    check(
        "try:\n    pass\nfinally:\n    pass\nelse:\n    pass",
        "invalid syntax",
        "else",
    );
    check(
        "for x in y:\n    pass\nelse:\n    pass\nelif z:\n    pass",
        "invalid syntax",
        "elif",
    );
    check("@dec\nx = 1", "invalid syntax", "x");
    check("@dec\n", "invalid syntax", "");
    check(
        "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass",
        "default 'except:' must be last",
        "except",
    );
}

#[test]
fn specialised_messages() {
    check("if x\n  pass", "expected ':'", "");
    check("for x in y\n  pass", "expected ':'", "");
    check("def f()", "expected ':'", "");
    check("class A", "expected ':'", "");
    check("while x", "expected ':'", "");
    check("with x", "expected ':'", "");
    check("try", "expected ':'", "");
    check(
        "f(a b)",
        "invalid syntax. Perhaps you forgot a comma?",
        "a b",
    );
    check(
        "[1 2]",
        "invalid syntax. Perhaps you forgot a comma?",
        "1 2",
    );
    check(
        "x = (1, 2 3)",
        "invalid syntax. Perhaps you forgot a comma?",
        "2 3",
    );
    check(
        "if x = 1: pass",
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        "x = 1",
    );
    check(
        "f(x+1=2)",
        "expression cannot contain assignment, perhaps you meant \"==\"?",
        "x+1=2",
    );
    check(
        "print 'a'",
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        "print 'a'",
    );
    check("x = 1 if 2", "expected 'else' after 'if' expression", "");
    check(
        "from x import a, b,",
        "trailing comma not allowed without surrounding parentheses",
        "",
    );
    check(
        "try:\n    pass\nexcept E, F:\n    pass",
        "multiple exception types must be parenthesized",
        "E, F",
    );
}

#[test]
fn target_messages() {
    check("x = 1 = 2", "cannot assign to literal", "1");
    check(
        "1 = x",
        "cannot assign to literal here. Maybe you meant '==' instead of '='?",
        "1",
    );
    check(
        "f() = 1",
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        "f()",
    );
    check(
        "a + 1 = 2",
        "cannot assign to expression here. Maybe you meant '==' instead of '='?",
        "a + 1",
    );
    check(
        "-a = 1",
        "cannot assign to expression here. Maybe you meant '==' instead of '='?",
        "-a",
    );
    check("a < b = 2", "cannot assign to comparison", "a < b");
    check(
        "a if b else c = 1",
        "cannot assign to conditional expression",
        "a if b else c",
    );
    check("lambda: 1 = 1", "cannot assign to lambda", "lambda: 1");
    check(
        "[x for x in y] = 1",
        "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?",
        "[x for x in y]",
    );
    check(
        "{a: 1} = 1",
        "cannot assign to dict literal here. Maybe you meant '==' instead of '='?",
        "{a: 1}",
    );
    check(
        "f'{x}' = 1",
        "cannot assign to f-string expression here. Maybe you meant '==' instead of '='?",
        "f'{x}'",
    );
    check(
        "... = 1",
        "cannot assign to ellipsis here. Maybe you meant '==' instead of '='?",
        "...",
    );
    check("True = 1", "cannot assign to True", "True");
    check("(a, 1) = x", "cannot assign to literal", "1");
    check("(*a) = 1", "cannot use starred expression here", "*a");
    check(
        "*a = x",
        "starred assignment target must be in a list or tuple",
        "*a",
    );
    check(
        "a, *b, *c = x",
        "multiple starred expressions in assignment",
        "*c",
    );
    check("x = *a", "can't use starred expression here", "*a");
    check(
        "(a, b) += 1",
        "'tuple' is an illegal expression for augmented assignment",
        "(a, b)",
    );
    check(
        "None += 1",
        "'None' is an illegal expression for augmented assignment",
        "None",
    );
    check(
        "a, b: int = 1",
        "only single target (not tuple) can be annotated",
        "a, b",
    );
    check("f(): int", "illegal target for annotation", "f()");
    check("del f()", "cannot delete function call", "f()");
    check("del *a", "cannot delete starred", "*a");
    check("for 1 in x: pass", "cannot assign to literal", "1");
    check("[x for 1 in y]", "cannot assign to literal", "1");
    check(
        "with a as f(): pass",
        "cannot assign to function call",
        "f()",
    );
}

#[test]
fn call_and_param_messages() {
    check(
        "f(x for x in y, 1)",
        "Generator expression must be parenthesized",
        "x for x in y",
    );
    check(
        "f(a, x for x in y)",
        "Generator expression must be parenthesized",
        "x for x in y",
    );
    check(
        "f(a=1, b)",
        "positional argument follows keyword argument",
        "b",
    );
    check(
        "f(**a, *b)",
        "iterable argument unpacking follows keyword argument unpacking",
        "*b",
    );
    check(
        "f(**d, e)",
        "positional argument follows keyword argument unpacking",
        "e",
    );
    check("f(a=1, a=2)", "keyword argument repeated: a", "a=2");
    check(
        "f(*x for x in y)",
        "iterable unpacking cannot be used in comprehension",
        "*x",
    );
    check(
        "def f(a=1, b): pass",
        "non-default argument follows default argument",
        "b",
    );
    check(
        "def f(*, **k): pass",
        "named arguments must follow bare *",
        "*",
    );
    check("def f(*): pass", "named arguments must follow bare *", "*");
    check(
        "def f(**k, a): pass",
        "arguments cannot follow var-keyword argument",
        "a",
    );
    check(
        "def f(*a, *b): pass",
        "* argument may appear only once",
        "*b",
    );
    check("def f(a, /, b, /): pass", "/ may appear only once", "/");
    check(
        "def f(/, a): pass",
        "at least one argument must precede /",
        "/",
    );
    check(
        "def f(a=1, /, b): pass",
        "non-default argument follows default argument",
        "b",
    );
    check(
        "def f(a, a): pass",
        "duplicate argument 'a' in function definition",
        "a",
    );
    check(
        "lambda a, a: 0",
        "duplicate argument 'a' in function definition",
        "a",
    );
    check("{1: 2, 3}", "':' expected after dictionary key", "3");
    check("{1, 2: 3}", "invalid syntax", "2");
    check(
        "x = {1: 2, 3: }",
        "expression expected after dictionary key and ':'",
        ":",
    );
}

#[test]
fn compile_time_messages() {
    check("return 1", "'return' outside function", "return 1");
    check("break", "'break' outside loop", "break");
    check("continue", "'continue' not properly in loop", "continue");
    check(
        "nonlocal x",
        "nonlocal declaration not allowed at module level",
        "nonlocal x",
    );
    check(
        "class A:\n    return 1",
        "'return' outside function",
        "return 1",
    );
    check(
        "for x in y:\n    def f():\n        break",
        "'break' outside loop",
        "break",
    );
    check(
        "while x:\n    pass\nelse:\n    break",
        "'break' outside loop",
        "break",
    );
    assert!(
        parse_module("for x in y:\n    try:\n        break\n    finally:\n        continue")
            .is_ok()
    );
    check(
        "[x := 1 for x in y]",
        "assignment expression cannot rebind comprehension iteration variable 'x'",
        "x := 1",
    );
    check(
        "[a for a in (b := c)]",
        "assignment expression cannot be used in a comprehension iterable expression",
        "b := c",
    );
    check(
        "class A:\n    [(b := a) for a in c]",
        "assignment expression within a comprehension cannot be used in a class body",
        "b := a",
    );
    assert!(
        parse_module("[(b := a) for a in c]\nclass A:\n    f = lambda: [(b := a) for a in c]")
            .is_ok()
    );
}

#[test]
fn unsupported_constructs_fail_cleanly() {
    for src in [
        "async def f(): pass",
        "x = yield 1",
        "await x",
        "try:\n  pass\nexcept* E:\n  pass",
        "def g():\n  yield 1",
    ] {
        let (msg, _) = perr(src);
        assert!(msg.contains("not supported"), "{:?}: {}", src, msg);
    }
}
