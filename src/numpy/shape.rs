//! Shape manipulation: reshape, ravel/flatten, transpose, swapaxes, squeeze, expand_dims,
//! broadcast_to (all views where NumPy returns views).

use std::rc::Rc;

use crate::errors::{type_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The shape family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("reshape", reshape, "reshape(a, shape): a view with a new shape when possible, else a copy"),
    ("ravel", ravel, "ravel(a): the flattened array (a view when contiguous)"),
    ("transpose", transpose, "transpose(a, axes=None): permute the axes (a view)"),
    ("swapaxes", swapaxes, "swapaxes(a, axis1, axis2): interchange two axes (a view)"),
    ("squeeze", squeeze, "squeeze(a, axis=None): remove length-1 axes (a view)"),
    ("expand_dims", expand_dims, "expand_dims(a, axis): insert length-1 axes (a view)"),
    ("broadcast_to", broadcast_to, "broadcast_to(array, shape): a read-only broadcast view"),
];

/// Wrap a result derived from `src` as a view of it when it shares memory.
fn view_of(src: &Value, r: crate::array::NdArray) -> Value {
    match src {
        Value::Array(a) => Value::Array(Rc::new(r.linked_to(a))),
        _ => Value::Array(Rc::new(r)),
    }
}

/// `np.reshape(a, shape, order='C')`.
pub fn reshape(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("reshape", &["a", "shape", "order", "*", "newshape", "copy"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let shape_v = b[1].clone().or_else(|| b[3].clone()).ok_or_else(|| type_error("reshape() missing required argument 'shape' (pos 2)"))?;
    let shape = argparse::signed_shape(interp, &[shape_v])?;
    let order = argparse::string(&b[2], "C")?;
    reshape_order(&src, &a, &shape, &order)
}

fn reshape_order(src: &Value, a: &crate::array::NdArray, shape: &[i64], order: &str) -> PyResult<Value> {
    if order == "F" {
        let t = a.transpose(None)?;
        let rev: Vec<i64> = shape.iter().rev().copied().collect();
        let r = t.reshape(&rev)?.transpose(None)?;
        return Ok(view_of(src, r));
    }
    Ok(view_of(src, a.reshape(shape)?))
}

/// `a.reshape(*shape, order='C')`.
pub fn reshape_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let src = args.take_self();
    let order = args.take_kw("order");
    args.take_kw("copy");
    if let Some(s) = args.take_kw("shape") {
        args.pos.push(s);
    }
    args.no_kwargs("reshape")?;
    if args.pos.is_empty() {
        return Err(type_error("reshape() takes exactly 1 argument (0 given)"));
    }
    let a = argparse::array(interp, &src)?;
    let shape = argparse::signed_shape(interp, &args.pos)?;
    reshape_order(&src, &a, &shape, &argparse::string(&order, "C")?)
}

/// `np.ravel(a)` / `a.ravel()`.
pub fn ravel(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("ravel", &["a", "order"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let order = argparse::string(&b[1], "C")?;
    // NumPy's PyArray_Ravel: a view only when already contiguous in the requested order,
    // even where a strided reshape could be a view (`a[:, ::2].ravel()` copies).
    let contiguous = if order == "F" { a.is_f_contiguous() } else { a.is_c_contiguous() };
    if contiguous {
        return reshape_order(&src, &a, &[-1], &order);
    }
    let src_order = if order == "F" { a.transpose(None)? } else { a };
    Ok(Value::Array(Rc::new(src_order.copy()?.reshape(&[-1])?)))
}

/// `a.flatten()`: always a copy.
pub fn flatten(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("flatten", &["self", "order"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let order = argparse::string(&b[1], "C")?;
    let src = if order == "F" { a.transpose(None)? } else { a };
    Ok(Value::Array(Rc::new(src.copy()?.reshape(&[-1])?)))
}

fn axes_list(interp: &mut Interp, vals: &[Value]) -> PyResult<Option<Vec<i64>>> {
    match vals {
        [] | [Value::None] => Ok(None),
        [v @ (Value::Tuple(_) | Value::List(_))] => {
            let items = interp.iterate(v)?;
            Ok(Some(items.iter().map(|x| argparse::int(x, "")).collect::<PyResult<_>>()?))
        }
        many => Ok(Some(many.iter().map(|x| argparse::int(x, "")).collect::<PyResult<_>>()?)),
    }
}

/// `np.transpose(a, axes=None)`.
pub fn transpose(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("transpose", &["a", "axes"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let axes = match &b[1] {
        Some(v) => axes_list(interp, std::slice::from_ref(v))?,
        None => None,
    };
    Ok(view_of(&src, a.transpose(axes.as_deref())?))
}

/// `a.transpose(*axes)`.
pub fn transpose_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let src = args.take_self();
    args.no_kwargs("transpose")?;
    let a = argparse::array(interp, &src)?;
    let axes = axes_list(interp, &args.pos)?;
    Ok(view_of(&src, a.transpose(axes.as_deref())?))
}

/// `np.swapaxes(a, axis1, axis2)`.
pub fn swapaxes(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("swapaxes", &["a", "axis1", "axis2"], 3)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let (x, y) = (argparse::int(&req(&b[1]), "")?, argparse::int(&req(&b[2]), "")?);
    Ok(view_of(&src, a.swapaxes(x, y)?))
}

/// `np.squeeze(a, axis=None)`.
pub fn squeeze(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("squeeze", &["a", "axis"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let axes = argparse::axes(&b[1])?;
    Ok(view_of(&src, a.squeeze(axes.as_deref())?))
}

/// `np.expand_dims(a, axis)`.
pub fn expand_dims(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("expand_dims", &["a", "axis"], 2)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let axes = argparse::axes(&b[1])?.unwrap_or_default();
    Ok(view_of(&src, a.expand_dims(&axes)?))
}

/// `np.broadcast_to(array, shape)`.
pub fn broadcast_to(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("broadcast_to", &["array", "shape", "subok"], 2)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let shape = argparse::shape(interp, &req(&b[1]))?;
    Ok(view_of(&src, a.broadcast_to(&shape)?))
}
