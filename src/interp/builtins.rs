//! Python's builtin functions and types (print, len, range, sorted, int, list, …) and the
//! builtin exception classes, looked up by name after globals.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::array::Elem;
use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::repr::fmt_err;
use crate::interp::Interp;
use crate::syntax::span::Span;
use crate::value::{Builtin, Dict, NativeFn, Set, TypeKind, TypeObj, Value};

/// Python's builtin functions by name.
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", bi_print),
    ("len", bi_len),
    ("enumerate", bi_enumerate),
    ("zip", bi_zip),
    ("map", bi_map),
    ("filter", bi_filter),
    ("sum", bi_sum),
    ("min", bi_min),
    ("max", bi_max),
    ("abs", bi_abs),
    ("round", bi_round),
    ("divmod", bi_divmod),
    ("sorted", bi_sorted),
    ("reversed", bi_reversed),
    ("any", bi_any),
    ("all", bi_all),
    ("isinstance", bi_isinstance),
    ("repr", bi_repr),
    ("iter", bi_iter),
    ("next", bi_next),
    ("hash", bi_hash),
    ("id", bi_id),
    ("pow", bi_pow),
    ("chr", bi_chr),
    ("ord", bi_ord),
    ("hex", bi_hex),
    ("bin", bi_bin),
    ("oct", bi_oct),
    ("format", bi_format),
    ("callable", bi_callable),
    ("getattr", bi_getattr),
    ("hasattr", bi_hasattr),
    ("setattr", bi_setattr),
    ("dir", bi_dir),
    ("exit", bi_exit),
    ("quit", bi_exit),
    ("globals", bi_globals),
    ("locals", bi_globals),
    ("vars", bi_globals),
    ("help", bi_help),
    ("input", bi_input),
];

/// Python's builtin type names (callable constructors).
const TYPES: &[&str] = &[
    "int",
    "float",
    "bool",
    "str",
    "list",
    "tuple",
    "dict",
    "set",
    "frozenset",
    "range",
    "slice",
    "complex",
    "type",
    "object",
    "bytes",
];

impl Interp {
    /// A builtin by name (functions, types, exception classes, constants).
    pub fn builtin(&mut self, name: &str) -> Option<Value> {
        if let Some(v) = self.builtins.get(name) {
            return Some(v.clone());
        }
        let v = if let Some((n, f)) = FUNCTIONS.iter().find(|(n, _)| *n == name) {
            Value::Builtin(Rc::new(Builtin {
                name: Rc::from(*n),
                func: *f,
                bound: None,
                data: None,
            }))
        } else if let Some(t) = TYPES.iter().find(|t| **t == name) {
            Value::Type(Rc::new(TypeObj {
                name: Rc::from(*t),
                kind: TypeKind::Builtin,
            }))
        } else if let Some(ty) = ExcType::from_name(name).filter(|t| {
            !matches!(
                t,
                ExcType::AxisError
                    | ExcType::LinAlgError
                    | ExcType::UFuncTypeError
                    | ExcType::DTypePromotionError
            )
        }) {
            Value::Type(Rc::new(TypeObj {
                name: Rc::from(ty.name()),
                kind: TypeKind::Exception(ty),
            }))
        } else {
            match name {
                "None" => Value::None,
                "True" => Value::Bool(true),
                "False" => Value::Bool(false),
                "Ellipsis" => Value::Ellipsis,
                "NotImplemented" => Value::NotImplemented,
                "__name__" => Value::str("__main__"),
                _ => return None,
            }
        };
        let key: &'static str = FUNCTIONS
            .iter()
            .map(|(n, _)| *n)
            .chain(TYPES.iter().copied())
            .chain(ExcType::ALL.iter().map(|t| t.name()))
            .chain([
                "None",
                "True",
                "False",
                "Ellipsis",
                "NotImplemented",
                "__name__",
            ])
            .find(|n| *n == name)?;
        self.builtins.insert(key, v.clone());
        Some(v)
    }

