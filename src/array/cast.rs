//! Dtype conversion (`astype`): one dispatch on the (from, to) pair, then a typed loop.

use super::buffer::Data;
use super::dtype::DType;
use super::element::{cast, Element, Scalar};
use super::{Elem, NdArray};
use crate::errors::{value_error, PyResult};

/// Convert a typed vector to another element type with NumPy's cast semantics.
fn cast_vec<T: Scalar, U: Scalar>(v: &[T]) -> Vec<U> {
    v.iter().map(|&x| cast::<T, U>(x)).collect()
}

/// Python's `str()` of one element, as `astype(str)` writes it.
pub fn elem_to_string(e: &Elem) -> String {
    match e {
        Elem::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
        Elem::Int(i) => i.to_string(),
        Elem::UInt(u) => u.to_string(),
        Elem::Float(f) => crate::pyfmt::float_repr(*f),
        Elem::Complex(c) => crate::pyfmt::complex_repr(c.re, c.im),
        Elem::Str(s) => s.clone(),
    }
}

impl NdArray {
    /// `astype(to)`: always a fresh C-contiguous array.
    pub fn astype(&self, to: DType) -> PyResult<NdArray> {
        if to == self.dtype {
            return self.copy();
        }
        let shape = self.shape.clone();
        let data = match (self.dtype, to) {
            (DType::Str(_), DType::Str(w)) => {
                let strings = self.to_strings();
                let w = if w == 0 {
                    strings
                        .iter()
                        .map(|s| s.chars().count())
                        .max()
                        .unwrap_or(0)
                        .max(1)
                } else {
                    w
                };
                strings_to_data(&strings, w)
            }
            (from, DType::Str(w)) => {
                let strings: Vec<String> = if from == DType::Float16 {
                    // Shortest digits at half precision (`str(np.float16(0.1))` is '0.1').
                    self.to_vec::<::half::f16>()
                        .into_iter()
                        .map(crate::print::float_str)
                        .collect()
                } else {
                    self.elems().iter().map(elem_to_string).collect()
                };
                let w = if w == 0 { str_width_for(from) } else { w };
                strings_to_data(&strings, w)
            }
            (DType::Str(_), _) => {
                let strings = self.to_strings();
                return parse_strings(&strings, to, shape);
            }
            (from, to) => crate::with_numeric!(from, T => {
                let src = self.to_vec::<T>();
                crate::with_numeric!(to, U => U::wrap(cast_vec::<T, U>(&src)), str => Data::F64(Vec::new()))
            }, str => Data::F64(Vec::new())),
        };
        Ok(NdArray::from_data(data, shape))
    }
}

/// The width NumPy gives `astype(str)` of a numeric dtype: enough for any value of it.
fn str_width_for(d: DType) -> usize {
    match d {
        DType::Bool => 5,
        DType::Int8 => 4,
        DType::Int16 => 6,
        DType::Int32 => 11,
        DType::Int64 => 21,
        DType::UInt8 => 3,
        DType::UInt16 => 5,
        DType::UInt32 => 10,
        DType::UInt64 => 20,
        DType::Float16 | DType::Float32 | DType::Float64 => 32,
        DType::Complex64 | DType::Complex128 => 64,
        DType::Str(n) => n.max(1),
    }
}

/// Pack strings into a `<U{width}` buffer (truncating longer ones, as NumPy does).
pub fn strings_to_data(strings: &[String], width: usize) -> Data {
    let mut chars = Vec::with_capacity(strings.len() * width);
    for s in strings {
        let mut n = 0;
        for c in s.chars().take(width) {
            chars.push(c);
            n += 1;
        }
        chars.extend(std::iter::repeat_n('\0', width - n));
    }
    Data::Str { chars, width }
}

/// Parse strings into a numeric dtype (`np.array(['1', '2']).astype(int)`); errors show the
/// element as NumPy does, as an `np.str_` repr.
fn parse_strings(strings: &[String], to: DType, shape: Vec<usize>) -> PyResult<NdArray> {
    let mut out = Vec::with_capacity(strings.len());
    for s in strings {
        let t = s.trim();
        let v: f64 = if to.is_integer() {
            t.parse::<i64>().map(|i| i as f64).map_err(|_| {
                value_error(format!(
                    "invalid literal for int() with base 10: np.str_({})",
                    crate::print::py_str_repr(s)
                ))
            })?
        } else {
            crate::interp::pynum::parse_float(t).ok_or_else(|| {
                value_error(format!(
                    "could not convert string to float: np.str_({})",
                    crate::print::py_str_repr(s)
                ))
            })?
        };
        out.push(v);
    }
    if to.is_integer() {
        let ints: Vec<i64> = strings
            .iter()
            .map(|s| s.trim().parse::<i64>().unwrap_or(0))
            .collect();
        return NdArray::from_vec(ints, shape).astype(to);
    }
    NdArray::from_vec(out, shape).astype(to)
}

/// Keep the generic helpers referenced for typed callers elsewhere.
pub fn cast_slice<T: Scalar, U: Scalar + Element>(v: &[T]) -> Vec<U> {
    cast_vec::<T, U>(v)
}
