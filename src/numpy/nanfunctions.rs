//! The NaN-ignoring functions (`numpy/lib/_nanfunctions_impl.py`): `nansum`, `nanprod`,
//! `nanmin`, `nanmax`, `nanargmin`, `nanargmax`, `nanmean`, `nanvar`, `nanstd`, `nanmedian`,
//! `nanpercentile`, `nanquantile`, `nancumsum`, `nancumprod`.
//!
//! They follow NumPy's recipes: NaNs are replaced by the operation's identity (`_replace_nan`)
//! and the plain reduction runs; the mean and variance divide by the count of non-NaN values
//! with floating-point warnings silenced, then warn `Mean of empty slice` /
//! `Degrees of freedom <= 0 for slice.` once; all-NaN slices of min/max/median/quantile give
//! NaN with `All-NaN slice encountered`, and `nanargmin`/`nanargmax` raise it as ValueError.
//! Integer and boolean inputs hold no NaN and take the plain reductions unchanged.

use num_traits::Float;

use crate::array::dtype::{DType, Kind};
use crate::array::reduce::{self, CumOp, ReduceOp};
use crate::array::ufunc::{self, BinaryOp};
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::quantile::{method_of, quantile_core, quantile_reduce, quantiles, Quantiles};
use crate::numpy::stat_util::{bin, isnan_vec, select, ureduce};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The nan-functions' entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("nansum", nansum, "nansum(a, axis=None, dtype=None, out=None, keepdims=False): sum treating NaN as zero"),
    ("nanprod", nanprod, "nanprod(a, axis=None, dtype=None, out=None, keepdims=False): product treating NaN as one"),
    ("nanmin", nanmin, "nanmin(a, axis=None, out=None, keepdims=False): minimum ignoring NaN"),
    ("nanmax", nanmax, "nanmax(a, axis=None, out=None, keepdims=False): maximum ignoring NaN"),
    ("nanargmin", nanargmin, "nanargmin(a, axis=None, out=None, *, keepdims=False): index of the minimum ignoring NaN"),
    ("nanargmax", nanargmax, "nanargmax(a, axis=None, out=None, *, keepdims=False): index of the maximum ignoring NaN"),
    ("nanmean", nanmean, "nanmean(a, axis=None, dtype=None, out=None, keepdims=False): mean ignoring NaN"),
    ("nanvar", nanvar, "nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, correction): variance ignoring NaN"),
    ("nanstd", nanstd, "nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, correction): standard deviation ignoring NaN"),
    ("nanmedian", nanmedian, "nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False): median ignoring NaN"),
    ("nanpercentile", nanpercentile, "nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False): percentiles ignoring NaN"),
    ("nanquantile", nanquantile, "nanquantile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False): quantiles ignoring NaN"),
    ("nancumsum", nancumsum, "nancumsum(a, axis=None, dtype=None, out=None): cumulative sum treating NaN as zero"),
    ("nancumprod", nancumprod, "nancumprod(a, axis=None, dtype=None, out=None): cumulative product treating NaN as one"),
];

const ALL_NAN: &str = "All-NaN slice encountered";

fn inexact(d: DType) -> bool {
    matches!(d.kind(), Kind::Float | Kind::Complex)
}

/// `_replace_nan(a, val)`: a copy with NaNs replaced, and the NaN mask (None for arrays that
/// cannot hold NaN).
fn replace_nan(a: &NdArray, val: f64) -> PyResult<(NdArray, Option<Vec<bool>>)> {
    if !inexact(a.dtype) {
        return Ok((a.clone(), None));
    }
    let mask = isnan_vec(a)?;
    if !mask.iter().any(|&m| m) {
        return Ok((a.clone(), Some(mask)));
    }
    let fill = NdArray::scalar(val)
        .astype(a.dtype)?
        .broadcast_to(&a.shape)?
        .copy()?;
    let r = select(&mask, &fill, &a.copy()?)?;
    Ok((r, Some(mask)))
}

/// Run `f` and drop the floating-point warnings it raised (NumPy's `errstate(ignore)` around
/// `_divide_by_count`), keeping those queued before.
fn silently<T>(f: impl FnOnce() -> T) -> T {
    let before = ufunc::take_warnings();
    let r = f();
    let _ = ufunc::take_warnings();
    for w in before {
        ufunc::fpe::warn(w);
    }
    r
}

/// `_divide_by_count(a, b)`: `a / b` cast back to `a`'s dtype, without warnings.
fn divide_by_count(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    silently(|| bin(BinaryOp::TrueDivide, a, b)?.astype(a.dtype))
}

