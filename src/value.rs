//! Runtime values: Python objects, NumPy arrays and scalars.
//!
//! `Value` is cheap to clone (small inline data or an `Rc`). Mutable containers (list, dict,
//! set) sit behind `Rc<RefCell<…>>` so aliasing (`b = a; b.append(1)`) behaves as Python's.
//! NumPy scalars are 0-d arrays flagged as scalars, so they share every array kernel.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use indexmap::IndexMap;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::array::buffer::C128;
use crate::array::dtype::DType;
use crate::array::NdArray;
use crate::errors::{ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::syntax::ast::FunctionDef;

/// A native function: receives the interpreter and the call's arguments (with `self` first for
/// methods).
pub type NativeFn = fn(&mut Interp, Args) -> PyResult<Value>;

/// A runtime value.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An int outside i64 (Python ints are unbounded).
    BigInt(Rc<BigInt>),
    Float(f64),
    Complex(C128),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<Vec<Value>>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<Set>>),
    FrozenSet(Rc<Set>),
    Range(Rc<RangeObj>),
    Slice(Rc<SliceObj>),
    Ellipsis,
    NotImplemented,
    /// A user-defined function or lambda.
    Function(Rc<Function>),
    /// A native function or method (optionally bound to `self`).
    Builtin(Rc<Builtin>),
    /// A module (`np`, `np.linalg`, `math`).
    Module(Rc<Module>),
    /// A class object (`int`, `list`, `np.float64`, `ValueError`).
    Type(Rc<TypeObj>),
    /// A NumPy array.
    Array(Rc<NdArray>),
    /// A NumPy scalar (`np.float64(2.5)`): a 0-d array.
    Scalar(Rc<NdArray>),
    /// `np.dtype('float64')`.
    DType(DType),
    /// A raised or constructed exception instance.
    Exception(Rc<Exception>),
    /// An iterator (zip, map, enumerate, generator expression results, iter()).
    Iterator(Rc<RefCell<PyIter>>),
    /// Any other native object (np.random.Generator, np.vectorize, result tuples, flags…).
    Object(Rc<dyn Object>),
}

/// Natively implemented objects with attributes, a repr and optionally a call.
pub trait Object {
    /// The Python type name (`Generator`, `vectorize`).
    fn type_name(&self) -> String;
    /// `repr(obj)`.
    fn repr(&self, interp: &mut Interp) -> PyResult<String>;
    /// `obj.name`; `this` is the object's own `Value` (to bind methods).
    fn getattr(&self, this: &Value, name: &str, interp: &mut Interp) -> PyResult<Option<Value>>;
    /// `obj.name = value`: `Ok(true)` when handled, `Ok(false)` when the object has no such
    /// settable attribute (the caller raises Python's AttributeError).
    fn setattr(&self, _name: &str, _value: Value, _interp: &mut Interp) -> PyResult<bool> {
        Ok(false)
    }
    /// `obj[key]`; `None` when the object is not subscriptable by key.
    fn getitem(&self, _key: &Value, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(None)
    }
    /// `obj[key] = value`: `Ok(true)` when handled, `Ok(false)` when the object does not support
    /// item assignment (the caller raises Python's TypeError).
    fn setitem(&self, _key: &Value, _value: Value, _interp: &mut Interp) -> PyResult<bool> {
        Ok(false)
    }
    /// `str(obj)` (defaults to the repr).
    fn str(&self, interp: &mut Interp) -> PyResult<String> {
        self.repr(interp)
    }
    /// `with obj as x:` entry: the value bound to `x` (defaults to the object itself).
    fn enter(&self, this: &Value, _interp: &mut Interp) -> PyResult<Value> {
        Ok(this.clone())
    }
    /// Leaving a `with` block (normally or by an exception).
    fn exit(&self, _interp: &mut Interp) -> PyResult<()> {
        Ok(())
    }
    /// `obj(args)`.
    fn call(&self, _interp: &mut Interp, _args: Args) -> PyResult<Value> {
        Err(Exception::new(
            ExcType::TypeError,
            format!("'{}' object is not callable", self.type_name()),
        ))
    }
    /// Attribute names for completion and `dir()`.
    fn dir(&self) -> Vec<String> {
        Vec::new()
    }
    /// For iteration and unpacking (named tuples such as `EighResult`).
    fn items(&self) -> Option<Vec<Value>> {
        None
    }
    /// Downcasting support.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// `range(start, stop, step)`.
#[derive(Debug, Clone)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    /// Number of items.
    pub fn len(&self) -> usize {
        let n = if self.step > 0 {
            if self.stop > self.start {
                (self.stop as i128 - self.start as i128 + self.step as i128 - 1) / self.step as i128
            } else {
                0
            }
        } else if self.start > self.stop {
            (self.start as i128 - self.stop as i128 - self.step as i128 - 1)
                / (-(self.step as i128))
        } else {
            0
        };
        n as usize
    }

