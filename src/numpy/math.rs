//! Elementwise helpers beyond plain ufuncs: `clip`, `round`/`around` (half to even with
//! decimals), `where`, `real`/`imag` views, `conj`.

use std::rc::Rc;

use crate::array::buffer::Data;
use crate::array::dtype::DType;
use crate::array::ufunc::{self, BinaryOp, Operand, UnaryOp};
use crate::array::NdArray;
use crate::errors::PyResult;
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The math family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "clip",
        clip,
        "clip(a, a_min, a_max): limit values to [a_min, a_max]",
    ),
    ("round", round, "round(a, decimals=0): round half to even"),
    ("around", round, "around(a, decimals=0): alias of np.round"),
    (
        "where",
        where_,
        "where(condition, x, y): choose from x where condition, else y; where(condition): nonzero",
    ),
    ("real", real, "real(a): the real part"),
    ("imag", imag, "imag(a): the imaginary part"),
];

/// A view of the real or imaginary part (complex arrays); for real arrays `.real` is the
/// array itself and `.imag` a zero array.
pub fn real_imag(a: &NdArray, imag: bool) -> PyResult<NdArray> {
    if !a.dtype.is_inexact() || a.dtype.kind() != crate::array::dtype::Kind::Complex {
        if imag {
            return NdArray::zeros(a.dtype, &a.shape);
        }
        let mut v = a.clone();
        v.base = None;
        return Ok(v);
    }
    // Complex data is stored as complex elements; expose the part as a strided copy.
    let parts: Vec<f64> = match a.dtype {
        DType::Complex64 => a
            .to_vec::<crate::array::buffer::C64>()
            .iter()
            .map(|c| if imag { c.im as f64 } else { c.re as f64 })
            .collect(),
        _ => a
            .to_vec::<crate::array::buffer::C128>()
            .iter()
            .map(|c| if imag { c.im } else { c.re })
            .collect(),
    };
    let r = NdArray::from_data(Data::F64(parts), a.shape.clone());
    if a.dtype == DType::Complex64 {
        r.astype(DType::Float32)
    } else {
        Ok(r)
    }
}

