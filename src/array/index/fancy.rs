//! Advanced (integer array) indices: broadcasting, placement and offsets.
//!
//! [`map_info`] is NumPy's `mapiter_fill_info`: it broadcasts the index arrays together (a 0-d
//! boolean multiplies the last broadcast dimension by 0 or 1), records for each the axis,
//! length and stride it indexes, and finds `consec`, the result position of the broadcast
//! dimensions when the advanced indices (integers count) are adjacent; otherwise they go first.
//!
//! [`outer_offsets`] turns the indices into element offsets, one per point of the broadcast
//! shape (C order), with negative indices wrapped and bounds checked; [`bounds_error`] reports
//! the first bad index in the order NumPy checks them (index by index, each in memory order).

use super::order;
use super::plan::{compact_shape, IndexArray, Item, Prepared, MAXDIMS};
use crate::array::layout::index_out_of_bounds;
use crate::array::NdArray;
use crate::errors::{index_error, value_error, Exception, PyResult};

/// One advanced index, placed.
#[derive(Debug, Clone)]
pub struct FancyOp {
    /// The index values (int64).
    pub index: IndexArray,
    /// Length of the indexed axis.
    pub dim: usize,
    /// Element stride of the indexed axis.
    pub stride: isize,
    /// The indexed axis of the original array (`None` for a 0-d boolean).
    pub axis: Option<usize>,
}

/// The advanced part of an index.
#[derive(Debug, Clone)]
pub struct MapInfo {
    /// The advanced indices, in index order.
    pub ops: Vec<FancyOp>,
    /// Their broadcast shape.
    pub bshape: Vec<usize>,
    /// Result position of the broadcast dimensions (0: they come first).
    pub consec: usize,
    /// Result dimensions.
    pub nd: usize,
}

/// Broadcast and place the advanced indices of `prep` (which must contain some).
pub fn map_info(arr: &NdArray, prep: &Prepared) -> PyResult<MapInfo> {
    let nd_fancy = prep.fancy_ndim;
    let mut dims = vec![1usize; nd_fancy];
    let mut ops: Vec<FancyOp> = Vec::new();
    let (mut consec, mut status) = (0usize, -1i32);
    let (mut curr_dim, mut result_dim) = (0usize, 0usize);
    for item in &prep.items {
        let advanced = matches!(item, Item::Int(_) | Item::Fancy { .. } | Item::ZeroDBool(_));
        if advanced {
            if status == -1 {
                consec = result_dim;
                status = 0;
            } else if status == 1 {
                status = 2;
                consec = 0;
            }
        } else if status == 0 {
            status = 1;
        }
        if matches!(item, Item::Fancy { .. } | Item::ZeroDBool(_)) && ops.len() >= MAXDIMS {
            return Err(index_error(format!(
                "too many advanced (array) indices. This probably means you are indexing with too many booleans. (more than {MAXDIMS} found)"
            )));
        }
        match item {
            Item::Fancy { index, .. } => {
                ops.push(FancyOp {
                    index: index.clone(),
                    dim: arr.shape[curr_dim],
                    stride: arr.strides[curr_dim],
                    axis: Some(curr_dim),
                });
                curr_dim += 1;
                let mut b = nd_fancy;
                for &d in index.shape().iter().rev() {
                    b -= 1;
                    if d != 1 && d != dims[b] {
                        if dims[b] != 1 {
                            return Err(broadcast_error(prep));
                        }
                        dims[b] = d;
                    }
                }
            }
            Item::ZeroDBool(truth) => {
                let n = usize::from(*truth);
                ops.push(FancyOp {
                    index: zero_d_bool_index(n),
                    dim: 1,
                    stride: 0,
                    axis: None,
                });
                let last = nd_fancy - 1;
                if n == 0 && dims[last] > 1 {
                    return Err(broadcast_error(prep));
                }
                dims[last] *= n;
            }
            Item::Ellipsis(n) => {
                curr_dim += n;
                result_dim += n;
            }
            Item::NewAxis => result_dim += 1,
            Item::Int(_) | Item::Slice { .. } | Item::Mask(_) => {
                curr_dim += 1;
                result_dim += 1;
            }
        }
    }
    Ok(MapInfo {
        ops,
        bshape: dims,
        consec,
        nd: prep.ndim,
    })
}

