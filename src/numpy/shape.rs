//! Shape manipulation: reshape, ravel/flatten, transpose, swapaxes, squeeze, expand_dims,
//! broadcast_to (all views where NumPy returns views).

use std::rc::Rc;

use crate::errors::{type_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The shape family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "reshape",
        reshape,
        "reshape(a, shape): a view with a new shape when possible, else a copy",
    ),
    (
        "ravel",
        ravel,
        "ravel(a): the flattened array (a view when contiguous)",
    ),
    (
        "transpose",
        transpose,
        "transpose(a, axes=None): permute the axes (a view)",
    ),
    (
        "swapaxes",
        swapaxes,
        "swapaxes(a, axis1, axis2): interchange two axes (a view)",
    ),
    (
        "squeeze",
        squeeze,
        "squeeze(a, axis=None): remove length-1 axes (a view)",
    ),
    (
        "expand_dims",
        expand_dims,
        "expand_dims(a, axis): insert length-1 axes (a view)",
    ),
    (
        "broadcast_to",
        broadcast_to,
        "broadcast_to(array, shape): a read-only broadcast view",
    ),
    (
        "moveaxis",
        moveaxis,
        "moveaxis(a, source, destination): move axes to new positions (a view)",
    ),
    (
        "rollaxis",
        rollaxis,
        "rollaxis(a, axis, start=0): roll an axis backwards to a position (a view)",
    ),
    (
        "atleast_1d",
        atleast_1d,
        "atleast_1d(*arys): views with at least one dimension",
    ),
    (
        "atleast_2d",
        atleast_2d,
        "atleast_2d(*arys): views with at least two dimensions",
    ),
    (
        "atleast_3d",
        atleast_3d,
        "atleast_3d(*arys): views with at least three dimensions",
    ),
    (
        "broadcast_arrays",
        broadcast_arrays,
        "broadcast_arrays(*args): broadcast views of the arrays against each other",
    ),
    (
        "broadcast_shapes",
        broadcast_shapes,
        "broadcast_shapes(*shapes): the shape the given shapes broadcast to",
    ),
];

/// `numpy.lib.stride_tricks` functions.
pub const STRIDE_TRICKS: &[FnEntry] = &[
    ("sliding_window_view", sliding_window_view, "sliding_window_view(x, window_shape, axis=None, *, writeable=False): a read-only view of sliding windows"),
    ("as_strided", as_strided, "as_strided(x, shape=None, strides=None, writeable=True): a view with the given shape and byte strides"),
    ("broadcast_to", broadcast_to, "broadcast_to(array, shape): a read-only broadcast view"),
    ("broadcast_arrays", broadcast_arrays, "broadcast_arrays(*args): broadcast views of the arrays against each other"),
    ("broadcast_shapes", broadcast_shapes, "broadcast_shapes(*shapes): the shape the given shapes broadcast to"),
];

/// Wrap a result derived from `src` as a view of it when it shares memory.
pub fn view_of(src: &Value, r: crate::array::NdArray) -> Value {
    match src {
        Value::Array(a) => Value::Array(Rc::new(r.linked_to(a))),
        _ => Value::Array(Rc::new(r)),
    }
}

/// `np.reshape(a, shape, order='C')`.
pub fn reshape(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "reshape",
        &["a", "shape", "order", "*", "newshape", "copy"],
        1,
    )?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let shape_v = b[1]
        .clone()
        .or_else(|| b[3].clone())
        .ok_or_else(|| type_error("reshape() missing required argument 'shape' (pos 2)"))?;
    let shape = argparse::signed_shape(interp, &[shape_v])?;
    let order = argparse::string(&b[2], "C")?;
    reshape_order(&src, &a, &shape, &order)
}

fn reshape_order(
    src: &Value,
    a: &crate::array::NdArray,
    shape: &[i64],
    order: &str,
) -> PyResult<Value> {
    if order == "F" {
        let t = a.transpose(None)?;
        let rev: Vec<i64> = shape.iter().rev().copied().collect();
        let r = t.reshape(&rev)?.transpose(None)?;
        return Ok(view_of(src, r));
    }
    Ok(view_of(src, a.reshape(shape)?))
}

