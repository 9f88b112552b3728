//! Sorting, selection and searching kernels of the array core.
//!
//! * [`keys`]: order-preserving integer keys of the real dtypes (NaN last, NumPy's order);
//! * [`radix`]: stable LSD radix sort (two threads on large inputs);
//! * [`msd`]: stable MSD radix sort of large lanes (two passes through memory);
//! * [`select`]: argpartition of large lanes by selecting the kth values first;
//! * [`par`]: the two-thread helpers of the large-lane kernels;
//! * [`typed`]: the per-dtype lane kernels (sort, argsort, partition, argpartition, `less`);
//! * [`strings`]: the same for fixed-width strings;
//! * [`axis`]: running a lane kernel along one axis of any view (in place or into a fresh
//!   index array).
//!
//! All sorts are stable: `kind='quicksort'` (NumPy's default, unstable there) gives the stable
//! order too, so ties come out deterministically in input order.

pub mod axis;
pub mod hashorder;
pub mod keys;
pub mod msd;
pub mod par;
pub mod radix;
pub mod search;
pub mod select;
pub mod setops;
pub mod strings;
pub mod typed;
pub mod unique;

use crate::array::element::Element;
use crate::array::layout::normalize_axis;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};
use axis::{ArgOp, InPlace};

/// `a.sort(axis)` in place (writes through views).
pub fn sort_inplace(a: &NdArray, axis: i64) -> PyResult<()> {
    let ax = normalize_axis(axis, a.ndim())?;
    axis::inplace_along(a, ax, InPlace::Sort)
}

/// `a.argsort(axis)`: stable, a fresh C-ordered int64 array.
pub fn argsort(a: &NdArray, axis: i64) -> PyResult<NdArray> {
    let ax = normalize_axis(axis, a.ndim())?;
    axis::arg_along(a, ax, ArgOp::Argsort)
}

/// Normalize `kth` values against an axis of length `n`: negative values count from the end;
/// out-of-range ones raise NumPy's ValueError. Returns them sorted and deduplicated.
pub fn normalize_kth(kth: &[i64], n: usize) -> PyResult<Vec<usize>> {
    let mut out = Vec::with_capacity(kth.len());
    for &k in kth {
        let kk = if k < 0 { k + n as i64 } else { k };
        if kk < 0 || kk >= n as i64 {
            return Err(value_error(format!("kth(={kk}) out of bounds ({n})")));
        }
        out.push(kk as usize);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// `a.partition(kth, axis)` in place.
pub fn partition_inplace(a: &NdArray, kth: &[i64], axis: i64) -> PyResult<()> {
    let ax = normalize_axis(axis, a.ndim())?;
    let ks = normalize_kth(kth, a.shape[ax])?;
    axis::inplace_along(a, ax, InPlace::Partition(&ks))
}

/// `a.argpartition(kth, axis)`: a fresh C-ordered int64 array.
pub fn argpartition(a: &NdArray, kth: &[i64], axis: i64) -> PyResult<NdArray> {
    let ax = normalize_axis(axis, a.ndim())?;
    let ks = normalize_kth(kth, a.shape[ax])?;
    axis::arg_along(a, ax, ArgOp::Argpartition(&ks))
}

/// `np.take_along_axis(a, idx, axis)` for an index array of `a`'s shape whose entries are
/// valid positions along `axis` (argsort results): a fresh C-ordered array.
pub fn take_along_axis(a: &NdArray, idx: &NdArray, axis: usize) -> PyResult<NdArray> {
    let n = a.shape.get(axis).copied().unwrap_or(0);
    let ind = idx.to_vec_i64()?;
    let cstr = crate::array::c_strides(&a.shape);
    let starts = axis::lane_starts(&a.shape, &a.strides, a.offset as isize, axis);
    let ostarts = axis::lane_starts(&a.shape, &cstr, 0, axis);
    let (st, ost) = (a.strides[axis], cstr[axis]);
    // Buffer index of output element (lane, j).
    let src_index = |s: isize, o: isize, j: usize| -> Option<usize> {
        let k = *ind.get((o + j as isize * ost) as usize)?;
        if k < 0 || k as usize >= n {
            return None;
        }
        Some((s + k as isize * st) as usize)
    };
    if let crate::array::dtype::DType::Str(w) = a.dtype {
        let crate::array::buffer::Data::Str { chars, .. } = a.buf.data() else {
            return Err(value_error("internal error: not a string array"));
        };
        let mut out = vec!['\0'; a.size() * w];
        for (&s, &o) in starts.iter().zip(&ostarts) {
            for j in 0..n {
                let i = src_index(s, o, j).ok_or_else(|| value_error("index out of range"))?;
                let d = (o + j as isize * ost) as usize * w;
                if let (Some(dst), Some(src)) = (out.get_mut(d..d + w), chars.get(i * w..i * w + w))
                {
                    dst.copy_from_slice(src);
                }
            }
        }
        return Ok(NdArray::from_data(
            crate::array::buffer::Data::Str {
                chars: out,
                width: w,
            },
            a.shape.clone(),
        ));
    }
    crate::with_numeric!(a.dtype, T => {
        let data = T::slice(a.buf.data()).ok_or_else(|| value_error("internal error: dtype mismatch"))?;
        let mut out = vec![T::default(); a.size()];
        for (&s, &o) in starts.iter().zip(&ostarts) {
            for j in 0..n {
                let i = src_index(s, o, j).ok_or_else(|| value_error("index out of range"))?;
                let d = (o + j as isize * ost) as usize;
                if let (Some(dst), Some(&x)) = (out.get_mut(d), data.get(i)) {
                    *dst = x;
                }
            }
        }
        Ok(NdArray::from_vec(out, a.shape.clone()))
    }, str => Err(value_error("internal error")))
}

/// `np.lexsort(keys, axis)` for keys of one shape (the last key is the primary one): stable
/// argsorts from the least significant key up.
pub fn lexsort(keys: &[NdArray], axis: usize) -> PyResult<NdArray> {
    let Some(first) = keys.first() else {
        return Err(value_error("need sequence of keys with len > 0 in lexsort"));
    };
    let mut perm = axis::arg_along(first, axis, ArgOp::Argsort)?;
    for k in &keys[1..] {
        let g = take_along_axis(k, &perm, axis)?;
        let o = axis::arg_along(&g, axis, ArgOp::Argsort)?;
        perm = take_along_axis(&perm, &o, axis)?;
    }
    Ok(perm)
}
