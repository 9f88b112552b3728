//! Reductions as NumPy exposes them: `np.sum(a, axis=None, dtype=None, out=None,
//! keepdims=False)` and friends, shared with the ndarray methods of the same names.

use crate::array::reduce::{self, CumOp, ReduceOp};
use crate::errors::PyResult;
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The reductions' entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "sum",
        sum,
        "sum(a, axis=None, dtype=None, keepdims=False): sum of elements (pairwise for floats)",
    ),
    (
        "prod",
        prod,
        "prod(a, axis=None, dtype=None, keepdims=False): product of elements",
    ),
    (
        "mean",
        mean,
        "mean(a, axis=None, dtype=None, keepdims=False): arithmetic mean",
    ),
    (
        "std",
        std,
        "std(a, axis=None, dtype=None, ddof=0, keepdims=False): standard deviation",
    ),
    (
        "var",
        var,
        "var(a, axis=None, dtype=None, ddof=0, keepdims=False): variance",
    ),
    (
        "min",
        amin,
        "min(a, axis=None, keepdims=False): minimum (NaN propagates)",
    ),
    (
        "max",
        amax,
        "max(a, axis=None, keepdims=False): maximum (NaN propagates)",
    ),
    (
        "amin",
        amin,
        "amin(a, axis=None, keepdims=False): alias of np.min",
    ),
    (
        "amax",
        amax,
        "amax(a, axis=None, keepdims=False): alias of np.max",
    ),
    (
        "argmin",
        argmin,
        "argmin(a, axis=None, keepdims=False): index of the minimum",
    ),
    (
        "argmax",
        argmax,
        "argmax(a, axis=None, keepdims=False): index of the maximum",
    ),
    (
        "any",
        any,
        "any(a, axis=None, keepdims=False): whether any element is true",
    ),
    (
        "all",
        all,
        "all(a, axis=None, keepdims=False): whether all elements are true",
    ),
    ("ptp", ptp, "ptp(a, axis=None, keepdims=False): max - min"),
    (
        "cumsum",
        cumsum,
        "cumsum(a, axis=None, dtype=None): cumulative sum",
    ),
    (
        "cumprod",
        cumprod,
        "cumprod(a, axis=None, dtype=None): cumulative product",
    ),
    (
        "count_nonzero",
        count_nonzero,
        "count_nonzero(a, axis=None, keepdims=False): number of non-zero elements",
    ),
];

