//! Questions about dtypes: result_type, promote_types, can_cast, issubdtype, and the iinfo /
//! finfo machine-limit objects with NumPy's reprs and attributes.

use std::rc::Rc;

use crate::array::dtype::{
    can_cast_safe, can_cast_same_kind, promote, promote_weak, weak_default, DType, Kind, WeakKind,
};
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::req;
use crate::numpy::FnEntry;
use crate::value::{Object, TypeKind, Value};

/// The type-information family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "result_type",
        result_type,
        "result_type(*arrays_and_dtypes): the dtype NumPy's promotion gives",
    ),
    (
        "promote_types",
        promote_types,
        "promote_types(type1, type2): the smallest dtype both can be safely cast to",
    ),
    (
        "can_cast",
        can_cast,
        "can_cast(from_, to, casting='safe'): whether a cast is allowed under a casting rule",
    ),
    (
        "issubdtype",
        issubdtype,
        "issubdtype(arg1, arg2): whether arg1 is lower than or equal to arg2 in the type hierarchy",
    ),
    (
        "iinfo",
        iinfo,
        "iinfo(int_type): machine limits for integer types",
    ),
    (
        "finfo",
        finfo,
        "finfo(dtype): machine limits for floating point types",
    ),
];

/// A dtype-like argument (dtype, scalar type, type name, array or NumPy scalar).
fn dtype_like(v: &Value) -> PyResult<DType> {
    match v {
        Value::Array(a) | Value::Scalar(a) => Ok(a.dtype),
        other => Ok(crate::numpy::dtype_arg::parse_dtype(other)?.unwrap_or(DType::Float64)),
    }
}

/// The weak kind of a Python scalar operand.
fn weak_kind(v: &Value) -> Option<WeakKind> {
    match v {
        Value::Bool(_) => Some(WeakKind::Bool),
        Value::Int(_) | Value::BigInt(_) => Some(WeakKind::Int),
        Value::Float(_) => Some(WeakKind::Float),
        Value::Complex(_) => Some(WeakKind::Complex),
        _ => None,
    }
}

/// `np.result_type` over values: arrays and dtypes are strong, Python scalars weak (NEP 50).
pub fn result_type_of(interp: &mut Interp, vals: &[Value]) -> PyResult<DType> {
    let mut strong: Option<DType> = None;
    let mut weak: Vec<WeakKind> = Vec::new();
    for v in vals {
        if let Some(w) = weak_kind(v) {
            weak.push(w);
            continue;
        }
        let d = match v {
            Value::List(_) | Value::Tuple(_) => interp.to_array(v)?.dtype,
            other => dtype_like(other)?,
        };
        strong = Some(match strong {
            Some(s) => promote(s, d)?,
            None => d,
        });
    }
    let rank = |w: &WeakKind| match w {
        WeakKind::Bool => 0,
        WeakKind::Int => 1,
        WeakKind::Float => 2,
        WeakKind::Complex => 3,
    };
    Ok(match strong {
        Some(mut s) => {
            for w in weak {
                s = promote_weak(s, w);
            }
            s
        }
        None => match weak.iter().max_by_key(|w| rank(w)) {
            Some(w) => weak_default(*w),
            None => return Err(value_error("at least one array or dtype is required")),
        },
    })
}

/// `np.result_type(*arrays_and_dtypes)`.
pub fn result_type(interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.no_kwargs("result_type")?;
    Ok(Value::DType(result_type_of(interp, &args.pos)?))
}

/// `np.promote_types(type1, type2)`.
pub fn promote_types(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("promote_types", &["type1", "type2"], 2)?;
    Ok(Value::DType(promote(
        dtype_like(&req(&b[0]))?,
        dtype_like(&req(&b[1]))?,
    )?))
}

/// `np.can_cast(from_, to, casting='safe')`.
pub fn can_cast(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("can_cast", &["from_", "to", "casting"], 2)?;
    let from_v = req(&b[0]);
    if weak_kind(&from_v).is_some() {
        return Err(type_error(
            "can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future.",
        ));
    }
    let from = dtype_like(&from_v)?;
    let to = dtype_like(&req(&b[1]))?;
    let casting = crate::numpy::argparse::string(&b[2], "safe")?;
    let ok = match casting.as_str() {
        "no" | "equiv" => from == to,
        "safe" => can_cast_safe(from, to),
        "same_kind" => can_cast_same_kind(from, to),
        "unsafe" => true,
        other => {
            return Err(value_error(format!(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{other}')"
        )))
        }
    };
    Ok(Value::Bool(ok))
}

