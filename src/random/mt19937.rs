//! `numpy.random.MT19937`: the Mersenne Twister behind the legacy
//! `RandomState` / `np.random.seed` API, with NumPy's legacy seeding
//! (`init_genrand`-style for ints, `init_by_array` for arrays), its
//! SeedSequence seeding, the legacy 53-bit double and `jumped`.

use super::error::{RandomError, RandomResult};
use super::mt19937_jump_poly::POLY_COEF;
use super::seed_sequence::SeedSequence;
use super::BitGen;

/// Number of 32-bit words in the state.
pub const MT_N: usize = 624;
const MT_M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;
const MEXP: usize = 19937;

/// NumPy's MT19937 bit generator: 624-word key plus position.
#[derive(Clone, PartialEq, Eq)]
pub struct Mt19937 {
    key: [u32; MT_N],
    pos: usize,
}

impl std::fmt::Debug for Mt19937 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mt19937")
            .field("pos", &self.pos)
            .finish_non_exhaustive()
    }
}

impl Mt19937 {
    /// Legacy seeding with an integer (`RandomState(seed)`, `np.random.seed(seed)`,
    /// `MT19937._legacy_seeding(int)`).
    pub fn new_legacy(seed: u32) -> Self {
        let mut mt = Mt19937 {
            key: [0; MT_N],
            pos: MT_N,
        };
        mt.seed(seed);
        mt
    }

    /// Legacy integer seeding; Python callers must first check
    /// `0 <= seed <= 2**32 - 1` (see [`Mt19937::check_legacy_seed`]).
    pub fn seed(&mut self, seed: u32) {
        let mut s = seed;
        for (pos, slot) in self.key.iter_mut().enumerate() {
            *slot = s;
            s = 1_812_433_253_u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(pos as u32 + 1);
        }
        self.pos = MT_N;
    }

    /// Validates a Python integer seed for legacy seeding, with NumPy's message.
    pub fn check_legacy_seed(seed: i128) -> RandomResult<u32> {
        u32::try_from(seed).map_err(|_| RandomError::value("Seed must be between 0 and 2**32 - 1"))
    }

