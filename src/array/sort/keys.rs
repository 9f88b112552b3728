//! Order-preserving integer keys for the real dtypes, so that sorting, selecting and searching
//! can compare (and radix-sort) plain unsigned integers.
//!
//! NumPy orders floats with `a < b || (b != b && a == a)`: NaNs after everything, all NaNs
//! equal, `-0.0 == 0.0`. Two key flavours follow from that:
//! * [`RealKey::key`] is *bijective* on non-NaN values (`-0.0` sorts just before `0.0`) and maps
//!   every NaN to the largest key, so sorted keys turn back into the sorted values
//!   ([`RealKey::from_key`]); the sort then restores the input order of mixed zeros.
//! * [`RealKey::cmp_key`] identifies `-0.0` with `0.0` as well: NumPy's exact comparison, used
//!   where only the order matters (argsort, searchsorted, the kth element of argpartition).

use crate::array::element::Scalar;

/// An unsigned key a radix sort can digest byte by byte.
pub trait RadixKey: Copy + Ord + Default + Send + Sync + std::fmt::Debug + 'static {
    /// Key width in bytes.
    const BYTES: usize;
    /// The largest key.
    const MAX: Self;
    /// Byte `i` counted from the least significant.
    fn byte(self, i: usize) -> usize;
    /// Widened to u64 (for prefix/range computations).
    fn wide(self) -> u64;
    /// Narrowed back from [`wide`](RadixKey::wide).
    fn from_wide(w: u64) -> Self;
}

macro_rules! radix_key {
    ($t:ty) => {
        impl RadixKey for $t {
            const BYTES: usize = std::mem::size_of::<$t>();
            const MAX: Self = <$t>::MAX;
            #[inline(always)]
            fn byte(self, i: usize) -> usize {
                ((self as u64 >> (8 * i)) & 0xff) as usize
            }
            #[inline(always)]
            fn wide(self) -> u64 {
                self as u64
            }
            #[inline(always)]
            fn from_wide(w: u64) -> Self {
                w as $t
            }
        }
    };
}

radix_key!(u8);
radix_key!(u16);
radix_key!(u32);
radix_key!(u64);

/// A real element type (bool, integers, floats) with order-preserving keys.
pub trait RealKey: Scalar + Send + Sync {
    /// The key type (as wide as the element).
    type K: RadixKey + super::radix::Keyed<K = Self::K>;
    /// Whether the type has NaNs.
    const FLOAT: bool;
    /// Bijective order-preserving key; NaN → `K::MAX`.
    fn key(self) -> Self::K;
    /// The value of a [`key`](RealKey::key) (NaN for `K::MAX` of a float type).
    fn from_key(k: Self::K) -> Self;
    /// NumPy's comparison order as a key: like `key`, with `-0.0` equal to `0.0`.
    fn cmp_key(self) -> Self::K;
    /// `self != self`.
    fn is_nan(self) -> bool;
    /// Whether the value is a zero with the sign bit set (`-0.0`).
    fn is_neg_zero(self) -> bool;
    /// Whether the value is `+0.0` (only meaningful for floats).
    fn is_pos_zero(self) -> bool;
}

macro_rules! int_key {
    ($t:ty, $k:ty, $flip:expr) => {
        impl RealKey for $t {
            type K = $k;
            const FLOAT: bool = false;
            #[inline(always)]
            fn key(self) -> $k {
                (self as $k) ^ $flip
            }
            #[inline(always)]
            fn from_key(k: $k) -> $t {
                (k ^ $flip) as $t
            }
            #[inline(always)]
            fn cmp_key(self) -> $k {
                (self as $k) ^ $flip
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                false
            }
            #[inline(always)]
            fn is_neg_zero(self) -> bool {
                false
            }
            #[inline(always)]
            fn is_pos_zero(self) -> bool {
                false
            }
        }
    };
}

int_key!(i8, u8, 0x80);
int_key!(i16, u16, 0x8000);
int_key!(i32, u32, 0x8000_0000);
int_key!(i64, u64, 0x8000_0000_0000_0000);
int_key!(u8, u8, 0);
int_key!(u16, u16, 0);
int_key!(u32, u32, 0);
int_key!(u64, u64, 0);

impl RealKey for bool {
    type K = u8;
    const FLOAT: bool = false;
    #[inline(always)]
    fn key(self) -> u8 {
        self as u8
    }
    #[inline(always)]
    fn from_key(k: u8) -> bool {
        k != 0
    }
    #[inline(always)]
    fn cmp_key(self) -> u8 {
        self as u8
    }
    #[inline(always)]
    fn is_nan(self) -> bool {
        false
    }
    #[inline(always)]
    fn is_neg_zero(self) -> bool {
        false
    }
    #[inline(always)]
    fn is_pos_zero(self) -> bool {
        false
    }
}

macro_rules! float_key {
    ($t:ty, $k:ty, $zero:expr) => {
        impl RealKey for $t {
            type K = $k;
            const FLOAT: bool = true;
            #[inline(always)]
            fn key(self) -> $k {
                if self.is_nan() {
                    return <$k>::MAX;
                }
                let b = self.to_bits();
                const SIGN: $k = 1 << (8 * std::mem::size_of::<$k>() - 1);
                // Negative values: all bits flipped (larger magnitude → smaller key);
                // non-negative values: sign bit set (above every negative).
                if b & SIGN != 0 {
                    !b
                } else {
                    b | SIGN
                }
            }
            #[inline(always)]
            fn from_key(k: $k) -> $t {
                const SIGN: $k = 1 << (8 * std::mem::size_of::<$k>() - 1);
                if k == <$k>::MAX {
                    return <$t>::NAN;
                }
                <$t>::from_bits(if k & SIGN != 0 { k ^ SIGN } else { !k })
            }
            #[inline(always)]
            fn cmp_key(self) -> $k {
                // Adding +0.0 turns -0.0 into +0.0 and leaves everything else alone.
                (self + $zero).key()
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self != self
            }
            #[inline(always)]
            fn is_neg_zero(self) -> bool {
                self == $zero && self.is_sign_negative()
            }
            #[inline(always)]
            fn is_pos_zero(self) -> bool {
                self == $zero && self.is_sign_positive()
            }
        }
    };
}

float_key!(::half::f16, u16, ::half::f16::ZERO);
float_key!(f32, u32, 0.0);
float_key!(f64, u64, 0.0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_order() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -1.0,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            1.0,
            f64::INFINITY,
        ];
        for w in xs.windows(2) {
            assert!(w[0].key() < w[1].key(), "{} {}", w[0], w[1]);
        }
        for &x in &xs {
            assert_eq!(f64::from_key(x.key()).to_bits(), x.to_bits());
        }
        assert_eq!(f64::NAN.key(), u64::MAX);
        assert_eq!((-f64::NAN).key(), u64::MAX);
        assert!(f64::INFINITY.key() < u64::MAX);
        assert_eq!((-0.0f64).cmp_key(), 0.0f64.cmp_key());
        assert!(
            i8::MIN.key() < (-1i8).key() && (-1i8).key() < 0i8.key() && 0i8.key() < i8::MAX.key()
        );
        assert_eq!(i64::from_key((-5i64).key()), -5);
    }
}
