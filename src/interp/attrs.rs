//! Attribute access (`obj.name`) on every kind of value, and "did you mean" suggestions.

use std::rc::Rc;

use crate::errors::{attribute_error, Exception, PyResult};
use crate::interp::Interp;
use crate::value::{Builtin, NativeFn, TypeKind, Value};

/// The candidate closest to `name` by edit distance, if close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name || c.starts_with("__") {
            continue;
        }
        let d = edit_distance(name, c);
        let limit = name.len().max(c.len()).div_ceil(3);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// Levenshtein distance (small strings only).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A native method bound to `recv`.
pub fn bound(name: &str, func: NativeFn, recv: &Value) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: Rc::from(name),
        func,
        bound: Some(recv.clone()),
        data: None,
    }))
}

/// `'type' object has no attribute 'name'`, with a suggestion note.
pub fn no_attribute(v: &Value, name: &str, candidates: &[&str]) -> Exception {
    let mut e = attribute_error(format!(
        "'{}' object has no attribute '{name}'",
        v.type_name()
    ));
    if let Some(best) = closest(name, candidates.iter().copied()) {
        e.notes.push(format!("Did you mean: '{best}'?"));
    }
    e
}

impl Interp {
    /// `obj.name`.
    pub fn getattr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        match obj {
            Value::Module(m) => {
                if let Some(v) = m.attrs.borrow().get(name) {
                    return Ok(v.clone());
                }
                if let Some(v) = crate::numpy::lazy_module_attr(self, m, name)? {
                    return Ok(v);
                }
                if let Some(msg) = crate::numpy::removed_attribute_message(&m.name, name) {
                    return Err(attribute_error(msg));
                }
                let mut e =
                    attribute_error(format!("module '{}' has no attribute '{name}'", m.name));
                let keys: Vec<String> = m.attrs.borrow().keys().map(|k| k.to_string()).collect();
                if let Some(best) = closest(name, keys.iter().map(|s| s.as_str())) {
                    e.notes.push(format!("Did you mean: '{best}'?"));
                }
                Err(e)
            }
            Value::Array(_) | Value::Scalar(_) => crate::numpy::ndarray::getattr(self, obj, name),
            Value::Object(o) => {
                let o = o.clone();
                match o.getattr(obj, name, self)? {
                    Some(v) => Ok(v),
                    None => {
                        let dir = o.dir();
                        let names: Vec<&str> = dir.iter().map(|s| s.as_str()).collect();
                        Err(no_attribute(obj, name, &names))
                    }
                }
            }
            Value::DType(d) => crate::numpy::dtype_arg::dtype_attr(*d, name)
                .ok_or_else(|| no_attribute(obj, name, &[])),
            Value::Function(f) => match name {
                "__name__" | "__qualname__" => Ok(Value::Str(f.name.clone())),
                "__doc__" => Ok(f
                    .def
                    .docstring
                    .clone()
                    .map(Value::Str)
                    .unwrap_or(Value::None)),
                _ => Err(no_attribute(obj, name, &["__name__", "__doc__"])),
            },
            Value::Builtin(b) => match name {
                "__name__" | "__qualname__" => Ok(Value::Str(b.name.clone())),
                _ => crate::numpy::ufunc_obj::builtin_attr(self, b, obj, name),
            },
            Value::Type(t) => match name {
                "__name__" => Ok(Value::Str(t.name.clone())),
                _ => match t.kind {
                    TypeKind::NumpyScalar(d) => {
                        crate::numpy::dtype_arg::scalar_type_attr(self, d, name).ok_or_else(|| {
                            attribute_error(format!(
                                "type object 'numpy.{}' has no attribute '{name}'",
                                t.name
                            ))
                        })
                    }
                    _ => crate::interp::methods::type_attr(self, t, name).ok_or_else(|| {
                        attribute_error(format!(
                            "type object '{}' has no attribute '{name}'",
                            t.name
                        ))
                    }),
                },
            },
            Value::Exception(e) => match name {
                "args" => Ok(Value::tuple(if e.msg.is_empty() {
                    vec![]
                } else {
                    vec![Value::str(&e.msg)]
                })),
                _ => Err(no_attribute(obj, name, &["args"])),
            },
            _ => crate::interp::methods::getattr(self, obj, name),
        }
    }

    /// `obj.name = v`.
    pub fn setattr(&mut self, obj: &Value, name: &str, v: Value) -> PyResult<()> {
        match obj {
            Value::Module(m) => {
                m.attrs.borrow_mut().insert(Rc::from(name), v);
                Ok(())
            }
            Value::Array(_) => crate::numpy::ndarray::setattr(self, obj, name, v),
            Value::Object(o) if o.clone().setattr(name, v.clone(), self)? => Ok(()),
            _ => Err(attribute_error(format!(
                "'{}' object has no attribute '{name}' and no __dict__ for setting new attributes",
                obj.type_name()
            ))),
        }
    }
}
