//! Every help example runs in numpyx and prints what NumPy printed when it was generated
//! (scripts/help_examples.py). Examples of functions this build does not have are skipped.

use crate::repl::examples::EXAMPLES;
use crate::repl::help::help_text;
use crate::repl::state::Repl;
use crate::Session;

#[test]
fn examples_match_numpy() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for (name, steps) in EXAMPLES {
        let mut s = Session::capturing();
        let mut transcript = String::new();
        let mut expected = String::new();
        for (code, out) in steps.iter() {
            transcript.push_str(&s.run_echo(code, "<example>"));
            if let Some(o) = out {
                expected.push_str(o);
                expected.push('\n');
            }
        }
        if transcript.contains("AttributeError: module 'numpy")
            || transcript.contains("has no attribute")
        {
            continue; // not implemented in this build
        }
        ran += 1;
        if transcript != expected {
            failures.push(format!(
                "{name}:\n--- numpyx\n{transcript}--- numpy\n{expected}"
            ));
        }
    }
    assert!(ran >= 40, "only {ran} examples ran");
    assert!(
        failures.is_empty(),
        "{} examples differ from NumPy:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn help_shows_signature_summary_and_example() {
    let mut r = Repl::with_session(Session::capturing(), false);
    let t = help_text(&mut r, "np.mean");
    assert!(t.starts_with("np.mean(a, axis=None"), "{t}");
    assert!(t.contains("arithmetic mean"), "{t}");
    assert!(
        t.contains(">>> np.mean(a, axis=0)\n    array([2., 3.])"),
        "{t}"
    );
    r.run_code("x = np.ones((2, 3))");
    let t = help_text(&mut r, "x.sum");
    assert!(t.starts_with("ndarray.sum(axis=None"), "{t}");
    assert!(t.contains("Example:"), "{t}");
    let t = help_text(&mut r, "np.sqrt");
    assert!(t.starts_with("np.sqrt(x, /, out=None"), "{t}");
    let t = help_text(&mut r, "x.shape");
    assert!(t.starts_with("ndarray.shape: tuple"), "{t}");
    let t = help_text(&mut r, "x");
    assert!(t.contains("(2, 3) float64"), "{t}");
    let t = help_text(&mut r, "np.nosuch");
    assert!(t.contains("AttributeError"), "{t}");
}