    /// Names of all builtins (for completion and suggestions).
    pub fn builtin_names() -> Vec<&'static str> {
        FUNCTIONS
            .iter()
            .map(|(n, _)| *n)
            .chain(TYPES.iter().copied())
            .collect()
    }

    /// The `type(v)` object.
    pub fn type_of(&self, v: &Value) -> Value {
        let (name, kind): (String, TypeKind) = match v {
            Value::Array(_) => ("ndarray".into(), TypeKind::NdArray),
            Value::Scalar(a) => (
                a.dtype.scalar_type_name().into(),
                TypeKind::NumpyScalar(a.dtype),
            ),
            Value::Exception(e) => (e.ty.name().into(), TypeKind::Exception(e.ty)),
            Value::Builtin(_) => ("builtin_function_or_method".into(), TypeKind::Builtin),
            other => (other.type_name(), TypeKind::Builtin),
        };
        Value::Type(Rc::new(TypeObj {
            name: Rc::from(name),
            kind,
        }))
    }

    /// Whether `v` is an instance of class `t`.
    pub fn isinstance(&mut self, v: &Value, t: &Value) -> PyResult<bool> {
        match t {
            Value::Tuple(ts) => {
                for x in ts.iter() {
                    if self.isinstance(v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Type(ty) => Ok(match ty.kind {
                TypeKind::Builtin => {
                    let vt = v.type_name();
                    match &*ty.name {
                        "object" => true,
                        // NumPy integer scalars are not `int` subclasses (unlike np.float64/float).
                        "int" => matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)),
                        "float" => {
                            matches!(v, Value::Float(_))
                                || matches!(v, Value::Scalar(a) if a.dtype == crate::array::dtype::DType::Float64)
                        }
                        "complex" => {
                            matches!(v, Value::Complex(_))
                                || matches!(v, Value::Scalar(a) if a.dtype == crate::array::dtype::DType::Complex128)
                        }
                        "str" => {
                            matches!(v, Value::Str(_))
                                || matches!(v, Value::Scalar(a) if matches!(a.dtype, crate::array::dtype::DType::Str(_)))
                        }
                        name => vt == name,
                    }
                }
                TypeKind::Exception(c) => {
                    matches!(v, Value::Exception(e) if e.ty.is_subclass_of(c))
                }
                TypeKind::NdArray => matches!(v, Value::Array(_)),
                TypeKind::NumpyScalar(d) => matches!(v, Value::Scalar(a) if a.dtype == d),
                TypeKind::NumpyAbstract => match v {
                    Value::Scalar(a) => {
                        crate::numpy::dtype_arg::abstract_contains(&ty.name, a.dtype)
                    }
                    _ => false,
                },
            }),
            _ => Err(type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            )),
        }
    }

    /// Call a class object: builtin constructors and exception classes.
    pub fn construct(&mut self, t: &Rc<TypeObj>, args: Args) -> PyResult<Value> {
        match t.kind {
            TypeKind::Exception(ty) => {
                let mut e = Exception::new(ty, "");
                if let Some(first) = args.pos.first() {
                    if args.pos.len() == 1 {
                        e.msg = self.str_of(first)?;
                        if ty == ExcType::KeyError {
                            e.args_repr = Some(self.repr(first)?);
                        }
                    } else {
                        let t = Value::tuple(args.pos.clone());
                        e.msg = self.repr(&t)?;
                    }
                }
                Ok(Value::Exception(Rc::new(e)))
            }
            TypeKind::NumpyScalar(d) => crate::numpy::dtype_arg::construct_scalar(self, d, args),
            TypeKind::NdArray => Err(type_error("use np.array() or np.zeros() to create arrays")),
            TypeKind::NumpyAbstract => Err(type_error(format!(
                "cannot create 'numpy.{}' instances",
                t.name
            ))),
            TypeKind::Builtin => self.construct_builtin(&t.name.clone(), args),
        }
    }

    fn construct_builtin(&mut self, name: &str, args: Args) -> PyResult<Value> {
        let mut args = args;
        match name {
            "int" => {
                let base = args.take_kw("base");
                let v = args.pos.first().cloned();
                match (v, base.or_else(|| args.pos.get(1).cloned())) {
                    (None, _) => Ok(Value::Int(0)),
                    (Some(Value::Str(s)), Some(b)) => {
                        parse_int(&s, b.as_i64().unwrap_or(10) as u32)
                    }
                    (Some(v), _) => self.to_int(&v),
                }
            }
            "float" => match args.pos.first() {
                None => Ok(Value::Float(0.0)),
                Some(v) => self.to_float(v).map(Value::Float),
            },
            "complex" => {
                let re = match args.pos.first() {
                    Some(Value::Complex(c)) => return Ok(Value::Complex(*c)),
                    Some(v) => self.to_float(v)?,
                    None => 0.0,
                };
                let im = match args.pos.get(1) {
                    Some(v) => self.to_float(v)?,
                    None => 0.0,
                };
                Ok(Value::Complex(crate::array::buffer::C128::new(re, im)))
            }
            "bool" => match args.pos.first() {
                None => Ok(Value::Bool(false)),
                Some(v) => {
                    let v = v.clone();
                    Ok(Value::Bool(self.truthy(&v)?))
                }
            },
            "str" => match args.pos.first() {
                None => Ok(Value::str("")),
                Some(v) => {
                    let v = v.clone();
                    Ok(Value::Str(Rc::from(self.str_of(&v)?)))
                }
            },
            "list" => match args.pos.first() {
                None => Ok(Value::list(Vec::new())),
                Some(v) => {
                    let v = v.clone();
                    Ok(Value::list(self.iterate(&v)?))
                }
            },
            "tuple" => match args.pos.first() {
                None => Ok(Value::tuple(Vec::new())),
                Some(v) => {
                    let v = v.clone();
                    Ok(Value::tuple(self.iterate(&v)?))
                }
            },
            "set" | "frozenset" => {
                let mut s = Set::default();
                if let Some(v) = args.pos.first() {
                    let v = v.clone();
                    for x in self.iterate(&v)? {
                        s.insert(x)?;
                    }
                }
                Ok(if name == "set" {
                    Value::Set(Rc::new(RefCell::new(s)))
                } else {
                    Value::FrozenSet(Rc::new(s))
                })
            }
            "dict" => {
                let mut d = Dict::default();
                if let Some(v) = args.pos.first() {
                    let v = v.clone();
                    for (k, x) in self.dict_items(&v)? {
                        d.insert(k, x)?;
                    }
                }
                for (k, v) in args.kw {
                    d.insert(Value::Str(k), v)?;
                }
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            "range" => {
                let nums: Vec<i64> = args
                    .pos
                    .iter()
                    .map(|v| {
                        crate::interp::subscript::index_int(v).ok_or_else(|| {
                            type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                v.type_name()
                            ))
                        })
                    })
                    .collect::<PyResult<_>>()?;
                let (start, stop, step) = match nums.as_slice() {
                    [stop] => (0, *stop, 1),
                    [start, stop] => (*start, *stop, 1),
                    [start, stop, step] => (*start, *stop, *step),
                    [] => return Err(type_error("range expected at least 1 argument, got 0")),
                    _ => {
                        return Err(type_error(format!(
                            "range expected at most 3 arguments, got {}",
                            nums.len()
                        )))
                    }
                };
                if step == 0 {
                    return Err(value_error("range() arg 3 must not be zero"));
                }
                Ok(Interp::make_range(start, stop, step))
            }
            "slice" => {
                let p = &args.pos;
                let get = |i: usize| p.get(i).cloned().unwrap_or(Value::None);
                let (start, stop, step) = match p.len() {
                    1 => (Value::None, get(0), Value::None),
                    2 => (get(0), get(1), Value::None),
                    _ => (get(0), get(1), get(2)),
                };
                Ok(Value::Slice(Rc::new(crate::value::SliceObj {
                    start,
                    stop,
                    step,
                })))
            }
            "type" => match args.pos.first() {
                Some(v) => Ok(self.type_of(v)),
                None => Err(type_error("type() takes 1 or 3 arguments")),
            },
            "bytes" => match args.pos.first() {
                Some(Value::Str(s)) => Ok(Value::Bytes(Rc::from(s.as_bytes()))),
                _ => Ok(Value::Bytes(Rc::from(&[][..]))),
            },
            _ => Err(type_error(format!("cannot create '{name}' instances"))),
        }
    }

    /// `int(v)`.
    pub fn to_int(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            Value::Float(f) => float_to_int(*f),
            Value::Str(s) => parse_int(s, 10),
            Value::Array(a) | Value::Scalar(a) => {
                if a.ndim() > 0 {
                    return Err(type_error(
                        "only 0-dimensional arrays can be converted to Python scalars",
                    ));
                }
                match a.item()? {
                    Elem::Float(f) => float_to_int(f),
                    Elem::Complex(c) => float_to_int(c.re),
                    e => Ok(crate::interp::convert::elem_to_value(e, a.dtype)).map(|v| match v {
                        Value::Bool(b) => Value::Int(b as i64),
                        other => other,
                    }),
                }
            }
            other => Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ))),
        }
    }

    /// `float(v)`.
    pub fn to_float(&mut self, v: &Value) -> PyResult<f64> {
        match v {
            Value::Float(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(*b as u8 as f64),
            Value::BigInt(b) => b
                .to_f64()
                .filter(|f| f.is_finite())
                .ok_or_else(|| crate::errors::overflow_error("int too large to convert to float")),
            Value::Str(s) => crate::interp::pynum::parse_float(s).ok_or_else(|| {
                value_error(format!(
                    "could not convert string to float: {}",
                    crate::print::py_str_repr(s)
                ))
            }),
            Value::Array(a) | Value::Scalar(a) => {
                if a.ndim() > 0 {
                    return Err(type_error(
                        "only 0-dimensional arrays can be converted to Python scalars",
                    ));
                }
                Ok(match a.item()? {
                    Elem::Bool(b) => b as u8 as f64,
                    Elem::Int(i) => i as f64,
                    Elem::UInt(u) => u as f64,
                    Elem::Float(f) => f,
                    Elem::Complex(c) => c.re,
                    Elem::Str(s) => crate::interp::pynum::parse_float(&s).ok_or_else(|| {
                        value_error(format!("could not convert string to float: '{s}'"))
                    })?,
                })
            }
            other => Err(type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                other.type_name()
            ))),
        }
    }

    /// Key/value pairs of a dict or an iterable of pairs.
    pub fn dict_items(&mut self, v: &Value) -> PyResult<Vec<(Value, Value)>> {
        if let Value::Dict(d) = v {
            return Ok(d.borrow().map.values().cloned().collect());
        }
        let mut out = Vec::new();
        for item in self.iterate(v)? {
            let kv = self.iterate(&item)?;
            if kv.len() != 2 {
                return Err(value_error(format!(
                    "dictionary update sequence element #{} has length {}; 2 is required",
                    out.len(),
                    kv.len()
                )));
            }
            out.push((kv[0].clone(), kv[1].clone()));
        }
        Ok(out)
    }

    /// Sort values with Python's ordering (stable), optionally by key and reversed.
    pub fn sort_values(
        &mut self,
        items: Vec<Value>,
        key: Option<&Value>,
        reverse: bool,
    ) -> PyResult<Vec<Value>> {
        let keys: Vec<Value> = match key {
            Some(k) if !k.is_none() => {
                let mut ks = Vec::with_capacity(items.len());
                for it in &items {
                    ks.push(self.call_value(k, Args::new(vec![it.clone()]), Span::default())?);
                }
                ks
            }
            _ => items.clone(),
        };
        let mut idx: Vec<usize> = (0..items.len()).collect();
        let mut err: Option<Exception> = None;
        // Merge sort via the standard stable sort; errors are captured and reported after.
        idx.sort_by(|&a, &b| {
            if err.is_some() {
                return std::cmp::Ordering::Equal;
            }
            let (x, y) = if reverse {
                (&keys[b], &keys[a])
            } else {
                (&keys[a], &keys[b])
            };
            match self.py_cmp(x, y) {
                Ok(Some(o)) => o,
                Ok(None) => std::cmp::Ordering::Equal,
                Err(_) => {
                    // The comparator is asked `later < earlier`, as CPython's timsort asks it.
                    err = Some(type_error(format!(
                        "'<' not supported between instances of '{}' and '{}'",
                        x.type_name(),
                        y.type_name()
                    )));
                    std::cmp::Ordering::Equal
                }
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
        Ok(idx.into_iter().map(|i| items[i].clone()).collect())
    }
}

fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(crate::errors::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        Ok(Value::Int(t as i64))
    } else {
        // Exact for every finite float (they are integers beyond 2**53).
        Ok(Value::from_bigint(
            num_traits::FromPrimitive::from_f64(t).unwrap_or_default(),
        ))
    }
}

/// `int(s, base)` with Python's literal rules.
fn parse_int(s: &str, base: u32) -> PyResult<Value> {
    let err = || {
        value_error(format!(
            "invalid literal for int() with base {base}: {}",
            crate::print::py_str_repr(s)
        ))
    };
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut base = base;
    let mut body = body;
    let lower = body.to_ascii_lowercase();
    for (p, b) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if (base == b || base == 0) && lower.starts_with(p) {
            body = &body[2..];
            base = b;
        }
    }
    if base == 0 {
        base = 10;
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Err(err());
    }
    let digits: String = body.chars().filter(|&c| c != '_').collect();
    let v = BigInt::parse_bytes(digits.as_bytes(), base).ok_or_else(err)?;
    Ok(Value::from_bigint(if neg { -v } else { v }))
}

