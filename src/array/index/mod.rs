//! NumPy indexing: `a[index]` and `a[index] = value` for basic, advanced (integer array) and
//! boolean indices, with NumPy 2.4's results, memory layouts and error messages.
//!
//! The flow mirrors NumPy's `mapping.c`:
//!
//! 1. [`plan`] classifies the index (`prepare_index`): integers, slices, `None`, `...`,
//!    integer arrays (cast to int64), boolean arrays (a single full-shape mask, a 0-d boolean,
//!    or masks converted to integer arrays via `nonzero`), and reports index errors in NumPy's
//!    order.
//! 2. [`view`] applies the non-array items as a view (`get_view_from_index`). Without array
//!    items that view *is* the result (basic indexing), or the assignment target.
//! 3. [`fancy`] broadcasts the array items, finds where their dimensions go in the result
//!    (`mapiter_fill_info`) and turns them into bounds-checked element offsets.
//! 4. [`gather`] builds the copy for reading, in NumPy's exact memory layout ([`order`]);
//!    [`scatter`] writes values for assignment; [`mask`] is the single-boolean-mask fast path.
//!
//! Views come back with `base: None`, like [`NdArray::basic_index`]: the caller links them to
//! their base with [`NdArray::linked_to`]. Advanced-index results own fresh buffers (or, when
//! NumPy returns a transposed view of its result buffer, are such a view with `base` set).

pub mod fancy;
pub mod gather;
pub mod mask;
pub mod order;
pub mod plan;
pub mod scatter;
pub mod view;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use crate::array::buffer::{advise_huge, alloc_failure, Buffer, Data};
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::{Elem, NdArray};
use crate::errors::{type_error, value_error, Exception, PyResult};

use plan::{
    Item, HAS_BOOL, HAS_ELLIPSIS, HAS_FANCY, HAS_INTEGER, HAS_NEWAXIS, HAS_SCALAR_ARRAY, HAS_SLICE,
};

/// One item of an index tuple, as the interpreter hands it over.
#[derive(Debug, Clone)]
pub enum IndexItem {
    /// A Python integer or NumPy integer scalar (`np.int64(2)`). A 0-d integer *array* goes in
    /// `Array`: NumPy treats it as an integer too, but mixed with slices it makes a copy.
    Int(i64),
    /// `start:stop:step`.
    Slice {
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    },
    /// `None` / `np.newaxis`.
    NewAxis,
    /// `...`.
    Ellipsis,
    /// An integer or boolean array (Python lists are converted by the caller with `np.array`
    /// semantics; an empty non-integer array is taken as an empty integer index, as NumPy does
    /// for `a[[]]`). A 0-d boolean (`True`, `np.bool_(False)`) adds an axis.
    Array(NdArray),
}

impl NdArray {
    /// `a[index]`: a view when every item is basic (int/slice/None/...), else a copy (advanced
    /// indexing). A full integer index (see [`NdArray::index_is_scalar`]) gives a 0-d view,
    /// which NumPy would turn into a scalar.
    pub fn get_index(&self, items: &[IndexItem]) -> PyResult<NdArray> {
        if let DType::Str(_) = self.dtype {
            return self.str_get_index(items);
        }
        let prep = plan::prepare(self, items)?;
        if prep.flags == HAS_BOOL {
            if let Some(Item::Mask(m)) = prep.items.first() {
                return mask::mask_get(self, m);
            }
        }
        if prep.flags == HAS_ELLIPSIS {
            let mut v = self.clone();
            v.base = None;
            return Ok(v);
        }
        let view = if prep.flags & (HAS_SLICE | HAS_NEWAXIS | HAS_ELLIPSIS | HAS_INTEGER) != 0 {
            let v = view::subspace_view(self, &prep.items)?;
            if prep.flags & HAS_SCALAR_ARRAY != 0 {
                return order::copy_keep_order(&v);
            }
            Some(v)
        } else {
            None
        };
        if prep.flags & HAS_FANCY == 0 {
            // Only reachable with a view (an index without any item is an ellipsis).
            return Ok(view.unwrap_or_else(|| self.clone()));
        }
        gather::fancy_get(self, &prep, view.as_ref())
    }

