//! Miscellaneous numerics: diff/ediff1d, isclose/allclose, array_equal/array_equiv,
//! nan_to_num, angle, real_if_close, iscomplexobj/isrealobj, divmod, float_power, select,
//! interp and apply_along_axis — composed from the ufuncs with NumPy's promotion rules.

use std::rc::Rc;

use crate::array::dtype::{DType, Kind};
use crate::array::index::IndexItem;
use crate::array::layout::normalize_axis;
use crate::array::ufunc::{BinaryOp, UnaryOp};
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::array_from_value;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::joining::{concat, slice_axis};
use crate::numpy::ufunc_obj::call_unary;
use crate::numpy::FnEntry;
use crate::syntax::span::Span;
use crate::value::Value;

/// The miscellaneous family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "diff",
        diff,
        "diff(a, n=1, axis=-1, prepend=None, append=None): n-th discrete difference",
    ),
    (
        "ediff1d",
        ediff1d,
        "ediff1d(ary, to_end=None, to_begin=None): differences of the flattened array",
    ),
    (
        "isclose",
        isclose,
        "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False): elementwise closeness",
    ),
    (
        "allclose",
        allclose,
        "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False): whether all elements are close",
    ),
    (
        "array_equal",
        array_equal,
        "array_equal(a1, a2, equal_nan=False): same shape and elements",
    ),
    (
        "array_equiv",
        array_equiv,
        "array_equiv(a1, a2): equal after broadcasting",
    ),
    (
        "nan_to_num",
        nan_to_num,
        "nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None): replace NaN and infinities",
    ),
    (
        "angle",
        angle,
        "angle(z, deg=False): the argument of complex numbers",
    ),
    (
        "real_if_close",
        real_if_close,
        "real_if_close(a, tol=100): real parts when all imaginary parts are tiny",
    ),
    (
        "iscomplexobj",
        iscomplexobj,
        "iscomplexobj(x): whether x has a complex dtype",
    ),
    (
        "isrealobj",
        isrealobj,
        "isrealobj(x): whether x has no complex dtype",
    ),
    (
        "iscomplex",
        iscomplex,
        "iscomplex(x): elementwise: imaginary part non-zero",
    ),
    (
        "isreal",
        isreal,
        "isreal(x): elementwise: imaginary part zero",
    ),
    (
        "isscalar",
        isscalar,
        "isscalar(element): whether element is a scalar",
    ),
    (
        "divmod",
        divmod,
        "divmod(x1, x2): (floor_divide(x1, x2), remainder(x1, x2))",
    ),
    (
        "float_power",
        float_power,
        "float_power(x1, x2): power computed in float64 (or complex128)",
    ),
    (
        "select",
        select,
        "select(condlist, choicelist, default=0): elements from choices by conditions",
    ),
    (
        "interp",
        interp_fn,
        "interp(x, xp, fp, left=None, right=None, period=None): 1-D linear interpolation",
    ),
    (
        "apply_along_axis",
        apply_along_axis,
        "apply_along_axis(func1d, axis, arr, *args, **kwargs): apply a function to 1-D slices",
    ),
];

fn bin(interp: &mut Interp, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    interp.apply_binary_ufunc(op, a, b)
}

fn un(interp: &mut Interp, op: UnaryOp, a: &Value) -> PyResult<Value> {
    call_unary(interp, op, a, None)
}

fn arr(a: NdArray) -> Value {
    Value::Array(Rc::new(a))
}

