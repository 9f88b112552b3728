//! `np.take_along_axis` / `np.put_along_axis`: NumPy's `_make_along_axis_idx` — the index
//! array at `axis` and orthogonal `arange`s elsewhere form one fancy index, so the results,
//! broadcasting and error messages are those of advanced indexing.

use std::rc::Rc;

use crate::array::NdArray;
use crate::errors::{index_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("take_along_axis", take_along_axis, "take_along_axis(arr, indices, axis=-1): pick values along an axis by matching 1-D index slices"),
    ("put_along_axis", put_along_axis, "put_along_axis(arr, indices, values, axis): write values along an axis by matching 1-D index slices"),
];

/// `_make_along_axis_idx(arr_shape, indices, axis)` as an index tuple.
fn along_axis_index(shape: &[usize], indices: &NdArray, axis: usize) -> PyResult<Value> {
    if !indices.dtype.is_integer() {
        return Err(index_error("`indices` must be an integer array"));
    }
    if shape.len() != indices.ndim() {
        return Err(value_error(
            "`indices` and `arr` must have the same number of dimensions",
        ));
    }
    let nd = indices.ndim();
    let mut items = Vec::with_capacity(nd);
    for (dim, &n) in shape.iter().enumerate() {
        if dim == axis {
            items.push(Value::Array(Rc::new(indices.clone())));
        } else {
            let mut s = vec![1i64; nd];
            s[dim] = -1;
            let r = NdArray::from_vec1((0..n as i64).collect::<Vec<i64>>()).reshape(&s)?;
            items.push(Value::Array(Rc::new(r)));
        }
    }
    Ok(Value::tuple(items))
}

/// The array argument and the normalized axis (`None`: the flattened array).
fn array_and_axis(
    interp: &mut Interp,
    arr: &Value,
    indices: &NdArray,
    axis: &Option<Value>,
) -> PyResult<(NdArray, Option<usize>)> {
    let a = argparse::array(interp, arr)?;
    match axis {
        None | Some(Value::None) => {
            if indices.ndim() != 1 {
                return Err(value_error(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            Ok((a, None))
        }
        Some(v) => {
            let k = argparse::int(v, "")?;
            Ok((
                a.clone(),
                Some(crate::array::layout::normalize_axis(k, a.ndim())?),
            ))
        }
    }
}

/// `np.take_along_axis(arr, indices, axis=-1)`.
pub fn take_along_axis(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("take_along_axis", &["arr", "indices", "axis"], 2)?;
    let indices = argparse::array(interp, &req(&b[1]))?;
    let axis = match &b[2] {
        None => Some(Value::Int(-1)),
        Some(v) => Some(v.clone()),
    };
    let (a, ax) = array_and_axis(interp, &req(&b[0]), &indices, &axis)?;
    let (src, ax) = match ax {
        Some(k) => (a, k),
        None => (a.copy()?.reshape(&[-1])?, 0),
    };
    let idx = along_axis_index(&src.shape, &indices, ax)?;
    interp.getitem(&Value::Array(Rc::new(src)), &idx)
}

/// `np.put_along_axis(arr, indices, values, axis)` (in place; returns None).
pub fn put_along_axis(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("put_along_axis", &["arr", "indices", "values", "axis"], 3)?;
    if b[3].is_none() {
        return Err(type_error(
            "put_along_axis() missing 1 required positional argument: 'axis'",
        ));
    }
    let target = req(&b[0]);
    let Value::Array(arr) = &target else {
        return Err(type_error(format!(
            "'{}' object does not support item assignment",
            target.type_name()
        )));
    };
    let indices = argparse::array(interp, &req(&b[1]))?;
    let (_, ax) = array_and_axis(interp, &target, &indices, &b[3])?;
    let idx = match ax {
        Some(k) => along_axis_index(&arr.shape, &indices, k)?,
        None => {
            // arr.flat[indices] = values: unravel the flat positions over arr's shape.
            if !indices.dtype.is_integer() {
                return Err(index_error("`indices` must be an integer array"));
            }
            let size = arr.size() as i64;
            let flat = indices.to_vec_i64()?;
            let mut pos = Vec::with_capacity(flat.len());
            for &i in &flat {
                let k = if i < 0 { i + size } else { i };
                if k < 0 || k >= size {
                    return Err(index_error(format!(
                        "index {i} is out of bounds for axis 0 with size {size}"
                    )));
                }
                pos.push(k);
            }
            let nd = arr.ndim();
            let mut per_dim = vec![Vec::with_capacity(pos.len()); nd];
            for &p in &pos {
                let mut r = p;
                for d in (0..nd).rev() {
                    let n = arr.shape[d] as i64;
                    per_dim[d].push(r % n);
                    r /= n;
                }
            }
            Value::tuple(
                per_dim
                    .into_iter()
                    .map(|v| Value::Array(Rc::new(NdArray::from_vec1(v))))
                    .collect(),
            )
        }
    };
    interp.setitem(&target, &idx, req(&b[2]))?;
    Ok(Value::None)
}
