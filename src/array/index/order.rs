//! Memory layouts of index results, as NumPy allocates them.
//!
//! NumPy's advanced-indexing result is not always C-contiguous: the broadcast index dimensions
//! follow the index arrays' memory order (the nditer's `KEEPORDER`), the subspace dimensions
//! follow the indexed array's stride order, and when the advanced dimensions go in the middle
//! the result is a transposed view (`a[:, [0, 2]]` is F-ordered). These helpers compute those
//! strides (in elements) and lay values out accordingly. Fresh empty arrays get all-zero
//! strides, as NumPy's allocator sets them.

use crate::array::element::Element;
use crate::array::{c_strides, NdArray};
use crate::errors::PyResult;

/// Strides of `op` (shape `op_shape`) broadcast against `shape`, as the nditer sees them: zero
/// for missing or length-1 operand axes and for axes where `shape` is 1.
pub fn broadcast_op_strides(
    shape: &[usize],
    op_shape: &[usize],
    op_strides: &[isize],
) -> Vec<isize> {
    let nd = shape.len();
    let lead = nd.saturating_sub(op_shape.len());
    (0..nd)
        .map(|a| {
            if shape[a] == 1 || a < lead {
                return 0;
            }
            let oa = a - lead;
            if op_shape[oa] == 1 {
                0
            } else {
                op_strides[oa]
            }
        })
        .collect()
}

/// The nditer's `KEEPORDER` axis order for operands with the given broadcast strides
/// (`npyiter_find_best_axis_ordering`: a stable insertion sort on absolute strides where C
/// order wins ties and conflicts): C axes from innermost to outermost.
pub fn keep_order_perm(shape: &[usize], ops: &[Vec<isize>]) -> Vec<usize> {
    let nd = shape.len();
    // Iterator axis k is C axis nd-1-k; perm lists iterator axes from innermost outwards.
    let stride_of = |k: usize, op: usize| ops[op].get(nd - 1 - k).copied().unwrap_or(0);
    let mut perm: Vec<usize> = (0..nd).collect();
    for i0 in 1..nd {
        let j0 = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let j1 = perm[i1];
            let (mut ambig, mut swap) = (true, false);
            for op in 0..ops.len() {
                let (s0, s1) = (stride_of(j0, op), stride_of(j1, op));
                if s0 != 0 && s1 != 0 {
                    if s1.abs() <= s0.abs() {
                        swap = false;
                    } else if ambig {
                        swap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm[ipos..=i0].rotate_right(1);
        }
    }
    perm.into_iter().map(|k| nd - 1 - k).collect()
}

/// Strides for a new array of `shape` laid out in `KEEPORDER` for operands with the given
/// broadcast strides, innermost stride `inner`.
pub fn keep_order_strides(shape: &[usize], ops: &[Vec<isize>], inner: isize) -> Vec<isize> {
    let mut out = vec![0isize; shape.len()];
    let mut stride = inner;
    for axis in keep_order_perm(shape, ops) {
        out[axis] = stride;
        stride = stride.saturating_mul(shape[axis] as isize);
    }
    out
}

/// The order in which the nditer (`KEEPORDER`, negative strides flipped unless
/// `dont_negate`) visits the points of `shape`, as C-order positions; None when that is plain
/// C order.
pub fn keep_order_visit(
    shape: &[usize],
    ops: &[Vec<isize>],
    dont_negate: bool,
) -> Option<Vec<usize>> {
    let nd = shape.len();
    let perm = keep_order_perm(shape, ops);
    let flip: Vec<bool> = (0..nd)
        .map(|a| {
            !dont_negate
                && ops.iter().any(|o| o.get(a).is_some_and(|&s| s < 0))
                && ops.iter().all(|o| o.get(a).is_none_or(|&s| s <= 0))
        })
        .collect();
    let c_order = perm.iter().enumerate().all(|(i, &a)| a == nd - 1 - i);
    if c_order && !flip.iter().any(|&f| f) {
        return None;
    }
    let n: usize = shape.iter().product();
    let cs = c_strides(shape);
    // Odometer over the axes from outermost to innermost iteration position.
    let axes: Vec<usize> = perm.iter().rev().copied().collect();
    let mut idx = vec![0usize; nd];
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let pos: isize = (0..nd)
            .map(|a| {
                let i = if flip[a] {
                    shape[a] - 1 - idx[a]
                } else {
                    idx[a]
                };
                i as isize * cs[a]
            })
            .sum();
        out.push(pos as usize);
        for &a in axes.iter().rev() {
            idx[a] += 1;
            if idx[a] < shape[a] {
                break;
            }
            idx[a] = 0;
        }
    }
    Some(out)
}

/// Axes sorted by decreasing absolute stride, ties by axis (`PyArray_CreateSortedStridePerm`).
pub fn sorted_stride_perm(strides: &[isize]) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..strides.len()).collect();
    perm.sort_by(|&a, &b| strides[b].abs().cmp(&strides[a].abs()).then(a.cmp(&b)));
    perm
}

