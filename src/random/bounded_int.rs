//! Bounded random integers exactly as NumPy draws them
//! (`random_bounded_*` in `distributions.c`, `_bounded_integers.pyx.in`):
//! Lemire's multiply-shift rejection (Generator) or masked rejection
//! (legacy `randint`), 32-bit draws for ranges below 2**32, and 8/16-bit and
//! bool values carved out of buffered 32-bit words.

use super::error::{RandomError, RandomResult};
use super::BitGen;

/// `random_interval(max)`: masked rejection on `[0, max]`, using a 32-bit
/// draw when `max` fits in 32 bits (used by shuffles and permutations).
pub fn random_interval<B: BitGen + ?Sized>(bg: &mut B, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= 0xffff_ffff {
        loop {
            let value = u64::from(bg.next_u32()) & mask;
            if value <= max {
                return value;
            }
        }
    }
    loop {
        let value = bg.next_u64() & mask;
        if value <= max {
            return value;
        }
    }
}

/// Smallest all-ones bit mask `>= max`.
#[inline]
pub fn gen_mask(max: u64) -> u64 {
    let mut mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    mask
}

/// The 32-bit buffer NumPy uses to carve 8-bit, 16-bit and bool values out
/// of `next_u32` draws. Start a fresh one per `integers` call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IntBuffer {
    bcnt: u32,
    buf: u32,
}

impl IntBuffer {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    fn next_u16<B: BitGen + ?Sized>(&mut self, bg: &mut B) -> u16 {
        if self.bcnt == 0 {
            self.buf = bg.next_u32();
            self.bcnt = 1;
        } else {
            self.buf >>= 16;
            self.bcnt -= 1;
        }
        self.buf as u16
    }

    fn next_u8<B: BitGen + ?Sized>(&mut self, bg: &mut B) -> u8 {
        if self.bcnt == 0 {
            self.buf = bg.next_u32();
            self.bcnt = 3;
        } else {
            self.buf >>= 8;
            self.bcnt -= 1;
        }
        self.buf as u8
    }

    fn next_bool<B: BitGen + ?Sized>(&mut self, bg: &mut B) -> bool {
        if self.bcnt == 0 {
            self.buf = bg.next_u32();
            self.bcnt = 31;
        } else {
            self.buf >>= 1;
            self.bcnt -= 1;
        }
        self.buf & 1 != 0
    }
}

fn lemire_u64<B: BitGen + ?Sized>(bg: &mut B, rng: u64) -> u64 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = u128::from(bg.next_u64()) * u128::from(rng_excl);
    let mut leftover = m as u64;
    if leftover < rng_excl {
        let threshold = (u64::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u128::from(bg.next_u64()) * u128::from(rng_excl);
            leftover = m as u64;
        }
    }
    (m >> 64) as u64
}

fn lemire_u32<B: BitGen + ?Sized>(bg: &mut B, rng: u32) -> u32 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = u64::from(bg.next_u32()) * u64::from(rng_excl);
    let mut leftover = m as u32;
    if leftover < rng_excl {
        let threshold = (u32::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u64::from(bg.next_u32()) * u64::from(rng_excl);
            leftover = m as u32;
        }
    }
    (m >> 32) as u32
}

fn lemire_u16<B: BitGen + ?Sized>(bg: &mut B, rng: u16, buf: &mut IntBuffer) -> u16 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = u32::from(buf.next_u16(bg)) * u32::from(rng_excl);
    let mut leftover = m as u16;
    if leftover < rng_excl {
        let threshold = (u16::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u32::from(buf.next_u16(bg)) * u32::from(rng_excl);
            leftover = m as u16;
        }
    }
    (m >> 16) as u16
}

fn lemire_u8<B: BitGen + ?Sized>(bg: &mut B, rng: u8, buf: &mut IntBuffer) -> u8 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = u16::from(buf.next_u8(bg)) * u16::from(rng_excl);
    let mut leftover = m as u8;
    if leftover < rng_excl {
        let threshold = (u8::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u16::from(buf.next_u8(bg)) * u16::from(rng_excl);
            leftover = m as u8;
        }
    }
    (m >> 8) as u8
}

fn masked_u32<B: BitGen + ?Sized>(bg: &mut B, rng: u32, mask: u32) -> u32 {
    loop {
        let val = bg.next_u32() & mask;
        if val <= rng {
            return val;
        }
    }
}

/// `random_bounded_uint64`: one value in `[off, off + rng]` (wrapping).
pub fn bounded_u64<B: BitGen + ?Sized>(bg: &mut B, off: u64, rng: u64, use_masked: bool) -> u64 {
    if rng == 0 {
        off
    } else if rng <= 0xffff_ffff {
        if rng == 0xffff_ffff {
            return off.wrapping_add(u64::from(bg.next_u32()));
        }
        let r32 = rng as u32;
        let v = if use_masked {
            masked_u32(bg, r32, gen_mask(rng) as u32)
        } else {
            lemire_u32(bg, r32)
        };
        off.wrapping_add(u64::from(v))
    } else if rng == u64::MAX {
        off.wrapping_add(bg.next_u64())
    } else if use_masked {
        let mask = gen_mask(rng);
        loop {
            let val = bg.next_u64() & mask;
            if val <= rng {
                return off.wrapping_add(val);
            }
        }
    } else {
        off.wrapping_add(lemire_u64(bg, rng))
    }
}

