//! Paste stripping, the validator, indentation, signatures, time formatting, history files,
//! highlighting and the info line.

use rustyline::validate::ValidationResult;

use crate::repl::{editor, highlighter, history, magics, paste, signatures, state, validator};

#[test]
fn doctest_prompts_are_stripped_and_output_dropped() {
    let src = ">>> a = np.arange(3)\n>>> a\narray([0, 1, 2])\n>>> for i in a:\n...     print(i)\n0\n1\n2\n>>> b = 1\n";
    assert_eq!(
        paste::strip_prompts(src),
        "a = np.arange(3)\na\nfor i in a:\n    print(i)\n\nb = 1\n"
    );
}

#[test]
fn ipython_prompts_are_stripped() {
    let src = "In [1]: x = np.ones(3)\n\nIn [2]: def f(a):\n   ...:     return a + 1\n   ...: \n\nIn [3]: f(x)\nOut[3]: array([2., 2., 2.])\n";
    assert_eq!(
        paste::strip_prompts(src),
        "x = np.ones(3)\ndef f(a):\n    return a + 1\n\nf(x)\n"
    );
}

#[test]
fn text_without_prompts_is_unchanged() {
    for src in ["...", "x = 1\n... ", "print('>>> ')", "a >>> b"] {
        assert_eq!(paste::strip_prompts(src), src);
    }
}

fn valid(pending: &str, input: &str) -> bool {
    matches!(
        validator::validate(pending, input),
        ValidationResult::Valid(_)
    )
}

#[test]
fn validator_runs_single_lines_and_complete_blocks() {
    assert!(
        valid("", "for i in range(3):"),
        "single lines go to the loop"
    );
    assert!(valid("", "x = 1\ny = 2"));
    assert!(
        valid("", "for i in range(3):\n    print(i)\n"),
        "a paste ending in a newline is closed"
    );
    assert!(
        valid("", "for i in range(3):\n    print(i)"),
        "a recalled block runs"
    );
    assert!(!valid("", "x = [1,\n"), "an open bracket waits");
    assert!(!valid("", "s = \"\"\"doc\nmore"), "an open string waits");
    assert!(
        valid("", ">>> def f():\n...     return 1\n"),
        "prompts are stripped first"
    );
    assert!(
        valid("", "x = )\ny = 2"),
        "invalid input runs (and reports its error)"
    );
}

#[test]
fn continuation_indent_follows_block_headers() {
    assert_eq!(editor::next_indent("for i in range(3):"), "    ");
    assert_eq!(
        editor::next_indent("for i in range(3):\n    if i:  # odd?"),
        "        "
    );
    assert_eq!(editor::next_indent("for i in range(3):\n    x = i"), "    ");
    assert_eq!(editor::next_indent("x = np.array([1,"), "");
    assert_eq!(editor::next_indent("s = 'a:'"), "");
}

#[test]
fn clause_keywords_dedent_from_the_prefilled_indentation() {
    let d = |line: &str, prefill: &str| editor::dedent_clause(line, prefill);
    assert_eq!(d("    else", "    ").as_deref(), Some("else"));
    assert_eq!(
        d("        elif x > 1", "        ").as_deref(),
        Some("    elif x > 1")
    );
    assert_eq!(
        d("    except ValueError", "    ").as_deref(),
        Some("except ValueError")
    );
    assert_eq!(d("    except", "    ").as_deref(), Some("except"));
    assert_eq!(d("    finally", "    ").as_deref(), Some("finally"));
    // Not a clause, not at the prefilled indentation, or no indentation to remove.
    assert_eq!(d("    elsewhere", "    "), None);
    assert_eq!(d("    x = d[1", "    "), None);
    assert_eq!(d("else", ""), None);
    assert_eq!(d("        else", "    "), None);
    assert_eq!(d("else", "    "), None);
}

#[test]
fn help_requests_are_recognised() {
    assert_eq!(state::help_request("np.mean?"), Some("np.mean"));
    assert_eq!(state::help_request("np.mean??"), Some("np.mean"));
    assert_eq!(
        state::help_request("?np.linalg.norm"),
        Some("np.linalg.norm")
    );
    assert_eq!(state::help_request("help(np.mean)"), Some("np.mean"));
    assert_eq!(state::help_request("help()"), Some(""));
    assert_eq!(state::help_request("x = 1  # why?"), None);
    assert_eq!(state::help_request("help(a) + help(b)"), None);
    assert_eq!(state::help_request("np.mean(x)"), None);
}

