//! Argument handling shared by every `np.random` sampler, after NumPy's `_common.pyx`:
//! `size=` (`np.empty(size)` rules), array-like distribution parameters (scalar path with
//! scalar constraint messages, or the broadcast path with array messages and NumPy's
//! `MultiIter` shape errors), `out=` checks, and filling fresh typed buffers.
//!
//! A distribution is a zero-sized type implementing [`Dist`]; [`sample_dist`] dispatches on the
//! bit generator once and then runs a monomorphized loop writing straight into the output
//! vector (no per-element boxing or dynamic dispatch).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_traits::ToPrimitive;

use crate::array::buffer::{advise_huge, alloc_failure};
use crate::array::dtype::{DType, Kind};
use crate::array::element::Element;
use crate::array::{checked_size, shape_repr, NdArray};
use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::random::distributions::BinomialCache;
use crate::random::legacy::GaussCache;
use crate::random::{BitGen, Constraint, ErrorKind, RandomError};
use crate::value::Value;

use super::bitgen::{with_bitgen, BitGenObj};

/// A `RandomError` from `crate::random` as the Python exception NumPy raises.
pub fn rerr(e: RandomError) -> Exception {
    let ty = match e.kind {
        ErrorKind::ValueError => ExcType::ValueError,
        ErrorKind::TypeError => ExcType::TypeError,
        ErrorKind::OverflowError => ExcType::OverflowError,
        ErrorKind::IndexError => ExcType::IndexError,
        ErrorKind::MemoryError => ExcType::MemoryError,
    };
    Exception::new(ty, e.message)
}

/// The `size=` argument, parsed only when NumPy would parse it (`np.empty(size)`), so errors
/// come in NumPy's order.
#[derive(Clone)]
pub struct SizeArg(pub Option<Value>);

impl SizeArg {
    /// From a bound optional argument.
    pub fn new(v: &Option<Value>) -> SizeArg {
        match v {
            None | Some(Value::None) => SizeArg(None),
            Some(x) => SizeArg(Some(x.clone())),
        }
    }

    /// `size is None`.
    pub fn is_none(&self) -> bool {
        self.0.is_none()
    }

    /// The shape `np.empty(size)` would make.
    pub fn shape(&self) -> PyResult<Vec<usize>> {
        match &self.0 {
            None => Ok(Vec::new()),
            Some(v) => shape_arg(v),
        }
    }

    /// `np.prod(size)` (None counts as 1 sample).
    pub fn count(&self) -> PyResult<usize> {
        Ok(self.shape()?.iter().product())
    }
}

/// One dimension of `np.empty(shape)`.
fn dim_of(v: &Value) -> PyResult<i64> {
    match v {
        Value::Float(_) => Err(type_error(
            "'float' object cannot be interpreted as an integer",
        )),
        other => crate::interp::subscript::index_int(other).ok_or_else(|| {
            type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))
        }),
    }
}

