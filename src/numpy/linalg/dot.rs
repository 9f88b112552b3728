//! The product family around `matmul`: `np.dot` (with its N-d rule), `vdot`, `inner`, `outer`,
//! `tensordot`, `kron`, `trace`, `cross`, `vecdot`, `matrix_transpose`, `linalg.multi_dot` and
//! the `np.linalg` aliases — each following NumPy's own implementation so shapes, dtypes and
//! messages agree, with every inner product on the BLAS-backed kernels of [`blas`].

use std::rc::Rc;

use crate::array::dtype::Kind;
use crate::array::element::Element;
use crate::array::layout::normalize_axis;
use crate::array::reduce::{reduce, ReduceOp};
use crate::array::ufunc::{binary, unary, BinaryOp, Operand as UOp, UnaryOp};
use crate::array::NdArray;
use crate::errors::{index_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::linalg::blas::Gemm;
use crate::numpy::linalg::matmul::{loop_dtype, stacked, Operand};
use crate::numpy::linalg::stack::batch_offsets;
use crate::numpy::linalg::{assert_2d, compact_shape};
use crate::value::Value;

/// Deliver a result into `out=` when given.
fn deliver(interp: &mut Interp, r: NdArray, out: &Option<Value>) -> PyResult<Value> {
    if let Some(Value::Array(o)) = out {
        o.assign(&r)?;
        return Ok(Value::Array(o.clone()));
    }
    Ok(interp.wrap_array_result(r))
}

fn multiply(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    binary(BinaryOp::Multiply, UOp::Array(a), UOp::Array(b), None, None)
}

/// NumPy's "not aligned" error of `dot`.
fn not_aligned(a: &NdArray, b: &NdArray, ia: usize, ib: usize) -> crate::errors::Exception {
    value_error(format!(
        "shapes {} and {} not aligned: {} (dim {}) != {} (dim {})",
        compact_shape(&a.shape),
        compact_shape(&b.shape),
        a.shape[ia],
        ia,
        b.shape[ib],
        ib
    ))
}

/// `a` as is when BLAS can address its matrix (C or Fortran layout), else a C-ordered copy —
/// what NumPy's `cblas_matrixproduct` does before calling BLAS.
fn blasable_copy(a: NdArray) -> PyResult<NdArray> {
    let ok = match a.ndim() {
        1 => a.strides[0] > 0 || a.shape[0] <= 1,
        2 => {
            let (r, c) = (a.shape[0] as isize, a.shape[1] as isize);
            let (sr, sc) = (a.strides[0], a.strides[1]);
            (sc == 1 && sr >= c) || (sr == 1 && sc >= r) || r <= 1 || c <= 1
        }
        _ => true,
    };
    if ok {
        Ok(a)
    } else {
        a.copy()
    }
}

/// `np.dot(a, b)` on arrays.
pub fn dot_arrays(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b);
    }
    let dtype = loop_dtype("matmul", a.dtype, b.dtype)?;
    let ia = a.ndim() - 1;
    let ib = if b.ndim() == 1 { 0 } else { b.ndim() - 2 };
    if a.shape[ia] != b.shape[ib] {
        return Err(not_aligned(a, b, ia, ib));
    }
    let xa = if a.dtype == dtype {
        a.clone()
    } else {
        a.astype(dtype)?
    };
    let xb = if b.dtype == dtype {
        b.clone()
    } else {
        b.astype(dtype)?
    };
    if a.ndim() <= 2 && b.ndim() <= 2 {
        let xa = blasable_copy(xa)?;
        let xb = blasable_copy(xb)?;
        let (a1, b1) = (xa.ndim() == 1, xb.ndim() == 1);
        let oa = if a1 {
            Operand::vector(xa, true)
        } else {
            Operand::matrix(xa)
        };
        let ob = if b1 {
            Operand::vector(xb, false)
        } else {
            Operand::matrix(xb)
        };
        let mut shape = Vec::new();
        if !a1 {
            shape.push(oa.rows);
        }
        if !b1 {
            shape.push(ob.cols);
        }
        return crate::with_numeric!(dtype, T => Ok(NdArray::from_vec(stacked::<T>(&oa, &ob, &[])?, shape)),
            str => Err(type_error("data type must provide an itemsize")));
    }
    crate::with_numeric!(dtype, T => dot_nd::<T>(&xa, &xb, ib), str => Err(value_error("data type must provide an itemsize")))
}

