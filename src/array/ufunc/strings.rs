//! Ufuncs on unicode (`<U`) arrays: elementwise comparisons and `add` (concatenation) between
//! strings, truthiness for the logical functions, and NumPy's exact errors for everything else.

use super::{resolve, BinaryOp, Operand, WeakScalar};
use crate::array::cast::strings_to_data;
use crate::array::dtype::DType;
use crate::array::layout::broadcast_shapes;
use crate::array::{Elem, NdArray};
use crate::errors::{type_error, ufunc_type_error, Exception, PyResult};

fn is_str(o: &Operand) -> bool {
    matches!(o, Operand::Array(a) if matches!(a.dtype, DType::Str(_)))
}

/// NumPy's DType class name of an operand for comparison errors (`StrDType`, `_PyLongDType`).
fn class_name(o: &Operand) -> String {
    let n = match o {
        Operand::Array(a) => match a.dtype {
            DType::Str(_) => "StrDType".to_string(),
            d => {
                let s = d.static_name();
                // int64 → Int64DType, uint8 → UInt8DType, float32 → Float32DType, bool → BoolDType.
                let mut name = String::new();
                if let Some(rest) = s.strip_prefix("uint") {
                    name.push_str("UInt");
                    name.push_str(rest);
                } else {
                    let mut cs = s.chars();
                    if let Some(c) = cs.next() {
                        name.push(c.to_ascii_uppercase());
                        name.push_str(cs.as_str());
                    }
                }
                format!("{name}DType")
            }
        },
        Operand::Weak(WeakScalar::Bool(_)) => "BoolDType".to_string(),
        Operand::Weak(WeakScalar::Int(_)) => "_PyLongDType".to_string(),
        Operand::Weak(WeakScalar::Float(_)) => "_PyFloatDType".to_string(),
        Operand::Weak(WeakScalar::Complex(_)) => "_PyComplexDType".to_string(),
    };
    format!("<class 'numpy.dtypes.{n}'>")
}

/// The dtype NumPy names for an operand in `dtype(...)`-style errors.
fn plain_dtype(o: &Operand) -> DType {
    match o {
        Operand::Array(a) => a.dtype,
        Operand::Weak(w) => resolve::weak_dtype(resolve::weak_kind(w), None),
    }
}

fn no_loop(op: BinaryOp, a: &Operand, b: &Operand) -> Exception {
    if op.is_comparison() {
        return ufunc_type_error(format!(
            "ufunc '{}' did not contain a loop with signature matching types ({}, {}) -> None",
            op.ufunc_name(),
            class_name(a),
            class_name(b)
        ));
    }
    resolve::string_error(op, plain_dtype(a), plain_dtype(b))
}

fn is_logical(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::LogicalXor
    )
}

/// Check a string-involving call; `Ok(None)` when no string operand is involved.
fn check(op: BinaryOp, a: &Operand, b: &Operand) -> PyResult<Option<DType>> {
    let (sa, sb) = (is_str(a), is_str(b));
    if !sa && !sb {
        return Ok(None);
    }
    if is_logical(op) {
        return Ok(Some(DType::Bool));
    }
    if sa && sb {
        if op.is_comparison() {
            return Ok(Some(DType::Bool));
        }
        if op == BinaryOp::Add {
            let w = |o: &Operand| match o {
                Operand::Array(x) => x.dtype_width(),
                _ => 0,
            };
            return Ok(Some(DType::Str(w(a) + w(b))));
        }
    }
    if op == BinaryOp::Multiply {
        let int_other = |o: &Operand| match o {
            Operand::Array(x) => x.dtype.is_integer(),
            Operand::Weak(WeakScalar::Int(_)) => true,
            _ => false,
        };
        if (sa && int_other(b)) || (sb && int_other(a)) {
            return Err(type_error("The 'out' kwarg is necessary when using the string multiply ufunc directly. Use numpy.strings.multiply to multiply strings without specifying 'out'."));
        }
    }
    Err(no_loop(op, a, b))
}

/// The result dtype of a string-involving call (`None`: no strings involved).
pub fn result_dtype(op: BinaryOp, a: &Operand, b: &Operand) -> PyResult<Option<DType>> {
    check(op, a, b)
}

fn shape_of(o: &Operand) -> Vec<usize> {
    match o {
        Operand::Array(a) => a.shape.clone(),
        Operand::Weak(_) => Vec::new(),
    }
}

/// The strings of an operand broadcast to `shape`, in C order.
fn strings(o: &Operand, shape: &[usize]) -> PyResult<Vec<String>> {
    match o {
        Operand::Array(a) => Ok(a.broadcast_to(shape)?.to_strings()),
        Operand::Weak(_) => Ok(Vec::new()),
    }
}

/// Python truthiness of every element of an operand broadcast to `shape`, in C order.
fn truth(o: &Operand, shape: &[usize]) -> PyResult<Vec<bool>> {
    let n: usize = shape.iter().product();
    match o {
        Operand::Weak(w) => {
            let t = match w {
                WeakScalar::Bool(b) => *b,
                WeakScalar::Int(i) => *i != 0,
                WeakScalar::Float(f) => *f != 0.0,
                WeakScalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
            };
            Ok(vec![t; n])
        }
        Operand::Array(a) => {
            let v = a.broadcast_to(shape)?;
            if let DType::Str(_) = v.dtype {
                return Ok(v.to_strings().iter().map(|s| !s.is_empty()).collect());
            }
            Ok(v.elems()
                .iter()
                .map(|e| match e {
                    Elem::Bool(b) => *b,
                    Elem::Int(i) => *i != 0,
                    Elem::UInt(u) => *u != 0,
                    Elem::Float(f) => *f != 0.0,
                    Elem::Complex(c) => c.re != 0.0 || c.im != 0.0,
                    Elem::Str(s) => !s.is_empty(),
                })
                .collect())
        }
    }
}

/// Compute a string-involving binary ufunc; `Ok(None)` when no string operand is involved.
pub fn binary(op: BinaryOp, a: &Operand, b: &Operand) -> PyResult<Option<NdArray>> {
    let Some(dt) = check(op, a, b)? else {
        return Ok(None);
    };
    let shape = broadcast_shapes(&[&shape_of(a), &shape_of(b)])?;
    if is_logical(op) {
        let (x, y) = (truth(a, &shape)?, truth(b, &shape)?);
        let r: Vec<bool> = x
            .iter()
            .zip(&y)
            .map(|(&p, &q)| match op {
                BinaryOp::LogicalAnd => p && q,
                BinaryOp::LogicalOr => p || q,
                _ => p != q,
            })
            .collect();
        return Ok(Some(NdArray::from_vec(r, shape)));
    }
    let (x, y) = (strings(a, &shape)?, strings(b, &shape)?);
    if let DType::Str(w) = dt {
        let cat: Vec<String> = x.iter().zip(&y).map(|(p, q)| format!("{p}{q}")).collect();
        return Ok(Some(NdArray::from_data(
            strings_to_data(&cat, w.max(1)),
            shape,
        )));
    }
    use BinaryOp::*;
    let r: Vec<bool> = x
        .iter()
        .zip(&y)
        .map(|(p, q)| match op {
            Equal => p == q,
            NotEqual => p != q,
            Less => p < q,
            LessEqual => p <= q,
            Greater => p > q,
            _ => p >= q,
        })
        .collect();
    Ok(Some(NdArray::from_vec(r, shape)))
}