/// `np.empty(size)`'s reading of a shape: an int or a sequence of ints.
pub fn shape_arg(v: &Value) -> PyResult<Vec<usize>> {
    let dims: Vec<i64> = match v {
        Value::Tuple(t) => t.iter().map(dim_of).collect::<PyResult<_>>()?,
        Value::List(l) => l.borrow().iter().map(dim_of).collect::<PyResult<_>>()?,
        Value::Array(a) if a.ndim() == 1 => a.to_vec_i64()?,
        Value::Float(f) => {
            return Err(type_error(format!(
                "expected a sequence of integers or a single integer, got '{}'",
                crate::pyfmt::float_repr(*f)
            )))
        }
        other => vec![dim_of(other)?],
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(value_error("negative dimensions are not allowed"));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// A fresh vector of `prod(shape)` elements produced by `f`, or NumPy's MemoryError.
/// Large buffers are advised for huge pages, as NumPy's allocator does.
pub fn collect_vec<T: Element>(shape: &[usize], mut f: impl FnMut() -> T) -> PyResult<Vec<T>> {
    let n = checked_size(shape).ok_or_else(|| alloc_failure(T::DTYPE, shape))?;
    let mut v: Vec<T> = Vec::new();
    if n.checked_mul(std::mem::size_of::<T>())
        .is_none_or(|b| b > isize::MAX as usize)
        || v.try_reserve_exact(n).is_err()
    {
        return Err(alloc_failure(T::DTYPE, shape));
    }
    advise_huge(&v);
    // In blocks, so Ctrl-C stops a huge draw within milliseconds.
    const BLOCK: usize = 1 << 20;
    while v.len() < n {
        if crate::interrupt_pending() {
            return Err(crate::errors::keyboard_interrupt());
        }
        let m = BLOCK.min(n - v.len());
        v.extend((0..m).map(|_| f()));
    }
    Ok(v)
}

/// An array value of a fresh vector (0-d stays an array: NumPy returns `array(x)` for `size=()`).
pub fn array_value<T: Element>(v: Vec<T>, shape: Vec<usize>) -> Value {
    Value::Array(Rc::new(NdArray::from_vec(v, shape)))
}

/// NumPy's `PyArray_Broadcast` over several operands (outermost dimension first), with its
/// "shape mismatch" message naming the first conflicting pair.
pub fn multi_iter_shape(shapes: &[&[usize]]) -> PyResult<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for (i, o) in out.iter_mut().enumerate() {
        let mut src = 0usize;
        for (j, s) in shapes.iter().enumerate() {
            let Some(k) = (i + s.len()).checked_sub(nd) else {
                continue;
            };
            let d = s[k];
            if d == 1 {
                continue;
            }
            if *o == 1 {
                *o = d;
                src = j;
            } else if *o != d {
                return Err(value_error(format!(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {src} with shape {} and arg {j} with shape {}.",
                    shape_repr(shapes[src]),
                    shape_repr(s)
                )));
            }
        }
    }
    Ok(out)
}

/// `np.PyArray_FROM_OTF(v, NPY_DOUBLE)`: a parameter as a float64 array.
pub fn float_array(interp: &mut Interp, v: &Value) -> PyResult<NdArray> {
    match v {
        Value::Array(a) | Value::Scalar(a) => {
            if matches!(a.dtype.kind(), Kind::Complex) {
                return Err(type_error(format!(
                    "Cannot cast array data from dtype('{}') to dtype('float64') according to the rule 'safe'",
                    a.dtype.name()
                )));
            }
            if a.dtype == DType::Float64 {
                Ok((**a).clone())
            } else {
                a.astype(DType::Float64)
            }
        }
        Value::List(_) | Value::Tuple(_) => {
            let a = crate::interp::convert::array_from_value(v, None)?;
            float_array(interp, &Value::Array(Rc::new(a)))
        }
        Value::Complex(_) => Err(type_error(
            "float() argument must be a string or a real number, not 'complex'",
        )),
        Value::None => Err(type_error(
            "float() argument must be a string or a real number, not 'NoneType'",
        )),
        other => Ok(NdArray::scalar(interp.to_float(other)?)),
    }
}

/// The value of a 0-d float64 array.
fn scalar_f64(a: &NdArray) -> f64 {
    a.to_vec::<f64>().first().copied().unwrap_or(f64::NAN)
}

/// One distribution parameter: its value, NumPy's name for messages and its constraint.
pub struct Param<'a> {
    pub value: &'a Value,
    pub name: &'static str,
    pub cons: Constraint,
}

impl<'a> Param<'a> {
    /// A parameter with a constraint.
    pub fn new(value: &'a Value, name: &'static str, cons: Constraint) -> Param<'a> {
        Param { value, name, cons }
    }
}

/// Parameters after NumPy's `cont()` preamble: all scalars, or arrays broadcast to the output.
pub enum Prepared {
    /// Every parameter was 0-d (values padded to three).
    Scalar([f64; 3]),
    /// The output shape and each parameter broadcast to it, in C order.
    Broadcast {
        shape: Vec<usize>,
        cols: Vec<Vec<f64>>,
    },
}