fn bi_print(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let sep = match args.take_kw("sep") {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::None) | None => " ".into(),
        Some(v) => {
            return Err(type_error(format!(
                "sep must be None or a string, not {}",
                v.type_name()
            )))
        }
    };
    let end = match args.take_kw("end") {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::None) | None => "\n".into(),
        Some(v) => {
            return Err(type_error(format!(
                "end must be None or a string, not {}",
                v.type_name()
            )))
        }
    };
    let to_stderr =
        matches!(args.take_kw("file"), Some(Value::Object(o)) if o.type_name() == "stderr");
    let flush = match args.take_kw("flush") {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    args.no_kwargs("print")?;
    let mut parts = Vec::with_capacity(args.pos.len());
    for v in &args.pos {
        parts.push(interp.str_of(v)?);
    }
    let text = parts.join(&sep) + &end;
    if to_stderr {
        interp.out.flush();
        eprint!("{text}");
    } else {
        interp.out.write_str(&text);
        if flush {
            interp.out.flush();
        }
    }
    Ok(Value::None)
}

fn bi_len(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "len")?;
    Ok(Value::Int(interp.len_of(&v)? as i64))
}

impl Interp {
    /// `len(v)`.
    pub fn len_of(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.chars().count(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.borrow().map.len(),
            Value::Set(s) => s.borrow().map.len(),
            Value::FrozenSet(s) => s.map.len(),
            Value::Range(r) => r.len(),
            Value::Bytes(b) => b.len(),
            Value::Array(a) => match a.shape.first() {
                Some(&n) => n,
                None => return Err(type_error("len() of unsized object")),
            },
            Value::Object(o) if o.items().is_some() => o.items().map(|i| i.len()).unwrap_or(0),
            other => {
                return Err(type_error(format!(
                    "object of type '{}' has no len()",
                    other.type_name()
                )))
            }
        })
    }
}