    /// True for an empty range.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The i-th item (unchecked against len).
    pub fn get(&self, i: usize) -> i64 {
        self.start + self.step * i as i64
    }
}

/// `slice(start, stop, step)`.
#[derive(Clone)]
pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// A user-defined function: its definition plus captured defaults and enclosing scope.
pub struct Function {
    pub def: Rc<FunctionDef>,
    /// Evaluated defaults of positional parameters (aligned to the end of posonly+args).
    pub defaults: Vec<Value>,
    /// Evaluated defaults of keyword-only parameters (None where required).
    pub kw_defaults: Vec<Option<Value>>,
    /// The scope the function was defined in (for closures), `None` at module level.
    pub closure: Option<crate::interp::scope::ScopeRef>,
    /// Names assigned in the body (the function's locals), computed once at definition.
    pub locals: Rc<crate::interp::scope::LocalNames>,
    /// Which registered source the definition came from (for tracebacks).
    pub source_id: usize,
    /// `__name__` (decorators like functools.wraps may change it).
    pub name: Rc<str>,
    /// `Some(n)` when the parameters are exactly `n` plain positional ones (no keyword-only
    /// parameters, `*args` or `**kwargs`): a call with `n` positional arguments then binds
    /// them in order with nothing to check.
    pub plain_arity: Option<usize>,
}

/// A native function, possibly bound to a receiver.
pub struct Builtin {
    pub name: Rc<str>,
    pub func: NativeFn,
    /// The receiver for a bound method (`x.sum` binds `x`).
    pub bound: Option<Value>,
    /// A second piece of native context (e.g. which ufunc a `np.add.reduce` method belongs to).
    pub data: Option<Value>,
}

/// A module: a name and its attributes.
pub struct Module {
    pub name: Rc<str>,
    pub attrs: RefCell<IndexMap<Rc<str>, Value>>,
}

/// A class object.
pub struct TypeObj {
    pub name: Rc<str>,
    pub kind: TypeKind,
}

/// What a class object stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    /// A Python builtin type (int, float, str, list, …) by name.
    Builtin,
    /// An exception class.
    Exception(ExcType),
    /// A NumPy scalar type (np.float64, np.int8, np.bool_, …).
    NumpyScalar(DType),
    /// `np.ndarray`.
    NdArray,
    /// `np.generic`, `np.number`, `np.integer`, `np.floating`… abstract scalar classes.
    NumpyAbstract,
}

/// Python's dict: insertion-ordered, keyed by hashable values.
#[derive(Default, Clone)]
pub struct Dict {
    pub map: IndexMap<HashKey, (Value, Value)>,
}

/// Python's set (insertion-ordered storage; display order emulates CPython for ints).
#[derive(Default, Clone)]
pub struct Set {
    pub map: IndexMap<HashKey, Value>,
}

/// A lazily consumed iterator.
pub enum PyIter {
    /// Items still to yield (materialized sources: lists, tuples, zip of them …).
    Seq { items: Rc<Vec<Value>>, pos: usize },
    /// A range being walked.
    Range { range: RangeObj, pos: usize },
    /// Characters of a string.
    Chars { chars: Vec<char>, pos: usize },
    /// Items computed one at a time by native code (`np.ndindex`, `np.ndenumerate`), so a
    /// large iteration allocates nothing up front.
    Native(Box<dyn FnMut() -> Option<Value>>),
}

/// A hashable key with Python's equality: `1`, `1.0` and `True` are the same key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HashKey {
    None,
    Int(i64),
    BigInt(Rc<BigInt>),
    /// A non-integral float, by bits (NaN keys compare by identity in Python; bits here).
    Float(u64),
    Complex(u64, u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Vec<HashKey>),
    FrozenSet(Vec<HashKey>),
    Ellipsis,
    /// Identity-hashed objects (functions, modules, types): the pointer.
    Identity(usize),
    /// `np.dtype` objects.
    DType(String),
}

