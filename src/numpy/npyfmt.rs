//! The `.npy` format (versions 1.0, 2.0 and 3.0): encoding an array to bytes exactly as
//! `numpy.lib.format.write_array` does, and decoding NumPy's files. Decoding never trusts the
//! header: the element count is checked against the bytes present before anything is
//! allocated, so a header claiming terabytes fails fast with a ValueError.

use crate::array::buffer::{C128, C64};
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};

const MAGIC: &[u8; 6] = b"\x93NUMPY";
const ARRAY_ALIGN: usize = 64;
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

/// Fixed-width little/big-endian conversion of one element.
trait Bytes: Element {
    const SIZE: usize;
    fn put_le(self, out: &mut Vec<u8>);
    fn get(b: &[u8], big: bool) -> Self;
}

macro_rules! impl_bytes {
    ($t:ty, $n:expr) => {
        impl Bytes for $t {
            const SIZE: usize = $n;
            fn put_le(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(b: &[u8], big: bool) -> Self {
                let mut a = [0u8; $n];
                a.copy_from_slice(&b[..$n]);
                if big {
                    <$t>::from_be_bytes(a)
                } else {
                    <$t>::from_le_bytes(a)
                }
            }
        }
    };
}

impl_bytes!(i8, 1);
impl_bytes!(i16, 2);
impl_bytes!(i32, 4);
impl_bytes!(i64, 8);
impl_bytes!(u8, 1);
impl_bytes!(u16, 2);
impl_bytes!(u32, 4);
impl_bytes!(u64, 8);
impl_bytes!(::half::f16, 2);
impl_bytes!(f32, 4);
impl_bytes!(f64, 8);

impl Bytes for bool {
    const SIZE: usize = 1;
    fn put_le(self, out: &mut Vec<u8>) {
        out.push(self as u8);
    }
    fn get(b: &[u8], _big: bool) -> Self {
        b[0] != 0
    }
}

impl Bytes for C64 {
    const SIZE: usize = 8;
    fn put_le(self, out: &mut Vec<u8>) {
        self.re.put_le(out);
        self.im.put_le(out);
    }
    fn get(b: &[u8], big: bool) -> Self {
        C64::new(f32::get(b, big), f32::get(&b[4..], big))
    }
}

impl Bytes for C128 {
    const SIZE: usize = 16;
    fn put_le(self, out: &mut Vec<u8>) {
        self.re.put_le(out);
        self.im.put_le(out);
    }
    fn get(b: &[u8], big: bool) -> Self {
        C128::new(f64::get(b, big), f64::get(&b[8..], big))
    }
}

/// NumPy's `descr` string of a dtype (`'<f8'`, `'|b1'`, `'<U5'`).
pub fn descr(d: DType) -> String {
    match d {
        DType::Bool => "|b1".into(),
        DType::Int8 => "|i1".into(),
        DType::UInt8 => "|u1".into(),
        DType::Str(w) => format!("<U{w}"),
        other => format!("<{}{}", other.kind_char(), other.itemsize()),
    }
}

/// The dtype and byte order (true = big-endian) of a `descr` string.
fn parse_descr(s: &str) -> PyResult<(DType, bool)> {
    let mut chars = s.chars();
    let (order, rest) = match chars.next() {
        Some(c @ ('<' | '>' | '|' | '=')) => (c, chars.as_str()),
        _ => ('=', s),
    };
    let big = order == '>';
    let (kind, size) = rest.split_at(
        rest.char_indices()
            .nth(1)
            .map(|(i, _)| i)
            .unwrap_or(rest.len()),
    );
    let n: usize = size
        .parse()
        .map_err(|_| value_error(format!("numpyx cannot load arrays of dtype {s:?}")))?;
    let d = match (kind, n) {
        ("b", 1) => DType::Bool,
        ("i", 1) => DType::Int8,
        ("i", 2) => DType::Int16,
        ("i", 4) => DType::Int32,
        ("i", 8) => DType::Int64,
        ("u", 1) => DType::UInt8,
        ("u", 2) => DType::UInt16,
        ("u", 4) => DType::UInt32,
        ("u", 8) => DType::UInt64,
        ("f", 2) => DType::Float16,
        ("f", 4) => DType::Float32,
        ("f", 8) => DType::Float64,
        ("c", 8) => DType::Complex64,
        ("c", 16) => DType::Complex128,
        ("U", w) => DType::Str(w),
        ("O", _) => {
            return Err(value_error(
                "Object arrays cannot be loaded when allow_pickle=False",
            ))
        }
        _ => {
            return Err(value_error(format!(
                "numpyx cannot load arrays of dtype {s:?}"
            )))
        }
    };
    Ok((d, big))
}

/// Python's repr of a shape tuple.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
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

/// The complete `.npy` bytes of `a` (C order), byte-identical to `np.save`'s.
pub fn encode(a: &NdArray) -> PyResult<Vec<u8>> {
    let mut header = format!(
        "{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}",
        descr(a.dtype),
        shape_tuple(&a.shape)
    );
    if let Some(first) = a.shape.first() {
        header
            .push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(first.to_string().len())));
    }
    let hlen = header.len() + 1;
    let pad_v1 = ARRAY_ALIGN - ((10 + hlen) % ARRAY_ALIGN);
    let (version, len_bytes) = if hlen + pad_v1 < 65536 {
        (1u8, 2usize)
    } else {
        (2u8, 4usize)
    };
    let prefix = 6 + 2 + len_bytes;
    let padlen = ARRAY_ALIGN - ((prefix + hlen) % ARRAY_ALIGN);
    let total_header = hlen + padlen;
    let data_len = a
        .size()
        .checked_mul(a.dtype.itemsize())
        .ok_or_else(|| value_error("array too large to save"))?;
    let mut out = Vec::new();
    out.try_reserve(prefix + total_header + data_len)
        .map_err(|_| crate::errors::memory_error("cannot allocate the .npy buffer"))?;
    out.extend_from_slice(MAGIC);
    out.push(version);
    out.push(0);
    if len_bytes == 2 {
        out.extend_from_slice(&(total_header as u16).to_le_bytes());
    } else {
        out.extend_from_slice(&(total_header as u32).to_le_bytes());
    }
    out.extend_from_slice(header.as_bytes());
    out.extend(std::iter::repeat_n(b' ', padlen));
    out.push(b'\n');
    append_data(a, &mut out);
    Ok(out)
}