fn take1(args: Args, name: &str) -> PyResult<[Value; 1]> {
    let v = args.exact(name, 1)?;
    Ok([v.into_iter().next().unwrap_or(Value::None)])
}

fn bi_enumerate(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let start = args
        .take_kw("start")
        .or_else(|| args.pos.get(1).cloned())
        .and_then(|v| v.as_i64())
        .unwrap_or(0);
    let src =
        args.pos.first().cloned().ok_or_else(|| {
            type_error("enumerate() missing required argument 'iterable' (pos 1)")
        })?;
    let items = interp.iterate(&src)?;
    let out = items
        .into_iter()
        .enumerate()
        .map(|(i, v)| Value::tuple(vec![Value::Int(start + i as i64), v]))
        .collect();
    Ok(crate::interp::iter::iterator_over(out))
}

fn bi_zip(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let strict = args
        .take_kw("strict")
        .is_some_and(|v| matches!(v, Value::Bool(true)));
    let mut seqs = Vec::new();
    for v in &args.pos {
        seqs.push(interp.iterate(v)?);
    }
    let n = seqs.iter().map(|s| s.len()).min().unwrap_or(0);
    if strict && seqs.iter().any(|s| s.len() != n) {
        return Err(value_error("zip() argument 2 is shorter than argument 1"));
    }
    let out = (0..n)
        .map(|i| Value::tuple(seqs.iter().map(|s| s[i].clone()).collect()))
        .collect();
    Ok(crate::interp::iter::iterator_over(out))
}