/// The index array NumPy substitutes for a 0-d boolean: `n` zeros (n = 1 for True).
fn zero_d_bool_index(n: usize) -> IndexArray {
    IndexArray::owned(NdArray::from_vec(vec![0i64; n], vec![n]))
}

/// `shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) `.
fn broadcast_error(prep: &Prepared) -> Exception {
    let mut msg = String::from(
        "shape mismatch: indexing arrays could not be broadcast together with shapes ",
    );
    for item in &prep.items {
        let shape = match item {
            Item::Fancy { index, .. } => compact_shape(index.shape()),
            Item::ZeroDBool(t) => compact_shape(&[usize::from(*t)]),
            _ => continue,
        };
        msg.push_str(&shape);
        msg.push(' ');
    }
    index_error(msg)
}

/// The full shape of the mapped result before any transposition: broadcast dims, then the
/// subspace's, checked against overflow.
pub fn iter_shape(info: &MapInfo, sub_shape: &[usize]) -> PyResult<Vec<usize>> {
    let mut shape = info.bshape.clone();
    shape.extend_from_slice(sub_shape);
    let fits = shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .is_some_and(|n| n <= isize::MAX as usize);
    if !fits {
        return Err(value_error(
            "advanced indexing operation result is too large",
        ));
    }
    Ok(shape)
}

/// `idx` wrapped into `[0, len)`, or None when out of bounds.
#[inline(always)]
pub fn wrap_index(idx: i64, len: usize) -> Option<usize> {
    let j = if idx < 0 {
        idx.wrapping_add(len as i64)
    } else {
        idx
    };
    if (j as u64) < len as u64 {
        Some(j as usize)
    } else {
        None
    }
}

/// The values of `op` broadcast to `shape`, in C order.
fn broadcast_values<'a>(
    op: &'a IndexArray,
    shape: &[usize],
) -> PyResult<std::borrow::Cow<'a, [i64]>> {
    let n: usize = shape.iter().product();
    if op.values.size() == n {
        if let Some(s) = op.values.as_slice::<i64>() {
            return Ok(std::borrow::Cow::Borrowed(s));
        }
    }
    let b = op.values.broadcast_to(shape)?;
    Ok(std::borrow::Cow::Owned(b.to_vec::<i64>()))
}

/// The order in which NumPy checks indices, which decides the IndexError reported when
/// several are out of bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckOrder {
    /// Index by index, each as `PyArray_MapIterCheckIndices` walks it (before any writes).
    Separate,
    /// The single index, as NumPy's outer iterator visits it while reading (no subspace);
    /// true when the result is preallocated with positive strides (a view exists), which
    /// keeps the iterator from flipping negative strides.
    Outer(bool),
    /// The single index in C order (read while iterating a subspace).
    C,
}

/// Element offsets (sum of wrapped index × axis stride over the advanced indices) for every
/// point of the broadcast shape in C order. Indices are not checked when that shape is empty,
/// as in NumPy; `check` picks the order a bad index is reported in.
pub fn outer_offsets(info: &MapInfo, check: CheckOrder) -> PyResult<Vec<isize>> {
    let n: usize = info.bshape.iter().product();
    let mut offs: Vec<isize> = super::alloc_out_isize(n, &info.bshape)?;
    if n == 0 {
        return Ok(offs);
    }
    offs.resize(n, 0);
    for op in &info.ops {
        let vals = broadcast_values(&op.index, &info.bshape)?;
        let (len, stride) = (op.dim, op.stride);
        let mut bad = false;
        for (o, &v) in offs.iter_mut().zip(vals.iter()) {
            match wrap_index(v, len) {
                Some(j) => *o += j as isize * stride,
                None => bad = true,
            }
        }
        if bad {
            return Err(bounds_error(info, check));
        }
    }
    Ok(offs)
}