#[test]
fn signatures_come_from_the_registry() {
    let (sig, summary) =
        signatures::split_doc("mean(a, axis=None, dtype=None, keepdims=False): arithmetic mean");
    assert_eq!(sig, "mean(a, axis=None, dtype=None, keepdims=False)");
    assert_eq!(summary, "arithmetic mean");
    // `*` marks keyword-only, `/` positional-only.
    let names = |sig: &str| {
        signatures::params(sig)
            .into_iter()
            .map(|p| {
                format!(
                    "{}{}{}",
                    p.name,
                    if p.positional { "" } else { "*" },
                    if p.keyword { "" } else { "/" }
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&sig), ["a", "axis", "dtype", "keepdims"]);
    assert_eq!(
        names("arange([start,] stop[, step], dtype=None)"),
        ["start", "stop", "step", "dtype"]
    );
    assert_eq!(
        names("sorted(iterable, /, *, key=None, reverse=False)"),
        ["iterable/", "key*", "reverse*"]
    );
    assert_eq!(
        names("print(*values, sep=' ', end='\\n')"),
        ["sep*", "end*"]
    );
    assert!(signatures::registry_doc("numpy", "mean").is_some());
}

#[test]
fn times_are_formatted_as_ipython_does() {
    use magics::timing::{format_time, timeit_line};
    assert_eq!(format_time(1.234e-6), "1.23 µs");
    assert_eq!(format_time(4.56e-8), "45.6 ns");
    assert_eq!(format_time(0.5), "500 ms");
    assert_eq!(format_time(2.0), "2 s");
    assert_eq!(format_time(1e-5), "10 µs");
    assert_eq!(format_time(0.0), "0 ns");
    assert_eq!(format_time(125.0), "2min 5s");
    assert_eq!(
        timeit_line(&[1.2e-6, 1.3e-6, 1.25e-6], 100_000),
        "1.25 µs ± 40.8 ns per loop (mean ± std. dev. of 3 runs, 100,000 loops each)"
    );
    assert_eq!(
        timeit_line(&[0.25], 1),
        "250 ms ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)"
    );
}

#[test]
fn history_file_round_trips_multiline_entries_and_appends() {
    let dir = std::env::temp_dir().join(format!("numpyx-hist-{}", std::process::id()));
    let path = dir.join("sub").join("history");
    let _ = std::fs::remove_dir_all(&dir);
    history::append(&path, "x = 1").unwrap();
    history::append(&path, "for i in range(3):\n    print(i, '\\\\')").unwrap();
    history::append(&path, "x").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("#V2\n"));
    assert_eq!(text.lines().count(), 4);
    assert_eq!(
        history::load(&path),
        ["x = 1", "for i in range(3):\n    print(i, '\\\\')", "x"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn highlighting_keeps_the_text() {
    let line = "for i in np.arange(3): x = f'{i}' + 1.5e3  # note ([)";
    let h = highlighter::highlight(line, 5);
    let plain = strip_ansi(&h);
    assert_eq!(plain, line);
    assert!(h.contains('\x1b'));
    // The bracket before the cursor and its partner are marked.
    let h = highlighter::highlight("f(x[0])", 7);
    assert_eq!(strip_ansi(&h), "f(x[0])");
    assert!(h.matches("\x1b[").count() >= 2);
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn info_line_names_the_viewed_variable() {
    let mut s = crate::Session::capturing();
    s.run_echo("x = np.arange(12.).reshape(3, 4)\ny = np.zeros(3)\n", "<t>");
    let v = eval(&mut s, "x[:, 1:3]");
    let line = crate::repl::info_line(&s.interp.globals.borrow(), &v).unwrap();
    assert_eq!(
        line,
        "(3, 2) float64 · strides (32, 8) · non-contiguous · view of x"
    );
    let v = eval(&mut s, "x.T");
    let line = crate::repl::info_line(&s.interp.globals.borrow(), &v).unwrap();
    assert_eq!(
        line,
        "(4, 3) float64 · strides (8, 32) · F-contiguous · view of x"
    );
    let v = eval(&mut s, "y + 1");
    let line = crate::repl::info_line(&s.interp.globals.borrow(), &v).unwrap();
    assert_eq!(line, "(3,) float64 · strides (8,) · C-contiguous");
    let v = eval(&mut s, "x.sum()");
    let line = crate::repl::info_line(&s.interp.globals.borrow(), &v).unwrap();
    assert_eq!(line, "np.float64 scalar · 8 bytes");
    let v = eval(&mut s, "3");
    assert!(crate::repl::info_line(&s.interp.globals.borrow(), &v).is_none());
}

pub(super) fn eval(s: &mut crate::Session, src: &str) -> crate::value::Value {
    let (id, stmts) = s
        .parse(src, "<t>")
        .unwrap_or_else(|e| panic!("{}", e.headline()));
    match s.run_stmt(id, &stmts[0]) {
        crate::StmtOutcome::Value(v) => v,
        crate::StmtOutcome::Error(e) => panic!("{}", e.headline()),
        crate::StmtOutcome::Done => panic!("no value"),
    }
}

#[test]
fn broadcasting_errors_show_the_shapes_aligned() {
    let notes = crate::diagnostics::broadcast_notes(
        "operands could not be broadcast together with shapes (3,4) (3,) ",
    );
    assert_eq!(
        notes.join("\n"),
        "broadcasting aligns shapes on the right; on each axis the sizes must be equal, or 1:\n    (3,4)   3 4\n    (3,)      3\n              ^ axis -1: 4 vs 3"
    );
    let notes = crate::diagnostics::broadcast_notes(
        "operands could not be broadcast together with shapes (2,1,10) (5,3,1) (1,) ",
    );
    assert_eq!(notes[1], "    (2,1,10)   2 1 10");
    assert_eq!(notes[2], "    (5,3,1)    5 3  1");
    assert_eq!(notes[3], "    (1,)            1");
    assert_eq!(notes[4], "               ^ axis -3: 2 vs 5");
    assert!(crate::diagnostics::broadcast_notes("something else").is_empty());
}
