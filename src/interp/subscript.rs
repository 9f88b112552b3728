//! Subscripts: `obj[idx]`, `obj[idx] = v`, `del obj[idx]` for Python sequences, dicts and
//! NumPy arrays (index values are turned into the array core's `IndexItem`s here).

use std::rc::Rc;

use crate::array::index::IndexItem;
use crate::array::layout::slice_indices;
use crate::array::NdArray;
use crate::errors::{index_error, type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::Interp;
use crate::value::{SliceObj, Value};

/// An integer index from an int, bool or NumPy integer scalar.
pub fn index_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::Scalar(a) if a.dtype.is_integer() || a.dtype == crate::array::dtype::DType::Bool => {
            match a.item().ok()? {
                crate::array::Elem::Int(i) => Some(i),
                crate::array::Elem::UInt(u) => i64::try_from(u).ok(),
                crate::array::Elem::Bool(b) => Some(b as i64),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A slice bound: None, or an integer-like value.
fn slice_bound(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        Value::BigInt(b) => Ok(Some(if num_traits::Signed::is_negative(&**b) {
            i64::MIN
        } else {
            i64::MAX
        })),
        other => index_int(other).map(Some).ok_or_else(|| {
            type_error("slice indices must be integers or None or have an __index__ method")
        }),
    }
}

/// Normalized (start, stop, step, len) of a slice over a sequence of length `len`.
pub fn resolve_slice(s: &SliceObj, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    slice_indices(
        slice_bound(&s.start)?,
        slice_bound(&s.stop)?,
        slice_bound(&s.step)?,
        len,
    )
}

impl Interp {
    /// Convert an index value to array index items.
    fn index_items(&mut self, idx: &Value) -> PyResult<(Vec<IndexItem>, bool)> {
        let parts: Vec<Value> = match idx {
            Value::Tuple(t) => t.to_vec(),
            other => vec![other.clone()],
        };
        let mut all_int = true;
        let mut items = Vec::with_capacity(parts.len());
        for p in &parts {
            let item = match p {
                Value::Bool(b) => {
                    all_int = false;
                    IndexItem::Array(NdArray::scalar(*b))
                }
                Value::Scalar(a) if a.dtype == crate::array::dtype::DType::Bool => {
                    all_int = false;
                    IndexItem::Array((**a).clone())
                }
                Value::None => {
                    all_int = false;
                    IndexItem::NewAxis
                }
                Value::Ellipsis => {
                    all_int = false;
                    IndexItem::Ellipsis
                }
                Value::Slice(s) => {
                    all_int = false;
                    IndexItem::Slice { start: slice_bound(&s.start)?, stop: slice_bound(&s.stop)?, step: slice_bound(&s.step)? }
                }
                Value::Array(a) => {
                    all_int = false;
                    IndexItem::Array((**a).clone())
                }
                Value::List(_) | Value::Tuple(_) => {
                    all_int = false;
                    let arr = crate::interp::convert::array_from_value(p, None)?;
                    let arr = if arr.size() == 0 { arr.astype(crate::array::dtype::DType::Int64)? } else { arr };
                    IndexItem::Array(arr)
                }
                other => match index_int(other) {
                    Some(i) => IndexItem::Int(i),
                    None => {
                        return Err(index_error(
                            "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
                        ))
                    }
                },
            };
            items.push(item);
        }
        Ok((items, all_int))
    }

    /// `obj[idx]`.
    pub fn getitem(&mut self, obj: &Value, idx: &Value) -> PyResult<Value> {
        match obj {
            Value::Array(a) | Value::Scalar(a) => {
                let (items, all_int) = self.index_items(idx)?;
                let r = a.get_index(&items)?;
                if r.ndim() == 0 && (all_int || matches!(obj, Value::Scalar(_))) {
                    return Ok(Value::Scalar(Rc::new(r.copy()?)));
                }
                Ok(Value::Array(Rc::new(r.linked_to(a))))
            }
            Value::List(l) => {
                let items = l.borrow();
                seq_getitem(&items, idx, "list").map(|r| match r {
                    SeqItem::One(v) => v,
                    SeqItem::Many(v) => Value::list(v),
                })
            }
            Value::Tuple(t) => seq_getitem(t, idx, "tuple").map(|r| match r {
                SeqItem::One(v) => v,
                SeqItem::Many(v) => Value::tuple(v),
            }),
            Value::Str(s) => {
                let chars: Vec<Value> = s
                    .chars()
                    .map(|c| Value::Str(Rc::from(c.to_string())))
                    .collect();
                seq_getitem(&chars, idx, "string").map(|r| match r {
                    SeqItem::One(v) => v,
                    SeqItem::Many(v) => {
                        let mut out = String::new();
                        for c in v {
                            if let Value::Str(c) = c {
                                out.push_str(&c);
                            }
                        }
                        Value::Str(Rc::from(out))
                    }
                })
            }
            Value::Range(r) => {
                if let Value::Slice(s) = idx {
                    let (start, _, step, n) = resolve_slice(s, r.len())?;
                    let new_start = r.start + start * r.step;
                    let new_step = r.step * step;
                    return Ok(Interp::make_range(
                        new_start,
                        new_start + new_step * n as i64,
                        new_step,
                    ));
                }
                let i = index_int(idx).ok_or_else(|| {
                    type_error(
                        "range indices must be integers or slices, not ".to_string()
                            + &idx.type_name(),
                    )
                })?;
                let n = r.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(index_error("range object index out of range"));
                }
                Ok(Value::Int(r.get(j as usize)))
            }
            Value::Dict(d) => match d.borrow().get(idx)? {
                Some(v) => Ok(v),
                None => {
                    let r = self.repr(idx)?;
                    let mut e = Exception::new(ExcType::KeyError, r.clone());
                    e.args_repr = Some(r);
                    Err(e)
                }
            },
            Value::Object(o) => {
                let o = o.clone();
                if let Some(v) = o.getitem(idx, self)? {
                    return Ok(v);
                }
                match o.items() {
                    Some(items) => seq_getitem(&items, idx, "tuple").map(|r| match r {
                        SeqItem::One(v) => v,
                        SeqItem::Many(v) => Value::tuple(v),
                    }),
                    None => Err(type_error(format!(
                        "'{}' object is not subscriptable",
                        obj.type_name()
                    ))),
                }
            }
            Value::Type(t) if matches!(&*t.name, "list" | "tuple" | "dict" | "set" | "type") => {
                Ok(obj.clone())
            }
            _ => Err(type_error(format!(
                "'{}' object is not subscriptable",
                obj.type_name()
            ))),
        }
    }

    /// `obj[idx] = v`.
    pub fn setitem(&mut self, obj: &Value, idx: &Value, v: Value) -> PyResult<()> {
        match obj {
            Value::Array(a) => {
                let (items, all_int) = self.index_items(idx)?;
                // A sequence into one integer element: NumPy converts with int() first.
                if all_int && items.len() == a.ndim() && a.dtype.is_integer() {
                    if let Value::List(_) | Value::Tuple(_) = &v {
                        return Err(type_error(format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            v.type_name()
                        )));
                    }
                }
                let val = match &v {
                    Value::Array(x) | Value::Scalar(x) => (**x).clone(),
                    // A Python str into numbers converts as int()/float() would ('x' errors
                    // name the Python string, not an np.str_).
                    Value::Str(_) if a.dtype.kind() != crate::array::dtype::Kind::Str => {
                        crate::interp::convert::array_from_value(&v, Some(a.dtype))?
                    }
                    other => crate::interp::convert::array_from_value(other, None)
                        .or_else(|_| self.to_array(other))
                        .map_err(|_| {
                            type_error(format!(
                                "float() argument must be a string or a real number, not '{}'",
                                other.type_name()
                            ))
                        })?,
                };
                // Python ints assigned into small int arrays must fit (NumPy 2's OverflowError).
                if let (Value::Int(i), true) = (&v, a.dtype.is_integer()) {
                    crate::numpy::dtype_arg::check_int_fits(*i, a.dtype)?;
                }
                a.set_index(&items, &val)
            }
            Value::Scalar(_) => Err(type_error(format!(
                "'{}' object does not support item assignment",
                obj.type_name()
            ))),
            Value::List(l) => {
                if let Value::Slice(s) = idx {
                    let new_items = self.iterate(&v)?;
                    let mut items = l.borrow_mut();
                    let (start, stop, step, n) = resolve_slice(s, items.len())?;
                    if step == 1 {
                        let (start, stop) = (start as usize, (stop.max(start)) as usize);
                        items.splice(start..stop, new_items);
                    } else {
                        if new_items.len() != n {
                            return Err(value_error(format!(
                                "attempt to assign sequence of size {} to extended slice of size {n}",
                                new_items.len()
                            )));
                        }
                        for (k, x) in new_items.into_iter().enumerate() {
                            let pos = (start + step * k as i64) as usize;
                            if let Some(slot) = items.get_mut(pos) {
                                *slot = x;
                            }
                        }
                    }
                    return Ok(());
                }
                let i = index_int(idx).ok_or_else(|| {
                    type_error(format!(
                        "list indices must be integers or slices, not {}",
                        idx.type_name()
                    ))
                })?;
                let mut items = l.borrow_mut();
                let n = items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(index_error("list assignment index out of range"));
                }
                items[j as usize] = v;
                Ok(())
            }
            Value::Dict(d) => d.borrow_mut().insert(idx.clone(), v),
            Value::Object(o) if o.clone().setitem(idx, v, self)? => Ok(()),
            _ => Err(type_error(format!(
                "'{}' object does not support item assignment",
                obj.type_name()
            ))),
        }
    }

    /// `del obj[idx]`.
    pub fn delitem(&mut self, obj: &Value, idx: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                let mut items = l.borrow_mut();
                if let Value::Slice(s) = idx {
                    let (start, _, step, n) = resolve_slice(s, items.len())?;
                    let mut remove: Vec<usize> =
                        (0..n).map(|k| (start + step * k as i64) as usize).collect();
                    remove.sort_unstable();
                    for r in remove.into_iter().rev() {
                        if r < items.len() {
                            items.remove(r);
                        }
                    }
                    return Ok(());
                }
                let i = index_int(idx)
                    .ok_or_else(|| type_error("list indices must be integers or slices"))?;
                let n = items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(index_error("list assignment index out of range"));
                }
                items.remove(j as usize);
                Ok(())
            }
            Value::Dict(d) => {
                let key = crate::value::HashKey::from_value(idx)?;
                if d.borrow_mut().map.shift_remove(&key).is_none() {
                    let r = self.repr(idx)?;
                    let mut e = Exception::new(ExcType::KeyError, r.clone());
                    e.args_repr = Some(r);
                    return Err(e);
                }
                Ok(())
            }
            _ => Err(type_error(format!(
                "'{}' object does not support item deletion",
                obj.type_name()
            ))),
        }
    }
}

/// One item or a sub-sequence.
enum SeqItem {
    One(Value),
    Many(Vec<Value>),
}

fn seq_getitem(items: &[Value], idx: &Value, kind: &str) -> PyResult<SeqItem> {
    if let Value::Slice(s) = idx {
        let (start, _, step, n) = resolve_slice(s, items.len())?;
        let out = (0..n)
            .filter_map(|k| items.get((start + step * k as i64) as usize).cloned())
            .collect();
        return Ok(SeqItem::Many(out));
    }
    let Some(i) = index_int(idx) else {
        let what = if kind == "string" { "string" } else { kind };
        return Err(type_error(format!(
            "{what} indices must be integers{}, not {}",
            if kind == "string" { "" } else { " or slices" },
            idx.type_name()
        )));
    };
    let n = items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error(format!("{kind} index out of range")));
    }
    Ok(SeqItem::One(items[j as usize].clone()))
}
