//! Joining and splitting: concatenate, stack and its h/v/d/column variants, split and
//! array_split (views), append, insert, delete — with NumPy's dtypes and error messages.
//!
//! The array-level helpers here (`concat`, `slice_axis`, `take_axis`) are shared by the other
//! shape families (tile, roll, pad, …).

use std::rc::Rc;

use crate::array::dtype::{can_cast_same_kind, promote, DType};
use crate::array::index::IndexItem;
use crate::array::layout::{normalize_axis, BasicIndex};
use crate::array::NdArray;
use crate::errors::{axis_error, index_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::array_from_value;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The joining/splitting family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "concatenate",
        concatenate,
        "concatenate((a1, a2, ...), axis=0, out=None, dtype=None): join arrays along an axis",
    ),
    (
        "concat",
        concatenate,
        "concat((a1, a2, ...), axis=0): alias of concatenate",
    ),
    (
        "stack",
        stack,
        "stack(arrays, axis=0): join arrays along a new axis",
    ),
    (
        "vstack",
        vstack,
        "vstack(tup): stack arrays vertically (row-wise)",
    ),
    ("row_stack", vstack, "row_stack(tup): alias of vstack"),
    (
        "hstack",
        hstack,
        "hstack(tup): stack arrays horizontally (column-wise)",
    ),
    (
        "dstack",
        dstack,
        "dstack(tup): stack arrays depth-wise (along the third axis)",
    ),
    (
        "column_stack",
        column_stack,
        "column_stack(tup): stack 1-D arrays as columns of a 2-D array",
    ),
    (
        "split",
        split,
        "split(ary, indices_or_sections, axis=0): split into equal parts (views)",
    ),
    (
        "array_split",
        array_split,
        "array_split(ary, indices_or_sections, axis=0): split into nearly equal parts (views)",
    ),
    (
        "hsplit",
        hsplit,
        "hsplit(ary, indices_or_sections): split horizontally (column-wise)",
    ),
    (
        "vsplit",
        vsplit,
        "vsplit(ary, indices_or_sections): split vertically (row-wise)",
    ),
    (
        "dsplit",
        dsplit,
        "dsplit(ary, indices_or_sections): split along the third axis",
    ),
    (
        "append",
        append,
        "append(arr, values, axis=None): values appended at the end (a copy)",
    ),
    (
        "insert",
        insert,
        "insert(arr, obj, values, axis=None): values inserted before the given indices",
    ),
    (
        "delete",
        delete,
        "delete(arr, obj, axis=None): a copy with sub-arrays along an axis removed",
    ),
];

/// The items of a sequence argument (a list/tuple of array-likes, or an array's rows), as arrays.
pub fn array_list(interp: &mut Interp, v: &Value) -> PyResult<Vec<NdArray>> {
    let items = interp.iterate(v)?;
    items.iter().map(|x| interp.to_array(x)).collect()
}

