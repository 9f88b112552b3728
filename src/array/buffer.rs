//! The shared element store behind arrays and their views.
//!
//! A [`Buffer`] owns one typed vector of elements. Arrays hold it by `Rc`, so a view (a slice, a
//! transpose, a reshape) shares it with its base: writing through either is seen through the
//! other, as in NumPy. The vector sits in an `UnsafeCell` because NumPy semantics need aliasing
//! mutable access (`a[1:] += a[:-1]` reads and writes one buffer); every kernel that writes goes
//! through [`NdArray`](super::NdArray) methods which copy an overlapping source first.
//!
//! Allocation never aborts: sizes are checked and `try_reserve` failures become NumPy's
//! `MemoryError`. Large buffers are advised for transparent huge pages, as NumPy does, which makes
//! first touch of a fresh 80 MB array ~5x cheaper.

use std::cell::UnsafeCell;

use num_complex::Complex;

use super::dtype::DType;
use crate::errors::{memory_error, PyResult};

/// complex64 element.
pub type C64 = Complex<f32>;
/// complex128 element.
pub type C128 = Complex<f64>;

/// The typed element vector of a buffer. Strings are stored as UCS-4 code points, `width` per
/// element, padded with `'\0'`.
#[derive(Debug, Clone)]
pub enum Data {
    Bool(Vec<bool>),
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    U64(Vec<u64>),
    F16(Vec<half::f16>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    C64(Vec<C64>),
    C128(Vec<C128>),
    /// `width` chars per element.
    Str {
        chars: Vec<char>,
        width: usize,
    },
}

/// A reference-counted element store (see the module docs for the aliasing rules).
#[derive(Debug)]
pub struct Buffer {
    data: UnsafeCell<Data>,
}

/// Bytes above which a fresh buffer is advised for transparent huge pages.
const HUGE_PAGE_THRESHOLD: usize = 4 << 20;

/// A vector of `n` copies of `fill`, or MemoryError (NumPy's message) when it cannot be had.
pub fn try_vec<T: Clone>(n: usize, fill: T, dtype: DType, shape: &[usize]) -> PyResult<Vec<T>> {
    let bytes = n.checked_mul(std::mem::size_of::<T>().max(1));
    let mut v: Vec<T> = Vec::new();
    let ok = bytes.is_some_and(|b| b <= isize::MAX as usize) && v.try_reserve_exact(n).is_ok();
    if !ok {
        return Err(alloc_failure(dtype, shape));
    }
    advise_huge(&v);
    v.resize(n, fill);
    Ok(v)
}

/// NumPy's MemoryError text for an array that cannot be allocated.
pub fn alloc_failure(dtype: DType, shape: &[usize]) -> crate::errors::Exception {
    let bytes = shape.iter().try_fold(dtype.itemsize() as u128, |acc, &d| {
        acc.checked_mul(d as u128)
    });
    let size = match bytes {
        Some(b) => human_bytes(b),
        None => "an enormous amount".into(),
    };
    memory_error(format!(
        "Unable to allocate {size} for an array with shape {} and data type {}",
        super::shape_repr(shape),
        dtype.name()
    ))
}

/// NumPy's `_size_to_string` (numpy/_core/_exceptions.py): the binary unit from the bit
/// length, then `#.3g` below 1000 units (`7.28 TiB`, `931. GiB`) and `#.0f` above.
fn human_bytes(b: u128) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bit_length = 128 - b.leading_zeros() as usize;
    let mut unit = (bit_length.saturating_sub(1).max(1) / 10).min(UNITS.len() - 1);
    let mut n_units = b as f64 / (1u128 << (unit * 10)) as f64;
    if n_units.round() == 1024.0 && unit + 1 < UNITS.len() {
        unit += 1;
        n_units /= 1024.0;
    }
    let spec = if unit == 0 {
        return format!("{b} bytes");
    } else if n_units.round() < 1000.0 {
        "#.3g"
    } else {
        "#.0f"
    };
    let num = crate::pyfmt::pyformat_float(n_units, spec).unwrap_or_else(|_| format!("{n_units}"));
    format!("{num} {}", UNITS[unit])
}

/// An empty vector with room for `n` elements, advised for huge pages when large: a fresh
/// 80 MB result then costs a few hundred page faults instead of ~20,000 (see `advise_huge`).
pub fn advised_vec<T>(n: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::new();
    if v.try_reserve_exact(n).is_ok() {
        advise_huge(&v);
    }
    v
}

