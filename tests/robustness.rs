//! Malformed and hostile programs: each must end in a Python exception (never a panic, an
//! abort or a hang), and the session must keep working afterwards.

use std::time::{Duration, Instant};

/// Run `src` in echo mode on a big-stack thread; return the output or "<panic>".
fn echo(src: String) -> String {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let mut s = numpyx::Session::capturing();
            let mut out = s.run_echo(&src, "<corpus>");
            // The session survives: a follow-up statement still runs.
            out.push_str(&s.run_echo("1 + 1", "<after>"));
            out
        })
        .expect("spawn")
        .join()
        .unwrap_or_else(|_| "<panic>".into())
}

fn corpus() -> Vec<(String, &'static str)> {
    let deep_open = "(".repeat(10_000);
    let deep_list = format!("x = {}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let long_unary = format!("{}1", "-".repeat(100_000));
    let long_sum = format!("{}1", "1+".repeat(100_000));
    let huge_int = format!("x = {}", "9".repeat(100_000));
    vec![
        ("x = (1, 2".into(), "SyntaxError"),
        ("x = [1, 2))".into(), "SyntaxError"),
        ("def f(:\n    pass".into(), "SyntaxError"),
        ("if True:\nprint(1)".into(), "IndentationError"),
        ("  x = 1".into(), "IndentationError"),
        ("x = 'unterminated".into(), "SyntaxError"),
        ("x = \"\"\"never closed".into(), "SyntaxError"),
        ("x = 1 $ 2".into(), "SyntaxError"),
        ("x = ?".into(), "SyntaxError"),
        ("for in range(3): pass".into(), "SyntaxError"),
        ("return 5".into(), "SyntaxError"),
        ("break".into(), "SyntaxError"),
        ("x ===== 3".into(), "SyntaxError"),
        (deep_open, "SyntaxError"),
        (deep_list, "SyntaxError"),
        (long_unary, "RecursionError"),
        (long_sum, "RecursionError"),
        (huge_int, "2"),
        (
            "def f(n):\n    return f(n + 1)\nf(0)".into(),
            "RecursionError",
        ),
        (
            "def g():\n    return [g() for _ in range(2)]\ng()".into(),
            "RecursionError",
        ),
        ("np.zeros((10**6, 10**6))".into(), "MemoryError"),
        ("np.ones(10**12, dtype=np.int8)".into(), "MemoryError"),
        ("'x' * (10**12)".into(), "MemoryError"),
        ("[0] * (10**12)".into(), "MemoryError"),
        ("2 ** (10**10)".into(), "MemoryError"),
        ("np.arange(10**12)".into(), "MemoryError"),
        ("np.arange(5).reshape(-1, -1)".into(), "ValueError"),
        ("np.arange(5)[::0]".into(), "ValueError"),
        ("np.empty(-1)".into(), "ValueError"),
        ("int('9' * 5000)".into(), "2"),
        ("x = {}; x[[1]] = 2".into(), "TypeError"),
        ("float('1e500') * 0".into(), "nan"),
        ("1 // 0".into(), "ZeroDivisionError"),
        ("np.array([[1, 2], [3]])".into(), "ValueError"),
        ("np.linspace(0, 1, -5)".into(), "ValueError"),
        ("del undefined_thing".into(), "NameError"),
        ("import pandas".into(), "ModuleNotFoundError"),
        ("(lambda: (yield))()".into(), "SyntaxError"),
        ("\u{0}\u{1}\u{2}".into(), "SyntaxError"),
        ("x = 1\r\ny = x + 1\r\ny".into(), "2"),
    ]
}

#[test]
fn malformed_inputs_raise_exceptions_not_panics() {
    let mut problems = Vec::new();
    for (src, expected) in corpus() {
        let shown: String = src.chars().take(40).collect();
        let start = Instant::now();
        let out = echo(src);
        let took = start.elapsed();
        if out.contains("<panic>") {
            problems.push(format!("panicked: {shown:?}"));
        } else if !out.contains(expected) {
            problems.push(format!(
                "{shown:?}: expected {expected}, got {:?}",
                out.chars().take(200).collect::<String>()
            ));
        } else if !out.trim_end().ends_with('2') {
            problems.push(format!("{shown:?}: session did not survive: {out:?}"));
        }
        if took > Duration::from_secs(20) {
            problems.push(format!("{shown:?}: took {took:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
