//! Matrix products (`@`, `np.matmul`, `np.dot`) and the `np.linalg` namespace.
//!
//! matmul follows NumPy's gufunc rules: 1-D operands are promoted (a leading/trailing 1 that is
//! removed again), leading dimensions broadcast, and a core-dimension mismatch gives NumPy's
//! exact message. Float kernels run ndarray's GEMM per matrix of the stack.

use std::rc::Rc;

use ndarray::{ArrayView2, Ix2};

use crate::array::buffer::{C128, C64};
use crate::array::dtype::{promote, DType};
use crate::array::element::Element;
use crate::array::layout::broadcast_shapes;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The np.linalg namespace.
pub const FUNCTIONS: &[FnEntry] = &[];

/// Entries of the top-level namespace that belong to this family.
pub const NP_FUNCTIONS: &[FnEntry] = &[
    ("matmul", matmul_fn, "matmul(a, b): matrix product with broadcasting (the @ operator)"),
    ("dot", dot, "dot(a, b): dot product; matrix product for 2-D"),
];

fn mismatch(operand: usize, dim: usize, got: usize, want: usize) -> crate::errors::Exception {
    value_error(format!(
        "matmul: Input operand {operand} has a mismatch in its core dimension {dim}, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {got} is different from {want})"
    ))
}

/// Multiply one (n,k)·(k,m) pair into `out` (row-major n×m) for float-like element types.
fn gemm_typed<T>(a: ArrayView2<T>, b: ArrayView2<T>, out: &mut [T])
where
    T: ndarray::LinalgScalar,
{
    let c = a.dot(&b);
    for (o, v) in out.iter_mut().zip(c.iter()) {
        *o = *v;
    }
}

/// Integer/bool product by the naive triple loop (NumPy does the same for non-BLAS types).
fn naive_typed<T>(a: ArrayView2<T>, b: ArrayView2<T>, out: &mut [T])
where
    T: Copy + Default + std::ops::Add<Output = T> + std::ops::Mul<Output = T>,
{
    let (n, k) = a.dim();
    let m = b.dim().1;
    for i in 0..n {
        for j in 0..m {
            let mut acc = T::default();
            for p in 0..k {
                acc = acc + a[(i, p)] * b[(p, j)];
            }
            out[i * m + j] = acc;
        }
    }
}

/// `a @ b` with NumPy's rules.
pub fn matmul(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return Err(value_error(
            "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)",
        ));
    }
    let dtype = promote(a.dtype, b.dtype)?;
    let a1 = a.ndim() == 1;
    let b1 = b.ndim() == 1;
    let a2 = if a1 { a.expand_dims(&[0])? } else { a.clone() };
    let b2 = if b1 { b.expand_dims(&[1])? } else { b.clone() };
    let (n, k) = (a2.shape[a2.ndim() - 2], a2.shape[a2.ndim() - 1]);
    let (k2, m) = (b2.shape[b2.ndim() - 2], b2.shape[b2.ndim() - 1]);
    if k != k2 {
        return Err(mismatch(1, 0, k2, k));
    }
    let batch_a = &a2.shape[..a2.ndim() - 2];
    let batch_b = &b2.shape[..b2.ndim() - 2];
    let batch = broadcast_shapes(&[batch_a, batch_b])?;
    let mut full_a = batch.clone();
    full_a.extend([n, k]);
    let mut full_b = batch.clone();
    full_b.extend([k, m]);
    let ab = a2.broadcast_to(&full_a)?.astype(dtype)?;
    let bb = b2.broadcast_to(&full_b)?.astype(dtype)?;
    let nb: usize = batch.iter().product();
    let mut out_shape = batch.clone();
    out_shape.extend([n, m]);
    let out = NdArray::zeros(dtype, &out_shape)?;
    macro_rules! run {
        ($T:ty, $kernel:ident) => {{
            let av = ab.to_vec::<$T>();
            let bv = bb.to_vec::<$T>();
            if let Some(o) = out.as_slice_mut::<$T>() {
                for bi in 0..nb {
                    let am = ArrayView2::from_shape((n, k), &av[bi * n * k..(bi + 1) * n * k]);
                    let bm = ArrayView2::from_shape((k, m), &bv[bi * k * m..(bi + 1) * k * m]);
                    if let (Ok(am), Ok(bm)) = (am, bm) {
                        $kernel::<$T>(am, bm, &mut o[bi * n * m..(bi + 1) * n * m]);
                    }
                }
            }
        }};
    }
    match dtype {
        DType::Float64 => run!(f64, gemm_typed),
        DType::Float32 => run!(f32, gemm_typed),
        DType::Complex128 => run!(C128, naive_typed),
        DType::Complex64 => run!(C64, naive_typed),
        DType::Bool => {
            let r = matmul(&ab.astype(DType::Int64)?, &bb.astype(DType::Int64)?)?;
            return r.astype(DType::Bool);
        }
        d if d.is_integer() => {
            let r = {
                let ai = ab.astype(DType::Int64)?;
                let bi = bb.astype(DType::Int64)?;
                let av = ai.to_vec::<i64>();
                let bv = bi.to_vec::<i64>();
                let o = NdArray::zeros(DType::Int64, &out_shape)?;
                if let Some(os) = o.as_slice_mut::<i64>() {
                    for bix in 0..nb {
                        for i in 0..n {
                            for j in 0..m {
                                let mut acc = 0i64;
                                for p in 0..k {
                                    acc = acc.wrapping_add(av[bix * n * k + i * k + p].wrapping_mul(bv[bix * k * m + p * m + j]));
                                }
                                os[bix * n * m + i * m + j] = acc;
                            }
                        }
                    }
                }
                o
            };
            return finish(if d == DType::Int64 { r } else { r.astype(d)? }, a1, b1);
        }
        _ => return Err(crate::errors::ufunc_type_error("ufunc 'matmul' did not contain a loop with signature matching types")),
    }
    let _ = <f64 as Element>::DTYPE;
    finish(out, a1, b1)
}

