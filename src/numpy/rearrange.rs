//! Rearranging elements: tile, repeat, flip/fliplr/flipud (views), roll, rot90, take, put,
//! resize, diagonal (a read-only view), trace and nonzero.

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::index::IndexItem;
use crate::array::layout::{normalize_axis, BasicIndex};
use crate::array::NdArray;
use crate::errors::{index_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::array_from_value;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::joining::take_axis;
use crate::numpy::shape::view_of;
use crate::numpy::FnEntry;
use crate::value::Value;

/// The rearranging family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "tile",
        tile,
        "tile(A, reps): construct an array by repeating A the number of times given by reps",
    ),
    (
        "repeat",
        repeat,
        "repeat(a, repeats, axis=None): repeat each element",
    ),
    (
        "flip",
        flip,
        "flip(m, axis=None): reverse the order of elements along axes (a view)",
    ),
    (
        "fliplr",
        fliplr,
        "fliplr(m): reverse the order along axis 1 (a view)",
    ),
    (
        "flipud",
        flipud,
        "flipud(m): reverse the order along axis 0 (a view)",
    ),
    (
        "roll",
        roll,
        "roll(a, shift, axis=None): roll elements along axes",
    ),
    (
        "rot90",
        rot90,
        "rot90(m, k=1, axes=(0, 1)): rotate by 90 degrees in the plane of axes",
    ),
    (
        "take",
        take,
        "take(a, indices, axis=None, out=None, mode='raise'): take elements along an axis",
    ),
    (
        "put",
        put,
        "put(a, ind, v, mode='raise'): replace elements at flat indices",
    ),
    (
        "resize",
        resize,
        "resize(a, new_shape): a new array of the given shape, repeating a as needed",
    ),
    (
        "diagonal",
        diagonal,
        "diagonal(a, offset=0, axis1=0, axis2=1): the diagonal (a read-only view)",
    ),
    (
        "choose",
        choose,
        "choose(a, choices, mode='raise'): construct an array from an index array and choices",
    ),
];