/// Validates float parameters as `cont()` does and broadcasts them against `size`.
pub fn prepare(interp: &mut Interp, params: &[Param], size: &SizeArg) -> PyResult<Prepared> {
    let arrs: Vec<NdArray> = params
        .iter()
        .map(|p| float_array(interp, p.value))
        .collect::<PyResult<_>>()?;
    if arrs.iter().all(|a| a.ndim() == 0) {
        let mut vals = [0.0; 3];
        for ((p, a), slot) in params.iter().zip(&arrs).zip(vals.iter_mut()) {
            *slot = scalar_f64(a);
            crate::random::constraints::check_scalar(*slot, p.name, p.cons).map_err(rerr)?;
        }
        return Ok(Prepared::Scalar(vals));
    }
    for (p, a) in params.iter().zip(&arrs) {
        if p.cons != Constraint::None {
            crate::random::constraints::check_array(&a.to_vec::<f64>(), p.name, p.cons)
                .map_err(rerr)?;
        }
    }
    broadcast_params(&arrs, size)
}

/// The broadcast half of [`prepare`] (also used by samplers with their own checks).
pub fn broadcast_params(arrs: &[NdArray], size: &SizeArg) -> PyResult<Prepared> {
    let shape = if size.is_none() {
        let shapes: Vec<&[usize]> = arrs.iter().map(|a| a.shape.as_slice()).collect();
        multi_iter_shape(&shapes)?
    } else {
        size.shape()?
    };
    let mut shapes: Vec<&[usize]> = vec![&shape];
    shapes.extend(arrs.iter().map(|a| a.shape.as_slice()));
    let it = multi_iter_shape(&shapes)?;
    if it != shape {
        return Err(value_error(format!(
            "Output size {} is not compatible with broadcast dimensions of inputs {}.",
            shape_repr(&shape),
            shape_repr(&it)
        )));
    }
    let cols = arrs
        .iter()
        .map(|a| Ok(a.broadcast_to(&shape)?.to_vec::<f64>()))
        .collect::<PyResult<_>>()?;
    Ok(Prepared::Broadcast { shape, cols })
}

/// An output element type of a sampler and the Python value a single draw becomes.
pub trait OutElem: Element {
    /// `size=None`: NumPy returns a Python float / int.
    fn to_py(self) -> Value;
}

impl OutElem for f64 {
    fn to_py(self) -> Value {
        Value::Float(self)
    }
}

impl OutElem for f32 {
    fn to_py(self) -> Value {
        Value::Float(f64::from(self))
    }
}

impl OutElem for i64 {
    fn to_py(self) -> Value {
        Value::Int(self)
    }
}

/// The sampler state a distribution draws from: the bit generator plus the caches NumPy keeps
/// beside it (the legacy Box–Muller value, the binomial setup).
pub struct Aug<'a, B: BitGen> {
    pub bg: &'a mut B,
    pub gauss: &'a mut GaussCache,
    pub binomial: &'a mut BinomialCache,
}

/// A distribution with up to three float parameters.
pub trait Dist {
    type Out: OutElem;
    /// One draw for parameters `p` (unused ones are 0).
    fn sample<B: BitGen>(s: &mut Aug<'_, B>, p: &[f64; 3]) -> Self::Out;
}

/// Declares a zero-sized [`Dist`]: `dist!(Normal, f64, |s, p| d::normal(s.bg, p[0], p[1]));`
macro_rules! dist {
    ($ty:ident, $out:ty, |$s:ident, $p:ident| $body:expr) => {
        pub struct $ty;
        impl $crate::numpy::random::sampling::Dist for $ty {
            type Out = $out;
            #[inline]
            #[allow(unused_variables)]
            fn sample<B: $crate::random::BitGen>(
                $s: &mut $crate::numpy::random::sampling::Aug<'_, B>,
                $p: &[f64; 3],
            ) -> $out {
                $body
            }
        }
    };
}
pub(crate) use dist;

/// What a sampler object lends a draw: its bit generator and caches.
pub struct Sampler<'a> {
    pub bitgen: &'a BitGenObj,
    pub gauss: &'a Cell<GaussCache>,
    pub binomial: &'a RefCell<BinomialCache>,
}

