//! `np.pad`, a port of `numpy/lib/_arraypad_impl.py`: the padded array is allocated once, the
//! original copied into its middle, then each axis' pad areas are filled in turn from views of
//! the array itself (so later axes see the earlier axes' padding, exactly as NumPy's do).

use std::rc::Rc;

use crate::array::dtype::{DType, Kind};
use crate::array::layout::BasicIndex;
use crate::array::ufunc::{unary, UnaryOp};
use crate::array::{Elem, NdArray};
use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::joining::slice_axis;
use crate::numpy::{reductions, statistics, FnEntry};
use crate::syntax::ast::BinOp;
use crate::syntax::span::Span;
use crate::value::{Dict, Value};

/// The pad family's entry in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[(
    "pad",
    pad,
    "pad(array, pad_width, mode='constant', **kwargs): pad an array (constant, edge, linear_ramp, maximum, mean, median, minimum, reflect, symmetric, wrap, empty, or a function)",
)];

/// The keywords each mode accepts (NumPy's `allowed_kwargs`).
fn allowed_kwargs(mode: &str) -> Option<&'static [&'static str]> {
    Some(match mode {
        "empty" | "edge" | "wrap" => &[],
        "constant" => &["constant_values"],
        "linear_ramp" => &["end_values"],
        "maximum" | "mean" | "median" | "minimum" => &["stat_length"],
        "reflect" | "symmetric" => &["reflect_type"],
        _ => return None,
    })
}

/// `(before, after)` values per axis, as `_as_pairs` makes them (0-d arrays).
struct Pairs {
    pairs: Vec<(NdArray, NdArray)>,
}

/// NumPy's `_as_pairs(x, ndim)`: one value for all, a `(before, after)` pair for all, or a
/// per-axis table broadcast to `(ndim, 2)`.
fn as_pairs(x: &NdArray, ndim: usize) -> PyResult<Pairs> {
    let flat = x.reshape(&[-1])?;
    let at = |a: &NdArray, idx: &[i64]| -> PyResult<NdArray> {
        let items: Vec<BasicIndex> = idx.iter().map(|&i| BasicIndex::Int(i)).collect();
        a.basic_index(&items)
    };
    if x.ndim() < 3 {
        if x.size() == 1 {
            let v = at(&flat, &[0])?;
            return Ok(Pairs {
                pairs: vec![(v.clone(), v); ndim],
            });
        }
        if x.size() == 2 && x.shape != [2, 1] {
            let (b, a) = (at(&flat, &[0])?, at(&flat, &[1])?);
            return Ok(Pairs {
                pairs: vec![(b, a); ndim],
            });
        }
    }
    let table = x.broadcast_to(&[ndim, 2])?;
    let mut pairs = Vec::with_capacity(ndim);
    for i in 0..ndim as i64 {
        pairs.push((at(&table, &[i, 0])?, at(&table, &[i, 1])?));
    }
    Ok(Pairs { pairs })
}

/// `_as_pairs(x, ndim, as_index=True)`: rounded non-negative integers.
fn index_pairs(x: &NdArray, ndim: usize) -> PyResult<Vec<(i64, i64)>> {
    let x = if x.dtype.is_inexact() {
        unary(UnaryOp::Rint, x, None)?
    } else {
        x.clone()
    };
    let x = x.astype(DType::Int64)?;
    if x.to_vec::<i64>().iter().any(|&v| v < 0) {
        return Err(value_error("index can't contain negative values"));
    }
    let p = as_pairs(&x, ndim)?;
    let int = |a: &NdArray| match a.item() {
        Ok(Elem::Int(i)) => i,
        _ => 0,
    };
    Ok(p.pairs.iter().map(|(b, a)| (int(b), int(a))).collect())
}

