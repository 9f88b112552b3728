//! Constructing arrays from shapes and rules: diag/diagflat, tri/tril/triu, logspace,
//! geomspace, meshgrid, indices, fromfunction, ix_, ravel_multi_index and unravel_index.

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::ufunc::BinaryOp;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::array_from_value;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::shape::view_of;
use crate::numpy::FnEntry;
use crate::syntax::span::Span;
use crate::value::Value;

/// The construction family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("diag", diag, "diag(v, k=0): the k-th diagonal of a 2-D array, or a 2-D array with v on it"),
    ("diagflat", diagflat, "diagflat(v, k=0): a 2-D array with the flattened input on the k-th diagonal"),
    ("tri", tri, "tri(N, M=None, k=0, dtype=float): ones at and below the k-th diagonal"),
    ("tril_indices", tril_indices, "tril_indices(n, k=0, m=None): indices of the lower triangle of an (n, m) array"),
    ("triu_indices", triu_indices, "triu_indices(n, k=0, m=None): indices of the upper triangle of an (n, m) array"),
    ("diag_indices", diag_indices, "diag_indices(n, ndim=2): indices of the main diagonal of an n^ndim array"),
    ("tril", tril, "tril(m, k=0): lower triangle of an array (elements above the k-th diagonal zeroed)"),
    ("triu", triu, "triu(m, k=0): upper triangle of an array (elements below the k-th diagonal zeroed)"),
    ("logspace", logspace, "logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None): numbers spaced evenly on a log scale"),
    ("geomspace", geomspace, "geomspace(start, stop, num=50, endpoint=True, dtype=None): a geometric progression"),
    ("meshgrid", meshgrid, "meshgrid(*xi, copy=True, sparse=False, indexing='xy'): coordinate matrices from coordinate vectors"),
    ("indices", indices, "indices(dimensions, dtype=int, sparse=False): an array of grid indices"),
    ("fromfunction", fromfunction, "fromfunction(function, shape, *, dtype=float, **kwargs): call function on index grids"),
    ("fromiter", fromiter, "fromiter(iter, dtype, count=-1): a 1-D array from an iterable"),
    ("ix_", ix_, "ix_(*args): open mesh index arrays for cross-product indexing"),
    ("ravel_multi_index", ravel_multi_index, "ravel_multi_index(multi_index, dims, mode='raise', order='C'): flat indices of index tuples"),
    ("unravel_index", unravel_index, "unravel_index(indices, shape, order='C'): index tuples of flat indices"),
];

/// A 2-D array with the elements of 1-D `v` on the k-th diagonal.
fn diag_from(v: &NdArray, k: i64) -> PyResult<NdArray> {
    let n = v.size() + k.unsigned_abs() as usize;
    let out = NdArray::zeros(v.dtype, &[n, n])?;
    if v.size() > 0 {
        let flat = out.reshape(&[-1])?;
        let start = if k >= 0 { k } else { -k * n as i64 };
        let view =
            crate::numpy::joining::slice_axis(&flat, 0, Some(start), None, Some(n as i64 + 1))?;
        let view =
            crate::numpy::joining::slice_axis(&view, 0, Some(0), Some(v.size() as i64), None)?;
        view.assign(v)?;
    }
    Ok(out)
}

/// `np.diag(v, k=0)`.
pub fn diag(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("diag", &["v", "k"], 1)?;
    let src = req(&b[0]);
    let v = argparse::array(interp, &src)?;
    let k = argparse::opt_int(&b[1], 0)?;
    match v.ndim() {
        1 => Ok(Value::Array(Rc::new(diag_from(&v, k)?))),
        2 => Ok(view_of(
            &src,
            crate::numpy::rearrange::diagonal_view(&v, k, 0, 1)?,
        )),
        _ => Err(value_error("Input must be 1- or 2-d.")),
    }
}