impl HashKey {
    /// The key for `v`, or Python's `TypeError: unhashable type: 'list'`.
    pub fn from_value(v: &Value) -> PyResult<HashKey> {
        Ok(match v {
            Value::None => HashKey::None,
            Value::Bool(b) => HashKey::Int(*b as i64),
            Value::Int(i) => HashKey::Int(*i),
            Value::BigInt(b) => HashKey::BigInt(b.clone()),
            Value::Float(f) => float_key(*f),
            Value::Complex(c) => {
                if c.im == 0.0 {
                    float_key(c.re)
                } else {
                    HashKey::Complex(c.re.to_bits(), c.im.to_bits())
                }
            }
            Value::Str(s) => HashKey::Str(s.clone()),
            Value::Bytes(b) => HashKey::Bytes(b.clone()),
            Value::Tuple(items) => HashKey::Tuple(
                items
                    .iter()
                    .map(HashKey::from_value)
                    .collect::<PyResult<_>>()?,
            ),
            Value::FrozenSet(s) => {
                let mut keys: Vec<HashKey> = s.map.keys().cloned().collect();
                keys.sort_by_key(|k| format!("{k:?}"));
                HashKey::FrozenSet(keys)
            }
            Value::Ellipsis => HashKey::Ellipsis,
            Value::Scalar(a) => match a.item()? {
                crate::array::Elem::Bool(b) => HashKey::Int(b as i64),
                crate::array::Elem::Int(i) => HashKey::Int(i),
                crate::array::Elem::UInt(u) => match i64::try_from(u) {
                    Ok(i) => HashKey::Int(i),
                    Err(_) => HashKey::BigInt(Rc::new(BigInt::from(u))),
                },
                crate::array::Elem::Float(f) => float_key(f),
                crate::array::Elem::Complex(c) => HashKey::Complex(c.re.to_bits(), c.im.to_bits()),
                crate::array::Elem::Str(s) => HashKey::Str(s.into()),
            },
            Value::DType(d) => HashKey::DType(d.name()),
            Value::Function(f) => HashKey::Identity(Rc::as_ptr(f) as *const u8 as usize),
            Value::Builtin(f) => HashKey::Identity(Rc::as_ptr(f) as *const u8 as usize),
            Value::Module(m) => HashKey::Identity(Rc::as_ptr(m) as *const u8 as usize),
            Value::Type(t) => HashKey::Identity(Rc::as_ptr(t) as *const u8 as usize),
            Value::Range(r) => HashKey::Tuple(vec![
                HashKey::Int(r.start),
                HashKey::Int(r.stop),
                HashKey::Int(r.step),
            ]),
            Value::Object(o) => HashKey::Identity(Rc::as_ptr(o) as *const u8 as usize),
            Value::Exception(e) => HashKey::Identity(Rc::as_ptr(e) as *const u8 as usize),
            Value::Array(_) => {
                return Err(Exception::new(
                    ExcType::TypeError,
                    "unhashable type: 'numpy.ndarray'",
                ));
            }
            other => {
                return Err(Exception::new(
                    ExcType::TypeError,
                    format!("unhashable type: '{}'", other.type_name()),
                ))
            }
        })
    }
}

/// Integral floats hash as ints (`d[1.0]` finds `d[1]`).
fn float_key(f: f64) -> HashKey {
    if f.fract() == 0.0 && f.abs() < 9.0e18 {
        HashKey::Int(f as i64)
    } else {
        HashKey::Float(f.to_bits())
    }
}

impl Dict {
    /// `d[k]` lookup.
    pub fn get(&self, k: &Value) -> PyResult<Option<Value>> {
        Ok(self
            .map
            .get(&HashKey::from_value(k)?)
            .map(|(_, v)| v.clone()))
    }

    /// `d[k] = v` (keeps the first key object, as Python does).
    pub fn insert(&mut self, k: Value, v: Value) -> PyResult<()> {
        let key = HashKey::from_value(&k)?;
        match self.map.get_mut(&key) {
            Some(slot) => slot.1 = v,
            None => {
                self.map.insert(key, (k, v));
            }
        }
        Ok(())
    }
}