/// A keyword numpyx does not implement for this function: TypeError naming it.
fn unsupported(fname: &str, kw: &str, v: &Option<Value>) -> PyResult<()> {
    match v {
        None | Some(Value::None) => Ok(()),
        Some(_) => Err(type_error(format!(
            "{fname}(): numpyx does not support the '{kw}' argument"
        ))),
    }
}

/// The result, written into `out=` when given (NumPy returns `out` itself then).
pub fn finish(interp: &mut Interp, r: NdArray, out: &Option<Value>) -> PyResult<Value> {
    interp.flush_warnings();
    match out {
        None | Some(Value::None) => Ok(interp.wrap_array_result(r)),
        Some(Value::Array(o)) => {
            if o.shape != r.shape {
                return Err(value_error(format!(
                    "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                    crate::array::shape_repr(&o.shape),
                    crate::array::shape_repr(&r.shape)
                )));
            }
            o.assign(&r)?;
            Ok(Value::Array(o.clone()))
        }
        Some(_) => Err(type_error("return arrays must be of ArrayType")),
    }
}

/// `where=` as a mask of `a`'s shape (None when absent or True).
pub fn where_mask(
    interp: &mut Interp,
    v: &Option<Value>,
    a: &NdArray,
) -> PyResult<Option<Vec<bool>>> {
    let Some(w) = argparse::opt_array(interp, v)? else {
        return Ok(None);
    };
    let w = w.astype(DType::Bool)?.broadcast_to(&a.shape).map_err(|_| {
        value_error(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {} {} ",
            crate::array::shape_repr(&a.shape).replace(' ', ""),
            crate::array::shape_repr(&w.shape).replace(' ', "")
        ))
    })?;
    Ok(Some(w.to_vec::<bool>()))
}

/// `_replace_nan` with the elements outside `where=` treated as NaN too; integer inputs
/// become float64 then (their mean and variance are float64 anyway).
fn replace_nan_where(
    a: &NdArray,
    val: f64,
    w: Option<Vec<bool>>,
) -> PyResult<(NdArray, Option<Vec<bool>>)> {
    let Some(w) = w else {
        return replace_nan(a, val);
    };
    let a = if inexact(a.dtype) {
        a.clone()
    } else {
        a.astype(DType::Float64)?
    };
    let nan = isnan_vec(&a)?;
    let mask: Vec<bool> = nan.iter().zip(&w).map(|(&n, &k)| n || !k).collect();
    let fill = NdArray::scalar(val)
        .astype(a.dtype)?
        .broadcast_to(&a.shape)?
        .copy()?;
    let r = select(&mask, &fill, &a.copy()?)?;
    Ok((r, Some(mask)))
}

fn bool_array(v: Vec<bool>, shape: &[usize]) -> NdArray {
    NdArray::from_vec(v, shape.to_vec())
}

