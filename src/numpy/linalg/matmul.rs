//! `@` / `np.matmul`: NumPy's gufunc `(n?,k),(k,m?)->(n?,m?)`.
//!
//! 1-D operands get a core dimension of 1 that disappears from the result, the loop (batch)
//! dimensions broadcast, and errors carry NumPy's exact messages. Each matrix of the stack goes
//! through [`blas::product`], which picks dot/gemv/gemm/syrk or the typed loop exactly as
//! NumPy's loop does; the stack is walked without copying operands that BLAS can address.

use crate::array::buffer::{alloc_failure, try_vec};
use crate::array::dtype::{promote, DType};
use crate::array::ufunc::resolve::dtype_repr;
use crate::array::NdArray;
use crate::errors::{ufunc_type_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::linalg::blas::{self, Gemm, Mat};
use crate::numpy::linalg::{core_mismatch, gufunc_broadcast_error, too_few_dims};
use crate::value::Value;

const SIG: &str = "(n?,k),(k,m?)->(n?,m?)";

/// One operand of a stacked product: its (cast) array, batch shape, and core matrix strides.
pub struct Operand {
    pub arr: NdArray,
    pub batch: Vec<usize>,
    pub batch_strides: Vec<isize>,
    pub rows: usize,
    pub cols: usize,
    pub rs: isize,
    pub cs: isize,
}

impl Operand {
    /// The last two axes of `arr` as the core matrix, the rest as the batch.
    pub fn matrix(arr: NdArray) -> Operand {
        let nd = arr.ndim();
        Operand {
            batch: arr.shape[..nd - 2].to_vec(),
            batch_strides: arr.strides[..nd - 2].to_vec(),
            rows: arr.shape[nd - 2],
            cols: arr.shape[nd - 1],
            rs: arr.strides[nd - 2],
            cs: arr.strides[nd - 1],
            arr,
        }
    }

    /// A 1-D array as a row (`1 x n`) or column (`n x 1`) with the absent axis' stride 0.
    pub fn vector(arr: NdArray, row: bool) -> Operand {
        let (n, s) = (arr.shape[0], arr.strides[0]);
        let (rows, cols, rs, cs) = if row { (1, n, 0, s) } else { (n, 1, s, 0) };
        Operand {
            arr,
            batch: Vec::new(),
            batch_strides: Vec::new(),
            rows,
            cols,
            rs,
            cs,
        }
    }
}

/// Element offsets of `op`'s matrix for every position of the broadcast batch `shape`.
fn offsets(op: &Operand, shape: &[usize]) -> Vec<isize> {
    let nd = shape.len();
    let k = op.batch.len();
    let mut strides = vec![0isize; nd];
    for i in 0..k {
        if op.batch[i] != 1 {
            strides[nd - k + i] = op.batch_strides[i];
        }
    }
    let total: usize = shape.iter().product();
    let mut out = Vec::with_capacity(total);
    let mut idx = vec![0usize; nd];
    let mut pos = op.arr.offset as isize;
    for _ in 0..total {
        out.push(pos);
        for ax in (0..nd).rev() {
            idx[ax] += 1;
            pos += strides[ax];
            if idx[ax] < shape[ax] {
                break;
            }
            pos -= strides[ax] * shape[ax] as isize;
            idx[ax] = 0;
        }
    }
    out
}

/// The stacked product `a @ b` of two prepared operands (same dtype `T`): a C-ordered vector of
/// `batch x a.rows x b.cols` elements.
pub fn stacked<T: Gemm>(a: &Operand, b: &Operand, batch: &[usize]) -> PyResult<Vec<T>> {
    let (m, p) = (a.rows, b.cols);
    let total: usize = batch.iter().product();
    let mut shape = batch.to_vec();
    shape.extend([m, p]);
    let n = crate::array::checked_size(&shape).ok_or_else(|| alloc_failure(T::DTYPE, &shape))?;
    let mut out = try_vec(n, T::default(), T::DTYPE, &shape)?;
    let sa = T::slice(a.arr.buf.data()).unwrap_or(&[]);
    let sb = T::slice(b.arr.buf.data()).unwrap_or(&[]);
    let oa = offsets(a, batch);
    let ob = offsets(b, batch);
    for k in 0..total {
        let am = Mat {
            off: oa[k],
            rows: m,
            cols: a.cols,
            rs: a.rs,
            cs: a.cs,
        };
        let bm = Mat {
            off: ob[k],
            rows: b.rows,
            cols: p,
            rs: b.rs,
            cs: b.cs,
        };
        blas::product(sa, am, sb, bm, &mut out, k * m * p);
    }
    Ok(out)
}

/// The loop dtype of `matmul(a, b)`, or NumPy's no-loop error.
pub fn loop_dtype(name: &str, a: DType, b: DType) -> PyResult<DType> {
    let no_loop = || {
        ufunc_type_error(format!(
            "ufunc '{name}' did not contain a loop with signature matching types ({}, {}) -> None",
            dtype_repr(a),
            dtype_repr(b)
        ))
    };
    if !a.is_numeric() || !b.is_numeric() {
        return Err(no_loop());
    }
    promote(a, b).map_err(|_| no_loop())
}

/// `a @ b` with NumPy's rules.
pub fn matmul(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    for (i, x) in [a, b].iter().enumerate() {
        if x.ndim() == 0 {
            return Err(too_few_dims("matmul", i, 0, SIG, 1));
        }
    }
    let dtype = loop_dtype("matmul", a.dtype, b.dtype)?;
    let k = a.shape[a.ndim() - 1];
    let kb = if b.ndim() == 1 {
        b.shape[0]
    } else {
        b.shape[b.ndim() - 2]
    };
    if k != kb {
        return Err(core_mismatch("matmul", 1, 0, SIG, kb, k));
    }
    let a1 = a.ndim() == 1;
    let b1 = b.ndim() == 1;
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
    let Some((batch, _)) = crate::numpy::linalg::broadcast_batches(&[&oa.batch, &ob.batch]) else {
        let req = [oa.rows, ob.cols];
        return Err(gufunc_broadcast_error(
            &[
                (&a.shape, if a1 { 1 } else { 2 }),
                (&b.shape, if b1 { 1 } else { 2 }),
            ],
            &req,
        ));
    };
    let mut shape = batch.clone();
    if !a1 {
        shape.push(oa.rows);
    }
    if !b1 {
        shape.push(ob.cols);
    }
    let r = crate::with_numeric!(dtype, T => NdArray::from_vec(stacked::<T>(&oa, &ob, &batch)?, shape),
        str => return Err(ufunc_type_error("ufunc 'matmul' did not contain a loop with signature matching types")));
    Ok(r)
}

/// `np.matmul(x1, x2)`.
pub fn matmul_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("matmul", &["x1", "x2", "out"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::array(interp, &req(&b[1]))?;
    let r = matmul(&x, &y)?;
    if let Some(Value::Array(out)) = &b[2] {
        out.assign(&r)?;
        return Ok(Value::Array(out.clone()));
    }
    Ok(interp.wrap_array_result(r))
}