/// `np.diagflat(v, k=0)`.
pub fn diagflat(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("diagflat", &["v", "k"], 1)?;
    let v = argparse::array(interp, &req(&b[0]))?.reshape(&[-1])?;
    Ok(Value::Array(Rc::new(diag_from(
        &v,
        argparse::opt_int(&b[1], 0)?,
    )?)))
}

/// Whether (i, j) is kept by `tril(k)`: j <= i + k.
fn below(i: usize, j: usize, k: i64) -> bool {
    (j as i64) <= i as i64 + k
}

/// `np.tri(N, M=None, k=0, dtype=float)`.
pub fn tri(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("tri", &["N", "M", "k", "dtype", "*", "like"], 1)?;
    let n = argparse::int(&req(&b[0]), "")?.max(0) as usize;
    let m = match &b[1] {
        None | Some(Value::None) => n,
        Some(v) => argparse::int(v, "")?.max(0) as usize,
    };
    let k = argparse::opt_int(&b[2], 0)?;
    let dtype = argparse::dtype(&b[3])?.unwrap_or(DType::Float64);
    let mut v = crate::array::buffer::try_vec(n * m, false, DType::Bool, &[n, m])?;
    for i in 0..n {
        for j in 0..m {
            v[i * m + j] = below(i, j, k);
        }
    }
    let _ = interp;
    Ok(Value::Array(Rc::new(
        NdArray::from_vec(v, vec![n, m]).astype(dtype)?,
    )))
}

/// Zero the elements of (a fresh copy of) `m` that `keep(i, j)` rejects, over its last two axes.
fn triangle(m: &NdArray, keep: impl Fn(usize, usize) -> bool) -> PyResult<NdArray> {
    let (shape, rows, cols) = match m.ndim() {
        0 => {
            return Err(value_error(
                "tril/triu requires an array of at least one dimension",
            ))
        }
        1 => (vec![m.shape[0], m.shape[0]], m.shape[0], m.shape[0]),
        _ => (
            m.shape.clone(),
            m.shape[m.ndim() - 2],
            m.shape[m.ndim() - 1],
        ),
    };
    let out = m.broadcast_to(&shape)?.copy()?;
    fn zero<T: Element>(
        out: &NdArray,
        rows: usize,
        cols: usize,
        keep: &dyn Fn(usize, usize) -> bool,
    ) {
        if let Some(s) = out.as_slice_mut::<T>() {
            for (idx, x) in s.iter_mut().enumerate() {
                let (i, j) = ((idx / cols.max(1)) % rows.max(1), idx % cols.max(1));
                if !keep(i, j) {
                    *x = T::default();
                }
            }
        }
    }
    crate::with_numeric!(out.dtype, T => zero::<T>(&out, rows, cols, &keep), str => {
        return Err(type_error("tril/triu: string arrays are not supported"));
    });
    Ok(out)
}

/// `np.tril(m, k=0)`.
pub fn tril(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("tril", &["m", "k"], 1)?;
    let m = argparse::array(interp, &req(&b[0]))?;
    let k = argparse::opt_int(&b[1], 0)?;
    Ok(Value::Array(Rc::new(triangle(&m, |i, j| below(i, j, k))?)))
}

/// `np.triu(m, k=0)`.
pub fn triu(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("triu", &["m", "k"], 1)?;
    let m = argparse::array(interp, &req(&b[0]))?;
    let k = argparse::opt_int(&b[1], 0)?;
    Ok(Value::Array(Rc::new(triangle(&m, |i, j| {
        !below(i, j, k - 1)
    })?)))
}

/// Call `np.linspace` with the given positional values and keywords.
fn linspace_of(
    interp: &mut Interp,
    start: Value,
    stop: Value,
    num: Option<Value>,
    endpoint: Option<Value>,
) -> PyResult<Value> {
    let mut a = Args::new(vec![start, stop]);
    if let Some(n) = num {
        a.kw.push((Rc::from("num"), n));
    }
    if let Some(e) = endpoint {
        a.kw.push((Rc::from("endpoint"), e));
    }
    crate::numpy::creation::linspace(interp, a)
}

