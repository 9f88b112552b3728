//! Floating-point error handling: np.seterr / np.geterr / np.errstate (a `with` context
//! manager). The state filters the RuntimeWarnings the ufuncs report ('ignore' drops them);
//! 'raise', 'call', 'print' and 'log' are accepted and reported as warnings.

use std::cell::RefCell;
use std::rc::Rc;

use crate::errors::{value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::FnEntry;
use crate::value::{Object, Value};

/// The error-handling family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("seterr", seterr, "seterr(all=None, divide=None, over=None, under=None, invalid=None): set floating-point error handling; returns the old settings"),
    ("geterr", geterr, "geterr(): the current floating-point error handling"),
    ("errstate", errstate, "errstate(**kwargs): a context manager for floating-point error handling"),
];

/// Handling of the four floating-point error kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrState {
    pub divide: String,
    pub over: String,
    pub under: String,
    pub invalid: String,
}

impl Default for ErrState {
    fn default() -> Self {
        ErrState {
            divide: "warn".into(),
            over: "warn".into(),
            under: "ignore".into(),
            invalid: "warn".into(),
        }
    }
}

thread_local! {
    static STATE: RefCell<ErrState> = RefCell::new(ErrState::default());
}

/// Whether a ufunc warning text (`divide by zero encountered in divide`) should be shown.
pub fn should_report(warning: &str) -> bool {
    STATE.with(|s| {
        let s = s.borrow();
        let mode = if warning.starts_with("divide") {
            &s.divide
        } else if warning.starts_with("overflow") {
            &s.over
        } else if warning.starts_with("underflow") {
            &s.under
        } else if warning.starts_with("invalid") {
            &s.invalid
        } else {
            return true;
        };
        mode != "ignore"
    })
}

/// Run `f` with every floating-point warning ignored (NumPy's `errstate(all='ignore')`).
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let saved = STATE.with(|s| {
        s.replace(ErrState {
            divide: "ignore".into(),
            over: "ignore".into(),
            under: "ignore".into(),
            invalid: "ignore".into(),
        })
    });
    let r = f();
    STATE.with(|s| *s.borrow_mut() = saved);
    r
}

fn state_dict(s: &ErrState) -> Value {
    let mut d = crate::value::Dict::default();
    for (k, v) in [
        ("divide", &s.divide),
        ("over", &s.over),
        ("under", &s.under),
        ("invalid", &s.invalid),
    ] {
        let _ = d.insert(Value::str(k), Value::str(v));
    }
    Value::Dict(Rc::new(RefCell::new(d)))
}

const MODES: &[&str] = &["ignore", "warn", "raise", "call", "print", "log"];

/// The state after applying keyword settings to `base`.
fn updated(base: &ErrState, kw: &[(Rc<str>, Value)], fname: &str) -> PyResult<ErrState> {
    let mut s = base.clone();
    let mode_of = |v: &Value| -> PyResult<Option<String>> {
        match v {
            Value::None => Ok(None),
            Value::Str(m) if MODES.contains(&&**m) => Ok(Some(m.to_string())),
            Value::Str(m) => Err(value_error(format!(
                "{m} is not a valid error handling mode"
            ))),
            _ => Err(value_error("invalid error handling mode")),
        }
    };
    // `all=` applies first; the specific kinds override it.
    if let Some((_, v)) = kw.iter().find(|(k, _)| &**k == "all") {
        if let Some(m) = mode_of(v)? {
            s = ErrState {
                divide: m.clone(),
                over: m.clone(),
                under: m.clone(),
                invalid: m,
            };
        }
    }
    for (k, v) in kw {
        let Some(m) = mode_of(v)? else { continue };
        match &**k {
            "all" => {}
            "divide" => s.divide = m,
            "over" => s.over = m,
            "under" => s.under = m,
            "invalid" => s.invalid = m,
            "call" => {}
            other => {
                return Err(crate::errors::type_error(format!(
                    "{fname}() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    Ok(s)
}

/// `np.seterr(all=None, divide=None, over=None, under=None, invalid=None)`.
pub fn seterr(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let names = ["all", "divide", "over", "under", "invalid"];
    let b = args.bind("seterr", &names, 0)?;
    let kw: Vec<(Rc<str>, Value)> = names
        .iter()
        .zip(b)
        .filter_map(|(n, v)| v.map(|v| (Rc::from(*n), v)))
        .collect();
    let old = STATE.with(|s| s.borrow().clone());
    let new = updated(&old, &kw, "seterr")?;
    STATE.with(|s| *s.borrow_mut() = new);
    Ok(state_dict(&old))
}

/// `np.geterr()`.
pub fn geterr(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.bind("geterr", &[], 0)?;
    Ok(STATE.with(|s| state_dict(&s.borrow())))
}

/// `np.errstate(**kwargs)`: settings applied on `with` entry, restored on exit.
pub struct ErrStateContext {
    kw: Vec<(Rc<str>, Value)>,
    saved: RefCell<Vec<ErrState>>,
}

impl Object for ErrStateContext {
    fn type_name(&self) -> String {
        "errstate".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok("<numpy.errstate object>".into())
    }
    fn getattr(&self, _this: &Value, _name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(None)
    }
    fn enter(&self, _this: &Value, _interp: &mut Interp) -> PyResult<Value> {
        let old = STATE.with(|s| s.borrow().clone());
        let new = updated(&old, &self.kw, "errstate")?;
        self.saved.borrow_mut().push(old);
        STATE.with(|s| *s.borrow_mut() = new);
        Ok(Value::None)
    }
    fn exit(&self, _interp: &mut Interp) -> PyResult<()> {
        if let Some(old) = self.saved.borrow_mut().pop() {
            STATE.with(|s| *s.borrow_mut() = old);
        }
        Ok(())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `np.errstate(*, call=<no value>, all=None, divide=None, over=None, under=None, invalid=None)`.
pub fn errstate(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        return Err(crate::errors::type_error(
            "errstate() takes 1 positional argument but 2 were given",
        ));
    }
    // Validate now, as NumPy does on construction.
    updated(&ErrState::default(), &args.kw, "errstate")?;
    Ok(Value::Object(Rc::new(ErrStateContext {
        kw: args.kw,
        saved: RefCell::new(Vec::new()),
    })))
}