fn bi_map(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut pos = args.pos.into_iter();
    let f = pos
        .next()
        .ok_or_else(|| type_error("map() must have at least two arguments."))?;
    let mut seqs = Vec::new();
    for v in pos {
        seqs.push(interp.iterate(&v)?);
    }
    if seqs.is_empty() {
        return Err(type_error("map() must have at least two arguments."));
    }
    let n = seqs.iter().map(|s| s.len()).min().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let a = Args::new(seqs.iter().map(|s| s[i].clone()).collect());
        out.push(interp.call_value(&f, a, Span::default())?);
    }
    Ok(crate::interp::iter::iterator_over(out))
}

fn bi_filter(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let v = args.exact("filter", 2)?;
    let items = interp.iterate(&v[1])?;
    let mut out = Vec::new();
    for it in items {
        let keep = if v[0].is_none() {
            interp.truthy(&it)?
        } else {
            let r = interp.call_value(&v[0], Args::new(vec![it.clone()]), Span::default())?;
            interp.truthy(&r)?
        };
        if keep {
            out.push(it);
        }
    }
    Ok(crate::interp::iter::iterator_over(out))
}

fn bi_sum(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let start = args
        .take_kw("start")
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::Int(0));
    if matches!(start, Value::Str(_)) {
        return Err(type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let src = args
        .pos
        .first()
        .cloned()
        .ok_or_else(|| type_error("sum() takes at least 1 positional argument (0 given)"))?;
    let items = interp.iterate(&src)?;
    // Python sums floats with plain left-to-right addition (3.11).
    let mut acc = start;
    for it in items {
        interp.check_interrupt()?;
        acc = interp.binop(crate::syntax::ast::BinOp::Add, &acc, &it)?;
    }
    Ok(acc)
}

fn min_max(
    interp: &mut Interp,
    mut args: Args,
    name: &str,
    want: std::cmp::Ordering,
) -> PyResult<Value> {
    let key = args.take_kw("key");
    let default = args.take_kw("default");
    args.no_kwargs(name)?;
    let items = match args.pos.len() {
        0 => {
            return Err(type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => {
            let v = args.pos[0].clone();
            interp.iterate(&v)?
        }
        _ => args.pos.clone(),
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
    let mut best = items[0].clone();
    let mut best_key = match &key {
        Some(k) if !k.is_none() => {
            interp.call_value(k, Args::new(vec![best.clone()]), Span::default())?
        }
        _ => best.clone(),
    };
    for it in items.into_iter().skip(1) {
        interp.check_interrupt()?;
        let k = match &key {
            Some(kf) if !kf.is_none() => {
                interp.call_value(kf, Args::new(vec![it.clone()]), Span::default())?
            }
            _ => it.clone(),
        };
        let ord = interp.py_cmp(&k, &best_key).map_err(|_| {
            type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                if want == std::cmp::Ordering::Less {
                    "<"
                } else {
                    ">"
                },
                k.type_name(),
                best_key.type_name()
            ))
        })?;
        if ord == Some(want) {
            best = it;
            best_key = k;
        }
    }
    Ok(best)
}

fn bi_min(interp: &mut Interp, args: Args) -> PyResult<Value> {
    min_max(interp, args, "min", std::cmp::Ordering::Less)
}

fn bi_max(interp: &mut Interp, args: Args) -> PyResult<Value> {
    min_max(interp, args, "max", std::cmp::Ordering::Greater)
}

fn bi_abs(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "abs")?;
    match &v {
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).magnitude().clone().into()),
        }),
        Value::BigInt(b) => Ok(Value::from_bigint(b.magnitude().clone().into())),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Complex(c) => Ok(Value::Float(c.norm())),
        Value::Array(a) | Value::Scalar(a) => {
            let r = crate::array::ufunc::unary(crate::array::ufunc::UnaryOp::Absolute, a, None)?;
            Ok(interp.wrap_array_result(r))
        }
        other => Err(type_error(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

fn bi_round(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let nd = args.take_kw("ndigits").or_else(|| args.pos.get(1).cloned());
    let v = args
        .pos
        .first()
        .cloned()
        .ok_or_else(|| type_error("round() missing required argument 'number' (pos 1)"))?;
    let nd = match nd {
        None | Some(Value::None) => None,
        Some(x) => Some(x.as_i64().ok_or_else(|| {
            type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                x.type_name()
            ))
        })?),
    };
    match (&v, nd) {
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), None) => interp.to_int(&v),
        (Value::Int(i), Some(n)) => {
            if n >= 0 {
                return Ok(Value::Int(*i));
            }
            let p = 10i128.checked_pow((-n) as u32).unwrap_or(i128::MAX);
            let x = *i as i128;
            let q = x.div_euclid(p);
            let r = x.rem_euclid(p);
            let q = if 2 * r > p || (2 * r == p && q % 2 != 0) {
                q + 1
            } else {
                q
            };
            Ok(Value::Int((q * p) as i64))
        }
        (Value::Float(f), None) => {
            let r = f.round_ties_even();
            float_to_int(r)
        }
        (Value::Float(f), Some(n)) => Ok(Value::Float(
            crate::pyfmt::round_float(*f, n).map_err(fmt_err)?,
        )),
        (Value::Scalar(a) | Value::Array(a), _) => {
            let decimals = nd.unwrap_or(0);
            let r = crate::numpy::math::round_array(a, decimals)?;
            if nd.is_none() && a.ndim() == 0 {
                let rv = interp.wrap_array_result(r);
                return interp.to_int(&rv);
            }
            Ok(interp.wrap_array_result(r))
        }
        (other, _) => Err(type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

fn bi_divmod(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let v = args.exact("divmod", 2)?;
    let q = interp.binop(crate::syntax::ast::BinOp::FloorDiv, &v[0], &v[1])?;
    let r = interp.binop(crate::syntax::ast::BinOp::Mod, &v[0], &v[1])?;
    Ok(Value::tuple(vec![q, r]))
}

fn bi_sorted(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let key = args.take_kw("key");
    let reverse = match args.take_kw("reverse") {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    args.no_kwargs("sorted")?;
    let [v] = take1(args, "sorted")?;
    let items = interp.iterate(&v)?;
    Ok(Value::list(interp.sort_values(
        items,
        key.as_ref(),
        reverse,
    )?))
}

fn bi_reversed(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "reversed")?;
    if matches!(v, Value::Set(_) | Value::Dict(_) | Value::Iterator(_)) {
        return Err(type_error(format!(
            "'{}' object is not reversible",
            v.type_name()
        )));
    }
    let mut items = interp.iterate(&v)?;
    items.reverse();
    Ok(crate::interp::iter::iterator_over(items))
}

fn bi_any(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "any")?;
    let mut it = interp.value_iter(&v)?;
    while let Some(x) = it.next_item(interp)? {
        if interp.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn bi_all(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "all")?;
    let mut it = interp.value_iter(&v)?;
    while let Some(x) = it.next_item(interp)? {
        if !interp.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn bi_isinstance(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let v = args.exact("isinstance", 2)?;
    Ok(Value::Bool(interp.isinstance(&v[0], &v[1])?))
}

fn bi_repr(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "repr")?;
    Ok(Value::Str(Rc::from(interp.repr(&v)?)))
}

fn bi_iter(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "iter")?;
    if let Value::Iterator(_) = v {
        return Ok(v);
    }
    let items = interp.iterate(&v)?;
    Ok(crate::interp::iter::iterator_over(items))
}

fn bi_next(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let default = args.pos.get(1).cloned();
    match args.pos.first() {
        Some(Value::Iterator(it)) => match crate::interp::iter::next_shared(&mut it.borrow_mut()) {
            Some(v) => Ok(v),
            None => default.ok_or_else(|| Exception::new(ExcType::StopIteration, "")),
        },
        Some(other) => Err(type_error(format!(
            "'{}' object is not an iterator",
            other.type_name()
        ))),
        None => Err(type_error("next expected at least 1 argument, got 0")),
    }
}

fn bi_hash(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "hash")?;
    let key = crate::value::HashKey::from_value(&v)?;
    Ok(match key {
        crate::value::HashKey::Int(i) => Value::Int(if i == -1 { -2 } else { i }),
        other => {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            other.hash(&mut h);
            Value::Int(h.finish() as i64)
        }
    })
}

