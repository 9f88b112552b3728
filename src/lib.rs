//! numpyx: a NumPy-compatible array language — interpreter, REPL and script runner.
//!
//! Pipeline: `syntax` (pest grammar → AST with spans) → `interp` (tree-walking interpreter over
//! `value::Value`) → `array` (the n-d array core: views, dtypes, ufuncs, reductions, indexing)
//! and `numpy` (the `np` namespace) → `print` (NumPy's exact repr/str) → `diagnostics` and the
//! front ends in `main.rs`/`repl`. [`Session`] is the entry point tests and front ends drive.

pub mod array;
pub mod diagnostics;
pub mod errors;
pub mod interp;
pub mod numpy;
pub mod print;
pub mod pyfmt;
pub mod random;
pub mod repl;
pub mod syntax;
pub mod value;

use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use errors::{ExcType, Exception};
use interp::{Interp, Output};
use syntax::ast::StmtKind;

/// Set by the SIGINT handler; the interpreter polls it at loop back-edges and calls, and long
/// array kernels poll it between blocks (see [`interrupt_pending`]).
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether Ctrl-C is pending. Array kernels call this between blocks of work and stop early when
/// it is set; the interpreter then discards the unfinished result and raises KeyboardInterrupt
/// (`Interp::settle_interrupt`), so a half-computed array is never seen.
#[inline]
pub fn interrupt_pending() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// What running one top-level statement produced.
pub enum StmtOutcome {
    /// Nothing to show.
    Done,
    /// An expression's value (not None), for echo/REPL display.
    Value(value::Value),
    /// An uncaught exception.
    Error(Exception),
}

/// One interpreter session: the state that persists across inputs.
pub struct Session {
    pub interp: Interp,
}

impl Session {
    /// A session whose `print()` output goes to `out`, with `np` already imported.
    pub fn new(out: Output) -> Session {
        let mut interp = Interp::new(out);
        if let Ok(np) = interp.import_module("numpy") {
            interp.globals.borrow_mut().insert(Rc::from("np"), np);
        }
        Session { interp }
    }

    /// A session capturing output in memory (tests).
    pub fn capturing() -> Session {
        Session::new(Output::Capture(String::new()))
    }

    /// Parse `src` (registered as `name`) into statements, or a located SyntaxError.
    pub fn parse(
        &mut self,
        src: &str,
        name: &str,
    ) -> Result<(usize, Vec<syntax::ast::Stmt>), Exception> {
        let id = self.interp.add_source(name, src);
        match syntax::parse_module(src) {
            Ok(stmts) => Ok((id, stmts)),
            Err(pe) => {
                let ty = match pe.kind {
                    syntax::ParseErrorKind::Indentation | syntax::ParseErrorKind::Tab => {
                        ExcType::IndentationError
                    }
                    syntax::ParseErrorKind::Recursion => ExcType::RecursionError,
                    _ => ExcType::SyntaxError,
                };
                let mut e = Exception::new(ty, pe.msg).at(pe.span);
                e.source_id = Some(id);
                Err(e)
            }
        }
    }

    /// Run one top-level statement; expression statements return their value.
    pub fn run_stmt(&mut self, source_id: usize, stmt: &syntax::ast::Stmt) -> StmtOutcome {
        self.interp.current_source = source_id;
        self.interp.last_traceback.clear();
        self.interp.frames.clear();
        self.interp.depth = 0;
        INTERRUPTED.store(false, Ordering::Relaxed);
        let result = match &stmt.kind {
            StmtKind::Expr(e) => self.interp.eval(e, &None).map(Some),
            _ => self.interp.exec(stmt, &None).map(|_| None),
        };
        // An in-place kernel (`a += b`) cut short by Ctrl-C has no call to report it.
        let result = self.interp.settle_interrupt(result);
        self.interp.flush_warnings();
        match result {
            Ok(Some(v)) if !v.is_none() => StmtOutcome::Value(v),
            Ok(_) => StmtOutcome::Done,
            Err(mut e) => {
                if e.source_id.is_none() {
                    e.source_id = Some(match self.interp.last_traceback.last() {
                        Some(f) => f.source_id,
                        None => source_id,
                    });
                }
                StmtOutcome::Error(e)
            }
        }
    }

    /// Echo mode (the oracle's contract): run `src` statement by statement, printing each
    /// expression's repr and `Type: message` for each exception. Returns the text.
    pub fn run_echo(&mut self, src: &str, name: &str) -> String {
        let (id, stmts) = match self.parse(src, name) {
            Ok(x) => x,
            Err(e) => return format!("{}\n", e.echo_line()),
        };
        for stmt in &stmts {
            let text = match self.run_stmt(id, stmt) {
                StmtOutcome::Done => String::new(),
                StmtOutcome::Value(v) => match self.interp.repr(&v) {
                    Ok(r) => r + "\n",
                    Err(e) => format!("{}\n", e.echo_line()),
                },
                StmtOutcome::Error(e) => {
                    if e.ty == ExcType::SystemExit {
                        self.interp.out.write_str(&format!("{}\n", e.echo_line()));
                        continue;
                    }
                    format!("{}\n", e.echo_line())
                }
            };
            self.interp.out.write_str(&text);
            self.interp.out.flush();
        }
        self.interp.out.take()
    }

    /// Render an exception as a traceback (plain text).
    pub fn format_error(&self, e: &Exception) -> String {
        diagnostics::plain(&diagnostics::traceback(
            e,
            &self.interp.sources,
            &self.interp.last_traceback,
        ))
    }
}
