//! Vector products built on matmul and the multiply ufunc: outer, inner, vdot, cross, kron.

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::layout::{normalize_axis, BasicIndex};
use crate::array::ufunc::{self, BinaryOp, Operand, UnaryOp};
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The products family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("outer", outer, "outer(a, b, out=None): the outer product of two vectors"),
    ("inner", inner, "inner(a, b): inner product over the last axes"),
    ("vdot", vdot, "vdot(a, b): dot product of flattened arrays, conjugating the first"),
    ("cross", cross, "cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None): cross product of 2- or 3-vectors"),
    ("kron", kron, "kron(a, b): Kronecker product"),
];

fn mul(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    ufunc::binary(BinaryOp::Multiply, Operand::Array(a), Operand::Array(b), None, None)
}

fn sub(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    ufunc::binary(BinaryOp::Subtract, Operand::Array(a), Operand::Array(b), None, None)
}

/// `np.outer(a, b, out=None)`.
pub fn outer(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("outer", &["a", "b", "out"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?.reshape(&[-1, 1])?;
    let y = argparse::array(interp, &req(&b[1]))?.reshape(&[1, -1])?;
    let out = match &b[2] {
        Some(Value::Array(o)) => Some(o.clone()),
        _ => None,
    };
    let r = ufunc::binary(BinaryOp::Multiply, Operand::Array(&x), Operand::Array(&y), out.as_deref(), None)?;
    interp.flush_warnings();
    Ok(match out {
        Some(o) => Value::Array(o),
        None => Value::Array(Rc::new(r)),
    })
}

fn shape_str(s: &[usize]) -> String {
    crate::array::shape_repr(s).replace(' ', "")
}

/// `np.inner(a, b)`.
pub fn inner(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("inner", &["a", "b"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::array(interp, &req(&b[1]))?;
    if x.ndim() == 0 || y.ndim() == 0 {
        let r = mul(&x, &y)?;
        return Ok(interp.wrap_array_result(r));
    }
    let (kx, ky) = (x.shape[x.ndim() - 1], y.shape[y.ndim() - 1]);
    if kx != ky {
        return Err(value_error(format!(
            "shapes {} and {} not aligned: {kx} (dim {}) != {ky} (dim {})",
            shape_str(&x.shape),
            shape_str(&y.shape),
            x.ndim() - 1,
            y.ndim() - 1
        )));
    }
    let x2 = x.reshape(&[-1, kx as i64])?;
    let y2 = y.reshape(&[-1, ky as i64])?.transpose(None)?;
    let r = crate::numpy::linalg::matmul(&x2, &y2)?;
    let mut shape: Vec<i64> = x.shape[..x.ndim() - 1].iter().map(|&d| d as i64).collect();
    shape.extend(y.shape[..y.ndim() - 1].iter().map(|&d| d as i64));
    Ok(interp.wrap_array_result(r.reshape(&shape)?))
}

/// `np.vdot(a, b)`.
pub fn vdot(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("vdot", &["a", "b"], 2)?;
    let mut x = argparse::array(interp, &req(&b[0]))?.reshape(&[-1])?;
    let y = argparse::array(interp, &req(&b[1]))?.reshape(&[-1])?;
    if x.size() != y.size() {
        return Err(value_error("vectors have different lengths"));
    }
    if x.dtype.kind() == crate::array::dtype::Kind::Complex {
        x = ufunc::unary(UnaryOp::Conjugate, &x, None)?;
    }
    let r = crate::numpy::linalg::matmul(&x, &y)?;
    Ok(interp.wrap_array_result(r))
}

/// Component `i` of the vectors along the last axis (a view).
fn comp(a: &NdArray, i: i64) -> PyResult<NdArray> {
    a.basic_index(&[BasicIndex::Ellipsis, BasicIndex::Int(i)])
}

/// `np.cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)`.
pub fn cross(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("cross", &["a", "b", "axisa", "axisb", "axisc", "axis"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::array(interp, &req(&b[1]))?;
    let (mut axa, mut axb, mut axc) = (argparse::opt_int(&b[2], -1)?, argparse::opt_int(&b[3], -1)?, argparse::opt_int(&b[4], -1)?);
    if let Some(ax) = argparse::axis(&b[5])? {
        (axa, axb, axc) = (ax, ax, ax);
    }
    if x.ndim() == 0 || y.ndim() == 0 {
        return Err(value_error("At least one array has zero dimension"));
    }
    let axa = normalize_axis(axa, x.ndim()).map_err(|_| crate::errors::axis_error(format!("axisa: axis {axa} is out of bounds for array of dimension {}", x.ndim())))?;
    let axb = normalize_axis(axb, y.ndim()).map_err(|_| crate::errors::axis_error(format!("axisb: axis {axb} is out of bounds for array of dimension {}", y.ndim())))?;
    let move_last = |a: &NdArray, ax: usize| -> PyResult<NdArray> {
        let mut perm: Vec<i64> = (0..a.ndim() as i64).filter(|&i| i != ax as i64).collect();
        perm.push(ax as i64);
        a.transpose(Some(&perm))
    };
    let x = move_last(&x, axa)?;
    let y = move_last(&y, axb)?;
    let (nx, ny) = (x.shape[x.ndim() - 1], y.shape[y.ndim() - 1]);
    if !(nx == 2 || nx == 3) || !(ny == 2 || ny == 3) {
        return Err(value_error("incompatible dimensions for cross product\n(dimension must be 2 or 3)"));
    }
    let dt = crate::array::dtype::promote(x.dtype, y.dtype)?;
    let (x, y) = (x.astype(dt)?, y.astype(dt)?);
    let (a0, a1, b0, b1) = (comp(&x, 0)?, comp(&x, 1)?, comp(&y, 0)?, comp(&y, 1)?);
    let c2 = sub(&mul(&a0, &b1)?, &mul(&a1, &b0)?)?;
    if nx == 2 && ny == 2 {
        return Ok(interp.wrap_array_result(c2));
    }
    let neg = |a: &NdArray| ufunc::unary(UnaryOp::Negative, a, None);
    let (c0, c1) = match (nx, ny) {
        (3, 3) => {
            let (a2, b2) = (comp(&x, 2)?, comp(&y, 2)?);
            (sub(&mul(&a1, &b2)?, &mul(&a2, &b1)?)?, sub(&mul(&a2, &b0)?, &mul(&a0, &b2)?)?)
        }
        (2, _) => {
            let b2 = comp(&y, 2)?;
            (mul(&a1, &b2)?, neg(&mul(&a0, &b2)?)?)
        }
        _ => {
            let a2 = comp(&x, 2)?;
            (neg(&mul(&a2, &b1)?)?, mul(&a2, &b0)?)
        }
    };
    let parts: Vec<NdArray> = [c0, c1, c2].iter().map(|c| c.expand_dims(&[-1])).collect::<PyResult<_>>()?;
    let shapes: Vec<&[usize]> = parts.iter().map(|p| p.shape.as_slice()).collect();
    let shape = crate::array::layout::broadcast_shapes(&shapes)?;
    let parts = parts.iter().map(|p| p.broadcast_to(&shape)).collect::<PyResult<Vec<_>>>()?;
    let r = crate::numpy::joining::concat(&parts, Some(-1), Some(if dt == DType::Bool { DType::Bool } else { parts[0].dtype }))?;
    let axc = normalize_axis(axc, r.ndim()).map_err(|_| crate::errors::axis_error(format!("axisc: axis {axc} is out of bounds for array of dimension {}", r.ndim())))?;
    let mut perm: Vec<i64> = (0..r.ndim() as i64 - 1).collect();
    perm.insert(axc, r.ndim() as i64 - 1);
    let r = r.transpose(Some(&perm))?;
    Ok(Value::Array(Rc::new(r)))
}

/// `np.kron(a, b)`.
pub fn kron(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("kron", &["a", "b"], 2)?;
    let y = argparse::array(interp, &req(&b[1]))?;
    let mut x = argparse::array(interp, &req(&b[0]))?;
    while x.ndim() < y.ndim() {
        x = x.expand_dims(&[0])?;
    }
    let (nda, ndb) = (x.ndim(), y.ndim());
    if nda == 0 || ndb == 0 {
        let r = mul(&x, &y)?;
        return Ok(interp.wrap_array_result(r));
    }
    let nd = nda.max(ndb);
    let mut xa = x.clone();
    while xa.ndim() < nd {
        xa = xa.expand_dims(&[0])?;
    }
    let mut yb = y.clone();
    while yb.ndim() < nd {
        yb = yb.expand_dims(&[0])?;
    }
    let out_shape: Vec<i64> = xa.shape.iter().zip(&yb.shape).map(|(&p, &q)| (p * q) as i64).collect();
    let xa = xa.expand_dims(&(1..2 * nd as i64).step_by(2).collect::<Vec<_>>())?;
    let yb = yb.expand_dims(&(0..2 * nd as i64).step_by(2).collect::<Vec<_>>())?;
    let r = mul(&xa, &yb)?;
    Ok(Value::Array(Rc::new(r.reshape(&out_shape)?)))
}
