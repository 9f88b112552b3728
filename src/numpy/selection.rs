//! Picking elements by a condition: `np.compress` (and `a.compress`), `np.extract`, and
//! `np.trim_zeros` (leading/trailing zeros, per axis as in NumPy 2.4; the result is a slice of
//! the input: a view of an array, a list of a list).

use std::rc::Rc;

use crate::array::layout::normalize_axis;
use crate::array::NdArray;
use crate::errors::{attribute_error, axis_error, index_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::joining::take_axis;
use crate::numpy::sorting::truth_mask;
use crate::numpy::FnEntry;
use crate::value::{SliceObj, Value};

/// The selection family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "compress",
        compress,
        "compress(condition, a, axis=None, out=None): the slices of a along axis where condition is true",
    ),
    (
        "extract",
        extract,
        "extract(condition, arr): the elements of arr (flattened) where condition (flattened) is true",
    ),
    (
        "trim_zeros",
        trim_zeros,
        "trim_zeros(filt, trim='fb', axis=None): trim leading ('f') and/or trailing ('b') zeros",
    ),
];

/// The flat positions where `cond` is true.
fn true_indices(cond: &NdArray) -> PyResult<Vec<i64>> {
    Ok(truth_mask(cond)?
        .to_vec::<bool>()
        .iter()
        .enumerate()
        .filter_map(|(i, &t)| t.then_some(i as i64))
        .collect())
}

/// Check indices against an axis length, with NumPy's take error.
fn in_bounds(idx: &[i64], axis: usize, len: usize) -> PyResult<()> {
    match idx.iter().find(|&&i| i as usize >= len) {
        Some(i) => Err(index_error(format!(
            "index {i} is out of bounds for axis {axis} with size {len}"
        ))),
        None => Ok(()),
    }
}

fn compress_impl(
    interp: &mut Interp,
    cond: &Value,
    a: &Value,
    axis: &Option<Value>,
    out: &Option<Value>,
) -> PyResult<Value> {
    let cond = interp.to_array(cond)?;
    if cond.ndim() != 1 {
        return Err(value_error("condition must be a 1-d array"));
    }
    let arr = interp.to_array(a)?;
    let (arr, ax) = match argparse::axis(axis)? {
        None => (arr.reshape(&[-1])?, 0),
        Some(ax) => {
            let ax = normalize_axis(ax, arr.ndim())?;
            (arr, ax)
        }
    };
    let idx = true_indices(&cond)?;
    in_bounds(&idx, ax, arr.shape[ax])?;
    let r = take_axis(&arr, idx, ax)?;
    match out {
        Some(o @ Value::Array(dst)) => {
            if dst.shape != r.shape {
                return Err(value_error(
                    "output array does not match result of ndarray.take",
                ));
            }
            dst.assign(&r)?;
            Ok(o.clone())
        }
        _ => Ok(Value::Array(Rc::new(r))),
    }
}

/// `np.compress(condition, a, axis=None, out=None)`.
pub fn compress(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("compress", &["condition", "a", "axis", "out"], 2)?;
    compress_impl(interp, &req(&b[0]), &req(&b[1]), &b[2], &b[3])
}

/// `a.compress(condition, axis=None, out=None)`.
pub fn compress_method(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("compress", &["self", "condition", "axis", "out"], 2)?;
    compress_impl(interp, &req(&b[1]), &req(&b[0]), &b[2], &b[3])
}

/// `np.extract(condition, arr)`: `take(ravel(arr), nonzero(ravel(condition))[0])`.
pub fn extract(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("extract", &["condition", "arr"], 2)?;
    let cond = interp.to_array(&req(&b[0]))?.reshape(&[-1])?;
    let arr = interp.to_array(&req(&b[1]))?.reshape(&[-1])?;
    let idx = true_indices(&cond)?;
    in_bounds(&idx, 0, arr.size())?;
    Ok(Value::Array(Rc::new(take_axis(&arr, idx, 0)?)))
}

/// Per axis, the first and last index holding a non-zero element (None when all are zero).
fn nonzero_bounds(a: &NdArray) -> PyResult<Option<(Vec<usize>, Vec<usize>)>> {
    let mask = truth_mask(a)?.to_vec::<bool>();
    let nd = a.ndim();
    let mut lo = vec![usize::MAX; nd];
    let mut hi = vec![0usize; nd];
    let mut any = false;
    let mut idx = vec![0usize; nd];
    for &t in &mask {
        if t {
            any = true;
            for ax in 0..nd {
                lo[ax] = lo[ax].min(idx[ax]);
                hi[ax] = hi[ax].max(idx[ax]);
            }
        }
        for ax in (0..nd).rev() {
            idx[ax] += 1;
            if idx[ax] < a.shape[ax] {
                break;
            }
            idx[ax] = 0;
        }
    }
    Ok(any.then_some((lo, hi)))
}

fn slice_value(start: Option<i64>, stop: Option<i64>) -> Value {
    let v = |x: Option<i64>| x.map_or(Value::None, Value::Int);
    Value::Slice(Rc::new(SliceObj {
        start: v(start),
        stop: v(stop),
        step: Value::None,
    }))
}

/// `np.trim_zeros(filt, trim='fb', axis=None)`.
pub fn trim_zeros(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("trim_zeros", &["filt", "trim", "axis"], 1)?;
    let filt = req(&b[0]);
    let trim = match &b[1] {
        None => "fb".to_string(),
        Some(Value::Str(s)) => s.to_lowercase(),
        Some(other) => {
            return Err(attribute_error(format!(
                "'{}' object has no attribute 'lower'",
                other.type_name()
            )))
        }
    };
    if !matches!(trim.as_str(), "fb" | "bf" | "f" | "b") {
        let shown = interp.repr(&Value::str(&trim))?;
        return Err(value_error(format!(
            "unexpected character(s) in `trim`: {shown}"
        )));
    }
    let a = interp.to_array(&filt)?;
    let nd = a.ndim();
    let axes: Vec<usize> = match argparse::axes(&b[2])? {
        None => (0..nd).collect(),
        Some(list) => {
            let mut out = Vec::with_capacity(list.len());
            for ax in list {
                let k = normalize_axis(ax, nd).map_err(|_| {
                    axis_error(format!(
                        "axis: axis {ax} is out of bounds for array of dimension {nd}"
                    ))
                })?;
                if out.contains(&k) {
                    return Err(value_error("repeated axis in `axis` argument"));
                }
                out.push(k);
            }
            out
        }
    };
    if axes.is_empty() {
        return Ok(filt);
    }
    let (start, stop): (Vec<Option<i64>>, Vec<Option<i64>>) = match nonzero_bounds(&a)? {
        None => (vec![Some(0); nd], vec![Some(0); nd]),
        Some((lo, hi)) => (
            lo.iter()
                .map(|&l| trim.contains('f').then_some(l as i64))
                .collect(),
            hi.iter()
                .map(|&h| trim.contains('b').then_some(h as i64 + 1))
                .collect(),
        ),
    };
    let slices: Vec<Value> = (0..nd)
        .map(|ax| {
            if axes.contains(&ax) {
                slice_value(start[ax], stop[ax])
            } else {
                slice_value(None, None)
            }
        })
        .collect();
    let key = match slices.as_slice() {
        // 1-D: a plain slice, so lists and tuples stay lists and tuples.
        [one] => one.clone(),
        _ => Value::tuple(slices),
    };
    interp.getitem(&filt, &key)
}