/// `np.logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0)`.
pub fn logspace(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "logspace",
        &["start", "stop", "num", "endpoint", "base", "dtype", "axis"],
        2,
    )?;
    let y = linspace_of(interp, req(&b[0]), req(&b[1]), b[2].clone(), b[3].clone())?;
    let base = b[4].clone().unwrap_or(Value::Float(10.0));
    let r = interp.apply_binary_ufunc(BinaryOp::Power, &base, &y)?;
    match argparse::dtype(&b[5])? {
        Some(d) => {
            let a = interp.to_array(&r)?;
            Ok(Value::Array(Rc::new(a.astype(d)?)))
        }
        None => Ok(r),
    }
}

/// `np.geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0)` for real endpoints.
pub fn geomspace(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "geomspace",
        &["start", "stop", "num", "endpoint", "dtype", "axis"],
        2,
    )?;
    let start = interp.to_float(&req(&b[0]))?;
    let stop = interp.to_float(&req(&b[1]))?;
    if start == 0.0 || stop == 0.0 {
        return Err(value_error("Geometric sequence cannot include zero"));
    }
    let sign = if start < 0.0 { -1.0 } else { 1.0 };
    let (s, e) = (start / sign, stop / sign);
    let y = linspace_of(
        interp,
        Value::Float(s.log10()),
        Value::Float(e.log10()),
        b[2].clone(),
        b[3].clone(),
    )?;
    let r = interp.apply_binary_ufunc(BinaryOp::Power, &Value::Float(10.0), &y)?;
    let mut v = interp.to_array(&r)?.to_vec_f64()?;
    let endpoint = argparse::flag(interp, &b[3], true)?;
    let n = v.len();
    if n > 0 {
        v[0] = s;
        if n > 1 && endpoint {
            v[n - 1] = e;
        }
    }
    let out = NdArray::from_vec1(v.into_iter().map(|x| x * sign).collect::<Vec<f64>>());
    let out = match argparse::dtype(&b[4])? {
        Some(d) => out.astype(d)?,
        None => out,
    };
    Ok(Value::Array(Rc::new(out)))
}