impl Sampler<'_> {
    /// Runs `D` over prepared parameters: a Python scalar for `size=None` with scalar
    /// parameters, else a fresh array, or the filled `out` array when one is given.
    pub fn run<D: Dist>(
        &self,
        prepared: Prepared,
        size: &SizeArg,
        out: Option<&Rc<NdArray>>,
    ) -> PyResult<Value> {
        let shape = match &prepared {
            _ if out.is_some() => None,
            Prepared::Scalar(_) if size.is_none() => None,
            Prepared::Scalar(_) => Some(size.shape()?),
            Prepared::Broadcast { shape, .. } => Some(shape.clone()),
        };
        let mut gauss = self.gauss.get();
        let mut binomial = self.binomial.borrow_mut();
        let result = with_bitgen!(self.bitgen, bg => {
            let mut s = Aug { bg, gauss: &mut gauss, binomial: &mut binomial };
            match out {
                Some(o) => fill_out::<D, _>(&mut s, &prepared, o).map(|()| Value::Array(o.clone())),
                None => draw::<D, _>(&mut s, &prepared, shape),
            }
        });
        self.gauss.set(gauss);
        result
    }
}

/// Parameter `k` of element `i` of a prepared set.
#[inline]
fn param_at(prepared: &Prepared, i: usize) -> [f64; 3] {
    match prepared {
        Prepared::Scalar(p) => *p,
        Prepared::Broadcast { cols, .. } => {
            let col = |k: usize| cols.get(k).and_then(|c| c.get(i)).copied().unwrap_or(0.0);
            [col(0), col(1), col(2)]
        }
    }
}

fn fill_out<D: Dist, B: BitGen>(
    s: &mut Aug<'_, B>,
    prepared: &Prepared,
    out: &NdArray,
) -> PyResult<()> {
    let slice = memory_slice_mut::<D::Out>(out)?;
    for (i, x) in slice.iter_mut().enumerate() {
        let p = param_at(prepared, i);
        *x = D::sample(s, &p);
    }
    Ok(())
}

fn draw<D: Dist, B: BitGen>(
    s: &mut Aug<'_, B>,
    prepared: &Prepared,
    shape: Option<Vec<usize>>,
) -> PyResult<Value> {
    match (prepared, shape) {
        (Prepared::Scalar(p), None) => Ok(D::sample(s, p).to_py()),
        (Prepared::Scalar(p), Some(shape)) => {
            let v = collect_vec(&shape, || D::sample(s, p))?;
            Ok(array_value(v, shape))
        }
        (Prepared::Broadcast { .. }, Some(shape)) => {
            let mut i = 0usize;
            let v = collect_vec(&shape, || {
                let p = param_at(prepared, i);
                i += 1;
                D::sample(s, &p)
            })?;
            Ok(array_value(v, shape))
        }
        (Prepared::Broadcast { .. }, None) => {
            Err(value_error("internal: broadcast without a shape"))
        }
    }
}

/// `sample_dist`: bind-free core used by the method wrappers — validate, broadcast, draw.
pub fn sample_dist<D: Dist>(
    interp: &mut Interp,
    sampler: &Sampler,
    params: &[Param],
    size: &SizeArg,
) -> PyResult<Value> {
    let prepared = prepare(interp, params, size)?;
    sampler.run::<D>(prepared, size, None)
}

