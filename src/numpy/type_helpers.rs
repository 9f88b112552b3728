//! Type helpers of NumPy's `lib` and `_core.numerictypes`: `np.min_scalar_type`,
//! `np.common_type`, `np.typename`, `np.mintypecode`, `np.isdtype`.

use crate::array::dtype::{DType, Kind};
use crate::array::{Elem, NdArray};
use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::req;
use crate::numpy::dtype_arg::scalar_type_value;
use crate::numpy::FnEntry;
use crate::value::{TypeKind, Value};

/// The type-helper family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "min_scalar_type",
        min_scalar_type,
        "min_scalar_type(a): the smallest dtype holding the scalar a (an array's own dtype)",
    ),
    (
        "common_type",
        common_type,
        "common_type(*arrays): the inexact scalar type common to the arrays (integers count as float64)",
    ),
    (
        "typename",
        typename,
        "typename(char): the description of a type character code ('d' -> 'double precision')",
    ),
    (
        "mintypecode",
        mintypecode,
        "mintypecode(typechars, typeset='GDFgdf', default='d'): the smallest safe type character",
    ),
    (
        "isdtype",
        isdtype,
        "isdtype(dtype, kind): whether dtype is of the kind ('bool', 'integral', 'numeric', a dtype, …)",
    ),
];

/// NumPy's `min_scalar_type_num` on one value of dtype `d`.
fn min_type_of(d: DType, e: &Elem) -> DType {
    let unsigned = |v: u64| -> DType {
        if v <= u8::MAX as u64 {
            DType::UInt8
        } else if v <= u16::MAX as u64 {
            DType::UInt16
        } else if v <= u32::MAX as u64 {
            DType::UInt32
        } else {
            DType::UInt64
        }
    };
    let signed = |v: i64| -> DType {
        if v >= 0 {
            unsigned(v as u64)
        } else if v >= i8::MIN as i64 {
            DType::Int8
        } else if v >= i16::MIN as i64 {
            DType::Int16
        } else if v >= i32::MIN as i64 {
            DType::Int32
        } else {
            DType::Int64
        }
    };
    match (d.kind(), e) {
        (Kind::Int, Elem::Int(v)) => signed(*v),
        (Kind::UInt, Elem::UInt(v)) => unsigned(*v),
        (Kind::Float, Elem::Float(v)) => match d {
            DType::Float16 => d,
            _ if (*v > -65000.0 && *v < 65000.0) || !v.is_finite() => DType::Float16,
            DType::Float64 if *v > -3.4e38 && *v < 3.4e38 => DType::Float32,
            _ => d,
        },
        (Kind::Complex, Elem::Complex(c)) if d == DType::Complex128 => {
            let small = |x: f64| x > -3.4e38 && x < 3.4e38;
            if small(c.re) && small(c.im) {
                DType::Complex64
            } else {
                d
            }
        }
        _ => d,
    }
}

/// `np.min_scalar_type(a)`.
pub fn min_scalar_type(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("min_scalar_type", &["a"], 1)?;
    let a: NdArray = interp.to_array(&req(&b[0]))?;
    if a.ndim() > 0 || !a.dtype.is_numeric() || a.dtype == DType::Bool {
        return Ok(Value::DType(a.dtype));
    }
    Ok(Value::DType(min_type_of(a.dtype, &a.item()?)))
}

/// `np.common_type(*arrays)`.
pub fn common_type(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.no_kwargs("common_type")?;
    let mut complex = false;
    let mut precision = 0;
    for a in &args.pos {
        let Some(arr) = a.as_ndarray() else {
            return Err(crate::errors::attribute_error(format!(
                "'{}' object has no attribute 'dtype'",
                a.type_name()
            )));
        };
        let p = match arr.dtype {
            DType::Float16 => 0,
            DType::Float32 | DType::Complex64 => 1,
            DType::Float64 | DType::Complex128 => 2,
            d if d.is_integer() => 2,
            _ => return Err(type_error("can't get common type for non-numeric array")),
        };
        complex |= arr.dtype.kind() == Kind::Complex;
        precision = precision.max(p);
    }
    let floats = [DType::Float16, DType::Float32, DType::Float64];
    Ok(match (complex, precision) {
        (false, p) => scalar_type_value(floats[p]),
        (true, 1) => scalar_type_value(DType::Complex64),
        (true, 2) => scalar_type_value(DType::Complex128),
        _ => Value::None,
    })
}

