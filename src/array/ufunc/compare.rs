//! The six comparison ufuncs, including NumPy 2's exact comparisons of integer arrays with
//! Python ints outside the array's range (`int8_arr < 1000` is all True, not an OverflowError).

use super::binary::{complexes, floats, ints, Kern};
use super::fpe::FpFlags;
use super::math::{Cplx, Real};
use super::{int_range, BinaryOp, Operand, WeakScalar};
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::PyResult;

/// Compare elementwise with a `PartialOrd` element type (IEEE semantics for floats: every
/// comparison with NaN is false except `!=`).
fn ordered<T: Element + PartialOrd + Send + Sync>(op: BinaryOp, k: &mut Kern) -> PyResult<FpFlags> {
    use BinaryOp::*;
    match op {
        Equal => k.run(|x: T, y: T| x == y),
        NotEqual => k.run(|x: T, y: T| x != y),
        Less => k.run(|x: T, y: T| x < y),
        LessEqual => k.run(|x: T, y: T| x <= y),
        Greater => k.run(|x: T, y: T| x > y),
        _ => k.run(|x: T, y: T| x >= y),
    }
}

/// NumPy's lexicographic complex order (`CGT`, `CLT`, ...): real parts first, imaginary parts on
/// ties; a NaN imaginary part makes the real-part test false. NumPy evaluates these with C's
/// signaling relational operators, so a NaN reaching one of them raises "invalid".
#[inline(always)]
fn ccmp<C: Cplx>(op: BinaryOp, x: C, y: C) -> bool {
    use BinaryOp::*;
    let (xr, xi) = x.parts();
    let (yr, yi) = y.parts();
    if !matches!(op, Equal | NotEqual)
        && (xr.is_nan() || yr.is_nan() || (xr == yr && (xi.is_nan() || yi.is_nan())))
    {
        super::fpe::raise_invalid();
    }
    let nonan = !xi.is_nan() && !yi.is_nan();
    match op {
        Equal => xr == yr && xi == yi,
        NotEqual => xr != yr || xi != yi,
        Greater => (xr > yr && nonan) || (xr == yr && xi > yi),
        GreaterEqual => (xr > yr && nonan) || (xr == yr && xi >= yi),
        Less => (xr < yr && nonan) || (xr == yr && xi < yi),
        _ => (xr < yr && nonan) || (xr == yr && xi <= yi),
    }
}

/// Run comparison `op` on operands of loop dtype `dt`.
pub fn compute(op: BinaryOp, dt: DType, k: &mut Kern) -> PyResult<FpFlags> {
    let r = match dt {
        DType::Bool => ordered::<bool>(op, k),
        d if d.is_integer() => ints!(d, T => ordered::<T>(op, k)),
        DType::Float32 | DType::Float64 => floats!(dt, T => ordered::<T>(op, k)),
        _ => complexes!(dt, T => k.run(move |x: T, y: T| ccmp(op, x, y))),
    };
    // NumPy's vectorized comparisons never raise hardware flags; keep only the signaling
    // complex comparisons raised by hand.
    r.map(|f| f.soft_only())
}

/// The flipped comparison for `scalar OP array` written as `array OP' scalar`.
fn flip(op: BinaryOp) -> BinaryOp {
    use BinaryOp::*;
    match op {
        Less => Greater,
        LessEqual => GreaterEqual,
        Greater => Less,
        GreaterEqual => LessEqual,
        other => other,
    }
}

/// `int_array OP python_int` when the Python int is outside the array dtype's range: the answer
/// is the same for every element (NumPy 2's special integer comparison loops).
pub fn weak_int_out_of_range(op: BinaryOp, a: &Operand, b: &Operand) -> PyResult<Option<NdArray>> {
    if !op.is_comparison() {
        return Ok(None);
    }
    let (arr, v, op) = match (a, b) {
        (Operand::Array(x), Operand::Weak(WeakScalar::Int(v))) => (*x, *v, op),
        (Operand::Weak(WeakScalar::Int(v)), Operand::Array(x)) => (*x, *v, flip(op)),
        _ => return Ok(None),
    };
    if !arr.dtype.is_integer() {
        return Ok(None);
    }
    let (lo, hi) = int_range(arr.dtype);
    if v >= lo && v <= hi {
        return Ok(None);
    }
    // Every element is below `v` (v too big) or above it (v too small).
    let below = v > hi;
    use BinaryOp::*;
    let value = match op {
        Equal => false,
        NotEqual => true,
        Less | LessEqual => below,
        _ => !below,
    };
    Ok(Some(NdArray::full(&arr.shape, value)?))
}

/// Whether a signed integer array meets a uint64 array: NumPy compares those exactly (its
/// `qQ->?` / `Qq->?` loops) instead of through float64.
pub fn is_mixed_sign_pair(a: &Operand, b: &Operand) -> Option<bool> {
    let (Operand::Array(x), Operand::Array(y)) = (a, b) else {
        return None;
    };
    let signed = |d: DType| d.kind() == crate::array::dtype::Kind::Int;
    if signed(x.dtype) && y.dtype == DType::UInt64 {
        Some(false)
    } else if x.dtype == DType::UInt64 && signed(y.dtype) {
        Some(true)
    } else {
        None
    }
}

/// Exact comparison of int64 (`a`) with uint64 (`b`) operands; `swapped` when the uint64
/// operand came first.
pub fn compute_mixed(op: BinaryOp, swapped: bool, k: &mut Kern) -> PyResult<FpFlags> {
    use BinaryOp::*;
    let cmp = move |x: i128, y: i128| match op {
        Equal => x == y,
        NotEqual => x != y,
        Less => x < y,
        LessEqual => x <= y,
        Greater => x > y,
        _ => x >= y,
    };
    let r = if swapped {
        k.run(move |x: u64, y: i64| cmp(x as i128, y as i128))
    } else {
        k.run(move |x: i64, y: u64| cmp(x as i128, y as i128))
    };
    r.map(|f| f.soft_only())
}
