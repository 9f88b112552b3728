//! The n-dimensional array: a shared buffer plus dtype, shape, strides and offset.
//!
//! An [`NdArray`] is a *view description* over an `Rc<Buffer>`. Views (slices, transposes,
//! reshapes, broadcasts) share the buffer and differ only in shape/strides/offset, so they are
//! O(1) and alias their base exactly as NumPy's do. Strides and offset are in elements; NumPy's
//! byte strides are `stride * itemsize`.
//!
//! Kernels borrow typed ndarray views ([`NdArray::view`]) built from raw parts; see
//! `layout.rs` for slicing/reshaping, `cast.rs` for dtype conversion, `assign.rs` for writes.

pub mod assign;
pub mod buffer;
pub mod cast;
pub mod dtype;
pub mod element;
pub mod index;
pub mod layout;
pub mod reduce;
pub mod sort;
pub mod ufunc;

use std::rc::Rc;

use ndarray::{ArrayViewD, ArrayViewMutD, IxDyn, ShapeBuilder};

use buffer::{Buffer, Data, C128};
use dtype::DType;
use element::{Element, Scalar};

use crate::errors::{value_error, PyResult};

/// An n-dimensional array (or view) in NumPy's sense.
#[derive(Debug, Clone)]
pub struct NdArray {
    /// The shared element store.
    pub buf: Rc<Buffer>,
    pub dtype: DType,
    pub shape: Vec<usize>,
    /// Element strides (may be negative or zero).
    pub strides: Vec<isize>,
    /// Element offset of index (0, 0, ...) into the buffer.
    pub offset: usize,
    /// The array that owns the memory, for a view (`arr.base`); `None` when this owns its data.
    pub base: Option<Rc<NdArray>>,
    /// False for read-only views such as `np.broadcast_to` results.
    pub writeable: std::cell::Cell<bool>,
}

/// One element read out of an array, in the widest Rust type of its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Complex(C128),
    Str(String),
}

/// `(3, 4)`, `(5,)`, `()` — Python's tuple repr of a shape.
pub fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// C-order (row-major) element strides for `shape`.
pub fn c_strides(shape: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc: isize = 1;
    for (i, &d) in shape.iter().enumerate().rev() {
        strides[i] = acc;
        acc = acc.saturating_mul(d.max(1) as isize);
    }
    strides
}

/// Product of the dimensions, or MemoryError-worthy overflow as None.
pub fn checked_size(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d))
}

impl NdArray {
    /// A fresh C-contiguous array owning `data`, which must hold `product(shape)` elements.
    pub fn from_data(data: Data, shape: Vec<usize>) -> NdArray {
        let dtype = data.dtype();
        let strides = c_strides(&shape);
        NdArray {
            buf: Rc::new(Buffer::new(data)),
            dtype,
            shape,
            strides,
            offset: 0,
            base: None,
            writeable: std::cell::Cell::new(true),
        }
    }

    /// A fresh array from a typed vector.
    pub fn from_vec<T: Element>(v: Vec<T>, shape: Vec<usize>) -> NdArray {
        NdArray::from_data(T::wrap(v), shape)
    }

    /// A 1-D array from a typed vector.
    pub fn from_vec1<T: Element>(v: Vec<T>) -> NdArray {
        let n = v.len();
        NdArray::from_vec(v, vec![n])
    }

    /// A 0-d array holding one element.
    pub fn scalar<T: Element>(x: T) -> NdArray {
        NdArray::from_vec(vec![x], vec![])
    }

    /// `np.zeros(shape, dtype)`.
    pub fn zeros(dtype: DType, shape: &[usize]) -> PyResult<NdArray> {
        let n = checked_size(shape).ok_or_else(|| buffer::alloc_failure(dtype, shape))?;
        Ok(NdArray::from_data(
            Data::zeros(dtype, n, shape)?,
            shape.to_vec(),
        ))
    }

