//! Reductions (`sum`, `mean`, `std`, `max`, `argmax`, ...) and running reductions (`cumsum`)
//! with NumPy 2.4's results, bit for bit for float sums.
//!
//! Every reduction is planned by [`plan::Plan`] (NumPy's reduction iteration order) and run by
//! a typed fold ([`plan::fold`]): [`sum`] (pairwise float sums, products), [`minmax`],
//! [`stats`] (mean/var/std), [`logical`] (any/all/count_nonzero/bitwise), [`cumulative`].

pub mod cumulative;
pub mod logical;
pub mod minmax;
pub mod plan;
pub mod stats;
pub mod sum;

#[cfg(test)]
mod tests;

use crate::array::dtype::DType;
use crate::array::layout::normalize_axis;
use crate::array::ufunc::{self, resolve, BinaryOp, Operand};
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use minmax::Extreme;
use plan::Plan;

/// The reductions of `np.<name>(a, axis=..., keepdims=..., dtype=...)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReduceOp {
    Sum,
    Prod,
    Min,
    Max,
    Any,
    All,
    Mean,
    Var { ddof: f64 },
    Std { ddof: f64 },
    Argmin,
    Argmax,
    Ptp,
    CountNonzero,
}

/// The running reductions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CumOp {
    Sum,
    Prod,
}

/// Flags of the reduced axes: all for `None`, else the given ones (normalized; AxisError when
/// out of range, ValueError for duplicates).
pub fn axis_flags(axis: Option<&[i64]>, ndim: usize) -> PyResult<Vec<bool>> {
    match axis {
        None => Ok(vec![true; ndim]),
        Some(ax) => {
            let mut flags = vec![false; ndim];
            for &a in ax {
                let k = normalize_axis(a, ndim)?;
                if flags[k] {
                    return Err(value_error("duplicate value in 'axis'"));
                }
                flags[k] = true;
            }
            Ok(flags)
        }
    }
}

/// `np.<op>(a, axis, keepdims=keepdims, dtype=dtype)`. A full reduction returns a 0-d array.
pub fn reduce(op: ReduceOp, a: &NdArray, axis: Option<&[i64]>, keepdims: bool, dtype: Option<DType>) -> PyResult<NdArray> {
    if let ReduceOp::Argmin | ReduceOp::Argmax = op {
        let ax = match axis {
            None => None,
            Some([]) => None,
            Some([k]) => Some(normalize_axis(*k, a.ndim())?),
            Some(_) => return Err(type_error("'tuple' object cannot be interpreted as an integer")),
        };
        return minmax::arg_extreme(a, ax, keepdims, op == ReduceOp::Argmax);
    }
    let reduced = axis_flags(axis, a.ndim())?;
    let full = !keepdims && reduced.iter().all(|&r| r);
    match op {
        ReduceOp::Sum | ReduceOp::Prod => {
            let uop = if op == ReduceOp::Sum { BinaryOp::Add } else { BinaryOp::Multiply };
            let dt = match dtype {
                Some(d) => d,
                None => sum_dtype(uop, a.dtype)?,
            };
            check_numeric(uop, a)?;
            let plan = Plan::new(a, &reduced, keepdims);
            let (r, flags) = ufunc::fpe::with_hw(|| if op == ReduceOp::Sum { sum::sum(a, &plan, dt) } else { sum::prod(a, &plan, dt) });
            ufunc::fpe::report(flags, uop.ufunc_name());
            r
        }
        ReduceOp::Min | ReduceOp::Max => {
            let e = if op == ReduceOp::Max { Extreme::Max } else { Extreme::Min };
            check_numeric(if op == ReduceOp::Max { BinaryOp::Maximum } else { BinaryOp::Minimum }, a)?;
            let plan = Plan::new(a, &reduced, keepdims);
            minmax::extreme(a, &plan, e)
        }
        ReduceOp::Any => logical::logic(a, &reduced, keepdims, logical::Logic::Any),
        ReduceOp::All => logical::logic(a, &reduced, keepdims, logical::Logic::All),
        ReduceOp::CountNonzero => logical::count_nonzero(a, &reduced, keepdims),
        ReduceOp::Mean => {
            check_numeric(BinaryOp::Add, a)?;
            let plan = Plan::new(a, &reduced, keepdims);
            stats::mean(a, &plan, dtype, full)
        }
        ReduceOp::Var { ddof } | ReduceOp::Std { ddof } => {
            check_numeric(BinaryOp::Add, a)?;
            stats::var(a, &reduced, keepdims, dtype, ddof, matches!(op, ReduceOp::Std { .. }))
        }
        ReduceOp::Ptp => {
            let hi = reduce(ReduceOp::Max, a, axis, keepdims, None)?;
            let lo = reduce(ReduceOp::Min, a, axis, keepdims, None)?;
            ufunc::binary(BinaryOp::Subtract, Operand::Array(&hi), Operand::Array(&lo), None, None)
        }
        ReduceOp::Argmin | ReduceOp::Argmax => Err(value_error("unreachable reduction")),
    }
}

/// The loop dtype of `add`/`multiply` reductions: the platform integer for small integers and
/// booleans, else the ufunc's loop for the input.
fn sum_dtype(op: BinaryOp, d: DType) -> PyResult<DType> {
    match d {
        DType::Str(_) => Err(resolve::no_loop(op.ufunc_name(), d, d)),
        _ => Ok(sum::default_sum_dtype(d)),
    }
}

