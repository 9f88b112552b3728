//! Conversions between Python values and arrays: `np.asarray` semantics for nested lists
//! (shape discovery, NumPy's ragged-array error, dtype inference), and turning array results
//! back into values (0-d results become NumPy scalars, as ufuncs return them).

use std::rc::Rc;

use num_traits::ToPrimitive;

use crate::array::buffer::{Data, C128};
use crate::array::cast::strings_to_data;
use crate::array::dtype::{promote, DType};
use crate::array::{shape_repr, Elem, NdArray};
use crate::errors::{overflow_error, type_error, value_error, PyResult};
use crate::interp::Interp;
use crate::value::Value;

/// The dtype a leaf value contributes to an array built from a list.
fn leaf_dtype(v: &Value) -> PyResult<DType> {
    Ok(match v {
        Value::Bool(_) => DType::Bool,
        Value::Int(_) => DType::Int64,
        Value::BigInt(b) => {
            if b.to_u64().is_some() {
                DType::UInt64
            } else {
                return Err(overflow_error("Python int too large to convert to C long"));
            }
        }
        Value::Float(_) => DType::Float64,
        Value::Complex(_) => DType::Complex128,
        Value::Str(s) => DType::Str(s.chars().count()),
        Value::Array(a) | Value::Scalar(a) => a.dtype,
        Value::None => DType::Float64,
        other => {
            return Err(type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                other.type_name()
            )))
        }
    })
}

/// Shape of a nested list structure, or the depth at which it becomes ragged.
fn discover_shape(v: &Value) -> Result<Vec<usize>, usize> {
    match v {
        Value::List(l) => seq_shape(&l.borrow()),
        Value::Tuple(t) => seq_shape(t),
        Value::Array(a) => Ok(a.shape.clone()),
        _ => Ok(Vec::new()),
    }
}

fn seq_shape(items: &[Value]) -> Result<Vec<usize>, usize> {
    let mut child: Option<Vec<usize>> = None;
    for it in items {
        let s = discover_shape(it).map_err(|d| d + 1)?;
        match &child {
            None => child = Some(s),
            Some(c) if *c == s => {}
            Some(c) => {
                let common = c.iter().zip(&s).take_while(|(a, b)| a == b).count();
                return Err(1 + common.min(c.len()).min(s.len()));
            }
        }
    }
    let mut shape = vec![items.len()];
    shape.extend(child.unwrap_or_default());
    Ok(shape)
}

fn flatten_into(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::List(l) => {
            for it in l.borrow().iter() {
                flatten_into(it, out);
            }
        }
        Value::Tuple(t) => {
            for it in t.iter() {
                flatten_into(it, out);
            }
        }
        Value::Array(a) => {
            for e in a.elems() {
                out.push(elem_to_value(e, a.dtype));
            }
        }
        other => out.push(other.clone()),
    }
}

/// A widened element as a Python value (bool/int/float/complex/str).
pub fn elem_to_value(e: Elem, _dtype: DType) -> Value {
    match e {
        Elem::Bool(b) => Value::Bool(b),
        Elem::Int(i) => Value::Int(i),
        Elem::UInt(u) => match i64::try_from(u) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::from_bigint(num_bigint::BigInt::from(u)),
        },
        Elem::Float(f) => Value::Float(f),
        Elem::Complex(c) => Value::Complex(c),
        Elem::Str(s) => Value::Str(Rc::from(s)),
    }
}

