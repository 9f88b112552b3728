//! `numpy.random.PCG64`: 128-bit LCG with the XSL-RR 64-bit output function,
//! seeded from `SeedSequence.generate_state(4, uint64)`, with NumPy's
//! 32-bit output buffering (`has_uint32` / `uinteger`).

use super::seed_sequence::SeedSequence;
use super::BitGen;

const MULTIPLIER: u128 = (2_549_297_995_355_413_924_u128 << 64) | 4_865_540_595_714_422_341_u128;

/// The jump step used by `PCG64.jumped`: (phi - 1) * 2**128.
pub const JUMP_STEP: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835;

/// The complete PCG64 state as reported by `PCG64().state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pcg64State {
    /// `state['state']['state']`
    pub state: u128,
    /// `state['state']['inc']`
    pub inc: u128,
    /// `state['has_uint32']`
    pub has_uint32: bool,
    /// `state['uinteger']`
    pub uinteger: u32,
}

/// NumPy's PCG64 bit generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    has_uint32: bool,
    uinteger: u32,
}

fn advance_lcg(state: u128, mut delta: u128, mut cur_mult: u128, mut cur_plus: u128) -> u128 {
    let mut acc_mult: u128 = 1;
    let mut acc_plus: u128 = 0;
    while delta > 0 {
        if delta & 1 == 1 {
            acc_mult = acc_mult.wrapping_mul(cur_mult);
            acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
        }
        cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
        cur_mult = cur_mult.wrapping_mul(cur_mult);
        delta >>= 1;
    }
    acc_mult.wrapping_mul(state).wrapping_add(acc_plus)
}

impl Pcg64 {
    /// `PCG64(seed_seq)`: seeds from `generate_state(4, uint64)`.
    pub fn new(seed_seq: &SeedSequence) -> Self {
        let mut val = [0u64; 4];
        seed_seq.fill_state_u64(&mut val);
        let initstate = (u128::from(val[0]) << 64) | u128::from(val[1]);
        let initseq = (u128::from(val[2]) << 64) | u128::from(val[3]);
        Self::from_seed_and_stream(initstate, initseq)
    }

    /// `PCG64(seed)` for an integer seed below 2**64 (`default_rng(seed)`).
    pub fn from_u64(seed: u64) -> Self {
        Self::new(&SeedSequence::from_u64(seed))
    }

    /// PCG's `srandom_r(initstate, initseq)` (no SeedSequence involved).
    pub fn from_seed_and_stream(initstate: u128, initseq: u128) -> Self {
        let mut rng = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            has_uint32: false,
            uinteger: 0,
        };
        rng.step();
        rng.state = rng.state.wrapping_add(initstate);
        rng.step();
        rng
    }

    /// Rebuilds a generator from a state (the `state` setter).
    pub fn from_state(state: Pcg64State) -> Self {
        Pcg64 {
            state: state.state,
            inc: state.inc,
            has_uint32: state.has_uint32,
            uinteger: state.uinteger,
        }
    }

    /// The `state` getter.
    pub fn state(&self) -> Pcg64State {
        Pcg64State {
            state: self.state,
            inc: self.inc,
            has_uint32: self.has_uint32,
            uinteger: self.uinteger,
        }
    }

    /// The `state` setter.
    pub fn set_state(&mut self, state: Pcg64State) {
        *self = Self::from_state(state);
    }

    #[inline]
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(self.inc);
    }

    /// Next raw 64-bit output (`random_raw`).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let hi = (self.state >> 64) as u64;
        let lo = self.state as u64;
        (hi ^ lo).rotate_right((self.state >> 122) as u32)
    }

    /// Next 32-bit output: the low half of a fresh 64-bit draw, then the
    /// buffered high half on the following call.
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.has_uint32 {
            self.has_uint32 = false;
            return self.uinteger;
        }
        let next = self.next_u64();
        self.has_uint32 = true;
        self.uinteger = (next >> 32) as u32;
        next as u32
    }

    /// `(next_u64 >> 11) * 2**-53`.
    #[inline]
    pub fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `advance(delta)`: jump ahead `delta` 64-bit draws (delta is taken
    /// modulo 2**128, so negative Python deltas should be wrapped first).
    /// Clears the 32-bit buffer like NumPy.
    pub fn advance(&mut self, delta: u128) -> &mut Self {
        self.state = advance_lcg(self.state, delta, MULTIPLIER, self.inc);
        self.has_uint32 = false;
        self.uinteger = 0;
        self
    }

    /// `jumped(jumps)`: a copy advanced by `jumps * JUMP_STEP` (mod 2**128;
    /// reduce larger Python ints modulo 2**128 first).
    pub fn jumped(&self, jumps: u128) -> Pcg64 {
        let mut copy = self.clone();
        copy.advance(JUMP_STEP.wrapping_mul(jumps));
        copy
    }
}

impl BitGen for Pcg64 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        Pcg64::next_u64(self)
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        Pcg64::next_u32(self)
    }
    #[inline]
    fn next_double(&mut self) -> f64 {
        Pcg64::next_double(self)
    }
}

impl rand_core::TryRng for Pcg64 {
    type Error = rand_core::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(Pcg64::next_u32(self))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(Pcg64::next_u64(self))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let bytes = Pcg64::next_u64(self).to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}
