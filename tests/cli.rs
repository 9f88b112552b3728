//! The command line as a user runs it: scripts, `-c`, stdin, echo mode, exit codes and
//! tracebacks with file:line:col and an underline.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn numpyx(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_numpyx"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn numpyx");
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait numpyx")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn script(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("numpyx-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, body).expect("write script");
    p
}

#[test]
fn dash_c_runs_code_and_prints() {
    let out = numpyx(
        &["-c", "print(np.arange(4).reshape(2, 2).sum(axis=0))"],
        None,
    );
    assert_eq!(text(&out.stdout), "[2 4]\n");
    assert!(out.status.success());
}

#[test]
fn script_prints_only_print_output() {
    let p = script("quiet.npx", "x = 1 + 1\nx\nprint('x is', x)\n");
    let out = numpyx(&[p.to_str().unwrap_or_default()], None);
    assert_eq!(text(&out.stdout), "x is 2\n");
    assert!(out.status.success());
}

#[test]
fn uncaught_error_gives_traceback_with_location_and_exit_1() {
    let p = script(
        "bad.npx",
        "import numpy as np\na = np.ones((5, 3))\nb = np.ones(5)\nc = a + b\nprint('unreached')\n",
    );
    let out = numpyx(&[p.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(err.contains("bad.npx\", line 4, col 5"), "{err}");
    assert!(err.contains("    c = a + b\n        ^^^^^\n"), "{err}");
    assert!(
        err.contains(
            "\nValueError: operands could not be broadcast together with shapes (5,3) (5,) \n"
        ),
        "{err}"
    );
    // The broadcasting explanation follows NumPy's message and points at the failing axis.
    assert!(err.contains("              ^ axis -1: 3 vs 5\n"), "{err}");
}

#[test]
fn traceback_names_the_function_frames() {
    let p = script(
        "frames.npx",
        "def inner(x):\n    return x[10]\n\ndef outer():\n    return inner([1, 2])\n\nouter()\n",
    );
    let out = numpyx(&[p.to_str().unwrap_or_default()], None);
    let err = text(&out.stderr);
    assert!(err.contains("line 7"), "{err}");
    assert!(err.contains("in inner"), "{err}");
    assert!(err.contains("IndexError: list index out of range"), "{err}");
}

#[test]
fn syntax_error_points_at_the_token() {
    let out = numpyx(&["-c", "x = (1 +\n"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("SyntaxError"), "{err}");
}

#[test]
fn piped_stdin_runs_as_a_script() {
    let out = numpyx(&[], Some("print(sum(range(5)))\n"));
    assert_eq!(text(&out.stdout), "10\n");
    let out = numpyx(&["-"], Some("print('dash')\n"));
    assert_eq!(text(&out.stdout), "dash\n");
}

#[test]
fn echo_mode_prints_reprs_and_continues_after_errors() {
    let out = numpyx(
        &["--echo", "-"],
        Some("1 + 1\nx = np.array([1.5, 2])\nx\nundefined\nx * 2\nNone\n"),
    );
    assert_eq!(
        text(&out.stdout),
        "2\narray([1.5, 2. ])\nNameError: name 'undefined' is not defined\narray([3., 4.])\n"
    );
    assert!(out.status.success());
}

#[test]
fn exit_code_from_exit() {
    let out = numpyx(&["-c", "print('a')\nexit(3)\nprint('b')"], None);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(text(&out.stdout), "a\n");
}

#[test]
fn missing_file_and_bad_option_fail_cleanly() {
    let out = numpyx(&["/nonexistent/x.npx"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("can't open file"));
    let out = numpyx(&["--bogus"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_documents_the_modes() {
    let out = numpyx(&["--help"], None);
    let t = text(&out.stdout);
    for needle in ["--echo", "-c CODE", "FILE.npx", "REPL"] {
        assert!(t.contains(needle), "help lacks {needle}: {t}");
    }
}

#[test]
fn sigint_stops_a_script_with_keyboard_interrupt_and_exit_130() {
    let p = script(
        "spin.npx",
        "print('started', flush=True)\nfor i in range(10**9):\n    pass\nprint('unreached')\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_numpyx"))
        .arg(&p)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn numpyx");
    // Wait until the loop is running, then interrupt it as Ctrl-C in a terminal would.
    let mut first = [0u8; 8];
    let mut stdout = child.stdout.take().expect("stdout");
    std::io::Read::read_exact(&mut stdout, &mut first).expect("read 'started'");
    let start = std::time::Instant::now();
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let out = child.wait_with_output().expect("wait numpyx");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "interrupt took {:?}",
        start.elapsed()
    );
    assert_eq!(out.status.code(), Some(130));
    let err = text(&out.stderr);
    assert!(err.trim_end().ends_with("KeyboardInterrupt"), "{err}");
}

#[test]
fn time_module_times_and_sleeps() {
    let code = "import time\nfrom time import perf_counter\nt = perf_counter()\ntime.sleep(0.05)\nd = time.perf_counter() - t\nprint(d >= 0.05, d < 5, type(time.time()).__name__, time.perf_counter_ns() > 0)\ntry:\n    time.sleep(-1)\nexcept ValueError as e:\n    print(e)\n";
    let out = numpyx(&["-c", code], None);
    assert_eq!(
        text(&out.stdout),
        "True True float True\nsleep length must be non-negative\n",
        "{}",
        text(&out.stderr)
    );
}
