//! Running reductions: `cumsum`/`cumprod` and `ufunc.accumulate`.
//!
//! Accumulation is sequential along the axis (`out[i] = out[i-1] op a[i]`), exactly NumPy's
//! order. The input is first copied (and cast) into a C-contiguous result, which is then updated
//! in place lane by lane; with inner dimensions after the axis, whole rows are combined at once
//! so the loop vectorizes.

use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::layout::normalize_axis;
use crate::array::ufunc::binary::{fmax, fmin, internal, max_nan, min_nan};
use crate::array::ufunc::math::{cmul_plain, Cplx};
use crate::array::ufunc::{self, BinaryOp, Operand};
use crate::array::NdArray;
use crate::errors::PyResult;

/// In place: `x[o, i, j] = f(x[o, i-1, j], x[o, i, j])` along `axis` of a C-contiguous array.
fn accumulate_in_place<T: Element>(x: &NdArray, axis: usize, f: impl Fn(T, T) -> T) {
    let Some(v) = x.as_slice_mut::<T>() else {
        return;
    };
    let len = x.shape[axis];
    let inner: usize = x.shape[axis + 1..].iter().product();
    let outer: usize = x.shape[..axis].iter().product();
    if len < 2 || inner == 0 {
        return;
    }
    if inner == 1 {
        // One running value per lane (the 1-D cumsum): a plain carried loop.
        for lane in v.chunks_exact_mut(len).take(outer) {
            let mut acc = lane[0];
            for c in &mut lane[1..] {
                acc = f(acc, *c);
                *c = acc;
            }
        }
        return;
    }
    for o in 0..outer {
        let lane = &mut v[o * len * inner..(o + 1) * len * inner];
        for i in 1..len {
            let (prev, cur) = lane.split_at_mut(i * inner);
            let prev = &prev[(i - 1) * inner..];
            for (c, &p) in cur[..inner].iter_mut().zip(prev) {
                *c = f(p, *c);
            }
        }
    }
}

/// The input flattened (axis None) or as is, with the axis to accumulate along.
fn prepare(a: &NdArray, axis: Option<i64>) -> PyResult<(NdArray, usize)> {
    match axis {
        None => Ok((a.reshape(&[-1])?, 0)),
        Some(ax) => {
            let nd = a.ndim().max(1);
            let ax = normalize_axis(ax, nd)?;
            if a.ndim() == 0 {
                return Ok((a.reshape(&[1])?, 0));
            }
            Ok((a.clone(), ax))
        }
    }
}

/// `np.cumsum` (`prod == false`) / `np.cumprod` with result dtype `dt`.
pub fn cum(a: &NdArray, axis: Option<i64>, dt: DType, prod: bool) -> PyResult<NdArray> {
    let (work, ax) = prepare(a, axis)?;
    let x = work.astype(dt)?;
    macro_rules! int {
        ($T:ty) => {
            if prod {
                accumulate_in_place::<$T>(&x, ax, |p, c| p.wrapping_mul(c))
            } else {
                accumulate_in_place::<$T>(&x, ax, |p, c| p.wrapping_add(c))
            }
        };
    }
    macro_rules! float {
        ($T:ty) => {
            if prod {
                accumulate_in_place::<$T>(&x, ax, |p, c| p * c)
            } else {
                accumulate_in_place::<$T>(&x, ax, |p, c| p + c)
            }
        };
    }
    macro_rules! cplx {
        ($T:ty) => {
            if prod {
                accumulate_in_place::<$T>(&x, ax, |p, c| cmul_plain(p, c))
            } else {
                accumulate_in_place::<$T>(&x, ax, |p, c| <$T>::make(p.re + c.re, p.im + c.im))
            }
        };
    }
    let (_, flags) = ufunc::fpe::with_hw(|| match dt {
        DType::Bool => {
            if prod {
                accumulate_in_place::<bool>(&x, ax, |p, c| p && c)
            } else {
                accumulate_in_place::<bool>(&x, ax, |p, c| p || c)
            }
        }
        DType::Int8 => int!(i8),
        DType::Int16 => int!(i16),
        DType::Int32 => int!(i32),
        DType::Int64 => int!(i64),
        DType::UInt8 => int!(u8),
        DType::UInt16 => int!(u16),
        DType::UInt32 => int!(u32),
        DType::UInt64 => int!(u64),
        // half's `+`/`*` widen to float32 and round back, as NumPy's half loops do.
        DType::Float16 => float!(::half::f16),
        DType::Float32 => float!(f32),
        DType::Float64 => float!(f64),
        DType::Complex64 => cplx!(crate::array::buffer::C64),
        DType::Complex128 => cplx!(crate::array::buffer::C128),
        DType::Str(_) => {}
    });
    ufunc::fpe::report(
        if dt.is_inexact() {
            flags
        } else {
            flags.soft_only()
        },
        "accumulate",
    );
    Ok(x)
}

