//! Typed access to buffers: the [`Element`] trait ties each Rust element type to its dtype and
//! its `Data` variant, and [`Scalar`] gives the C-style conversions NumPy's casts use.
//!
//! Kernels dispatch on the dtype once (see [`with_numeric!`](crate::with_numeric)) and then run
//! a loop over a concrete `T: Element`, so there is no per-element dynamic dispatch.

use super::buffer::{Data, C128, C64};
use super::dtype::{DType, Kind};

/// A Rust type that is the element type of one numeric dtype.
pub trait Element: Copy + Default + std::fmt::Debug + PartialEq + 'static {
    /// The dtype whose elements are `Self`.
    const DTYPE: DType;
    /// The elements, when `data` holds this type.
    fn slice(data: &Data) -> Option<&[Self]>;
    /// The element vector, when `data` holds this type.
    fn vec_mut(data: &mut Data) -> Option<&mut Vec<Self>>;
    /// Wrap a vector into `Data`.
    fn wrap(v: Vec<Self>) -> Data;
}

macro_rules! impl_element {
    ($t:ty, $dt:ident, $var:ident) => {
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            fn slice(data: &Data) -> Option<&[Self]> {
                match data {
                    Data::$var(v) => Some(v),
                    _ => None,
                }
            }
            fn vec_mut(data: &mut Data) -> Option<&mut Vec<Self>> {
                match data {
                    Data::$var(v) => Some(v),
                    _ => None,
                }
            }
            fn wrap(v: Vec<Self>) -> Data {
                Data::$var(v)
            }
        }
    };
}

impl_element!(bool, Bool, Bool);
impl_element!(i8, Int8, I8);
impl_element!(i16, Int16, I16);
impl_element!(i32, Int32, I32);
impl_element!(i64, Int64, I64);
impl_element!(u8, UInt8, U8);
impl_element!(u16, UInt16, U16);
impl_element!(u32, UInt32, U32);
impl_element!(u64, UInt64, U64);
impl_element!(half::f16, Float16, F16);
impl_element!(f32, Float32, F32);
impl_element!(f64, Float64, F64);
impl_element!(C64, Complex64, C64);
impl_element!(C128, Complex128, C128);

/// Conversions with C/NumPy cast semantics (wrap-around for ints, truncation toward zero for
/// float → int, dropping the imaginary part for complex → real).
pub trait Scalar: Element {
    fn to_f64(self) -> f64;
    fn to_i64(self) -> i64;
    fn to_u64(self) -> u64;
    fn to_bool(self) -> bool;
    fn to_c128(self) -> C128;
    fn from_f64(x: f64) -> Self;
    fn from_i64(x: i64) -> Self;
    fn from_u64(x: u64) -> Self;
    fn from_bool(x: bool) -> Self;
    fn from_c128(x: C128) -> Self;
}

/// Float → int as NumPy does on x86-64: in-range values truncate; NaN, inf and out-of-range
/// values give the "integer indefinite" value (i64::MIN), which then wraps to the narrow type.
fn f64_to_i64(x: f64) -> i64 {
    if x.is_finite() && x > -9.223_372_036_854_776e18 && x < 9.223_372_036_854_776e18 {
        x as i64
    } else {
        i64::MIN
    }
}

macro_rules! impl_scalar_int {
    ($t:ty) => {
        impl Scalar for $t {
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn to_i64(self) -> i64 {
                self as i64
            }
            fn to_u64(self) -> u64 {
                self as u64
            }
            fn to_bool(self) -> bool {
                self != 0
            }
            fn to_c128(self) -> C128 {
                C128::new(self as f64, 0.0)
            }
            fn from_f64(x: f64) -> Self {
                if (<$t>::MIN as i128) >= 0 {
                    if (0.0..1.844_674_407_370_955_2e19).contains(&x) {
                        // Unsigned target: values up to 2**64 convert directly.
                        return x as u64 as $t;
                    }
                    if x >= 1.844_674_407_370_955_2e19 {
                        // x86-64's unsigned conversion converts `x - 2**63`, gets the
                        // indefinite value and flips its top bit: 0 (+inf included).
                        return 0;
                    }
                }
                f64_to_i64(x) as $t
            }
            fn from_i64(x: i64) -> Self {
                x as $t
            }
            fn from_u64(x: u64) -> Self {
                x as $t
            }
            fn from_bool(x: bool) -> Self {
                x as $t
            }
            fn from_c128(x: C128) -> Self {
                Self::from_f64(x.re)
            }
        }
    };
}

impl_scalar_int!(i8);
impl_scalar_int!(i16);
impl_scalar_int!(i32);
impl_scalar_int!(i64);
impl_scalar_int!(u8);
impl_scalar_int!(u16);
impl_scalar_int!(u32);
impl_scalar_int!(u64);

macro_rules! impl_scalar_float {
    ($t:ty) => {
        impl Scalar for $t {
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn to_i64(self) -> i64 {
                f64_to_i64(self as f64)
            }
            fn to_u64(self) -> u64 {
                let x = self as f64;
                if (0.0..1.844_674_407_370_955_2e19).contains(&x) {
                    x as u64
                } else {
                    f64_to_i64(x) as u64
                }
            }
            fn to_bool(self) -> bool {
                self != 0.0
            }
            fn to_c128(self) -> C128 {
                C128::new(self as f64, 0.0)
            }
            fn from_f64(x: f64) -> Self {
                x as $t
            }
            fn from_i64(x: i64) -> Self {
                x as $t
            }
            fn from_u64(x: u64) -> Self {
                x as $t
            }
            fn from_bool(x: bool) -> Self {
                if x {
                    1.0
                } else {
                    0.0
                }
            }
            fn from_c128(x: C128) -> Self {
                x.re as $t
            }
        }
    };
}