/// `a.reshape(*shape, order='C')`.
pub fn reshape_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let src = args.take_self();
    let order = args.take_kw("order");
    args.take_kw("copy");
    if let Some(s) = args.take_kw("shape") {
        args.pos.push(s);
    }
    args.no_kwargs("reshape")?;
    if args.pos.is_empty() {
        return Err(type_error("reshape() takes exactly 1 argument (0 given)"));
    }
    let a = argparse::array(interp, &src)?;
    let shape = argparse::signed_shape(interp, &args.pos)?;
    reshape_order(&src, &a, &shape, &argparse::string(&order, "C")?)
}

/// `np.ravel(a)` / `a.ravel()`.
pub fn ravel(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("ravel", &["a", "order"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let order = argparse::string(&b[1], "C")?;
    // NumPy's PyArray_Ravel: a view only when already contiguous in the requested order,
    // even where a strided reshape could be a view (`a[:, ::2].ravel()` copies).
    let contiguous = if order == "F" {
        a.is_f_contiguous()
    } else {
        a.is_c_contiguous()
    };
    if contiguous {
        return reshape_order(&src, &a, &[-1], &order);
    }
    let src_order = if order == "F" { a.transpose(None)? } else { a };
    Ok(Value::Array(Rc::new(src_order.copy()?.reshape(&[-1])?)))
}

/// `a.flatten()`: always a copy.
pub fn flatten(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("flatten", &["self", "order"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let order = argparse::string(&b[1], "C")?;
    let src = if order == "F" { a.transpose(None)? } else { a };
    Ok(Value::Array(Rc::new(src.copy()?.reshape(&[-1])?)))
}

fn axes_list(interp: &mut Interp, vals: &[Value]) -> PyResult<Option<Vec<i64>>> {
    match vals {
        [] | [Value::None] => Ok(None),
        [v @ (Value::Tuple(_) | Value::List(_))] => {
            let items = interp.iterate(v)?;
            Ok(Some(
                items
                    .iter()
                    .map(|x| argparse::int(x, ""))
                    .collect::<PyResult<_>>()?,
            ))
        }
        many => Ok(Some(
            many.iter()
                .map(|x| argparse::int(x, ""))
                .collect::<PyResult<_>>()?,
        )),
    }
}

/// `np.transpose(a, axes=None)`.
pub fn transpose(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("transpose", &["a", "axes"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let axes = match &b[1] {
        Some(v) => axes_list(interp, std::slice::from_ref(v))?,
        None => None,
    };
    Ok(view_of(&src, a.transpose(axes.as_deref())?))
}

/// `a.transpose(*axes)`.
pub fn transpose_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let src = args.take_self();
    args.no_kwargs("transpose")?;
    let a = argparse::array(interp, &src)?;
    let axes = axes_list(interp, &args.pos)?;
    Ok(view_of(&src, a.transpose(axes.as_deref())?))
}

/// `np.swapaxes(a, axis1, axis2)`.
pub fn swapaxes(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("swapaxes", &["a", "axis1", "axis2"], 3)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let (x, y) = (
        argparse::int(&req(&b[1]), "")?,
        argparse::int(&req(&b[2]), "")?,
    );
    Ok(view_of(&src, a.swapaxes(x, y)?))
}

/// `np.squeeze(a, axis=None)`.
pub fn squeeze(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("squeeze", &["a", "axis"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let axes = argparse::axes(&b[1])?;
    Ok(view_of(&src, a.squeeze(axes.as_deref())?))
}

/// `np.expand_dims(a, axis)`.
pub fn expand_dims(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("expand_dims", &["a", "axis"], 2)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let axes = argparse::axes(&b[1])?.unwrap_or_default();
    Ok(view_of(&src, a.expand_dims(&axes)?))
}

/// `np.broadcast_to(array, shape)`.
pub fn broadcast_to(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("broadcast_to", &["array", "shape", "subok"], 2)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let shape = argparse::shape(interp, &req(&b[1]))?;
    Ok(view_of(&src, a.broadcast_to(&shape)?))
}

/// NumPy's `normalize_axis_tuple` with an error prefix (`source: axis 5 is out of bounds…`).
fn axis_tuple(interp: &mut Interp, v: &Value, ndim: usize, what: &str) -> PyResult<Vec<usize>> {
    let raw: Vec<i64> = match v {
        Value::List(_) | Value::Tuple(_) => {
            let items = interp.iterate(v)?;
            items
                .iter()
                .map(|x| argparse::int(x, ""))
                .collect::<PyResult<_>>()?
        }
        other => vec![argparse::int(other, "")?],
    };
    let mut out = Vec::with_capacity(raw.len());
    for a in raw {
        let n = crate::array::layout::normalize_axis(a, ndim).map_err(|_| {
            crate::errors::axis_error(format!(
                "{what}: axis {a} is out of bounds for array of dimension {ndim}"
            ))
        })?;
        if out.contains(&n) {
            return Err(crate::errors::value_error(format!(
                "repeated axis in `{what}` argument"
            )));
        }
        out.push(n);
    }
    Ok(out)
}

/// `np.moveaxis(a, source, destination)`.
pub fn moveaxis(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("moveaxis", &["a", "source", "destination"], 3)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let source = axis_tuple(interp, &req(&b[1]), a.ndim(), "source")?;
    let dest = axis_tuple(interp, &req(&b[2]), a.ndim(), "destination")?;
    if source.len() != dest.len() {
        return Err(crate::errors::value_error(
            "`source` and `destination` arguments must have the same number of elements",
        ));
    }
    let mut order: Vec<usize> = (0..a.ndim()).filter(|n| !source.contains(n)).collect();
    let mut pairs: Vec<(usize, usize)> = dest.into_iter().zip(source).collect();
    pairs.sort_unstable();
    for (d, s) in pairs {
        order.insert(d, s);
    }
    let perm: Vec<i64> = order.into_iter().map(|x| x as i64).collect();
    Ok(view_of(&src, a.transpose(Some(&perm))?))
}

/// `np.rollaxis(a, axis, start=0)`.
pub fn rollaxis(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("rollaxis", &["a", "axis", "start"], 2)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let n = a.ndim() as i64;
    let axis =
        crate::array::layout::normalize_axis(argparse::int(&req(&b[1]), "")?, a.ndim())? as i64;
    let mut start = argparse::opt_int(&b[2], 0)?;
    if start < 0 {
        start += n;
    }
    if !(0 <= start && start < n + 1) {
        return Err(crate::errors::axis_error(format!(
            "'start' arg requires {} <= start < {}, but {} was passed in",
            -n,
            n + 1,
            argparse::opt_int(&b[2], 0)?
        )));
    }
    if axis < start {
        start -= 1;
    }
    if axis == start {
        return Ok(view_of(
            &src,
            a.transpose(Some(&(0..n).collect::<Vec<_>>()))?,
        ));
    }
    let mut axes: Vec<i64> = (0..n).collect();
    axes.remove(axis as usize);
    axes.insert(start as usize, axis);
    Ok(view_of(&src, a.transpose(Some(&axes))?))
}

fn atleast(
    interp: &mut Interp,
    args: Args,
    name: &str,
    f: fn(&crate::array::NdArray) -> PyResult<crate::array::NdArray>,
) -> PyResult<Value> {
    let mut args = args;
    args.no_kwargs(name)?;
    let pos = std::mem::take(&mut args.pos);
    let mut outs = Vec::with_capacity(pos.len());
    for v in &pos {
        let a = argparse::array(interp, v)?;
        let r = f(&a)?;
        outs.push(match v {
            Value::Array(orig) if r.shape == orig.shape => v.clone(),
            _ => view_of(v, r),
        });
    }
    Ok(if outs.len() == 1 {
        outs.swap_remove(0)
    } else {
        Value::tuple(outs)
    })
}

/// `np.atleast_1d(*arys)`.
pub fn atleast_1d(interp: &mut Interp, args: Args) -> PyResult<Value> {
    atleast(interp, args, "atleast_1d", |a| {
        if a.ndim() == 0 {
            a.reshape(&[1])
        } else {
            Ok(a.clone())
        }
    })
}

/// `np.atleast_2d(*arys)`.
pub fn atleast_2d(interp: &mut Interp, args: Args) -> PyResult<Value> {
    atleast(
        interp,
        args,
        "atleast_2d",
        crate::numpy::joining::at_least_2d,
    )
}

/// `np.atleast_3d(*arys)`.
pub fn atleast_3d(interp: &mut Interp, args: Args) -> PyResult<Value> {
    atleast(
        interp,
        args,
        "atleast_3d",
        crate::numpy::joining::at_least_3d,
    )
}

/// NumPy's broadcast_shapes error (arg i vs arg j).
fn shape_mismatch(shapes: &[Vec<usize>]) -> crate::errors::Exception {
    // Find the first pair that fails, as NumPy's nditer-based message reports.
    let mut acc: Vec<usize> = Vec::new();
    let mut acc_arg = 0usize;
    for (i, s) in shapes.iter().enumerate() {
        if crate::array::layout::broadcast_shapes(&[&acc, s]).is_err() {
            return crate::errors::value_error(format!(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {acc_arg} with shape {} and arg {i} with shape {}.",
                crate::array::shape_repr(&shapes[acc_arg]),
                crate::array::shape_repr(s)
            ));
        }
        let prev = acc.clone();
        acc = crate::array::layout::broadcast_shapes(&[&acc, s]).unwrap_or_default();
        if acc != prev || i == 0 {
            acc_arg = i;
        }
    }
    crate::errors::value_error("shape mismatch: objects cannot be broadcast to a single shape.")
}

/// The broadcast shape of several shapes, with NumPy's `shape mismatch` error.
pub fn broadcast_all(shapes: &[Vec<usize>]) -> PyResult<Vec<usize>> {
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    crate::array::layout::broadcast_shapes(&refs).map_err(|_| shape_mismatch(shapes))
}

/// `np.broadcast_shapes(*shapes)`.
pub fn broadcast_shapes(interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.no_kwargs("broadcast_shapes")?;
    let mut shapes = Vec::with_capacity(args.pos.len());
    for v in &args.pos {
        shapes.push(argparse::shape(interp, v)?);
    }
    let r = broadcast_all(&shapes)?;
    Ok(Value::tuple(
        r.into_iter().map(|d| Value::Int(d as i64)).collect(),
    ))
}

/// `np.broadcast_arrays(*args)`: a tuple of views.
pub fn broadcast_arrays(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut args = args;
    args.take_kw("subok");
    args.no_kwargs("broadcast_arrays")?;
    let arrs = args
        .pos
        .iter()
        .map(|v| argparse::array(interp, v))
        .collect::<PyResult<Vec<_>>>()?;
    let shapes: Vec<Vec<usize>> = arrs.iter().map(|a| a.shape.clone()).collect();
    let shape = broadcast_all(&shapes)?;
    let mut out = Vec::with_capacity(arrs.len());
    for (v, a) in args.pos.iter().zip(&arrs) {
        if a.shape == shape {
            out.push(match v {
                Value::Array(_) => v.clone(),
                _ => Value::Array(Rc::new(a.clone())),
            });
        } else {
            let r = a.broadcast_to(&shape)?;
            // NumPy leaves these writeable (with a deprecation warning on write).
            r.writeable.set(a.writeable.get());
            out.push(view_of(v, r));
        }
    }
    Ok(Value::tuple(out))
}

/// `sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False)`.
pub fn sliding_window_view(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "sliding_window_view",
        &["x", "window_shape", "axis", "*", "subok", "writeable"],
        2,
    )?;
    let src = req(&b[0]);
    let x = argparse::array(interp, &src)?;
    let ws_v = req(&b[1]);
    let window: Vec<i64> = match &ws_v {
        Value::List(_) | Value::Tuple(_) => {
            let items = interp.iterate(&ws_v)?;
            items
                .iter()
                .map(|v| argparse::int(v, ""))
                .collect::<PyResult<_>>()?
        }
        other => vec![argparse::int(other, "")?],
    };
    let writeable = argparse::flag(interp, &b[4], false)?;
    if window.iter().any(|&w| w < 0) {
        return Err(crate::errors::value_error(
            "`window_shape` cannot contain negative values",
        ));
    }
    let axes: Vec<usize> = match &b[2] {
        None | Some(Value::None) => {
            if window.len() != x.ndim() {
                return Err(crate::errors::value_error(format!(
                    "Since axis is `None`, must provide window_shape for all dimensions of `x`; got {} window_shape elements and `x.ndim` is {}.",
                    window.len(),
                    x.ndim()
                )));
            }
            (0..x.ndim()).collect()
        }
        Some(v) => {
            let ax = axis_list_plain(interp, v)?;
            let ax = ax
                .iter()
                .map(|&a| crate::array::layout::normalize_axis(a, x.ndim()))
                .collect::<PyResult<Vec<_>>>()?;
            if ax.len() != window.len() {
                return Err(crate::errors::value_error(format!(
                    "Must provide matching length window_shape and axis; got {} window_shape elements and {} axes elements.",
                    window.len(),
                    ax.len()
                )));
            }
            ax
        }
    };
    let mut shape = x.shape.clone();
    let mut strides = x.strides.clone();
    for (&ax, &w) in axes.iter().zip(&window) {
        if (shape[ax] as i64) < w {
            return Err(crate::errors::value_error(
                "window shape cannot be larger than input array shape",
            ));
        }
        shape[ax] -= w as usize - 1;
    }
    for (&ax, &w) in axes.iter().zip(&window) {
        shape.push(w as usize);
        strides.push(x.strides[ax]);
    }
    let mut v = x.clone();
    v.base = None;
    v.shape = shape;
    v.strides = strides;
    v.writeable.set(writeable && x.writeable.get());
    Ok(view_of(&src, v))
}

fn axis_list_plain(interp: &mut Interp, v: &Value) -> PyResult<Vec<i64>> {
    match v {
        Value::List(_) | Value::Tuple(_) => {
            let items = interp.iterate(v)?;
            items.iter().map(|x| argparse::int(x, "")).collect()
        }
        other => Ok(vec![argparse::int(other, "")?]),
    }
}

/// `as_strided(x, shape=None, strides=None, subok=False, writeable=True)`: byte strides must
/// be multiples of the item size and stay inside x's buffer (numpyx refuses wild views).
pub fn as_strided(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "as_strided",
        &["x", "shape", "strides", "subok", "writeable"],
        1,
    )?;
    let src = req(&b[0]);
    let x = argparse::array(interp, &src)?;
    let shape = match &b[1] {
        None | Some(Value::None) => x.shape.clone(),
        Some(v) => argparse::shape(interp, v)?,
    };
    let item = x.dtype.itemsize() as i64;
    let strides: Vec<isize> = match &b[2] {
        None | Some(Value::None) => {
            if shape == x.shape {
                x.strides.clone()
            } else {
                crate::array::c_strides(&shape)
            }
        }
        Some(v) => {
            let bs = axis_list_plain(interp, v)?;
            if bs.len() != shape.len() {
                return Err(crate::errors::value_error(
                    "mismatch in length of strides and shape",
                ));
            }
            bs.iter()
                .map(|&s| {
                    if s % item != 0 {
                        Err(crate::errors::value_error(
                            "numpyx: as_strided strides must be multiples of the item size",
                        ))
                    } else {
                        Ok((s / item) as isize)
                    }
                })
                .collect::<PyResult<_>>()?
        }
    };
    let writeable = argparse::flag(interp, &b[4], true)?;
    let mut v = x.clone();
    v.base = None;
    v.shape = shape;
    v.strides = strides;
    v.writeable.set(writeable && x.writeable.get());
    if v.size() > 0 {
        let (lo, hi) = v.extent();
        let low_ok = {
            let mut low = v.offset as isize;
            for (&d, &s) in v.shape.iter().zip(&v.strides) {
                if s < 0 {
                    low += s * (d as isize - 1);
                }
            }
            low >= 0
        };
        if !low_ok || hi >= x.buf.len() || lo > hi {
            return Err(crate::errors::value_error(
                "numpyx: as_strided view would reach outside the array's memory",
            ));
        }
    }
    Ok(view_of(&src, v))
}
