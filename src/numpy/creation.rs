//! Array creation: `np.array`, `zeros`, `ones`, `full`, `empty`, `arange`, `linspace`, `eye`,
//! the `*_like` family, and conversion methods (`astype`, `copy`, `tolist`, `item`, `fill`).

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::{array_from_value, elem_to_value};
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The creation family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "array",
        array,
        "array(object, dtype=None, copy=True, ndmin=0): create an array from nested data",
    ),
    (
        "asarray",
        asarray,
        "asarray(a, dtype=None): convert to an array without copying arrays",
    ),
    (
        "asanyarray",
        asarray,
        "asanyarray(a, dtype=None): alias of asarray (numpyx has no subclasses)",
    ),
    (
        "ascontiguousarray",
        ascontiguousarray,
        "ascontiguousarray(a, dtype=None): a C-contiguous array (a copy only when needed)",
    ),
    (
        "zeros",
        zeros,
        "zeros(shape, dtype=float): an array of zeros",
    ),
    ("ones", ones, "ones(shape, dtype=float): an array of ones"),
    (
        "empty",
        zeros,
        "empty(shape, dtype=float): an uninitialized array (numpyx zero-fills it)",
    ),
    (
        "full",
        full,
        "full(shape, fill_value, dtype=None): an array filled with one value",
    ),
    (
        "zeros_like",
        zeros_like,
        "zeros_like(a, dtype=None): zeros with the shape and dtype of a",
    ),
    (
        "ones_like",
        ones_like,
        "ones_like(a, dtype=None): ones with the shape and dtype of a",
    ),
    (
        "empty_like",
        zeros_like,
        "empty_like(a, dtype=None): uninitialized array like a (zero-filled)",
    ),
    (
        "full_like",
        full_like,
        "full_like(a, fill_value, dtype=None): filled array like a",
    ),
    (
        "arange",
        arange,
        "arange([start,] stop[, step], dtype=None): evenly spaced values in [start, stop)",
    ),
    (
        "linspace",
        linspace,
        "linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None)",
    ),
    (
        "eye",
        eye,
        "eye(N, M=None, k=0, dtype=float): ones on the k-th diagonal",
    ),
    (
        "identity",
        identity,
        "identity(n, dtype=float): the n×n identity matrix",
    ),
    ("copy", copy, "copy(a): a copy of the array"),
    ("dtype", dtype_ctor, "dtype(obj): a data type object"),
    (
        "shares_memory",
        shares_memory,
        "shares_memory(a, b): whether a and b share memory",
    ),
    (
        "may_share_memory",
        may_share_memory,
        "may_share_memory(a, b): whether a and b might share memory",
    ),
];

fn wrap(interp: &Interp, a: NdArray) -> Value {
    let _ = interp;
    Value::Array(Rc::new(a))
}

/// `np.array(object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0)`.
pub fn array(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "array",
        &[
            "object", "dtype", "*", "copy", "order", "subok", "ndmin", "like",
        ],
        1,
    )?;
    let obj = req(&b[0]);
    let dtype = argparse::dtype(&b[1])?;
    let copy = match &b[2] {
        Some(Value::None) => None,
        other => Some(argparse::flag(interp, other, true)?),
    };
    let ndmin = argparse::opt_int(&b[5], 0)?;
    let mut a = match (&obj, copy) {
        (Value::Array(x), Some(false)) | (Value::Array(x), None) if dtype.is_none_or(|d| d == x.dtype) => {
            if (x.ndim() as i64) >= ndmin {
                return Ok(Value::Array(x.clone()));
            }
            // A view with leading length-1 axes (NumPy returns a view of the input here).
            let mut v = (**x).clone();
            while (v.ndim() as i64) < ndmin {
                v = v.expand_dims(&[0])?;
            }
            return Ok(Value::Array(Rc::new(v.linked_to(x))));
        }
        (_, Some(false)) => {
            return Err(value_error(
                "Unable to avoid copy while creating an array as requested.\nIf using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).\nFor more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword.",
            ))
        }
        _ => array_from_value(&obj, dtype)?,
    };
    while (a.ndim() as i64) < ndmin {
        a = a.expand_dims(&[0])?;
    }
    Ok(wrap(interp, a))
}

/// `np.asarray(a, dtype=None)`: the same object when no conversion is needed.
pub fn asarray(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "asarray",
        &["a", "dtype", "order", "*", "device", "copy", "like"],
        1,
    )?;
    let obj = req(&b[0]);
    let dtype = argparse::dtype(&b[1])?;
    if let Value::Array(x) = &obj {
        if dtype.is_none_or(|d| d == x.dtype) {
            return Ok(obj.clone());
        }
    }
    Ok(wrap(interp, array_from_value(&obj, dtype)?))
}