/// `pad_width` as `(before, after)` per axis: integer array-likes, or a dict {axis: width}.
fn pad_widths(interp: &mut Interp, v: &Value, ndim: usize) -> PyResult<Vec<(i64, i64)>> {
    if let Value::Dict(d) = v {
        let mut seq = vec![(0i64, 0i64); ndim];
        let entries: Vec<(Value, Value)> = d.borrow().map.values().cloned().collect();
        for (k, w) in entries {
            let axis = crate::interp::subscript::index_int(&k).ok_or_else(|| {
                type_error(format!(
                    "list indices must be integers or slices, not {}",
                    k.type_name()
                ))
            })?;
            let n = ndim as i64;
            let slot = if axis < 0 { axis + n } else { axis };
            if slot < 0 || slot >= n {
                return Err(Exception::new(
                    ExcType::IndexError,
                    "list assignment index out of range",
                ));
            }
            let pair = match &w {
                Value::Int(i) => (*i, *i),
                Value::Tuple(t) => match t.as_slice() {
                    [Value::Int(b), Value::Int(a)] => (*b, *a),
                    _ => return Err(unreachable_width(interp, &w)?),
                },
                _ => return Err(unreachable_width(interp, &w)?),
            };
            seq[slot as usize] = pair;
        }
        if seq.iter().any(|&(b, a)| b < 0 || a < 0) {
            return Err(value_error("index can't contain negative values"));
        }
        return Ok(seq);
    }
    let w = interp.to_array(v)?;
    if w.dtype.kind() != Kind::Int {
        return Err(type_error("`pad_width` must be of integral type."));
    }
    index_pairs(&w, ndim)
}

/// `typing.assert_never(invalid)` for a dict width that is neither an int nor an int pair.
fn unreachable_width(interp: &mut Interp, w: &Value) -> PyResult<Exception> {
    Ok(Exception::new(
        ExcType::AssertionError,
        format!(
            "Expected code to be unreachable, but got: {}",
            interp.repr(w)?
        ),
    ))
}

/// A view of `a` with `index` on `axis` and everything else whole.
fn along(a: &NdArray, axis: usize, start: Option<i64>, stop: Option<i64>) -> PyResult<NdArray> {
    slice_axis(a, axis, start, stop, None)
}

/// `_view_roi`: the axes after `axis` restricted to the original area.
fn view_roi(
    padded: &NdArray,
    widths: &[(i64, i64)],
    orig: &[usize],
    axis: usize,
) -> PyResult<NdArray> {
    let mut items = Vec::with_capacity(padded.ndim());
    for (k, (&(before, _), &size)) in widths.iter().zip(orig).enumerate() {
        items.push(if k <= axis {
            BasicIndex::Slice {
                start: None,
                stop: None,
                step: None,
            }
        } else {
            BasicIndex::Slice {
                start: Some(before),
                stop: Some(before + size as i64),
                step: None,
            }
        });
    }
    padded.basic_index(&items)
}

/// `_set_pad_area`: write the before/after values into the pad areas of `axis`.
fn set_pad_area(
    padded: &NdArray,
    axis: usize,
    (before, after): (i64, i64),
    (left, right): (&NdArray, &NdArray),
) -> PyResult<()> {
    along(padded, axis, None, Some(before))?.assign(left)?;
    let n = padded.shape[axis] as i64;
    along(padded, axis, Some(n - after), None)?.assign(right)
}

/// `_get_edges`: the first and last original slices along `axis` (kept as length-1 axes).
fn get_edges(
    padded: &NdArray,
    axis: usize,
    (before, after): (i64, i64),
) -> PyResult<(NdArray, NdArray)> {
    let left = along(padded, axis, Some(before), Some(before + 1))?;
    let right_index = padded.shape[axis] as i64 - after;
    let right = along(padded, axis, Some(right_index - 1), Some(right_index))?;
    Ok((left, right))
}

/// `np.linspace(end_value, edge, num=width, endpoint=False, dtype=padded.dtype, axis=axis)`,
/// computed as NumPy's linspace does (`arange(num) * step + start`, in the inexact dtype).
fn ramp(
    interp: &mut Interp,
    end: &NdArray,
    edge: &NdArray,
    width: usize,
    axis: usize,
    dtype: DType,
) -> PyResult<NdArray> {
    let dt = crate::numpy::typeinfo::result_type_of(
        interp,
        &[
            Value::DType(end.dtype),
            Value::DType(edge.dtype),
            Value::Float(0.0),
        ],
    )?;
    let start = Value::Array(Rc::new(end.astype(dt)?));
    let stop = Value::Array(Rc::new(edge.astype(dt)?));
    let mut yshape = vec![1i64; edge.ndim()];
    yshape[axis] = width as i64;
    let y = NdArray::from_vec1((0..width as i64).collect::<Vec<i64>>())
        .astype(dt)?
        .reshape(&yshape)?;
    let y = Value::Array(Rc::new(y));
    let delta = interp.binop(BinOp::Sub, &stop, &start)?;
    let div = Value::Float(width as f64);
    let step = interp.binop(BinOp::Div, &delta, &div)?;
    let step_arr = interp.to_array(&step)?;
    let any_zero = step_arr.elems().iter().any(|e| match e {
        Elem::Float(f) => *f == 0.0,
        Elem::Complex(c) => c.re == 0.0 && c.im == 0.0,
        Elem::Int(i) => *i == 0,
        _ => false,
    });
    let y = if any_zero {
        let scaled = interp.binop(BinOp::Div, &y, &div)?;
        interp.binop(BinOp::Mul, &scaled, &delta)?
    } else {
        interp.binop(BinOp::Mul, &y, &step)?
    };
    let y = interp.binop(BinOp::Add, &y, &start)?;
    let mut y = interp.to_array(&y)?;
    if dtype.is_integer() {
        y = unary(UnaryOp::Floor, &y, None)?;
    }
    y.astype(dtype)
}

