//! How results and errors look at the prompt: NumPy's repr, then one dim info line
//! (`(3, 4) float64 · strides (32, 8) · C-contiguous · view of x`); errors as a traceback with
//! the failing sub-expression underlined, coloured when colour is on.

use std::rc::Rc;

use owo_colors::OwoColorize;

use crate::array::NdArray;
use crate::errors::Exception;
use crate::value::Value;
use crate::Session;

/// Whether to colour output: stdout is a terminal and `NO_COLOR` is unset or empty.
pub fn colour_wanted() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The info line for a result: arrays show shape, dtype, byte strides, contiguity and whether
/// they are a view (of which variable); NumPy scalars show their type. `None` for other values.
pub fn info_line(globals: &crate::interp::GlobalMap, v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => Some(array_info(globals, a)),
        Value::Scalar(a) => Some(format!(
            "np.{} scalar · {} bytes",
            a.dtype.scalar_type_name(),
            a.dtype.itemsize()
        )),
        _ => None,
    }
}

fn array_info(globals: &crate::interp::GlobalMap, a: &Rc<NdArray>) -> String {
    let strides: Vec<String> = a.byte_strides().iter().map(|s| s.to_string()).collect();
    let strides = match strides.len() {
        1 => format!("({},)", strides[0]),
        _ => format!("({})", strides.join(", ")),
    };
    let layout = if a.is_c_contiguous() {
        "C-contiguous"
    } else if a.is_f_contiguous() {
        "F-contiguous"
    } else {
        "non-contiguous"
    };
    let mut line = format!(
        "{} {} · strides {strides} · {layout}",
        crate::array::shape_repr(&a.shape),
        a.dtype.name()
    );
    if a.base.is_some() {
        match view_owner_name(globals, a) {
            Some(n) => line.push_str(&format!(" · view of {n}")),
            None => line.push_str(" · view"),
        }
    }
    if !a.writeable.get() {
        line.push_str(" · read-only");
    }
    line
}

/// The variable a view's memory is best described by: the owner of the buffer if it is bound
/// to a name, else another named array on the same buffer (never the view itself, never `_`).
fn view_owner_name(globals: &crate::interp::GlobalMap, a: &Rc<NdArray>) -> Option<String> {
    let mut best: Option<(bool, &str)> = None;
    for (name, v) in globals {
        let Value::Array(g) = v else { continue };
        if &**name == "_" || Rc::ptr_eq(g, a) || !Rc::ptr_eq(&g.buf, &a.buf) {
            continue;
        }
        let owner = g.base.is_none();
        // Prefer the owner, then the alphabetically first name (stable output).
        let better = match best {
            None => true,
            Some((o, n)) => (owner && !o) || (owner == o && &**name < n),
        };
        if better {
            best = Some((owner, name));
        }
    }
    best.map(|(_, n)| n.to_string())
}

/// Write an expression's value: its repr and (when `info` is on) the dim info line.
pub fn show_value(session: &mut Session, v: &Value, info: bool, colour: bool) {
    let text = match session.interp.repr(v) {
        Ok(t) => t,
        Err(e) => {
            show_error(session, &e, colour);
            return;
        }
    };
    session.interp.out.write_str(&text);
    session.interp.out.write_str("\n");
    if info {
        if let Some(line) = info_line(&session.interp.globals.borrow(), v) {
            let line = if colour {
                line.dimmed().to_string()
            } else {
                line
            };
            session.interp.out.write_str(&line);
            session.interp.out.write_str("\n");
        }
    }
    session.interp.out.flush();
}

/// Print an uncaught exception as a traceback on stderr.
pub fn show_error(session: &mut Session, e: &Exception, colour: bool) {
    session.interp.out.flush();
    let m =
        crate::diagnostics::traceback(e, &session.interp.sources, &session.interp.last_traceback);
    if colour {
        eprint!("{}", crate::diagnostics::colored(&m));
    } else {
        eprint!("{}", crate::diagnostics::plain(&m));
    }
}
