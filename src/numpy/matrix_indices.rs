//! Diagonal and triangle helpers taking an array: `np.fill_diagonal` (in place, with `wrap=`),
//! `np.diag_indices_from`, `np.tril_indices_from`, `np.triu_indices_from`, `np.mask_indices`.

use std::rc::Rc;

use crate::array::NdArray;
use crate::errors::{attribute_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::array_from_value;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::inplace::put_flat;
use crate::numpy::{construct, sorting, FnEntry};
use crate::syntax::span::Span;
use crate::value::Value;

/// The matrix-index family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "fill_diagonal",
        fill_diagonal,
        "fill_diagonal(a, val, wrap=False): write val (cycled) on the main diagonal, in place",
    ),
    (
        "diag_indices_from",
        diag_indices_from,
        "diag_indices_from(arr): indices of the main diagonal of an n-d array with equal sides",
    ),
    (
        "tril_indices_from",
        tril_indices_from,
        "tril_indices_from(arr, k=0): indices of the lower triangle of a 2-D array",
    ),
    (
        "triu_indices_from",
        triu_indices_from,
        "triu_indices_from(arr, k=0): indices of the upper triangle of a 2-D array",
    ),
    (
        "mask_indices",
        mask_indices,
        "mask_indices(n, mask_func, k=0): indices where mask_func(ones((n, n)), k) is non-zero",
    ),
];

/// The array behind an argument NumPy reads attributes of (`arr.ndim`, `a.flags`): lists
/// and scalars have none, and raise Python's AttributeError.
pub fn array_attr(v: &Value, attr: &str) -> PyResult<Rc<NdArray>> {
    match v {
        Value::Array(a) | Value::Scalar(a) => Ok(a.clone()),
        other => Err(attribute_error(format!(
            "'{}' object has no attribute '{attr}'",
            other.type_name()
        ))),
    }
}

/// `np.fill_diagonal(a, val, wrap=False)`: `a.flat[:end:step] = val`.
pub fn fill_diagonal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("fill_diagonal", &["a", "val", "wrap"], 2)?;
    let a = array_attr(&req(&b[0]), "ndim")?;
    let wrap = argparse::flag(interp, &b[2], false)?;
    if a.ndim() < 2 {
        return Err(value_error("array must be at least 2-d"));
    }
    let (step, end) = if a.ndim() == 2 {
        let cols = a.shape[1];
        (
            cols + 1,
            if wrap {
                a.size()
            } else {
                (cols * cols).min(a.size())
            },
        )
    } else {
        if a.shape.iter().any(|&d| d != a.shape[0]) {
            return Err(value_error(
                "All dimensions of input must be of equal length",
            ));
        }
        // 1 + sum(cumprod(shape[:-1])).
        let mut acc = 1usize;
        let mut step = 1usize;
        for &d in &a.shape[..a.ndim() - 1] {
            acc *= d;
            step += acc;
        }
        (step, a.size())
    };
    if !a.writeable.get() {
        return Err(value_error("underlying array is read-only"));
    }
    let vals = match req(&b[1]) {
        Value::Array(v) | Value::Scalar(v) => (*v).clone(),
        other => array_from_value(&other, Some(a.dtype))?,
    }
    .reshape(&[-1])?;
    if vals.size() == 0 {
        return Ok(Value::None);
    }
    let positions: Vec<usize> = (0..end).step_by(step.max(1)).collect();
    let n = vals.size();
    let idx: Vec<i64> = (0..positions.len()).map(|i| (i % n) as i64).collect();
    let vals = crate::numpy::joining::take_axis(&vals, idx, 0)?;
    put_flat(&a, &positions, &vals)?;
    Ok(Value::None)
}

/// `np.diag_indices_from(arr)`.
pub fn diag_indices_from(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("diag_indices_from", &["arr"], 1)?;
    let a = array_attr(&req(&b[0]), "ndim")?;
    if a.ndim() < 2 {
        return Err(value_error("input array must be at least 2-d"));
    }
    if a.shape.iter().any(|&d| d != a.shape[0]) {
        return Err(value_error(
            "All dimensions of input must be of equal length",
        ));
    }
    construct::diag_indices(
        interp,
        Args::new(vec![
            Value::Int(a.shape[0] as i64),
            Value::Int(a.ndim() as i64),
        ]),
    )
}

fn tri_indices_from(interp: &mut Interp, args: Args, name: &str, lower: bool) -> PyResult<Value> {
    let b = args.bind(name, &["arr", "k"], 1)?;
    let a = array_attr(&req(&b[0]), "ndim")?;
    if a.ndim() != 2 {
        return Err(value_error("input array must be 2-d"));
    }
    let mut call = Args::new(vec![Value::Int(a.shape[0] as i64)]);
    call.kw
        .push((Rc::from("k"), b[1].clone().unwrap_or(Value::Int(0))));
    call.kw.push((Rc::from("m"), Value::Int(a.shape[1] as i64)));
    if lower {
        construct::tril_indices(interp, call)
    } else {
        construct::triu_indices(interp, call)
    }
}

/// `np.tril_indices_from(arr, k=0)`.
pub fn tril_indices_from(interp: &mut Interp, args: Args) -> PyResult<Value> {
    tri_indices_from(interp, args, "tril_indices_from", true)
}

/// `np.triu_indices_from(arr, k=0)`.
pub fn triu_indices_from(interp: &mut Interp, args: Args) -> PyResult<Value> {
    tri_indices_from(interp, args, "triu_indices_from", false)
}

/// `np.mask_indices(n, mask_func, k=0)`: `nonzero(mask_func(ones((n, n), int), k) != 0)`.
pub fn mask_indices(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("mask_indices", &["n", "mask_func", "k"], 2)?;
    let n = argparse::int(&req(&b[0]), "")?;
    if n < 0 {
        return Err(value_error("negative dimensions are not allowed"));
    }
    let n = n as usize;
    let ones = NdArray::full(&[n, n], 1i64)?;
    let k = b[2].clone().unwrap_or(Value::Int(0));
    let m = interp.call_value(
        &req(&b[1]),
        Args::new(vec![Value::Array(Rc::new(ones)), k]),
        Span::default(),
    )?;
    let m = interp.to_array(&m)?;
    if m.ndim() == 0 {
        return Err(value_error("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead."));
    }
    let cols = crate::array::index::mask::nonzero(&sorting::truth_mask(&m)?)?;
    Ok(Value::tuple(
        cols.into_iter().map(|c| Value::Array(Rc::new(c))).collect(),
    ))
}