/// `np.diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)`.
pub fn diff(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("diff", &["a", "n", "axis", "prepend", "append"], 1)?;
    let n = argparse::opt_int(&b[1], 1)?;
    if n == 0 {
        return Ok(req(&b[0]));
    }
    if n < 0 {
        return Err(value_error(format!(
            "order must be non-negative but got {n}"
        )));
    }
    let mut a = argparse::array(interp, &req(&b[0]))?;
    if a.ndim() == 0 {
        return Err(value_error(
            "diff requires input that is at least one dimensional",
        ));
    }
    let axis = normalize_axis(argparse::opt_int(&b[2], -1)?, a.ndim())?;
    let edge = |v: &Value, a: &NdArray| -> PyResult<NdArray> {
        let e = array_from_value(v, None)?;
        if e.ndim() == 0 {
            let mut shape = a.shape.clone();
            shape[axis] = 1;
            return e.broadcast_to(&shape);
        }
        Ok(e)
    };
    let mut parts = Vec::new();
    if let Some(p) = &b[3] {
        parts.push(edge(p, &a)?);
    }
    parts.push(a.clone());
    if let Some(p) = &b[4] {
        parts.push(edge(p, &a)?);
    }
    if parts.len() > 1 {
        a = concat(&parts, Some(axis as i64), None)?;
    }
    let op = if a.dtype == DType::Bool {
        BinaryOp::NotEqual
    } else {
        BinaryOp::Subtract
    };
    let mut cur = arr(a);
    for _ in 0..n {
        let x = interp.to_array(&cur)?;
        let hi = arr(slice_axis(&x, axis, Some(1), None, None)?);
        let lo = arr(slice_axis(&x, axis, None, Some(-1), None)?);
        cur = bin(interp, op, &hi, &lo)?;
    }
    Ok(cur)
}

/// `np.ediff1d(ary, to_end=None, to_begin=None)`.
pub fn ediff1d(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("ediff1d", &["ary", "to_end", "to_begin"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?.reshape(&[-1])?;
    let dt = a.dtype;
    let conv = |v: &Option<Value>, what: &str| -> PyResult<Option<NdArray>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(x) => {
                let e = array_from_value(x, None)?;
                if !crate::array::dtype::can_cast_same_kind(e.dtype, dt) {
                    return Err(type_error(format!(
                        "dtype of `{what}` must be compatible with input `ary` under the `same_kind` rule."
                    )));
                }
                Ok(Some(e.reshape(&[-1])?.astype(dt)?))
            }
        }
    };
    let end = conv(&b[1], "to_end")?;
    let begin = conv(&b[2], "to_begin")?;
    let hi = arr(slice_axis(&a, 0, Some(1), None, None)?);
    let lo = arr(slice_axis(&a, 0, None, Some(-1), None)?);
    let dv = bin(interp, BinaryOp::Subtract, &hi, &lo)?;
    let d = interp.to_array(&dv)?.astype(dt)?;
    let mut parts = Vec::new();
    parts.extend(begin);
    parts.push(d);
    parts.extend(end);
    Ok(arr(concat(&parts, Some(0), Some(dt))?))
}

/// NumPy's isclose, returning the (possibly 0-d) boolean result as a value.
fn isclose_value(
    interp: &mut Interp,
    a: &Value,
    b: &Value,
    rtol: &Value,
    atol: &Value,
    equal_nan: bool,
) -> PyResult<Value> {
    let is_py = |v: &Value| {
        matches!(
            v,
            Value::Int(_) | Value::Float(_) | Value::Complex(_) | Value::Bool(_)
        )
    };
    let x = if is_py(a) {
        a.clone()
    } else {
        arr(interp.to_array(a)?)
    };
    let y = match b {
        Value::Int(i) => Value::Float(*i as f64),
        v if is_py(v) => v.clone(),
        v => {
            let ya = interp.to_array(v)?;
            let dt =
                crate::array::dtype::promote_weak(ya.dtype, crate::array::dtype::WeakKind::Float);
            arr(if ya.dtype == dt { ya } else { ya.astype(dt)? })
        }
    };
    let diff = bin(interp, BinaryOp::Subtract, &x, &y)?;
    let lhs = un(interp, UnaryOp::Absolute, &diff)?;
    let absy = un(interp, UnaryOp::Absolute, &y)?;
    let scaled = bin(interp, BinaryOp::Multiply, rtol, &absy)?;
    let rhs = bin(interp, BinaryOp::Add, atol, &scaled)?;
    let le = bin(interp, BinaryOp::LessEqual, &lhs, &rhs)?;
    let fin = un(interp, UnaryOp::Isfinite, &y)?;
    let both = bin(interp, BinaryOp::BitwiseAnd, &le, &fin)?;
    let eq = bin(interp, BinaryOp::Equal, &x, &y)?;
    let mut r = bin(interp, BinaryOp::BitwiseOr, &both, &eq)?;
    if equal_nan {
        let nx = un(interp, UnaryOp::Isnan, &x)?;
        let ny = un(interp, UnaryOp::Isnan, &y)?;
        let nn = bin(interp, BinaryOp::BitwiseAnd, &nx, &ny)?;
        r = bin(interp, BinaryOp::BitwiseOr, &r, &nn)?;
    }
    Ok(r)
}