/// Build an array from nested Python data with NumPy's dtype inference, optionally forcing a
/// dtype (`np.array(xs, dtype=...)`).
pub fn array_from_value(v: &Value, dtype: Option<DType>) -> PyResult<NdArray> {
    if let Value::Array(a) | Value::Scalar(a) = v {
        return match dtype {
            Some(d) if d != a.dtype => a.astype(d),
            _ => a.copy(),
        };
    }
    let shape = discover_shape(v).map_err(|depth| {
        let full = partial_shape(v, depth);
        value_error(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
            shape_repr(&full)
        ))
    })?;
    let mut leaves = Vec::with_capacity(shape.iter().product());
    flatten_into(v, &mut leaves);
    // Infer the dtype (Python scalars count as their default dtypes here, not weakly).
    let mut inferred: Option<DType> = None;
    let mut has_str = false;
    let mut max_str = 0usize;
    for l in &leaves {
        let d = leaf_dtype(l)?;
        if let DType::Str(n) = d {
            has_str = true;
            max_str = max_str.max(n);
            continue;
        }
        inferred = Some(match inferred {
            None => d,
            Some(p) => promote(p, d)?,
        });
    }
    let target = match dtype {
        Some(d) => d,
        None if has_str => {
            // Mixed strings and numbers become strings wide enough for either (NumPy: <U32 for
            // floats, <U21 for ints).
            let num_width = match inferred {
                Some(DType::Float64) | Some(DType::Float32) | Some(DType::Float16) => 32,
                Some(DType::Complex128) | Some(DType::Complex64) => 64,
                Some(DType::Bool) => 5,
                Some(_) => 21,
                None => 0,
            };
            DType::Str(
                max_str
                    .max(num_width)
                    .max(if leaves.is_empty() { 1 } else { 0 }),
            )
        }
        None => inferred.unwrap_or(DType::Float64),
    };
    build_typed(&leaves, target, shape)
}

/// The detected shape prefix reported in NumPy's inhomogeneous-shape error.
fn partial_shape(v: &Value, depth: usize) -> Vec<usize> {
    let mut shape = Vec::new();
    let mut cur = v.clone();
    for _ in 0..depth {
        let (len, first) = match &cur {
            Value::List(l) => (l.borrow().len(), l.borrow().first().cloned()),
            Value::Tuple(t) => (t.len(), t.first().cloned()),
            _ => break,
        };
        shape.push(len);
        match first {
            Some(f) => cur = f,
            None => break,
        }
    }
    shape
}

/// Fill an array of `dtype` from leaf values.
fn build_typed(leaves: &[Value], dtype: DType, shape: Vec<usize>) -> PyResult<NdArray> {
    if let DType::Str(w) = dtype {
        let strings: Vec<String> = leaves.iter().map(leaf_str).collect();
        let w = if w == 0 {
            strings
                .iter()
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(1)
                .max(1)
        } else {
            w
        };
        return Ok(NdArray::from_data(strings_to_data(&strings, w), shape));
    }
    // Gather as the widest type of the target's kind, then cast once.
    let wide: NdArray = match dtype.kind() {
        crate::array::dtype::Kind::Complex => {
            let v: Vec<C128> = leaves.iter().map(leaf_c128).collect::<PyResult<_>>()?;
            NdArray::from_data(Data::C128(v), shape)
        }
        crate::array::dtype::Kind::Float => {
            let v: Vec<f64> = leaves.iter().map(leaf_f64).collect::<PyResult<_>>()?;
            NdArray::from_data(Data::F64(v), shape)
        }
        crate::array::dtype::Kind::Bool => {
            let v: Vec<bool> = leaves.iter().map(leaf_bool).collect::<PyResult<_>>()?;
            NdArray::from_data(Data::Bool(v), shape)
        }
        crate::array::dtype::Kind::UInt if dtype == DType::UInt64 => {
            let v: Vec<u64> = leaves
                .iter()
                .map(|l| leaf_u64(l, dtype))
                .collect::<PyResult<_>>()?;
            NdArray::from_data(Data::U64(v), shape)
        }
        _ => {
            let v: Vec<i64> = leaves
                .iter()
                .map(|l| leaf_i64(l, dtype))
                .collect::<PyResult<_>>()?;
            NdArray::from_data(Data::I64(v), shape)
        }
    };
    if wide.dtype == dtype {
        Ok(wide)
    } else {
        wide.astype(dtype)
    }
}