/// `np.issubdtype(arg1, arg2)`.
pub fn issubdtype(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("issubdtype", &["arg1", "arg2"], 2)?;
    let d1 = dtype_like(&req(&b[0]))?;
    let arg2 = req(&b[1]);
    if let Value::Type(t) = &arg2 {
        if t.kind == TypeKind::NumpyAbstract {
            return Ok(Value::Bool(crate::numpy::dtype_arg::abstract_contains(
                &t.name, d1,
            )));
        }
    }
    let d2 = dtype_like(&arg2)?;
    let same = match (d1, d2) {
        (DType::Str(_), DType::Str(_)) => true,
        (x, y) => x == y,
    };
    Ok(Value::Bool(same))
}

/// A NumPy scalar of `dtype` holding `x`.
fn float_scalar(x: f64, dtype: DType) -> Value {
    if dtype == DType::Float32 {
        Value::Scalar(Rc::new(NdArray::scalar(x as f32)))
    } else if dtype == DType::Float16 {
        Value::Scalar(Rc::new(NdArray::scalar(::half::f16::from_f64(x))))
    } else {
        Value::Scalar(Rc::new(NdArray::scalar(x)))
    }
}

/// `np.iinfo(int_type)`.
pub struct IInfo {
    pub dtype: DType,
}

impl IInfo {
    fn limits(&self) -> (i128, i128) {
        crate::array::ufunc::int_range(self.dtype)
    }
}