/// `random_buffered_bounded_uint32`: one value in `[off, off + rng]`.
pub fn bounded_u32<B: BitGen + ?Sized>(bg: &mut B, off: u32, rng: u32, use_masked: bool) -> u32 {
    if rng == 0 {
        off
    } else if rng == u32::MAX {
        off.wrapping_add(bg.next_u32())
    } else if use_masked {
        off.wrapping_add(masked_u32(bg, rng, gen_mask(u64::from(rng)) as u32))
    } else {
        off.wrapping_add(lemire_u32(bg, rng))
    }
}

/// `random_buffered_bounded_uint16`: one value in `[off, off + rng]`,
/// drawing 16 bits at a time from `buf`.
pub fn bounded_u16<B: BitGen + ?Sized>(
    bg: &mut B,
    off: u16,
    rng: u16,
    use_masked: bool,
    buf: &mut IntBuffer,
) -> u16 {
    if rng == 0 {
        off
    } else if rng == u16::MAX {
        off.wrapping_add(buf.next_u16(bg))
    } else if use_masked {
        let mask = gen_mask(u64::from(rng)) as u16;
        loop {
            let val = buf.next_u16(bg) & mask;
            if val <= rng {
                return off.wrapping_add(val);
            }
        }
    } else {
        off.wrapping_add(lemire_u16(bg, rng, buf))
    }
}

/// `random_buffered_bounded_uint8`: one value in `[off, off + rng]`,
/// drawing 8 bits at a time from `buf`.
pub fn bounded_u8<B: BitGen + ?Sized>(
    bg: &mut B,
    off: u8,
    rng: u8,
    use_masked: bool,
    buf: &mut IntBuffer,
) -> u8 {
    if rng == 0 {
        off
    } else if rng == u8::MAX {
        off.wrapping_add(buf.next_u8(bg))
    } else if use_masked {
        let mask = gen_mask(u64::from(rng)) as u8;
        loop {
            let val = buf.next_u8(bg) & mask;
            if val <= rng {
                return off.wrapping_add(val);
            }
        }
    } else {
        off.wrapping_add(lemire_u8(bg, rng, buf))
    }
}

/// `random_buffered_bounded_bool`: `off` when `rng` is false, else one
/// buffered random bit.
pub fn bounded_bool<B: BitGen + ?Sized>(
    bg: &mut B,
    off: bool,
    rng: bool,
    buf: &mut IntBuffer,
) -> bool {
    if !rng {
        return off;
    }
    buf.next_bool(bg)
}

/// An integer dtype `Generator.integers` / `RandomState.randint` can produce.
pub trait RandomInt: Copy + Default + std::fmt::Debug {
    /// NumPy dtype name used in error messages (`"int8"`, `"uint64"`, `"bool"`).
    const NAME: &'static str;
    /// Smallest representable value.
    const MIN: i128;
    /// Largest representable value.
    const MAX: i128;
    /// One value in the closed range `[low, low + rng]` (NumPy's
    /// per-element path; `buf` is shared across the elements of one call).
    fn draw<B: BitGen + ?Sized>(
        bg: &mut B,
        low: i128,
        rng: u64,
        use_masked: bool,
        buf: &mut IntBuffer,
    ) -> Self;
    /// Converts to `i128` (bool as 0/1).
    fn to_i128(self) -> i128;
}

macro_rules! impl_random_int {
    ($t:ty, $u:ty, $name:expr, |$bg:ident, $off:ident, $rng:ident, $m:ident, $buf:ident| $body:expr) => {
        impl RandomInt for $t {
            const NAME: &'static str = $name;
            const MIN: i128 = <$t>::MIN as i128;
            const MAX: i128 = <$t>::MAX as i128;
            #[inline]
            fn draw<B: BitGen + ?Sized>(
                $bg: &mut B,
                low: i128,
                rng: u64,
                $m: bool,
                $buf: &mut IntBuffer,
            ) -> Self {
                let $off = low as $u;
                let $rng = rng as $u;
                let v: $u = $body;
                v as $t
            }
            #[inline]
            fn to_i128(self) -> i128 {
                self as i128
            }
        }
    };
}

