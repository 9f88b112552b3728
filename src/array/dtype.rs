//! NumPy's data types and NumPy 2's promotion rules (NEP 50).
//!
//! A [`DType`] names the element type of an array. Promotion between two arrays follows NumPy's
//! `np.result_type` table; Python scalars (`int`, `float`, `complex`, `bool`) are *weak*: they
//! take the array's kind when they can (`int8_array + 1` stays int8, `float32_array * 2.0` stays
//! float32), which [`promote_weak`] implements.

use crate::errors::{type_error, PyResult};

/// The element type of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    /// IEEE half precision (NumPy's `float16`, char `'e'`).
    Float16,
    Float32,
    Float64,
    Complex64,
    Complex128,
    /// Fixed-width unicode string, `<U{n}` (n characters, UCS-4).
    Str(usize),
}

/// The broad category of a dtype (NumPy's `dtype.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Bool,
    UInt,
    Int,
    Float,
    Complex,
    Str,
}

/// The kind of a Python scalar operand, which promotes weakly (NEP 50).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeakKind {
    Bool,
    Int,
    Float,
    Complex,
}

impl DType {
    /// Every numeric dtype, in NumPy's type-number order.
    pub const NUMERIC: [DType; 14] = [
        DType::Bool,
        DType::Int8,
        DType::UInt8,
        DType::Int16,
        DType::UInt16,
        DType::Int32,
        DType::UInt32,
        DType::Int64,
        DType::UInt64,
        DType::Float16,
        DType::Float32,
        DType::Float64,
        DType::Complex64,
        DType::Complex128,
    ];

    /// NumPy's name: `int64`, `float32`, `bool`, `<U5`.
    pub fn name(self) -> String {
        match self {
            DType::Str(n) => format!("<U{n}"),
            other => other.static_name().to_string(),
        }
    }