/// The statistic modes.
#[derive(Clone, Copy, PartialEq)]
enum Stat {
    Maximum,
    Minimum,
    Mean,
    Median,
}

/// `stat_func(chunk, axis=axis, keepdims=True)`, rounded for integer arrays.
fn stat_of(
    interp: &mut Interp,
    stat: Stat,
    chunk: &NdArray,
    axis: usize,
    dtype: DType,
) -> PyResult<NdArray> {
    let mut args = Args::new(vec![Value::Array(Rc::new(chunk.clone()))]);
    args.kw.push((Rc::from("axis"), Value::Int(axis as i64)));
    args.kw.push((Rc::from("keepdims"), Value::Bool(true)));
    let r = match stat {
        Stat::Maximum => reductions::amax(interp, args)?,
        Stat::Minimum => reductions::amin(interp, args)?,
        Stat::Mean => reductions::mean(interp, args)?,
        Stat::Median => statistics::median(interp, args)?,
    };
    let r = interp.to_array(&r)?;
    if dtype.is_integer() && r.dtype.is_inexact() {
        return unary(UnaryOp::Rint, &r, None);
    }
    Ok(r)
}

/// `_get_stats`: the statistic over the first/last `stat_length` original elements.
fn get_stats(
    interp: &mut Interp,
    padded: &NdArray,
    axis: usize,
    (before, after): (i64, i64),
    (left_len, right_len): (Option<i64>, Option<i64>),
    stat: Stat,
) -> PyResult<(NdArray, NdArray)> {
    let left_index = before;
    let right_index = padded.shape[axis] as i64 - after;
    let max_length = right_index - left_index;
    let left_len = left_len.filter(|&l| l <= max_length).unwrap_or(max_length);
    let right_len = right_len.filter(|&l| l <= max_length).unwrap_or(max_length);
    if (left_len == 0 || right_len == 0) && matches!(stat, Stat::Maximum | Stat::Minimum) {
        return Err(value_error("stat_length of 0 yields no value for padding"));
    }
    let dtype = padded.dtype;
    let left_chunk = along(padded, axis, Some(left_index), Some(left_index + left_len))?;
    let left = stat_of(interp, stat, &left_chunk, axis, dtype)?;
    if left_len == max_length && right_len == max_length {
        return Ok((left.clone(), left));
    }
    let right_chunk = along(
        padded,
        axis,
        Some(right_index - right_len),
        Some(right_index),
    )?;
    let right = stat_of(interp, stat, &right_chunk, axis, dtype)?;
    Ok((left, right))
}

/// `2 * edge - chunk` ("odd" reflection).
fn odd_reflect(interp: &mut Interp, edge: NdArray, chunk: NdArray) -> PyResult<NdArray> {
    let twice = interp.binop(BinOp::Mul, &Value::Int(2), &Value::Array(Rc::new(edge)))?;
    let r = interp.binop(BinOp::Sub, &twice, &Value::Array(Rc::new(chunk)))?;
    interp.to_array(&r)
}