fn bi_id(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "id")?;
    let p = match &v {
        Value::Array(a) | Value::Scalar(a) => Rc::as_ptr(a) as usize,
        Value::List(l) => Rc::as_ptr(l) as *const u8 as usize,
        Value::Dict(d) => Rc::as_ptr(d) as *const u8 as usize,
        _ => 0,
    };
    Ok(Value::Int(p as i64))
}

fn bi_pow(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let v = args.pos;
    match v.len() {
        2 => interp.binop(crate::syntax::ast::BinOp::Pow, &v[0], &v[1]),
        3 => {
            let p = interp.binop(crate::syntax::ast::BinOp::Pow, &v[0], &v[1])?;
            interp.binop(crate::syntax::ast::BinOp::Mod, &p, &v[2])
        }
        n => Err(type_error(format!("pow expected 2 arguments, got {n}"))),
    }
}

fn bi_chr(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "chr")?;
    let i = v
        .as_i64()
        .ok_or_else(|| type_error("an integer is required"))?;
    let c = u32::try_from(i)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| value_error("chr() arg not in range(0x110000)"))?;
    Ok(Value::Str(Rc::from(c.to_string())))
}

fn bi_ord(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "ord")?;
    match &v {
        Value::Str(s) if s.chars().count() == 1 => {
            Ok(Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0)))
        }
        Value::Str(s) => Err(type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        ))),
        other => Err(type_error(format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}

fn radix(v: &Value, spec: &str, name: &str) -> PyResult<Value> {
    let b = match v {
        Value::Int(i) => BigInt::from(*i),
        Value::BigInt(b) => (**b).clone(),
        Value::Bool(b) => BigInt::from(*b as i64),
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let _ = name;
    Ok(Value::Str(Rc::from(
        crate::pyfmt::pyformat_int(&b, spec).map_err(fmt_err)?,
    )))
}

fn bi_hex(_i: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "hex")?;
    radix(&v, "#x", "hex")
}

fn bi_bin(_i: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "bin")?;
    radix(&v, "#b", "bin")
}