    /// `a[index] = value`: `value` is broadcast to the indexed shape and cast to this array's
    /// dtype (unsafe casting, as NumPy's setitem). Repeated fancy indices: the last write wins.
    pub fn set_index(&self, items: &[IndexItem], value: &NdArray) -> PyResult<()> {
        if !self.writeable.get() {
            return Err(value_error("assignment destination is read-only"));
        }
        let prep = plan::prepare(self, items)?;
        if prep.flags == HAS_INTEGER {
            // A single element: NumPy's `PyArray_Pack` takes only 0-d values.
            let target = view::subspace_view(self, &prep.items)?;
            return match pack_error(self.dtype, value) {
                Some(e) => Err(e),
                None if value.ndim() > 0 => target.assign(&truth_of_single(value)),
                None => target.assign(value),
            };
        }
        if let DType::Str(_) = self.dtype {
            return self.str_set_index(items, value);
        }
        if prep.flags == HAS_BOOL {
            if let Some(Item::Mask(m)) = prep.items.first() {
                return mask::mask_set(self, m, value);
            }
        }
        let view = if prep.flags == HAS_ELLIPSIS {
            Some(self.clone())
        } else if prep.flags & (HAS_SLICE | HAS_NEWAXIS | HAS_ELLIPSIS | HAS_INTEGER) != 0 {
            Some(view::subspace_view(self, &prep.items)?)
        } else {
            None
        };
        if prep.flags & HAS_FANCY == 0 {
            return view.unwrap_or_else(|| self.clone()).assign(value);
        }
        scatter::fancy_set(self, &prep, view.as_ref(), value)
    }

    /// Whether `a[index]` is a full integer index, for which NumPy returns a scalar rather
    /// than a 0-d array (`a[1, 2]`, `a[np.int64(0)]` on 1-D, `a[()]` on 0-d). Items that make
    /// `get_index` fail answer false.
    pub fn index_is_scalar(&self, items: &[IndexItem]) -> bool {
        let ints = items
            .iter()
            .filter(|it| match it {
                IndexItem::Int(_) => true,
                IndexItem::Array(a) => a.ndim() == 0 && a.dtype.is_integer(),
                _ => false,
            })
            .count();
        ints == items.len() && ints == self.ndim()
    }

    /// `get_index` for string arrays: index an int64 array of buffer positions with the same
    /// layout, then map the chosen positions back to strings.
    fn str_get_index(&self, items: &[IndexItem]) -> PyResult<NdArray> {
        let ids = self.position_ids(false)?;
        let r = ids.get_index(items)?;
        if Rc::ptr_eq(&r.buf, &ids.buf) {
            return Ok(NdArray {
                buf: self.buf.clone(),
                dtype: self.dtype,
                base: None,
                writeable: std::cell::Cell::new(self.writeable.get()),
                ..r
            });
        }
        let buf = Rc::new(Buffer::new(self.strings_at(&r.buf)));
        let base = r.base.as_ref().map(|b| {
            Rc::new(NdArray {
                buf: buf.clone(),
                dtype: self.dtype,
                base: None,
                ..(**b).clone()
            })
        });
        Ok(NdArray {
            buf,
            dtype: self.dtype,
            base,
            ..r
        })
    }

    /// The strings of this array's buffer at the positions held (as int64) in `positions`,
    /// in `positions`' buffer order.
    fn strings_at(&self, positions: &Buffer) -> Data {
        let width = self.dtype_width();
        let (Data::Str { chars, .. }, Data::I64(pos)) = (self.buf.data(), positions.data()) else {
            return Data::Str {
                chars: Vec::new(),
                width,
            };
        };
        let mut out = Vec::with_capacity(pos.len() * width);
        for &p in pos {
            let start = p.max(0) as usize * width;
            match chars.get(start..start + width) {
                Some(s) => out.extend_from_slice(s),
                None => out.extend(std::iter::repeat_n('\0', width)),
            }
        }
        Data::Str { chars: out, width }
    }