impl_scalar_float!(f32);
impl_scalar_float!(f64);

/// float16 converts through f64 (exact for every half value); narrowing from f64 rounds once,
/// as NumPy's `npy_double_to_half` does.
impl Scalar for half::f16 {
    fn to_f64(self) -> f64 {
        self.to_f64()
    }
    fn to_i64(self) -> i64 {
        f64_to_i64(self.to_f64())
    }
    fn to_u64(self) -> u64 {
        <f64 as Scalar>::to_u64(self.to_f64())
    }
    fn to_bool(self) -> bool {
        self.to_f32() != 0.0
    }
    fn to_c128(self) -> C128 {
        C128::new(self.to_f64(), 0.0)
    }
    fn from_f64(x: f64) -> Self {
        half::f16::from_f64(x)
    }
    fn from_i64(x: i64) -> Self {
        // i64 → f64 is exact up to 2**53, far beyond float16's range (larger values give inf
        // either way), so rounding through f64 is rounding once.
        half::f16::from_f64(x as f64)
    }
    fn from_u64(x: u64) -> Self {
        half::f16::from_f64(x as f64)
    }
    fn from_bool(x: bool) -> Self {
        if x {
            half::f16::ONE
        } else {
            half::f16::ZERO
        }
    }
    fn from_c128(x: C128) -> Self {
        half::f16::from_f64(x.re)
    }
}

impl Scalar for bool {
    fn to_f64(self) -> f64 {
        self as u8 as f64
    }
    fn to_i64(self) -> i64 {
        self as i64
    }
    fn to_u64(self) -> u64 {
        self as u64
    }
    fn to_bool(self) -> bool {
        self
    }
    fn to_c128(self) -> C128 {
        C128::new(self as u8 as f64, 0.0)
    }
    fn from_f64(x: f64) -> Self {
        x != 0.0
    }
    fn from_i64(x: i64) -> Self {
        x != 0
    }
    fn from_u64(x: u64) -> Self {
        x != 0
    }
    fn from_bool(x: bool) -> Self {
        x
    }
    fn from_c128(x: C128) -> Self {
        x.re != 0.0 || x.im != 0.0
    }
}

macro_rules! impl_scalar_complex {
    ($t:ty, $f:ty) => {
        impl Scalar for $t {
            fn to_f64(self) -> f64 {
                self.re as f64
            }
            fn to_i64(self) -> i64 {
                f64_to_i64(self.re as f64)
            }
            fn to_u64(self) -> u64 {
                f64_to_i64(self.re as f64) as u64
            }
            fn to_bool(self) -> bool {
                self.re != 0.0 || self.im != 0.0
            }
            fn to_c128(self) -> C128 {
                C128::new(self.re as f64, self.im as f64)
            }
            fn from_f64(x: f64) -> Self {
                <$t>::new(x as $f, 0.0)
            }
            fn from_i64(x: i64) -> Self {
                <$t>::new(x as $f, 0.0)
            }
            fn from_u64(x: u64) -> Self {
                <$t>::new(x as $f, 0.0)
            }
            fn from_bool(x: bool) -> Self {
                <$t>::new(if x { 1.0 } else { 0.0 }, 0.0)
            }
            fn from_c128(x: C128) -> Self {
                <$t>::new(x.re as $f, x.im as $f)
            }
        }
    };
}

impl_scalar_complex!(C64, f32);
impl_scalar_complex!(C128, f64);

/// Cast one element from `T` to `U` with NumPy's `astype` semantics.
#[inline(always)]
pub fn cast<T: Scalar, U: Scalar>(x: T) -> U {
    match U::DTYPE.kind() {
        Kind::Bool => U::from_bool(x.to_bool()),
        Kind::Complex => U::from_c128(x.to_c128()),
        Kind::Float => U::from_f64(x.to_f64()),
        Kind::Int => match T::DTYPE.kind() {
            Kind::Float | Kind::Complex => U::from_f64(x.to_f64()),
            _ => U::from_i64(x.to_i64()),
        },
        Kind::UInt => match T::DTYPE.kind() {
            Kind::Float | Kind::Complex => U::from_f64(x.to_f64()),
            _ => U::from_u64(x.to_u64()),
        },
        Kind::Str => U::default(),
    }
}

/// Run `$body` with the type alias `$T` bound to the element type of numeric dtype `$dt`;
/// string dtypes run `$strbody`.
#[macro_export]
macro_rules! with_numeric {
    ($dt:expr, $T:ident => $body:expr, str => $strbody:expr) => {{
        use $crate::array::buffer::{C128 as __C128, C64 as __C64};
        use $crate::array::dtype::DType as __D;
        match $dt {
            __D::Bool => {
                type $T = bool;
                $body
            }
            __D::Int8 => {
                type $T = i8;
                $body
            }
            __D::Int16 => {
                type $T = i16;
                $body
            }
            __D::Int32 => {
                type $T = i32;
                $body
            }
            __D::Int64 => {
                type $T = i64;
                $body
            }
            __D::UInt8 => {
                type $T = u8;
                $body
            }
            __D::UInt16 => {
                type $T = u16;
                $body
            }
            __D::UInt32 => {
                type $T = u32;
                $body
            }
            __D::UInt64 => {
                type $T = u64;
                $body
            }
            __D::Float16 => {
                type $T = ::half::f16;
                $body
            }
            __D::Float32 => {
                type $T = f32;
                $body
            }
            __D::Float64 => {
                type $T = f64;
                $body
            }
            __D::Complex64 => {
                type $T = __C64;
                $body
            }
            __D::Complex128 => {
                type $T = __C128;
                $body
            }
            __D::Str(_) => $strbody,
        }
    }};
}
