//! Classifying an index: NumPy's `prepare_index` (mapping.c).
//!
//! Each [`IndexItem`] becomes an [`Item`]; the `HAS_*` flags summarize the kinds present, as in
//! NumPy, and decide the code path: a full integer index, a single boolean mask of the array's
//! shape, a plain view, or advanced indexing. Boolean arrays other than that single mask are
//! turned into integer arrays (`nonzero`), one per boolean axis; 0-d integer arrays count as
//! integers; an ellipsis is appended when the index does not cover every axis.
//!
//! Errors are raised in NumPy's order: per item (second ellipsis, non-integer array), then too
//! many indices, then too many result dimensions, then boolean shape mismatches. Bounds are
//! checked later (view for integers, gather/scatter for arrays).

use super::mask::nonzero;
use super::IndexItem;
use crate::array::dtype::DType;
use crate::array::{shape_repr, NdArray};
use crate::errors::{index_error, PyResult};

/// An integer item (or a 0-d integer array).
pub const HAS_INTEGER: u32 = 1;
/// A `None` item.
pub const HAS_NEWAXIS: u32 = 2;
/// A slice item.
pub const HAS_SLICE: u32 = 4;
/// An ellipsis (given or appended).
pub const HAS_ELLIPSIS: u32 = 8;
/// An integer array item (or a converted boolean one).
pub const HAS_FANCY: u32 = 16;
/// A single boolean mask of the array's exact shape (the only item).
pub const HAS_BOOL: u32 = 32;
/// A 0-d integer array among basic items: NumPy then returns a copy.
pub const HAS_SCALAR_ARRAY: u32 = 64;

/// NumPy's `NPY_MAXDIMS`.
pub const MAXDIMS: usize = 64;

/// An integer index array, as int64.
#[derive(Debug, Clone)]
pub struct IndexArray {
    /// The index values (int64; the caller's array itself when it already was int64).
    pub values: NdArray,
    /// Element strides of the array as given, for NumPy's memory-order decisions.
    pub mem_strides: Vec<isize>,
    /// Whether the array was given as int64 (NumPy's `intp`: its 1-D fast path applies).
    pub given_intp: bool,
}

impl IndexArray {
    /// Wrap an integer array, casting it to int64 when needed (wrapping like NumPy's cast to
    /// `intp`).
    pub fn new(a: &NdArray) -> PyResult<IndexArray> {
        let mem_strides = a.strides.clone();
        let values = if a.dtype == DType::Int64 {
            a.clone()
        } else {
            a.astype(DType::Int64)?
        };
        Ok(IndexArray {
            values,
            mem_strides,
            given_intp: a.dtype == DType::Int64,
        })
    }

    /// Wrap an int64 array made here (from a boolean mask or a 0-d boolean).
    pub fn owned(values: NdArray) -> IndexArray {
        IndexArray {
            mem_strides: values.strides.clone(),
            values,
            given_intp: true,
        }
    }

    /// The shape of the index array.
    pub fn shape(&self) -> &[usize] {
        &self.values.shape
    }
}

/// One classified index item.
#[derive(Debug, Clone)]
pub enum Item {
    /// An integer (removes an axis).
    Int(i64),
    /// A slice.
    Slice {
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    },
    /// `None`.
    NewAxis,
    /// `...`, standing for this many axes.
    Ellipsis(usize),
    /// An integer array; `bool_len` is the length of the boolean axis it came from, if any.
    Fancy {
        index: IndexArray,
        bool_len: Option<usize>,
    },
    /// A 0-d boolean: a new advanced axis of length 1 (`True`) or 0 (`False`).
    ZeroDBool(bool),
    /// The single boolean mask of the array's shape.
    Mask(NdArray),
}

/// A classified index.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The items, ellipsis resolved (or appended).
    pub items: Vec<Item>,
    /// `HAS_*` flags.
    pub flags: u32,
    /// Dimensions of the result.
    pub ndim: usize,
    /// Dimensions of the broadcast advanced indices.
    pub fancy_ndim: usize,
}

/// `IndexError: too many indices for array` (index tuples longer than NumPy accepts).
fn too_many() -> crate::errors::Exception {
    index_error("too many indices for array")
}

