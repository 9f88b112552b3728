//! The ufunc methods `reduce`, `accumulate` and `outer` of binary ufuncs
//! (`np.add.reduce`, `np.maximum.accumulate`, `np.multiply.outer`).

use super::{binary, BinaryOp, Operand};
use crate::array::reduce;
use crate::array::NdArray;
use crate::errors::PyResult;

/// `np.<op>.reduce(a, axis, keepdims=keepdims)`; `axis` None reduces all axes (pass `Some(&[0])`
/// for NumPy's default `axis=0`).
pub fn ufunc_reduce(
    op: BinaryOp,
    a: &NdArray,
    axis: Option<&[i64]>,
    keepdims: bool,
) -> PyResult<NdArray> {
    reduce::ufunc_reduce(op, a, axis, keepdims)
}

/// `np.<op>.accumulate(a, axis)`.
pub fn ufunc_accumulate(op: BinaryOp, a: &NdArray, axis: i64) -> PyResult<NdArray> {
    reduce::ufunc_accumulate(op, a, axis)
}

/// `np.<op>.outer(a, b)`: `op(a[..., None, ..., None], b)` with result shape
/// `a.shape + b.shape`.
pub fn ufunc_outer(op: BinaryOp, a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    let mut shape: Vec<i64> = a.shape.iter().map(|&d| d as i64).collect();
    shape.extend(std::iter::repeat_n(1, b.ndim()));
    let a2 = a.reshape(&shape)?;
    binary(op, Operand::Array(&a2), Operand::Array(b), None, None)
}
