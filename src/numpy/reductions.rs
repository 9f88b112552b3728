//! Reductions as NumPy exposes them: `np.sum(a, axis=None, dtype=None, out=None,
//! keepdims=False)` and friends, shared with the ndarray methods of the same names.

use crate::array::dtype::{DType, Kind};
use crate::array::index::IndexItem;
use crate::array::reduce::{self, CumOp, ReduceOp};
use crate::array::ufunc::{binary, unary, BinaryOp, Operand, UnaryOp};
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
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

/// Shared body of the `(a, axis[, dtype], out, keepdims, *, initial, where)` reductions, with
/// each function's own NumPy signature (`mean`/`any`/`all` have no `initial`, `ptp` neither
/// `initial` nor `where`).
fn reduction(
    interp: &mut Interp,
    args: Args,
    name: &str,
    op: ReduceOp,
    has_dtype: bool,
) -> PyResult<Value> {
    let has_initial = matches!(
        op,
        ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Min | ReduceOp::Max
    );
    let has_where = op != ReduceOp::Ptp;
    let mut params: Vec<&str> = vec!["a", "axis"];
    if has_dtype {
        params.push("dtype");
    }
    params.extend(["out", "keepdims", "*"]);
    if has_initial {
        params.push("initial");
    }
    if has_where {
        params.push("where");
    }
    let b = args.bind(name, &params, 1)?;
    let slot = |n: &str| {
        params
            .iter()
            .filter(|p| **p != "*")
            .position(|p| *p == n)
            .and_then(|k| b.get(k).cloned().flatten())
    };
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let dtype = if has_dtype {
        argparse::dtype(&slot("dtype"))?
    } else {
        None
    };
    let keepdims = argparse::flag(interp, &slot("keepdims"), false)?;
    let initial = slot("initial").filter(|v| !v.is_none());
    let mask = match slot("where") {
        None | Some(Value::Bool(true)) => None,
        Some(w) => {
            let m = argparse::array(interp, &w)?.astype(DType::Bool)?;
            Some(m.broadcast_to(&a.shape).map_err(|_| {
                value_error(format!(
                    "operands could not be broadcast together with remapped shapes [original->remapped]: {} {} ",
                    crate::array::shape_repr(&a.shape).replace(' ', ""),
                    crate::array::shape_repr(&m.shape).replace(' ', "")
                ))
            })?)
        }
    };
    let r = match &mask {
        None => reduce_with_initial(
            interp,
            op,
            &a,
            axis.as_deref(),
            keepdims,
            dtype,
            initial.as_ref(),
        )?,
        Some(m) => masked_reduction(
            interp,
            op,
            &a,
            m,
            axis.as_deref(),
            keepdims,
            dtype,
            initial.as_ref(),
        )?,
    };
    interp.flush_warnings();
    match slot("out").filter(|v| !v.is_none()) {
        None => Ok(interp.wrap_array_result(r)),
        Some(out) => deliver_out(out, &r),
    }
}

/// `op` over `a`, folding in `initial` (`np.sum(a, initial=10)`, `np.max([], initial=3)`).
fn reduce_with_initial(
    interp: &mut Interp,
    op: ReduceOp,
    a: &NdArray,
    axis: Option<&[i64]>,
    keepdims: bool,
    dtype: Option<DType>,
    initial: Option<&Value>,
) -> PyResult<NdArray> {
    let Some(init) = initial else {
        return reduce::reduce(op, a, axis, keepdims, dtype);
    };
    let combine = match op {
        ReduceOp::Sum => BinaryOp::Add,
        ReduceOp::Prod => BinaryOp::Multiply,
        ReduceOp::Min => BinaryOp::Minimum,
        _ => BinaryOp::Maximum,
    };
    let init_arr = interp.to_array(init)?;
    let init_op = match crate::interp::ops::weak_scalar(init)? {
        Some(w) => Operand::Weak(w),
        None => Operand::Array(&init_arr),
    };
    // An empty reduction of min/max has no value of its own: the result is `initial`.
    let r = match reduce::reduce(op, a, axis, keepdims, dtype) {
        Ok(r) => r,
        Err(e) if matches!(op, ReduceOp::Min | ReduceOp::Max) && a.size() == 0 => {
            let shape = reduce::reduce(ReduceOp::Sum, a, axis, keepdims, None)
                .map_err(|_| e)?
                .shape;
            let filled = NdArray::zeros(a.dtype, &shape)?;
            let init_cast = init_arr.astype(a.dtype)?;
            filled.assign(&init_cast)?;
            return Ok(filled);
        }
        Err(e) => return Err(e),
    };
    binary(combine, Operand::Array(&r), init_op, None, None)
}

