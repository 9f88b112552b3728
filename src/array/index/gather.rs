//! Reading with advanced indices (`a[[0, 2]]`, `probs[np.arange(N), labels]`, `a[:, idx]`).
//!
//! The result is first built in NumPy's *mapped* order — broadcast index dimensions, then the
//! subspace (view) dimensions — in the memory layout NumPy allocates ([`fancy::mapped_strides`]).
//! When the advanced indices were adjacent and not first, NumPy returns a transposed view of
//! that buffer, and so do we (`base` set to the mapped array).
//!
//! Kernels are typed (one dtype dispatch), with a fused gather + bounds check for the common
//! single contiguous index, and contiguous block copies for subspace runs.

use std::rc::Rc;

use super::alloc_out;
use super::fancy::{
    self, bounds_error, map_info, outer_offsets, single_contiguous, wrap_index, CheckOrder, MapInfo,
};
use super::order::{f_strides, fresh};
use super::plan::{Item, Prepared, HAS_FANCY};
use crate::array::element::Element;
use crate::array::{c_strides, NdArray};
use crate::errors::{type_error, PyResult};

/// `a[index]` for an index with advanced items; `view` is the subspace view, if any.
pub fn fancy_get(arr: &NdArray, prep: &Prepared, view: Option<&NdArray>) -> PyResult<NdArray> {
    let info = map_info(arr, prep)?;
    let sub_shape = view.map(|v| v.shape.clone()).unwrap_or_default();
    let shape = fancy::iter_shape(&info, &sub_shape)?;
    let strides = match trivial_layout(prep, &info) {
        Some(s) => s,
        None => fancy::mapped_strides(&info, view),
    };
    let mapped = crate::with_numeric!(arr.dtype, T => gather_typed::<T>(arr, &info, view, shape, strides)?,
        str => return Err(type_error("string arrays are indexed through their positions")));
    if info.consec == 0 {
        return Ok(mapped);
    }
    let perm = fancy::consec_perm(&info, true);
    Ok(NdArray {
        buf: mapped.buf.clone(),
        dtype: mapped.dtype,
        shape: perm.iter().map(|&p| mapped.shape[p]).collect(),
        strides: perm.iter().map(|&p| mapped.strides[p]).collect(),
        offset: 0,
        base: Some(Rc::new(mapped)),
        writeable: std::cell::Cell::new(true),
    })
}

/// NumPy's 1-D fast path (`a1d[idx]` with a contiguous int64 index) allocates the result in
/// the index's order: Fortran when the index is F- but not C-contiguous, else C.
fn trivial_layout(prep: &Prepared, info: &MapInfo) -> Option<Vec<isize>> {
    let [Item::Fancy { index, .. }] = prep.items.as_slice() else {
        return None;
    };
    if prep.flags != HAS_FANCY || !index.given_intp {
        return None;
    }
    let v = &index.values;
    let (c, f) = (v.is_c_contiguous(), v.is_f_contiguous());
    if v.ndim() > 1 && !c && !f {
        return None;
    }
    Some(if f && !c {
        f_strides(&info.bshape)
    } else {
        c_strides(&info.bshape)
    })
}

/// Inner contiguous runs of a (sub)view: element offsets of each run start (C order) and the
/// run length (the trailing axes that are contiguous with stride 1 merge into one run).
pub fn sub_runs(shape: &[usize], strides: &[isize]) -> (Vec<isize>, usize) {
    let mut k = shape.len();
    let mut run = 1usize;
    while k > 0 && (shape[k - 1] == 1 || strides[k - 1] == run as isize) {
        run *= shape[k - 1];
        k -= 1;
    }
    let outer = &shape[..k];
    let n: usize = outer.iter().product();
    let mut offs = Vec::with_capacity(n);
    if n == 0 {
        return (offs, run);
    }
    let mut idx = vec![0usize; k];
    let mut pos = 0isize;
    for _ in 0..n {
        offs.push(pos);
        for ax in (0..k).rev() {
            idx[ax] += 1;
            pos += strides[ax];
            if idx[ax] < outer[ax] {
                break;
            }
            pos -= strides[ax] * outer[ax] as isize;
            idx[ax] = 0;
        }
    }
    (offs, run)
}

/// Build the mapped result for element type `T`.
fn gather_typed<T: Element>(
    arr: &NdArray,
    info: &MapInfo,
    view: Option<&NdArray>,
    shape: Vec<usize>,
    strides: Vec<isize>,
) -> PyResult<NdArray> {
    let src: &[T] = T::slice(arr.buf.data()).unwrap_or(&[]);
    let total: usize = shape.iter().product();
    let mut out = alloc_out::<T>(total, &shape)?;
    let (base, sub_shape, sub_strides): (isize, &[usize], &[isize]) = match view {
        Some(v) => (v.offset as isize, &v.shape, &v.strides),
        None => (arr.offset as isize, &[], &[]),
    };
    let sub_size: usize = sub_shape.iter().product();

    if sub_size == 1 {
        if let Some((idx, op)) = single_contiguous(info) {
            if gather_1d(src, base, op.dim, op.stride, idx, &mut out) {
                return Err(bounds_error(info, CheckOrder::Outer(view.is_some())));
            }
            return Ok(fresh(out, shape, strides));
        }
    }

    // NumPy checks a single index while reading it (in C order when it has a subspace to
    // copy); several indices are checked one after the other first.
    let check = match (info.ops.len(), total > 0, sub_size != 1) {
        (1, true, true) => CheckOrder::C,
        (1, true, false) => CheckOrder::Outer(view.is_some()),
        _ => CheckOrder::Separate,
    };
    let offs = outer_offsets(info, check)?;
    if total == 0 {
        return Ok(fresh(out, shape, strides));
    }
    if sub_size == 1 {
        out.extend(
            offs.iter()
                .map(|&o| src.get((base + o) as usize).copied().unwrap_or_default()),
        );
    } else {
        let (runs, run) = sub_runs(sub_shape, sub_strides);
        for &o in &offs {
            let b = base + o;
            if run == 1 {
                out.extend(
                    runs.iter()
                        .map(|&r| src.get((b + r) as usize).copied().unwrap_or_default()),
                );
            } else {
                for &r in &runs {
                    let s = (b + r) as usize;
                    match src.get(s..s + run) {
                        Some(block) => out.extend_from_slice(block),
                        None => out.extend(std::iter::repeat_n(T::default(), run)),
                    }
                }
            }
        }
    }
    Ok(fresh(out, shape, strides))
}

/// The fused single-index gather `out[k] = axis[idx[k]]` along an axis of length `len` and
/// element stride `stride` starting at `base`; returns true when some index was out of bounds.
fn gather_1d<T: Element>(
    src: &[T],
    base: isize,
    len: usize,
    stride: isize,
    idx: &[i64],
    out: &mut Vec<T>,
) -> bool {
    let mut bad = false;
    let start = base.max(0) as usize;
    if stride == 1 && start + len <= src.len() {
        let axis = &src[start..start + len];
        let n = len as i64;
        out.extend(idx.iter().map(|&i| {
            let j = if i < 0 { i.wrapping_add(n) } else { i };
            match axis.get(j as usize) {
                Some(&x) => x,
                None => {
                    bad = true;
                    T::default()
                }
            }
        }));
    } else {
        out.extend(idx.iter().map(|&i| {
            match wrap_index(i, len) {
                Some(j) => src
                    .get((base + j as isize * stride) as usize)
                    .copied()
                    .unwrap_or_default(),
                None => {
                    bad = true;
                    T::default()
                }
            }
        }));
    }
    bad
}
