//! Bounded random integers for `Generator.integers` (Lemire) and `RandomState.randint`
//! (masked rejection), after `_bounded_integers.pyx.in`: scalar bounds checked as Python ints,
//! array bounds checked element-wise and broadcast, every dtype NumPy supports, and
//! `bytes(length)` on top.

use std::rc::Rc;

use num_traits::ToPrimitive;

use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::layout::broadcast_shapes;
use crate::array::NdArray;
use crate::errors::{overflow_error, type_error, value_error, PyResult};
use crate::interp::Interp;
use crate::random::bounded_int::{self, check_bounds, IntBuffer, RandomInt};
use crate::value::{TypeKind, Value};

use super::bitgen::{with_bitgen, BitGenObj};
use super::sampling::{array_value, collect_vec, multi_iter_shape, rerr, SizeArg};

/// What a `size=None` draw becomes: a NumPy scalar, or a Python int/bool when `dtype` was
/// the builtin `int`/`bool` type (NumPy's `dtype is int` special case).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PyKind {
    NumpyScalar,
    Int,
    Bool,
}

/// The parsed `dtype=` of integers/randint.
#[derive(Clone, Copy)]
pub struct DTypeSpec {
    pub dtype: DType,
    pub py: PyKind,
}

impl DTypeSpec {
    /// Parses `dtype=`; `default_py` is what an absent argument means (`int` for randint).
    pub fn parse(v: &Option<Value>, default: DType, fname: &str) -> PyResult<DTypeSpec> {
        Self::parse_with(
            v,
            DTypeSpec {
                dtype: default,
                py: PyKind::NumpyScalar,
            },
            fname,
        )
    }

    /// As [`DTypeSpec::parse`] with an explicit default spec.
    pub fn parse_with(v: &Option<Value>, default: DTypeSpec, fname: &str) -> PyResult<DTypeSpec> {
        let Some(v) = v else { return Ok(default) };
        let py = match v {
            Value::Type(t) if t.kind == TypeKind::Builtin && &*t.name == "int" => PyKind::Int,
            Value::Type(t) if t.kind == TypeKind::Builtin && &*t.name == "bool" => PyKind::Bool,
            _ => PyKind::NumpyScalar,
        };
        let dtype = crate::numpy::dtype_arg::parse_dtype(v)?.unwrap_or(DType::Float64);
        match dtype {
            DType::Bool
            | DType::Int8
            | DType::Int16
            | DType::Int32
            | DType::Int64
            | DType::UInt8
            | DType::UInt16
            | DType::UInt32
            | DType::UInt64 => Ok(DTypeSpec { dtype, py }),
            other => Err(type_error(format!(
                "Unsupported dtype dtype('{}') for {fname}",
                other.name()
            ))),
        }
    }
}

/// Python's `int(x)` of a 0-d bound, saturated to i128 (out-of-range values fail the bound
/// checks with the same messages as NumPy's exact ints).
fn scalar_bound(interp: &mut Interp, v: &Value) -> PyResult<i128> {
    let sat = |b: &num_bigint::BigInt| {
        b.to_i128()
            .unwrap_or(if b.sign() == num_bigint::Sign::Minus {
                i128::MIN
            } else {
                i128::MAX
            })
    };
    match v {
        Value::Array(a) | Value::Scalar(a) if a.ndim() == 0 => {
            let iv = interp.to_int(&Value::Scalar(a.clone()))?;
            scalar_bound(interp, &iv)
        }
        Value::Int(i) => Ok(i128::from(*i)),
        Value::Bool(b) => Ok(i128::from(*b)),
        Value::BigInt(b) => Ok(sat(b)),
        Value::Float(f) => float_to_i128(*f),
        other => match interp.to_int(other)? {
            Value::Int(i) => Ok(i128::from(i)),
            Value::BigInt(b) => Ok(sat(&b)),
            _ => Err(type_error("an integer is required")),
        },
    }
}