/// Contiguous strides (innermost 1) for `shape` following the stride order of `strides`.
pub fn stride_order_strides(shape: &[usize], strides: &[isize]) -> Vec<isize> {
    let perm = sorted_stride_perm(strides);
    let mut out = vec![0isize; shape.len()];
    let mut stride = 1isize;
    for &p in perm.iter().rev() {
        out[p] = stride;
        stride = stride.saturating_mul(shape[p] as isize);
    }
    out
}

/// Fortran-order element strides.
pub fn f_strides(shape: &[usize]) -> Vec<isize> {
    let mut out = vec![0isize; shape.len()];
    let mut acc = 1isize;
    for (s, &d) in out.iter_mut().zip(shape) {
        *s = acc;
        acc = acc.saturating_mul(d.max(1) as isize);
    }
    out
}

/// Whether a contiguous block with these strides is in C order (length-1 axes ignored).
pub fn is_c_layout(shape: &[usize], strides: &[isize]) -> bool {
    let mut expected = 1isize;
    for (&d, &s) in shape.iter().zip(strides).rev() {
        if d != 1 {
            if s != expected {
                return false;
            }
            expected = expected.saturating_mul(d as isize);
        }
    }
    true
}

/// Place values given in C order into the buffer order of a contiguous block with `strides`.
pub fn to_layout<T: Copy>(c_order: Vec<T>, shape: &[usize], strides: &[isize]) -> Vec<T> {
    if c_order.is_empty() || is_c_layout(shape, strides) {
        return c_order;
    }
    let mut out = c_order.clone();
    let nd = shape.len();
    let mut idx = vec![0usize; nd];
    let mut pos = 0isize;
    for &x in &c_order {
        if let Some(slot) = out.get_mut(pos as usize) {
            *slot = x;
        }
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

/// A fresh owning array from values in C order, stored with `strides` (a contiguous layout);
/// empty arrays get zero strides as NumPy's allocator gives them.
pub fn fresh<T: Element>(c_order: Vec<T>, shape: Vec<usize>, strides: Vec<isize>) -> NdArray {
    let data = to_layout(c_order, &shape, &strides);
    let mut a = NdArray::from_vec(data, shape);
    a.strides = if a.size() == 0 {
        vec![0; a.ndim()]
    } else {
        strides
    };
    a
}

/// `PyArray_NewCopy(view, NPY_KEEPORDER)`: C order when C-contiguous (or 1-D), Fortran order
/// when F-contiguous, else the view's stride order.
pub fn copy_keep_order(v: &NdArray) -> PyResult<NdArray> {
    let strides = if v.is_c_contiguous() || v.ndim() <= 1 {
        c_strides(&v.shape)
    } else if v.is_f_contiguous() {
        f_strides(&v.shape)
    } else {
        stride_order_strides(&v.shape, &v.strides)
    };
    crate::with_numeric!(v.dtype, T => Ok(fresh::<T>(v.to_vec::<T>(), v.shape.clone(), strides)), str => v.copy())
}
