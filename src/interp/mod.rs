//! The tree-walking interpreter: runs the AST with Python's semantics over numpyx values.
//!
//! Layout: `exec.rs` runs statements, `eval.rs` evaluates expressions, `call.rs` binds
//! arguments and calls functions, `ops.rs` implements operators on Python values and arrays,
//! `target.rs` assigns to targets (`a, *b = …`, `x[i] = v`, `x.attr = v`), `builtins.rs` holds
//! Python's builtin functions, `methods/` the methods of str/list/dict/set, `repr.rs` the reprs,
//! `iter.rs` iteration, `attrs.rs` attribute lookup. The interpreter knows nothing of terminals:
//! output goes to an `Output` sink, errors come back as `Exception` values.

pub mod args;
pub mod attrs;
pub mod builtins;
pub mod call;
pub mod convert;
pub mod eval;
pub mod exec;
pub mod iter;
pub mod math_module;
pub mod methods;
pub mod names;
pub mod ops;
pub mod pynum;
pub mod repr;
pub mod scope;
pub mod setorder;
pub mod subscript;
pub mod target;
pub mod time_module;

use std::cell::RefCell;
use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use crate::errors::{Exception, PyResult};
use crate::print::PrintOptions;
use crate::syntax::span::Span;
use crate::value::Value;

/// Where `print()` and echoed results go.
pub enum Output {
    /// The process's stdout (buffered; flushed at the end of each top-level statement).
    Stdout(std::io::BufWriter<std::io::Stdout>),
    /// Captured text (tests, the REPL's result rendering).
    Capture(String),
}

impl Output {
    /// Write text.
    pub fn write_str(&mut self, s: &str) {
        match self {
            Output::Stdout(w) => {
                let _ = w.write_all(s.as_bytes());
            }
            Output::Capture(buf) => buf.push_str(s),
        }
    }

    /// Flush buffered output.
    pub fn flush(&mut self) {
        if let Output::Stdout(w) = self {
            let _ = w.flush();
        }
    }

    /// Take captured text (empty for stdout).
    pub fn take(&mut self) -> String {
        match self {
            Output::Capture(buf) => std::mem::take(buf),
            Output::Stdout(_) => String::new(),
        }
    }
}

/// One registered source text (a script file, a REPL input, `-c` code).
pub struct Source {
    pub name: String,
    pub text: Rc<str>,
}

/// A frame of the Python call stack, for tracebacks.
#[derive(Clone)]
pub struct FrameInfo {
    pub func_name: Rc<str>,
    pub source_id: usize,
    /// The call site in the caller.
    pub call_span: Span,
    pub caller_source: usize,
}

/// The interpreter state of one session.
pub struct Interp {
    /// Module-level variables, in definition order (as Python's globals dict).
    pub globals: Rc<RefCell<GlobalMap>>,
    /// Python's builtins (print, len, range, …), built on first use.
    pub builtins: FxHashMap<&'static str, Value>,
    /// Imported modules by dotted name (`numpy`, `numpy.linalg`).
    pub modules: HashMap<String, Value>,
    pub out: Output,
    pub sources: Vec<Source>,
    /// The source being executed now.
    pub current_source: usize,
    /// Python call depth, for RecursionError.
    pub depth: usize,
    /// The Python call stack (for tracebacks).
    pub frames: Vec<FrameInfo>,
    /// The frames of the last uncaught exception (innermost last).
    pub last_traceback: Vec<FrameInfo>,
    /// NumPy print options (`np.set_printoptions`).
    pub print_options: PrintOptions,
    /// The exception being handled (for a bare `raise`).
    pub handling: Vec<Exception>,
    /// NumPy's legacy global RandomState (np.random.seed/rand/…), created on first use.
    pub legacy_rng: Option<Value>,
    /// Set by `exit()`/`quit()`/`sys.exit()`: the requested exit code.
    pub exit_code: Option<i32>,
    /// Scopes of finished calls, reused by the next calls (see `call.rs`).
    pub scope_pool: Vec<scope::ScopeRef>,
}

/// The module namespace: insertion-ordered, so that name occurrences can cache the position of
/// their binding (see `names.rs`).
pub type GlobalMap = indexmap::IndexMap<Rc<str>, Value, rustc_hash::FxBuildHasher>;

/// Python's default recursion limit.
pub const RECURSION_LIMIT: usize = 1000;

impl Interp {
    /// A fresh session writing to `out`.
    pub fn new(out: Output) -> Interp {
        Interp {
            globals: Rc::new(RefCell::new(GlobalMap::default())),
            builtins: FxHashMap::default(),
            modules: HashMap::new(),
            out,
            sources: Vec::new(),
            current_source: 0,
            depth: 0,
            frames: Vec::new(),
            last_traceback: Vec::new(),
            print_options: PrintOptions::default(),
            handling: Vec::new(),
            legacy_rng: None,
            exit_code: None,
            scope_pool: Vec::new(),
        }
    }

    /// Register a source text and get its id.
    pub fn add_source(&mut self, name: &str, text: &str) -> usize {
        self.sources.push(Source {
            name: name.to_string(),
            text: Rc::from(text),
        });
        self.sources.len() - 1
    }

    /// Raise KeyboardInterrupt if Ctrl-C was pressed.
    #[inline]
    pub fn check_interrupt(&self) -> PyResult<()> {
        if crate::INTERRUPTED.load(Ordering::Relaxed) {
            crate::INTERRUPTED.store(false, Ordering::Relaxed);
            return Err(crate::errors::keyboard_interrupt());
        }
        Ok(())
    }

    /// The outcome of native work (a builtin, an array operator) once Ctrl-C is accounted for:
    /// array kernels stop early when interrupted, so their result is incomplete and must be
    /// replaced by KeyboardInterrupt.
    #[inline]
    pub fn settle_interrupt<T>(&self, result: PyResult<T>) -> PyResult<T> {
        if crate::interrupt_pending() {
            crate::INTERRUPTED.store(false, Ordering::Relaxed);
            return Err(crate::errors::keyboard_interrupt());
        }
        result
    }

    /// Print NumPy's pending floating-point warnings to stderr (Python prints them there).
    pub fn flush_warnings(&mut self) {
        let mut warnings = crate::array::ufunc::take_warnings();
        warnings.retain(|w| crate::numpy::errstate::should_report(w));
        if warnings.is_empty() {
            return;
        }
        self.out.flush();
        for w in warnings {
            eprintln!("RuntimeWarning: {w}");
        }
    }
}