/// `int(f)` for a float bound.
fn float_to_i128(f: f64) -> PyResult<i128> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer"));
    }
    Ok(f.trunc()
        .to_i128()
        .unwrap_or(if f < 0.0 { i128::MIN } else { i128::MAX }))
}

/// The elements of an array bound as exact integers (floats truncated as `int()` does).
fn array_bounds(a: &NdArray) -> PyResult<Vec<i128>> {
    Ok(match a.dtype {
        DType::UInt64 => a.to_vec::<u64>().into_iter().map(i128::from).collect(),
        DType::Float32 | DType::Float64 => a
            .to_vec_f64()?
            .into_iter()
            .map(float_to_i128)
            .collect::<PyResult<_>>()?,
        d if d.is_integer() || d == DType::Bool => {
            a.to_vec_i64()?.into_iter().map(i128::from).collect()
        }
        other => {
            return Err(type_error(format!(
                "unsupported bound dtype {}",
                other.name()
            )))
        }
    })
}

/// NumPy's `format_bounds_error`.
fn bounds_error(closed: bool, low_all_zero: bool) -> crate::errors::Exception {
    value_error(match (low_all_zero, closed) {
        (true, true) => "high < 0",
        (true, false) => "high <= 0",
        (false, true) => "low > high",
        (false, false) => "low >= high",
    })
}

/// `integers(low, high, size, dtype, endpoint)` / `randint` (`masked`).
#[allow(clippy::too_many_arguments)]
pub fn integers(
    interp: &mut Interp,
    bitgen: &BitGenObj,
    low: &Value,
    high: &Value,
    size: &SizeArg,
    spec: DTypeSpec,
    endpoint: bool,
    masked: bool,
) -> PyResult<Value> {
    macro_rules! go {
        ($t:ty) => {
            typed::<$t>(interp, bitgen, low, high, size, spec, endpoint, masked)
        };
    }
    match spec.dtype {
        DType::Int64 => go!(i64),
        DType::Int32 => go!(i32),
        DType::Int16 => go!(i16),
        DType::Int8 => go!(i8),
        DType::UInt64 => go!(u64),
        DType::UInt32 => go!(u32),
        DType::UInt16 => go!(u16),
        DType::UInt8 => go!(u8),
        _ => go!(bool),
    }
}

/// The value of one `size=None` draw.
fn single_value<T: RandomInt + Element>(x: T, py: PyKind) -> Value {
    match py {
        PyKind::Int => Value::from_bigint(num_bigint::BigInt::from(x.to_i128())),
        PyKind::Bool => Value::Bool(x.to_i128() != 0),
        PyKind::NumpyScalar => Value::Scalar(Rc::new(NdArray::scalar(x))),
    }
}

