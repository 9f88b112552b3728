//! Axis-wise helpers from NumPy's array-API additions and `lib`: `np.unstack` (views along
//! an axis), `np.permute_dims` (transpose under its array-API name), `np.apply_over_axes`.

use std::rc::Rc;

use crate::errors::{attribute_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::matrix_indices::array_attr;
use crate::numpy::{shape, FnEntry};
use crate::syntax::span::Span;
use crate::value::Value;

/// The axis-helper family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "unstack",
        unstack,
        "unstack(x, /, *, axis=0): the views along axis, as a tuple",
    ),
    (
        "permute_dims",
        permute_dims,
        "permute_dims(a, axes=None): permute the axes (a view; transpose's array-API name)",
    ),
    (
        "apply_over_axes",
        apply_over_axes,
        "apply_over_axes(func, a, axes): apply func(a, axis) repeatedly, keeping the dimensions",
    ),
];

/// `np.unstack(x, /, *, axis=0)`: `tuple(np.moveaxis(x, axis, 0))`.
pub fn unstack(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("unstack", &["x", "*", "axis"], 1)?;
    let x = req(&b[0]);
    let a = array_attr(&x, "ndim")?;
    if a.ndim() == 0 {
        return Err(value_error("Input array must be at least 1-d."));
    }
    let axis = b[1].clone().unwrap_or(Value::Int(0));
    let moved = shape::moveaxis(interp, Args::new(vec![x, axis, Value::Int(0)]))?;
    Ok(Value::tuple(interp.iterate(&moved)?))
}

/// `np.permute_dims(a, axes=None)`.
pub fn permute_dims(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("permute_dims", &["a", "axes"], 1)?;
    let mut pos = vec![req(&b[0])];
    if let Some(axes) = &b[1] {
        pos.push(axes.clone());
    }
    shape::transpose(interp, Args::new(pos))
}

/// `res.ndim` of a function result (NumPy reads the attribute).
fn ndim_of(v: &Value) -> PyResult<usize> {
    match v {
        Value::Array(a) | Value::Scalar(a) => Ok(a.ndim()),
        other => Err(attribute_error(format!(
            "'{}' object has no attribute 'ndim'",
            other.type_name()
        ))),
    }
}

/// `np.apply_over_axes(func, a, axes)`.
pub fn apply_over_axes(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("apply_over_axes", &["func", "a", "axes"], 3)?;
    let func = req(&b[0]);
    let a_v = req(&b[1]);
    let n = ndim_of(&a_v)? as i64;
    let mut val = match &a_v {
        Value::Scalar(s) => Value::Array(s.clone()),
        other => other.clone(),
    };
    let axes_v = req(&b[2]);
    let axes: Vec<i64> = match &axes_v {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => interp
            .iterate(&axes_v)?
            .iter()
            .map(|x| argparse::int(x, ""))
            .collect::<PyResult<_>>()?,
        other => vec![argparse::int(other, "")?],
    };
    for axis in axes {
        let axis = if axis < 0 { n + axis } else { axis };
        let res = interp.call_value(
            &func,
            Args::new(vec![val.clone(), Value::Int(axis)]),
            Span::default(),
        )?;
        let val_nd = ndim_of(&val)?;
        if ndim_of(&res)? == val_nd {
            val = res;
            continue;
        }
        let r = interp.to_array(&res)?.expand_dims(&[axis])?;
        if r.ndim() != val_nd {
            return Err(value_error(
                "function is not returning an array of the correct shape",
            ));
        }
        val = Value::Array(Rc::new(r));
    }
    Ok(val)
}