fn real(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("real", &["val"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    Ok(interp.wrap_array_result(real_imag(&a, false)?))
}

fn imag(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("imag", &["val"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    Ok(interp.wrap_array_result(real_imag(&a, true)?))
}

/// `a.conj()`.
pub fn conj_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let s = args.take_self();
    crate::numpy::ufunc_obj::call_unary(interp, UnaryOp::Conjugate, &s, None)
}

/// `np.clip(a, a_min, a_max)`: `minimum(maximum(a, a_min), a_max)`.
pub fn clip(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "clip",
        &["a", "a_min", "a_max", "out", "*", "min", "max"],
        1,
    )?;
    let mut v = req(&b[0]);
    let lo = b[1].clone().or_else(|| b[4].clone()).unwrap_or(Value::None);
    let hi = b[2].clone().or_else(|| b[5].clone()).unwrap_or(Value::None);
    if !lo.is_none() {
        v = interp.apply_binary_ufunc(BinaryOp::Maximum, &v, &lo)?;
    }
    if !hi.is_none() {
        v = interp.apply_binary_ufunc(BinaryOp::Minimum, &v, &hi)?;
    }
    if lo.is_none() && hi.is_none() {
        let a = argparse::array(interp, &v)?;
        return Ok(interp.wrap_array_result(a.copy()?));
    }
    if let Some(Value::Array(out)) = &b[3] {
        let r = interp.to_array(&v)?;
        out.assign(&r)?;
        return Ok(Value::Array(out.clone()));
    }
    Ok(v)
}

/// NumPy's `round(a, decimals)`: scale, round half to even, unscale (for floats); integers
/// with negative decimals round to multiples of 10**-decimals.
pub fn round_array(a: &NdArray, decimals: i64) -> PyResult<NdArray> {
    if a.dtype.is_integer() || a.dtype == DType::Bool {
        if decimals >= 0 {
            return a.copy();
        }
        let f = a.astype(DType::Float64)?;
        let r = round_array(&f, decimals)?;
        return r.astype(a.dtype);
    }
    if decimals == 0 {
        return ufunc::unary(UnaryOp::Rint, a, None);
    }
    let scale = 10f64.powi(decimals.unsigned_abs() as i32);
    let (mul, div) = if decimals > 0 {
        (BinaryOp::Multiply, BinaryOp::TrueDivide)
    } else {
        (BinaryOp::TrueDivide, BinaryOp::Multiply)
    };
    let scaled = ufunc::binary(
        mul,
        Operand::Array(a),
        Operand::Weak(ufunc::WeakScalar::Float(scale)),
        None,
        None,
    )?;
    let rounded = ufunc::unary(UnaryOp::Rint, &scaled, None)?;
    ufunc::binary(
        div,
        Operand::Array(&rounded),
        Operand::Weak(ufunc::WeakScalar::Float(scale)),
        None,
        None,
    )
}

/// `np.round(a, decimals=0)` / `a.round(decimals)`.
pub fn round(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("round", &["a", "decimals", "out"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let d = argparse::opt_int(&b[1], 0)?;
    let r = round_array(&a, d)?;
    Ok(match src {
        Value::Array(_) | Value::List(_) | Value::Tuple(_) => Value::Array(Rc::new(r)),
        _ => interp.wrap_array_result(r),
    })
}

/// `np.where(cond, x, y)` and `np.where(cond)`.
pub fn where_(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let n = args.pos.len();
    let b = args.bind("where", &["condition", "x", "y"], 1)?;
    let cond = argparse::array(interp, &req(&b[0]))?;
    if n == 1 && b[1].is_none() {
        return crate::numpy::math::nonzero_value(interp, &cond);
    }
    let (Some(x), Some(y)) = (&b[1], &b[2]) else {
        return Err(crate::errors::value_error(
            "either both or neither of x and y should be given",
        ));
    };
    let cond = cond.astype(DType::Bool)?;
    let r = select(interp, &cond, x, y)?;
    Ok(interp.wrap_array_result(r))
}

/// `where(cond, x, y)` on broadcast operands: the dtype follows NumPy's promotion with Python
/// scalars weak (`np.where(m, int8_arr, 0)` stays int8).
fn select(interp: &mut Interp, cond: &NdArray, x: &Value, y: &Value) -> PyResult<NdArray> {
    // Promotion exactly as a binary ufunc would do it, including weak Python scalars.
    let probe = {
        let wx = crate::interp::ops::weak_scalar(x)?;
        let wy = crate::interp::ops::weak_scalar(y)?;
        let ax = if wx.is_none() {
            Some(interp.to_array(x)?)
        } else {
            None
        };
        let ay = if wy.is_none() {
            Some(interp.to_array(y)?)
        } else {
            None
        };
        let ox = match (&wx, &ax) {
            (Some(w), _) => Operand::Weak(*w),
            (None, Some(a)) => Operand::Array(a),
            _ => Operand::Weak(ufunc::WeakScalar::Bool(false)),
        };
        let oy = match (&wy, &ay) {
            (Some(w), _) => Operand::Weak(*w),
            (None, Some(a)) => Operand::Array(a),
            _ => Operand::Weak(ufunc::WeakScalar::Bool(false)),
        };
        match (wx.is_some(), wy.is_some()) {
            (true, true) => crate::array::dtype::promote(
                crate::interp::convert::array_from_value(x, None)?.dtype,
                crate::interp::convert::array_from_value(y, None)?.dtype,
            )?,
            // Strings: `add` would sum the widths; where keeps the wider one.
            _ if matches!(ax.as_ref().map(|a| a.dtype), Some(DType::Str(_)))
                || matches!(ay.as_ref().map(|a| a.dtype), Some(DType::Str(_))) =>
            {
                crate::array::dtype::promote(interp.to_array(x)?.dtype, interp.to_array(y)?.dtype)?
            }
            _ => ufunc::result_dtype(BinaryOp::Add, &ox, &oy).or_else(|_| {
                let (dx, dy) = (interp.to_array(x)?.dtype, interp.to_array(y)?.dtype);
                crate::array::dtype::promote(dx, dy)
            })?,
        }
    };
    // Operands already of the result dtype are used as they are (no 80 MB copies per call).
    let cast = |a: NdArray| {
        if a.dtype == probe {
            Ok(a)
        } else {
            a.astype(probe)
        }
    };
    let xa = cast(interp.to_array(x)?)?;
    let ya = cast(interp.to_array(y)?)?;
    if let Some(r) = select_contiguous(cond, &xa, &ya) {
        return Ok(r);
    }
    let shape = crate::array::layout::broadcast_shapes(&[&cond.shape, &xa.shape, &ya.shape])?;
    let out = NdArray::zeros(probe, &shape)?;
    out.assign(&ya)?;
    let cb = cond.broadcast_to(&shape)?;
    let xb = xa.broadcast_to(&shape)?;
    let mask = [crate::array::index::IndexItem::Array(cb.copy()?)];
    let picked = xb.get_index(&mask)?;
    out.set_index(&mask, &picked)?;
    Ok(out)
}

/// `where` when the condition and both operands are C-contiguous arrays of one shape (the
/// common `np.where(a > b, a, b)`): one typed pass, no masks or gathers. `None` otherwise.
fn select_contiguous(cond: &NdArray, x: &NdArray, y: &NdArray) -> Option<NdArray> {
    if cond.shape != x.shape || cond.shape != y.shape || x.dtype != y.dtype {
        return None;
    }
    let c = cond.as_slice::<bool>()?;
    crate::with_numeric!(x.dtype, T => {
        let (xs, ys) = (x.as_slice::<T>()?, y.as_slice::<T>()?);
        let mut out: Vec<T> = crate::array::buffer::advised_vec(c.len());
        out.extend(c.iter().zip(xs.iter().zip(ys)).map(|(&c, (&a, &b))| if c { a } else { b }));
        Some(NdArray::from_vec(out, x.shape.clone()))
    }, str => None)
}

/// `np.nonzero(a)` as a tuple of index arrays.
pub fn nonzero_value(interp: &mut Interp, a: &NdArray) -> PyResult<Value> {
    let _ = interp;
    let mask = if a.dtype == DType::Bool {
        a.clone()
    } else {
        a.astype(DType::Bool)?
    };
    let mask = if mask.ndim() == 0 {
        mask.reshape(&[1])?
    } else {
        mask
    };
    let idx = crate::array::index::mask::nonzero(&mask)?;
    Ok(Value::tuple(
        idx.into_iter().map(|x| Value::Array(Rc::new(x))).collect(),
    ))
}
