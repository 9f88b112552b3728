//! Applying the lane kernels along one axis of an n-d array (any strides).
//!
//! In-place operations (`a.sort()`, `a.partition()`) write through the view into its buffer,
//! so sorting a slice of an array sorts that part of the base. Contiguous lanes are sorted
//! where they lie; strided lanes are gathered into a scratch run and scattered back.
//! Index results (`argsort`, `argpartition`) are fresh C-ordered int64 arrays, as NumPy
//! allocates them. Arrays with many lanes are split between two threads.

use super::strings;
use super::typed::SortElem;
use crate::array::element::Element;
use crate::array::{c_strides, NdArray};
use crate::errors::{value_error, PyResult};

/// Buffer offsets of the first element of every lane along `axis` (C order of the other axes).
pub fn lane_starts(shape: &[usize], strides: &[isize], offset: isize, axis: usize) -> Vec<isize> {
    let nd = shape.len();
    let count: usize = shape
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != axis)
        .map(|(_, &d)| d)
        .product();
    let mut out = Vec::with_capacity(count);
    if count == 0 {
        return out;
    }
    let dims: Vec<usize> = (0..nd).filter(|&k| k != axis).collect();
    let mut idx = vec![0usize; dims.len()];
    let mut pos = offset;
    for _ in 0..count {
        out.push(pos);
        for j in (0..dims.len()).rev() {
            let ax = dims[j];
            idx[j] += 1;
            pos += strides[ax];
            if idx[j] < shape[ax] {
                break;
            }
            pos -= strides[ax] * shape[ax] as isize;
            idx[j] = 0;
        }
    }
    out
}

/// What to do with each lane in place.
#[derive(Clone, Copy)]
pub enum InPlace<'a> {
    Sort,
    Partition(&'a [usize]),
}

/// What index result to compute per lane.
#[derive(Clone, Copy)]
pub enum ArgOp<'a> {
    Argsort,
    Argpartition(&'a [usize]),
}

/// Two threads when there are several lanes and enough work.
fn threads_for(lanes: usize, n: usize) -> usize {
    if lanes >= 2
        && lanes.saturating_mul(n) >= 1 << 16
        && crate::array::ufunc::kernel::parallel_enabled()
    {
        2
    } else {
        1
    }
}

/// A raw pointer handed to scoped threads that touch disjoint lanes.
#[derive(Clone, Copy)]
struct Shared<T>(*mut T);
// SAFETY: only used for lanes that never overlap (distinct lanes of one view).
unsafe impl<T> Send for Shared<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for Shared<T> {}

/// Sort or partition every lane of `a` along `axis`, in place.
pub fn inplace_along(a: &NdArray, axis: usize, op: InPlace) -> PyResult<()> {
    let n = a.shape.get(axis).copied().unwrap_or(0);
    if a.size() == 0 || n <= 1 && matches!(op, InPlace::Sort) {
        return Ok(());
    }
    if !a.writeable.get() {
        return Err(value_error(match op {
            InPlace::Sort => "sort array is read-only",
            InPlace::Partition(_) => "partition array is read-only",
        }));
    }
    let starts = lane_starts(&a.shape, &a.strides, a.offset as isize, axis);
    let stride = a.strides[axis];
    if a.dtype.kind() == crate::array::dtype::Kind::Str {
        return strings::inplace_lanes(a, &starts, stride, n, op);
    }
    crate::with_numeric!(a.dtype, T => inplace_typed::<T>(a, &starts, stride, n, op), str => Ok(()))
}

fn inplace_typed<T: SortElem>(
    a: &NdArray,
    starts: &[isize],
    stride: isize,
    n: usize,
    op: InPlace,
) -> PyResult<()> {
    let data = T::vec_mut(a.buf.data_mut())
        .ok_or_else(|| value_error("internal error: dtype mismatch"))?;
    let len = data.len() as isize;
    // Every lane must lie inside the buffer (views are built in bounds; check anyway).
    let last = (n as isize - 1) * stride;
    if starts
        .iter()
        .any(|&s| s < 0 || s >= len || s + last < 0 || s + last >= len)
    {
        return Err(value_error("internal error: lane outside the buffer"));
    }
    let base = Shared(data.as_mut_ptr());
    let run = |lanes: &[isize]| {
        // Capture the whole `Shared` (Send) rather than its raw-pointer field (not Send).
        #[allow(clippy::redundant_locals)]
        let base = base;
        let mut sc = T::Scratch::default();
        let mut tmp: Vec<T> = Vec::new();
        for &s in lanes {
            if stride == 1 {
                // SAFETY: the lane [s, s+n) is inside the buffer (checked above) and lanes
                // are disjoint, so no other thread touches it.
                let lane = unsafe { std::slice::from_raw_parts_mut(base.0.offset(s), n) };
                apply(lane, op, &mut sc);
            } else {
                tmp.clear();
                // SAFETY: s + j*stride is inside the buffer for j < n (checked above).
                tmp.extend((0..n).map(|j| unsafe { *base.0.offset(s + j as isize * stride) }));
                apply(&mut tmp, op, &mut sc);
                for (j, &x) in tmp.iter().enumerate() {
                    // SAFETY: as above.
                    unsafe { *base.0.offset(s + j as isize * stride) = x };
                }
            }
        }
    };
    if threads_for(starts.len(), n) == 2 {
        let (l, r) = starts.split_at(starts.len() / 2);
        std::thread::scope(|sc| {
            sc.spawn(|| run(r));
            run(l);
        });
    } else {
        run(starts);
    }
    Ok(())
}