    /// The name of a non-string dtype (strings answer "str").
    pub fn static_name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float16 => "float16",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
            DType::Str(_) => "str",
        }
    }

    /// The NumPy scalar type's name (`np.float64`, `np.bool`, `np.str_`).
    pub fn scalar_type_name(self) -> &'static str {
        match self {
            DType::Str(_) => "str_",
            other => other.static_name(),
        }
    }

    /// Bytes per element.
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 | DType::Float16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 | DType::Complex64 => 8,
            DType::Complex128 => 16,
            DType::Str(n) => 4 * n,
        }
    }

    /// The kind of the dtype.
    pub fn kind(self) -> Kind {
        match self {
            DType::Bool => Kind::Bool,
            DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => Kind::Int,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => Kind::UInt,
            DType::Float16 | DType::Float32 | DType::Float64 => Kind::Float,
            DType::Complex64 | DType::Complex128 => Kind::Complex,
            DType::Str(_) => Kind::Str,
        }
    }

    /// NumPy's one-letter kind code (`dtype.kind`).
    pub fn kind_char(self) -> char {
        match self.kind() {
            Kind::Bool => 'b',
            Kind::Int => 'i',
            Kind::UInt => 'u',
            Kind::Float => 'f',
            Kind::Complex => 'c',
            Kind::Str => 'U',
        }
    }

    /// NumPy's `dtype.char`.
    pub fn char_code(self) -> char {
        match self {
            DType::Bool => '?',
            DType::Int8 => 'b',
            DType::Int16 => 'h',
            DType::Int32 => 'i',
            DType::Int64 => 'l',
            DType::UInt8 => 'B',
            DType::UInt16 => 'H',
            DType::UInt32 => 'I',
            DType::UInt64 => 'L',
            DType::Float16 => 'e',
            DType::Float32 => 'f',
            DType::Float64 => 'd',
            DType::Complex64 => 'F',
            DType::Complex128 => 'D',
            DType::Str(_) => 'U',
        }
    }

    /// NumPy's `dtype.str` (`<f8`, `|b1`, `<U5`).
    pub fn type_str(self) -> String {
        match self {
            DType::Bool => "|b1".into(),
            DType::Int8 => "|i1".into(),
            DType::UInt8 => "|u1".into(),
            DType::Str(n) => format!("<U{n}"),
            other => format!("<{}{}", other.kind_char(), other.itemsize()),
        }
    }

    /// True for the integer kinds (signed or unsigned), not bool.
    pub fn is_integer(self) -> bool {
        matches!(self.kind(), Kind::Int | Kind::UInt)
    }

    /// True for float and complex.
    pub fn is_inexact(self) -> bool {
        matches!(self.kind(), Kind::Float | Kind::Complex)
    }

    /// True for complex64 and complex128.
    pub fn is_complex(self) -> bool {
        self.kind() == Kind::Complex
    }

    /// True for every numeric dtype (bool included).
    pub fn is_numeric(self) -> bool {
        self.kind() != Kind::Str
    }

    /// Bits of an integer or float type (bool: 8).
    fn bits(self) -> usize {
        self.itemsize() * 8
    }

    /// The signed integer type of `bits` bits.
    fn int_of_bits(bits: usize) -> DType {
        match bits {
            8 => DType::Int8,
            16 => DType::Int16,
            32 => DType::Int32,
            _ => DType::Int64,
        }
    }

    /// The float type whose precision a complex result takes for this dtype
    /// (`float16_array * 1j` → complex64: NumPy has no complex32).
    fn float_for(self) -> DType {
        match self {
            DType::Float16 | DType::Float32 | DType::Complex64 => DType::Float32,
            DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16 | DType::Bool => {
                DType::Float32
            }
            _ => DType::Float64,
        }
    }

    /// The complex type with this dtype's float precision.
    fn complex_for(self) -> DType {
        match self.float_for() {
            DType::Float32 => DType::Complex64,
            _ => DType::Complex128,
        }
    }

    /// The real dtype underlying a complex one (`.real`), or itself.
    pub fn real_dtype(self) -> DType {
        match self {
            DType::Complex64 => DType::Float32,
            DType::Complex128 => DType::Float64,
            other => other,
        }
    }

    /// Parse a dtype name as NumPy accepts it in `dtype=`: `'int8'`, `'f8'`, `'<U5'`, `'float'`,
    /// `'i'`, `'bool'`, `'complex'`, `'str'`/`'U'` (width 0: sized by the data).
    pub fn from_name(name: &str) -> Option<DType> {
        let n = name.trim_start_matches(['<', '=', '|']);
        Some(match n {
            "bool" | "bool_" | "?" | "b1" => DType::Bool,
            "int8" | "i1" | "b" | "byte" => DType::Int8,
            "int16" | "i2" | "h" | "short" => DType::Int16,
            "int32" | "i4" | "i" | "intc" => DType::Int32,
            "int64" | "i8" | "l" | "int" | "int_" | "long" | "q" | "longlong" | "intp" | "p" => {
                DType::Int64
            }
            "uint8" | "u1" | "B" | "ubyte" => DType::UInt8,
            "uint16" | "u2" | "H" | "ushort" => DType::UInt16,
            "uint32" | "u4" | "I" | "uintc" => DType::UInt32,
            "uint64" | "u8" | "L" | "uint" | "ulong" | "Q" | "ulonglong" | "uintp" | "P" => {
                DType::UInt64
            }
            "float16" | "f2" | "e" | "half" => DType::Float16,
            "float32" | "f4" | "f" | "single" => DType::Float32,
            "float64" | "f8" | "d" | "float" | "double" | "float_" => DType::Float64,
            "complex64" | "c8" | "F" | "csingle" => DType::Complex64,
            "complex128" | "c16" | "D" | "complex" | "cdouble" | "complex_" => DType::Complex128,
            "str" | "U" | "str_" | "unicode" => DType::Str(0),
            _ => {
                let digits = n.strip_prefix('U')?;
                DType::Str(digits.parse().ok()?)
            }
        })
    }
}

/// `np.result_type(a, b)` for two array dtypes (both strong).
pub fn promote(a: DType, b: DType) -> PyResult<DType> {
    use Kind::*;
    if a == b {
        return Ok(a);
    }
    let (ka, kb) = (a.kind(), b.kind());
    if ka == Str || kb == Str {
        if let (DType::Str(x), DType::Str(y)) = (a, b) {
            return Ok(DType::Str(x.max(y)));
        }
        return Err(crate::errors::Exception::new(
            crate::errors::ExcType::DTypePromotionError,
            format!(
                "The DType <class 'numpy.dtypes.{}DType'> could not be promoted by <class 'numpy.dtypes.{}DType'>. This means that no common DType exists for the given inputs. For example they cannot be stored in a single array unless the dtype is `object`. The full list of DTypes is: (<class 'numpy.dtypes.{}DType'>, <class 'numpy.dtypes.{}DType'>)",
                dtype_class_name(a),
                dtype_class_name(b),
                dtype_class_name(a),
                dtype_class_name(b)
            ),
        ));
    }
    if ka == Bool {
        return Ok(b);
    }
    if kb == Bool {
        return Ok(a);
    }
    let result = match (ka, kb) {
        (Complex, _) | (_, Complex) => {
            // A float keeps its own precision next to a complex (float32 + complex64 → complex64).
            let fa = match ka {
                Complex => a.real_dtype(),
                Float => a,
                _ => a.float_for_mixed(),
            };
            let fb = match kb {
                Complex => b.real_dtype(),
                Float => b,
                _ => b.float_for_mixed(),
            };
            if fa == DType::Float64 || fb == DType::Float64 {
                DType::Complex128
            } else {
                DType::Complex64
            }
        }
        (Float, _) | (_, Float) => {
            let fa = if ka == Float { a } else { a.float_for_mixed() };
            let fb = if kb == Float { b } else { b.float_for_mixed() };
            // The wider float wins (float16 < float32 < float64).
            if fa.itemsize() >= fb.itemsize() {
                fa
            } else {
                fb
            }
        }
        (Int, Int) | (UInt, UInt) => {
            if a.bits() >= b.bits() {
                a
            } else {
                b
            }
        }
        _ => {
            // Mixed signed/unsigned: a signed type wide enough for both, int64 → float64.
            let (s, u) = if ka == Int { (a, b) } else { (b, a) };
            if s.bits() > u.bits() {
                s
            } else if u.bits() < 64 {
                DType::int_of_bits(u.bits() * 2)
            } else {
                DType::Float64
            }
        }
    };
    Ok(result)
}