/// Ask the kernel for huge pages on a large fresh allocation (no-op elsewhere).
pub fn advise_huge<T>(v: &Vec<T>) {
    let bytes = v.capacity() * std::mem::size_of::<T>();
    if bytes < HUGE_PAGE_THRESHOLD {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let page = 4096usize;
        let start = v.as_ptr() as usize;
        let aligned = (start + page - 1) & !(page - 1);
        let end = start + bytes;
        if end > aligned {
            // SAFETY: madvise only gives the kernel a hint about pages we own; it never changes
            // their contents, and the range lies inside the vector's allocation.
            unsafe {
                libc::madvise(
                    aligned as *mut libc::c_void,
                    end - aligned,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
}

impl Buffer {
    /// Wrap a data vector.
    pub fn new(data: Data) -> Buffer {
        Buffer {
            data: UnsafeCell::new(data),
        }
    }

    /// Shared access to the elements.
    ///
    /// Callers must not hold this across a write to the same buffer; NdArray's API upholds that
    /// by copying overlapping operands before writing.
    pub fn data(&self) -> &Data {
        // SAFETY: see the method docs; all writers go through `data_mut` on a non-overlapping
        // destination while no shared borrow of the same elements is live.
        unsafe { &*self.data.get() }
    }

    /// Exclusive access to the elements, for writing kernels.
    #[allow(clippy::mut_from_ref)]
    pub fn data_mut(&self) -> &mut Data {
        // SAFETY: interior mutability by design (NumPy aliasing semantics); NdArray's write paths
        // copy any operand that shares this buffer before calling this.
        unsafe { &mut *self.data.get() }
    }

    /// Number of elements stored.
    pub fn len(&self) -> usize {
        self.data().len()
    }

    /// True when no elements are stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Data {
    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Data::Bool(v) => v.len(),
            Data::I8(v) => v.len(),
            Data::I16(v) => v.len(),
            Data::I32(v) => v.len(),
            Data::I64(v) => v.len(),
            Data::U8(v) => v.len(),
            Data::U16(v) => v.len(),
            Data::U32(v) => v.len(),
            Data::U64(v) => v.len(),
            Data::F16(v) => v.len(),
            Data::F32(v) => v.len(),
            Data::F64(v) => v.len(),
            Data::C64(v) => v.len(),
            Data::C128(v) => v.len(),
            Data::Str { chars, width } => {
                if *width == 0 {
                    0
                } else {
                    chars.len() / width
                }
            }
        }
    }

    /// True when there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The dtype of these elements.
    pub fn dtype(&self) -> DType {
        match self {
            Data::Bool(_) => DType::Bool,
            Data::I8(_) => DType::Int8,
            Data::I16(_) => DType::Int16,
            Data::I32(_) => DType::Int32,
            Data::I64(_) => DType::Int64,
            Data::U8(_) => DType::UInt8,
            Data::U16(_) => DType::UInt16,
            Data::U32(_) => DType::UInt32,
            Data::U64(_) => DType::UInt64,
            Data::F16(_) => DType::Float16,
            Data::F32(_) => DType::Float32,
            Data::F64(_) => DType::Float64,
            Data::C64(_) => DType::Complex64,
            Data::C128(_) => DType::Complex128,
            Data::Str { width, .. } => DType::Str(*width),
        }
    }

    /// `n` zero elements of `dtype` (empty strings for string dtypes).
    pub fn zeros(dtype: DType, n: usize, shape: &[usize]) -> PyResult<Data> {
        Ok(match dtype {
            DType::Bool => Data::Bool(try_vec(n, false, dtype, shape)?),
            DType::Int8 => Data::I8(try_vec(n, 0, dtype, shape)?),
            DType::Int16 => Data::I16(try_vec(n, 0, dtype, shape)?),
            DType::Int32 => Data::I32(try_vec(n, 0, dtype, shape)?),
            DType::Int64 => Data::I64(try_vec(n, 0, dtype, shape)?),
            DType::UInt8 => Data::U8(try_vec(n, 0, dtype, shape)?),
            DType::UInt16 => Data::U16(try_vec(n, 0, dtype, shape)?),
            DType::UInt32 => Data::U32(try_vec(n, 0, dtype, shape)?),
            DType::UInt64 => Data::U64(try_vec(n, 0, dtype, shape)?),
            DType::Float16 => Data::F16(try_vec(n, half::f16::ZERO, dtype, shape)?),
            DType::Float32 => Data::F32(try_vec(n, 0.0, dtype, shape)?),
            DType::Float64 => Data::F64(try_vec(n, 0.0, dtype, shape)?),
            DType::Complex64 => Data::C64(try_vec(n, C64::new(0.0, 0.0), dtype, shape)?),
            DType::Complex128 => Data::C128(try_vec(n, C128::new(0.0, 0.0), dtype, shape)?),
            DType::Str(w) => {
                let total = n
                    .checked_mul(w)
                    .ok_or_else(|| alloc_failure(dtype, shape))?;
                Data::Str {
                    chars: try_vec(total, '\0', dtype, shape)?,
                    width: w,
                }
            }
        })
    }
}