/// Append the elements of `a` in C order as little-endian bytes (`.npy` data, `a.tobytes()`);
/// strings as fixed-width UTF-32.
pub fn append_data(a: &NdArray, out: &mut Vec<u8>) {
    if let DType::Str(_) = a.dtype {
        let w = a.dtype_width();
        for s in a.to_strings() {
            let mut n = 0;
            for c in s.chars().take(w) {
                out.extend_from_slice(&(c as u32).to_le_bytes());
                n += 1;
            }
            out.extend(std::iter::repeat_n(0u8, 4 * (w - n)));
        }
        return;
    }
    fn put<T: Bytes>(a: &NdArray, out: &mut Vec<u8>) {
        for x in a.to_vec::<T>() {
            x.put_le(out);
        }
    }
    crate::with_numeric!(a.dtype, T => put::<T>(a, out), str => {});
}

/// A parsed `.npy` header.
struct Header {
    dtype: DType,
    big: bool,
    fortran: bool,
    shape: Vec<usize>,
    data_start: usize,
}

fn bad(msg: &str) -> crate::errors::Exception {
    value_error(msg.to_string())
}

/// The value text following `'key':` in a header dict literal.
fn dict_value<'a>(h: &'a str, key: &str) -> PyResult<&'a str> {
    let k = format!("'{key}'");
    let k2 = format!("\"{key}\"");
    let pos = h.find(&k).or_else(|| h.find(&k2)).ok_or_else(|| {
        bad(&format!(
            "Header does not contain the correct keys: missing '{key}'"
        ))
    })?;
    let rest = &h[pos + k.len()..];
    let colon = rest.find(':').ok_or_else(|| bad("Cannot parse header"))?;
    Ok(rest[colon + 1..].trim_start())
}

