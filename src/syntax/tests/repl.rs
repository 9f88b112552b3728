//! `input_status`: what the REPL does with each input.

use super::super::{input_status, InputStatus};

fn status(src: &str) -> &'static str {
    match input_status(src) {
        InputStatus::Complete => "complete",
        InputStatus::Incomplete => "incomplete",
        InputStatus::Invalid(_) => "invalid",
    }
}

#[test]
fn complete_inputs() {
    for src in [
        "",
        "\n",
        "# c",
        "x = 1",
        "x = 1\n",
        "np.sum(a)",
        "x = (1,\n 2)\n",
        "s = '''a\nb'''",
        "import numpy as np",
        "for i in range(3):\n    print(i)\n\n",
        "if x:\n    pass\nelse:\n    pass\n\n",
        "def f():\n    return 1\n\n",
        "x = 1 \\\n + 2",
        "@d\ndef f(): pass\n\n",
        "if x: pass\n   \n",
    ] {
        assert_eq!(status(src), "complete", "{:?}", src);
    }
}

#[test]
fn incomplete_inputs() {
    for src in [
        "x = (",
        "x = [1,\n 2,",
        "f(a,\n",
        "s = '''abc",
        "s = \"\"\"abc\n\ndef",
        "x = 1 + \\",
        "x = 1 + \\\n",
        "for i in range(3):",
        "for i in range(3):\n",
        "for i in range(3):\n    print(i)",
        "for i in range(3):\n    print(i)\n",
        "if x:\n    pass\nelse:",
        "def f():\n    return 1\n",
        "class A:\n",
        "@dec",
        "@dec\n",
        "try:\n    pass\n",
        "if x: pass",
        "for i in range(3): print(i)\n",
        "x = {\n\n",
        "while True:\n    if x:\n        break\n",
        "if x:\n    y = (1,\n\n",
        "x = (1 2",
    ] {
        assert_eq!(status(src), "incomplete", "{:?}", src);
    }
}

#[test]
fn invalid_inputs() {
    for src in [
        "x = )",
        "x = $",
        "x =",
        "x = 'abc",
        "if x:\n\n",
        "try:\n    pass\n\n",
        "else:",
        "for x in y\n",
        "  x = 1",
        "@dec\n\n",
        "return 1",
        "x = 1 = 2",
        "1abc",
        "if x:\n  a\n b\n",
    ] {
        assert_eq!(status(src), "invalid", "{:?}", src);
    }
    match input_status("x = )") {
        InputStatus::Invalid(e) => assert_eq!(e.msg, "unmatched ')'"),
        other => panic!("{:?}", other),
    }
}