/// Classify `items` for indexing `arr` (NumPy's `prepare_index`).
pub fn prepare(arr: &NdArray, items: &[IndexItem]) -> PyResult<Prepared> {
    let array_ndims = arr.ndim();
    if items.len() > 2 * MAXDIMS {
        return Err(too_many());
    }
    let mut out: Vec<Item> = Vec::with_capacity(items.len() + 1);
    let mut flags = 0u32;
    let (mut used, mut new, mut fancy) = (0usize, 0usize, 0usize);
    let mut ellipsis_pos = None;
    for item in items {
        if out.len() > 2 * MAXDIMS {
            return Err(too_many());
        }
        match item {
            IndexItem::Ellipsis => {
                if flags & HAS_ELLIPSIS != 0 {
                    return Err(index_error(
                        "an index can only have a single ellipsis ('...')",
                    ));
                }
                flags |= HAS_ELLIPSIS;
                ellipsis_pos = Some(out.len());
                out.push(Item::Ellipsis(0));
            }
            IndexItem::NewAxis => {
                flags |= HAS_NEWAXIS;
                new += 1;
                out.push(Item::NewAxis);
            }
            IndexItem::Slice { start, stop, step } => {
                flags |= HAS_SLICE;
                used += 1;
                new += 1;
                out.push(Item::Slice {
                    start: *start,
                    stop: *stop,
                    step: *step,
                });
            }
            IndexItem::Int(i) => {
                flags |= HAS_INTEGER;
                used += 1;
                out.push(Item::Int(*i));
            }
            IndexItem::Array(a) => {
                let a = if a.size() == 0 && a.dtype != DType::Bool && !a.dtype.is_integer() {
                    // An empty list is an empty integer index (NumPy casts empty sequences).
                    NdArray::from_vec(Vec::<i64>::new(), a.shape.clone())
                } else {
                    a.clone()
                };
                if a.dtype == DType::Bool {
                    if items.len() == 1 && a.shape == arr.shape {
                        flags = HAS_BOOL;
                        out.push(Item::Mask(a));
                        used = array_ndims;
                        fancy = array_ndims;
                        break;
                    }
                    if a.ndim() == 0 {
                        flags |= HAS_FANCY;
                        let truth = a.to_vec::<bool>().first().copied().unwrap_or(false);
                        out.push(Item::ZeroDBool(truth));
                        fancy = fancy.max(1);
                        continue;
                    }
                    let nz = nonzero(&a)?;
                    if out.len() + nz.len() >= 2 * MAXDIMS {
                        return Err(too_many());
                    }
                    flags |= HAS_FANCY;
                    for (axis, idx) in nz.iter().enumerate() {
                        let index = IndexArray::owned(idx.clone());
                        out.push(Item::Fancy {
                            index,
                            bool_len: Some(a.shape[axis]),
                        });
                        used += 1;
                    }
                    fancy = fancy.max(1);
                } else if a.dtype.is_integer() {
                    if a.ndim() == 0 {
                        let v = a
                            .astype(DType::Int64)?
                            .to_vec::<i64>()
                            .first()
                            .copied()
                            .unwrap_or(0);
                        flags |= HAS_INTEGER | HAS_SCALAR_ARRAY;
                        used += 1;
                        out.push(Item::Int(v));
                        continue;
                    }
                    fancy = fancy.max(a.ndim());
                    flags |= HAS_FANCY;
                    out.push(Item::Fancy {
                        index: IndexArray::new(&a)?,
                        bool_len: None,
                    });
                    used += 1;
                } else {
                    return Err(index_error(
                        "arrays used as indices must be of integer (or boolean) type",
                    ));
                }
            }
        }
    }

    if used < array_ndims {
        let missing = array_ndims - used;
        match ellipsis_pos {
            Some(p) => out[p] = Item::Ellipsis(missing),
            None => {
                flags |= HAS_ELLIPSIS;
                out.push(Item::Ellipsis(missing));
            }
        }
        new += missing;
    } else if used > array_ndims {
        return Err(index_error(format!(
            "too many indices for array: array is {array_ndims}-dimensional, but {used} were indexed"
        )));
    } else if items.is_empty() {
        // `a[()]` on a 0-d array is a full integer index: it gives the scalar.
        flags = HAS_INTEGER;
    }

    if flags & HAS_SCALAR_ARRAY != 0
        && (flags & HAS_FANCY != 0 || flags == HAS_INTEGER | HAS_SCALAR_ARRAY)
    {
        flags &= !HAS_SCALAR_ARRAY;
    }

    if flags & (HAS_NEWAXIS | HAS_FANCY) != 0 {
        if new + fancy > MAXDIMS {
            return Err(index_error(format!(
                "number of dimensions must be within [0, {MAXDIMS}], indexing result would have {}",
                new + fancy
            )));
        }
        check_bool_lengths(arr, &out)?;
    }
    Ok(Prepared {
        items: out,
        flags,
        ndim: new + fancy,
        fancy_ndim: fancy,
    })
}

/// Each integer array made from a (non-empty) boolean axis must match the length of the axis
/// it indexes.
fn check_bool_lengths(arr: &NdArray, items: &[Item]) -> PyResult<()> {
    let mut used = 0usize;
    for item in items {
        // NumPy skips the check for a boolean axis of length 0.
        if let Item::Fancy {
            bool_len: Some(len @ 1..),
            ..
        } = item
        {
            let size = arr.shape.get(used).copied().unwrap_or(0);
            if *len != size {
                return Err(index_error(format!(
                    "boolean index did not match indexed array along axis {used}; size of axis is {size} but size of corresponding boolean axis is {len}"
                )));
            }
        }
        used += match item {
            Item::Ellipsis(n) => *n,
            Item::NewAxis | Item::ZeroDBool(_) => 0,
            _ => 1,
        };
    }
    Ok(())
}

/// NumPy's shape string in index error messages: `(2,3)`, `(2,)` (no spaces).
pub fn compact_shape(shape: &[usize]) -> String {
    shape_repr(shape).replace(' ', "")
}