impl DType {
    /// The float type an integer or bool is promoted to when combined with a float array:
    /// bool/int8/uint8 → float16, int16/uint16 → float32, wider → float64.
    fn float_for_mixed(self) -> DType {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => DType::Float16,
            DType::Int16 | DType::UInt16 => DType::Float32,
            _ => DType::Float64,
        }
    }
}

/// The class name NumPy uses in promotion errors (`Int64`, `Float64`, `Str`).
fn dtype_class_name(d: DType) -> &'static str {
    match d {
        DType::Bool => "Bool",
        DType::Int8 => "Int8",
        DType::Int16 => "Int16",
        DType::Int32 => "Int32",
        DType::Int64 => "Int64",
        DType::UInt8 => "UInt8",
        DType::UInt16 => "UInt16",
        DType::UInt32 => "UInt32",
        DType::UInt64 => "UInt64",
        DType::Float16 => "Float16",
        DType::Float32 => "Float32",
        DType::Float64 => "Float64",
        DType::Complex64 => "Complex64",
        DType::Complex128 => "Complex128",
        DType::Str(_) => "Str",
    }
}

/// The result dtype of an array of dtype `a` combined with a weak Python scalar (NEP 50): the
/// array's dtype when the scalar's kind is not higher, else the default dtype of the scalar's
/// kind (`int8_array * 1.5` → float64; `float32_array * 1j` → complex64, `float16_array * 1j`
/// → complex64).
pub fn promote_weak(a: DType, w: WeakKind) -> DType {
    match (a.kind(), w) {
        (_, WeakKind::Bool) => a,
        (Kind::Bool, WeakKind::Int) => DType::Int64,
        (Kind::Bool, WeakKind::Float) => DType::Float64,
        (Kind::Bool, WeakKind::Complex) => DType::Complex128,
        (Kind::Int | Kind::UInt, WeakKind::Int) => a,
        (Kind::Int | Kind::UInt, WeakKind::Float) => DType::Float64,
        (Kind::Int | Kind::UInt, WeakKind::Complex) => DType::Complex128,
        (Kind::Float, WeakKind::Int | WeakKind::Float) => a,
        (Kind::Float, WeakKind::Complex) => a.complex_for(),
        (Kind::Complex, _) => a,
        (Kind::Str, _) => a,
    }
}

/// The dtype a lone Python scalar becomes (`np.array(1)` → int64, `1.5` → float64).
pub fn weak_default(w: WeakKind) -> DType {
    match w {
        WeakKind::Bool => DType::Bool,
        WeakKind::Int => DType::Int64,
        WeakKind::Float => DType::Float64,
        WeakKind::Complex => DType::Complex128,
    }
}

/// Whether `from` casts to `to` under NumPy's `'same_kind'` rule (used by in-place operators:
/// `int_array += 1.5` raises UFuncTypeError).
pub fn can_cast_same_kind(from: DType, to: DType) -> bool {
    use Kind::*;
    let rank = |k: Kind| match k {
        Bool => 0,
        UInt | Int => 1,
        Float => 2,
        Complex => 3,
        Str => 4,
    };
    let (kf, kt) = (from.kind(), to.kind());
    if kf == Str || kt == Str {
        return kf == kt;
    }
    rank(kf) <= rank(kt)
}

/// Whether `from` casts to `to` under NumPy's `'safe'` rule.
pub fn can_cast_safe(from: DType, to: DType) -> bool {
    promote(from, to).map(|r| r == to).unwrap_or(false)
}

/// Type error for a dtype name NumPy does not know.
pub fn unknown_dtype(name: &str) -> crate::errors::Exception {
    type_error(format!("data type '{name}' not understood"))
}