fn apply<T: SortElem>(lane: &mut [T], op: InPlace, sc: &mut T::Scratch) {
    match op {
        InPlace::Sort => T::sort(lane, sc),
        InPlace::Partition(kth) => T::partition(lane, kth, sc),
    }
}

/// `argsort`/`argpartition` along `axis`: a fresh C-ordered int64 array of `a`'s shape.
pub fn arg_along(a: &NdArray, axis: usize, op: ArgOp) -> PyResult<NdArray> {
    let n = a.shape.get(axis).copied().unwrap_or(0);
    let size = a.size();
    let mut out =
        crate::array::index::alloc_vec::<i64>(size, crate::array::dtype::DType::Int64, &a.shape)?;
    out.resize(size, 0);
    if size == 0 {
        return Ok(NdArray::from_vec(out, a.shape.clone()));
    }
    let starts = lane_starts(&a.shape, &a.strides, a.offset as isize, axis);
    let cstr = c_strides(&a.shape);
    let ostarts = lane_starts(&a.shape, &cstr, 0, axis);
    let ostride = cstr[axis];
    if a.dtype.kind() == crate::array::dtype::Kind::Str {
        strings::arg_lanes(
            a,
            &starts,
            a.strides[axis],
            n,
            op,
            &mut out,
            &ostarts,
            ostride,
        )?;
    } else {
        crate::with_numeric!(a.dtype, T => arg_typed::<T>(a, &starts, a.strides[axis], n, op, &mut out, &ostarts, ostride)?, str => ());
    }
    Ok(NdArray::from_vec(out, a.shape.clone()))
}

#[allow(clippy::too_many_arguments)]
fn arg_typed<T: SortElem>(
    a: &NdArray,
    starts: &[isize],
    stride: isize,
    n: usize,
    op: ArgOp,
    out: &mut [i64],
    ostarts: &[isize],
    ostride: isize,
) -> PyResult<()> {
    let data =
        T::slice(a.buf.data()).ok_or_else(|| value_error("internal error: dtype mismatch"))?;
    let len = data.len() as isize;
    let last = (n as isize - 1) * stride;
    if starts
        .iter()
        .any(|&s| s < 0 || s >= len || s + last < 0 || s + last >= len)
    {
        return Err(value_error("internal error: lane outside the buffer"));
    }
    let olen = out.len() as isize;
    let olast = (n as isize - 1) * ostride;
    if ostarts.iter().any(|&s| s < 0 || s + olast >= olen) {
        return Err(value_error("internal error: lane outside the result"));
    }
    let obase = Shared(out.as_mut_ptr());
    let run = |lanes: &[isize], olanes: &[isize]| {
        // Capture the whole `Shared` (Send) rather than its raw-pointer field (not Send).
        #[allow(clippy::redundant_locals)]
        let obase = obase;
        let mut sc = T::Scratch::default();
        let mut tmp: Vec<T> = Vec::new();
        let mut idx: Vec<i64> = vec![0; n];
        for (&s, &o) in lanes.iter().zip(olanes) {
            let lane: &[T] = if stride == 1 {
                &data[s as usize..s as usize + n]
            } else {
                tmp.clear();
                tmp.extend((0..n).map(|j| data[(s + j as isize * stride) as usize]));
                &tmp
            };
            if ostride == 1 {
                // SAFETY: [o, o+n) lies inside `out` (checked) and lanes are disjoint.
                let dst = unsafe { std::slice::from_raw_parts_mut(obase.0.offset(o), n) };
                arg_apply(lane, dst, op, &mut sc);
            } else {
                arg_apply(lane, &mut idx, op, &mut sc);
                for (j, &x) in idx.iter().enumerate() {
                    // SAFETY: o + j*ostride lies inside `out` (checked); lanes are disjoint.
                    unsafe { *obase.0.offset(o + j as isize * ostride) = x };
                }
            }
        }
    };
    if threads_for(starts.len(), n) == 2 {
        let h = starts.len() / 2;
        std::thread::scope(|sc| {
            sc.spawn(|| run(&starts[h..], &ostarts[h..]));
            run(&starts[..h], &ostarts[..h]);
        });
    } else {
        run(starts, ostarts);
    }
    Ok(())
}

fn arg_apply<T: SortElem>(lane: &[T], dst: &mut [i64], op: ArgOp, sc: &mut T::Scratch) {
    match op {
        ArgOp::Argsort => T::argsort(lane, dst, sc),
        ArgOp::Argpartition(kth) => T::argpartition(lane, dst, kth, sc),
    }
}

/// The elements of a 1-D lane `s, s+stride, …` of a typed buffer (for callers that need a
/// contiguous copy).
pub fn gather<T: Element>(data: &[T], s: isize, stride: isize, n: usize) -> Vec<T> {
    (0..n)
        .filter_map(|j| data.get((s + j as isize * stride) as usize).copied())
        .collect()
}
