//! Iteration: `for` loops, unpacking, `list(x)` and friends over every iterable value.
//!
//! Ranges are walked lazily (`for i in range(10**9)` allocates nothing); lists are iterated
//! live, as Python does; arrays yield their sub-arrays (or scalars) along the first axis.

use std::cell::RefCell;
use std::rc::Rc;

use crate::array::layout::BasicIndex;
use crate::errors::{type_error, PyResult};
use crate::interp::Interp;
use crate::value::{PyIter, RangeObj, Value};

/// An in-progress iteration.
pub enum ValueIter {
    Range {
        next: i64,
        step: i64,
        remaining: usize,
    },
    Items {
        items: Vec<Value>,
        pos: usize,
    },
    List {
        list: Rc<RefCell<Vec<Value>>>,
        pos: usize,
    },
    Array {
        arr: Rc<crate::array::NdArray>,
        pos: usize,
    },
    Shared(Rc<RefCell<PyIter>>),
}

impl ValueIter {
    /// The next item, or None when exhausted.
    pub fn next_item(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        // Native loops (any, all, list(), min/max, sum …) run through here: Ctrl-C stops them.
        interp.check_interrupt()?;
        Ok(match self {
            ValueIter::Range {
                next,
                step,
                remaining,
            } => {
                if *remaining == 0 {
                    None
                } else {
                    let v = *next;
                    *next = next.wrapping_add(*step);
                    *remaining -= 1;
                    Some(Value::Int(v))
                }
            }
            ValueIter::Items { items, pos } => {
                let v = items.get(*pos).cloned();
                *pos += 1;
                v
            }
            ValueIter::List { list, pos } => {
                let v = list.borrow().get(*pos).cloned();
                *pos += 1;
                v
            }
            ValueIter::Array { arr, pos } => {
                if *pos >= arr.shape.first().copied().unwrap_or(0) {
                    None
                } else {
                    let sub = arr
                        .basic_index(&[BasicIndex::Int(*pos as i64)])?
                        .linked_to(arr);
                    *pos += 1;
                    Some(interp.wrap_array_result(sub))
                }
            }
            ValueIter::Shared(it) => next_shared(&mut it.borrow_mut()),
        })
    }
}

/// Advance a shared iterator object.
pub fn next_shared(it: &mut PyIter) -> Option<Value> {
    match it {
        PyIter::Seq { items, pos } => {
            let v = items.get(*pos).cloned();
            *pos += 1;
            v
        }
        PyIter::Range { range, pos } => {
            if *pos >= range.len() {
                None
            } else {
                let v = range.get(*pos);
                *pos += 1;
                Some(Value::Int(v))
            }
        }
        PyIter::Chars { chars, pos } => {
            let v = chars.get(*pos).map(|c| Value::Str(Rc::from(c.to_string())));
            *pos += 1;
            v
        }
        PyIter::Native(next) => next(),
    }
}

/// An iterator object over materialized items (generator expressions, zip, map …).
pub fn iterator_over(items: Vec<Value>) -> Value {
    Value::Iterator(Rc::new(RefCell::new(PyIter::Seq {
        items: Rc::new(items),
        pos: 0,
    })))
}

impl Interp {
    /// Start iterating `v`, or Python's TypeError for non-iterables.
    pub fn value_iter(&mut self, v: &Value) -> PyResult<ValueIter> {
        Ok(match v {
            Value::Range(r) => ValueIter::Range {
                next: r.start,
                step: r.step,
                remaining: r.len(),
            },
            Value::List(l) => ValueIter::List {
                list: l.clone(),
                pos: 0,
            },
            Value::Tuple(t) => ValueIter::Items {
                items: t.to_vec(),
                pos: 0,
            },
            Value::Str(s) => ValueIter::Items {
                items: s
                    .chars()
                    .map(|c| Value::Str(Rc::from(c.to_string())))
                    .collect(),
                pos: 0,
            },
            Value::Dict(d) => ValueIter::Items {
                items: d.borrow().map.values().map(|(k, _)| k.clone()).collect(),
                pos: 0,
            },
            Value::Set(s) => ValueIter::Items {
                items: s.borrow().ordered(),
                pos: 0,
            },
            Value::FrozenSet(s) => ValueIter::Items {
                items: s.ordered(),
                pos: 0,
            },
            Value::Iterator(it) => ValueIter::Shared(it.clone()),
            Value::Array(a) => {
                if a.ndim() == 0 {
                    return Err(type_error("iteration over a 0-d array"));
                }
                ValueIter::Array {
                    arr: a.clone(),
                    pos: 0,
                }
            }
            Value::Bytes(b) => ValueIter::Items {
                items: b.iter().map(|&x| Value::Int(x as i64)).collect(),
                pos: 0,
            },
            Value::Object(o) => match o.items() {
                Some(items) => ValueIter::Items { items, pos: 0 },
                None => {
                    return Err(type_error(format!(
                        "'{}' object is not iterable",
                        v.type_name()
                    )))
                }
            },
            _ => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    v.type_name()
                )))
            }
        })
    }

    /// All items of an iterable.
    pub fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok(t.to_vec()),
            Value::Range(r) => {
                if r.len() > 100_000_000 {
                    return Err(crate::errors::memory_error(""));
                }
                let mut out = Vec::with_capacity(r.len());
                for i in 0..r.len() {
                    if i % (1 << 20) == 0 {
                        self.check_interrupt()?;
                    }
                    out.push(Value::Int(r.get(i)));
                }
                return Ok(out);
            }
            _ => {}
        }
        let mut it = self.value_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = it.next_item(self)? {
            self.check_interrupt()?;
            out.push(x);
        }
        Ok(out)
    }

    /// A range object.
    pub fn make_range(start: i64, stop: i64, step: i64) -> Value {
        Value::Range(Rc::new(RangeObj { start, stop, step }))
    }
}
