//! Scalar kernels of the ufuncs beyond arithmetic and the elementary functions: `gcd`/`lcm`
//! (NumPy's `npy_gcd`/`npy_lcm`, computed in C's promoted integer width), `logaddexp2`,
//! `nextafter`/`spacing` (libm for float32/64, NumPy's bit-level half routines for float16),
//! `ldexp`, `frexp`, `modf` (libm) and `bitwise_count`.
//!
//! The dtype dispatch lives with the other kernels in [`binary`](super::binary) and
//! [`unary`](super::unary); this file only holds the per-element definitions.

use super::math::Real;

mod c {
    extern "C" {
        pub fn nextafter(x: f64, y: f64) -> f64;
        pub fn nextafterf(x: f32, y: f32) -> f32;
        pub fn ldexp(x: f64, e: i32) -> f64;
        pub fn ldexpf(x: f32, e: i32) -> f32;
        pub fn frexp(x: f64, e: *mut i32) -> f64;
        pub fn frexpf(x: f32, e: *mut i32) -> f32;
        pub fn modf(x: f64, ip: *mut f64) -> f64;
        pub fn modff(x: f32, ip: *mut f32) -> f32;
    }
}

/// The libm functions of this file for float32 and float64.
pub trait LibmExtra: Real {
    /// C's `nextafter`.
    fn next_after(self, y: Self) -> Self;
    /// C's `ldexp`.
    fn ldexp(self, e: i32) -> Self;
    /// C's `frexp`: mantissa and exponent.
    fn frexp(self) -> (Self, i32);
    /// C's `modf`: fractional and integral parts.
    fn modf(self) -> (Self, Self);
    /// Positive infinity.
    const INF: Self;
    /// Whether the value is +-inf.
    fn is_inf(self) -> bool;
}

macro_rules! impl_libm_extra {
    ($t:ty, $next:ident, $ldexp:ident, $frexp:ident, $modf:ident) => {
        impl LibmExtra for $t {
            #[inline(always)]
            fn next_after(self, y: $t) -> $t {
                // SAFETY: a pure libm function of two floats.
                unsafe { c::$next(self, y) }
            }
            #[inline(always)]
            fn ldexp(self, e: i32) -> $t {
                // SAFETY: a pure libm function.
                unsafe { c::$ldexp(self, e) }
            }
            #[inline(always)]
            fn frexp(self) -> ($t, i32) {
                let mut e = 0i32;
                // SAFETY: `e` is a valid out-pointer for the call.
                let m = unsafe { c::$frexp(self, &mut e) };
                (m, e)
            }
            #[inline(always)]
            fn modf(self) -> ($t, $t) {
                let mut ip: $t = 0.0;
                // SAFETY: `ip` is a valid out-pointer for the call.
                let f = unsafe { c::$modf(self, &mut ip) };
                (f, ip)
            }
            const INF: $t = <$t>::INFINITY;
            #[inline(always)]
            fn is_inf(self) -> bool {
                <$t>::is_infinite(self)
            }
        }
    };
}
impl_libm_extra!(f64, nextafter, ldexp, frexp, modf);
impl_libm_extra!(f32, nextafterf, ldexpf, frexpf, modff);

/// `npy_logaddexp2`: `log2(2**x + 2**y)` without overflow.
#[inline(always)]
pub fn logaddexp2<T: Real>(x: T, y: T) -> T {
    if x == y {
        // Infinities of the same sign, without warnings.
        return x + T::ONE;
    }
    let tmp = x - y;
    if tmp > T::ZERO {
        x + T::LOG2E * (-tmp).exp2().log1p()
    } else if tmp <= T::ZERO {
        y + T::LOG2E * tmp.exp2().log1p()
    } else {
        // NaNs: C's `<=` on NaN is a signaling comparison, which NumPy reports.
        super::fpe::raise_invalid();
        tmp
    }
}

/// `npy_spacing`: the distance to the next float away from zero (+0 and -0 step up);
/// infinities give NaN quietly.
#[inline(always)]
pub fn spacing<T: LibmExtra>(x: T) -> T {
    if x.is_nan() {
        // Quietly, as NumPy (glibc's nextafter would flag "invalid").
        return x;
    }
    if x.is_inf() {
        return T::NAN;
    }
    let to = if x >= T::ZERO {
        T::INF
    } else {
        T::ZERO - T::INF
    };
    x.next_after(to) - x
}

/// `npy_half_nextafter` on the bit patterns.
#[inline(always)]
pub fn half_nextafter(x: half::f16, y: half::f16) -> half::f16 {
    let (xb, yb) = (x.to_bits(), y.to_bits());
    let r = if x.is_nan() || y.is_nan() {
        0x7e00u16
    } else if x == y {
        xb
    } else if xb & 0x7fff == 0 {
        // The smallest subnormal towards y.
        (yb & 0x8000) + 1
    } else if xb & 0x8000 == 0 {
        if (xb as i16) > (yb as i16) {
            xb - 1
        } else {
            xb + 1
        }
    } else if yb & 0x8000 == 0 || (xb & 0x7fff) > (yb & 0x7fff) {
        xb - 1
    } else {
        xb + 1
    };
    let out = half::f16::from_bits(r);
    if out.is_infinite() && x.is_finite() {
        super::fpe::raise_overflow();
    }
    out
}