impl Set {
    /// Add an element.
    pub fn insert(&mut self, v: Value) -> PyResult<()> {
        let key = HashKey::from_value(&v)?;
        self.map.entry(key).or_insert(v);
        Ok(())
    }

    /// Membership.
    pub fn contains(&self, v: &Value) -> PyResult<bool> {
        Ok(self.map.contains_key(&HashKey::from_value(v)?))
    }

    /// Elements in CPython's iteration order where it is deterministic (ints: hash-table slot
    /// order of a table of CPython's size), else insertion order.
    pub fn ordered(&self) -> Vec<Value> {
        crate::interp::setorder::cpython_order(self)
    }
}

impl Value {
    /// A str value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// A list value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// A tuple value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    /// An int from a BigInt, normalized to `Int` when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    /// An array value.
    pub fn array(a: NdArray) -> Value {
        Value::Array(Rc::new(a))
    }

    /// A NumPy scalar value from a 0-d array (or any size-1 array, reshaped).
    pub fn scalar(a: NdArray) -> Value {
        Value::Scalar(Rc::new(a))
    }

    /// Python's type name (`int`, `list`, `numpy.ndarray`, `numpy.float64`).
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) | Value::BigInt(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Complex(_) => "complex".into(),
            Value::Str(_) => "str".into(),
            Value::Bytes(_) => "bytes".into(),
            Value::List(_) => "list".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Dict(_) => "dict".into(),
            Value::Set(_) => "set".into(),
            Value::FrozenSet(_) => "frozenset".into(),
            Value::Range(_) => "range".into(),
            Value::Slice(_) => "slice".into(),
            Value::Ellipsis => "ellipsis".into(),
            Value::NotImplemented => "NotImplementedType".into(),
            Value::Function(_) => "function".into(),
            Value::Builtin(_) => "builtin_function_or_method".into(),
            Value::Module(_) => "module".into(),
            Value::Type(_) => "type".into(),
            Value::Array(_) => "numpy.ndarray".into(),
            Value::Scalar(a) => format!("numpy.{}", a.dtype.scalar_type_name()),
            Value::DType(d) => format!("numpy.dtypes.{}DType", dtype_class(*d)),
            Value::Exception(e) => e.ty.name().into(),
            Value::Iterator(_) => "iterator".into(),
            Value::Object(o) => o.type_name(),
        }
    }

    /// The short type name Python uses in many messages (`ndarray` is `numpy.ndarray` there too).
    pub fn short_type_name(&self) -> String {
        self.type_name()
    }

    /// Whether this is `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The array inside an Array or Scalar value.
    pub fn as_ndarray(&self) -> Option<&Rc<NdArray>> {
        match self {
            Value::Array(a) | Value::Scalar(a) => Some(a),
            _ => None,
        }
    }

    /// Python identity (`is`).
    pub fn is_same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::NotImplemented, Value::NotImplemented) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Tuple(a), Value::Tuple(b)) => {
                Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
            }
            (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
            (Value::Set(a), Value::Set(b)) => Rc::ptr_eq(a, b),
            (Value::Function(a), Value::Function(b)) => Rc::ptr_eq(a, b),
            (Value::Builtin(a), Value::Builtin(b)) => Rc::ptr_eq(a, b),
            (Value::Module(a), Value::Module(b)) => Rc::ptr_eq(a, b),
            (Value::Type(a), Value::Type(b)) => Rc::ptr_eq(a, b) || a.name == b.name,
            (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
            (Value::Scalar(a), Value::Scalar(b)) => {
                // np.True_ / np.False_ are singletons.
                Rc::ptr_eq(a, b)
                    || (a.dtype == DType::Bool
                        && b.dtype == DType::Bool
                        && a.item().ok() == b.item().ok())
            }
            (Value::DType(a), Value::DType(b)) => a == b,
            (Value::Exception(a), Value::Exception(b)) => Rc::ptr_eq(a, b),
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
            (Value::Iterator(a), Value::Iterator(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Int value as i64 when it is a Python int or bool.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }
}

/// NumPy's DType class name fragment (`Float64` in `numpy.dtypes.Float64DType`).
pub fn dtype_class(d: DType) -> String {
    match d {
        DType::Str(_) => "Str".into(),
        DType::Bool => "Bool".into(),
        other => {
            let n = other.static_name();
            let mut c = n.chars();
            match c.next() {
                Some('u') => format!("UInt{}", &n[4..]),
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.type_name())
    }
}
