//! `mean`, `var` and `std` as NumPy's `_methods.py` computes them: a sum in the accumulation
//! dtype divided by the count (in float64, then cast back), and for the variance the sum of
//! squared deviations from that mean divided by `max(n - ddof, 0)`.
//!
//! When the input is dense in memory the deviations are computed on the fly inside the second
//! sum (NumPy materializes `x = arr - mean` first); the arithmetic and the summation order are
//! the same, so the bits are too. Other layouts take the literal NumPy route through ufuncs.

use super::plan::{finish, fold, Plan, Start};
use super::sum::{row_sum, sum};
use crate::array::buffer::C128;
use crate::array::dtype::{promote, DType, Kind};
use crate::array::element::{cast, Scalar};
use crate::array::ufunc::binary::internal;
use crate::array::ufunc::fpe::{self, FpFlags};
use crate::array::ufunc::math::cdiv;
use crate::array::ufunc::nditer::{best_axis_order, strides_for_order};
use crate::array::ufunc::{self, BinaryOp, Operand, UnaryOp};
use crate::array::NdArray;
use crate::errors::PyResult;

/// The accumulation dtype of `mean`/`var`: float64 for integers and booleans.
pub fn stat_dtype(a: DType, dtype: Option<DType>) -> DType {
    dtype.unwrap_or(match a.kind() {
        Kind::Bool | Kind::Int | Kind::UInt => DType::Float64,
        _ => a,
    })
}

/// Divide every element of `s` by `n` as NumPy's `true_divide(ret, rcount)` does with an
/// `intp` count: in float64 (complex128) and cast back to `s`'s dtype. Reports warnings as
/// `divide`, or `scalar divide` for a full reduction (NumPy divides a scalar there).
pub fn divide_by_count(s: &NdArray, n: f64, scalar: bool) -> PyResult<NdArray> {
    // NumPy's scalar math handles float64/complex128 by an intp count itself ("scalar
    // divide"); float32/complex64 scalars defer to the array ufunc ("divide").
    let scalar = scalar && matches!(s.dtype, DType::Float64 | DType::Complex128);
    let name = if scalar { "scalar divide" } else { "divide" };
    let (r, flags) = fpe::with_hw(|| divide_raw(s, n));
    fpe::report(flags, name);
    r
}

/// [`divide_by_count`] without reporting.
fn divide_raw(s: &NdArray, n: f64) -> PyResult<NdArray> {
    let data =
        crate::with_numeric!(s.dtype, T => divide_vec::<T>(s, n), str => return Err(internal()));
    let mut r = NdArray::from_data(data, s.shape.clone());
    r.strides = s.strides.clone();
    Ok(r)
}

fn divide_vec<T: Scalar>(s: &NdArray, n: f64) -> crate::array::buffer::Data {
    // Results keep the (dense) memory order of `s`.
    let v: Vec<T> = match T::slice(s.buf.data()) {
        Some(v) => v.to_vec(),
        None => Vec::new(),
    };
    let out: Vec<T> = if T::DTYPE.kind() == Kind::Complex {
        let d = C128::new(n, 0.0);
        v.iter()
            .map(|&x| T::from_c128(cdiv(x.to_c128(), d)))
            .collect()
    } else {
        v.iter().map(|&x| T::from_f64(x.to_f64() / n)).collect()
    };
    T::wrap(out)
}

/// `np.mean`.
pub fn mean(a: &NdArray, plan: &Plan, dtype: Option<DType>, scalar: bool) -> PyResult<NdArray> {
    if plan.count == 0 {
        fpe::warn("Mean of empty slice");
    }
    if a.dtype == DType::Float16 && dtype.is_none() {
        // NumPy's `_mean` sums float16 in float32 and converts the quotient back to float16
        // (a full reduction divides the float32 scalar in float64 first).
        let s = reported_sum(a, plan, DType::Float32)?;
        let s = if scalar { s.astype(DType::Float64)? } else { s };
        return divide_by_count(&s, plan.count as f64, false)?.astype(DType::Float16);
    }
    let dt = stat_dtype(a.dtype, dtype);
    let s = reported_sum(a, plan, dt)?;
    divide_by_count(&s, plan.count as f64, scalar)
}

/// `add.reduce` with its floating-point warnings (named "reduce", as NumPy's).
fn reported_sum(a: &NdArray, plan: &Plan, dt: DType) -> PyResult<NdArray> {
    let (r, flags) = fpe::with_hw(|| sum(a, plan, dt));
    fpe::report(
        if dt.is_inexact() {
            flags
        } else {
            flags.soft_only()
        },
        "reduce",
    );
    r
}

/// `np.var` (`std`: its square root).
pub fn var(
    a: &NdArray,
    reduced: &[bool],
    keepdims: bool,
    dtype: Option<DType>,
    ddof: f64,
    std: bool,
) -> PyResult<NdArray> {
    let plan = Plan::new(a, reduced, keepdims);
    let n = plan.count as f64;
    if ddof >= n {
        fpe::warn("Degrees of freedom <= 0 for slice");
    }
    let dt = stat_dtype(a.dtype, dtype);
    let mut ret = match fused(a, reduced, keepdims, &plan, dt, ddof)? {
        Some(r) => r,
        None => literal(a, reduced, keepdims, &plan, dt, dtype, ddof)?,
    };
    if std {
        ret = ufunc::unary(UnaryOp::Sqrt, &ret, None)?;
    }
    Ok(ret)
}