/// `np.<op>.accumulate(a, axis)`: typed loops for the common ufuncs, otherwise one ufunc call
/// per position along the axis (`out[i] = op(out[i-1], a[i])`).
pub fn accumulate(op: BinaryOp, a: &NdArray, axis: i64) -> PyResult<NdArray> {
    let mut dt = ufunc::resolve::reduce_loop(op, a.dtype)?;
    if matches!(op, BinaryOp::Add | BinaryOp::Multiply)
        && (a.dtype.is_integer() || a.dtype == DType::Bool)
    {
        // Like the reductions: small integers accumulate in the platform integer.
        dt = super::sum::default_sum_dtype(a.dtype);
    }
    if a.ndim() == 0 {
        return Err(crate::errors::type_error("cannot accumulate on a scalar"));
    }
    let ax = normalize_axis(axis, a.ndim())?;
    use BinaryOp::*;
    let fast = match op {
        Add => Some(cum(a, Some(ax as i64), dt, false)?),
        Multiply => Some(cum(a, Some(ax as i64), dt, true)?),
        Maximum | Minimum | Fmax | Fmin if matches!(dt, DType::Float32 | DType::Float64) => {
            let x = a.astype(dt)?;
            macro_rules! go {
                ($T:ty) => {
                    match op {
                        Maximum => accumulate_in_place::<$T>(&x, ax, |p, c| max_nan(p, c)),
                        Minimum => accumulate_in_place::<$T>(&x, ax, |p, c| min_nan(p, c)),
                        Fmax => accumulate_in_place::<$T>(&x, ax, |p, c| fmax(p, c)),
                        _ => accumulate_in_place::<$T>(&x, ax, |p, c| fmin(p, c)),
                    }
                };
            }
            if dt == DType::Float64 {
                go!(f64)
            } else {
                go!(f32)
            }
            Some(x)
        }
        _ => None,
    };
    if let Some(r) = fast {
        return Ok(r);
    }
    generic_accumulate(op, a, ax, dt)
}

/// Accumulate through ufunc calls on the slices along `ax`.
fn generic_accumulate(op: BinaryOp, a: &NdArray, ax: usize, dt: DType) -> PyResult<NdArray> {
    use crate::array::layout::BasicIndex;
    let out = a.astype(dt)?;
    let n = a.shape[ax];
    let at = |x: &NdArray, i: usize| -> PyResult<NdArray> {
        let mut idx = vec![
            BasicIndex::Slice {
                start: None,
                stop: None,
                step: None
            };
            ax
        ];
        idx.push(BasicIndex::Int(i as i64));
        x.basic_index(&idx)
    };
    let before = ufunc::take_warnings();
    let r: PyResult<()> = (|| {
        for i in 1..n {
            let prev = at(&out, i - 1)?;
            let cur = at(&out, i)?;
            let r = ufunc::binary(op, Operand::Array(&prev), Operand::Array(&cur), None, None)?;
            cur.assign(&r)?;
        }
        Ok(())
    })();
    super::rename_warnings("accumulate", before);
    r?;
    if out.dtype != dt {
        return Err(internal());
    }
    Ok(out)
}