    /// `np.full(shape, x)` for a typed fill value.
    pub fn full<T: Element>(shape: &[usize], x: T) -> PyResult<NdArray> {
        let n = checked_size(shape).ok_or_else(|| buffer::alloc_failure(T::DTYPE, shape))?;
        Ok(NdArray::from_vec(
            buffer::try_vec(n, x, T::DTYPE, shape)?,
            shape.to_vec(),
        ))
    }

    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Strides in bytes, as NumPy reports them.
    pub fn byte_strides(&self) -> Vec<isize> {
        let item = self.dtype.itemsize() as isize;
        self.strides.iter().map(|s| s * item).collect()
    }

    /// Whether this array owns its buffer (NumPy's `OWNDATA`).
    pub fn owns_data(&self) -> bool {
        self.base.is_none()
    }

    /// NumPy's `C_CONTIGUOUS` flag (dimensions of length 1 are ignored; empty arrays are).
    pub fn is_c_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected: isize = 1;
        for (&d, &s) in self.shape.iter().zip(&self.strides).rev() {
            if d != 1 {
                if s != expected {
                    return false;
                }
                expected *= d as isize;
            }
        }
        true
    }

    /// NumPy's `F_CONTIGUOUS` flag.
    pub fn is_f_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected: isize = 1;
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            if d != 1 {
                if s != expected {
                    return false;
                }
                expected *= d as isize;
            }
        }
        true
    }

    /// The contiguous element range `[offset, offset+size)` when C-contiguous.
    fn contiguous_range(&self) -> Option<std::ops::Range<usize>> {
        if self.is_c_contiguous() {
            Some(self.offset..self.offset + self.size())
        } else {
            None
        }
    }

    /// The elements as a slice, when the array is C-contiguous and of type `T`.
    pub fn as_slice<T: Element>(&self) -> Option<&[T]> {
        let range = self.contiguous_range()?;
        T::slice(self.buf.data())?.get(range)
    }

    /// Mutable contiguous slice (see `Buffer::data_mut` for the aliasing contract).
    #[allow(clippy::mut_from_ref)]
    pub fn as_slice_mut<T: Element>(&self) -> Option<&mut [T]> {
        let range = self.contiguous_range()?;
        T::vec_mut(self.buf.data_mut())?.get_mut(range)
    }

    /// The lowest buffer index this view touches and the per-axis flips needed to reach the
    /// logical order, so an ndarray view can be built with non-negative strides.
    fn raw_layout(&self) -> (usize, Vec<usize>, Vec<usize>, Vec<usize>) {
        let mut low = self.offset as isize;
        let mut flips = Vec::new();
        let mut abs_strides = Vec::with_capacity(self.ndim());
        for (axis, (&d, &s)) in self.shape.iter().zip(&self.strides).enumerate() {
            if s < 0 && d > 0 {
                low += s * (d as isize - 1);
                flips.push(axis);
            }
            abs_strides.push(s.unsigned_abs());
        }
        (low.max(0) as usize, self.shape.clone(), abs_strides, flips)
    }

    /// A typed read-only ndarray view of the elements (logical order, any strides).
    ///
    /// Returns None when `T` is not this array's element type.
    pub fn view<T: Element>(&self) -> Option<ArrayViewD<'_, T>> {
        let data = T::slice(self.buf.data())?;
        if self.size() == 0 {
            return ArrayViewD::from_shape(IxDyn(&self.shape), &[]).ok();
        }
        let (low, shape, strides, flips) = self.raw_layout();
        let ptr = data.get(low..)?.as_ptr();
        // SAFETY: every index reachable through (shape, strides) from `low` lies inside the
        // buffer (views are only ever built in bounds), and strides are non-negative here.
        let mut v =
            unsafe { ArrayViewD::from_shape_ptr(IxDyn(&shape).strides(IxDyn(&strides)), ptr) };
        for axis in flips {
            v.invert_axis(ndarray::Axis(axis));
        }
        Some(v)
    }

    /// A typed mutable ndarray view (see `Buffer::data_mut` for the aliasing contract).
    pub fn view_mut<T: Element>(&self) -> Option<ArrayViewMutD<'_, T>> {
        let data = T::vec_mut(self.buf.data_mut())?;
        if self.size() == 0 {
            return ArrayViewMutD::from_shape(IxDyn(&self.shape), &mut []).ok();
        }
        let (low, shape, strides, flips) = self.raw_layout();
        let ptr = data.get_mut(low..)?.as_mut_ptr();
        // SAFETY: as in `view`; views never have two indices mapping to one element unless a
        // stride is 0 (broadcast views), which are read-only and never reach here for writing.
        let mut v =
            unsafe { ArrayViewMutD::from_shape_ptr(IxDyn(&shape).strides(IxDyn(&strides)), ptr) };
        for axis in flips {
            v.invert_axis(ndarray::Axis(axis));
        }
        Some(v)
    }

    /// The elements in C order as a fresh vector.
    pub fn to_vec<T: Element>(&self) -> Vec<T> {
        if let Some(s) = self.as_slice::<T>() {
            let mut v = buffer::advised_vec(s.len());
            v.extend_from_slice(s);
            return v;
        }
        self.view::<T>()
            .map(|v| v.iter().copied().collect())
            .unwrap_or_default()
    }

    /// The string elements in C order (empty for non-string arrays).
    pub fn to_strings(&self) -> Vec<String> {
        let Data::Str { chars, width } = self.buf.data() else {
            return Vec::new();
        };
        let width = *width;
        self.indices_c_order()
            .into_iter()
            .map(|i| {
                let start = i * width;
                chars
                    .get(start..start + width)
                    .map(|cs| cs.iter().take_while(|&&c| c != '\0').collect())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// Buffer indices of all elements in C order.
    pub fn indices_c_order(&self) -> Vec<usize> {
        let n = self.size();
        let mut out = Vec::with_capacity(n);
        if n == 0 {
            return out;
        }
        let nd = self.ndim();
        let mut idx = vec![0usize; nd];
        let mut pos = self.offset as isize;
        for _ in 0..n {
            out.push(pos as usize);
            for ax in (0..nd).rev() {
                idx[ax] += 1;
                pos += self.strides[ax];
                if idx[ax] < self.shape[ax] {
                    break;
                }
                pos -= self.strides[ax] * self.shape[ax] as isize;
                idx[ax] = 0;
            }
        }
        out
    }

    /// A C-contiguous copy that owns its data.
    pub fn copy(&self) -> PyResult<NdArray> {
        let data = crate::with_numeric!(self.dtype, T => T::wrap(self.to_vec::<T>()),
        str => {
            let width = self.dtype_width();
            let mut chars = Vec::with_capacity(self.size() * width);
            for s in self.to_strings() {
                let mut n = 0;
                for c in s.chars().take(width) { chars.push(c); n += 1; }
                chars.extend(std::iter::repeat_n('\0', width - n));
            }
            Data::Str { chars, width }
        });
        Ok(NdArray::from_data(data, self.shape.clone()))
    }

    /// Width in characters of a string dtype (0 for others).
    pub fn dtype_width(&self) -> usize {
        match self.dtype {
            DType::Str(w) => w,
            _ => 0,
        }
    }

    /// The element at buffer index `i`, widened.
    pub fn elem_at_buffer(&self, i: usize) -> Elem {
        fn get<T: Scalar>(d: &Data, i: usize) -> T {
            T::slice(d)
                .and_then(|s| s.get(i))
                .copied()
                .unwrap_or_default()
        }
        let d = self.buf.data();
        match self.dtype {
            DType::Bool => Elem::Bool(get::<bool>(d, i)),
            DType::Int8 => Elem::Int(get::<i8>(d, i) as i64),
            DType::Int16 => Elem::Int(get::<i16>(d, i) as i64),
            DType::Int32 => Elem::Int(get::<i32>(d, i) as i64),
            DType::Int64 => Elem::Int(get::<i64>(d, i)),
            DType::UInt8 => Elem::UInt(get::<u8>(d, i) as u64),
            DType::UInt16 => Elem::UInt(get::<u16>(d, i) as u64),
            DType::UInt32 => Elem::UInt(get::<u32>(d, i) as u64),
            DType::UInt64 => Elem::UInt(get::<u64>(d, i)),
            DType::Float16 => Elem::Float(get::<half::f16>(d, i).to_f64()),
            DType::Float32 => Elem::Float(get::<f32>(d, i) as f64),
            DType::Float64 => Elem::Float(get::<f64>(d, i)),
            DType::Complex64 => Elem::Complex(get::<buffer::C64>(d, i).to_c128()),
            DType::Complex128 => Elem::Complex(get::<C128>(d, i)),
            DType::Str(w) => match d {
                Data::Str { chars, .. } => Elem::Str(
                    chars
                        .get(i * w..(i + 1) * w)
                        .map(|cs| cs.iter().take_while(|&&c| c != '\0').collect())
                        .unwrap_or_default(),
                ),
                _ => Elem::Str(String::new()),
            },
        }
    }

    /// All elements in C order, widened (for printing, `tolist`, iteration).
    pub fn elems(&self) -> Vec<Elem> {
        self.indices_c_order()
            .into_iter()
            .map(|i| self.elem_at_buffer(i))
            .collect()
    }

    /// The single element of a size-1 array (`item()`), or NumPy's ValueError.
    pub fn item(&self) -> PyResult<Elem> {
        if self.size() != 1 {
            return Err(value_error(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        Ok(self.elem_at_buffer(self.offset))
    }

    /// Buffer index of the element at multi-index `idx` (already in range).
    pub fn buffer_index(&self, idx: &[usize]) -> usize {
        let mut pos = self.offset as isize;
        for (&i, &s) in idx.iter().zip(&self.strides) {
            pos += i as isize * s;
        }
        pos as usize
    }

    /// Whether two arrays can share memory (same buffer; NumPy's `may_share_memory`, exact
    /// enough for `shares_memory` when extents are compared).
    pub fn shares_buffer(&self, other: &NdArray) -> bool {
        Rc::ptr_eq(&self.buf, &other.buf)
    }

    /// Whether the element ranges of two views of the same buffer overlap (bounds test).
    pub fn may_overlap(&self, other: &NdArray) -> bool {
        if !self.shares_buffer(other) || self.size() == 0 || other.size() == 0 {
            return false;
        }
        let (a0, a1) = self.extent();
        let (b0, b1) = other.extent();
        a0 <= b1 && b0 <= a1
    }

    /// Lowest and highest buffer index touched.
    pub fn extent(&self) -> (usize, usize) {
        let mut lo = self.offset as isize;
        let mut hi = self.offset as isize;
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            if d == 0 {
                return (self.offset, self.offset);
            }
            let span = s * (d as isize - 1);
            if span < 0 {
                lo += span;
            } else {
                hi += span;
            }
        }
        (lo.max(0) as usize, hi.max(0) as usize)
    }

    /// Exact `np.shares_memory`: some element index is reachable from both views.
    pub fn shares_memory_exact(&self, other: &NdArray) -> bool {
        if !self.may_overlap(other) {
            return false;
        }
        // Small enough to enumerate: compare the sets of touched indices.
        if self.size().saturating_add(other.size()) <= 4_000_000 {
            let mut a = self.indices_c_order();
            a.sort_unstable();
            return other
                .indices_c_order()
                .iter()
                .any(|i| a.binary_search(i).is_ok());
        }
        true
    }

    /// This array marked as a view of `src` (its base is `src`'s owner), when it shares
    /// `src`'s buffer; otherwise unchanged. Call on every result derived from `src`.
    pub fn linked_to(mut self, src: &Rc<NdArray>) -> NdArray {
        if self.base.is_none() && Rc::ptr_eq(&self.buf, &src.buf) {
            self.base = Some(match &src.base {
                Some(b) => b.clone(),
                None => src.clone(),
            });
        }
        self
    }
}
