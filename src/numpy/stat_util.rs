//! Array plumbing shared by the statistics and nan-function families: NumPy's `_ureduce`
//! (several axes folded into one, `keepdims`), moving an axis to the front, gathering rows
//! along axis 0, `np.where`-style selection, and thin wrappers over ufuncs and reductions.

use crate::array::dtype::DType;
use crate::array::layout::{normalize_axis, BasicIndex};
use crate::array::reduce::{self, ReduceOp};
use crate::array::ufunc::{self, BinaryOp, Operand, UnaryOp, WeakScalar};
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};

/// `a op b` with NumPy's promotion.
pub fn bin(op: BinaryOp, a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    ufunc::binary(op, Operand::Array(a), Operand::Array(b), None, None)
}

/// `a op x` for a Python float `x` (weak).
pub fn bin_f(op: BinaryOp, a: &NdArray, x: f64) -> PyResult<NdArray> {
    ufunc::binary(
        op,
        Operand::Array(a),
        Operand::Weak(WeakScalar::Float(x)),
        None,
        None,
    )
}

/// `op(a)`.
pub fn un(op: UnaryOp, a: &NdArray) -> PyResult<NdArray> {
    ufunc::unary(op, a, None)
}

/// `np.<op>(a, axis=axis, keepdims=keepdims, dtype=dtype)`.
pub fn red(
    op: ReduceOp,
    a: &NdArray,
    axis: Option<&[i64]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> PyResult<NdArray> {
    reduce::reduce(op, a, axis, keepdims, dtype)
}

/// Normalize an axis tuple (NumPy's `normalize_axis_tuple`: AxisError, duplicates).
pub fn axis_tuple(axes: &[i64], ndim: usize) -> PyResult<Vec<usize>> {
    let mut out = Vec::new();
    for &a in axes {
        let k = normalize_axis(a, ndim)?;
        if out.contains(&k) {
            return Err(value_error("repeated axis"));
        }
        out.push(k);
    }
    Ok(out)
}

/// NumPy's `_ureduce` set-up: the array with the reduced axes folded into the last one (when
/// there are several), the single axis to reduce (`None`: all, flattened), and the reduced
/// axes for `keepdims`.
pub struct Ureduce {
    pub arr: NdArray,
    pub axis: Option<usize>,
    pub reduced: Option<Vec<usize>>,
    pub ndim: usize,
}

/// Plan a `_ureduce` over `axis` (None, or axes).
pub fn ureduce(a: &NdArray, axis: Option<&[i64]>) -> PyResult<Ureduce> {
    let nd = a.ndim();
    let Some(axes) = axis else {
        return Ok(Ureduce {
            arr: a.clone(),
            axis: None,
            reduced: None,
            ndim: nd,
        });
    };
    let ax = axis_tuple(axes, nd)?;
    if ax.len() == 1 {
        return Ok(Ureduce {
            arr: a.clone(),
            axis: Some(ax[0]),
            reduced: Some(ax),
            ndim: nd,
        });
    }
    let keep: Vec<usize> = (0..nd).filter(|k| !ax.contains(k)).collect();
    // moveaxis(a, keep, range(nkeep)): kept axes first (in order), then the reduced ones in
    // their original order.
    let mut perm: Vec<i64> = keep.iter().map(|&k| k as i64).collect();
    perm.extend((0..nd).filter(|k| ax.contains(k)).map(|k| k as i64));
    let moved = a.transpose(Some(&perm))?;
    let mut shape: Vec<i64> = keep.iter().map(|&k| a.shape[k] as i64).collect();
    shape.push(-1);
    let arr = match moved.reshape(&shape) {
        Ok(r) => r,
        Err(_) => moved.copy()?.reshape(&shape)?,
    };
    let last = arr.ndim() - 1;
    Ok(Ureduce {
        arr,
        axis: Some(last),
        reduced: Some(ax),
        ndim: nd,
    })
}

impl Ureduce {
    /// `r[(..., ) + index_r]`: new axes where reduced axes were (all of them for axis=None).
    pub fn keepdims(&self, r: NdArray, keepdims: bool) -> PyResult<NdArray> {
        if !keepdims {
            return Ok(r);
        }
        let lead =
            r.ndim() + self.reduced.as_ref().map(|v| v.len()).unwrap_or(self.ndim) - self.ndim;
        let mut shape: Vec<i64> = r.shape[..lead.min(r.ndim())]
            .iter()
            .map(|&d| d as i64)
            .collect();
        let mut rest = r.shape[lead.min(r.ndim())..].iter();
        for k in 0..self.ndim {
            let reduced = self.reduced.as_ref().is_none_or(|v| v.contains(&k));
            if reduced {
                shape.push(1);
            } else {
                shape.push(rest.next().copied().unwrap_or(1) as i64);
            }
        }
        let r = if r.is_c_contiguous() { r } else { r.copy()? };
        r.reshape(&shape)
    }
}

/// `np.moveaxis(a, ax, 0)` (a view).
pub fn axis_to_front(a: &NdArray, ax: usize) -> PyResult<NdArray> {
    let mut perm: Vec<i64> = vec![ax as i64];
    perm.extend((0..a.ndim()).filter(|&k| k != ax).map(|k| k as i64));
    a.transpose(Some(&perm))
}

/// `np.moveaxis(a, 0, ax)` (a view).
pub fn front_to_axis(a: &NdArray, ax: usize) -> PyResult<NdArray> {
    let mut order: Vec<usize> = (1..a.ndim()).collect();
    order.insert(ax.min(order.len()), 0);
    let perm: Vec<i64> = order.iter().map(|&k| k as i64).collect();
    a.transpose(Some(&perm))
}

/// `a[lo:hi]` along `axis` (a view).
pub fn slice_axis(a: &NdArray, axis: usize, lo: i64, hi: i64) -> PyResult<NdArray> {
    let mut idx = vec![
        BasicIndex::Slice {
            start: None,
            stop: None,
            step: None
        };
        axis
    ];
    idx.push(BasicIndex::Slice {
        start: Some(lo),
        stop: Some(hi),
        step: None,
    });
    a.basic_index(&idx)
}

/// `a[i]` along `axis` (a view; negative `i` from the end).
pub fn index_axis(a: &NdArray, axis: usize, i: i64) -> PyResult<NdArray> {
    let mut idx = vec![
        BasicIndex::Slice {
            start: None,
            stop: None,
            step: None
        };
        axis
    ];
    idx.push(BasicIndex::Int(i));
    a.basic_index(&idx)
}

/// `arr[idx]` for `arr` of shape `(n, rest...)` and in-range row numbers `idx` (any shape):
/// a fresh array of shape `idx.shape + rest`.
pub fn take_rows(arr: &NdArray, idx: &[i64], idx_shape: &[usize]) -> PyResult<NdArray> {
    let n = arr.shape.first().copied().unwrap_or(0) as i64;
    let c = arr.copy()?;
    let m: usize = arr.shape[1..].iter().product();
    let mut shape: Vec<usize> = idx_shape.to_vec();
    shape.extend_from_slice(&arr.shape[1..]);
    let rows: Vec<usize> = idx
        .iter()
        .map(|&i| {
            let k = if i < 0 { i + n } else { i };
            if k < 0 || k >= n {
                return Err(value_error("index out of range"));
            }
            Ok(k as usize)
        })
        .collect::<PyResult<_>>()?;
    let flat: Vec<usize> = rows.iter().flat_map(|&r| (r * m)..(r * m + m)).collect();
    let g = crate::array::sort::setops::gather1d(&c.reshape(&[-1])?, &flat);
    let sh: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
    g.reshape(&sh)
}

/// `np.where(mask, x, y)` for arrays of one shape (x's dtype, mask broadcast by C order).
pub fn select(mask: &[bool], x: &NdArray, y: &NdArray) -> PyResult<NdArray> {
    let yc = if y.dtype == x.dtype {
        y.clone()
    } else {
        y.astype(x.dtype)?
    };
    crate::with_numeric!(x.dtype, T => {
        let xv = x.to_vec::<T>();
        let yv = yc.to_vec::<T>();
        let out: Vec<T> = xv.iter().zip(&yv).zip(mask.iter().chain(std::iter::repeat(&false))).map(|((&a, &b), &m)| if m { a } else { b }).collect();
        Ok(NdArray::from_vec(out, x.shape.clone()))
    }, str => Ok(y.clone()))
}

/// The truth values of a boolean array in C order.
pub fn bools(a: &NdArray) -> Vec<bool> {
    if a.dtype == DType::Bool {
        a.to_vec::<bool>()
    } else {
        a.astype(DType::Bool)
            .map(|b| b.to_vec::<bool>())
            .unwrap_or_default()
    }
}

/// `np.isnan(a)` as C-ordered booleans (all false for non-float arrays).
pub fn isnan_vec(a: &NdArray) -> PyResult<Vec<bool>> {
    if !matches!(
        a.dtype.kind(),
        crate::array::dtype::Kind::Float | crate::array::dtype::Kind::Complex
    ) {
        return Ok(vec![false; a.size()]);
    }
    Ok(bools(&un(UnaryOp::Isnan, a)?))
}