impl Object for IInfo {
    fn type_name(&self) -> String {
        "iinfo".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        let (lo, hi) = self.limits();
        Ok(format!(
            "iinfo(min={lo}, max={hi}, dtype={})",
            self.dtype.name()
        ))
    }
    fn str(&self, _interp: &mut Interp) -> PyResult<String> {
        let (lo, hi) = self.limits();
        let line = "-".repeat(63);
        Ok(format!(
            "Machine parameters for {}\n{line}\nmin = {lo}\nmax = {hi}\n{line}\n",
            self.dtype.name()
        ))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        let (lo, hi) = self.limits();
        let int = |x: i128| match i64::try_from(x) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Rc::new(num_bigint::BigInt::from(x))),
        };
        Ok(match name {
            "min" => Some(int(lo)),
            "max" => Some(int(hi)),
            "bits" => Some(Value::Int(self.dtype.itemsize() as i64 * 8)),
            "dtype" => Some(Value::DType(self.dtype)),
            "kind" => Some(Value::str(&self.dtype.kind_char().to_string())),
            _ => None,
        })
    }
    fn dir(&self) -> Vec<String> {
        ["bits", "dtype", "kind", "max", "min"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The dtype an iinfo/finfo argument names (`int`, `np.int8`, `'i4'`, an array, a scalar).
fn info_dtype(v: &Value) -> PyResult<DType> {
    match v {
        Value::Int(_) => Ok(DType::Int64),
        Value::Float(_) => Ok(DType::Float64),
        Value::Complex(_) => Ok(DType::Complex128),
        other => dtype_like(other),
    }
}

/// `np.iinfo(int_type)`.
pub fn iinfo(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("iinfo", &["int_type"], 1)?;
    let d = info_dtype(&req(&b[0]))?;
    if !d.is_integer() {
        return Err(value_error(format!(
            "Invalid integer data type '{}'.",
            d.kind_char()
        )));
    }
    Ok(Value::Object(Rc::new(IInfo { dtype: d })))
}

/// `np.finfo(dtype)` for float32/float64 (complex types give their real part's limits).
pub struct FInfo {
    pub dtype: DType,
}

struct FloatParams {
    bits: i64,
    precision: i64,
    resolution: f64,
    eps: f64,
    epsneg: f64,
    tiny: f64,
    max: f64,
    subnormal: f64,
    machep: i64,
    negep: i64,
    minexp: i64,
    maxexp: i64,
    nexp: i64,
    nmant: i64,
}

impl FInfo {
    fn params(&self) -> FloatParams {
        if self.dtype == DType::Float16 {
            FloatParams {
                bits: 16,
                precision: 3,
                resolution: 1e-3,
                eps: 2f64.powi(-10),
                epsneg: 2f64.powi(-11),
                tiny: 2f64.powi(-14),
                max: 65504.0,
                subnormal: 2f64.powi(-24),
                machep: -10,
                negep: -11,
                minexp: -14,
                maxexp: 16,
                nexp: 5,
                nmant: 10,
            }
        } else if self.dtype == DType::Float32 {
            FloatParams {
                bits: 32,
                precision: 6,
                resolution: 1e-6,
                eps: f32::EPSILON as f64,
                epsneg: (f32::EPSILON / 2.0) as f64,
                tiny: f32::MIN_POSITIVE as f64,
                max: f32::MAX as f64,
                subnormal: f32::from_bits(1) as f64,
                machep: -23,
                negep: -24,
                minexp: -126,
                maxexp: 128,
                nexp: 8,
                nmant: 23,
            }
        } else {
            FloatParams {
                bits: 64,
                precision: 15,
                resolution: 1e-15,
                eps: f64::EPSILON,
                epsneg: f64::EPSILON / 2.0,
                tiny: f64::MIN_POSITIVE,
                max: f64::MAX,
                subnormal: f64::from_bits(1),
                machep: -52,
                negep: -53,
                minexp: -1022,
                maxexp: 1024,
                nexp: 11,
                nmant: 52,
            }
        }
    }
}

impl Object for FInfo {
    fn type_name(&self) -> String {
        "finfo".into()
    }
    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let p = self.params();
        let s = |interp: &mut Interp, x: f64| interp.str_of(&float_scalar(x, self.dtype));
        // NumPy prints max with the type's `'%12.5e'`-style format: for float32/float64 that
        // equals the shortest repr, for float16 it keeps trailing zeros.
        let max = if self.dtype == DType::Float16 {
            "6.55040e+04".to_string()
        } else {
            s(interp, p.max)?
        };
        Ok(format!(
            "finfo(resolution={}, min=-{max}, max={max}, dtype={})",
            s(interp, p.resolution)?,
            self.dtype.name()
        ))
    }
    fn str(&self, interp: &mut Interp) -> PyResult<String> {
        let p = self.params();
        let mut s = |x: f64| interp.str_of(&float_scalar(x, self.dtype));
        let line = "-".repeat(63);
        Ok(format!(
            "Machine parameters for {}\n{line}\nprecision = {}   resolution = {}\nmachep = {}   eps =        {}\nnegep =  {}   epsneg =     {}\nminexp = {}   tiny =       {}\nmaxexp = {}   max =        {}\nnexp =   {}   min =        -max\nsmallest_normal = {}   smallest_subnormal = {}\n{line}\n",
            self.dtype.name(),
            p.precision,
            s(p.resolution)?,
            p.machep,
            s(p.eps)?,
            p.negep,
            s(p.epsneg)?,
            p.minexp,
            s(p.tiny)?,
            p.maxexp,
            s(p.max)?,
            p.nexp,
            s(p.tiny)?,
            s(p.subnormal)?,
        ))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        let p = self.params();
        let f = |x: f64| Some(float_scalar(x, self.dtype));
        Ok(match name {
            "eps" => f(p.eps),
            "epsneg" => f(p.epsneg),
            "tiny" | "smallest_normal" => f(p.tiny),
            "smallest_subnormal" => f(p.subnormal),
            "max" => f(p.max),
            "min" => f(-p.max),
            "resolution" => f(p.resolution),
            "bits" => Some(Value::Int(p.bits)),
            "precision" => Some(Value::Int(p.precision)),
            "machep" => Some(Value::Int(p.machep)),
            "negep" => Some(Value::Int(p.negep)),
            "minexp" => Some(Value::Int(p.minexp)),
            "maxexp" => Some(Value::Int(p.maxexp)),
            "nexp" | "iexp" => Some(Value::Int(p.nexp)),
            "nmant" => Some(Value::Int(p.nmant)),
            "dtype" => Some(Value::DType(self.dtype)),
            _ => None,
        })
    }
    fn dir(&self) -> Vec<String> {
        [
            "bits",
            "dtype",
            "eps",
            "epsneg",
            "iexp",
            "machep",
            "max",
            "maxexp",
            "min",
            "minexp",
            "negep",
            "nexp",
            "nmant",
            "precision",
            "resolution",
            "smallest_normal",
            "smallest_subnormal",
            "tiny",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `np.finfo(dtype)`.
pub fn finfo(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("finfo", &["dtype"], 1)?;
    let v = req(&b[0]);
    let d = info_dtype(&v)?;
    if !matches!(d.kind(), Kind::Float | Kind::Complex) {
        let shown = match &v {
            Value::Type(t) => format!("<class '{}'>", crate::numpy::typeinfo::class_path(&t.name)),
            _ => d.name().to_string(),
        };
        return Err(value_error(format!("data type {shown} not inexact")));
    }
    Ok(Value::Object(Rc::new(FInfo {
        dtype: d.real_dtype(),
    })))
}

/// `numpy.int64` for NumPy scalar type names, the name itself for builtins.
pub fn class_path(name: &str) -> String {
    match name {
        "int" | "float" | "complex" | "bool" | "str" => name.to_string(),
        other => format!("numpy.{other}"),
    }
}