    /// `set_index` for string arrays: assign negative value-position ids into an int64 array of
    /// this array's buffer positions, then copy the chosen strings where ids were replaced.
    /// String values keep their layout (it decides the winner among repeated indices) and are
    /// truncated to this array's width when copied.
    fn str_set_index(&self, items: &[IndexItem], value: &NdArray) -> PyResult<()> {
        let value = if let DType::Str(_) = value.dtype {
            value.clone()
        } else {
            value.astype(self.dtype)?
        };
        let ids = self.position_ids(false)?;
        let vids = value.position_ids(true)?;
        ids.set_index(items, &vids)?;
        let (width, vwidth) = (self.dtype_width(), value.dtype_width());
        let src: Vec<char> = match value.buf.data() {
            Data::Str { chars, .. } => chars.clone(),
            _ => Vec::new(),
        };
        let (Data::I64(written), Data::Str { chars, .. }) = (ids.buf.data(), self.buf.data_mut())
        else {
            return Ok(());
        };
        for (p, &w) in written.iter().enumerate() {
            if w >= 0 {
                continue;
            }
            let from = (-(w + 1)) as usize * vwidth;
            if let Some(dst) = chars.get_mut(p * width..(p + 1) * width) {
                let s = src.get(from..from + vwidth).unwrap_or(&[]);
                for (k, d) in dst.iter_mut().enumerate() {
                    *d = s.get(k).copied().unwrap_or('\0');
                }
            }
        }
        Ok(())
    }

    /// An int64 array with this array's shape, strides and offset over a fresh buffer holding
    /// each buffer position `p` (or `-(p + 1)` when `negative`).
    fn position_ids(&self, negative: bool) -> PyResult<NdArray> {
        let n = self.buf.len();
        let mut v = alloc_out::<i64>(n, &[n])?;
        if negative {
            v.extend((0..n as i64).map(|p| -(p + 1)));
        } else {
            v.extend(0..n as i64);
        }
        Ok(NdArray {
            buf: Rc::new(Buffer::new(Data::I64(v))),
            dtype: DType::Int64,
            shape: self.shape.clone(),
            strides: self.strides.clone(),
            offset: self.offset,
            base: None,
            writeable: std::cell::Cell::new(self.writeable.get()),
        })
    }
}

/// NumPy's error for storing an array with dimensions into one element (`a[0] = [1, 2]`), or
/// None when it is allowed (0-d values; a size-1 value into a bool array, by truthiness).
fn pack_error(dtype: DType, value: &NdArray) -> Option<Exception> {
    if value.ndim() == 0 {
        return None;
    }
    match dtype {
        DType::Bool if value.size() == 1 => None,
        DType::Complex64 | DType::Complex128 => Some(type_error(
            "only 0-dimensional arrays can be converted to Python scalars",
        )),
        DType::Str(_) => Some(value_error("setting an array element with a sequence")),
        _ => Some(value_error("setting an array element with a sequence.")),
    }
}

/// The truth value of a size-1 array's element, as a 0-d bool array (strings: non-empty).
fn truth_of_single(value: &NdArray) -> NdArray {
    let truth = match value.elems().first() {
        Some(Elem::Bool(b)) => *b,
        Some(Elem::Int(i)) => *i != 0,
        Some(Elem::UInt(u)) => *u != 0,
        Some(Elem::Float(f)) => *f != 0.0,
        Some(Elem::Complex(c)) => c.re != 0.0 || c.im != 0.0,
        Some(Elem::Str(s)) => !s.is_empty(),
        None => false,
    };
    NdArray::scalar(truth)
}

/// An empty vector with room for `n` elements of an array of `dtype` and `shape` (NumPy's
/// MemoryError when it cannot be had); large ones are advised for huge pages. Unlike
/// `buffer::try_vec` it does not fill, so kernels write each output element exactly once.
pub(crate) fn alloc_vec<T>(n: usize, dtype: DType, shape: &[usize]) -> PyResult<Vec<T>> {
    let bytes = n.checked_mul(std::mem::size_of::<T>().max(1));
    let mut v: Vec<T> = Vec::new();
    if bytes.is_none_or(|b| b > isize::MAX as usize) || v.try_reserve_exact(n).is_err() {
        return Err(alloc_failure(dtype, shape));
    }
    advise_huge(&v);
    Ok(v)
}

/// [`alloc_vec`] for the element type of the output array.
pub(crate) fn alloc_out<T: Element>(n: usize, shape: &[usize]) -> PyResult<Vec<T>> {
    alloc_vec::<T>(n, T::DTYPE, shape)
}

/// [`alloc_vec`] for element offsets (reported as NumPy's `intp`, int64).
pub(crate) fn alloc_out_isize(n: usize, shape: &[usize]) -> PyResult<Vec<isize>> {
    alloc_vec::<isize>(n, DType::Int64, shape)
}