/// The N-d rule: `dot(a, b)[i..., j..., k] = sum(a[i..., :] * b[j..., :, k])`, one `TYPE_dot`
/// per output element as NumPy computes it.
fn dot_nd<T: Gemm>(a: &NdArray, b: &NdArray, ib: usize) -> PyResult<NdArray> {
    let n = a.shape[a.ndim() - 1];
    let xs = a.strides[a.ndim() - 1];
    let ys = b.strides[ib];
    let mut perm: Vec<i64> = (0..b.ndim() as i64).filter(|&i| i != ib as i64).collect();
    perm.push(ib as i64);
    let bt = b.transpose(Some(&perm))?;
    let oa = batch_offsets(a, a.ndim() - 1);
    let ob = batch_offsets(&bt, bt.ndim() - 1);
    let sa = T::slice(a.buf.data()).unwrap_or(&[]);
    let sb = T::slice(b.buf.data()).unwrap_or(&[]);
    let mut shape = a.shape[..a.ndim() - 1].to_vec();
    shape.extend_from_slice(&bt.shape[..bt.ndim() - 1]);
    let total = crate::array::checked_size(&shape)
        .ok_or_else(|| crate::array::buffer::alloc_failure(T::DTYPE, &shape))?;
    let mut out = crate::array::buffer::try_vec(total, T::default(), T::DTYPE, &shape)?;
    let mut k = 0;
    for &pa in &oa {
        for &pb in &ob {
            out[k] = T::dot(sa, pa, xs, sb, pb, ys, n);
            k += 1;
        }
    }
    Ok(NdArray::from_vec(out, shape))
}

/// `np.dot(a, b, out=None)` / `a.dot(b)`.
pub fn dot(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("dot", &["a", "b", "out"], 2)?;
    let x = argparse::array(interp, &req(&bd[0]))?;
    let y = argparse::array(interp, &req(&bd[1]))?;
    let r = dot_arrays(&x, &y)?;
    deliver(interp, r, &bd[2])
}