    /// Legacy seeding with a 1-d array of integers (`init_by_array`).
    /// Errors like NumPy for an empty array.
    pub fn seed_by_array(&mut self, init_key: &[u32]) -> RandomResult<()> {
        if init_key.is_empty() {
            return Err(RandomError::value("Seed must be non-empty"));
        }
        self.init_genrand(19_650_218);
        let mt = &mut self.key;
        let mut i = 1usize;
        let mut j = 0usize;
        let key_length = init_key.len();
        let mut k = MT_N.max(key_length);
        while k > 0 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(init_key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= MT_N {
                mt[0] = mt[MT_N - 1];
                i = 1;
            }
            if j >= key_length {
                j = 0;
            }
            k -= 1;
        }
        k = MT_N - 1;
        while k > 0 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= MT_N {
                mt[0] = mt[MT_N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
        Ok(())
    }

    /// `RandomState(array_seed)`: a fresh generator seeded by `init_by_array`.
    pub fn new_legacy_array(init_key: &[u32]) -> RandomResult<Self> {
        let mut mt = Mt19937 {
            key: [0; MT_N],
            pos: MT_N,
        };
        mt.seed_by_array(init_key)?;
        Ok(mt)
    }

    fn init_genrand(&mut self, s: u32) {
        self.key[0] = s;
        for mti in 1..MT_N {
            let prev = self.key[mti - 1];
            self.key[mti] = 1_812_433_253_u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(mti as u32);
        }
        self.pos = MT_N;
    }

    /// `MT19937(seed_seq)` (the non-legacy constructor): key from
    /// `generate_state(624)` with `key[0] = 0x80000000` and NumPy's `pos = 623`.
    pub fn from_seed_sequence(seed_seq: &SeedSequence) -> Self {
        let mut key = [0u32; MT_N];
        seed_seq.fill_state_u32(&mut key);
        key[0] = 0x8000_0000;
        Mt19937 { key, pos: MT_N - 1 }
    }

    /// `_legacy_seeding(None)` (`RandomState.seed()` with no seed), given a
    /// `SeedSequence` built from fresh OS entropy: the key is replaced like
    /// [`Mt19937::from_seed_sequence`] but, as in NumPy, `pos` is left as is.
    pub fn reseed_from_seed_sequence(&mut self, seed_seq: &SeedSequence) {
        seed_seq.fill_state_u32(&mut self.key);
        self.key[0] = 0x8000_0000;
    }

    /// Builds a generator from a `(key, pos)` state; `pos` must be `<= 624`.
    pub fn from_state(key: &[u32], pos: usize) -> RandomResult<Self> {
        let mut mt = Mt19937 {
            key: [0; MT_N],
            pos: MT_N,
        };
        mt.set_state(key, pos)?;
        Ok(mt)
    }

    /// The state: the 624-word key and the position.
    pub fn state(&self) -> (&[u32; MT_N], usize) {
        (&self.key, self.pos)
    }

    /// Sets the state; errors unless `key` has 624 words and `pos <= 624`.
    pub fn set_state(&mut self, key: &[u32], pos: usize) -> RandomResult<()> {
        if key.len() != MT_N {
            return Err(RandomError::value("state must be 624 uint32 words"));
        }
        if pos > MT_N {
            return Err(RandomError::value(
                "state position must be between 0 and 624",
            ));
        }
        self.key.copy_from_slice(key);
        self.pos = pos;
        Ok(())
    }

    fn generate(&mut self) {
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        for i in 0..MT_N - MT_M {
            let y = (self.key[i] & UPPER_MASK) | (self.key[i + 1] & LOWER_MASK);
            self.key[i] = self.key[i + MT_M] ^ (y >> 1) ^ mag(y);
        }
        for i in MT_N - MT_M..MT_N - 1 {
            let y = (self.key[i] & UPPER_MASK) | (self.key[i + 1] & LOWER_MASK);
            self.key[i] = self.key[i + MT_M - MT_N] ^ (y >> 1) ^ mag(y);
        }
        let y = (self.key[MT_N - 1] & UPPER_MASK) | (self.key[0] & LOWER_MASK);
        self.key[MT_N - 1] = self.key[MT_M - 1] ^ (y >> 1) ^ mag(y);
        self.pos = 0;
    }

    /// Next tempered 32-bit output.
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= MT_N {
            self.generate();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// Two 32-bit outputs, the first one in the high half.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let hi = u64::from(self.next_u32());
        let lo = u64::from(self.next_u32());
        (hi << 32) | lo
    }

    /// The legacy 53-bit double: `((a >> 5) * 2**26 + (b >> 6)) / 2**53`.
    #[inline]
    pub fn next_double(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `jumped(jumps)`: a copy advanced by `jumps * 2**128` outputs.
    pub fn jumped(&self, jumps: u64) -> Mt19937 {
        let mut copy = self.clone();
        for _ in 0..jumps {
            copy.jump_once();
        }
        copy
    }

    fn gen_next(&mut self) {
        let num = self.pos;
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        if num < MT_N - MT_M {
            let y = (self.key[num] & UPPER_MASK) | (self.key[num + 1] & LOWER_MASK);
            self.key[num] = self.key[num + MT_M] ^ (y >> 1) ^ mag(y);
            self.pos += 1;
        } else if num < MT_N - 1 {
            let y = (self.key[num] & UPPER_MASK) | (self.key[num + 1] & LOWER_MASK);
            self.key[num] = self.key[num + MT_M - MT_N] ^ (y >> 1) ^ mag(y);
            self.pos += 1;
        } else if num == MT_N - 1 {
            let y = (self.key[MT_N - 1] & UPPER_MASK) | (self.key[0] & LOWER_MASK);
            self.key[MT_N - 1] = self.key[MT_M - 1] ^ (y >> 1) ^ mag(y);
            self.pos = 0;
        }
    }

    /// XORs `other`'s key (read from its position) into `self`'s (from its own).
    fn add_state(&mut self, other: &Mt19937) {
        let (p1, p2) = (self.pos, other.pos);
        for i in 0..MT_N {
            self.key[(i + p1) % MT_N] ^= other.key[(i + p2) % MT_N];
        }
    }

    fn jump_once(&mut self) {
        if self.pos >= MT_N {
            self.pos = 0;
        }
        let coef = |deg: usize| (POLY_COEF[deg >> 5] >> (deg & 31)) & 1 == 1;
        let mut i = MEXP - 1;
        while i > 0 && !coef(i) {
            i -= 1;
        }
        let mut temp = Mt19937 {
            key: [0; MT_N],
            pos: 0,
        };
        if i > 0 {
            temp = self.clone();
            temp.gen_next();
            i -= 1;
            while i > 0 {
                if coef(i) {
                    temp.add_state(self);
                }
                temp.gen_next();
                i -= 1;
            }
            if coef(0) {
                temp.add_state(self);
            }
        } else if coef(0) {
            temp = self.clone();
        }
        *self = temp;
    }
}

impl BitGen for Mt19937 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        Mt19937::next_u64(self)
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        Mt19937::next_u32(self)
    }
    #[inline]
    fn next_double(&mut self) -> f64 {
        Mt19937::next_double(self)
    }
}

impl rand_core::TryRng for Mt19937 {
    type Error = rand_core::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(Mt19937::next_u32(self))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(Mt19937::next_u64(self))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(4) {
            let bytes = Mt19937::next_u32(self).to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}