/// NumPy's route, step by step through ufuncs (any layout, any dtype).
fn literal(
    a: &NdArray,
    reduced: &[bool],
    keepdims: bool,
    plan: &Plan,
    dt: DType,
    dtype: Option<DType>,
    ddof: f64,
) -> PyResult<NdArray> {
    let scalar = plan.out_shape.is_empty();
    let kplan = Plan::new(a, reduced, true);
    let s = reported_sum(a, &kplan, dt)?;
    let mean = divide_by_count(&s, plan.count as f64, false)?;
    let x = ufunc::binary(
        BinaryOp::Subtract,
        Operand::Array(a),
        Operand::Array(&mean),
        None,
        None,
    )?;
    let sq = if x.dtype.kind() == Kind::Complex {
        let re = ufunc::unary(UnaryOp::Real, &x, None)?;
        let im = ufunc::unary(UnaryOp::Imag, &x, None)?;
        let re2 = ufunc::unary(UnaryOp::Square, &re, None)?;
        let im2 = ufunc::unary(UnaryOp::Square, &im, None)?;
        ufunc::binary(
            BinaryOp::Add,
            Operand::Array(&re2),
            Operand::Array(&im2),
            None,
            None,
        )?
    } else {
        ufunc::unary(UnaryOp::Square, &x, None)?
    };
    let sum_dt = match (a.dtype.kind(), dtype) {
        (Kind::Bool | Kind::Int | Kind::UInt, None) => DType::Float64,
        (_, Some(d)) => d,
        _ => sq.dtype,
    };
    let splan = Plan::new(&sq, reduced, keepdims);
    let ret = reported_sum(&sq, &splan, sum_dt)?;
    divide_by_count(&ret, (plan.count as f64 - ddof).max(0.0), scalar)
}

/// The fused route for dense real inputs whose deviations need no cast before summing.
fn fused(
    a: &NdArray,
    reduced: &[bool],
    keepdims: bool,
    plan: &Plan,
    dt: DType,
    ddof: f64,
) -> PyResult<Option<NdArray>> {
    if a.dtype.kind() == Kind::Complex || matches!(a.dtype, DType::Str(_)) {
        return Ok(None);
    }
    let xdt = promote(a.dtype, dt)?;
    if !matches!(xdt, DType::Float64 | DType::Float32) || xdt != dt {
        return Ok(None);
    }
    // `x = arr - mean` is allocated dense in the input's axis order; its reduction iterates
    // like the input's only if the input is dense too.
    let order = best_axis_order(&a.shape, &[&a.strides]);
    let mut xa = a.clone();
    xa.strides = strides_for_order(&a.shape, &order);
    let xplan = Plan::new(&xa, reduced, keepdims);
    let same = xplan.layout.dims == plan.layout.dims && xplan.layout.strides == plan.layout.strides;
    if !same {
        return Ok(None);
    }
    let scalar = plan.out_shape.is_empty();
    // Any floating-point condition on the way: give up and redo it NumPy's way, so that each
    // step warns under its own name.
    let quiet = |f: FpFlags| f.hw == 0 && f.soft == 0;
    let (s, f1) = fpe::with_hw(|| sum(a, plan, dt));
    let s = s?;
    let (mean, f2) = fpe::with_hw(|| divide_raw(&s, plan.count as f64));
    let mean = mean?;
    if !quiet(f1) || !quiet(f2) {
        return Ok(None);
    }
    let (ret, f3) = fpe::with_hw(|| {
        crate::with_numeric!(a.dtype, T => match dt {
            DType::Float64 => Some(deviations::<T, f64>(a, plan, &mean)),
            DType::Float32 => Some(deviations::<T, f32>(a, plan, &mean)),
            _ => None,
        }, str => None)
    });
    let Some(ret) = ret.filter(|_| quiet(f3)) else {
        return Ok(None);
    };
    let rc = (plan.count as f64 - ddof).max(0.0);
    divide_by_count(&ret, rc, scalar).map(Some)
}

/// Sum of `(x - mean[k])**2` over the plan, with `x` converted to `F` first (NumPy's
/// `subtract(arr, arrmean)` then `square`), summed as NumPy sums the materialized deviations.
fn deviations<T, F>(a: &NdArray, plan: &Plan, mean: &NdArray) -> NdArray
where
    T: Scalar,
    F: crate::array::ufunc::math::Real + Scalar + Default,
{
    let m: &[F] = F::slice(mean.buf.data()).unwrap_or(&[]);
    let get_m = |k: usize| m.get(k).copied().unwrap_or(F::NAN);
    let dev = |x: T, mk: F| {
        let d = cast::<T, F>(x) - mk;
        d * d
    };
    let out = fold::<T, F>(
        a,
        plan,
        Start::Identity(F::ZERO),
        false,
        |x| cast::<T, F>(x),
        |acc, r, k| {
            let mk = get_m(k);
            row_sum(acc, r, &|x: T| dev(x, mk))
        },
        |acc, x, k| acc + dev(x, get_m(k)),
    );
    finish(plan, out)
}