/// The IndexError for the first out-of-bounds index, in NumPy's checking order.
pub fn bounds_error(info: &MapInfo, check: CheckOrder) -> Exception {
    for op in &info.ops {
        let vals = op.index.values.to_vec::<i64>();
        let order = visit_order(op, check).unwrap_or_else(|| (0..vals.len()).collect());
        for k in order {
            if let Some(&v) = vals.get(k) {
                if wrap_index(v, op.dim).is_none() {
                    return index_out_of_bounds(v, op.axis.unwrap_or(0), op.dim);
                }
            }
        }
    }
    index_error("index out of bounds")
}

/// C-order positions of an index array's elements in the order NumPy visits them (None: C
/// order). An int64 1-D index is walked as given; other indices by the nditer in memory
/// order (negative strides flipped), except the single 1-D index of the outer iterator.
fn visit_order(op: &FancyOp, check: CheckOrder) -> Option<Vec<usize>> {
    let shape = op.index.shape();
    let one_d = shape.len() <= 1;
    let dont_negate = match check {
        CheckOrder::C => return None,
        CheckOrder::Outer(preallocated) => one_d || preallocated,
        CheckOrder::Separate => {
            if one_d && op.index.given_intp {
                return None;
            }
            false
        }
    };
    let strides = order::broadcast_op_strides(shape, shape, &op.index.mem_strides);
    order::keep_order_visit(shape, &[strides], dont_negate)
}

/// Whether the advanced indices' values can be used directly as one contiguous int64 slice
/// covering the broadcast shape (a single index, no broadcasting).
pub fn single_contiguous(info: &MapInfo) -> Option<(&[i64], &FancyOp)> {
    let [op] = info.ops.as_slice() else {
        return None;
    };
    let n: usize = info.bshape.iter().product();
    if op.index.values.size() != n {
        return None;
    }
    op.index.values.as_slice::<i64>().map(|s| (s, op))
}

/// The permutation taking the mapped result (broadcast dims first) to NumPy's result order,
/// or back (`getmap` false), as `_get_transpose` builds it.
pub fn consec_perm(info: &MapInfo, getmap: bool) -> Vec<usize> {
    let (n1, n2, n3) = (info.bshape.len(), info.consec, info.nd);
    let bnd = if getmap { n1 } else { n2 };
    let mut dims: Vec<usize> = (bnd..n1 + n2).collect();
    dims.extend(0..bnd);
    dims.extend(n1 + n2..n3);
    dims
}

/// Strides of the mapped result (broadcast dims, then subspace dims), NumPy's allocation:
/// without an iterated subspace the broadcast dims follow the index arrays' memory order;
/// with one, they are C-ordered outside the subspace block, which follows the indexed
/// array's stride order.
pub fn mapped_strides(info: &MapInfo, sub: Option<&NdArray>) -> Vec<isize> {
    let sub_size = sub.map(|v| v.size()).unwrap_or(1);
    let nb = info.bshape.len();
    let mut strides = if sub_size == 1 {
        let ops: Vec<Vec<isize>> = info
            .ops
            .iter()
            .map(|op| {
                order::broadcast_op_strides(&info.bshape, op.index.shape(), &op.index.mem_strides)
            })
            .collect();
        order::keep_order_strides(&info.bshape, &ops, 1)
    } else {
        let mut s = vec![0isize; nb];
        let mut acc = sub_size as isize;
        for ax in (0..nb).rev() {
            s[ax] = acc;
            acc = acc.saturating_mul(info.bshape[ax] as isize);
        }
        s
    };
    if let Some(v) = sub {
        strides.extend(order::stride_order_strides(&v.shape, &v.strides));
    }
    strides
}