/// `np.meshgrid(*xi, copy=True, sparse=False, indexing='xy')`.
pub fn meshgrid(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let copy = args.take_kw("copy");
    let sparse = args.take_kw("sparse");
    let indexing = args.take_kw("indexing");
    args.no_kwargs("meshgrid")?;
    let copy = argparse::flag(interp, &copy, true)?;
    let sparse = argparse::flag(interp, &sparse, false)?;
    let indexing = argparse::string(&indexing, "xy")?;
    if indexing != "xy" && indexing != "ij" {
        return Err(value_error(
            "Valid values for `indexing` are 'xy' and 'ij'.",
        ));
    }
    let nd = args.pos.len();
    let mut outs: Vec<NdArray> = Vec::with_capacity(nd);
    for (i, x) in args.pos.iter().enumerate() {
        let a = argparse::array(interp, x)?;
        let mut s = vec![1i64; nd];
        s[i] = -1;
        if indexing == "xy" && nd > 1 && i < 2 {
            s[0] = if i == 0 { 1 } else { -1 };
            s[1] = if i == 0 { -1 } else { 1 };
        }
        let r = a.reshape(&s)?;
        outs.push(match x {
            Value::Array(src) => r.linked_to(src),
            _ => r,
        });
    }
    if !sparse {
        let shapes: Vec<&[usize]> = outs.iter().map(|a| a.shape.as_slice()).collect();
        let shape = crate::array::layout::broadcast_shapes(&shapes)?;
        outs = outs
            .iter()
            .map(|a| {
                a.broadcast_to(&shape).map(|mut v| {
                    v.base = a.base.clone();
                    v.writeable.set(a.writeable.get());
                    v
                })
            })
            .collect::<PyResult<_>>()?;
    }
    let vals = outs
        .into_iter()
        .map(|a| {
            if copy {
                a.copy().map(|c| Value::Array(Rc::new(c)))
            } else {
                Ok(Value::Array(Rc::new(a)))
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::tuple(vals))
}

/// The grids of `indices`: one array per dimension (sparse shapes, or dense broadcast copies).
fn index_grids(dims: &[usize], dtype: DType, sparse: bool) -> PyResult<Vec<NdArray>> {
    let nd = dims.len();
    let mut out = Vec::with_capacity(nd);
    for (i, &d) in dims.iter().enumerate() {
        let mut s = vec![1usize; nd];
        s[i] = d;
        let r = NdArray::from_vec((0..d as i64).collect::<Vec<_>>(), s).astype(dtype)?;
        out.push(if sparse {
            r
        } else {
            r.broadcast_to(dims)?.copy()?
        });
    }
    Ok(out)
}

/// `np.indices(dimensions, dtype=int, sparse=False)`.
pub fn indices(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("indices", &["dimensions", "dtype", "sparse"], 1)?;
    let dims = argparse::shape(interp, &req(&b[0]))?;
    let dtype = argparse::dtype(&b[1])?.unwrap_or(DType::Int64);
    let sparse = argparse::flag(interp, &b[2], false)?;
    let grids = index_grids(&dims, dtype, sparse)?;
    if sparse {
        return Ok(Value::tuple(
            grids
                .into_iter()
                .map(|g| Value::Array(Rc::new(g)))
                .collect(),
        ));
    }
    let expanded = grids
        .iter()
        .map(|g| g.expand_dims(&[0]))
        .collect::<PyResult<Vec<_>>>()?;
    if expanded.is_empty() {
        return Ok(Value::Array(Rc::new(NdArray::zeros(dtype, &[0])?)));
    }
    Ok(Value::Array(Rc::new(crate::numpy::joining::concat(
        &expanded,
        Some(0),
        None,
    )?)))
}

/// `np.fromfunction(function, shape, *, dtype=float, like=None, **kwargs)`.
pub fn fromfunction(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let dtype = args.take_kw("dtype");
    args.take_kw("like");
    let mut pos = std::mem::take(&mut args.pos).into_iter();
    let func =
        match pos.next().or_else(|| args.take_kw("function")) {
            Some(f) => f,
            None => return Err(type_error(
                "fromfunction() missing 2 required positional arguments: 'function' and 'shape'",
            )),
        };
    let shape_v = match pos.next().or_else(|| args.take_kw("shape")) {
        Some(s) => s,
        None => {
            return Err(type_error(
                "fromfunction() missing 1 required positional argument: 'shape'",
            ))
        }
    };
    if pos.next().is_some() {
        return Err(type_error(
            "fromfunction() takes 2 positional arguments but 3 were given",
        ));
    }
    let dims = argparse::shape(interp, &shape_v)?;
    let dtype = argparse::dtype(&dtype)?.unwrap_or(DType::Float64);
    let grids = index_grids(&dims, dtype, false)?;
    let call = Args {
        pos: grids
            .into_iter()
            .map(|g| Value::Array(Rc::new(g)))
            .collect(),
        kw: args.kw,
    };
    interp.call_value(&func, call, Span::default())
}

/// `np.ix_(*args)`.
pub fn ix_(interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.no_kwargs("ix_")?;
    let nd = args.pos.len();
    let mut out = Vec::with_capacity(nd);
    for (k, v) in args.pos.iter().enumerate() {
        let mut a = argparse::array(interp, v)?;
        if !matches!(v, Value::Array(_)) && a.size() == 0 {
            a = a.astype(DType::Int64)?;
        }
        if a.ndim() != 1 {
            return Err(value_error("Cross index must be 1 dimensional"));
        }
        if a.dtype == DType::Bool {
            a = crate::array::index::mask::nonzero(&a)?.swap_remove(0);
        }
        let mut s = vec![1i64; nd];
        s[k] = a.size() as i64;
        out.push(view_of(v, a.reshape(&s)?));
    }
    Ok(Value::tuple(out))
}

/// Per-dimension clip modes of ravel_multi_index.
fn modes(interp: &mut Interp, v: &Option<Value>, n: usize) -> PyResult<Vec<String>> {
    match v {
        None | Some(Value::None) => Ok(vec!["raise".into(); n]),
        Some(Value::Str(s)) => Ok(vec![s.to_string(); n]),
        Some(other) => {
            let items = interp.iterate(other)?;
            items
                .iter()
                .map(|x| argparse::string(&Some(x.clone()), "raise"))
                .collect()
        }
    }
}

/// `np.ravel_multi_index(multi_index, dims, mode='raise', order='C')`.
pub fn ravel_multi_index(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "ravel_multi_index",
        &["multi_index", "dims", "mode", "order"],
        2,
    )?;
    let dims = argparse::shape(interp, &req(&b[1]))?;
    let items = interp.iterate(&req(&b[0]))?;
    if items.len() != dims.len() {
        return Err(value_error(format!(
            "parameter multi_index must be a sequence of length {}",
            dims.len()
        )));
    }
    let arrs = items
        .iter()
        .map(|x| array_from_value(x, None))
        .collect::<PyResult<Vec<_>>>()?;
    for a in &arrs {
        if !a.dtype.is_integer() {
            return Err(type_error(format!(
                "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
                a.dtype.name()
            )));
        }
    }
    let modes = modes(interp, &b[2], dims.len())?;
    let order = argparse::string(&b[3], "C")?;
    let shapes: Vec<&[usize]> = arrs.iter().map(|a| a.shape.as_slice()).collect();
    let shape = crate::array::layout::broadcast_shapes(&shapes)?;
    let cols = arrs
        .iter()
        .map(|a| a.broadcast_to(&shape).and_then(|x| x.to_vec_i64()))
        .collect::<PyResult<Vec<_>>>()?;
    let n: usize = shape.iter().product();
    let nd = dims.len();
    // Strides of the flat index per dimension.
    let mut mult = vec![1i64; nd];
    if order == "F" {
        for i in 1..nd {
            mult[i] = mult[i - 1] * dims[i - 1] as i64;
        }
    } else {
        for i in (0..nd.saturating_sub(1)).rev() {
            mult[i] = mult[i + 1] * dims[i + 1] as i64;
        }
    }
    let mut out = vec![0i64; n];
    for (j, o) in out.iter_mut().enumerate() {
        let mut acc = 0i64;
        for d in 0..nd {
            let len = dims[d] as i64;
            let mut i = cols[d][j];
            match modes[d].as_str() {
                "wrap" => i = i.rem_euclid(len.max(1)),
                "clip" => i = i.clamp(0, (len - 1).max(0)),
                _ => {
                    if i < 0 || i >= len {
                        return Err(value_error("invalid entry in coordinates array"));
                    }
                }
            }
            acc += i * mult[d];
        }
        *o = acc;
    }
    Ok(interp.wrap_array_result(NdArray::from_vec(out, shape)))
}

/// `np.unravel_index(indices, shape, order='C')`.
pub fn unravel_index(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("unravel_index", &["indices", "shape", "order"], 2)?;
    let idx = array_from_value(&req(&b[0]), None)?;
    if !(idx.dtype.is_integer() || idx.size() == 0) {
        return Err(type_error("only int indices permitted"));
    }
    let dims = argparse::shape(interp, &req(&b[1]))?;
    let order = argparse::string(&b[2], "C")?;
    let total: i64 = dims.iter().map(|&d| d as i64).product();
    let flat = if idx.size() == 0 {
        Vec::new()
    } else {
        idx.to_vec_i64()?
    };
    let nd = dims.len();
    let mut cols = vec![Vec::with_capacity(flat.len()); nd];
    for &f in &flat {
        if f < 0 || f >= total {
            return Err(value_error(format!(
                "index {f} is out of bounds for array with size {total}"
            )));
        }
        let mut rem = f;
        let order_iter: Vec<usize> = if order == "F" {
            (0..nd).collect()
        } else {
            (0..nd).rev().collect()
        };
        let mut vals = vec![0i64; nd];
        for d in order_iter {
            let len = dims[d] as i64;
            vals[d] = rem % len;
            rem /= len;
        }
        for (c, v) in cols.iter_mut().zip(vals) {
            c.push(v);
        }
    }
    let out = cols
        .into_iter()
        .map(|c| interp.wrap_array_result(NdArray::from_vec(c, idx.shape.clone())))
        .collect();
    Ok(Value::tuple(out))
}

fn tri_indices(interp: &mut Interp, args: Args, name: &str, lower: bool) -> PyResult<Value> {
    let b = args.bind(name, &["n", "k", "m"], 1)?;
    let n = argparse::int(&req(&b[0]), "")?.max(0) as usize;
    let k = argparse::opt_int(&b[1], 0)?;
    let m = match &b[2] {
        None | Some(Value::None) => n,
        Some(v) => argparse::int(v, "")?.max(0) as usize,
    };
    let (mut rows, mut cols) = (Vec::new(), Vec::new());
    for i in 0..n {
        for j in 0..m {
            let keep = if lower {
                below(i, j, k)
            } else {
                !below(i, j, k - 1)
            };
            if keep {
                rows.push(i as i64);
                cols.push(j as i64);
            }
        }
    }
    let _ = interp;
    Ok(Value::tuple(vec![
        Value::Array(Rc::new(NdArray::from_vec1(rows))),
        Value::Array(Rc::new(NdArray::from_vec1(cols))),
    ]))
}

/// `np.tril_indices(n, k=0, m=None)`.
pub fn tril_indices(interp: &mut Interp, args: Args) -> PyResult<Value> {
    tri_indices(interp, args, "tril_indices", true)
}

/// `np.triu_indices(n, k=0, m=None)`.
pub fn triu_indices(interp: &mut Interp, args: Args) -> PyResult<Value> {
    tri_indices(interp, args, "triu_indices", false)
}

/// `np.diag_indices(n, ndim=2)`.
pub fn diag_indices(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("diag_indices", &["n", "ndim"], 1)?;
    let n = argparse::int(&req(&b[0]), "")?.max(0);
    let nd = argparse::opt_int(&b[1], 2)?.max(0) as usize;
    let idx: Vec<i64> = (0..n).collect();
    Ok(Value::tuple(
        (0..nd)
            .map(|_| Value::Array(Rc::new(NdArray::from_vec1(idx.clone()))))
            .collect(),
    ))
}

/// `np.fromiter(iter, dtype, count=-1)`: the first `count` items (all when negative).
fn fromiter(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("fromiter", &["iter", "dtype", "count", "*", "like"], 2)?;
    let dtype = argparse::dtype(&b[1])?;
    let count = match &b[2] {
        None => -1,
        Some(v) => argparse::int(v, "")?,
    };
    let mut it = interp.value_iter(&req(&b[0]))?;
    let mut items = Vec::new();
    while count < 0 || (items.len() as i64) < count {
        match it.next_item(interp)? {
            Some(v) => items.push(v),
            None if count >= 0 => {
                return Err(value_error(format!(
                    "iterator too short: Expected {count} but iterator had only {} items.",
                    items.len()
                )))
            }
            None => break,
        }
    }
    let a = array_from_value(&Value::list(items), dtype.or(Some(DType::Float64)))?;
    Ok(Value::Array(Rc::new(a)))
}