impl_random_int!(u64, u64, "uint64", |bg, off, rng, m, _buf| bounded_u64(
    bg, off, rng, m
));
impl_random_int!(i64, u64, "int64", |bg, off, rng, m, _buf| bounded_u64(
    bg, off, rng, m
));
impl_random_int!(u32, u32, "uint32", |bg, off, rng, m, _buf| bounded_u32(
    bg, off, rng, m
));
impl_random_int!(i32, u32, "int32", |bg, off, rng, m, _buf| bounded_u32(
    bg, off, rng, m
));
impl_random_int!(u16, u16, "uint16", |bg, off, rng, m, buf| bounded_u16(
    bg, off, rng, m, buf
));
impl_random_int!(i16, u16, "int16", |bg, off, rng, m, buf| bounded_u16(
    bg, off, rng, m, buf
));
impl_random_int!(u8, u8, "uint8", |bg, off, rng, m, buf| bounded_u8(
    bg, off, rng, m, buf
));
impl_random_int!(i8, u8, "int8", |bg, off, rng, m, buf| bounded_u8(
    bg, off, rng, m, buf
));

impl RandomInt for bool {
    const NAME: &'static str = "bool";
    const MIN: i128 = 0;
    const MAX: i128 = 1;
    #[inline]
    fn draw<B: BitGen + ?Sized>(
        bg: &mut B,
        low: i128,
        rng: u64,
        _use_masked: bool,
        buf: &mut IntBuffer,
    ) -> Self {
        bounded_bool(bg, low != 0, rng != 0, buf)
    }
    #[inline]
    fn to_i128(self) -> i128 {
        i128::from(self)
    }
}

fn format_bounds_error(closed: bool, low_all_zero: bool) -> RandomError {
    RandomError::value(match (low_all_zero, closed) {
        (true, true) => "high < 0",
        (true, false) => "high <= 0",
        (false, true) => "low > high",
        (false, false) => "low >= high",
    })
}

/// Validates scalar bounds like `_rand_<dtype>` and returns `(low, rng)`
/// for the closed interval `[low, low + rng]`.
///
/// Python ints outside `i128` can be saturated by the caller: the checks
/// (low, then high, then order) give the same errors.
pub fn check_bounds<T: RandomInt>(
    low: i128,
    high: i128,
    endpoint: bool,
) -> RandomResult<(i128, u64)> {
    let high = if endpoint {
        high
    } else {
        high.saturating_sub(1)
    };
    if low < T::MIN {
        return Err(RandomError::value(format!(
            "low is out of bounds for {}",
            T::NAME
        )));
    }
    if high > T::MAX {
        return Err(RandomError::value(format!(
            "high is out of bounds for {}",
            T::NAME
        )));
    }
    if low > high {
        return Err(format_bounds_error(endpoint, low == 0));
    }
    Ok((low, (high - low) as u64))
}

/// `integers(low, high, size=len(out), dtype=T, endpoint=...)` with scalar
/// bounds. `use_masked` is false for `Generator.integers` and true for
/// `RandomState.randint`. An empty `out` (explicit zero-size `size`) returns
/// without validation, like NumPy; `size=None` corresponds to `out.len() == 1`.
pub fn integers<B: BitGen + ?Sized, T: RandomInt>(
    bg: &mut B,
    low: i128,
    high: i128,
    endpoint: bool,
    use_masked: bool,
    out: &mut [T],
) -> RandomResult<()> {
    if out.is_empty() {
        return Ok(());
    }
    let (low, rng) = check_bounds::<T>(low, high, endpoint)?;
    let mut buf = IntBuffer::new();
    for x in out.iter_mut() {
        *x = T::draw(bg, low, rng, use_masked, &mut buf);
    }
    Ok(())
}

/// `integers` with array bounds already broadcast to `out.len()`
/// (`_rand_<dtype>_broadcast`): all lows are checked, then all highs, then
/// the ordering, each with NumPy's message; the buffer is shared across
/// elements.
pub fn integers_broadcast<B: BitGen + ?Sized, T: RandomInt>(
    bg: &mut B,
    lows: &[i128],
    highs: &[i128],
    endpoint: bool,
    use_masked: bool,
    out: &mut [T],
) -> RandomResult<()> {
    if out.is_empty() {
        return Ok(());
    }
    if lows.len() != out.len() || highs.len() != out.len() {
        return Err(RandomError::value(
            "shape mismatch: low, high and out must have the same length",
        ));
    }
    if lows.iter().any(|&l| l < T::MIN) || lows.iter().any(|&l| l > T::MAX) {
        return Err(RandomError::value(format!(
            "low is out of bounds for {}",
            T::NAME
        )));
    }
    let closed_high = |h: i128| if endpoint { h } else { h.saturating_sub(1) };
    if highs.iter().any(|&h| closed_high(h) > T::MAX) {
        return Err(RandomError::value(format!(
            "high is out of bounds for {}",
            T::NAME
        )));
    }
    if lows.iter().zip(highs).any(|(&l, &h)| l > closed_high(h)) {
        return Err(format_bounds_error(endpoint, lows.iter().all(|&l| l == 0)));
    }
    let mut buf = IntBuffer::new();
    for ((x, &l), &h) in out.iter_mut().zip(lows).zip(highs) {
        let rng = (closed_high(h) - l) as u64;
        *x = T::draw(bg, l, rng, use_masked, &mut buf);
    }
    Ok(())
}