fn bi_oct(_i: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "oct")?;
    radix(&v, "#o", "oct")
}

fn bi_format(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let v = args.pos.first().cloned().unwrap_or(Value::None);
    let spec = match args.pos.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Ok(Value::Str(Rc::from(interp.format_value(&v, &spec)?)))
}

fn bi_callable(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [v] = take1(args, "callable")?;
    Ok(Value::Bool(
        matches!(v, Value::Function(_) | Value::Builtin(_) | Value::Type(_))
            || matches!(&v, Value::Object(o) if o.type_name() == "vectorize"),
    ))
}

fn bi_getattr(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let v = args.pos;
    let (Some(obj), Some(Value::Str(name))) = (v.first(), v.get(1)) else {
        return Err(type_error("getattr(): attribute name must be string"));
    };
    match interp.getattr(obj, name) {
        Ok(x) => Ok(x),
        Err(e) if e.ty == ExcType::AttributeError && v.len() > 2 => Ok(v[2].clone()),
        Err(e) => Err(e),
    }
}

fn bi_hasattr(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let v = args.exact("hasattr", 2)?;
    let Value::Str(name) = &v[1] else {
        return Err(type_error("hasattr(): attribute name must be string"));
    };
    Ok(Value::Bool(interp.getattr(&v[0], name).is_ok()))
}

