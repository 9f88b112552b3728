//! The interactive prompt: rustyline editing, multi-line input decided by the parser, results
//! with NumPy's repr plus a dim info line (shape · dtype · strides · view), errors with the
//! failing sub-expression underlined. The session survives every error.

use std::io::IsTerminal;

use rustyline::error::ReadlineError;

use crate::interp::Output;
use crate::syntax::InputStatus;
use crate::value::Value;
use crate::{Session, StmtOutcome};

/// The info line shown under an array result.
pub fn info_line(session: &Session, v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => {
            let strides: Vec<String> = a.byte_strides().iter().map(|s| s.to_string()).collect();
            let strides = if strides.len() == 1 { format!("({},)", strides[0]) } else { format!("({})", strides.join(", ")) };
            let layout = if a.is_c_contiguous() {
                "C-contiguous"
            } else if a.is_f_contiguous() {
                "F-contiguous"
            } else {
                "non-contiguous"
            };
            let view = match &a.base {
                Some(b) => {
                    let owner = session
                        .interp
                        .globals
                        .borrow()
                        .iter()
                        .find(|(_, v)| matches!(v, Value::Array(x) if std::rc::Rc::ptr_eq(x, b)))
                        .map(|(k, _)| k.to_string());
                    match owner {
                        Some(n) => format!(" · view of {n}"),
                        None => " · view".to_string(),
                    }
                }
                None => String::new(),
            };
            Some(format!(
                "{} {} · strides {strides} · {layout}{view}",
                crate::array::shape_repr(&a.shape),
                a.dtype.name()
            ))
        }
        Value::Scalar(a) => Some(format!("numpy.{} scalar", a.dtype.scalar_type_name())),
        _ => None,
    }
}

/// Run the REPL until EOF; returns the exit code.
pub fn run() -> u8 {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut session = Session::new(Output::Stdout(std::io::BufWriter::new(std::io::stdout())));
    let Ok(mut rl) = rustyline::DefaultEditor::new() else {
        eprintln!("numpyx: cannot start the line editor");
        return 1;
    };
    let history = std::env::var("NUMPYX_HISTORY").ok().or_else(|| {
        std::env::var("HOME").ok().map(|h| format!("{h}/.numpyx_history"))
    });
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    println!("numpyx {} — NumPy-compatible arrays. np is imported. Ctrl-D exits.", env!("CARGO_PKG_VERSION"));
    let mut buffer = String::new();
    let mut n = 0usize;
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        match rl.readline(prompt) {
            Ok(line) => {
                if buffer.is_empty() {
                    buffer = line;
                } else {
                    buffer.push('\n');
                    buffer.push_str(&line);
                }
                let ended_block = line_is_blank(&buffer);
                match crate::syntax::input_status(&buffer) {
                    InputStatus::Incomplete if !ended_block => continue,
                    _ => {}
                }
                let src = std::mem::take(&mut buffer);
                if src.trim().is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(src.as_str());
                n += 1;
                run_input(&mut session, &src, &format!("<stdin>:{n}"), color);
                if session.interp.exit_code.is_some() {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                println!("KeyboardInterrupt");
            }
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        let _ = rl.append_history(h);
    }
    session.interp.exit_code.unwrap_or(0).clamp(0, 255) as u8
}

fn line_is_blank(buffer: &str) -> bool {
    buffer.contains('\n') && buffer.rsplit('\n').next().is_some_and(|l| l.trim().is_empty())
}

/// Run one REPL input and show its results.
pub fn run_input(session: &mut Session, src: &str, name: &str, color: bool) {
    use owo_colors::OwoColorize;
    let (id, stmts) = match session.parse(src, name) {
        Ok(x) => x,
        Err(e) => {
            show_error(session, &e, color);
            return;
        }
    };
    for stmt in &stmts {
        match session.run_stmt(id, stmt) {
            StmtOutcome::Done => {}
            StmtOutcome::Value(v) => {
                let text = session.interp.repr(&v).unwrap_or_else(|e| e.headline());
                session.interp.out.write_str(&text);
                session.interp.out.write_str("\n");
                if let Some(info) = info_line(session, &v) {
                    let line = if color { info.dimmed().to_string() } else { info };
                    session.interp.out.write_str(&line);
                    session.interp.out.write_str("\n");
                }
                session.interp.globals.borrow_mut().insert(std::rc::Rc::from("_"), v);
            }
            StmtOutcome::Error(e) => {
                session.interp.out.flush();
                show_error(session, &e, color);
                break;
            }
        }
        session.interp.out.flush();
    }
    session.interp.out.flush();
}

fn show_error(session: &Session, e: &crate::errors::Exception, color: bool) {
    let m = crate::diagnostics::traceback(e, &session.interp.sources, &session.interp.last_traceback);
    if color {
        eprint!("{}", crate::diagnostics::colored(&m));
    } else {
        eprint!("{}", crate::diagnostics::plain(&m));
    }
}