/// Reject string inputs with NumPy's missing-loop error.
fn check_numeric(op: BinaryOp, a: &NdArray) -> PyResult<()> {
    if let DType::Str(_) = a.dtype {
        return Err(resolve::no_loop(op.ufunc_name(), a.dtype, a.dtype));
    }
    Ok(())
}

/// `np.cumsum(a, axis, dtype)` / `np.cumprod` (flattened when `axis` is None).
pub fn cumulative(op: CumOp, a: &NdArray, axis: Option<i64>, dtype: Option<DType>) -> PyResult<NdArray> {
    let uop = if op == CumOp::Sum { BinaryOp::Add } else { BinaryOp::Multiply };
    check_numeric(uop, a)?;
    let dt = dtype.unwrap_or(sum::default_sum_dtype(a.dtype));
    cumulative::cum(a, axis, dt, op == CumOp::Prod)
}

/// Whether a binary ufunc may reduce over several axes at once (NumPy's reorderable ufuncs).
fn reorderable(op: BinaryOp) -> bool {
    use BinaryOp::*;
    matches!(op, Add | Multiply | Maximum | Minimum | Fmax | Fmin | LogicalAnd | LogicalOr | LogicalXor | BitwiseAnd | BitwiseOr | BitwiseXor)
}

/// `np.<op>.reduce(a, axis, keepdims=...)` for any binary ufunc (`axis` None: all axes).
pub fn ufunc_reduce(op: BinaryOp, a: &NdArray, axis: Option<&[i64]>, keepdims: bool) -> PyResult<NdArray> {
    let reduced = axis_flags(axis, a.ndim())?;
    let nred = reduced.iter().filter(|&&r| r).count();
    let name = op.ufunc_name();
    if !reorderable(op) && nred > 1 {
        return Err(value_error(format!("reduction operation '{name}' is not reorderable, so at most one axis may be specified")));
    }
    use BinaryOp::*;
    let dt = resolve::reduce_loop(op, a.dtype)?;
    match op {
        Add | Multiply => {
            // Like `sum`: small integers and booleans accumulate in the platform integer.
            let dt = if a.dtype.is_integer() || a.dtype == DType::Bool { sum::default_sum_dtype(a.dtype) } else { dt };
            let plan = Plan::new(a, &reduced, keepdims);
            let (r, flags) = ufunc::fpe::with_hw(|| if op == Add { sum::sum(a, &plan, dt) } else { sum::prod(a, &plan, dt) });
            ufunc::fpe::report(flags, name);
            r
        }
        Maximum | Minimum | Fmax | Fmin => {
            let x = if a.dtype == dt { a.clone() } else { a.astype(dt)? };
            let e = match op {
                Maximum => Extreme::Max,
                Minimum => Extreme::Min,
                Fmax => Extreme::Fmax,
                _ => Extreme::Fmin,
            };
            minmax::extreme(&x, &Plan::new(&x, &reduced, keepdims), e)
        }
        LogicalAnd => logical::logic(a, &reduced, keepdims, logical::Logic::All),
        LogicalOr => logical::logic(a, &reduced, keepdims, logical::Logic::Any),
        LogicalXor => logical::logic(a, &reduced, keepdims, logical::Logic::Xor),
        BitwiseAnd | BitwiseOr | BitwiseXor => {
            let x = if a.dtype == dt { a.clone() } else { a.astype(dt)? };
            let which = match op {
                BitwiseAnd => 0,
                BitwiseOr => 1,
                _ => 2,
            };
            logical::bitwise(&x, &Plan::new(&x, &reduced, keepdims), which)
        }
        _ => generic_reduce(op, a, &reduced, keepdims, dt),
    }
}

/// Reduce a non-reorderable ufunc along its single axis: `acc = op(acc, a[i])`.
fn generic_reduce(op: BinaryOp, a: &NdArray, reduced: &[bool], keepdims: bool, dt: DType) -> PyResult<NdArray> {
    use crate::array::layout::BasicIndex;
    let Some(ax) = reduced.iter().position(|&r| r) else {
        // No axis: the identity operation (a cast copy).
        return a.astype(dt);
    };
    let n = a.shape[ax];
    let mut out_shape = a.shape.clone();
    out_shape.remove(ax);
    if n == 0 {
        if out_shape.iter().product::<usize>() == 0 {
            let mut s = a.shape.clone();
            if keepdims {
                s[ax] = 1;
            } else {
                s.remove(ax);
            }
            return NdArray::zeros(dt, &s);
        }
        return Err(value_error(format!("zero-size array to reduction operation {} which has no identity", op.ufunc_name())));
    }
    let at = |i: usize| -> PyResult<NdArray> {
        let mut idx = vec![BasicIndex::Slice { start: None, stop: None, step: None }; ax];
        idx.push(BasicIndex::Int(i as i64));
        a.basic_index(&idx)
    };
    let mut acc = at(0)?.astype(dt)?;
    for i in 1..n {
        let x = at(i)?;
        acc = ufunc::binary(op, Operand::Array(&acc), Operand::Array(&x), None, None)?;
    }
    if acc.dtype != dt {
        acc = acc.astype(dt)?;
    }
    if keepdims {
        acc = acc.expand_dims(&[ax as i64])?;
    }
    Ok(acc)
}

/// `np.<op>.accumulate(a, axis)`.
pub fn ufunc_accumulate(op: BinaryOp, a: &NdArray, axis: i64) -> PyResult<NdArray> {
    cumulative::accumulate(op, a, axis)
}