fn bi_setattr(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let v = args.exact("setattr", 3)?;
    let Value::Str(name) = &v[1] else {
        return Err(type_error("setattr(): attribute name must be string"));
    };
    interp.setattr(&v[0], name, v[2].clone())?;
    Ok(Value::None)
}

fn bi_dir(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut names: Vec<String> = match args.pos.first() {
        None => interp
            .globals
            .borrow()
            .keys()
            .map(|k| k.to_string())
            .collect(),
        Some(Value::Module(m)) => m.attrs.borrow().keys().map(|k| k.to_string()).collect(),
        Some(v) => crate::interp::methods::attr_names(v),
    };
    names.sort();
    Ok(Value::list(
        names.into_iter().map(|n| Value::Str(Rc::from(n))).collect(),
    ))
}

fn bi_exit(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let code = args.pos.first().and_then(|v| v.as_i64()).unwrap_or(0) as i32;
    interp.exit_code = Some(code);
    Err(Exception::new(
        ExcType::SystemExit,
        if args.pos.is_empty() {
            String::new()
        } else {
            code.to_string()
        },
    ))
}

fn bi_globals(interp: &mut Interp, _args: Args) -> PyResult<Value> {
    let mut d = Dict::default();
    let entries: Vec<(Rc<str>, Value)> = interp
        .globals
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (k, v) in entries {
        d.insert(Value::Str(k), v)?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

fn bi_help(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let text = match args.pos.first() {
        Some(v) => crate::numpy::help_text(interp, v),
        None => "Type help(np.mean) or np.mean? for help on a NumPy function.".to_string(),
    };
    interp.out.write_str(&text);
    interp.out.write_str("\n");
    Ok(Value::None)
}

fn bi_input(_interp: &mut Interp, _args: Args) -> PyResult<Value> {
    Err(Exception::new(
        ExcType::OSError,
        "input() is not available in numpyx",
    ))
}

/// Whether a BigInt is zero (helper for callers).
pub fn is_zero(b: &BigInt) -> bool {
    b.is_zero()
}