fn parse_header(bytes: &[u8], max_header_size: usize) -> PyResult<Header> {
    if bytes.len() < 10 || &bytes[..6] != MAGIC {
        return Err(bad(
            "the magic string is not correct; expected b'\\x93NUMPY'",
        ));
    }
    let (major, minor) = (bytes[6], bytes[7]);
    let (hlen, start) = match major {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10usize),
        2 | 3 => {
            if bytes.len() < 12 {
                return Err(bad(
                    "EOF: reading array header length, expected 4 bytes got fewer",
                ));
            }
            (
                u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
                12usize,
            )
        }
        _ => {
            return Err(value_error(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"
            )))
        }
    };
    if hlen > max_header_size {
        return Err(value_error(format!(
            "Header info length ({hlen}) is large and may not be safe to load securely.\nTo allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.\nFor safety against large resource use or crashes, sandboxing may be necessary."
        )));
    }
    let end = start
        .checked_add(hlen)
        .filter(|&e| e <= bytes.len())
        .ok_or_else(|| bad("EOF: reading array header, expected more bytes"))?;
    let text = std::str::from_utf8(&bytes[start..end])
        .map_err(|_| bad("Cannot parse header: not valid text"))?;
    let descr_v = dict_value(text, "descr")?;
    if descr_v.starts_with('[') {
        return Err(bad("numpyx cannot load structured dtypes"));
    }
    let q = descr_v
        .chars()
        .next()
        .ok_or_else(|| bad("Cannot parse header"))?;
    let close = descr_v[1..]
        .find(q)
        .ok_or_else(|| bad("Cannot parse header"))?;
    let (dtype, big) = parse_descr(&descr_v[1..1 + close])?;
    let fortran = dict_value(text, "fortran_order")?.starts_with("True");
    let shape_v = dict_value(text, "shape")?;
    let shape_v = shape_v
        .strip_prefix('(')
        .ok_or_else(|| bad("shape is not valid"))?;
    let shape_v = &shape_v[..shape_v.find(')').ok_or_else(|| bad("shape is not valid"))?];
    let shape = shape_v
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.trim_end_matches('L')
                .parse::<usize>()
                .map_err(|_| bad(&format!("shape is not valid: {s:?}")))
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Header {
        dtype,
        big,
        fortran,
        shape,
        data_start: end,
    })
}

/// Decode `.npy` bytes into an array (any byte order; Fortran order is transposed back).
pub fn decode(bytes: &[u8], max_header_size: usize) -> PyResult<NdArray> {
    let h = parse_header(bytes, max_header_size)?;
    let count = h
        .shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d));
    let item = h.dtype.itemsize();
    let avail = bytes.len() - h.data_start;
    let need = count.and_then(|c| c.checked_mul(item));
    let disk_shape: Vec<usize> = if h.fortran {
        h.shape.iter().rev().copied().collect()
    } else {
        h.shape.clone()
    };
    match need {
        Some(n) if n <= avail => {}
        _ => {
            return Err(value_error(format!(
                "cannot reshape array of size {} into shape {}",
                avail / item.max(1),
                shape_tuple(&h.shape)
            )))
        }
    }
    let n = count.unwrap_or(0);
    let data = &bytes[h.data_start..h.data_start + n * item];
    let arr = if let DType::Str(w) = h.dtype {
        let mut strings = Vec::with_capacity(n);
        for chunk in data.chunks_exact(4 * w.max(1)).take(n) {
            let s: String = chunk
                .chunks_exact(4)
                .map(|c| u32::get(c, h.big))
                .take_while(|&c| c != 0)
                .filter_map(char::from_u32)
                .collect();
            strings.push(s);
        }
        if w == 0 {
            strings = vec![String::new(); n];
        }
        NdArray::from_data(crate::array::cast::strings_to_data(&strings, w), disk_shape)
    } else {
        fn get<T: Bytes>(data: &[u8], big: bool, shape: Vec<usize>) -> NdArray {
            let v: Vec<T> = data.chunks_exact(T::SIZE).map(|c| T::get(c, big)).collect();
            NdArray::from_vec(v, shape)
        }
        crate::with_numeric!(h.dtype, T => get::<T>(data, h.big, disk_shape), str => unreachable_str())
    };
    if h.fortran {
        return arr.transpose(None)?.copy();
    }
    Ok(arr)
}

/// Placeholder for the string arm of `with_numeric!` (strings are handled before it).
fn unreachable_str() -> NdArray {
    NdArray::from_vec1(Vec::<f64>::new())
}
