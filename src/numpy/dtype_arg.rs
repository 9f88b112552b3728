//! dtypes as Python sees them: parsing `dtype=` arguments (`np.float32`, `float`, `'int8'`,
//! `np.dtype('f8')`), `np.dtype` attributes, NumPy scalar types (`np.float64(2.5)`) and the
//! abstract scalar hierarchy (`np.integer`, `np.floating`) for isinstance/issubdtype.

use std::rc::Rc;

use crate::array::dtype::{DType, Kind};
use crate::array::NdArray;
use crate::errors::{overflow_error, type_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::value::{TypeKind, TypeObj, Value};

/// The dtype a class object stands for (`int` → int64, `np.float32` → float32).
pub fn dtype_of_type(t: &TypeObj) -> Option<DType> {
    match t.kind {
        TypeKind::NumpyScalar(d) => Some(d),
        TypeKind::Builtin => match &*t.name {
            "int" => Some(DType::Int64),
            "float" => Some(DType::Float64),
            "bool" => Some(DType::Bool),
            "complex" => Some(DType::Complex128),
            "str" => Some(DType::Str(0)),
            _ => None,
        },
        TypeKind::NumpyAbstract => match &*t.name {
            "integer" | "signedinteger" => Some(DType::Int64),
            "unsignedinteger" => Some(DType::UInt64),
            "floating" | "number" | "inexact" => Some(DType::Float64),
            "complexfloating" => Some(DType::Complex128),
            _ => None,
        },
        _ => None,
    }
}

/// Parse a `dtype=` argument; `None`/absent → None.
pub fn parse_dtype(v: &Value) -> PyResult<Option<DType>> {
    Ok(match v {
        Value::None => None,
        Value::DType(d) => Some(*d),
        Value::Type(t) => Some(dtype_of_type(t).ok_or_else(|| {
            type_error(format!(
                "Cannot interpret '<class '{}'>' as a data type",
                t.name
            ))
        })?),
        Value::Str(s) => Some(
            DType::from_name(s)
                .ok_or_else(|| type_error(format!("data type '{s}' not understood")))?,
        ),
        Value::Array(a) | Value::Scalar(a) => Some(a.dtype),
        other => {
            return Err(type_error(format!(
                "Cannot interpret '{}' as a data type",
                other.type_name()
            )))
        }
    })
}

/// Raise NumPy 2's OverflowError when a Python int does not fit `dtype`.
pub fn check_int_fits(i: i64, dtype: DType) -> PyResult<()> {
    let (lo, hi): (i128, i128) = match dtype {
        DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
        DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
        DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
        DType::UInt8 => (0, u8::MAX as i128),
        DType::UInt16 => (0, u16::MAX as i128),
        DType::UInt32 => (0, u32::MAX as i128),
        DType::UInt64 => (0, u64::MAX as i128),
        _ => return Ok(()),
    };
    if (i as i128) < lo || (i as i128) > hi {
        return Err(overflow_error(format!(
            "Python integer {i} out of bounds for {}",
            dtype.name()
        )));
    }
    Ok(())
}

/// Attributes of `np.dtype` objects.
pub fn dtype_attr(d: DType, name: &str) -> Option<Value> {
    Some(match name {
        "name" => Value::str(&match d {
            DType::Str(n) => format!("str{}", n * 32),
            other => other.name(),
        }),
        "itemsize" => Value::Int(d.itemsize() as i64),
        "kind" => Value::str(&d.kind_char().to_string()),
        "char" => Value::str(&d.char_code().to_string()),
        "str" => Value::str(&d.type_str()),
        "type" => scalar_type_value(d),
        "byteorder" => Value::str(if d.itemsize() == 1 { "|" } else { "=" }),
        "ndim" => Value::Int(0),
        "shape" => Value::tuple(vec![]),
        "isbuiltin" => Value::Int(1),
        "alignment" => Value::Int(d.itemsize().min(8) as i64),
        _ => return None,
    })
}

/// The NumPy scalar type object for a dtype (`np.float64`).
pub fn scalar_type_value(d: DType) -> Value {
    let d = match d {
        DType::Str(_) => DType::Str(0),
        other => other,
    };
    Value::Type(Rc::new(TypeObj {
        name: Rc::from(d.scalar_type_name()),
        kind: TypeKind::NumpyScalar(d),
    }))
}

/// Class attributes of NumPy scalar types (`np.float64.__name__` is handled by the caller).
pub fn scalar_type_attr(_interp: &mut Interp, d: DType, name: &str) -> Option<Value> {
    match name {
        "dtype" => Some(Value::DType(d)),
        _ => None,
    }
}

/// `np.float64(x)`, `np.int8(300)` …: a NumPy scalar of that type.
pub fn construct_scalar(interp: &mut Interp, d: DType, args: Args) -> PyResult<Value> {
    let v = args.pos.first().cloned().unwrap_or(Value::Int(0));
    if let (Value::Int(i), true) = (&v, d.is_integer()) {
        check_int_fits(*i, d)?;
    }
    let arr = match &v {
        Value::Str(s) if d.is_numeric() => {
            let f = interp.to_float(&Value::Str(s.clone()))?;
            NdArray::scalar(f).astype(d)?
        }
        _ => crate::interp::convert::array_from_value(&v, Some(d))?,
    };
    if arr.ndim() == 0 {
        Ok(Value::Scalar(Rc::new(arr)))
    } else {
        Ok(Value::Array(Rc::new(arr)))
    }
}

/// Whether dtype `d` belongs to the abstract NumPy class `name` (`np.integer`, …).
pub fn abstract_contains(name: &str, d: DType) -> bool {
    let k = d.kind();
    match name {
        "generic" => true,
        "number" => matches!(k, Kind::Int | Kind::UInt | Kind::Float | Kind::Complex),
        "integer" => matches!(k, Kind::Int | Kind::UInt),
        "signedinteger" => k == Kind::Int,
        "unsignedinteger" => k == Kind::UInt,
        "inexact" => matches!(k, Kind::Float | Kind::Complex),
        "floating" => k == Kind::Float,
        "complexfloating" => k == Kind::Complex,
        "bool_" => k == Kind::Bool,
        "character" | "flexible" => k == Kind::Str,
        _ => false,
    }
}

/// The abstract scalar classes by name, for the np namespace.
pub const ABSTRACT_TYPES: &[&str] = &[
    "generic",
    "number",
    "integer",
    "signedinteger",
    "unsignedinteger",
    "inexact",
    "floating",
    "complexfloating",
    "character",
    "flexible",
];