fn leaf_str(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => crate::pyfmt::float_repr(*f),
        Value::Scalar(a) => a
            .item()
            .map(|e| crate::array::cast::elem_to_string(&e))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn scalar_elem(v: &Value) -> Option<Elem> {
    match v {
        Value::Scalar(a) | Value::Array(a) => a.item().ok(),
        _ => None,
    }
}

fn leaf_f64(v: &Value) -> PyResult<f64> {
    Ok(match v {
        Value::Bool(b) => *b as u8 as f64,
        Value::Int(i) => *i as f64,
        Value::BigInt(b) => b.to_f64().unwrap_or(f64::INFINITY),
        Value::Float(f) => *f,
        Value::None => f64::NAN,
        Value::Complex(c) => c.re,
        Value::Str(s) => crate::interp::pynum::parse_float(s)
            .ok_or_else(|| value_error(format!("could not convert string to float: '{s}'")))?,
        other => match scalar_elem(other) {
            Some(Elem::Bool(b)) => b as u8 as f64,
            Some(Elem::Int(i)) => i as f64,
            Some(Elem::UInt(u)) => u as f64,
            Some(Elem::Float(f)) => f,
            Some(Elem::Complex(c)) => c.re,
            _ => {
                return Err(type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    other.type_name()
                )))
            }
        },
    })
}

fn leaf_c128(v: &Value) -> PyResult<C128> {
    Ok(match v {
        Value::Complex(c) => *c,
        other => match scalar_elem(other) {
            Some(Elem::Complex(c)) => c,
            _ => C128::new(leaf_f64(other)?, 0.0),
        },
    })
}

fn leaf_bool(v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::Bool(b) => *b,
        Value::Str(s) => !s.is_empty(),
        other => leaf_f64(other)? != 0.0,
    })
}

fn int_out_of_bounds(v: &Value, dtype: DType) -> crate::errors::Exception {
    let text = match v {
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        _ => String::new(),
    };
    overflow_error(format!(
        "Python integer {text} out of bounds for {}",
        dtype.name()
    ))
}

fn leaf_i64(v: &Value, dtype: DType) -> PyResult<i64> {
    let (lo, hi): (i128, i128) = match dtype {
        DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
        DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
        DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
        DType::UInt8 => (0, u8::MAX as i128),
        DType::UInt16 => (0, u16::MAX as i128),
        DType::UInt32 => (0, u32::MAX as i128),
        _ => (i64::MIN as i128, i64::MAX as i128),
    };
    match v {
        Value::Int(i) => {
            if (*i as i128) < lo || (*i as i128) > hi {
                return Err(int_out_of_bounds(v, dtype));
            }
            Ok(*i)
        }
        Value::BigInt(_) => Err(int_out_of_bounds(v, dtype)),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) => {
            if f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(overflow_error("cannot convert float infinity to integer"));
            }
            Ok(*f as i64)
        }
        Value::Str(s) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| value_error(format!("invalid literal for int() with base 10: '{s}'"))),
        other => match scalar_elem(other) {
            Some(Elem::Bool(b)) => Ok(b as i64),
            Some(Elem::Int(i)) => Ok(i),
            Some(Elem::UInt(u)) => Ok(u as i64),
            Some(Elem::Float(f)) => Ok(f as i64),
            Some(Elem::Complex(c)) => Ok(c.re as i64),
            _ => Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ))),
        },
    }
}

fn leaf_u64(v: &Value, dtype: DType) -> PyResult<u64> {
    match v {
        Value::Int(i) if *i < 0 => Err(int_out_of_bounds(v, dtype)),
        Value::Int(i) => Ok(*i as u64),
        Value::BigInt(b) => b.to_u64().ok_or_else(|| int_out_of_bounds(v, dtype)),
        other => Ok(leaf_i64(other, DType::Int64)? as u64),
    }
}

impl Interp {
    /// `np.asarray(v)` without a copy for arrays.
    pub fn to_array(&mut self, v: &Value) -> PyResult<NdArray> {
        match v {
            Value::Array(a) | Value::Scalar(a) => Ok((**a).clone()),
            _ => array_from_value(v, None),
        }
    }

    /// An array result as a value: 0-d results are NumPy scalars (as ufuncs return them).
    pub fn wrap_array_result(&self, a: NdArray) -> Value {
        if a.ndim() == 0 {
            Value::Scalar(Rc::new(a))
        } else {
            Value::Array(Rc::new(a))
        }
    }

    /// The single element of a size-1 array as a Python value (`item()`).
    pub fn elem_value(&self, a: &NdArray) -> PyResult<Value> {
        Ok(elem_to_value(a.item()?, a.dtype))
    }
}