/// Drop the promoted 1-D axes again.
fn finish(out: NdArray, a1: bool, b1: bool) -> PyResult<NdArray> {
    let nd = out.ndim() as i64;
    let mut drop = Vec::new();
    if a1 {
        drop.push(nd - 2);
    }
    if b1 {
        drop.push(nd - 1);
    }
    if drop.is_empty() {
        Ok(out)
    } else {
        out.squeeze(Some(&drop))
    }
}

fn matmul_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("matmul", &["x1", "x2", "out"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::array(interp, &req(&b[1]))?;
    let r = matmul(&x, &y)?;
    Ok(interp.wrap_array_result(r))
}

/// `np.dot(a, b)` / `a.dot(b)`: scalars multiply, 1-D·1-D is the inner product, N-D·1-D sums
/// over the last axis, N-D·M-D (M>=2) sums over the last of a and second-to-last of b.
pub fn dot(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("dot", &["a", "b", "out"], 2)?;
    let (av, bv) = (req(&b[0]), req(&b[1]));
    let x = argparse::array(interp, &av)?;
    let y = argparse::array(interp, &bv)?;
    if x.ndim() == 0 || y.ndim() == 0 {
        return interp.binop(crate::syntax::ast::BinOp::Mul, &av, &bv);
    }
    if x.ndim() <= 2 && y.ndim() <= 2 {
        if x.shape[x.ndim() - 1] != y.shape[if y.ndim() == 1 { 0 } else { 0 }] {
            return Err(value_error(format!(
                "shapes {} and {} not aligned: {} (dim {}) != {} (dim 0)",
                crate::array::shape_repr(&x.shape),
                crate::array::shape_repr(&y.shape),
                x.shape[x.ndim() - 1],
                x.ndim() - 1,
                y.shape[0]
            )));
        }
        let r = matmul(&x, &y)?;
        return Ok(interp.wrap_array_result(r));
    }
    // General N-D: move b's contracted axis last and use matmul over an outer product layout.
    let yk = if y.ndim() == 1 { 0 } else { y.ndim() - 2 };
    let k = y.shape[yk];
    if x.shape[x.ndim() - 1] != k {
        return Err(value_error(format!(
            "shapes {} and {} not aligned: {} (dim {}) != {} (dim {})",
            crate::array::shape_repr(&x.shape),
            crate::array::shape_repr(&y.shape),
            x.shape[x.ndim() - 1],
            x.ndim() - 1,
            k,
            yk
        )));
    }
    let mut perm: Vec<i64> = (0..y.ndim() as i64).filter(|&i| i != yk as i64).collect();
    perm.insert(0, yk as i64);
    let yt = y.transpose(Some(&perm))?.copy()?;
    let rest: Vec<usize> = yt.shape[1..].to_vec();
    let y2 = yt.reshape(&[k as i64, -1])?;
    let x2 = x.reshape(&[-1, k as i64])?;
    let r = matmul(&x2, &y2)?;
    let mut shape: Vec<i64> = x.shape[..x.ndim() - 1].iter().map(|&d| d as i64).collect();
    shape.extend(rest.iter().map(|&d| d as i64));
    let r = r.reshape(&shape)?;
    Ok(Value::Array(Rc::new(r)))
}

/// Shape helper kept for the linalg family.
pub fn is_square(a: &NdArray) -> bool {
    a.ndim() >= 2 && a.shape[a.ndim() - 1] == a.shape[a.ndim() - 2]
}

/// Type-check helper: an ndarray 2-D view of f64 data.
pub fn view2(a: &NdArray) -> Option<ndarray::ArrayView<'_, f64, Ix2>> {
    a.view::<f64>().and_then(|v| v.into_dimensionality::<Ix2>().ok())
}