/// A basic-index view of `a` restricted to `start..stop` (step `step`) along `axis`.
pub fn slice_axis(
    a: &NdArray,
    axis: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<NdArray> {
    let mut items = vec![
        BasicIndex::Slice {
            start: None,
            stop: None,
            step: None
        };
        axis
    ];
    items.push(BasicIndex::Slice { start, stop, step });
    a.basic_index(&items)
}

/// `np.take(a, idx, axis)` for in-range indices: a fresh array (advanced indexing).
pub fn take_axis(a: &NdArray, idx: Vec<i64>, axis: usize) -> PyResult<NdArray> {
    let mut items = vec![
        IndexItem::Slice {
            start: None,
            stop: None,
            step: None
        };
        axis
    ];
    items.push(IndexItem::Array(NdArray::from_vec1(idx)));
    a.get_index(&items)
}

/// The common dtype of arrays (all strong operands).
pub fn common_dtype(arrs: &[NdArray]) -> PyResult<DType> {
    let mut it = arrs.iter();
    let Some(first) = it.next() else {
        return Ok(DType::Float64);
    };
    let mut d = first.dtype;
    for a in it {
        d = promote(d, a.dtype)?;
    }
    Ok(d)
}

/// `np.concatenate(arrs, axis)` into a fresh array (`axis=None` flattens first).
pub fn concat(arrs: &[NdArray], axis: Option<i64>, dtype: Option<DType>) -> PyResult<NdArray> {
    concat_into(arrs, axis, dtype, None, "concatenate")
}

fn concat_into(
    arrs: &[NdArray],
    axis: Option<i64>,
    dtype: Option<DType>,
    out: Option<&NdArray>,
    what: &str,
) -> PyResult<NdArray> {
    if arrs.is_empty() {
        return Err(value_error(format!("need at least one array to {what}")));
    }
    let flat;
    let (arrs, axis) = match axis {
        None => {
            flat = arrs
                .iter()
                .map(|a| a.reshape(&[-1]))
                .collect::<PyResult<Vec<_>>>()?;
            (&flat[..], 0usize)
        }
        Some(ax) => {
            let nd = arrs[0].ndim();
            if nd == 0 {
                return Err(value_error(
                    "zero-dimensional arrays cannot be concatenated",
                ));
            }
            (arrs, normalize_axis(ax, nd)?)
        }
    };
    let nd = arrs[0].ndim();
    let mut shape = arrs[0].shape.clone();
    for (i, a) in arrs.iter().enumerate().skip(1) {
        if a.ndim() != nd {
            return Err(value_error(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
        for d in 0..nd {
            if d != axis && a.shape[d] != arrs[0].shape[d] {
                return Err(value_error(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    arrs[0].shape[d], a.shape[d]
                )));
            }
        }
        shape[axis] += a.shape[axis];
    }
    let dt = match (dtype, out) {
        (Some(d), _) => {
            for a in arrs {
                if !can_cast_same_kind(a.dtype, d) {
                    return Err(type_error(format!(
                        "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule 'same_kind'",
                        a.dtype.name(),
                        d.name()
                    )));
                }
            }
            d
        }
        (None, Some(o)) => o.dtype,
        (None, None) => common_dtype(arrs)?,
    };
    let res = match out {
        Some(o) => {
            if o.shape != shape {
                return Err(value_error("Output array is the wrong shape"));
            }
            o.clone()
        }
        None => NdArray::zeros(string_width(dt, arrs), &shape)?,
    };
    let mut pos = 0i64;
    for a in arrs {
        let n = a.shape[axis] as i64;
        slice_axis(&res, axis, Some(pos), Some(pos + n), None)?.assign(a)?;
        pos += n;
    }
    Ok(res)
}

/// A string result dtype wide enough for every input.
fn string_width(dt: DType, arrs: &[NdArray]) -> DType {
    match dt {
        DType::Str(w) => DType::Str(
            arrs.iter()
                .map(|a| a.dtype_width())
                .max()
                .unwrap_or(w)
                .max(w),
        ),
        d => d,
    }
}

/// `np.concatenate((a1, a2, ...), axis=0, out=None, *, dtype=None, casting="same_kind")`.
pub fn concatenate(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "concatenate",
        &["arrays", "axis", "out", "*", "dtype", "casting"],
        1,
    )?;
    let arrs = array_list(interp, &req(&b[0]))?;
    let axis = match &b[1] {
        None => Some(0),
        Some(v) => argparse::axis(&Some(v.clone()))?,
    };
    let dtype = argparse::dtype(&b[3])?;
    let out = match &b[2] {
        Some(Value::Array(o)) => Some(o.clone()),
        _ => None,
    };
    let r = concat_into(&arrs, axis, dtype, out.as_deref(), "concatenate")?;
    Ok(match &b[2] {
        Some(v @ Value::Array(_)) => v.clone(),
        _ => Value::Array(Rc::new(r)),
    })
}

/// `np.stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind")`.
pub fn stack(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "stack",
        &["arrays", "axis", "out", "*", "dtype", "casting"],
        1,
    )?;
    let arrs = array_list(interp, &req(&b[0]))?;
    if arrs.is_empty() {
        return Err(value_error("need at least one array to stack"));
    }
    if arrs.iter().any(|a| a.shape != arrs[0].shape) {
        return Err(value_error("all input arrays must have the same shape"));
    }
    let axis = argparse::opt_int(&b[1], 0)?;
    let ax = normalize_axis(axis, arrs[0].ndim() + 1)? as i64;
    let expanded = arrs
        .iter()
        .map(|a| a.expand_dims(&[ax]))
        .collect::<PyResult<Vec<_>>>()?;
    let r = concat(&expanded, Some(ax), argparse::dtype(&b[3])?)?;
    Ok(Value::Array(Rc::new(r)))
}

/// `atleast_2d` of one array (a view).
pub fn at_least_2d(a: &NdArray) -> PyResult<NdArray> {
    match a.ndim() {
        0 => a.reshape(&[1, 1]),
        1 => a.expand_dims(&[0]),
        _ => Ok(a.clone()),
    }
}

/// `atleast_3d` of one array (a view).
pub fn at_least_3d(a: &NdArray) -> PyResult<NdArray> {
    match a.ndim() {
        0 => a.reshape(&[1, 1, 1]),
        1 => a.expand_dims(&[0, 2]),
        2 => a.expand_dims(&[2]),
        _ => Ok(a.clone()),
    }
}

fn stack_arg(
    interp: &mut Interp,
    args: Args,
    name: &str,
) -> PyResult<(Vec<NdArray>, Option<DType>)> {
    let b = args.bind(name, &["tup", "*", "dtype", "casting"], 1)?;
    let tup = req(&b[0]);
    if !matches!(tup, Value::List(_) | Value::Tuple(_) | Value::Array(_)) {
        return Err(type_error(
            "arrays to stack must be passed as a \"sequence\" type such as list or tuple.",
        ));
    }
    Ok((array_list(interp, &tup)?, argparse::dtype(&b[1])?))
}

/// `np.vstack(tup)`.
pub fn vstack(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (arrs, dt) = stack_arg(interp, args, "vstack")?;
    let arrs = arrs.iter().map(at_least_2d).collect::<PyResult<Vec<_>>>()?;
    Ok(Value::Array(Rc::new(concat(&arrs, Some(0), dt)?)))
}

/// `np.hstack(tup)`.
pub fn hstack(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (arrs, dt) = stack_arg(interp, args, "hstack")?;
    let arrs = arrs
        .iter()
        .map(|a| {
            if a.ndim() == 0 {
                a.reshape(&[1])
            } else {
                Ok(a.clone())
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    let axis = if arrs.first().is_some_and(|a| a.ndim() == 1) {
        0
    } else {
        1
    };
    Ok(Value::Array(Rc::new(concat(&arrs, Some(axis), dt)?)))
}

/// `np.dstack(tup)`.
pub fn dstack(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (arrs, dt) = stack_arg(interp, args, "dstack")?;
    let arrs = arrs.iter().map(at_least_3d).collect::<PyResult<Vec<_>>>()?;
    Ok(Value::Array(Rc::new(concat(&arrs, Some(2), dt)?)))
}

/// `np.column_stack(tup)`.
pub fn column_stack(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("column_stack", &["tup"], 1)?;
    let arrs = array_list(interp, &req(&b[0]))?;
    let arrs = arrs
        .iter()
        .map(|a| {
            if a.ndim() < 2 {
                a.reshape(&[-1, 1])
            } else {
                Ok(a.clone())
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::Array(Rc::new(concat(&arrs, Some(1), None)?)))
}

/// Split points: `None` for an integer number of sections, or explicit indices.
enum Division {
    Sections(i64),
    Indices(Vec<i64>),
}

fn division(interp: &mut Interp, v: &Value) -> PyResult<Division> {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => {
            let items = interp.iterate(v)?;
            Ok(Division::Indices(
                items
                    .iter()
                    .map(|x| argparse::int(x, ""))
                    .collect::<PyResult<_>>()?,
            ))
        }
        // NumPy takes `int(sections)` when the argument has no len (1.5 → 1).
        Value::Float(f) => Ok(Division::Sections(f.trunc() as i64)),
        other => Ok(Division::Sections(argparse::int(other, "")?)),
    }
}

/// `np.array_split` core: views of `a` along `axis`.
fn split_views(a: &NdArray, div: &Division, axis: usize, equal: bool) -> PyResult<Vec<NdArray>> {
    let n = a.shape[axis] as i64;
    let points: Vec<i64> = match div {
        Division::Sections(s) => {
            if equal && *s == 0 {
                return Err(crate::errors::zero_division("integer modulo by zero"));
            }
            if *s <= 0 {
                return Err(value_error("number sections must be larger than 0."));
            }
            if equal && n % s != 0 {
                return Err(value_error(
                    "array split does not result in an equal division",
                ));
            }
            let (each, extras) = (n / s, n % s);
            let mut pts = vec![0i64];
            for i in 0..*s {
                let last = pts[pts.len() - 1];
                pts.push(last + each + if i < extras { 1 } else { 0 });
            }
            pts
        }
        Division::Indices(ix) => {
            let mut pts = vec![0i64];
            pts.extend(ix.iter().copied());
            pts.push(n);
            pts
        }
    };
    points
        .windows(2)
        .map(|w| slice_axis(a, axis, Some(w[0]), Some(w[1]), None))
        .collect()
}

fn split_common(
    interp: &mut Interp,
    src: &Value,
    ios: &Value,
    axis: i64,
    equal: bool,
) -> PyResult<Value> {
    let a = argparse::array(interp, src)?;
    let ax = normalize_axis(axis, a.ndim().max(1))?;
    if a.ndim() == 0 {
        return Err(axis_error(format!(
            "axis {axis} is out of bounds for array of dimension 0"
        )));
    }
    let div = division(interp, ios)?;
    let views = split_views(&a, &div, ax, equal)?;
    let src_rc = match src {
        Value::Array(r) => Some(r.clone()),
        _ => None,
    };
    Ok(Value::list(
        views
            .into_iter()
            .map(|v| {
                Value::Array(Rc::new(match &src_rc {
                    Some(r) => v.linked_to(r),
                    None => v,
                }))
            })
            .collect(),
    ))
}

/// `np.split(ary, indices_or_sections, axis=0)`.
pub fn split(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("split", &["ary", "indices_or_sections", "axis"], 2)?;
    split_common(
        interp,
        &req(&b[0]),
        &req(&b[1]),
        argparse::opt_int(&b[2], 0)?,
        true,
    )
}

/// `np.array_split(ary, indices_or_sections, axis=0)`.
pub fn array_split(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("array_split", &["ary", "indices_or_sections", "axis"], 2)?;
    split_common(
        interp,
        &req(&b[0]),
        &req(&b[1]),
        argparse::opt_int(&b[2], 0)?,
        false,
    )
}

/// `np.hsplit(ary, indices_or_sections)`.
pub fn hsplit(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("hsplit", &["ary", "indices_or_sections"], 2)?;
    let src = req(&b[0]);
    let nd = argparse::array(interp, &src)?.ndim();
    if nd == 0 {
        return Err(value_error(
            "hsplit only works on arrays of 1 or more dimensions",
        ));
    }
    split_common(interp, &src, &req(&b[1]), if nd > 1 { 1 } else { 0 }, true)
}

/// `np.vsplit(ary, indices_or_sections)`.
pub fn vsplit(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("vsplit", &["ary", "indices_or_sections"], 2)?;
    let src = req(&b[0]);
    if argparse::array(interp, &src)?.ndim() < 2 {
        return Err(value_error(
            "vsplit only works on arrays of 2 or more dimensions",
        ));
    }
    split_common(interp, &src, &req(&b[1]), 0, true)
}

/// `np.dsplit(ary, indices_or_sections)`.
pub fn dsplit(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("dsplit", &["ary", "indices_or_sections"], 2)?;
    let src = req(&b[0]);
    if argparse::array(interp, &src)?.ndim() < 3 {
        return Err(value_error(
            "dsplit only works on arrays of 3 or more dimensions",
        ));
    }
    split_common(interp, &src, &req(&b[1]), 2, true)
}

/// `np.append(arr, values, axis=None)`.
pub fn append(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("append", &["arr", "values", "axis"], 2)?;
    let arr = argparse::array(interp, &req(&b[0]))?;
    let vals = argparse::array(interp, &req(&b[1]))?;
    let r = match argparse::axis(&b[2])? {
        None => concat(&[arr.reshape(&[-1])?, vals.reshape(&[-1])?], Some(0), None)?,
        Some(ax) => concat(&[arr, vals], Some(ax), None)?,
    };
    Ok(Value::Array(Rc::new(r)))
}

/// The array and axis of insert/delete: `axis=None` works on the flattened array.
fn flat_or_axis(
    interp: &mut Interp,
    v: &Value,
    axis: &Option<Value>,
) -> PyResult<(NdArray, usize)> {
    let a = argparse::array(interp, v)?;
    match argparse::axis(axis)? {
        None => Ok((a.reshape(&[-1])?, 0)),
        Some(ax) => {
            let n = normalize_axis(ax, a.ndim())?;
            Ok((a, n))
        }
    }
}

/// Indices selected by a delete/insert `obj` (int, slice, sequence or boolean mask).
fn obj_indices(
    interp: &mut Interp,
    obj: &Value,
    n: usize,
    axis: usize,
) -> PyResult<(Vec<i64>, bool)> {
    match obj {
        Value::Slice(s) => {
            let (start, _, step, len) = crate::interp::subscript::resolve_slice(s, n)?;
            Ok(((0..len as i64).map(|i| start + i * step).collect(), false))
        }
        _ => {
            let idx = array_from_value(obj, None)?;
            if idx.dtype == DType::Bool {
                if idx.ndim() != 1 || idx.size() != n {
                    return Err(value_error(format!(
                        "boolean array argument obj to delete must be one dimensional and match the axis length of {n}"
                    )));
                }
                let m = idx.to_vec::<bool>();
                return Ok((
                    m.iter()
                        .enumerate()
                        .filter(|(_, &b)| b)
                        .map(|(i, _)| i as i64)
                        .collect(),
                    false,
                ));
            }
            let scalar = idx.ndim() == 0;
            let raw = if idx.size() == 0 {
                Vec::new()
            } else {
                idx.to_vec_i64().map_err(|_| {
                    index_error("arrays used as indices must be of integer (or boolean) type")
                })?
            };
            let _ = interp;
            let mut out = Vec::with_capacity(raw.len());
            for i in raw {
                let j = if i < 0 { i + n as i64 } else { i };
                if j < 0 || j >= n as i64 {
                    return Err(index_error(format!(
                        "index {i} is out of bounds for axis {axis} with size {n}"
                    )));
                }
                out.push(j);
            }
            Ok((out, scalar))
        }
    }
}

/// `np.delete(arr, obj, axis=None)`.
pub fn delete(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("delete", &["arr", "obj", "axis"], 2)?;
    let (a, axis) = flat_or_axis(interp, &req(&b[0]), &b[2])?;
    let n = a.shape[axis];
    let (drop, _) = obj_indices(interp, &req(&b[1]), n, axis)?;
    let mut keep = vec![true; n];
    for i in drop {
        keep[i as usize] = false;
    }
    let idx: Vec<i64> = keep
        .iter()
        .enumerate()
        .filter(|(_, &k)| k)
        .map(|(i, _)| i as i64)
        .collect();
    Ok(Value::Array(Rc::new(take_axis(&a, idx, axis)?)))
}

/// `np.insert(arr, obj, values, axis=None)`.
pub fn insert(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("insert", &["arr", "obj", "values", "axis"], 3)?;
    let (a, axis) = flat_or_axis(interp, &req(&b[0]), &b[3])?;
    let n = a.shape[axis];
    let obj = req(&b[1]);
    // Insertion points may equal n (append at the end).
    let (points, scalar) = match &obj {
        Value::Slice(s) => {
            let (start, _, step, len) = crate::interp::subscript::resolve_slice(s, n)?;
            (
                (0..len as i64)
                    .map(|i| start + i * step)
                    .collect::<Vec<_>>(),
                false,
            )
        }
        _ => {
            let idx = array_from_value(&obj, None)?;
            if idx.dtype == DType::Bool {
                return Err(value_error(
                    "boolean array argument obj to insert must be one dimensional",
                ));
            }
            let raw = if idx.size() == 0 {
                Vec::new()
            } else {
                idx.to_vec_i64()?
            };
            let mut pts = Vec::with_capacity(raw.len());
            for i in raw {
                let j = if i < 0 { i + n as i64 } else { i };
                if j < 0 || j > n as i64 {
                    return Err(index_error(format!(
                        "index {i} is out of bounds for axis {axis} with size {n}"
                    )));
                }
                pts.push(j);
            }
            (pts, idx.ndim() == 0)
        }
    };
    let vals = array_from_value(&req(&b[2]), Some(a.dtype))?;
    let nd = a.ndim();
    let res = if points.len() == 1 {
        // NumPy: values = array(values, ndmin=arr.ndim); a scalar index moves its first axis
        // to the insert axis (so `a[:, 0:1]`-style broadcasting applies).
        let mut v = vals;
        while v.ndim() < nd {
            v = v.expand_dims(&[0])?;
        }
        if scalar {
            let mut perm: Vec<i64> = (1..v.ndim() as i64).collect();
            perm.insert(axis.min(perm.len()), 0);
            v = v.transpose(Some(&perm))?;
        }
        let numnew = v.shape.get(axis).copied().unwrap_or(1);
        let mut shape = a.shape.clone();
        shape[axis] += numnew;
        let out = NdArray::zeros(a.dtype, &shape)?;
        let p = points[0];
        slice_axis(&out, axis, Some(0), Some(p), None)?.assign(&slice_axis(
            &a,
            axis,
            Some(0),
            Some(p),
            None,
        )?)?;
        slice_axis(&out, axis, Some(p), Some(p + numnew as i64), None)?.assign(&v)?;
        slice_axis(&out, axis, Some(p + numnew as i64), None, None)?.assign(&slice_axis(
            &a,
            axis,
            Some(p),
            None,
            None,
        )?)?;
        out
    } else {
        let numnew = points.len();
        let mut order: Vec<usize> = (0..numnew).collect();
        order.sort_by_key(|&i| points[i]);
        let mut new_pos = points.clone();
        for (rank, &i) in order.iter().enumerate() {
            new_pos[i] += rank as i64;
        }
        let mut shape = a.shape.clone();
        shape[axis] += numnew;
        let out = NdArray::zeros(a.dtype, &shape)?;
        let mut is_old = vec![true; shape[axis]];
        for &p in &new_pos {
            is_old[p as usize] = false;
        }
        let old_idx: Vec<i64> = is_old
            .iter()
            .enumerate()
            .filter(|(_, &o)| o)
            .map(|(i, _)| i as i64)
            .collect();
        let mut items = vec![
            IndexItem::Slice {
                start: None,
                stop: None,
                step: None
            };
            axis
        ];
        items.push(IndexItem::Array(NdArray::from_vec1(new_pos)));
        out.set_index(&items, &vals)?;
        take_axis_set(&out, old_idx, axis, &a)?;
        out
    };
    Ok(Value::Array(Rc::new(res)))
}

/// `out[..., idx, ...] = src` along `axis`.
fn take_axis_set(out: &NdArray, idx: Vec<i64>, axis: usize, src: &NdArray) -> PyResult<()> {
    let mut items = vec![
        IndexItem::Slice {
            start: None,
            stop: None,
            step: None
        };
        axis
    ];
    items.push(IndexItem::Array(NdArray::from_vec1(idx)));
    out.set_index(&items, src)
}