/// `np.tile(A, reps)`.
pub fn tile(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("tile", &["A", "reps"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let reps_v = req(&b[1]);
    let mut reps: Vec<i64> = match &reps_v {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => {
            let items = interp.iterate(&reps_v)?;
            items
                .iter()
                .map(|x| argparse::int(x, ""))
                .collect::<PyResult<_>>()?
        }
        other => vec![argparse::int(other, "")?],
    };
    let mut c = a;
    while c.ndim() < reps.len() {
        c = c.expand_dims(&[0])?;
    }
    while reps.len() < c.ndim() {
        reps.insert(0, 1);
    }
    if reps.iter().any(|&r| r < 0) {
        return Err(value_error("negative dimensions are not allowed"));
    }
    // Interleave (r0, s0, r1, s1, …): broadcast a (1, s0, 1, s1, …) view, copy, then merge.
    let nd = c.ndim();
    let inter_axes: Vec<i64> = (0..nd).map(|i| 2 * i as i64).collect();
    let expanded = c.expand_dims(&inter_axes)?;
    let mut target = Vec::with_capacity(2 * nd);
    for (i, &r) in reps.iter().enumerate() {
        target.push(r as usize);
        target.push(c.shape[i]);
    }
    let big = expanded.broadcast_to(&target)?.copy()?;
    let out_shape: Vec<i64> = reps
        .iter()
        .zip(&c.shape)
        .map(|(&r, &s)| r * s as i64)
        .collect();
    Ok(Value::Array(Rc::new(big.reshape(&out_shape)?)))
}

/// `np.repeat(a, repeats, axis=None)` / `a.repeat(...)`.
pub fn repeat(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("repeat", &["a", "repeats", "axis"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let reps = array_from_value(&req(&b[1]), None)?;
    let (a, axis) = match argparse::axis(&b[2])? {
        None => (a.reshape(&[-1])?, 0),
        Some(ax) => {
            let n = normalize_axis(ax, a.ndim())?;
            (a, n)
        }
    };
    let n = a.shape[axis];
    if !(reps.dtype.is_integer() || reps.dtype == DType::Bool) {
        return Err(type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            reps.dtype.name()
        )));
    }
    let r = reps.to_vec_i64()?;
    let counts: Vec<i64> = if reps.size() == 1 {
        vec![r[0]; n]
    } else if reps.ndim() == 1 && r.len() == n {
        r
    } else {
        return Err(value_error(format!(
            "operands could not be broadcast together with shape ({n},) ({},)",
            reps.size()
        )));
    };
    if counts.iter().any(|&c| c < 0) {
        return Err(value_error("negative dimensions are not allowed"));
    }
    let mut idx = Vec::with_capacity(counts.iter().sum::<i64>() as usize);
    for (i, &c) in counts.iter().enumerate() {
        idx.extend(std::iter::repeat_n(i as i64, c as usize));
    }
    Ok(Value::Array(Rc::new(take_axis(&a, idx, axis)?)))
}

/// A view of `a` reversed along `axes`.
fn flipped(a: &NdArray, axes: &[usize]) -> PyResult<NdArray> {
    let items: Vec<BasicIndex> = (0..a.ndim())
        .map(|i| BasicIndex::Slice {
            start: None,
            stop: None,
            step: if axes.contains(&i) { Some(-1) } else { None },
        })
        .collect();
    a.basic_index(&items)
}

/// `np.flip(m, axis=None)`.
pub fn flip(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("flip", &["m", "axis"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let axes: Vec<usize> = match argparse::axes(&b[1])? {
        None => (0..a.ndim()).collect(),
        Some(ax) => ax
            .iter()
            .map(|&x| normalize_axis(x, a.ndim()))
            .collect::<PyResult<_>>()?,
    };
    let r = flipped(&a, &axes)?;
    Ok(wrap_view(interp, &src, r))
}

/// A view result; a 0-d result of a scalar input stays a NumPy scalar.
fn wrap_view(interp: &Interp, src: &Value, r: NdArray) -> Value {
    if r.ndim() == 0 && !matches!(src, Value::Array(_)) {
        return interp.wrap_array_result(r);
    }
    view_of(src, r)
}

/// `np.fliplr(m)`.
pub fn fliplr(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("fliplr", &["m"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    if a.ndim() < 2 {
        return Err(value_error("Input must be >= 2-d."));
    }
    Ok(view_of(&src, flipped(&a, &[1])?))
}

/// `np.flipud(m)`.
pub fn flipud(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("flipud", &["m"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    if a.ndim() < 1 {
        return Err(value_error("Input must be >= 1-d."));
    }
    Ok(view_of(&src, flipped(&a, &[0])?))
}

fn int_list(interp: &mut Interp, v: &Value) -> PyResult<Vec<i64>> {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => {
            let items = interp.iterate(v)?;
            items.iter().map(|x| argparse::int(x, "")).collect()
        }
        other => Ok(vec![argparse::int(other, "")?]),
    }
}

/// `np.roll(a, shift, axis=None)`.
pub fn roll(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("roll", &["a", "shift", "axis"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let shifts = int_list(interp, &req(&b[1]))?;
    let (work, axes, reshape_back) = match &b[2] {
        None | Some(Value::None) => {
            let flat = a.reshape(&[-1])?;
            (flat, vec![0usize], true)
        }
        Some(v) => {
            let ax = int_list(interp, v)?;
            let ax = ax
                .iter()
                .map(|&x| normalize_axis(x, a.ndim()))
                .collect::<PyResult<Vec<_>>>()?;
            (a.clone(), ax, false)
        }
    };
    // shift and axis broadcast against each other; shifts on one axis add up.
    let n = if shifts.len() == 1 {
        axes.len()
    } else {
        shifts.len()
    };
    if shifts.len() != 1 && axes.len() != 1 && shifts.len() != axes.len() {
        return Err(value_error(
            "'shift' and 'axis' should be scalars or 1D sequences",
        ));
    }
    let mut total = vec![0i64; work.ndim().max(1)];
    for i in 0..n {
        let s = shifts[if shifts.len() == 1 { 0 } else { i }];
        let ax = axes[if axes.len() == 1 { 0 } else { i }];
        if let Some(t) = total.get_mut(ax) {
            *t += s;
        }
    }
    let mut out = work.copy()?;
    for (ax, &s) in total.iter().enumerate() {
        let len = match work.shape.get(ax) {
            Some(&l) if l > 0 => l as i64,
            _ => continue,
        };
        let s = s.rem_euclid(len);
        if s == 0 {
            continue;
        }
        let idx: Vec<i64> = (0..len).map(|i| (i - s).rem_euclid(len)).collect();
        out = take_axis(&out, idx, ax)?;
    }
    if reshape_back {
        let shape: Vec<i64> = a.shape.iter().map(|&d| d as i64).collect();
        out = out.reshape(&shape)?;
    }
    Ok(Value::Array(Rc::new(out)))
}

/// `np.rot90(m, k=1, axes=(0, 1))`.
pub fn rot90(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("rot90", &["m", "k", "axes"], 1)?;
    let src = req(&b[0]);
    let m = argparse::array(interp, &src)?;
    let k = argparse::opt_int(&b[1], 1)?;
    let axes = match &b[2] {
        None => vec![0, 1],
        Some(v) => int_list(interp, v)?,
    };
    if axes.len() != 2 {
        return Err(value_error("len(axes) must be 2."));
    }
    let nd = m.ndim() as i64;
    if axes[0] == axes[1] || (axes[0] - axes[1]).abs() == nd {
        return Err(value_error("Axes must be different."));
    }
    if axes[0] >= nd || axes[0] < -nd || axes[1] >= nd || axes[1] < -nd {
        return Err(value_error(format!(
            "Axes=({}, {}) out of range for array of ndim={}.",
            axes[0], axes[1], nd
        )));
    }
    let a0 = normalize_axis(axes[0], m.ndim())?;
    let a1 = normalize_axis(axes[1], m.ndim())?;
    let k = k.rem_euclid(4);
    let r = match k {
        0 => m.basic_index(&[BasicIndex::Ellipsis])?,
        2 => flipped(&m, &[a0, a1])?,
        _ => {
            let mut perm: Vec<i64> = (0..nd).collect();
            perm.swap(a0, a1);
            if k == 1 {
                flipped(&m, &[a1])?.transpose(Some(&perm))?
            } else {
                flipped(&m.transpose(Some(&perm))?, &[a1])?
            }
        }
    };
    Ok(view_of(&src, r))
}

/// Resolve take/put indices under `mode` ('raise', 'wrap', 'clip') against length `n`.
fn mode_indices(raw: Vec<i64>, n: usize, mode: &str, axis: usize) -> PyResult<Vec<i64>> {
    let n_i = n as i64;
    raw.into_iter()
        .map(|i| match mode {
            "wrap" if n > 0 => Ok(i.rem_euclid(n_i)),
            "clip" if n > 0 => Ok(i.clamp(0, n_i - 1)),
            "raise" => {
                let j = if i < 0 { i + n_i } else { i };
                if j < 0 || j >= n_i {
                    Err(index_error(format!(
                        "index {i} is out of bounds for axis {axis} with size {n}"
                    )))
                } else {
                    Ok(j)
                }
            }
            "wrap" | "clip" => Err(index_error(
                "cannot do a non-empty take from an empty axes.",
            )),
            other => Err(value_error(format!(
                "clipmode must be one of 'clip', 'raise', or 'wrap' (got '{other}')"
            ))),
        })
        .collect()
}

/// `np.take(a, indices, axis=None, out=None, mode='raise')` / `a.take(...)`.
pub fn take(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("take", &["a", "indices", "axis", "out", "mode"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let ind = array_from_value(&req(&b[1]), None)?;
    let mode = argparse::string(&b[4], "raise")?;
    let (a, axis) = match argparse::axis(&b[2])? {
        None => (a.reshape(&[-1])?, 0),
        Some(ax) => {
            let n = normalize_axis(ax, a.ndim())?;
            (a, n)
        }
    };
    if !(ind.dtype.is_integer() || ind.size() == 0) {
        return Err(type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            ind.dtype.name()
        )));
    }
    let raw = if ind.size() == 0 {
        Vec::new()
    } else {
        ind.to_vec_i64()?
    };
    let idx = mode_indices(raw, a.shape[axis], &mode, axis)?;
    let mut items = vec![
        IndexItem::Slice {
            start: None,
            stop: None,
            step: None
        };
        axis
    ];
    items.push(IndexItem::Array(NdArray::from_vec(idx, ind.shape.clone())));
    let r = a.get_index(&items)?;
    if let Some(Value::Array(o)) = &b[3] {
        o.assign(&r)?;
        return Ok(Value::Array(o.clone()));
    }
    Ok(interp.wrap_array_result(r))
}

/// `np.put(a, ind, v, mode='raise')`: in place on a's flat elements.
pub fn put(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("put", &["a", "ind", "v", "mode"], 3)?;
    let Some(Value::Array(a)) = &b[0] else {
        return Err(type_error("argument 1 must be numpy.ndarray, not list"));
    };
    let ind = array_from_value(&req(&b[1]), None)?;
    let v = array_from_value(&req(&b[2]), None)?.reshape(&[-1])?;
    let mode = argparse::string(&b[3], "raise")?;
    let raw = if ind.size() == 0 {
        Vec::new()
    } else {
        ind.to_vec_i64()?
    };
    let n = a.size();
    let idx = mode_indices(raw, n, &mode, 0).map_err(|e| {
        if mode == "raise" {
            let msg = e.first_line();
            index_error(msg)
        } else {
            e
        }
    })?;
    if idx.is_empty() || v.size() == 0 {
        return Ok(Value::None);
    }
    // Values repeat cyclically over the indices.
    let vi: Vec<i64> = (0..idx.len()).map(|i| (i % v.size()) as i64).collect();
    let vals = take_axis(&v, vi, 0)?;
    // Flat positions in C order, any layout (`np.put` on a strided view writes through it).
    let positions: Vec<usize> = idx.iter().map(|&i| i as usize).collect();
    crate::numpy::inplace::put_flat(a, &positions, &vals)?;
    let _ = interp;
    Ok(Value::None)
}

/// `np.resize(a, new_shape)`.
pub fn resize(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("resize", &["a", "new_shape"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?.reshape(&[-1])?;
    let shape = argparse::shape(interp, &req(&b[1]))?;
    let total: usize = shape.iter().product();
    if a.size() == 0 || total == 0 {
        return Ok(Value::Array(Rc::new(NdArray::zeros(a.dtype, &shape)?)));
    }
    let idx: Vec<i64> = (0..total).map(|i| (i % a.size()) as i64).collect();
    let r = take_axis(&a, idx, 0)?;
    let s: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
    Ok(Value::Array(Rc::new(r.reshape(&s)?)))
}

/// The diagonal view of `a` (NumPy's read-only `diagonal`).
pub fn diagonal_view(a: &NdArray, offset: i64, axis1: i64, axis2: i64) -> PyResult<NdArray> {
    if a.ndim() < 2 {
        return Err(value_error(
            "diag requires an array of at least two dimensions",
        ));
    }
    let a1 = normalize_axis(axis1, a.ndim())?;
    let a2 = normalize_axis(axis2, a.ndim())?;
    if a1 == a2 {
        return Err(value_error("axis1 and axis2 cannot be the same"));
    }
    let (n1, n2) = (a.shape[a1] as i64, a.shape[a2] as i64);
    let (s1, s2) = (a.strides[a1], a.strides[a2]);
    let mut start = a.offset as isize;
    let len = if offset >= 0 {
        let l = n1.min(n2 - offset).max(0);
        if l > 0 {
            start += offset as isize * s2;
        }
        l
    } else {
        let l = (n1 + offset).min(n2).max(0);
        if l > 0 {
            start += (-offset) as isize * s1;
        }
        l
    };
    let mut v = a.clone();
    v.base = None;
    v.shape = Vec::with_capacity(a.ndim() - 1);
    v.strides = Vec::with_capacity(a.ndim() - 1);
    for i in 0..a.ndim() {
        if i != a1 && i != a2 {
            v.shape.push(a.shape[i]);
            v.strides.push(a.strides[i]);
        }
    }
    v.shape.push(len as usize);
    v.strides.push(s1 + s2);
    v.offset = start.max(0) as usize;
    v.writeable.set(false);
    Ok(v)
}

/// `np.diagonal(a, offset=0, axis1=0, axis2=1)` / `a.diagonal(...)`.
pub fn diagonal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("diagonal", &["a", "offset", "axis1", "axis2"], 1)?;
    let src = req(&b[0]);
    let a = argparse::array(interp, &src)?;
    let d = diagonal_view(
        &a,
        argparse::opt_int(&b[1], 0)?,
        argparse::opt_int(&b[2], 0)?,
        argparse::opt_int(&b[3], 1)?,
    )?;
    Ok(view_of(&src, d))
}

/// `np.choose(a, choices, out=None, mode='raise')`.
pub fn choose(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("choose", &["a", "choices", "out", "mode"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let choices = crate::numpy::joining::array_list(interp, &req(&b[1]))?;
    let mode = argparse::string(&b[3], "raise")?;
    if choices.is_empty() {
        return Err(value_error("0-length sequence."));
    }
    let mut shapes: Vec<&[usize]> = vec![&a.shape];
    shapes.extend(choices.iter().map(|c| c.shape.as_slice()));
    let shape = crate::array::layout::broadcast_shapes(&shapes)?;
    let dt = crate::numpy::joining::common_dtype(&choices)?;
    let stacked = crate::numpy::joining::concat(
        &choices
            .iter()
            .map(|c| c.broadcast_to(&shape).and_then(|x| x.expand_dims(&[0])))
            .collect::<PyResult<Vec<_>>>()?,
        Some(0),
        Some(dt),
    )?;
    let n = choices.len();
    let ai = a.broadcast_to(&shape)?.to_vec_i64()?;
    let ai: Vec<i64> = ai
        .into_iter()
        .map(|i| match mode.as_str() {
            "wrap" => Ok(i.rem_euclid(n as i64)),
            "clip" => Ok(i.clamp(0, n as i64 - 1)),
            _ if i < 0 || i >= n as i64 => Err(value_error("invalid entry in choice array")),
            _ => Ok(i),
        })
        .collect::<PyResult<_>>()?;
    let mut items = vec![IndexItem::Array(NdArray::from_vec(ai, shape.clone()))];
    for (d, &len) in shape.iter().enumerate() {
        let mut s = vec![1usize; shape.len()];
        s[d] = len;
        items.push(IndexItem::Array(NdArray::from_vec(
            (0..len as i64).collect::<Vec<_>>(),
            s,
        )));
    }
    let r = stacked.get_index(&items)?;
    Ok(interp.wrap_array_result(r))
}