fn close_args(
    interp: &mut Interp,
    args: Args,
    name: &str,
) -> PyResult<(Value, Value, Value, Value, bool)> {
    let b = args.bind(name, &["a", "b", "rtol", "atol", "equal_nan"], 2)?;
    let equal_nan = argparse::flag(interp, &b[4], false)?;
    Ok((
        req(&b[0]),
        req(&b[1]),
        b[2].clone().unwrap_or(Value::Float(1e-5)),
        b[3].clone().unwrap_or(Value::Float(1e-8)),
        equal_nan,
    ))
}

/// `np.isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`.
pub fn isclose(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (a, b, rtol, atol, en) = close_args(interp, args, "isclose")?;
    crate::numpy::errstate::quietly(|| isclose_value(interp, &a, &b, &rtol, &atol, en))
}

/// `np.allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`: a Python bool.
pub fn allclose(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (a, b, rtol, atol, en) = close_args(interp, args, "allclose")?;
    let r = crate::numpy::errstate::quietly(|| isclose_value(interp, &a, &b, &rtol, &atol, en))?;
    let r = interp.to_array(&r)?;
    Ok(Value::Bool(r.to_vec::<bool>().iter().all(|&x| x)))
}

/// Whether every element of a boolean value is true.
fn all_true(interp: &mut Interp, v: &Value) -> PyResult<bool> {
    let a = interp.to_array(v)?.astype(DType::Bool)?;
    Ok(a.to_vec::<bool>().iter().all(|&x| x))
}

/// `np.array_equal(a1, a2, equal_nan=False)`: a Python bool.
pub fn array_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("array_equal", &["a1", "a2", "equal_nan"], 2)?;
    let equal_nan = argparse::flag(interp, &b[2], false)?;
    let (Ok(x), Ok(y)) = (interp.to_array(&req(&b[0])), interp.to_array(&req(&b[1]))) else {
        return Ok(Value::Bool(false));
    };
    if x.shape != y.shape {
        return Ok(Value::Bool(false));
    }
    let (xv, yv) = (arr(x.clone()), arr(y.clone()));
    let eq = bin(interp, BinaryOp::Equal, &xv, &yv)?;
    if !equal_nan || !(x.dtype.is_inexact() || y.dtype.is_inexact()) {
        return Ok(Value::Bool(all_true(interp, &eq)?));
    }
    let nx = un(interp, UnaryOp::Isnan, &xv)?;
    let ny = un(interp, UnaryOp::Isnan, &yv)?;
    let same_nan = bin(interp, BinaryOp::Equal, &nx, &ny)?;
    if !all_true(interp, &same_nan)? {
        return Ok(Value::Bool(false));
    }
    let ok = bin(interp, BinaryOp::BitwiseOr, &eq, &nx)?;
    Ok(Value::Bool(all_true(interp, &ok)?))
}

/// `np.array_equiv(a1, a2)`: a Python bool.
pub fn array_equiv(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("array_equiv", &["a1", "a2"], 2)?;
    let (Ok(x), Ok(y)) = (interp.to_array(&req(&b[0])), interp.to_array(&req(&b[1]))) else {
        return Ok(Value::Bool(false));
    };
    if crate::array::layout::broadcast_shapes(&[&x.shape, &y.shape]).is_err() {
        return Ok(Value::Bool(false));
    }
    let eq = bin(interp, BinaryOp::Equal, &arr(x), &arr(y))?;
    Ok(Value::Bool(all_true(interp, &eq)?))
}

/// Largest finite value of a float dtype.
fn float_max(d: DType) -> f64 {
    if d == DType::Float32 {
        f32::MAX as f64
    } else if d == DType::Float16 {
        ::half::f16::MAX.to_f64()
    } else {
        f64::MAX
    }
}