fn filled(interp: &mut Interp, args: Args, name: &str, one: bool) -> PyResult<Value> {
    let b = args.bind(name, &["shape", "dtype", "order", "*", "device", "like"], 1)?;
    let shape = argparse::shape(interp, &req(&b[0]))?;
    let dtype = argparse::dtype(&b[1])?.unwrap_or(DType::Float64);
    let z = NdArray::zeros(dtype, &shape)?;
    if one {
        z.assign(&NdArray::scalar(1i64).astype(dtype)?)?;
    }
    Ok(wrap(interp, z))
}

/// `np.zeros(shape, dtype=float)`.
pub fn zeros(interp: &mut Interp, args: Args) -> PyResult<Value> {
    filled(interp, args, "zeros", false)
}

/// `np.ones(shape, dtype=float)`.
pub fn ones(interp: &mut Interp, args: Args) -> PyResult<Value> {
    filled(interp, args, "ones", true)
}

/// `np.full(shape, fill_value, dtype=None)`.
pub fn full(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "full",
        &[
            "shape",
            "fill_value",
            "dtype",
            "order",
            "*",
            "device",
            "like",
        ],
        2,
    )?;
    let shape = argparse::shape(interp, &req(&b[0]))?;
    let fill = array_from_value(&req(&b[1]), None)?;
    let dtype = argparse::dtype(&b[2])?.unwrap_or(fill.dtype);
    let z = NdArray::zeros(dtype, &shape)?;
    z.assign(&fill)?;
    Ok(wrap(interp, z))
}

fn like(interp: &mut Interp, args: Args, name: &str, fill: Option<i64>) -> PyResult<Value> {
    let b = args.bind(
        name,
        &["a", "dtype", "order", "subok", "shape", "*", "device"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let dtype = argparse::dtype(&b[1])?.unwrap_or(a.dtype);
    let shape = match &b[4] {
        Some(s) if !s.is_none() => argparse::shape(interp, s)?,
        _ => a.shape.clone(),
    };
    let z = NdArray::zeros(dtype, &shape)?;
    if let Some(f) = fill {
        z.assign(&NdArray::scalar(f))?;
    }
    Ok(wrap(interp, z))
}

/// `np.zeros_like(a)`.
pub fn zeros_like(interp: &mut Interp, args: Args) -> PyResult<Value> {
    like(interp, args, "zeros_like", None)
}

/// `np.ones_like(a)`.
pub fn ones_like(interp: &mut Interp, args: Args) -> PyResult<Value> {
    like(interp, args, "ones_like", Some(1))
}

/// `np.full_like(a, fill_value)`.
pub fn full_like(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "full_like",
        &["a", "fill_value", "dtype", "order", "subok", "shape"],
        2,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let dtype = argparse::dtype(&b[2])?.unwrap_or(a.dtype);
    let z = NdArray::zeros(dtype, &a.shape)?;
    z.assign(&array_from_value(&req(&b[1]), None)?)?;
    Ok(wrap(interp, z))
}

/// Python-number kind of an arange/linspace argument.
fn is_integral(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Scalar(a) => a.dtype.is_integer(),
        _ => false,
    }
}

/// `np.arange([start,] stop[, step], dtype=None)`.
pub fn arange(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "arange",
        &["start", "stop", "step", "dtype", "*", "device", "like"],
        0,
    )?;
    let (start_v, stop_v) = match (&b[0], &b[1]) {
        (Some(s), None) => (Value::Int(0), s.clone()),
        (Some(s), Some(e)) => (s.clone(), e.clone()),
        (None, Some(e)) => (Value::Int(0), e.clone()),
        (None, None) => return Err(type_error("arange() requires stop to be specified.")),
    };
    let step_v = b[2].clone().unwrap_or(Value::Int(1));
    let all_int = is_integral(&start_v) && is_integral(&stop_v) && is_integral(&step_v);
    let dtype = argparse::dtype(&b[3])?;
    if all_int && dtype.is_none_or(|d| d.is_integer()) {
        let (s, e, st) = (
            argparse::int(&start_v, "")?,
            argparse::int(&stop_v, "")?,
            argparse::int(&step_v, "")?,
        );
        if st == 0 {
            return Err(crate::errors::zero_division("division by zero"));
        }
        let n = if st > 0 {
            (e - s + st - 1).div_euclid(st)
        } else {
            (s - e + (-st) - 1).div_euclid(-st)
        }
        .max(0) as usize;
        let mut v = crate::array::buffer::try_vec(n, 0i64, DType::Int64, &[n])?;
        for (i, x) in v.iter_mut().enumerate() {
            *x = s + st * i as i64;
        }
        let a = NdArray::from_vec1(v);
        let a = match dtype {
            Some(d) if d != DType::Int64 => a.astype(d)?,
            _ => a,
        };
        return Ok(wrap(interp, a));
    }
    let (s, e, st) = (
        interp.to_float(&start_v)?,
        interp.to_float(&stop_v)?,
        interp.to_float(&step_v)?,
    );
    if st == 0.0 {
        return Err(crate::errors::zero_division("division by zero"));
    }
    let len = ((e - s) / st).ceil();
    if !len.is_finite() {
        return Err(value_error("arange: cannot compute length"));
    }
    let n = len.max(0.0) as usize;
    // NumPy fills arange as start + i*delta where delta = (start+step) - start.
    let delta = (s + st) - s;
    let mut v = crate::array::buffer::try_vec(n, 0f64, DType::Float64, &[n])?;
    for (i, x) in v.iter_mut().enumerate() {
        *x = if i == 0 {
            s
        } else if i == 1 {
            s + st
        } else {
            s + i as f64 * delta
        };
    }
    let a = NdArray::from_vec1(v);
    let a = match dtype {
        Some(d) if d != DType::Float64 => a.astype(d)?,
        _ => a,
    };
    Ok(wrap(interp, a))
}

