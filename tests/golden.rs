//! Golden tests: every tests/golden/**/CASE.npx runs in echo mode and must print exactly
//! CASE.out, which real NumPy produced (scripts/golden.py). Trailing spaces are ignored, as
//! the shared conformance checker ignores them.

use std::path::{Path, PathBuf};

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            cases(&p, out);
        } else if p.extension().is_some_and(|e| e == "npx") {
            out.push(p);
        }
    }
}

fn normalize(s: &str) -> Vec<String> {
    let mut lines: Vec<String> = s.lines().map(|l| l.trim_end().to_string()).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn run_echo(src: String, name: String) -> String {
    // Interpreter work runs on a big stack, as the binary does.
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || numpyx::Session::capturing().run_echo(&src, &name))
        .expect("spawn test thread")
        .join()
        .unwrap_or_else(|_| "<panic>".to_string())
}

#[test]
fn golden_cases_match_numpy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut all = Vec::new();
    cases(&root, &mut all);
    assert!(
        !all.is_empty(),
        "no golden cases found under {}",
        root.display()
    );
    let mut failures = Vec::new();
    for case in &all {
        let src = std::fs::read_to_string(case).expect("read case");
        let want = std::fs::read_to_string(case.with_extension("out"))
            .expect("missing .out: run scripts/golden.py");
        let got = run_echo(src, case.display().to_string());
        let (g, w) = (normalize(&got), normalize(&want));
        if g != w {
            let line = g
                .iter()
                .zip(&w)
                .position(|(a, b)| a != b)
                .unwrap_or(g.len().min(w.len()));
            failures.push(format!(
                "{}: first difference at output line {}:\n  numpy:  {}\n  numpyx: {}",
                case.strip_prefix(&root).unwrap_or(case).display(),
                line + 1,
                w.get(line).map(String::as_str).unwrap_or("<end>"),
                g.get(line).map(String::as_str).unwrap_or("<end>")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ from NumPy:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