/// `np.nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None)`.
pub fn nan_to_num(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("nan_to_num", &["x", "copy", "nan", "posinf", "neginf"], 1)?;
    let src = req(&b[0]);
    let copy = argparse::flag(interp, &b[1], true)?;
    let x = match (&src, copy) {
        (Value::Array(a), false) => (**a).clone(),
        _ => argparse::array(interp, &src)?.copy()?,
    };
    let scalar = x.ndim() == 0;
    let finish = |interp: &Interp, x: NdArray| -> Value {
        match (&src, copy) {
            (Value::Array(a), false) => Value::Array(a.clone()),
            _ if scalar => interp.wrap_array_result(x),
            _ => arr(x),
        }
    };
    if !x.dtype.is_inexact() {
        return Ok(finish(interp, x));
    }
    let real = x.dtype.real_dtype();
    let nan = match &b[2] {
        Some(v) => interp.to_float(v)?,
        None => 0.0,
    };
    let posinf = match &b[3] {
        Some(Value::None) | None => float_max(real),
        Some(v) => interp.to_float(v)?,
    };
    let neginf = match &b[4] {
        Some(Value::None) | None => -float_max(real),
        Some(v) => interp.to_float(v)?,
    };
    let fix = |v: f64| -> f64 {
        if v.is_nan() {
            nan
        } else if v == f64::INFINITY {
            posinf
        } else if v == f64::NEG_INFINITY {
            neginf
        } else {
            v
        }
    };
    match x.dtype {
        DType::Float64 => {
            if let Some(s) = x.as_slice_mut::<f64>() {
                s.iter_mut().for_each(|v| *v = fix(*v));
            }
        }
        DType::Float32 => {
            if let Some(s) = x.as_slice_mut::<f32>() {
                s.iter_mut().for_each(|v| *v = fix(*v as f64) as f32);
            }
        }
        DType::Float16 => {
            if let Some(s) = x.as_slice_mut::<::half::f16>() {
                s.iter_mut()
                    .for_each(|v| *v = ::half::f16::from_f64(fix(v.to_f64())));
            }
        }
        DType::Complex128 => {
            if let Some(s) = x.as_slice_mut::<crate::array::buffer::C128>() {
                s.iter_mut().for_each(|v| {
                    v.re = fix(v.re);
                    v.im = fix(v.im);
                });
            }
        }
        DType::Complex64 => {
            if let Some(s) = x.as_slice_mut::<crate::array::buffer::C64>() {
                s.iter_mut().for_each(|v| {
                    v.re = fix(v.re as f64) as f32;
                    v.im = fix(v.im as f64) as f32;
                });
            }
        }
        _ => {}
    }
    if !x.is_c_contiguous() {
        return Err(value_error(
            "nan_to_num(copy=False) needs a contiguous array in numpyx",
        ));
    }
    Ok(finish(interp, x))
}

/// `np.angle(z, deg=False)`.
pub fn angle(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("angle", &["z", "deg"], 1)?;
    let z = argparse::array(interp, &req(&b[0]))?;
    let deg = argparse::flag(interp, &b[1], false)?;
    let (im, re) = if z.dtype.kind() == Kind::Complex {
        (
            arr(crate::numpy::math::real_imag(&z, true)?.copy()?),
            arr(crate::numpy::math::real_imag(&z, false)?.copy()?),
        )
    } else {
        (Value::Int(0), arr(z))
    };
    let mut a = bin(interp, BinaryOp::Arctan2, &im, &re)?;
    if deg {
        a = bin(
            interp,
            BinaryOp::Multiply,
            &a,
            &Value::Float(180.0 / std::f64::consts::PI),
        )?;
    }
    Ok(a)
}