/// An integer parameter (`n` of binomial): `PyArray_FROM_OTF(v, NPY_INT64)` for arrays,
/// `<int64_t>v` for scalars.
pub fn int_param_array(interp: &mut Interp, v: &Value) -> PyResult<NdArray> {
    match v {
        Value::Array(a) | Value::Scalar(a) if a.dtype != DType::Int64 => {
            if matches!(a.dtype.kind(), Kind::Complex) || matches!(a.dtype, DType::Str(_)) {
                return Err(type_error(format!(
                    "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'same_kind'",
                    a.dtype.name()
                )));
            }
            a.astype(DType::Int64)
        }
        Value::Array(a) | Value::Scalar(a) => Ok((**a).clone()),
        Value::List(_) | Value::Tuple(_) => {
            let a = crate::interp::convert::array_from_value(v, None)?;
            int_param_array(interp, &Value::Array(Rc::new(a)))
        }
        Value::Float(f) => Ok(NdArray::scalar(f.trunc() as i64)),
        Value::BigInt(b) => b.to_i64().map(NdArray::scalar).ok_or_else(|| {
            crate::errors::overflow_error("Python int too large to convert to C long")
        }),
        other => match interp.to_int(other)? {
            Value::Int(i) => Ok(NdArray::scalar(i)),
            _ => Err(crate::errors::overflow_error(
                "Python int too large to convert to C long",
            )),
        },
    }
}

/// The dtype of `out=` as NumPy's `check_output` requires, and its fill order.
pub fn check_output(
    out: &Value,
    dtype: DType,
    size: &SizeArg,
    require_c: bool,
) -> PyResult<Rc<NdArray>> {
    let Value::Array(o) = out else {
        return Err(type_error(format!(
            "Argument 'out' has incorrect type (expected numpy.ndarray, got {})",
            out.type_name()
        )));
    };
    let ok = o.writeable.get() && (o.is_c_contiguous() || (!require_c && o.is_f_contiguous()));
    if !ok {
        let req = if require_c { "C-" } else { "" };
        return Err(value_error(format!(
            "Supplied output array must be {req}contiguous, writable, aligned, and in machine byte-order."
        )));
    }
    if o.dtype != dtype {
        return Err(type_error(format!(
            "Supplied output array has the wrong type. Expected {}, got {}",
            dtype.name(),
            o.dtype.name()
        )));
    }
    if !size.is_none() && size.shape()? != o.shape {
        return Err(value_error("size must match out.shape when used together"));
    }
    Ok(o.clone())
}

/// The elements of a C- or F-contiguous array in memory order, for filling `out=`.
#[allow(clippy::mut_from_ref)]
pub fn memory_slice_mut<T: Element>(a: &NdArray) -> PyResult<&mut [T]> {
    if a.is_c_contiguous() {
        return a
            .as_slice_mut::<T>()
            .ok_or_else(|| type_error("output buffer has the wrong type"));
    }
    // An F-contiguous array's reversed-axes view is C-contiguous over the same memory.
    let lo = a.offset;
    let n = a.size();
    let data = T::vec_mut(a.buf.data_mut())
        .ok_or_else(|| type_error("output buffer has the wrong type"))?;
    data.get_mut(lo..lo + n)
        .ok_or_else(|| value_error("output buffer out of range"))
}

/// Argument binding with Cython's messages (NumPy's random methods are Cython functions):
/// `normal() takes at most 3 positional arguments (4 given)`,
/// `gamma() takes at least 1 positional argument (0 given)`.
pub fn cy_bind(
    args: Args,
    fname: &str,
    params: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let max_pos = params
        .iter()
        .position(|p| *p == "*")
        .unwrap_or(params.len());
    let names: Vec<&str> = params.iter().filter(|p| **p != "*").copied().collect();
    let n = args.pos.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n > max_pos {
        let how = if required == max_pos {
            "exactly"
        } else {
            "at most"
        };
        return Err(type_error(format!(
            "{fname}() takes {how} {max_pos} positional argument{} ({n} given)",
            plural(max_pos)
        )));
    }
    for (k, _) in &args.kw {
        if names.iter().position(|p| *p == &**k).is_some_and(|i| i < n) {
            return Err(type_error(format!(
                "{fname}() got multiple values for keyword argument '{k}'"
            )));
        }
    }
    let missing = names
        .iter()
        .take(required)
        .skip(n)
        .any(|name| !args.kw.iter().any(|(k, _)| &**k == *name));
    if missing {
        let how = if required == max_pos {
            "exactly"
        } else {
            "at least"
        };
        return Err(type_error(format!(
            "{fname}() takes {how} {required} positional argument{} ({n} given)",
            plural(required)
        )));
    }
    args.bind(fname, params, required)
}