/// `_set_reflect_both`: fill as much of both pad areas as one reflection of the original
/// reaches; returns the widths still to fill.
fn set_reflect_both(
    interp: &mut Interp,
    padded: &NdArray,
    axis: usize,
    (mut left_pad, mut right_pad): (i64, i64),
    odd: bool,
    period: i64,
    include_edge: bool,
) -> PyResult<(i64, i64)> {
    let mut old_length = padded.shape[axis] as i64 - right_pad - left_pad;
    let edge_offset;
    if include_edge {
        old_length = old_length / period * period;
        edge_offset = 1;
    } else {
        old_length = (old_length - 1) / (period - 1) * (period - 1) + 1;
        edge_offset = 0;
        old_length -= 1;
    }
    if left_pad > 0 {
        let chunk_length = old_length.min(left_pad);
        let stop = left_pad - edge_offset;
        let start = stop + chunk_length;
        let mut chunk = slice_axis(padded, axis, Some(start), Some(stop), Some(-1))?;
        if odd {
            let edge = along(padded, axis, Some(left_pad), Some(left_pad + 1))?;
            chunk = odd_reflect(interp, edge, chunk)?;
        }
        along(padded, axis, Some(left_pad - chunk_length), Some(left_pad))?.assign(&chunk)?;
        left_pad -= chunk_length;
    }
    if right_pad > 0 {
        let chunk_length = old_length.min(right_pad);
        let start = -right_pad + edge_offset - 2;
        let stop = start - chunk_length;
        let mut chunk = slice_axis(padded, axis, Some(start), Some(stop), Some(-1))?;
        if odd {
            let edge = along(padded, axis, Some(-right_pad - 1), Some(-right_pad))?;
            chunk = odd_reflect(interp, edge, chunk)?;
        }
        let start = padded.shape[axis] as i64 - right_pad;
        along(padded, axis, Some(start), Some(start + chunk_length))?.assign(&chunk)?;
        right_pad -= chunk_length;
    }
    Ok((left_pad, right_pad))
}

/// `_set_wrap_both`: fill the pad areas with as many whole periods as are available.
fn set_wrap_both(
    padded: &NdArray,
    axis: usize,
    (left_pad, right_pad): (i64, i64),
    original_period: i64,
) -> PyResult<(i64, i64)> {
    let period = padded.shape[axis] as i64 - right_pad - left_pad;
    let period = period / original_period * original_period;
    let (mut new_left, mut new_right) = (0, 0);
    if left_pad > 0 {
        let slice_end = left_pad + period;
        let slice_start = slice_end - period.min(left_pad);
        let chunk = along(padded, axis, Some(slice_start), Some(slice_end))?;
        let area = if left_pad > period {
            new_left = left_pad - period;
            along(padded, axis, Some(left_pad - period), Some(left_pad))?
        } else {
            along(padded, axis, None, Some(left_pad))?
        };
        area.assign(&chunk)?;
    }
    if right_pad > 0 {
        let slice_start = -right_pad - period;
        let slice_end = slice_start + period.min(right_pad);
        let chunk = along(padded, axis, Some(slice_start), Some(slice_end))?;
        let area = if right_pad > period {
            new_right = right_pad - period;
            along(padded, axis, Some(-right_pad), Some(-right_pad + period))?
        } else {
            along(padded, axis, Some(-right_pad), None)?
        };
        area.assign(&chunk)?;
    }
    Ok((new_left, new_right))
}

/// `_pad_simple`: the new array (Fortran order when the input is Fortran- but not
/// C-contiguous) with the input copied into its middle.
fn pad_simple(a: &NdArray, widths: &[(i64, i64)]) -> PyResult<NdArray> {
    let shape: Vec<usize> = a
        .shape
        .iter()
        .zip(widths)
        .map(|(&n, &(b, e))| n + b as usize + e as usize)
        .collect();
    let padded = if a.is_f_contiguous() && !a.is_c_contiguous() {
        let rev: Vec<usize> = shape.iter().rev().copied().collect();
        NdArray::zeros(a.dtype, &rev)?.transpose(None)?
    } else {
        NdArray::zeros(a.dtype, &shape)?
    };
    let items: Vec<BasicIndex> = a
        .shape
        .iter()
        .zip(widths)
        .map(|(&n, &(b, _))| BasicIndex::Slice {
            start: Some(b),
            stop: Some(b + n as i64),
            step: None,
        })
        .collect();
    padded.basic_index(&items)?.assign(a)?;
    Ok(padded)
}

