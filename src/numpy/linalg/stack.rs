//! Stacks of matrices in LAPACK's layout: [`load`] copies the last two axes of an array (cast
//! to the computation dtype, as NumPy's gufunc does) into column-major matrices stored one
//! after another; [`store`] turns such a stack back into a C-ordered array of the result dtype.
//! The copies are tiled so large transposes stay cache-friendly.

use crate::array::buffer::{alloc_failure, try_vec};
use crate::array::dtype::DType;
use crate::array::element::{Element, Scalar};
use crate::array::ufunc::resolve::dtype_repr;
use crate::array::NdArray;
use crate::errors::{ufunc_type_error, PyResult};
use crate::numpy::linalg::blas::Mat;

/// Matrices stored column-major, one after another, over a batch shape.
#[derive(Debug, Clone)]
pub struct Stack<T> {
    pub batch: Vec<usize>,
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<T>,
}

impl<T: Element> Stack<T> {
    /// Number of matrices.
    pub fn count(&self) -> usize {
        self.batch.iter().product()
    }

    /// Elements per matrix.
    pub fn len1(&self) -> usize {
        self.rows * self.cols
    }

    /// The `i`-th matrix (column-major).
    pub fn matrix(&self, i: usize) -> &[T] {
        let n = self.len1();
        self.data.get(i * n..(i + 1) * n).unwrap_or(&[])
    }

    /// A zero-filled stack (NumPy's MemoryError when it cannot be allocated).
    pub fn zeros(batch: &[usize], rows: usize, cols: usize) -> PyResult<Stack<T>> {
        let mut shape = batch.to_vec();
        shape.extend([rows, cols]);
        let n =
            crate::array::checked_size(&shape).ok_or_else(|| alloc_failure(T::DTYPE, &shape))?;
        Ok(Stack {
            batch: batch.to_vec(),
            rows,
            cols,
            data: try_vec(n, T::default(), T::DTYPE, &shape)?,
        })
    }
}

/// Tile edge of the transposing copies.
const TILE: usize = 32;

/// `dst[d.at(i, j)] = src[s.at(i, j)]` for a `rows x cols` block, in cache-sized tiles.
pub fn copy_block<T: Copy + Default>(src: &[T], s: Mat, dst: &mut [T], d: Mat) {
    for i0 in (0..s.rows).step_by(TILE) {
        for j0 in (0..s.cols).step_by(TILE) {
            for j in j0..(j0 + TILE).min(s.cols) {
                for i in i0..(i0 + TILE).min(s.rows) {
                    let si = s.off + i as isize * s.rs + j as isize * s.cs;
                    let di = d.off + i as isize * d.rs + j as isize * d.cs;
                    let v = usize::try_from(si)
                        .ok()
                        .and_then(|k| src.get(k))
                        .copied()
                        .unwrap_or_default();
                    if let Some(slot) = usize::try_from(di).ok().and_then(|k| dst.get_mut(k)) {
                        *slot = v;
                    }
                }
            }
        }
    }
}

/// Element offsets of every batch position (C order) of `a`'s leading `nb` axes.
pub fn batch_offsets(a: &NdArray, nb: usize) -> Vec<isize> {
    let shape = &a.shape[..nb];
    let strides = &a.strides[..nb];
    let total: usize = shape.iter().product();
    let mut out = Vec::with_capacity(total);
    let mut idx = vec![0usize; nb];
    let mut pos = a.offset as isize;
    for _ in 0..total {
        out.push(pos);
        for ax in (0..nb).rev() {
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

/// `a` cast to `T` for gufunc `name`, or NumPy's `same_kind` UFuncTypeError (strings).
pub fn cast_input<T: Element>(a: &NdArray, name: &str) -> PyResult<NdArray> {
    if a.dtype == T::DTYPE {
        return Ok(a.clone());
    }
    if !a.dtype.is_numeric()
        || (a.dtype.kind() == crate::array::dtype::Kind::Complex
            && T::DTYPE.kind() != crate::array::dtype::Kind::Complex)
    {
        return Err(ufunc_type_error(format!(
            "Cannot cast ufunc '{name}' input from {} to {} with casting rule 'same_kind'",
            dtype_repr(a.dtype),
            dtype_repr(T::DTYPE)
        )));
    }
    a.astype(T::DTYPE)
}

/// The matrices of `a` (shape `(..., rows, cols)`, at least 2-D) as a column-major stack of `T`.
pub fn load<T: Element>(a: &NdArray, name: &str) -> PyResult<Stack<T>> {
    let x = cast_input::<T>(a, name)?;
    let nd = x.ndim();
    let (rows, cols) = (x.shape[nd - 2], x.shape[nd - 1]);
    let batch = x.shape[..nd - 2].to_vec();
    let mut st = Stack::<T>::zeros(&batch, rows, cols)?;
    let (rs, cs) = (x.strides[nd - 2], x.strides[nd - 1]);
    let src = T::slice(x.buf.data()).unwrap_or(&[]);
    let per = rows * cols;
    for (k, off) in batch_offsets(&x, nd - 2).into_iter().enumerate() {
        let s = Mat {
            off,
            rows,
            cols,
            rs,
            cs,
        };
        let d = Mat {
            off: (k * per) as isize,
            rows,
            cols,
            rs: 1,
            cs: rows as isize,
        };
        copy_block(src, s, &mut st.data, d);
    }
    Ok(st)
}

/// A column-major stack as a fresh C-ordered array of dtype `out`.
pub fn store<T: Element + Scalar>(st: &Stack<T>, out: DType) -> PyResult<NdArray> {
    let (rows, cols) = (st.rows, st.cols);
    let per = rows * cols;
    let mut v = vec![T::default(); st.data.len()];
    for k in 0..st.count() {
        let s = Mat {
            off: (k * per) as isize,
            rows,
            cols,
            rs: 1,
            cs: rows as isize,
        };
        copy_block(&st.data, s, &mut v, Mat::c(k * per, rows, cols));
    }
    let mut shape = st.batch.clone();
    shape.extend([rows, cols]);
    let arr = NdArray::from_vec(v, shape);
    if out == T::DTYPE {
        Ok(arr)
    } else {
        arr.astype(out)
    }
}

/// A batch of vectors (`n` per batch position) as an array of dtype `out`.
pub fn store_vectors<T: Element + Scalar>(
    batch: &[usize],
    n: usize,
    data: Vec<T>,
    out: DType,
) -> PyResult<NdArray> {
    let mut shape = batch.to_vec();
    shape.push(n);
    let arr = NdArray::from_vec(data, shape);
    if out == T::DTYPE {
        Ok(arr)
    } else {
        arr.astype(out)
    }
}

/// A batch of scalars as an array of dtype `out` (0-d for an empty batch shape).
pub fn store_scalars<T: Element + Scalar>(
    batch: &[usize],
    data: Vec<T>,
    out: DType,
) -> PyResult<NdArray> {
    let arr = NdArray::from_vec(data, batch.to_vec());
    if out == T::DTYPE {
        Ok(arr)
    } else {
        arr.astype(out)
    }
}