/// `npy_half_spacing` on the bit pattern (always non-negative, unlike float32/64).
#[inline(always)]
pub fn half_spacing(h: half::f16) -> half::f16 {
    let hb = h.to_bits();
    let h_exp = hb & 0x7c00;
    let h_sig = hb & 0x03ff;
    let r = if h_exp == 0x7c00 {
        super::fpe::raise_invalid();
        0x7e00u16
    } else if hb == 0x7bff {
        super::fpe::raise_overflow();
        0x7c00
    } else if hb & 0x8000 != 0 && h_sig == 0 {
        // Negative boundary case.
        if h_exp > 0x2c00 {
            h_exp - 0x2c00
        } else if h_exp > 0x0400 {
            1 << ((h_exp >> 10) - 2)
        } else {
            1
        }
    } else if h_exp > 0x2800 {
        h_exp - 0x2800
    } else if h_exp > 0x0400 {
        1 << ((h_exp >> 10) - 1)
    } else {
        1
    };
    half::f16::from_bits(r)
}

/// NumPy's `ldexp` loops with an int64 exponent: out-of-`int` exponents clamp (the result
/// overflows or underflows either way).
#[inline(always)]
pub fn ldexp_i64<T: LibmExtra>(x: T, e: i64) -> T {
    let e = e.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    x.ldexp(e)
}

/// Integer types for `gcd`/`lcm`, widened as C promotes them (`int` for the narrow ones).
pub trait GcdInt: Copy {
    /// `npy_gcd` of the two values, truncated back.
    fn gcd(self, o: Self) -> Self;
    /// `npy_lcm`.
    fn lcm(self, o: Self) -> Self;
}

macro_rules! impl_gcd_signed {
    ($($t:ty => $w:ty),*) => {$(
        impl GcdInt for $t {
            #[inline(always)]
            fn gcd(self, o: $t) -> $t {
                let (mut a, mut b) = ((self as $w).wrapping_abs(), (o as $w).wrapping_abs());
                while a != 0 {
                    let c = a;
                    a = b.wrapping_rem(a);
                    b = c;
                }
                b as $t
            }
            #[inline(always)]
            fn lcm(self, o: $t) -> $t {
                let (a, b) = (self as $w, o as $w);
                let g = GcdInt::gcd(a, b);
                if g == 0 {
                    0
                } else {
                    a.wrapping_div(g).wrapping_mul(b).wrapping_abs() as $t
                }
            }
        }
    )*};
}

macro_rules! impl_gcd_unsigned {
    ($($t:ty => $w:ty),*) => {$(
        impl GcdInt for $t {
            #[inline(always)]
            fn gcd(self, o: $t) -> $t {
                let (mut a, mut b) = (self as $w, o as $w);
                while a != 0 {
                    let c = a;
                    a = b % a;
                    b = c;
                }
                b as $t
            }
            #[inline(always)]
            fn lcm(self, o: $t) -> $t {
                let (a, b) = (self as $w, o as $w);
                let g = GcdInt::gcd(a, b);
                if g == 0 {
                    0
                } else {
                    (a / g).wrapping_mul(b) as $t
                }
            }
        }
    )*};
}

impl_gcd_signed!(i32 => i32, i64 => i64, i8 => i32, i16 => i32);
impl_gcd_unsigned!(u32 => u32, u64 => u64, u8 => u32, u16 => u32);

/// `bitwise_count` of a signed integer: the 1-bits of its absolute value.
pub trait PopCount: Copy {
    fn popcount(self) -> u8;
}

macro_rules! impl_popcount {
    (signed $($t:ty),*) => {$(
        impl PopCount for $t {
            #[inline(always)]
            fn popcount(self) -> u8 {
                self.unsigned_abs().count_ones() as u8
            }
        }
    )*};
    (unsigned $($t:ty),*) => {$(
        impl PopCount for $t {
            #[inline(always)]
            fn popcount(self) -> u8 {
                self.count_ones() as u8
            }
        }
    )*};
}
impl_popcount!(signed i8, i16, i32, i64);
impl_popcount!(unsigned u8, u16, u32, u64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcd_lcm_follow_c_promotion() {
        assert_eq!(GcdInt::gcd(-128i8, 0i8), -128);
        assert_eq!(GcdInt::lcm(100i8, 3i8), 44);
        assert_eq!(GcdInt::lcm(50i8, 3i8), -106);
        assert_eq!(GcdInt::gcd(12u8, 18u8), 6);
    }

    #[test]
    fn half_spacing_matches_numpy() {
        let s = |v: f32| half_spacing(half::f16::from_f32(v)).to_f32();
        assert_eq!(s(1.0), 0.000_976_562_5);
        assert_eq!(s(-2.5), 0.001_953_125);
        assert_eq!(s(-65504.0), 32.0);
    }
}