/// `np.typename(char)`.
pub fn typename(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("typename", &["char"], 1)?;
    let c = req(&b[0]);
    let name = match &c {
        Value::Str(s) => match &**s {
            "S1" => Some("character"),
            "?" => Some("bool"),
            "b" => Some("signed char"),
            "B" => Some("unsigned char"),
            "h" => Some("short"),
            "H" => Some("unsigned short"),
            "i" => Some("integer"),
            "I" => Some("unsigned integer"),
            "l" => Some("long integer"),
            "L" => Some("unsigned long integer"),
            "q" => Some("long long integer"),
            "Q" => Some("unsigned long long integer"),
            "f" => Some("single precision"),
            "d" => Some("double precision"),
            "g" => Some("long precision"),
            "F" => Some("complex single precision"),
            "D" => Some("complex double precision"),
            "G" => Some("complex long double precision"),
            "S" => Some("string"),
            "U" => Some("unicode"),
            "V" => Some("void"),
            "O" => Some("object"),
            _ => None,
        },
        _ => None,
    };
    match name {
        Some(n) => Ok(Value::str(n)),
        None => {
            let r = interp.repr(&c)?;
            let mut e = Exception::new(ExcType::KeyError, r.clone());
            e.args_repr = Some(r);
            Err(e)
        }
    }
}

/// `np.mintypecode(typechars, typeset='GDFgdf', default='d')`.
pub fn mintypecode(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("mintypecode", &["typechars", "typeset", "default"], 1)?;
    let typeset = match &b[1] {
        None => "GDFgdf".to_string(),
        Some(v) => interp.str_of(v)?,
    };
    let default = b[2].clone().unwrap_or(Value::str("d"));
    let mut found: Vec<String> = Vec::new();
    for t in interp.iterate(&req(&b[0]))? {
        let code = match &t {
            Value::Str(s) if !s.is_empty() => s.to_string(),
            // Classes and dtypes become object arrays under np.asarray.
            Value::Type(_) | Value::DType(_) => "O".to_string(),
            other => interp.to_array(other)?.dtype.char_code().to_string(),
        };
        // `t in typeset` is a substring test.
        if typeset.contains(code.as_str()) && !found.contains(&code) {
            found.push(code);
        }
    }
    if found.is_empty() {
        return Ok(default);
    }
    if found.iter().any(|c| c == "F") && found.iter().any(|c| c == "d") {
        return Ok(Value::str("D"));
    }
    const BY_SIZE: &str = "GDFgdfQqLlIiHhBb?";
    let mut best: Option<(usize, &String)> = None;
    for c in &found {
        let pos = BY_SIZE
            .find(c.as_str())
            .ok_or_else(|| value_error("substring not found"))?;
        if best.is_none_or(|(p, _)| pos < p) {
            best = Some((pos, c));
        }
    }
    Ok(best.map_or(default, |(_, c)| Value::str(c)))
}

/// What `isdtype` accepts as a dtype: a dtype, or a NumPy scalar or abstract class.
enum DTypeArg {
    Concrete(DType),
    Abstract,
}

fn dtype_arg(v: &Value) -> Option<DTypeArg> {
    match v {
        Value::DType(d) => Some(DTypeArg::Concrete(*d)),
        Value::Type(t) => match t.kind {
            TypeKind::NumpyScalar(d) => Some(DTypeArg::Concrete(d)),
            TypeKind::NumpyAbstract => Some(DTypeArg::Abstract),
            _ => None,
        },
        _ => None,
    }
}

/// `np.isdtype(dtype, kind)`.
pub fn isdtype(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("isdtype", &["dtype", "kind"], 2)?;
    let d = req(&b[0]);
    let Some(dt) = dtype_arg(&d) else {
        return Err(type_error(format!(
            "dtype argument must be a NumPy dtype, but it is a <class '{}'>.",
            d.type_name()
        )));
    };
    let kind_v = req(&b[1]);
    let kinds = match &kind_v {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let mut hit = false;
    for k in &kinds {
        let matched = match k {
            Value::Str(s) => {
                let wanted: &[Kind] = match &**s {
                    "bool" => &[Kind::Bool],
                    "signed integer" => &[Kind::Int],
                    "unsigned integer" => &[Kind::UInt],
                    "integral" => &[Kind::Int, Kind::UInt],
                    "real floating" => &[Kind::Float],
                    "complex floating" => &[Kind::Complex],
                    "numeric" => &[Kind::Int, Kind::UInt, Kind::Float, Kind::Complex],
                    other => {
                        return Err(value_error(format!(
                            "kind argument is a string, but '{other}' is not a known kind name."
                        )))
                    }
                };
                matches!(&dt, DTypeArg::Concrete(d) if wanted.contains(&d.kind()))
            }
            other => match dtype_arg(other) {
                Some(DTypeArg::Concrete(kd)) => match &dt {
                    DTypeArg::Concrete(d) => {
                        d == &kd || (d.kind() == Kind::Str && kd.kind() == Kind::Str)
                    }
                    DTypeArg::Abstract => false,
                },
                Some(DTypeArg::Abstract) => false,
                None => {
                    return Err(type_error(format!(
                        "kind argument must be comprised of NumPy dtypes or strings only, but is a <class '{}'>.",
                        other.type_name()
                    )))
                }
            },
        };
        hit |= matched;
    }
    Ok(Value::Bool(hit))
}