/// Shared body of the `(a, axis, dtype, out, keepdims)` reductions.
fn reduction(
    interp: &mut Interp,
    args: Args,
    name: &str,
    op: ReduceOp,
    has_dtype: bool,
) -> PyResult<Value> {
    let params: &[&str] = if has_dtype {
        &[
            "a", "axis", "dtype", "out", "keepdims", "*", "initial", "where",
        ]
    } else {
        &["a", "axis", "out", "keepdims", "*", "initial", "where"]
    };
    let b = args.bind(name, params, 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let (dtype, keepdims) = if has_dtype {
        (
            argparse::dtype(&b[2])?,
            argparse::flag(interp, &b[4], false)?,
        )
    } else {
        (None, argparse::flag(interp, &b[3], false)?)
    };
    let r = reduce::reduce(op, &a, axis.as_deref(), keepdims, dtype)?;
    interp.flush_warnings();
    Ok(interp.wrap_array_result(r))
}

/// `np.sum`.
pub fn sum(interp: &mut Interp, args: Args) -> PyResult<Value> {
    reduction(interp, args, "sum", ReduceOp::Sum, true)
}

/// `np.prod`.
pub fn prod(interp: &mut Interp, args: Args) -> PyResult<Value> {
    reduction(interp, args, "prod", ReduceOp::Prod, true)
}

/// `np.mean`.
pub fn mean(interp: &mut Interp, args: Args) -> PyResult<Value> {
    reduction(interp, args, "mean", ReduceOp::Mean, true)
}

/// `np.min` / `np.amin`.
pub fn amin(interp: &mut Interp, args: Args) -> PyResult<Value> {
    reduction(interp, args, "min", ReduceOp::Min, false)
}

/// `np.max` / `np.amax`.
pub fn amax(interp: &mut Interp, args: Args) -> PyResult<Value> {
    reduction(interp, args, "max", ReduceOp::Max, false)
}

/// `np.any`.
pub fn any(interp: &mut Interp, args: Args) -> PyResult<Value> {
    reduction(interp, args, "any", ReduceOp::Any, false)
}

/// `np.all`.
pub fn all(interp: &mut Interp, args: Args) -> PyResult<Value> {
    reduction(interp, args, "all", ReduceOp::All, false)
}

/// `np.ptp`.
pub fn ptp(interp: &mut Interp, args: Args) -> PyResult<Value> {
    reduction(interp, args, "ptp", ReduceOp::Ptp, false)
}

/// `np.std` / `np.var` share `ddof`.
fn moment(interp: &mut Interp, args: Args, name: &str, std: bool) -> PyResult<Value> {
    let b = args.bind(
        name,
        &[
            "a",
            "axis",
            "dtype",
            "out",
            "ddof",
            "keepdims",
            "*",
            "where",
            "mean",
            "correction",
        ],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let dtype = argparse::dtype(&b[2])?;
    let ddof = match b[4].as_ref().or(b[8].as_ref()) {
        Some(v) => interp.to_float(v)?,
        None => 0.0,
    };
    let keepdims = argparse::flag(interp, &b[5], false)?;
    let op = if std {
        ReduceOp::Std { ddof }
    } else {
        ReduceOp::Var { ddof }
    };
    let r = reduce::reduce(op, &a, axis.as_deref(), keepdims, dtype)?;
    interp.flush_warnings();
    Ok(interp.wrap_array_result(r))
}

/// `np.std`.
pub fn std(interp: &mut Interp, args: Args) -> PyResult<Value> {
    moment(interp, args, "std", true)
}

/// `np.var`.
pub fn var(interp: &mut Interp, args: Args) -> PyResult<Value> {
    moment(interp, args, "var", false)
}

fn arg_reduction(interp: &mut Interp, args: Args, name: &str, op: ReduceOp) -> PyResult<Value> {
    let b = args.bind(name, &["a", "axis", "out", "*", "keepdims"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axis(&b[1])?;
    let keepdims = argparse::flag(interp, &b[3], false)?;
    let axes = axis.map(|x| vec![x]);
    let r = reduce::reduce(op, &a, axes.as_deref(), keepdims, None)?;
    Ok(interp.wrap_array_result(r))
}

/// `np.argmin`.
pub fn argmin(interp: &mut Interp, args: Args) -> PyResult<Value> {
    arg_reduction(interp, args, "argmin", ReduceOp::Argmin)
}

/// `np.argmax`.
pub fn argmax(interp: &mut Interp, args: Args) -> PyResult<Value> {
    arg_reduction(interp, args, "argmax", ReduceOp::Argmax)
}

fn cumulative(interp: &mut Interp, args: Args, name: &str, op: CumOp) -> PyResult<Value> {
    let b = args.bind(name, &["a", "axis", "dtype", "out"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axis(&b[1])?;
    let dtype = argparse::dtype(&b[2])?;
    let r = reduce::cumulative(op, &a, axis, dtype)?;
    Ok(interp.wrap_array_result(r))
}

/// `np.cumsum`.
pub fn cumsum(interp: &mut Interp, args: Args) -> PyResult<Value> {
    cumulative(interp, args, "cumsum", CumOp::Sum)
}

/// `np.cumprod`.
pub fn cumprod(interp: &mut Interp, args: Args) -> PyResult<Value> {
    cumulative(interp, args, "cumprod", CumOp::Prod)
}

/// `np.count_nonzero`.
pub fn count_nonzero(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("count_nonzero", &["a", "axis", "*", "keepdims"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let keepdims = argparse::flag(interp, &b[2], false)?;
    let r = reduce::reduce(ReduceOp::CountNonzero, &a, axis.as_deref(), keepdims, None)?;
    Ok(interp.wrap_array_result(r))
}