/// `np.pad(array, pad_width, mode='constant', **kwargs)`.
pub fn pad(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let mut named = |name: &str| args.take_kw(name);
    let (kw_array, kw_width, kw_mode) = (named("array"), named("pad_width"), named("mode"));
    if args.pos.len() > 3 {
        return Err(type_error(format!(
            "pad() takes from 2 to 3 positional arguments but {} were given",
            args.pos.len()
        )));
    }
    let mut pos = std::mem::take(&mut args.pos).into_iter();
    let array_v = pos.next().or(kw_array).ok_or_else(|| {
        type_error("pad() missing 2 required positional arguments: 'array' and 'pad_width'")
    })?;
    let width_v = pos
        .next()
        .or(kw_width)
        .ok_or_else(|| type_error("pad() missing 1 required positional argument: 'pad_width'"))?;
    let mode_v = pos.next().or(kw_mode).unwrap_or(Value::str("constant"));
    let kwargs = args.kw;

    let a = interp.to_array(&array_v)?;
    let nd = a.ndim();
    let widths = pad_widths(interp, &width_v, nd)?;
    let mode = match &mode_v {
        Value::Str(s) => s.to_string(),
        f if is_callable(f) => return pad_with_function(interp, &a, &widths, f, kwargs),
        other => interp.str_of(other)?,
    };
    let Some(allowed) = allowed_kwargs(&mode) else {
        return Err(value_error(format!("mode '{mode}' is not supported")));
    };
    let unsupported: Vec<String> = kwargs
        .iter()
        .filter(|(k, _)| !allowed.contains(&&**k))
        .map(|(k, _)| format!("'{k}'"))
        .collect();
    if !unsupported.is_empty() {
        return Err(value_error(format!(
            "unsupported keyword arguments for mode '{mode}': {{{}}}",
            unsupported.join(", ")
        )));
    }
    let kwarg = |name: &str| {
        kwargs
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v.clone())
    };

    let padded = pad_simple(&a, &widths)?;
    let orig = a.shape.clone();
    let result = Value::Array(Rc::new(padded.clone()));
    if mode == "constant" {
        let values = interp.to_array(&kwarg("constant_values").unwrap_or(Value::Int(0)))?;
        let values = as_pairs(&values, nd)?;
        for (axis, (&w, (l, r))) in widths.iter().zip(&values.pairs).enumerate() {
            let roi = view_roi(&padded, &widths, &orig, axis)?;
            set_pad_area(&roi, axis, w, (l, r))?;
        }
        return Ok(result);
    }
    if mode == "empty" {
        return Ok(result);
    }
    if a.size() == 0 {
        for (axis, &(b, e)) in widths.iter().enumerate() {
            if a.shape[axis] == 0 && (b != 0 || e != 0) {
                return Err(value_error(format!(
                    "can't extend empty axis {axis} using modes other than 'constant' or 'empty'"
                )));
            }
        }
        return Ok(result);
    }
    match mode.as_str() {
        "edge" => {
            for (axis, &w) in widths.iter().enumerate() {
                let roi = view_roi(&padded, &widths, &orig, axis)?;
                let (l, r) = get_edges(&roi, axis, w)?;
                set_pad_area(&roi, axis, w, (&l, &r))?;
            }
        }
        "linear_ramp" => {
            let ends = interp.to_array(&kwarg("end_values").unwrap_or(Value::Int(0)))?;
            let ends = as_pairs(&ends, nd)?;
            for (axis, (&w, (le, re))) in widths.iter().zip(&ends.pairs).enumerate() {
                if w == (0, 0) {
                    continue;
                }
                let roi = view_roi(&padded, &widths, &orig, axis)?;
                let (ledge, redge) = get_edges(&roi, axis, w)?;
                let lramp = ramp(interp, le, &ledge, w.0 as usize, axis, padded.dtype)?;
                let rramp = ramp(interp, re, &redge, w.1 as usize, axis, padded.dtype)?;
                let rramp = slice_axis(&rramp, axis, None, None, Some(-1))?;
                set_pad_area(&roi, axis, w, (&lramp, &rramp))?;
            }
        }
        "maximum" | "minimum" | "mean" | "median" => {
            let stat = match mode.as_str() {
                "maximum" => Stat::Maximum,
                "minimum" => Stat::Minimum,
                "mean" => Stat::Mean,
                _ => Stat::Median,
            };
            let lengths: Vec<(Option<i64>, Option<i64>)> = match kwarg("stat_length") {
                None | Some(Value::None) => vec![(None, None); nd],
                Some(v) => {
                    let x = interp.to_array(&v)?;
                    index_pairs(&x, nd)?
                        .into_iter()
                        .map(|(b, e)| (Some(b), Some(e)))
                        .collect()
                }
            };
            for (axis, (&w, &len)) in widths.iter().zip(&lengths).enumerate() {
                let roi = view_roi(&padded, &widths, &orig, axis)?;
                if w == (0, 0) {
                    // NumPy still validates the lengths on a one-element corner.
                    if matches!(stat, Stat::Maximum | Stat::Minimum)
                        && (len.0 == Some(0) || len.1 == Some(0))
                    {
                        return Err(value_error("stat_length of 0 yields no value for padding"));
                    }
                    continue;
                }
                let (l, r) = get_stats(interp, &roi, axis, w, len, stat)?;
                set_pad_area(&roi, axis, w, (&l, &r))?;
            }
        }
        "reflect" | "symmetric" => {
            let odd = matches!(kwarg("reflect_type"), Some(Value::Str(s)) if &*s == "odd");
            let include_edge = mode == "symmetric";
            for (axis, &(mut left, mut right)) in widths.iter().enumerate() {
                if a.shape[axis] == 1 && (left > 0 || right > 0) {
                    let (l, r) = get_edges(&padded, axis, (left, right))?;
                    set_pad_area(&padded, axis, (left, right), (&l, &r))?;
                    continue;
                }
                let roi = view_roi(&padded, &widths, &orig, axis)?;
                let period = a.shape[axis] as i64;
                while left > 0 || right > 0 {
                    let next = set_reflect_both(
                        interp,
                        &roi,
                        axis,
                        (left, right),
                        odd,
                        period,
                        include_edge,
                    )?;
                    if next == (left, right) {
                        break;
                    }
                    (left, right) = next;
                }
            }
        }
        _ => {
            // "wrap"
            for (axis, &(mut left, mut right)) in widths.iter().enumerate() {
                let roi = view_roi(&padded, &widths, &orig, axis)?;
                let period = padded.shape[axis] as i64 - right - left;
                while left > 0 || right > 0 {
                    let next = set_wrap_both(&roi, axis, (left, right), period)?;
                    if next == (left, right) {
                        break;
                    }
                    (left, right) = next;
                }
            }
        }
    }
    Ok(result)
}

