//! Methods and attributes of Python's builtin types: `str` (str_methods.rs), `list`
//! (list_methods.rs), `dict` and `set` (dict_methods.rs), and numbers (here).

pub mod dict_methods;
pub mod list_methods;
pub mod str_methods;

use std::rc::Rc;

use crate::errors::{attribute_error, PyResult};
use crate::interp::args::Args;
use crate::interp::attrs::{bound, no_attribute};
use crate::interp::Interp;
use crate::value::{NativeFn, TypeObj, Value};

/// `obj.name` for Python builtin values (not modules, arrays or native objects).
pub fn getattr(interp: &mut Interp, obj: &Value, name: &str) -> PyResult<Value> {
    let table: &[(&str, NativeFn)] = match obj {
        Value::Str(_) => str_methods::METHODS,
        Value::List(_) => list_methods::METHODS,
        Value::Tuple(_) => list_methods::TUPLE_METHODS,
        Value::Dict(_) => dict_methods::DICT_METHODS,
        Value::Set(_) | Value::FrozenSet(_) => dict_methods::SET_METHODS,
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) | Value::Complex(_) => {
            return number_attr(interp, obj, name);
        }
        Value::Range(r) => {
            return match name {
                "start" => Ok(Value::Int(r.start)),
                "stop" => Ok(Value::Int(r.stop)),
                "step" => Ok(Value::Int(r.step)),
                _ => Err(no_attribute(obj, name, &["start", "stop", "step"])),
            }
        }
        Value::Slice(s) => {
            return match name {
                "start" => Ok(s.start.clone()),
                "stop" => Ok(s.stop.clone()),
                "step" => Ok(s.step.clone()),
                _ => Err(no_attribute(obj, name, &["start", "stop", "step"])),
            }
        }
        _ => &[],
    };
    match table.iter().find(|(n, _)| *n == name) {
        Some((n, f)) => Ok(bound(n, *f, obj)),
        None => {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            Err(no_attribute(obj, name, &names))
        }
    }
}

/// Attribute names of a value, for `dir()` and completion.
pub fn attr_names(v: &Value) -> Vec<String> {
    let table: &[(&str, NativeFn)] = match v {
        Value::Str(_) => str_methods::METHODS,
        Value::List(_) => list_methods::METHODS,
        Value::Tuple(_) => list_methods::TUPLE_METHODS,
        Value::Dict(_) => dict_methods::DICT_METHODS,
        Value::Set(_) | Value::FrozenSet(_) => dict_methods::SET_METHODS,
        Value::Array(_) | Value::Scalar(_) => return crate::numpy::ndarray::attr_names(),
        _ => &[],
    };
    table.iter().map(|(n, _)| n.to_string()).collect()
}

/// Unbound methods on builtin types (`str.join`, `dict.fromkeys`, `str.upper`).
pub fn type_attr(_interp: &mut Interp, t: &Rc<TypeObj>, name: &str) -> Option<Value> {
    let table: &[(&str, NativeFn)] = match &*t.name {
        "str" => str_methods::METHODS,
        "list" => list_methods::METHODS,
        "dict" => {
            if name == "fromkeys" {
                return Some(Value::Builtin(Rc::new(crate::value::Builtin {
                    name: Rc::from("fromkeys"),
                    func: dict_methods::dict_fromkeys,
                    bound: None,
                    data: None,
                })));
            }
            dict_methods::DICT_METHODS
        }
        "set" => dict_methods::SET_METHODS,
        _ => return None,
    };
    table.iter().find(|(n, _)| *n == name).map(|(n, f)| {
        Value::Builtin(Rc::new(crate::value::Builtin {
            name: Rc::from(*n),
            func: *f,
            bound: None,
            data: None,
        }))
    })
}

fn number_attr(_interp: &mut Interp, obj: &Value, name: &str) -> PyResult<Value> {
    match (obj, name) {
        (Value::Complex(c), "real") => Ok(Value::Float(c.re)),
        (Value::Complex(c), "imag") => Ok(Value::Float(c.im)),
        (Value::Float(_), "real") | (Value::Int(_) | Value::BigInt(_), "real" | "numerator") => {
            Ok(obj.clone())
        }
        (Value::Bool(b), "real" | "numerator") => Ok(Value::Int(*b as i64)),
        (Value::Float(_), "imag") => Ok(Value::Float(0.0)),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "imag") => Ok(Value::Int(0)),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "denominator") => Ok(Value::Int(1)),
        (_, "conjugate") => Ok(bound("conjugate", num_conjugate, obj)),
        (Value::Float(_), "is_integer") => Ok(bound("is_integer", float_is_integer, obj)),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "bit_length") => {
            Ok(bound("bit_length", int_bit_length, obj))
        }
        (Value::Float(_), "as_integer_ratio") => {
            Err(attribute_error("as_integer_ratio is not supported"))
        }
        _ => Err(no_attribute(
            obj,
            name,
            &["real", "imag", "conjugate", "is_integer", "bit_length"],
        )),
    }
}

fn num_conjugate(_i: &mut Interp, mut args: Args) -> PyResult<Value> {
    Ok(match args.take_self() {
        Value::Complex(c) => Value::Complex(c.conj()),
        Value::Bool(b) => Value::Int(b as i64),
        other => other,
    })
}

fn float_is_integer(_i: &mut Interp, mut args: Args) -> PyResult<Value> {
    Ok(match args.take_self() {
        Value::Float(f) => Value::Bool(f.is_finite() && f.fract() == 0.0),
        _ => Value::Bool(true),
    })
}

fn int_bit_length(_i: &mut Interp, mut args: Args) -> PyResult<Value> {
    Ok(match args.take_self() {
        Value::Int(i) => Value::Int(64 - i.unsigned_abs().leading_zeros() as i64),
        Value::BigInt(b) => Value::Int(b.bits() as i64),
        Value::Bool(b) => Value::Int(b as i64),
        _ => Value::Int(0),
    })
}

/// The receiver of a method call as a specific kind, for method implementations.
pub fn recv_str(args: &mut Args) -> Rc<str> {
    match args.take_self() {
        Value::Str(s) => s,
        _ => Rc::from(""),
    }
}
