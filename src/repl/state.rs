//! The REPL's state around the interpreter session: settings (`%info`), the log of inputs (for
//! `%history` and `%save`), and how one complete input is dispatched: a magic, a help request
//! (`help(x)`, `x?`, `?x`) or code, whose expression values are shown with the info line.

use std::rc::Rc;

use crate::interp::Output;
use crate::{Session, StmtOutcome};

/// One entered input.
pub struct Input {
    /// The source as run (prompts stripped).
    pub text: String,
    /// Whether it ran without an uncaught exception (`%save` keeps only these).
    pub ok: bool,
    /// Whether it was code (not a magic or a help request).
    pub code: bool,
}

/// The interactive session.
pub struct Repl {
    pub session: Session,
    /// Show the dim info line under results (`%info on|off`).
    pub info: bool,
    /// Colour output.
    pub colour: bool,
    /// Every input so far.
    pub inputs: Vec<Input>,
}

impl Repl {
    /// A REPL whose output goes to stdout.
    pub fn new(colour: bool) -> Repl {
        Repl::with_session(
            Session::new(Output::Stdout(std::io::BufWriter::new(std::io::stdout()))),
            colour,
        )
    }

    /// A REPL around an existing session (tests capture its output).
    pub fn with_session(session: Session, colour: bool) -> Repl {
        Repl {
            session,
            info: true,
            colour,
            inputs: Vec::new(),
        }
    }

    /// Run one complete input (prompts already stripped).
    pub fn execute(&mut self, src: &str) {
        let trimmed = src.trim();
        if trimmed.is_empty() {
            return;
        }
        if let Some(magic) = trimmed.strip_prefix('%') {
            let ok = super::magics::run(self, magic);
            self.inputs.push(Input {
                text: trimmed.to_string(),
                ok,
                code: false,
            });
            return;
        }
        if let Some(target) = help_request(trimmed) {
            super::help::show(self, target);
            self.inputs.push(Input {
                text: trimmed.to_string(),
                ok: true,
                code: false,
            });
            return;
        }
        let ok = self.run_code(src);
        self.inputs.push(Input {
            text: src.trim_end().to_string(),
            ok,
            code: true,
        });
    }

    /// Parse and run `src`, showing each expression statement's value; false on an error.
    pub fn run_code(&mut self, src: &str) -> bool {
        let name = format!("<stdin>:{}", self.inputs.len() + 1);
        let (id, stmts) = match self.session.parse(src, &name) {
            Ok(x) => x,
            Err(e) => {
                super::display::show_error(&mut self.session, &e, self.colour);
                return false;
            }
        };
        for stmt in &stmts {
            match self.session.run_stmt(id, stmt) {
                StmtOutcome::Done => {}
                StmtOutcome::Value(v) => {
                    super::display::show_value(&mut self.session, &v, self.info, self.colour);
                    self.session
                        .interp
                        .globals
                        .borrow_mut()
                        .insert(Rc::from("_"), v);
                }
                StmtOutcome::Error(e) => {
                    super::display::show_error(&mut self.session, &e, self.colour);
                    return false;
                }
            }
            self.session.interp.out.flush();
            if self.session.interp.exit_code.is_some() {
                break;
            }
        }
        self.session.interp.out.flush();
        true
    }

    /// Print text to the session's output.
    pub fn print(&mut self, text: &str) {
        self.session.interp.out.write_str(text);
        self.session.interp.out.flush();
    }
}

/// The expression text of a help request: `help(x)`, `x?`, `x??`, `?x`; `Some("")` for a bare
/// `help()` or `?`.
pub fn help_request(src: &str) -> Option<&str> {
    if src.contains('\n') {
        return None;
    }
    // `x?` only for a dotted name, so `y = 1  # why?` stays code.
    let dotted = |t: &str| {
        t.chars()
            .all(|c| c == '.' || super::tokens::is_ident_char(c))
    };
    if let Some(rest) = src.strip_prefix('?') {
        let t = rest.trim_start_matches('?').trim();
        return dotted(t).then_some(t);
    }
    if let Some(rest) = src.strip_suffix('?') {
        let t = rest.trim_end_matches('?').trim();
        return dotted(t).then_some(t);
    }
    let inner = src.strip_prefix("help(")?.strip_suffix(')')?;
    // `help(a)(b)` or `help(a) + help(b)` are code, not a help request.
    let toks = super::tokens::tokenize(src);
    let partner = super::tokens::match_brackets(src, &toks);
    let closes_at_end = toks
        .iter()
        .position(|t| t.kind == super::tokens::Kind::Open)
        .and_then(|k| partner[k])
        == Some(toks.len() - 1);
    closes_at_end.then_some(inner.trim())
}
