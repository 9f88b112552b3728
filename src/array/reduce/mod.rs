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
pub fn reduce(
    op: ReduceOp,
    a: &NdArray,
    axis: Option<&[i64]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> PyResult<NdArray> {
    if let ReduceOp::Argmin | ReduceOp::Argmax = op {
        let ax = match axis {
            None => None,
            Some([]) => None,
            Some([k]) => Some(normalize_axis(*k, a.ndim())?),
            Some(_) => {
                return Err(type_error(
                    "'tuple' object cannot be interpreted as an integer",
                ))
            }
        };
        return minmax::arg_extreme(a, ax, keepdims, op == ReduceOp::Argmax);
    }
    let reduced = axis_flags(axis, a.ndim())?;
    let full = !keepdims && reduced.iter().all(|&r| r);
    match op {
        ReduceOp::Sum | ReduceOp::Prod => {
            let uop = if op == ReduceOp::Sum {
                BinaryOp::Add
            } else {
                BinaryOp::Multiply
            };
            check_sum_input(uop, a, "reduce")?;
            let dt = match dtype {
                Some(d) => d,
                None => sum_dtype(uop, a.dtype)?,
            };
            warn_complex_discard(a.dtype, dt);
            let plan = Plan::new(a, &reduced, keepdims);
            let (r, flags) = ufunc::fpe::with_hw(|| {
                if op == ReduceOp::Sum {
                    sum::sum(a, &plan, dt)
                } else {
                    sum::prod(a, &plan, dt)
                }
            });
            ufunc::fpe::report(
                if dt.is_inexact() {
                    flags
                } else {
                    flags.soft_only()
                },
                "reduce",
            );
            r
        }
        ReduceOp::Min | ReduceOp::Max => {
            let e = if op == ReduceOp::Max {
                Extreme::Max
            } else {
                Extreme::Min
            };
            check_numeric(
                if op == ReduceOp::Max {
                    BinaryOp::Maximum
                } else {
                    BinaryOp::Minimum
                },
                a,
            )?;
            let plan = Plan::new(a, &reduced, keepdims);
            minmax::extreme(a, &plan, e)
        }
        ReduceOp::Any => logical::logic(a, &reduced, keepdims, logical::Logic::Any),
        ReduceOp::All => logical::logic(a, &reduced, keepdims, logical::Logic::All),
        ReduceOp::CountNonzero => logical::count_nonzero(a, &reduced, keepdims),
        ReduceOp::Mean => {
            check_sum_input(BinaryOp::Add, a, "reduce")?;
            let plan = Plan::new(a, &reduced, keepdims);
            stats::mean(a, &plan, dtype, full)
        }
        ReduceOp::Var { ddof } | ReduceOp::Std { ddof } => {
            check_sum_input(BinaryOp::Add, a, "reduce")?;
            stats::var(
                a,
                &reduced,
                keepdims,
                dtype,
                ddof,
                matches!(op, ReduceOp::Std { .. }),
            )
        }
        ReduceOp::Ptp => {
            let hi = reduce(ReduceOp::Max, a, axis, keepdims, None)?;
            let lo = reduce(ReduceOp::Min, a, axis, keepdims, None)?;
            ufunc::binary(
                BinaryOp::Subtract,
                Operand::Array(&hi),
                Operand::Array(&lo),
                None,
                None,
            )
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

/// NumPy's ComplexWarning when a complex input is accumulated in a real dtype.
pub(crate) fn warn_complex_discard(from: DType, to: DType) {
    if from.kind() == crate::array::dtype::Kind::Complex
        && to.kind() != crate::array::dtype::Kind::Complex
    {
        ufunc::fpe::warn("Casting complex values to real discards the imaginary part");
    }
}

/// Reject string inputs of `add`/`multiply` reductions with NumPy's error: the string `add`
/// loop exists but cannot reduce (its result is wider than its inputs).
fn check_sum_input(op: BinaryOp, a: &NdArray, method: &str) -> PyResult<()> {
    if let DType::Str(w) = a.dtype {
        if op == BinaryOp::Add {
            let d = resolve::dtype_repr(a.dtype);
            return Err(type_error(format!(
                "the resolved dtypes are not compatible with add.{method}. Resolved ({d}, {d}, {})",
                resolve::dtype_repr(DType::Str(2 * w))
            )));
        }
        return Err(resolve::no_loop(op.ufunc_name(), a.dtype, a.dtype));
    }
    Ok(())
}

/// Reject string inputs with NumPy's missing-loop error.
fn check_numeric(op: BinaryOp, a: &NdArray) -> PyResult<()> {
    if let DType::Str(_) = a.dtype {
        return Err(resolve::no_loop(op.ufunc_name(), a.dtype, a.dtype));
    }
    Ok(())
}

/// `np.cumsum(a, axis, dtype)` / `np.cumprod` (flattened when `axis` is None).
pub fn cumulative(
    op: CumOp,
    a: &NdArray,
    axis: Option<i64>,
    dtype: Option<DType>,
) -> PyResult<NdArray> {
    let uop = if op == CumOp::Sum {
        BinaryOp::Add
    } else {
        BinaryOp::Multiply
    };
    check_sum_input(uop, a, "accumulate")?;
    let dt = dtype.unwrap_or(sum::default_sum_dtype(a.dtype));
    warn_complex_discard(a.dtype, dt);
    cumulative::cum(a, axis, dt, op == CumOp::Prod)
}

/// Whether a binary ufunc may reduce over several axes at once (NumPy's reorderable ufuncs).
fn reorderable(op: BinaryOp) -> bool {
    use BinaryOp::*;
    matches!(
        op,
        Add | Multiply
            | Maximum
            | Minimum
            | Fmax
            | Fmin
            | LogicalAnd
            | LogicalOr
            | LogicalXor
            | BitwiseAnd
            | BitwiseOr
            | BitwiseXor
            | Hypot
            | Logaddexp
            | Logaddexp2
            | Gcd
            | Lcm
    )
}

/// `np.<op>.reduce(a, axis, keepdims=...)` for any binary ufunc (`axis` None: all axes).
pub fn ufunc_reduce(
    op: BinaryOp,
    a: &NdArray,
    axis: Option<&[i64]>,
    keepdims: bool,
) -> PyResult<NdArray> {
    let reduced = axis_flags(axis, a.ndim())?;
    let nred = reduced.iter().filter(|&&r| r).count();
    let name = op.ufunc_name();
    use BinaryOp::*;
    let dt = resolve::reduce_loop(op, a.dtype)?;
    if !reorderable(op) && nred > 1 {
        return Err(value_error(format!(
            "reduction operation '{name}' is not reorderable, so at most one axis may be specified"
        )));
    }
    match op {
        Add | Multiply => {
            // Like `sum`: small integers and booleans accumulate in the platform integer.
            let dt = if a.dtype.is_integer() || a.dtype == DType::Bool {
                sum::default_sum_dtype(a.dtype)
            } else {
                dt
            };
            let plan = Plan::new(a, &reduced, keepdims);
            let (r, flags) = ufunc::fpe::with_hw(|| {
                if op == Add {
                    sum::sum(a, &plan, dt)
                } else {
                    sum::prod(a, &plan, dt)
                }
            });
            ufunc::fpe::report(
                if dt.is_inexact() {
                    flags
                } else {
                    flags.soft_only()
                },
                "reduce",
            );
            r
        }
        Maximum | Minimum | Fmax | Fmin => {
            let x = if a.dtype == dt {
                a.clone()
            } else {
                a.astype(dt)?
            };
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
            let x = if a.dtype == dt {
                a.clone()
            } else {
                a.astype(dt)?
            };
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

/// Re-issue the warnings the per-slice ufunc calls of a reduction queued, once each and named
/// after the method (`invalid value encountered in reduce`), as NumPy reports them.
pub(crate) fn rename_warnings(method: &str, before: Vec<String>) {
    let got = ufunc::take_warnings();
    for w in before {
        ufunc::fpe::warn(w);
    }
    for kind in ["divide by zero", "overflow", "invalid value"] {
        if got.iter().any(|w| w.starts_with(kind)) {
            ufunc::fpe::warn(format!("{kind} encountered in {method}"));
        }
    }
}

/// Reduce a ufunc without a dedicated loop: `acc = op(acc, a[i])` along the reduced axes (taken
/// together in C order), one ufunc call per position.
fn generic_reduce(
    op: BinaryOp,
    a: &NdArray,
    reduced: &[bool],
    keepdims: bool,
    dt: DType,
) -> PyResult<NdArray> {
    use crate::array::layout::BasicIndex;
    let axes: Vec<usize> = (0..a.ndim()).filter(|&k| reduced[k]).collect();
    if axes.is_empty() {
        // No axis: the identity operation (a cast copy).
        return a.astype(dt);
    }
    // Move the reduced axes to the front and merge them into one.
    let mut perm: Vec<i64> = axes.iter().map(|&k| k as i64).collect();
    perm.extend((0..a.ndim()).filter(|&k| !reduced[k]).map(|k| k as i64));
    let t = a.transpose(Some(&perm))?;
    let n: usize = axes.iter().map(|&k| a.shape[k]).product();
    let rest: Vec<i64> = (0..a.ndim())
        .filter(|&k| !reduced[k])
        .map(|k| a.shape[k] as i64)
        .collect();
    let mut shape = vec![n as i64];
    shape.extend(&rest);
    let t = t.reshape(&shape)?;
    let mut out_shape: Vec<usize> = a.shape.clone();
    for &k in axes.iter().rev() {
        if keepdims {
            out_shape[k] = 1;
        } else {
            out_shape.remove(k);
        }
    }
    if n == 0 {
        if out_shape.iter().product::<usize>() == 0 {
            return NdArray::zeros(dt, &out_shape);
        }
        return Err(value_error(format!(
            "zero-size array to reduction operation {} which has no identity",
            op.ufunc_name()
        )));
    }
    let at = |i: usize| t.basic_index(&[BasicIndex::Int(i as i64)]);
    let before = ufunc::take_warnings();
    let mut acc = at(0)?.astype(dt)?;
    let r: PyResult<()> = (|| {
        for i in 1..n {
            let x = at(i)?;
            acc = ufunc::binary(op, Operand::Array(&acc), Operand::Array(&x), None, None)?;
        }
        Ok(())
    })();
    rename_warnings("reduce", before);
    r?;
    if acc.dtype != dt {
        acc = acc.astype(dt)?;
    }
    let shape: Vec<i64> = out_shape.iter().map(|&d| d as i64).collect();
    acc.reshape(&shape)
}

/// `np.<op>.accumulate(a, axis)`.
pub fn ufunc_accumulate(op: BinaryOp, a: &NdArray, axis: i64) -> PyResult<NdArray> {
    cumulative::accumulate(op, a, axis)
}
