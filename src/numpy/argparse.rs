//! Argument conversion shared by the `np` functions: arrays, axes, shapes, dtypes, flags.

use crate::array::dtype::DType;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::subscript::index_int;
use crate::interp::Interp;
use crate::value::Value;

/// `np.asarray(v)`.
pub fn array(interp: &mut Interp, v: &Value) -> PyResult<NdArray> {
    interp.to_array(v)
}

/// An optional bound argument as an array.
pub fn opt_array(interp: &mut Interp, v: &Option<Value>) -> PyResult<Option<NdArray>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(x) => Ok(Some(interp.to_array(x)?)),
    }
}

/// The value of a required bound argument (binding guarantees presence for required ones).
pub fn req(v: &Option<Value>) -> Value {
    v.clone().unwrap_or(Value::None)
}

/// An integer argument.
pub fn int(v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Float(_) => Err(type_error(format!(
            "'float' object cannot be interpreted as an integer{what}"
        ))),
        other => index_int(other).ok_or_else(|| {
            type_error(format!(
                "'{}' object cannot be interpreted as an integer{what}",
                other.type_name()
            ))
        }),
    }
}

/// An optional integer (None → default).
pub fn opt_int(v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(x) => int(x, ""),
    }
}

/// A float argument (ints, bools and NumPy scalars accepted).
pub fn float(interp: &mut Interp, v: &Value) -> PyResult<f64> {
    interp.to_float(v)
}

/// A truthy flag (None → default).
pub fn flag(interp: &mut Interp, v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(x) => interp.truthy(x),
    }
}

/// `axis=`: None, an int, or a tuple of ints.
pub fn axes(v: &Option<Value>) -> PyResult<Option<Vec<i64>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Tuple(t)) => Ok(Some(t.iter().map(|x| int(x, "")).collect::<PyResult<_>>()?)),
        Some(Value::List(_)) => Err(type_error(
            "'list' object cannot be interpreted as an integer",
        )),
        Some(x) => Ok(Some(vec![int(x, "")?])),
    }
}

/// A single optional axis.
pub fn axis(v: &Option<Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(x) => Ok(Some(int(x, "")?)),
    }
}

/// A shape: an int or a sequence of ints (negative → NumPy's ValueError).
pub fn shape(interp: &mut Interp, v: &Value) -> PyResult<Vec<usize>> {
    let dims: Vec<i64> = match v {
        Value::Tuple(_) | Value::List(_) => {
            let items = interp.iterate(v)?;
            items.iter().map(|x| int(x, "")).collect::<PyResult<_>>()?
        }
        Value::Array(a) => a.to_vec_i64()?,
        other => vec![int(other, "")?],
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(value_error("negative dimensions are not allowed"));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// A signed shape (reshape accepts -1).
pub fn signed_shape(interp: &mut Interp, v: &[Value]) -> PyResult<Vec<i64>> {
    if v.len() == 1 {
        match &v[0] {
            Value::Tuple(_) | Value::List(_) => {
                let items = interp.iterate(&v[0])?;
                return items.iter().map(|x| int(x, "")).collect();
            }
            _ => {}
        }
    }
    v.iter().map(|x| int(x, "")).collect()
}

/// An optional `dtype=`.
pub fn dtype(v: &Option<Value>) -> PyResult<Option<DType>> {
    match v {
        None => Ok(None),
        Some(x) => crate::numpy::dtype_arg::parse_dtype(x),
    }
}

/// A string option (`kind='stable'`, `side='left'`).
pub fn string(v: &Option<Value>, default: &str) -> PyResult<String> {
    match v {
        None | Some(Value::None) => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(type_error(format!(
            "expected str, got {}",
            other.type_name()
        ))),
    }
}

impl NdArray {
    /// The elements as i64 (integer or bool arrays), for shape/index arguments.
    pub fn to_vec_i64(&self) -> PyResult<Vec<i64>> {
        if !(self.dtype.is_integer() || self.dtype == DType::Bool) {
            return Err(type_error(
                "only integer scalar arrays can be converted to a scalar index",
            ));
        }
        Ok(self.astype(DType::Int64)?.to_vec::<i64>())
    }

    /// The elements as f64.
    pub fn to_vec_f64(&self) -> PyResult<Vec<f64>> {
        if !self.dtype.is_numeric() {
            return Err(type_error("could not convert string array to float"));
        }
        if self.dtype == DType::Float64 {
            return Ok(self.to_vec::<f64>());
        }
        Ok(self.astype(DType::Float64)?.to_vec::<f64>())
    }
}