/// `np.linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)`.
pub fn linspace(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "linspace",
        &[
            "start", "stop", "num", "endpoint", "retstep", "dtype", "axis", "*", "device",
        ],
        2,
    )?;
    let start = interp.to_float(&req(&b[0]))?;
    let stop = interp.to_float(&req(&b[1]))?;
    let num = argparse::opt_int(&b[2], 50)?;
    if num < 0 {
        return Err(value_error(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    let num = num as usize;
    let endpoint = argparse::flag(interp, &b[3], true)?;
    let retstep = argparse::flag(interp, &b[4], false)?;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = if div > 0 {
        delta / div as f64
    } else {
        f64::NAN
    };
    let mut v = crate::array::buffer::try_vec(num, 0f64, DType::Float64, &[num])?;
    for (i, x) in v.iter_mut().enumerate() {
        // NumPy: y = arange(num) * step + start (or * delta / div when step == 0).
        *x = if div > 0 {
            if step == 0.0 {
                (i as f64 / div as f64) * delta + start
            } else {
                i as f64 * step + start
            }
        } else {
            i as f64 * delta + start
        };
    }
    if endpoint && num > 1 {
        if let Some(last) = v.last_mut() {
            *last = stop;
        }
    }
    let mut a = NdArray::from_vec1(v);
    if let Some(d) = argparse::dtype(&b[5])? {
        if d.is_integer() {
            a = crate::array::ufunc::unary(crate::array::ufunc::UnaryOp::Floor, &a, None)?;
        }
        a = a.astype(d)?;
    }
    let arr = wrap(interp, a);
    if retstep {
        let step = NdArray::scalar(if div > 0 { step } else { f64::NAN });
        return Ok(Value::tuple(vec![arr, Value::Scalar(Rc::new(step))]));
    }
    Ok(arr)
}

/// `np.eye(N, M=None, k=0, dtype=float)`.
pub fn eye(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "eye",
        &["N", "M", "k", "dtype", "order", "*", "device", "like"],
        1,
    )?;
    let n = argparse::int(&req(&b[0]), "")?.max(0) as usize;
    let m = match &b[1] {
        None | Some(Value::None) => n,
        Some(v) => argparse::int(v, "")?.max(0) as usize,
    };
    let k = argparse::opt_int(&b[2], 0)?;
    let dtype = argparse::dtype(&b[3])?.unwrap_or(DType::Float64);
    let mut v = crate::array::buffer::try_vec(n * m, 0f64, DType::Float64, &[n, m])?;
    for i in 0..n {
        let j = i as i64 + k;
        if j >= 0 && (j as usize) < m {
            v[i * m + j as usize] = 1.0;
        }
    }
    let a = NdArray::from_vec(v, vec![n, m]);
    Ok(wrap(
        interp,
        if dtype == DType::Float64 {
            a
        } else {
            a.astype(dtype)?
        },
    ))
}

/// `np.identity(n, dtype=float)`.
pub fn identity(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("identity", &["n", "dtype", "*", "like"], 1)?;
    let mut a = Args::new(vec![req(&b[0])]);
    if let Some(d) = &b[1] {
        a.kw.push((Rc::from("dtype"), d.clone()));
    }
    eye(interp, a)
}

/// `np.copy(a)` / `a.copy()`.
pub fn copy(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("copy", &["a", "order", "subok"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let c = a.copy()?;
    Ok(if matches!(b[0], Some(Value::Scalar(_))) {
        Value::Scalar(Rc::new(c))
    } else {
        wrap(interp, c)
    })
}

/// `a.astype(dtype)`.
pub fn astype(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "astype",
        &["self", "dtype", "order", "casting", "subok", "copy"],
        2,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let d = argparse::dtype(&b[1])?
        .ok_or_else(|| type_error("astype() argument 'dtype' must not be None"))?;
    let r = a.astype(d)?;
    Ok(if matches!(b[0], Some(Value::Scalar(_))) {
        Value::Scalar(Rc::new(r))
    } else {
        wrap(interp, r)
    })
}

/// `a.tolist()`: nested Python lists of Python scalars.
pub fn tolist(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("tolist", &["self"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    if a.ndim() == 0 {
        return interp.elem_value(&a);
    }
    let elems: Vec<Value> = a
        .elems()
        .into_iter()
        .map(|e| elem_to_value(e, a.dtype))
        .collect();
    fn nest(elems: &[Value], shape: &[usize]) -> Value {
        match shape {
            [] => elems.first().cloned().unwrap_or(Value::None),
            [_] => Value::list(elems.to_vec()),
            [n, rest @ ..] => {
                let chunk: usize = rest.iter().product();
                Value::list(
                    (0..*n)
                        .map(|i| nest(&elems[i * chunk..(i + 1) * chunk], rest))
                        .collect(),
                )
            }
        }
    }
    Ok(nest(&elems, &a.shape))
}

/// `a.item(*index)`.
pub fn item(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut pos = args.pos.into_iter();
    let this = pos.next().unwrap_or(Value::None);
    let a = interp.to_array(&this)?;
    let rest: Vec<Value> = pos.collect();
    if rest.is_empty() {
        return interp.elem_value(&a);
    }
    let flat = if rest.len() == 1 {
        let i = argparse::int(&rest[0], "")?;
        let n = a.size() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(crate::errors::index_error(format!(
                "index {i} is out of bounds for size {n}"
            )));
        }
        a.indices_c_order().get(j as usize).copied().unwrap_or(0)
    } else {
        let idx: Vec<Value> = rest;
        let v = interp.getitem(&this, &Value::tuple(idx))?;
        return match v {
            Value::Scalar(s) => interp.elem_value(&s),
            other => Ok(other),
        };
    };
    Ok(elem_to_value(a.elem_at_buffer(flat), a.dtype))
}

/// `a.fill(value)`.
pub fn fill(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("fill", &["self", "value"], 2)?;
    let Some(Value::Array(a)) = &b[0] else {
        return Err(type_error("fill() requires an array"));
    };
    let v = array_from_value(&req(&b[1]), None)?;
    a.assign(&v)?;
    let _ = interp;
    Ok(Value::None)
}

/// `np.dtype(obj)`.
pub fn dtype_ctor(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("dtype", &["dtype", "align", "copy"], 1)?;
    match crate::numpy::dtype_arg::parse_dtype(&req(&b[0]))? {
        Some(d) => Ok(Value::DType(d)),
        None => Ok(Value::DType(DType::Float64)),
    }
}

/// `np.shares_memory(a, b)`.
pub fn shares_memory(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("shares_memory", &["a", "b", "max_work"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::array(interp, &req(&b[1]))?;
    Ok(Value::Bool(x.shares_memory_exact(&y)))
}

/// `np.may_share_memory(a, b)`.
pub fn may_share_memory(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("may_share_memory", &["a", "b", "max_work"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::array(interp, &req(&b[1]))?;
    Ok(Value::Bool(x.may_overlap(&y)))
}

/// `np.ascontiguousarray(a, dtype=None)`: the input when already C-contiguous, else a copy
/// (at least 1-D, as NumPy makes it).
pub fn ascontiguousarray(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("ascontiguousarray", &["a", "dtype", "*", "like"], 1)?;
    let obj = req(&b[0]);
    let dtype = argparse::dtype(&b[1])?;
    if let Value::Array(x) = &obj {
        if dtype.is_none_or(|d| d == x.dtype) && x.is_c_contiguous() && x.ndim() > 0 {
            return Ok(obj.clone());
        }
    }
    let a = array_from_value(&obj, dtype)?;
    let a = if a.ndim() == 0 { a.reshape(&[1])? } else { a };
    Ok(wrap(
        interp,
        if a.is_c_contiguous() { a } else { a.copy()? },
    ))
}