/// `np.vdot(a, b)`: flattened dot product, conjugating `a`.
pub fn vdot(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("vdot", &["a", "b"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let fa = a.reshape(&[-1])?;
    if b.size() != fa.size() {
        return Err(value_error(format!(
            "cannot reshape array of size {} into shape ({},)",
            b.size(),
            fa.size()
        )));
    }
    let fb = b.reshape(&[-1])?;
    let fa = if fa.dtype.kind() == Kind::Complex {
        unary(UnaryOp::Conjugate, &fa, None)?
    } else {
        fa
    };
    let r = dot_arrays(&fa, &fb)?;
    Ok(interp.wrap_array_result(r))
}

/// `np.inner(a, b)`: sum over the last axes (`dot` against `b` with its last axis moved).
pub fn inner(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("inner", &["a", "b"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let r = inner_arrays(&a, &b)?;
    Ok(interp.wrap_array_result(r))
}

/// `np.inner` on arrays.
pub fn inner_arrays(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b);
    }
    let bt = if b.ndim() >= 2 {
        moved_last_to_second_last(b)?
    } else {
        b.clone()
    };
    dot_arrays(a, &bt)
}

/// `np.moveaxis(b, -1, -2)`.
fn moved_last_to_second_last(b: &NdArray) -> PyResult<NdArray> {
    let nd = b.ndim() as i64;
    let mut perm: Vec<i64> = (0..nd - 2).collect();
    perm.push(nd - 1);
    perm.push(nd - 2);
    b.transpose(Some(&perm))
}

/// `np.outer(a, b, out=None)`: `a.ravel()[:, None] * b.ravel()[None, :]`.
pub fn outer(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("outer", &["a", "b", "out"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let r = outer_arrays(&a, &b)?;
    deliver(interp, r, &bd[2])
}

fn outer_arrays(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    let fa = a.reshape(&[-1, 1])?;
    let fb = b.reshape(&[1, -1])?;
    multiply(&fa, &fb)
}

/// `np.linalg.outer(x1, x2)`: vectors only.
pub fn linalg_outer(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("outer", &["x1", "x2"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    if a.ndim() != 1 || b.ndim() != 1 {
        return Err(value_error(format!(
            "Input arrays must be one-dimensional, but they are x1.ndim={} and x2.ndim={}.",
            a.ndim(),
            b.ndim()
        )));
    }
    let r = outer_arrays(&a, &b)?;
    Ok(interp.wrap_array_result(r))
}

/// The `axes` argument of `tensordot`: an int `N` (last N of a, first N of b) or two sequences.
fn tensordot_axes(interp: &mut Interp, v: &Option<Value>) -> PyResult<(Vec<i64>, Vec<i64>)> {
    let seq = |interp: &mut Interp, v: &Value| -> PyResult<Vec<i64>> {
        match v {
            Value::List(_) | Value::Tuple(_) | Value::Array(_) => interp
                .iterate(v)?
                .iter()
                .map(|x| argparse::int(x, ""))
                .collect(),
            other => Ok(vec![argparse::int(other, "")?]),
        }
    };
    match v {
        None => Ok(((-2..0).collect(), (0..2).collect())),
        Some(Value::Int(n)) => Ok(((-*n..0).collect(), (0..*n).collect())),
        Some(x @ (Value::List(_) | Value::Tuple(_))) => {
            let items = interp.iterate(x)?;
            if items.len() != 2 {
                return Err(value_error("not enough values to unpack (expected 2)"));
            }
            Ok((seq(interp, &items[0])?, seq(interp, &items[1])?))
        }
        Some(other) => {
            let n = argparse::int(other, "")?;
            Ok(((-n..0).collect(), (0..n).collect()))
        }
    }
}

/// `np.tensordot(a, b, axes=2)`, as NumPy: transpose and reshape both to matrices, `dot`,
/// reshape back.
pub fn tensordot(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("tensordot", &["a", "b", "axes"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let (axes_a, axes_b) = tensordot_axes(interp, &bd[2])?;
    // NumPy reshapes the dot result, so a full contraction is a 0-d array, not a scalar.
    Ok(Value::array(tensordot_arrays(&a, &b, axes_a, axes_b)?))
}

/// `tensordot` on arrays with explicit axis lists.
pub fn tensordot_arrays(
    a: &NdArray,
    b: &NdArray,
    mut axes_a: Vec<i64>,
    mut axes_b: Vec<i64>,
) -> PyResult<NdArray> {
    let (nda, ndb) = (a.ndim() as i64, b.ndim() as i64);
    let get = |shape: &[usize], k: i64| -> PyResult<usize> {
        let i = if k < 0 { k + shape.len() as i64 } else { k };
        usize::try_from(i)
            .ok()
            .and_then(|i| shape.get(i).copied())
            .ok_or_else(|| index_error("tuple index out of range"))
    };
    let mut equal = axes_a.len() == axes_b.len();
    if equal {
        for k in 0..axes_a.len() {
            if get(&a.shape, axes_a[k])? != get(&b.shape, axes_b[k])? {
                equal = false;
                break;
            }
            if axes_a[k] < 0 {
                axes_a[k] += nda;
            }
            if axes_b[k] < 0 {
                axes_b[k] += ndb;
            }
        }
    }
    if !equal {
        return Err(value_error("shape-mismatch for sum"));
    }
    let notin_a: Vec<i64> = (0..nda).filter(|k| !axes_a.contains(k)).collect();
    let notin_b: Vec<i64> = (0..ndb).filter(|k| !axes_b.contains(k)).collect();
    let n2: usize = axes_a.iter().map(|&k| a.shape[k as usize]).product();
    let m_a: usize = notin_a.iter().map(|&k| a.shape[k as usize]).product();
    let m_b: usize = notin_b.iter().map(|&k| b.shape[k as usize]).product();
    let perm_a: Vec<i64> = notin_a.iter().chain(&axes_a).copied().collect();
    let perm_b: Vec<i64> = axes_b.iter().chain(&notin_b).copied().collect();
    let at = a
        .transpose(Some(&perm_a))?
        .reshape(&[m_a as i64, n2 as i64])?;
    let bt = b
        .transpose(Some(&perm_b))?
        .reshape(&[n2 as i64, m_b as i64])?;
    let res = dot_arrays(&at, &bt)?;
    let mut shape: Vec<i64> = notin_a
        .iter()
        .map(|&k| a.shape[k as usize] as i64)
        .collect();
    shape.extend(notin_b.iter().map(|&k| b.shape[k as usize] as i64));
    res.reshape(&shape)
}

/// `np.kron(a, b)`: NumPy's interleaved broadcast multiply, reshaped.
pub fn kron(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("kron", &["a", "b"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let (nda, ndb) = (a.ndim(), b.ndim());
    if nda == 0 || ndb == 0 {
        let r = multiply(&a, &b)?;
        return Ok(interp.wrap_array_result(r));
    }
    let nd = nda.max(ndb);
    let pad = |x: &NdArray, k: usize| -> PyResult<NdArray> {
        let axes: Vec<i64> = (0..k as i64).collect();
        x.expand_dims(&axes)
    };
    let a2 = pad(&a, nd - nda)?;
    let b2 = pad(&b, nd - ndb)?;
    let a3 = a2.expand_dims(&(0..nd).map(|i| (2 * i + 1) as i64).collect::<Vec<_>>())?;
    let b3 = b2.expand_dims(&(0..nd).map(|i| (2 * i) as i64).collect::<Vec<_>>())?;
    let r = multiply(&a3, &b3)?;
    let shape: Vec<i64> = a2
        .shape
        .iter()
        .zip(&b2.shape)
        .map(|(x, y)| (x * y) as i64)
        .collect();
    let r = r.reshape(&shape)?;
    Ok(interp.wrap_array_result(r))
}

/// The diagonal of axes `(ax1, ax2)` with `offset`, as a view whose last axis is the diagonal.
pub fn diagonal_view(a: &NdArray, offset: i64, ax1: i64, ax2: i64) -> PyResult<NdArray> {
    let nd = a.ndim();
    if nd < 2 {
        return Err(value_error(
            "diag requires an array of at least two dimensions",
        ));
    }
    let i1 = normalize_axis(ax1, nd)?;
    let i2 = normalize_axis(ax2, nd)?;
    if i1 == i2 {
        return Err(value_error("axis1 and axis2 cannot be the same"));
    }
    let (d1, d2) = (a.shape[i1] as i64, a.shape[i2] as i64);
    let (s1, s2) = (a.strides[i1], a.strides[i2]);
    let mut v = a.clone();
    v.base = None;
    let len = if offset >= 0 {
        (d1.min(d2 - offset)).max(0)
    } else {
        ((d1 + offset).min(d2)).max(0)
    };
    if len > 0 {
        let shift = if offset >= 0 {
            offset as isize * s2
        } else {
            (-offset) as isize * s1
        };
        v.offset = (v.offset as isize + shift) as usize;
    }
    v.shape = (0..nd)
        .filter(|&i| i != i1 && i != i2)
        .map(|i| a.shape[i])
        .collect();
    v.strides = (0..nd)
        .filter(|&i| i != i1 && i != i2)
        .map(|i| a.strides[i])
        .collect();
    v.shape.push(len as usize);
    v.strides.push(s1 + s2);
    Ok(v)
}

/// `np.trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)`.
pub fn trace(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind(
        "trace",
        &["a", "offset", "axis1", "axis2", "dtype", "out"],
        1,
    )?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let offset = argparse::opt_int(&bd[1], 0)?;
    let ax1 = argparse::opt_int(&bd[2], 0)?;
    let ax2 = argparse::opt_int(&bd[3], 1)?;
    let dtype = argparse::dtype(&bd[4])?;
    let d = diagonal_view(&a, offset, ax1, ax2)?;
    let r = reduce(ReduceOp::Sum, &d, Some(&[-1]), false, dtype)?;
    deliver(interp, r, &bd[5])
}

/// `np.linalg.trace(x, /, *, offset=0, dtype=None)`: over the last two axes.
pub fn linalg_trace(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("trace", &["x", "*", "offset", "dtype"], 1)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let offset = argparse::opt_int(&bd[1], 0)?;
    let dtype = argparse::dtype(&bd[2])?;
    let d = diagonal_view(&a, offset, -2, -1)?;
    let r = reduce(ReduceOp::Sum, &d, Some(&[-1]), false, dtype)?;
    Ok(interp.wrap_array_result(r))
}

/// `np.linalg.diagonal(x, /, *, offset=0)`: a read-only view of the last two axes' diagonals.
pub fn linalg_diagonal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("diagonal", &["x", "*", "offset"], 1)?;
    let src = req(&bd[0]);
    let a = argparse::array(interp, &src)?;
    let offset = argparse::opt_int(&bd[1], 0)?;
    let d = diagonal_view(&a, offset, -2, -1)?;
    d.writeable.set(false);
    Ok(match &src {
        Value::Array(s) => Value::Array(Rc::new(d.linked_to(s))),
        _ => Value::array(d),
    })
}

/// `np.cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)`.
pub fn cross(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("cross", &["a", "b", "axisa", "axisb", "axisc", "axis"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let (mut axa, mut axb, mut axc) = (
        argparse::opt_int(&bd[2], -1)?,
        argparse::opt_int(&bd[3], -1)?,
        argparse::opt_int(&bd[4], -1)?,
    );
    if let Some(ax) = argparse::axis(&bd[5])? {
        (axa, axb, axc) = (ax, ax, ax);
    }
    // The result is NumPy's output array (0-d for two 2-vectors), never a scalar.
    Ok(Value::array(cross_arrays(&a, &b, axa, axb, axc)?))
}

/// `np.linalg.cross(x1, x2, /, *, axis=-1)`: 3-vectors only.
pub fn linalg_cross(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("cross", &["x1", "x2", "*", "axis"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let ax = argparse::opt_int(&bd[2], -1)?;
    let len = |x: &NdArray| -> PyResult<usize> {
        let i = if ax < 0 { ax + x.ndim() as i64 } else { ax };
        usize::try_from(i)
            .ok()
            .and_then(|i| x.shape.get(i).copied())
            .ok_or_else(|| index_error("tuple index out of range"))
    };
    let (la, lb) = (len(&a)?, len(&b)?);
    if la != 3 || lb != 3 {
        return Err(value_error(format!(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are {la} and {lb} dimensional instead."
        )));
    }
    Ok(Value::array(cross_arrays(&a, &b, ax, ax, ax)?))
}

/// `np.cross` on arrays, NumPy's component formulas (2-vectors give the z component).
fn cross_arrays(a: &NdArray, b: &NdArray, axa: i64, axb: i64, axc: i64) -> PyResult<NdArray> {
    if a.ndim() < 1 || b.ndim() < 1 {
        return Err(value_error("At least one array has zero dimension"));
    }
    let move_last = |x: &NdArray, ax: i64, what: &str| -> PyResult<NdArray> {
        let k = normalize_axis(ax, x.ndim())
            .map_err(|e| crate::errors::Exception::new(e.ty, format!("{what}: {}", e.msg)))?;
        let mut perm: Vec<i64> = (0..x.ndim() as i64).filter(|&i| i != k as i64).collect();
        perm.push(k as i64);
        x.transpose(Some(&perm))
    };
    let a = move_last(a, axa, "axisa")?;
    let b = move_last(b, axb, "axisb")?;
    let (na, nb) = (a.shape[a.ndim() - 1], b.shape[b.ndim() - 1]);
    if !(na == 2 || na == 3) || !(nb == 2 || nb == 3) {
        return Err(value_error(
            "incompatible dimensions for cross product\n(dimension must be 2 or 3)",
        ));
    }
    let dtype = crate::array::dtype::promote(a.dtype, b.dtype)?;
    let a = a.astype(dtype)?;
    let b = b.astype(dtype)?;
    let comp = |x: &NdArray, i: i64| -> PyResult<NdArray> {
        x.basic_index(&[
            crate::array::layout::BasicIndex::Ellipsis,
            crate::array::layout::BasicIndex::Int(i),
        ])
    };
    let sub = |x: &NdArray, y: &NdArray| {
        binary(BinaryOp::Subtract, UOp::Array(x), UOp::Array(y), None, None)
    };
    let neg = |x: &NdArray| unary(UnaryOp::Negative, x, None);
    let (a0, a1) = (comp(&a, 0)?, comp(&a, 1)?);
    let (b0, b1) = (comp(&b, 0)?, comp(&b, 1)?);
    if na == 2 && nb == 2 {
        return sub(&multiply(&a0, &b1)?, &multiply(&a1, &b0)?);
    }
    let (c0, c1, c2) = if na == 2 {
        let b2 = comp(&b, 2)?;
        (
            multiply(&a1, &b2)?,
            neg(&multiply(&a0, &b2)?)?,
            sub(&multiply(&a0, &b1)?, &multiply(&a1, &b0)?)?,
        )
    } else {
        let a2 = comp(&a, 2)?;
        if nb == 2 {
            (
                neg(&multiply(&a2, &b1)?)?,
                multiply(&a2, &b0)?,
                sub(&multiply(&a0, &b1)?, &multiply(&a1, &b0)?)?,
            )
        } else {
            let b2 = comp(&b, 2)?;
            (
                sub(&multiply(&a1, &b2)?, &multiply(&a2, &b1)?)?,
                sub(&multiply(&a2, &b0)?, &multiply(&a0, &b2)?)?,
                sub(&multiply(&a0, &b1)?, &multiply(&a1, &b0)?)?,
            )
        }
    };
    let shape = crate::array::layout::broadcast_shapes(&[&c0.shape, &c1.shape, &c2.shape])?;
    let parts: Vec<NdArray> = [c0, c1, c2]
        .iter()
        .map(|c| c.broadcast_to(&shape)?.expand_dims(&[-1]))
        .collect::<PyResult<_>>()?;
    let mut full = shape.clone();
    full.push(3);
    let cp = NdArray::zeros(dtype, &full)?;
    for (i, p) in parts.iter().enumerate() {
        let dst = cp.basic_index(&[
            crate::array::layout::BasicIndex::Ellipsis,
            crate::array::layout::BasicIndex::Slice {
                start: Some(i as i64),
                stop: Some(i as i64 + 1),
                step: None,
            },
        ])?;
        dst.assign(p)?;
    }
    let k = normalize_axis(axc, full.len())
        .map_err(|e| crate::errors::Exception::new(e.ty, format!("axisc: {}", e.msg)))?;
    let nd = full.len();
    let mut perm: Vec<i64> = (0..nd as i64 - 1).collect();
    perm.insert(k, nd as i64 - 1);
    cp.transpose(Some(&perm))
}

/// `np.vecdot(x1, x2, axis=-1)`: `sum(conj(x1) * x2, axis)` with broadcasting, BLAS dots.
pub fn vecdot(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("vecdot", &["x1", "x2", "*", "axis"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let ax = argparse::opt_int(&bd[2], -1)?;
    if a.ndim() == 0 || b.ndim() == 0 {
        return Err(crate::numpy::linalg::too_few_dims(
            "vecdot",
            if a.ndim() == 0 { 0 } else { 1 },
            0,
            "(n),(n)->()",
            1,
        ));
    }
    let to_last = |x: &NdArray| -> PyResult<NdArray> {
        let k = normalize_axis(ax, x.ndim())?;
        let mut perm: Vec<i64> = (0..x.ndim() as i64).filter(|&i| i != k as i64).collect();
        perm.push(k as i64);
        x.transpose(Some(&perm))
    };
    let a = to_last(&a)?;
    let b = to_last(&b)?;
    let (n, nb) = (a.shape[a.ndim() - 1], b.shape[b.ndim() - 1]);
    if n != nb {
        return Err(crate::numpy::linalg::core_mismatch(
            "vecdot",
            1,
            0,
            "(n),(n)->()",
            nb,
            n,
        ));
    }
    let a = if a.dtype.kind() == Kind::Complex {
        unary(UnaryOp::Conjugate, &a, None)?
    } else {
        a
    };
    let dtype = loop_dtype("vecdot", a.dtype, b.dtype)?;
    let batch = crate::array::layout::broadcast_shapes(&[
        &a.shape[..a.ndim() - 1],
        &b.shape[..b.ndim() - 1],
    ])?;
    let mut fa = batch.clone();
    fa.push(n);
    let xa = a.astype(dtype)?.broadcast_to(&fa)?;
    let xb = b.astype(dtype)?.broadcast_to(&fa)?;
    let r = crate::with_numeric!(dtype, T => {
        let sa = T::slice(xa.buf.data()).unwrap_or(&[]);
        let sb = T::slice(xb.buf.data()).unwrap_or(&[]);
        let (sx, sy) = (xa.strides[xa.ndim() - 1], xb.strides[xb.ndim() - 1]);
        let oa = batch_offsets(&xa, batch.len());
        let ob = batch_offsets(&xb, batch.len());
        let v: Vec<T> = oa.iter().zip(&ob).map(|(&pa, &pb)| T::dot(sa, pa, sx, sb, pb, sy, n)).collect();
        NdArray::from_vec(v, batch.clone())
    }, str => return Err(type_error("vecdot: unsupported dtype")));
    Ok(interp.wrap_array_result(r))
}

/// `np.matrix_transpose(x)`: swap the last two axes (a view).
pub fn matrix_transpose(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("matrix_transpose", &["x"], 1)?;
    let src = req(&bd[0]);
    let a = argparse::array(interp, &src)?;
    if a.ndim() < 2 {
        return Err(value_error(format!(
            "Input array must be at least 2-dimensional, but it is {}",
            a.ndim()
        )));
    }
    let v = a.swapaxes(-1, -2)?;
    Ok(match &src {
        Value::Array(s) => Value::Array(Rc::new(v.linked_to(s))),
        _ => Value::array(v),
    })
}

/// `np.linalg.multi_dot(arrays, *, out=None)`: `dot` in the order of least scalar
/// multiplications (NumPy's matrix-chain dynamic programme).
pub fn multi_dot(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("multi_dot", &["arrays", "*", "out"], 1)?;
    let items = interp.iterate(&req(&bd[0]))?;
    let n = items.len();
    if n < 2 {
        return Err(value_error("Expecting at least two arrays."));
    }
    let mut arrs: Vec<NdArray> = items
        .iter()
        .map(|v| argparse::array(interp, v))
        .collect::<PyResult<_>>()?;
    if n == 2 {
        let r = dot_arrays(&arrs[0], &arrs[1])?;
        return deliver(interp, r, &bd[1]);
    }
    let (first1, last1) = (arrs[0].ndim() == 1, arrs[n - 1].ndim() == 1);
    if first1 {
        arrs[0] = arrs[0].reshape(&[1, -1])?;
    }
    if last1 {
        arrs[n - 1] = arrs[n - 1].reshape(&[1, -1])?.transpose(None)?;
    }
    for a in &arrs {
        assert_2d(a)?;
    }
    let result = if n == 3 {
        let (a0, a1b0) = (arrs[0].shape[0], arrs[0].shape[1]);
        let (b1c0, c1) = (arrs[2].shape[0], arrs[2].shape[1]);
        let cost1 = a0 * b1c0 * (a1b0 + c1);
        let cost2 = a1b0 * c1 * (a0 + b1c0);
        if cost1 < cost2 {
            dot_arrays(&dot_arrays(&arrs[0], &arrs[1])?, &arrs[2])?
        } else {
            dot_arrays(&arrs[0], &dot_arrays(&arrs[1], &arrs[2])?)?
        }
    } else {
        let order = chain_order(&arrs);
        chain(&arrs, &order, 0, n - 1)?
    };
    let r = if first1 && last1 {
        result.basic_index(&[
            crate::array::layout::BasicIndex::Int(0),
            crate::array::layout::BasicIndex::Int(0),
        ])?
    } else if first1 || last1 {
        result.reshape(&[-1])?
    } else {
        result
    };
    deliver(interp, r, &bd[1])
}

/// NumPy's `_multi_dot_matrix_chain_order`: the split table `s[i][j]`.
fn chain_order(arrays: &[NdArray]) -> Vec<Vec<usize>> {
    let n = arrays.len();
    let mut p: Vec<f64> = arrays.iter().map(|a| a.shape[0] as f64).collect();
    p.push(arrays[n - 1].shape[1] as f64);
    let mut m = vec![vec![0.0f64; n]; n];
    let mut s = vec![vec![0usize; n]; n];
    for l in 1..n {
        for i in 0..n - l {
            let j = i + l;
            m[i][j] = f64::INFINITY;
            for k in i..j {
                let q = m[i][k] + m[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
                if q < m[i][j] {
                    m[i][j] = q;
                    s[i][j] = k;
                }
            }
        }
    }
    s
}

fn chain(arrays: &[NdArray], order: &[Vec<usize>], i: usize, j: usize) -> PyResult<NdArray> {
    if i == j {
        return Ok(arrays[i].clone());
    }
    let k = order[i][j];
    dot_arrays(
        &chain(arrays, order, i, k)?,
        &chain(arrays, order, k + 1, j)?,
    )
}
