//! Array properties and conversions as functions: `np.shape`, `np.size`, `np.ndim`,
//! `np.isfortran`, `np.iterable`, `np.astype`, `np.asfortranarray`, `np.require`,
//! `np.asarray_chkfinite`. Each returns its input itself when NumPy does (no conversion
//! needed), so `is` and `np.shares_memory` tell the same story as in NumPy.

use std::rc::Rc;

use crate::array::dtype::Kind;
use crate::array::layout::normalize_axis;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::array_from_value;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::matrix_indices::array_attr;
use crate::numpy::FnEntry;
use crate::value::Value;

/// The property family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("shape", shape, "shape(a): the shape of an array-like, as a tuple"),
    (
        "size",
        size,
        "size(a, axis=None): the number of elements (along the given axis or axes)",
    ),
    ("ndim", ndim, "ndim(a): the number of dimensions of an array-like"),
    (
        "isfortran",
        isfortran,
        "isfortran(a): whether a is Fortran-contiguous and not also C-contiguous",
    ),
    (
        "iterable",
        iterable,
        "iterable(y): whether iter(y) works",
    ),
    (
        "astype",
        astype,
        "astype(x, dtype, /, *, copy=True, device=None): x cast to dtype (x itself when copy=False and no cast is needed)",
    ),
    (
        "asfortranarray",
        asfortranarray,
        "asfortranarray(a, dtype=None): a (at least 1-D) laid out in Fortran order",
    ),
    (
        "require",
        require,
        "require(a, dtype=None, requirements=None): an array meeting the requirements ('C', 'F', 'A', 'W', 'O', 'E')",
    ),
    (
        "asarray_chkfinite",
        asarray_chkfinite,
        "asarray_chkfinite(a, dtype=None, order=None): asarray, raising ValueError on inf or NaN",
    ),
];

/// The array view of an argument without copying arrays (`np.asarray`).
fn as_array(interp: &mut Interp, v: &Value) -> PyResult<NdArray> {
    interp.to_array(v)
}

fn int_tuple(dims: &[usize]) -> Value {
    Value::tuple(dims.iter().map(|&d| Value::Int(d as i64)).collect())
}

/// `np.shape(a)`.
pub fn shape(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("shape", &["a"], 1)?;
    let a = as_array(interp, &req(&b[0]))?;
    Ok(int_tuple(&a.shape))
}

/// `np.size(a, axis=None)`.
pub fn size(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("size", &["a", "axis"], 1)?;
    let a = as_array(interp, &req(&b[0]))?;
    let n = match argparse::axes(&b[1])? {
        None => a.size(),
        Some(axes) => {
            let mut n = 1usize;
            for ax in axes {
                n *= a.shape[normalize_axis(ax, a.ndim())?];
            }
            n
        }
    };
    Ok(Value::Int(n as i64))
}

/// `np.ndim(a)`.
pub fn ndim(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("ndim", &["a"], 1)?;
    let a = as_array(interp, &req(&b[0]))?;
    Ok(Value::Int(a.ndim() as i64))
}

/// `np.isfortran(a)`: `a.flags.fnc`.
pub fn isfortran(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("isfortran", &["a"], 1)?;
    let a = array_attr(&req(&b[0]), "flags")?;
    Ok(Value::Bool(a.is_f_contiguous() && !a.is_c_contiguous()))
}

/// `np.iterable(y)`.
pub fn iterable(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("iterable", &["y"], 1)?;
    let y = req(&b[0]);
    let ok = match &y {
        // Iterating these would walk them; that they can be iterated is enough.
        Value::Iterator(_) | Value::Range(_) | Value::List(_) | Value::Tuple(_) => true,
        Value::Array(a) => a.ndim() > 0,
        other => interp.value_iter(other).is_ok(),
    };
    Ok(Value::Bool(ok))
}

/// `np.astype(x, dtype, /, *, copy=True, device=None)`.
pub fn astype(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("astype", &["x", "dtype", "*", "copy", "device"], 2)?;
    let x = req(&b[0]);
    let Some(a) = x.as_ndarray().cloned() else {
        return Err(type_error(format!(
            "Input should be a NumPy array or scalar. It is a <class '{}'> instead.",
            x.type_name()
        )));
    };
    // `dtype=None` is the default float64, as in `np.dtype(None)`.
    let dtype = argparse::dtype(&b[1])?.unwrap_or(crate::array::dtype::DType::Float64);
    let copy = argparse::flag(interp, &b[2], true)?;
    if !copy && dtype == a.dtype {
        return Ok(x);
    }
    let r = a.astype(dtype)?;
    Ok(match x {
        Value::Scalar(_) => Value::Scalar(Rc::new(r)),
        _ => Value::Array(Rc::new(r)),
    })
}