/// `op` over the elements where `mask` is true (`np.sum(a, where=m)`): the others are replaced
/// by the operation's identity (`initial` for min/max, which have none), as NumPy's masked
/// reductions behave; `mean` divides by the count of selected elements.
#[allow(clippy::too_many_arguments)]
fn masked_reduction(
    interp: &mut Interp,
    op: ReduceOp,
    a: &NdArray,
    mask: &NdArray,
    axis: Option<&[i64]>,
    keepdims: bool,
    dtype: Option<DType>,
    initial: Option<&Value>,
) -> PyResult<NdArray> {
    let fill = match op {
        ReduceOp::Sum | ReduceOp::Mean => Value::Int(0),
        ReduceOp::Prod => Value::Int(1),
        ReduceOp::Any => Value::Bool(false),
        ReduceOp::All => Value::Bool(true),
        _ => match initial {
            Some(v) => v.clone(),
            None => {
                let ufunc = if op == ReduceOp::Min {
                    "minimum"
                } else {
                    "maximum"
                };
                return Err(value_error(format!(
                    "reduction operation '{ufunc}' does not have an identity, so to use a where mask one has to specify 'initial'"
                )));
            }
        },
    };
    let fill_arr = interp.to_array(&fill)?.astype(a.dtype)?;
    let filled = a.copy()?;
    let unselected = unary(UnaryOp::LogicalNot, mask, None)?;
    filled.set_index(&[IndexItem::Array(unselected)], &fill_arr)?;
    if op != ReduceOp::Mean {
        return reduce_with_initial(interp, op, &filled, axis, keepdims, dtype, initial);
    }
    let sum_dtype = dtype.or(match a.dtype.kind() {
        Kind::Bool | Kind::Int | Kind::UInt => Some(DType::Float64),
        _ => None,
    });
    let total = reduce::reduce(ReduceOp::Sum, &filled, axis, keepdims, sum_dtype)?;
    let count = reduce::reduce(
        ReduceOp::Sum,
        &mask.astype(DType::Int64)?,
        axis,
        keepdims,
        None,
    )?;
    let mean = binary(
        BinaryOp::TrueDivide,
        Operand::Array(&total),
        Operand::Array(&count),
        None,
        None,
    )?;
    if mean.dtype != total.dtype {
        return mean.astype(total.dtype);
    }
    Ok(mean)
}

/// Write a reduction's result into `out=` and return that array (`np.sum(a, 0, out=o) is o`).
fn deliver_out(out: Value, r: &NdArray) -> PyResult<Value> {
    let Value::Array(o) = &out else {
        return Err(type_error("output must be an array"));
    };
    if o.shape != r.shape {
        return Err(value_error(format!(
            "output parameter for reduction operation has the wrong shape: expected {}, got {}",
            crate::array::shape_repr(&r.shape),
            crate::array::shape_repr(&o.shape)
        )));
    }
    o.assign(r)?;
    Ok(out.clone())
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
    // Not implemented yet: refuse rather than ignore them.
    if !matches!(&b[6], None | Some(Value::Bool(true))) {
        return Err(type_error(format!(
            "numpyx does not support {name}(where=...) yet"
        )));
    }
    if !matches!(&b[7], None | Some(Value::None)) {
        return Err(type_error(format!(
            "numpyx does not support {name}(mean=...) yet"
        )));
    }
    let r = reduce::reduce(op, &a, axis.as_deref(), keepdims, dtype)?;
    interp.flush_warnings();
    match b[3].clone().filter(|v| !v.is_none()) {
        None => Ok(interp.wrap_array_result(r)),
        Some(out) => deliver_out(out, &r),
    }
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
