//! Boolean and bitwise reductions: `any`, `all`, `count_nonzero`, and the identity-based folds
//! of `np.{logical,bitwise}_{and,or,xor}.reduce`.

use super::plan::{finish, fold, Plan, Start};
use crate::array::dtype::DType;
use crate::array::element::Scalar;
use crate::array::ufunc::binary::internal;
use crate::array::NdArray;
use crate::errors::PyResult;

/// How truth values combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logic {
    Any,
    All,
    Xor,
}

/// `np.any` / `np.all` / `np.logical_xor.reduce` (truthiness of any dtype; strings are true when
/// non-empty).
pub fn logic(a: &NdArray, reduced: &[bool], keepdims: bool, op: Logic) -> PyResult<NdArray> {
    let b = truth_of_strings(a);
    let a = b.as_ref().unwrap_or(a);
    let plan = Plan::new(a, reduced, keepdims);
    crate::with_numeric!(a.dtype, T => Ok(logic_typed::<T>(a, &plan, op)), str => Err(internal()))
}

/// String arrays reduce by truthiness (non-empty); other dtypes as they are.
fn truth_of_strings(a: &NdArray) -> Option<NdArray> {
    match a.dtype {
        DType::Str(_) => Some(NdArray::from_vec(
            a.to_strings()
                .iter()
                .map(|s| !s.is_empty())
                .collect::<Vec<bool>>(),
            a.shape.clone(),
        )),
        _ => None,
    }
}

fn logic_typed<T: Scalar>(a: &NdArray, plan: &Plan, op: Logic) -> NdArray {
    let t = |x: T| x.to_bool();
    let out = match op {
        Logic::Any => fold::<T, bool>(
            a,
            plan,
            Start::Identity(false),
            false,
            t,
            // SAFETY: i < n on a valid row.
            |acc, r, _| acc || (0..r.n).any(|i| t(unsafe { r.get(i) })),
            |acc, x, _| acc || t(x),
        ),
        Logic::All => fold::<T, bool>(
            a,
            plan,
            Start::Identity(true),
            false,
            t,
            // SAFETY: i < n on a valid row.
            |acc, r, _| acc && (0..r.n).all(|i| t(unsafe { r.get(i) })),
            |acc, x, _| acc && t(x),
        ),
        Logic::Xor => fold::<T, bool>(
            a,
            plan,
            Start::Identity(false),
            false,
            t,
            // SAFETY: i < n on a valid row.
            |acc, r, _| (0..r.n).fold(acc, |s, i| s ^ t(unsafe { r.get(i) })),
            |acc, x, _| acc ^ t(x),
        ),
    };
    finish(plan, out)
}

/// `np.count_nonzero(a, axis)` (int64 counts).
pub fn count_nonzero(a: &NdArray, reduced: &[bool], keepdims: bool) -> PyResult<NdArray> {
    let b = truth_of_strings(a);
    let a = b.as_ref().unwrap_or(a);
    let plan = &Plan::new(a, reduced, keepdims);
    crate::with_numeric!(a.dtype, T => {
        let t = |x: T| x.to_bool() as i64;
        let out = fold::<T, i64>(
            a,
            plan,
            Start::Identity(0), false,
            t,
            // SAFETY: i < n on a valid row.
            |acc, r, _| acc + (0..r.n).map(|i| t(unsafe { r.get(i) })).sum::<i64>(),
            |acc, x, _| acc + t(x),
        );
        Ok(finish(plan, out))
    }, str => Err(internal()))
}

/// Bitwise and/or/xor folds for integer and boolean dtypes (identities: all ones, 0, 0).
pub fn bitwise(a: &NdArray, plan: &Plan, which: u8) -> PyResult<NdArray> {
    macro_rules! go {
        ($T:ty, $ones:expr, $zero:expr) => {{
            let f = move |x: $T, y: $T| match which {
                0 => x & y,
                1 => x | y,
                _ => x ^ y,
            };
            let init = if which == 0 { $ones } else { $zero };
            let out = fold::<$T, $T>(
                a,
                plan,
                Start::Identity(init),
                false,
                |x| x,
                // SAFETY: i < n on a valid row.
                move |acc, r, _| (0..r.n).fold(acc, |s, i| f(s, unsafe { r.get(i) })),
                move |acc, x, _| f(acc, x),
            );
            Ok(finish(plan, out))
        }};
    }
    match a.dtype {
        DType::Bool => go!(bool, true, false),
        DType::Int8 => go!(i8, -1, 0),
        DType::Int16 => go!(i16, -1, 0),
        DType::Int32 => go!(i32, -1, 0),
        DType::Int64 => go!(i64, -1, 0),
        DType::UInt8 => go!(u8, u8::MAX, 0),
        DType::UInt16 => go!(u16, u16::MAX, 0),
        DType::UInt32 => go!(u32, u32::MAX, 0),
        DType::UInt64 => go!(u64, u64::MAX, 0),
        _ => Err(internal()),
    }
}