/// A copy of `a` in Fortran order (owning its data).
pub fn fortran_copy(a: &NdArray) -> PyResult<NdArray> {
    a.transpose(None)?.copy()?.transpose(None)
}

/// `np.asfortranarray(a, dtype=None, *, like=None)`.
pub fn asfortranarray(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("asfortranarray", &["a", "dtype", "*", "like"], 1)?;
    let obj = req(&b[0]);
    let dtype = argparse::dtype(&b[1])?;
    if let Value::Array(x) = &obj {
        if dtype.is_none_or(|d| d == x.dtype) && x.ndim() > 0 && x.is_f_contiguous() {
            return Ok(obj);
        }
    }
    let a = array_from_value(&obj, dtype)?;
    let a = if a.ndim() == 0 { a.reshape(&[1])? } else { a };
    Ok(Value::Array(Rc::new(if a.is_f_contiguous() {
        a
    } else {
        fortran_copy(&a)?
    })))
}

/// NumPy's `KeyError` (its repr is the key's repr).
fn key_error(interp: &mut Interp, key: &Value) -> PyResult<Exception> {
    let r = interp.repr(key)?;
    let mut e = Exception::new(ExcType::KeyError, r.clone());
    e.args_repr = Some(r);
    Ok(e)
}

/// `np.require(a, dtype=None, requirements=None, *, like=None)`.
pub fn require(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("require", &["a", "dtype", "requirements", "*", "like"], 1)?;
    let obj = req(&b[0]);
    let dtype = argparse::dtype(&b[1])?;
    let reqs = match &b[2] {
        None | Some(Value::None) => Vec::new(),
        Some(r) => interp.iterate(r)?,
    };
    let mut flags: Vec<char> = Vec::new();
    for r in &reqs {
        let name = match r {
            Value::Str(s) => s.to_uppercase(),
            other => return Err(key_error(interp, other)?),
        };
        let flag = match name.as_str() {
            "C" | "C_CONTIGUOUS" | "CONTIGUOUS" => 'C',
            "F" | "F_CONTIGUOUS" | "FORTRAN" => 'F',
            "A" | "ALIGNED" => 'A',
            "W" | "WRITEABLE" => 'W',
            "O" | "OWNDATA" => 'O',
            "E" | "ENSUREARRAY" => 'E',
            _ => return Err(key_error(interp, r)?),
        };
        if !flags.contains(&flag) {
            flags.push(flag);
        }
    }
    if flags.contains(&'C') && flags.contains(&'F') {
        return Err(value_error("Cannot specify both \"C\" and \"F\" order"));
    }
    // `np.array(a, dtype=dtype, order=order, copy=None)`.
    let (arr_v, arr) = match &obj {
        Value::Array(x) if dtype.is_none_or(|d| d == x.dtype) => (obj.clone(), (**x).clone()),
        other => {
            let a = array_from_value(other, dtype)?;
            (Value::Array(Rc::new(a.clone())), a)
        }
    };
    let fortran = flags.contains(&'F');
    let (arr_v, arr) = if fortran && !arr.is_f_contiguous() {
        let c = fortran_copy(&arr)?;
        (Value::Array(Rc::new(c.clone())), c)
    } else if flags.contains(&'C') && !arr.is_c_contiguous() {
        let c = arr.copy()?;
        (Value::Array(Rc::new(c.clone())), c)
    } else {
        (arr_v, arr)
    };
    let missing = (flags.contains(&'W') && !arr.writeable.get())
        || (flags.contains(&'O') && !arr.owns_data());
    if missing {
        let c = if fortran
            || (!flags.contains(&'C') && arr.is_f_contiguous() && !arr.is_c_contiguous())
        {
            fortran_copy(&arr)?
        } else {
            arr.copy()?
        };
        return Ok(Value::Array(Rc::new(c)));
    }
    Ok(arr_v)
}

/// `np.asarray_chkfinite(a, dtype=None, order=None)`.
pub fn asarray_chkfinite(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("asarray_chkfinite", &["a", "dtype", "order"], 1)?;
    let obj = req(&b[0]);
    let dtype = argparse::dtype(&b[1])?;
    let (v, a) = match &obj {
        Value::Array(x) if dtype.is_none_or(|d| d == x.dtype) => (obj.clone(), (**x).clone()),
        other => {
            let a = array_from_value(other, dtype)?;
            (Value::Array(Rc::new(a.clone())), a)
        }
    };
    if matches!(a.dtype.kind(), Kind::Float | Kind::Complex) {
        let finite = crate::array::ufunc::unary(crate::array::ufunc::UnaryOp::Isfinite, &a, None)?;
        if finite.to_vec::<bool>().iter().any(|&f| !f) {
            return Err(value_error("array must not contain infs or NaNs"));
        }
    }
    Ok(v)
}