/// `np.nansum` / `np.nanprod`.
fn nan_sum_prod(interp: &mut Interp, args: Args, name: &str, prod: bool) -> PyResult<Value> {
    let b = args.bind(
        name,
        &["a", "axis", "dtype", "out", "keepdims", "initial", "where"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let dtype = argparse::dtype(&b[2])?;
    let keepdims = argparse::flag(interp, &b[4], false)?;
    let identity = if prod { 1.0 } else { 0.0 };
    let arr = match where_mask(interp, &b[6], &a)? {
        None => replace_nan(&a, identity)?.0,
        Some(w) => {
            let (arr, mask) = replace_nan(&a, identity)?;
            let outside: Vec<bool> = w.iter().map(|&k| !k).collect();
            let _ = mask;
            let fill = NdArray::scalar(identity)
                .astype(arr.dtype)?
                .broadcast_to(&arr.shape)?
                .copy()?;
            select(&outside, &fill, &arr.copy()?)?
        }
    };
    let op = if prod { ReduceOp::Prod } else { ReduceOp::Sum };
    let mut r = reduce::reduce(op, &arr, axis.as_deref(), keepdims, dtype)?;
    if let Some(init) = &b[5] {
        if !matches!(init, Value::None) {
            let i = argparse::array(interp, init)?;
            let bop = if prod {
                BinaryOp::Multiply
            } else {
                BinaryOp::Add
            };
            r = bin(bop, &r, &i.astype(r.dtype)?)?;
        }
    }
    finish(interp, r, &b[3])
}

/// `np.nansum`.
pub fn nansum(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_sum_prod(interp, args, "nansum", false)
}

/// `np.nanprod`.
pub fn nanprod(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_sum_prod(interp, args, "nanprod", true)
}

/// `np.nancumsum` / `np.nancumprod`.
fn nan_cum(interp: &mut Interp, args: Args, name: &str, prod: bool) -> PyResult<Value> {
    let b = args.bind(name, &["a", "axis", "dtype", "out"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axis(&b[1])?;
    let dtype = argparse::dtype(&b[2])?;
    let (arr, _) = replace_nan(&a, if prod { 1.0 } else { 0.0 })?;
    let op = if prod { CumOp::Prod } else { CumOp::Sum };
    let r = reduce::cumulative(op, &arr, axis, dtype)?;
    finish(interp, r, &b[3])
}

/// `np.nancumsum`.
pub fn nancumsum(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_cum(interp, args, "nancumsum", false)
}

/// `np.nancumprod`.
pub fn nancumprod(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_cum(interp, args, "nancumprod", true)
}

/// `np.nanmin` / `np.nanmax`: `fmin.reduce` / `fmax.reduce`, warning on all-NaN slices.
fn nan_extreme(interp: &mut Interp, args: Args, name: &str, max: bool) -> PyResult<Value> {
    let b = args.bind(
        name,
        &["a", "axis", "out", "keepdims", "initial", "where"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let keepdims = argparse::flag(interp, &b[3], false)?;
    let op = if max { BinaryOp::Fmax } else { BinaryOp::Fmin };
    let initial = match &b[4] {
        None | Some(Value::None) => None,
        Some(v) => Some(argparse::array(interp, v)?.astype(a.dtype)?),
    };
    let w = where_mask(interp, &b[5], &a)?;
    let r = match initial {
        None => {
            if w.is_some() {
                return Err(value_error(format!(
                    "reduction operation '{}' does not have an identity, so to use a where mask one has to specify 'initial'",
                    op.ufunc_name()
                )));
            }
            reduce::ufunc_reduce(op, &a, axis.as_deref(), keepdims)?
        }
        Some(init) => {
            let init_full = init.broadcast_to(&a.shape)?.copy()?;
            let arr = match w {
                Some(w) => {
                    let outside: Vec<bool> = w.iter().map(|&k| !k).collect();
                    select(&outside, &init_full, &a.copy()?)?
                }
                None => a.clone(),
            };
            let shaped = reduce::reduce(
                ReduceOp::Sum,
                &NdArray::zeros(DType::Bool, &a.shape)?,
                axis.as_deref(),
                keepdims,
                None,
            )?;
            let base = init.broadcast_to(&shaped.shape)?.copy()?;
            if arr.size() == 0 {
                base
            } else {
                let r = reduce::ufunc_reduce(op, &arr, axis.as_deref(), keepdims)?;
                bin(op, &r, &base)?
            }
        }
    };
    if isnan_vec(&r)?.iter().any(|&n| n) {
        ufunc::fpe::warn(ALL_NAN);
    }
    finish(interp, r, &b[2])
}

/// `np.nanmin`.
pub fn nanmin(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_extreme(interp, args, "nanmin", false)
}

/// `np.nanmax`.
pub fn nanmax(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_extreme(interp, args, "nanmax", true)
}

/// `np.nanargmin` / `np.nanargmax`.
fn nan_arg(interp: &mut Interp, args: Args, name: &str, max: bool) -> PyResult<Value> {
    let b = args.bind(name, &["a", "axis", "out", "*", "keepdims"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axis(&b[1])?;
    let keepdims = argparse::flag(interp, &b[3], false)?;
    let fill = if max {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    let (arr, mask) = replace_nan(&a, fill)?;
    if let Some(mask) = mask {
        if !mask.is_empty() && mask.iter().any(|&m| m) {
            let m = bool_array(mask, &a.shape);
            let ax = axis.map(|k| vec![k]);
            let all = reduce::reduce(ReduceOp::All, &m, ax.as_deref(), false, None)?;
            if all.to_vec::<bool>().iter().any(|&x| x) {
                return Err(value_error(ALL_NAN));
            }
        }
    }
    let op = if max {
        ReduceOp::Argmax
    } else {
        ReduceOp::Argmin
    };
    let ax = axis.map(|k| vec![k]);
    let r = reduce::reduce(op, &arr, ax.as_deref(), keepdims, None)?;
    finish(interp, r, &b[2])
}

/// `np.nanargmin`.
pub fn nanargmin(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_arg(interp, args, "nanargmin", false)
}

/// `np.nanargmax`.
pub fn nanargmax(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_arg(interp, args, "nanargmax", true)
}

/// The inexact-dtype check of nanmean/nanvar.
fn check_inexact_dtype(dtype: Option<DType>, out: &Option<Value>) -> PyResult<()> {
    if let Some(d) = dtype {
        if !inexact(d) {
            return Err(type_error("If a is inexact, then dtype must be inexact"));
        }
    }
    if let Some(Value::Array(o)) = out {
        if !inexact(o.dtype) {
            return Err(type_error("If a is inexact, then out must be inexact"));
        }
    }
    Ok(())
}

/// The count of non-NaN elements along `axis` (intp).
fn count(
    mask: &[bool],
    shape: &[usize],
    axis: Option<&[i64]>,
    keepdims: bool,
) -> PyResult<NdArray> {
    let notnan = bool_array(mask.iter().map(|&m| !m).collect(), shape);
    reduce::reduce(ReduceOp::Sum, &notnan, axis, keepdims, Some(DType::Int64))
}

/// `nanmean` on an array (None: an empty slice was met, warning queued).
fn nanmean_core(
    a: &NdArray,
    axis: Option<&[i64]>,
    dtype: Option<DType>,
    keepdims: bool,
    out: &Option<Value>,
    w: Option<Vec<bool>>,
) -> PyResult<NdArray> {
    let (arr, mask) = replace_nan_where(a, 0.0, w)?;
    let Some(mask) = mask else {
        return reduce::reduce(ReduceOp::Mean, &arr, axis, keepdims, dtype);
    };
    check_inexact_dtype(dtype, out)?;
    let cnt = count(&mask, &a.shape, axis, keepdims)?;
    let tot = reduce::reduce(ReduceOp::Sum, &arr, axis, keepdims, dtype)?;
    let avg = divide_by_count(&tot, &cnt)?;
    if cnt.to_vec::<i64>().contains(&0) {
        ufunc::fpe::warn("Mean of empty slice");
    }
    Ok(avg)
}

/// `np.nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *, where)`.
pub fn nanmean(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "nanmean",
        &["a", "axis", "dtype", "out", "keepdims", "*", "where"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let dtype = argparse::dtype(&b[2])?;
    let keepdims = argparse::flag(interp, &b[4], false)?;
    let w = where_mask(interp, &b[5], &a)?;
    let r = nanmean_core(&a, axis.as_deref(), dtype, keepdims, &b[3], w)?;
    finish(interp, r, &b[3])
}

/// `nanvar` (and `nanstd` when `std`).
fn nan_moment(interp: &mut Interp, args: Args, name: &str, std: bool) -> PyResult<Value> {
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
    unsupported(name, "mean", &b[7])?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let dtype = argparse::dtype(&b[2])?;
    let mut ddof = match &b[4] {
        Some(v) => interp.to_float(v)?,
        None => 0.0,
    };
    if let Some(c) = &b[8] {
        if ddof != 0.0 {
            return Err(value_error(
                "ddof and correction can't be provided simultaneously.",
            ));
        }
        ddof = interp.to_float(c)?;
    }
    let keepdims = argparse::flag(interp, &b[5], false)?;
    let w = where_mask(interp, &b[6], &a)?;
    let (arr, mask) = replace_nan_where(&a, 0.0, w)?;
    let Some(mask) = mask else {
        let op = if std {
            ReduceOp::Std { ddof }
        } else {
            ReduceOp::Var { ddof }
        };
        let r = reduce::reduce(op, &arr, axis.as_deref(), keepdims, dtype)?;
        return finish(interp, r, &b[3]);
    };
    check_inexact_dtype(dtype, &b[3])?;
    let ax = axis.as_deref();
    let cnt = count(&mask, &a.shape, ax, true)?;
    let avg = reduce::reduce(ReduceOp::Sum, &arr, ax, true, dtype)?;
    let avg = divide_by_count(&avg, &cnt)?;
    // Squared deviations in the input's dtype, zero where NaN was.
    let dev = silently(|| bin(BinaryOp::Subtract, &arr, &avg)?.astype(arr.dtype))?;
    let zero = NdArray::scalar(0.0f64)
        .astype(dev.dtype)?
        .broadcast_to(&dev.shape)?
        .copy()?;
    let dev = select(&mask, &zero, &dev)?;
    let sqr = if dev.dtype.kind() == Kind::Complex {
        let conj = ufunc::unary(ufunc::UnaryOp::Conjugate, &dev, None)?;
        let p = bin(BinaryOp::Multiply, &dev, &conj)?;
        ufunc::unary(ufunc::UnaryOp::Real, &p, None)?
    } else {
        silently(|| bin(BinaryOp::Multiply, &dev, &dev))?
    };
    let var = reduce::reduce(ReduceOp::Sum, &sqr, ax, keepdims, dtype)?;
    let cnt = count(&mask, &a.shape, ax, keepdims)?;
    let dof: Vec<f64> = cnt
        .to_vec::<i64>()
        .iter()
        .map(|&c| c as f64 - ddof)
        .collect();
    let dof_arr = NdArray::from_vec(dof.clone(), cnt.shape.clone());
    let var = divide_by_count(&var, &dof_arr)?;
    let bad: Vec<bool> = dof.iter().map(|&d| d <= 0.0).collect();
    let var = if bad.iter().any(|&x| x) {
        ufunc::fpe::warn("Degrees of freedom <= 0 for slice.");
        let nan = NdArray::scalar(f64::NAN)
            .astype(var.dtype)?
            .broadcast_to(&var.shape)?
            .copy()?;
        select(&bad, &nan, &var)?
    } else {
        var
    };
    let r = if std {
        silently(|| ufunc::unary(ufunc::UnaryOp::Sqrt, &var, None))?
    } else {
        var
    };
    finish(interp, r, &b[3])
}

/// `np.nanvar`.
pub fn nanvar(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_moment(interp, args, "nanvar", false)
}

/// `np.nanstd`.
pub fn nanstd(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nan_moment(interp, args, "nanstd", true)
}

/// The array with `axis` moved last, C-contiguous; `None` flattens. Returns it with the
/// shape of the other axes and the lane length.
fn lanes_last(a: &NdArray, axis: Option<usize>) -> PyResult<(NdArray, Vec<usize>, usize)> {
    match axis {
        None => {
            let n = a.size();
            Ok((a.copy()?.reshape(&[-1])?, vec![], n))
        }
        Some(ax) => {
            let mut perm: Vec<i64> = (0..a.ndim())
                .filter(|&k| k != ax)
                .map(|k| k as i64)
                .collect();
            perm.push(ax as i64);
            let t = a.transpose(Some(&perm))?.copy()?;
            let outer: Vec<usize> = t.shape[..t.ndim() - 1].to_vec();
            Ok((t, outer, a.shape[ax]))
        }
    }
}

/// The median of the non-NaN values of each lane (NaN and a warning for all-NaN lanes).
fn lane_medians<F: Float>(v: &[F], n: usize) -> Vec<F> {
    let two = F::one() + F::one();
    let mut warned = false;
    let mut out = Vec::with_capacity(v.len() / n.max(1));
    for lane in v.chunks(n.max(1)) {
        let mut xs: Vec<F> = lane.iter().copied().filter(|x| !x.is_nan()).collect();
        let k = xs.len();
        if k == 0 {
            if !warned {
                ufunc::fpe::warn(ALL_NAN);
                warned = true;
            }
            out.push(F::nan());
            continue;
        }
        xs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        out.push(if k % 2 == 1 {
            xs[k / 2]
        } else {
            (xs[k / 2 - 1] + xs[k / 2]) / two
        });
    }
    out
}

/// `np.nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False)`.
pub fn nanmedian(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "nanmedian",
        &["a", "axis", "out", "overwrite_input", "keepdims"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let keepdims = argparse::flag(interp, &b[4], false)?;
    if a.size() == 0 {
        let r = nanmean_core(&a, axis.as_deref(), None, keepdims, &None, None)?;
        return finish(interp, r, &b[2]);
    }
    if !isnan_vec(&a)?.iter().any(|&m| m) || a.dtype.kind() == Kind::Complex {
        let u = ureduce(&a, axis.as_deref())?;
        let r = crate::numpy::statistics::median_core(&u.arr, u.axis)?;
        let r = u.keepdims(r, keepdims)?;
        return finish(interp, r, &b[2]);
    }
    let u = ureduce(&a, axis.as_deref())?;
    let (t, outer, n) = lanes_last(&u.arr, u.axis)?;
    let r = match a.dtype {
        DType::Float32 => NdArray::from_vec(lane_medians(&t.to_vec::<f32>(), n), outer),
        _ => NdArray::from_vec(lane_medians(&t.to_vec_f64()?, n), outer),
    };
    let r = u.keepdims(r, keepdims)?;
    finish(interp, r, &b[2])
}

/// `_nanquantile_unchecked` after `_ureduce`: each lane without its NaNs through the plain
/// quantile; q's dimensions lead the result.
fn nanquantile_reduce(
    a: &NdArray,
    qs: &Quantiles,
    axis: Option<&[i64]>,
    method: &str,
    keepdims: bool,
) -> PyResult<NdArray> {
    if a.size() == 0 {
        return nanmean_core(a, axis, None, keepdims, &None, None);
    }
    if !inexact(a.dtype) || !isnan_vec(a)?.iter().any(|&m| m) {
        return quantile_reduce(a, qs, axis, method, keepdims);
    }
    if qs.shape.len() > 2 {
        return Err(value_error("q must be a scalar or 1d"));
    }
    let u = ureduce(a, axis)?;
    let (t, outer, n) = lanes_last(&u.arr, u.axis)?;
    let nq: usize = qs.shape.iter().product();
    let nlanes: usize = outer.iter().product();
    let mut results: Vec<NdArray> = Vec::with_capacity(nlanes);
    let mut warned = false;
    for i in 0..nlanes {
        let lane = crate::numpy::stat_util::slice_axis(
            &t.reshape(&[nlanes as i64, n as i64])?,
            0,
            i as i64,
            i as i64 + 1,
        )?;
        let nan = isnan_vec(&lane)?;
        let keep: Vec<usize> = (0..n).filter(|&k| !nan[k]).collect();
        let lane1 = lane.reshape(&[-1])?;
        if keep.is_empty() {
            if !warned {
                ufunc::fpe::warn(ALL_NAN);
                warned = true;
            }
            let full = NdArray::scalar(f64::NAN)
                .astype(a.dtype)?
                .broadcast_to(&qs.shape)?
                .copy()?;
            results.push(full);
            continue;
        }
        let vals = crate::array::sort::setops::gather1d(&lane1, &keep);
        results.push(quantile_core(&vals, 0, qs, method)?);
    }
    // apply_along_axis: the first lane's result dtype holds all of them.
    let rdt = results.first().map(|r| r.dtype).unwrap_or(DType::Float64);
    let mut flat: Vec<f64> = Vec::with_capacity(nlanes * nq);
    for r in &results {
        flat.extend(r.astype(DType::Float64)?.to_vec::<f64>());
    }
    // Shape outer + q.shape, then q's axes to the front.
    let mut shape = outer.clone();
    shape.extend(&qs.shape);
    let r = NdArray::from_vec(flat, shape).astype(rdt)?;
    let no = outer.len();
    let mut perm: Vec<i64> = (no..no + qs.shape.len()).map(|k| k as i64).collect();
    perm.extend((0..no).map(|k| k as i64));
    let r = r.transpose(Some(&perm))?.copy()?;
    u.keepdims(r, keepdims)
}

/// Shared body of nanpercentile/nanquantile.
fn nanquantile_fn(interp: &mut Interp, args: Args, name: &str, percent: bool) -> PyResult<Value> {
    let b = args.bind(
        name,
        &[
            "a",
            "q",
            "axis",
            "out",
            "overwrite_input",
            "method",
            "keepdims",
            "*",
            "weights",
        ],
        2,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    if a.dtype.kind() == Kind::Complex {
        return Err(type_error("a must be an array of real numbers"));
    }
    let qs = quantiles(interp, &req(&b[1]), percent)?;
    let method = method_of(&b[5])?;
    let axis = argparse::axes(&b[2])?;
    let keepdims = argparse::flag(interp, &b[6], false)?;
    if !matches!(b[7], None | Some(Value::None)) {
        if method != "inverted_cdf" {
            return Err(value_error(format!(
                "Only method 'inverted_cdf' supports weights. Got: {method}."
            )));
        }
        unsupported(name, "weights", &b[7])?;
    }
    let r = nanquantile_reduce(&a, &qs, axis.as_deref(), method, keepdims)?;
    finish(interp, r, &b[3])
}

/// `np.nanpercentile`.
pub fn nanpercentile(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nanquantile_fn(interp, args, "nanpercentile", true)
}

/// `np.nanquantile`.
pub fn nanquantile(interp: &mut Interp, args: Args) -> PyResult<Value> {
    nanquantile_fn(interp, args, "nanquantile", false)
}