/// `np.real_if_close(a, tol=100)`.
pub fn real_if_close(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("real_if_close", &["a", "tol"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    if a.dtype.kind() != Kind::Complex {
        return Ok(arr(a));
    }
    let mut tol = match &b[1] {
        Some(v) => interp.to_float(v)?,
        None => 100.0,
    };
    if tol > 1.0 {
        tol *= if a.dtype == DType::Complex64 {
            f32::EPSILON as f64
        } else {
            f64::EPSILON
        };
    }
    let im = crate::numpy::math::real_imag(&a, true)?.to_vec_f64()?;
    if im.iter().all(|x| x.abs() < tol) {
        return Ok(arr(crate::numpy::math::real_imag(&a, false)?.copy()?));
    }
    Ok(arr(a))
}

fn dtype_of(interp: &mut Interp, v: &Value) -> PyResult<DType> {
    Ok(match v {
        Value::DType(d) => *d,
        other => interp.to_array(other)?.dtype,
    })
}

/// `np.iscomplexobj(x)`.
pub fn iscomplexobj(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("iscomplexobj", &["x"], 1)?;
    Ok(Value::Bool(
        dtype_of(interp, &req(&b[0]))?.kind() == Kind::Complex,
    ))
}

/// `np.isrealobj(x)`.
pub fn isrealobj(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("isrealobj", &["x"], 1)?;
    Ok(Value::Bool(
        dtype_of(interp, &req(&b[0]))?.kind() != Kind::Complex,
    ))
}

fn imag_zero(interp: &mut Interp, v: &Value, want_zero: bool) -> PyResult<Value> {
    let a = argparse::array(interp, v)?;
    let r = if a.dtype.kind() == Kind::Complex {
        let im = arr(crate::numpy::math::real_imag(&a, true)?.copy()?);
        bin(
            interp,
            if want_zero {
                BinaryOp::Equal
            } else {
                BinaryOp::NotEqual
            },
            &im,
            &Value::Int(0),
        )?
    } else {
        interp.wrap_array_result(NdArray::full(&a.shape, want_zero)?)
    };
    Ok(r)
}

/// `np.iscomplex(x)`.
pub fn iscomplex(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("iscomplex", &["x"], 1)?;
    imag_zero(interp, &req(&b[0]), false)
}

/// `np.isreal(x)`.
pub fn isreal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("isreal", &["x"], 1)?;
    imag_zero(interp, &req(&b[0]), true)
}

/// `np.isscalar(element)`.
pub fn isscalar(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("isscalar", &["element"], 1)?;
    Ok(Value::Bool(matches!(
        req(&b[0]),
        Value::Int(_)
            | Value::BigInt(_)
            | Value::Float(_)
            | Value::Complex(_)
            | Value::Bool(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Scalar(_)
    )))
}

/// `np.divmod(x1, x2)`: a tuple of two arrays.
pub fn divmod(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut args = args;
    args.take_kw("out");
    let b = args.bind("divmod", &["x1", "x2"], 2)?;
    let (x, y) = (req(&b[0]), req(&b[1]));
    let q = bin(interp, BinaryOp::FloorDivide, &x, &y)?;
    let r = bin(interp, BinaryOp::Remainder, &x, &y)?;
    Ok(Value::tuple(vec![q, r]))
}

/// `np.float_power(x1, x2)`.
pub fn float_power(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("float_power", &["x1", "x2"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::array(interp, &req(&b[1]))?;
    let complex = x.dtype.kind() == Kind::Complex || y.dtype.kind() == Kind::Complex;
    let dt = if complex {
        DType::Complex128
    } else {
        DType::Float64
    };
    let r = crate::array::ufunc::binary(
        BinaryOp::Power,
        crate::array::ufunc::Operand::Array(&x.astype(dt)?),
        crate::array::ufunc::Operand::Array(&y.astype(dt)?),
        None,
        None,
    )?;
    interp.flush_warnings();
    Ok(interp.wrap_array_result(r))
}

/// `np.select(condlist, choicelist, default=0)`.
pub fn select(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("select", &["condlist", "choicelist", "default"], 2)?;
    let conds = interp.iterate(&req(&b[0]))?;
    let choices = interp.iterate(&req(&b[1]))?;
    let default = b[2].clone().unwrap_or(Value::Int(0));
    if conds.len() != choices.len() {
        return Err(value_error(
            "list of cases must be same length as list of conditions",
        ));
    }
    if conds.is_empty() {
        return Err(value_error(
            "select with an empty condition list is not possible",
        ));
    }
    let mut cond_arrs = Vec::with_capacity(conds.len());
    for (i, c) in conds.iter().enumerate() {
        let a = interp.to_array(c)?;
        if a.dtype != DType::Bool {
            return Err(type_error(format!(
                "invalid entry {i} in condlist: should be boolean ndarray"
            )));
        }
        cond_arrs.push(a);
    }
    // dtype = result_type(*choicelist, default) with a weak Python default.
    let mut operands: Vec<Value> = choices
        .iter()
        .map(|c| interp.to_array(c).map(arr))
        .collect::<PyResult<_>>()?;
    operands.push(default.clone());
    let dt = crate::numpy::typeinfo::result_type_of(interp, &operands)?;
    let mut shapes: Vec<Vec<usize>> = cond_arrs.iter().map(|a| a.shape.clone()).collect();
    for c in &operands {
        shapes.push(interp.to_array(c)?.shape);
    }
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    let shape = crate::array::layout::broadcast_shapes(&refs)?;
    let out = NdArray::zeros(dt, &shape)?;
    out.assign(&interp.to_array(&default)?.astype(dt)?)?;
    for (c, ch) in cond_arrs.iter().zip(&operands).rev() {
        let mask = c.broadcast_to(&shape)?.copy()?;
        let vals = interp.to_array(ch)?.astype(dt)?.broadcast_to(&shape)?;
        let picked = vals.get_index(&[IndexItem::Array(mask.clone())])?;
        out.set_index(&[IndexItem::Array(mask)], &picked)?;
    }
    Ok(interp.wrap_array_result(out))
}

/// NumPy's `arr_interp` for one point (xp increasing; `slopes` precomputed).
fn interp_one(x: f64, xp: &[f64], fp: &[f64], left: f64, right: f64) -> f64 {
    let n = xp.len();
    if x.is_nan() {
        return x;
    }
    if x > xp[n - 1] {
        return right;
    }
    if x < xp[0] {
        return left;
    }
    // Index j with xp[j] <= x < xp[j+1] (binary search, as NumPy's binary_search_with_guess).
    let j = xp.partition_point(|&v| v <= x).saturating_sub(1);
    if j == n - 1 {
        return fp[j];
    }
    if xp[j] == x {
        return fp[j];
    }
    let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    let mut r = slope * (x - xp[j]) + fp[j];
    if r.is_nan() {
        r = slope * (x - xp[j + 1]) + fp[j + 1];
        if r.is_nan() && fp[j] == fp[j + 1] {
            r = fp[j];
        }
    }
    r
}

/// `np.interp(x, xp, fp, left=None, right=None, period=None)` for real values.
pub fn interp_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("interp", &["x", "xp", "fp", "left", "right", "period"], 3)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let mut xp = argparse::array(interp, &req(&b[1]))?.to_vec_f64()?;
    let fp_a = argparse::array(interp, &req(&b[2]))?;
    if fp_a.dtype.kind() == Kind::Complex {
        return Err(type_error(
            "numpyx: np.interp of complex fp is not supported",
        ));
    }
    let xa = argparse::array(interp, &req(&b[1]))?;
    if xa.ndim() != 1 || fp_a.ndim() != 1 {
        return Err(value_error("object too deep for desired array"));
    }
    let mut fp = fp_a.to_vec_f64()?;
    if fp.len() != xp.len() {
        return Err(value_error("fp and xp are not of the same length."));
    }
    if xp.is_empty() {
        return Err(value_error("array of sample points is empty"));
    }
    let opt = |interp: &mut Interp, v: &Option<Value>, d: f64| -> PyResult<f64> {
        match v {
            None | Some(Value::None) => Ok(d),
            Some(x) => interp.to_float(x),
        }
    };
    let mut xs = x.to_vec_f64()?;
    let (mut left, mut right) = (
        opt(interp, &b[3], fp[0])?,
        opt(interp, &b[4], fp[fp.len() - 1])?,
    );
    if let Some(p) = &b[5] {
        if !matches!(p, Value::None) {
            let period = interp.to_float(p)?.abs();
            if period == 0.0 {
                return Err(value_error("period must be a non-zero value"));
            }
            xs.iter_mut().for_each(|v| *v = v.rem_euclid(period));
            let mut pairs: Vec<(f64, f64)> = xp
                .iter()
                .map(|v| v.rem_euclid(period))
                .zip(fp.iter().copied())
                .collect();
            pairs.sort_by(|a, c| a.0.total_cmp(&c.0));
            let (first, last) = (pairs[0], pairs[pairs.len() - 1]);
            xp = std::iter::once(last.0 - period)
                .chain(pairs.iter().map(|p| p.0))
                .chain(std::iter::once(first.0 + period))
                .collect();
            fp = std::iter::once(last.1)
                .chain(pairs.iter().map(|p| p.1))
                .chain(std::iter::once(first.1))
                .collect();
            left = fp[0];
            right = fp[fp.len() - 1];
        }
    }
    let out: Vec<f64> = xs
        .iter()
        .map(|&v| interp_one(v, &xp, &fp, left, right))
        .collect();
    Ok(interp.wrap_array_result(NdArray::from_vec(out, x.shape.clone())))
}

/// `np.apply_along_axis(func1d, axis, arr, *args, **kwargs)`.
pub fn apply_along_axis(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut pos = args.pos.into_iter();
    let (Some(func), Some(axis_v), Some(arr_v)) = (pos.next(), pos.next(), pos.next()) else {
        return Err(type_error(
            "apply_along_axis() missing required positional arguments: 'func1d', 'axis', 'arr'",
        ));
    };
    let extra: Vec<Value> = pos.collect();
    let a = argparse::array(interp, &arr_v)?;
    let nd = a.ndim();
    let axis = normalize_axis(argparse::int(&axis_v, "")?, nd)?;
    let mut perm: Vec<i64> = (0..nd as i64).filter(|&i| i != axis as i64).collect();
    perm.push(axis as i64);
    let view = a.transpose(Some(&perm))?;
    let outer: Vec<usize> = view.shape[..nd - 1].to_vec();
    let count: usize = outer.iter().product();
    if count == 0 {
        return Err(value_error(
            "Cannot apply_along_axis when any iteration dimensions are 0",
        ));
    }
    let mut buff: Option<NdArray> = None;
    let mut idx = vec![0usize; outer.len()];
    for _ in 0..count {
        let items: Vec<crate::array::layout::BasicIndex> = idx
            .iter()
            .map(|&i| crate::array::layout::BasicIndex::Int(i as i64))
            .collect();
        let row = view.basic_index(&items)?;
        let row_v = match &arr_v {
            Value::Array(src) => Value::Array(Rc::new(row.linked_to(src))),
            _ => arr(row),
        };
        let mut call = Args::new(
            std::iter::once(row_v)
                .chain(extra.iter().cloned())
                .collect(),
        );
        call.kw = args.kw.clone();
        let res = interp.call_value(&func, call, Span::default())?;
        let res = interp.to_array(&res)?;
        let buf = match &buff {
            Some(b) => b.clone(),
            None => {
                let mut shape = outer.clone();
                shape.extend(res.shape.iter().copied());
                let b = NdArray::zeros(res.dtype, &shape)?;
                buff = Some(b.clone());
                b
            }
        };
        let items: Vec<crate::array::layout::BasicIndex> = idx
            .iter()
            .map(|&i| crate::array::layout::BasicIndex::Int(i as i64))
            .collect();
        buf.basic_index(&items)?.assign(&res)?;
        for ax in (0..idx.len()).rev() {
            idx[ax] += 1;
            if idx[ax] < outer[ax] {
                break;
            }
            idx[ax] = 0;
        }
    }
    let Some(buf) = buff else {
        return Err(value_error("apply_along_axis: no result"));
    };
    let bn = buf.ndim();
    let rn = bn - (nd - 1);
    let mut bperm: Vec<i64> = (0..axis as i64).collect();
    bperm.extend((bn - rn) as i64..bn as i64);
    bperm.extend(axis as i64..(bn - rn) as i64);
    let rc = Rc::new(buf);
    let r = rc.transpose(Some(&bperm))?.linked_to(&rc);
    Ok(interp.wrap_array_result(r))
}