#[allow(clippy::too_many_arguments)]
fn typed<T: RandomInt + Element>(
    interp: &mut Interp,
    bitgen: &BitGenObj,
    low: &Value,
    high: &Value,
    size: &SizeArg,
    spec: DTypeSpec,
    endpoint: bool,
    masked: bool,
) -> PyResult<Value> {
    if let Ok(shape) = size.shape() {
        if !size.is_none() && shape.iter().product::<usize>() == 0 {
            return Ok(array_value(Vec::<T>::new(), shape));
        }
    }
    let is_py_scalar = |v: &Value| {
        matches!(
            v,
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_)
        )
    };
    let zero_d = |v: &Value| match v {
        Value::Array(a) | Value::Scalar(a) => a.ndim() == 0,
        other => is_py_scalar(other),
    };
    if zero_d(low) && zero_d(high) {
        let lo = scalar_bound(interp, low)?;
        let hi = scalar_bound(interp, high)?;
        let (off, rng) = check_bounds::<T>(lo, hi, endpoint).map_err(rerr)?;
        if size.is_none() {
            let x =
                with_bitgen!(bitgen, bg => T::draw(bg, off, rng, masked, &mut IntBuffer::new()));
            return Ok(single_value(x, spec.py));
        }
        let shape = size.shape()?;
        let v = with_bitgen!(bitgen, bg => {
            let mut buf = IntBuffer::new();
            collect_vec(&shape, || T::draw(bg, off, rng, masked, &mut buf))
        })?;
        return Ok(array_value(v, shape));
    }
    // The broadcast path (`_rand_<type>_broadcast`).
    let low_arr = interp.to_array(low)?;
    let high_arr = interp.to_array(high)?;
    let lows = array_bounds(&low_arr)?;
    let highs = array_bounds(&high_arr)?;
    let wide = std::mem::size_of::<T>() == 8;
    if lows.iter().any(|&l| l < T::MIN || (wide && l > T::MAX)) {
        return Err(value_error(format!("low is out of bounds for {}", T::NAME)));
    }
    let closed_high = |h: i128| if endpoint { h } else { h.saturating_sub(1) };
    if highs.iter().any(|&h| closed_high(h) > T::MAX) {
        return Err(value_error(format!(
            "high is out of bounds for {}",
            T::NAME
        )));
    }
    let low_all_zero = lows.iter().all(|&l| l == 0);
    let pair_shape = broadcast_shapes(&[&low_arr.shape, &high_arr.shape])?;
    let lb = broadcast_vals(&lows, &low_arr.shape, &pair_shape)?;
    let hb = broadcast_vals(&highs, &high_arr.shape, &pair_shape)?;
    if lb.iter().zip(&hb).any(|(&l, &h)| l > closed_high(h)) {
        return Err(bounds_error(endpoint, low_all_zero));
    }
    let out_shape = if size.is_none() {
        pair_shape.clone()
    } else {
        size.shape()?
    };
    let it_shape = multi_iter_shape(&[&low_arr.shape, &high_arr.shape, &out_shape])?;
    let n: usize = out_shape.iter().product();
    let mut lows_it = broadcast_vals(&lows, &low_arr.shape, &it_shape)?;
    let mut highs_it = broadcast_vals(&highs, &high_arr.shape, &it_shape)?;
    lows_it.truncate(n);
    highs_it.truncate(n);
    let mut out = collect_vec(&out_shape, T::default)?;
    with_bitgen!(bitgen, bg => bounded_int::integers_broadcast(bg, &lows_it, &highs_it, endpoint, masked, &mut out))
        .map_err(rerr)?;
    Ok(array_value(out, out_shape))
}

/// Values of an array of `shape` broadcast to `target`, in C order.
fn broadcast_vals(vals: &[i128], shape: &[usize], target: &[usize]) -> PyResult<Vec<i128>> {
    let idx = NdArray::from_vec((0..vals.len() as i64).collect::<Vec<i64>>(), shape.to_vec());
    let b = idx.broadcast_to(target)?;
    Ok(b.to_vec::<i64>()
        .into_iter()
        .map(|i| vals.get(i as usize).copied().unwrap_or(0))
        .collect())
}

/// `bytes(length)`: `integers(0, 2**32, size=(length - 1) // 4 + 1, dtype=uint32)` as
/// little-endian bytes, cut to `length` (C division, so `bytes(0)` still draws one word).
pub fn bytes(bitgen: &BitGenObj, length: i64, masked: bool) -> PyResult<Value> {
    let n_words = (length - 1) / 4 + 1;
    if n_words < 0 {
        return Err(value_error("negative dimensions are not allowed"));
    }
    let words: Vec<u32> = with_bitgen!(bitgen, bg => {
        (0..n_words).map(|_| bounded_int::bounded_u32(bg, 0, u32::MAX, masked)).collect()
    });
    let all: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    let len = all.len() as i64;
    let end = if length < 0 {
        (len + length).max(0)
    } else {
        length.min(len)
    } as usize;
    Ok(Value::Bytes(Rc::from(&all[..end])))
}
