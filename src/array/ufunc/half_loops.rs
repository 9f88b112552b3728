//! float16 loops. NumPy's `e` loops (nearly all of them `PyUFunc_e_e_As_f_f` /
//! `ee_e_As_ff_f` or hand-written equivalents) widen each half to float, run the float32
//! operation and round the result back to half. We do the same array-at-a-time: the operands
//! are widened to float32, the float32 kernel runs, and the result is rounded to float16, then
//! delivered into `out` / `where` like any computed result.
//!
//! Rounding to half sets NumPy's overflow flag when a finite float32 result becomes infinite
//! (`npy_float_to_half` with `NPY_HALF_GENERATE_OVERFLOW`).

use super::fpe::FpFlags;
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::PyResult;

/// Round a float32 result to float16, with the overflow flag NumPy's rounding raises.
pub fn round_result(r32: &NdArray) -> PyResult<(NdArray, FpFlags)> {
    let r = r32.astype(DType::Float16)?;
    let mut flags = FpFlags::none();
    if let Some(narrow) = <half::f16 as Element>::slice(r.buf.data()) {
        // `astype` gives a fresh C-contiguous array; `to_vec` reads `r32` in the same order.
        let overflowed = r32
            .to_vec::<f32>()
            .iter()
            .zip(narrow)
            .any(|(w, n)| w.is_finite() && n.is_infinite());
        if overflowed {
            flags.soft |= FpFlags::OVERFLOW;
        }
    }
    Ok((r, flags))
}
