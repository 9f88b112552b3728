//! `np.convolve` and `np.correlate`: NumPy's `_pyarray_correlate` step for step — the longer
//! sequence first (the result reversed back for `correlate` when swapped), partial overlaps at
//! the edges summed by the dtype's `dot` (BLAS for floats, as NumPy's `DOUBLE_dot`), the full
//! overlaps of float kernels up to 11 long summed in order (NumPy's `small_correlate`), so the
//! printed digits match.

use crate::array::dtype::{promote, DType};
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::linalg::blas::Gemm;
use crate::numpy::FnEntry;
use crate::value::Value;

/// The entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "convolve",
        convolve,
        "convolve(a, v, mode='full'): discrete linear convolution of two 1-D sequences",
    ),
    (
        "correlate",
        correlate,
        "correlate(a, v, mode='valid'): cross-correlation of two 1-D sequences",
    ),
];

/// `mode=`: 'valid' (0), 'same' (1), 'full' (2), or the integer.
fn mode_of(interp: &mut Interp, v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(Value::Str(s)) => match &**s {
            "valid" => Ok(0),
            "same" => Ok(1),
            "full" => Ok(2),
            _ => Err(value_error(
                "Use one of 'valid', 'same', or 'full' for convolve/correlate mode",
            )),
        },
        Some(x) => {
            let m = argparse::int(x, "")?;
            let _ = interp;
            if (0..=2).contains(&m) {
                Ok(m)
            } else {
                Err(value_error(
                    "integer convolve/correlate mode must be 0, 1, or 2",
                ))
            }
        }
    }
}

/// `_pyarray_correlate` on contiguous vectors with `a.len() >= v.len() >= 1`.
fn correlate_typed<T: Gemm>(a: &[T], v: &[T], mode: i64, small: bool) -> Vec<T> {
    let (n1, n2) = (a.len(), v.len());
    let (n_left, n_right) = match mode {
        0 => (0, 0),
        1 => (n2 / 2, n2 - n2 / 2 - 1),
        _ => (n2 - 1, n2 - 1),
    };
    let mut out = Vec::with_capacity(n1 + n2);
    let mut ip1 = 0isize;
    let mut ip2 = n_left as isize;
    let mut n = n2 - n_left;
    for _ in 0..n_left {
        out.push(T::dot(a, ip1, 1, v, ip2, 1, n));
        n += 1;
        ip2 -= 1;
    }
    for _ in 0..(n1 - n2 + 1) {
        if small {
            let s = ip1 as usize;
            let mut acc = T::default();
            for (j, &k) in v.iter().enumerate() {
                acc = T::mul_add(acc, a[s + j], k);
            }
            out.push(acc);
        } else {
            out.push(T::dot(a, ip1, 1, v, ip2, 1, n));
        }
        ip1 += 1;
    }
    for _ in 0..n_right {
        n -= 1;
        out.push(T::dot(a, ip1, 1, v, ip2, 1, n));
        ip1 += 1;
    }
    out
}

/// A 1-D argument (0-d becomes 1-D when `ndmin1`, as convolve's `array(..., ndmin=1)`).
fn vector(interp: &mut Interp, v: &Value, ndmin1: bool) -> PyResult<NdArray> {
    let a = argparse::array(interp, v)?;
    match a.ndim() {
        0 if ndmin1 => a.reshape(&[1]),
        0 => Err(value_error("object of too small depth for desired array")),
        1 => Ok(a),
        _ => Err(value_error("object too deep for desired array")),
    }
}

/// `multiarray.correlate(a, v, mode)` (`conj`: correlate2's conjugated `v` and reversed
/// output when swapped).
fn correlate_core(a: &NdArray, v: &NdArray, mode: i64, new: bool) -> PyResult<NdArray> {
    let dt = promote(a.dtype, v.dtype)?;
    if let DType::Str(_) = dt {
        return Err(crate::errors::type_error(
            "Cannot cast array data from dtype('<U1') to dtype('float64') according to the rule 'safe'",
        ));
    }
    let (mut x, mut y) = (a.astype(dt)?, v.astype(dt)?);
    if new && dt.kind() == crate::array::dtype::Kind::Complex {
        y = crate::numpy::stat_util::un(crate::array::ufunc::UnaryOp::Conjugate, &y)?;
    }
    if x.size() == 0 {
        return Err(value_error("first array argument cannot be empty"));
    }
    if y.size() == 0 {
        return Err(value_error("second array argument cannot be empty"));
    }
    let inverted = x.size() < y.size();
    if inverted {
        std::mem::swap(&mut x, &mut y);
    }
    let small = y.size() <= 11 && matches!(dt, DType::Float32 | DType::Float64);
    let r = crate::with_numeric!(dt, T => {
        let (xv, yv) = (x.to_vec::<T>(), y.to_vec::<T>());
        let mut out = correlate_typed::<T>(&xv, &yv, mode, small);
        if inverted && new {
            out.reverse();
        }
        NdArray::from_vec1(out)
    }, str => return Err(value_error("unsupported dtype")));
    Ok(r)
}

/// `np.convolve(a, v, mode='full')`.
pub fn convolve(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("convolve", &["a", "v", "mode"], 2)?;
    let mut a = vector(interp, &req(&b[0]), true)?;
    let mut v = vector(interp, &req(&b[1]), true)?;
    let mode = mode_of(interp, &b[2], 2)?;
    if a.size() == 0 {
        return Err(value_error("a cannot be empty"));
    }
    if v.size() == 0 {
        return Err(value_error("v cannot be empty"));
    }
    if v.size() > a.size() {
        std::mem::swap(&mut a, &mut v);
    }
    let rev = v.basic_index(&[crate::array::layout::BasicIndex::Slice {
        start: None,
        stop: None,
        step: Some(-1),
    }])?;
    let r = correlate_core(&a, &rev, mode, false)?;
    Ok(Value::Array(std::rc::Rc::new(r)))
}

/// `np.correlate(a, v, mode='valid')`.
pub fn correlate(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("correlate", &["a", "v", "mode"], 2)?;
    let a = vector(interp, &req(&b[0]), false)?;
    let v = vector(interp, &req(&b[1]), false)?;
    let mode = mode_of(interp, &b[2], 0)?;
    let r = correlate_core(&a, &v, mode, true)?;
    Ok(Value::Array(std::rc::Rc::new(r)))
}