fn is_callable(v: &Value) -> bool {
    matches!(v, Value::Function(_) | Value::Builtin(_) | Value::Object(_))
}

/// `mode=function`: zero-padded, then `function(vector, pad_width[axis], axis, kwargs)` on
/// every 1-D line along each axis (the vector is a writable view into the result).
fn pad_with_function(
    interp: &mut Interp,
    a: &NdArray,
    widths: &[(i64, i64)],
    func: &Value,
    kwargs: Vec<(Rc<str>, Value)>,
) -> PyResult<Value> {
    let padded = Rc::new(pad_simple(a, widths)?);
    let nd = padded.ndim();
    let mut dict = Dict::default();
    for (k, v) in kwargs {
        dict.insert(Value::Str(k), v)?;
    }
    let kw = Value::Dict(Rc::new(std::cell::RefCell::new(dict)));
    for (axis, &(b, e)) in widths.iter().enumerate() {
        let mut perm: Vec<i64> = (0..nd as i64).filter(|&k| k != axis as i64).collect();
        perm.push(axis as i64);
        let view = padded.transpose(Some(&perm))?;
        let outer = &view.shape[..nd - 1];
        let count: usize = outer.iter().product();
        let mut idx = vec![0usize; outer.len()];
        for _ in 0..count {
            let items: Vec<BasicIndex> = idx.iter().map(|&i| BasicIndex::Int(i as i64)).collect();
            let line = view.basic_index(&items)?.linked_to(&padded);
            let width = Value::tuple(vec![
                Value::Scalar(Rc::new(NdArray::scalar(b))),
                Value::Scalar(Rc::new(NdArray::scalar(e))),
            ]);
            let call = Args::new(vec![
                Value::Array(Rc::new(line)),
                width,
                Value::Int(axis as i64),
                kw.clone(),
            ]);
            interp.call_value(func, call, Span::default())?;
            for ax in (0..idx.len()).rev() {
                idx[ax] += 1;
                if idx[ax] < outer[ax] {
                    break;
                }
                idx[ax] = 0;
            }
        }
    }
    Ok(Value::Array(padded))
}
