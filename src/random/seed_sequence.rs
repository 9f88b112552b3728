//! `numpy.random.SeedSequence`: O'Neill's seed_seq-style entropy mixer that
//! turns user seeds (Python ints, lists of ints) into bit-generator state.
//!
//! Entropy is handled in NumPy's "uint32 word" form: every non-negative
//! Python integer is split into little-endian 32-bit words (0 becomes a
//! single `0` word), and a sequence of integers is the concatenation of the
//! words of each element.

use super::error::{try_vec, RandomError, RandomResult};

/// Default (and minimum) entropy pool size in 32-bit words.
pub const DEFAULT_POOL_SIZE: usize = 4;

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

/// Converts one non-negative integer, given as little-endian 32-bit digits
/// (e.g. `BigUint::to_u32_digits`), into NumPy's entropy words.
///
/// High zero digits are dropped and zero becomes `[0]`, exactly like
/// `numpy.random.bit_generator._int_to_uint32_array`.
pub fn int_digits_to_words(digits: &[u32]) -> Vec<u32> {
    let len = digits.iter().rposition(|&d| d != 0).map_or(0, |p| p + 1);
    if len == 0 {
        vec![0]
    } else {
        digits[..len].to_vec()
    }
}

/// Converts a non-negative integer that fits in 128 bits into entropy words.
pub fn u128_to_words(value: u128) -> Vec<u32> {
    let digits = [
        value as u32,
        (value >> 32) as u32,
        (value >> 64) as u32,
        (value >> 96) as u32,
    ];
    int_digits_to_words(&digits)
}

/// Converts a sequence of non-negative integers (each as little-endian u32
/// digits) into the concatenated entropy words NumPy builds for a list seed.
pub fn int_list_to_words<'a, I>(ints: I) -> Vec<u32>
where
    I: IntoIterator<Item = &'a [u32]>,
{
    ints.into_iter().flat_map(int_digits_to_words).collect()
}

/// Converts a sequence of 128-bit non-negative integers into entropy words
/// (e.g. `[1, 2, 3]` or `[2**64 - 1]`).
pub fn u128_list_to_words(ints: &[u128]) -> Vec<u32> {
    ints.iter().flat_map(|&v| u128_to_words(v)).collect()
}

fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut value = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    value = value.wrapping_mul(*hash_const);
    value ^ (value >> XSHIFT)
}

fn mix(x: u32, y: u32) -> u32 {
    let result = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    result ^ (result >> XSHIFT)
}

/// NumPy's `SeedSequence` (pool size, spawn key and spawn counter included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSequence {
    entropy: Vec<u32>,
    spawn_key: Vec<u128>,
    pool_size: usize,
    n_children_spawned: u64,
    pool: Vec<u32>,
}

impl SeedSequence {
    /// `SeedSequence(entropy)` where entropy is already in word form
    /// (see [`int_digits_to_words`], [`u128_list_to_words`]).
    pub fn from_words(entropy: &[u32]) -> Self {
        Self::build(entropy.to_vec(), Vec::new(), DEFAULT_POOL_SIZE, 0)
    }

    /// `SeedSequence(seed)` for an integer seed `0 <= seed < 2**64`.
    pub fn from_u64(seed: u64) -> Self {
        Self::from_words(&u128_to_words(u128::from(seed)))
    }

    /// `SeedSequence(seed)` for an integer seed `0 <= seed < 2**128`.
    pub fn from_u128(seed: u128) -> Self {
        Self::from_words(&u128_to_words(seed))
    }

    /// Full constructor: `SeedSequence(entropy, spawn_key=..., pool_size=...,
    /// n_children_spawned=...)`.
    ///
    /// Errors like NumPy when `pool_size < 4`.
    pub fn with_options(
        entropy: &[u32],
        spawn_key: &[u128],
        pool_size: usize,
        n_children_spawned: u64,
    ) -> RandomResult<Self> {
        if pool_size < DEFAULT_POOL_SIZE {
            return Err(RandomError::value(format!(
                "The size of the entropy pool should be at least {DEFAULT_POOL_SIZE}"
            )));
        }
        Ok(Self::build(
            entropy.to_vec(),
            spawn_key.to_vec(),
            pool_size,
            n_children_spawned,
        ))
    }

    fn build(
        entropy: Vec<u32>,
        spawn_key: Vec<u128>,
        pool_size: usize,
        n_children_spawned: u64,
    ) -> Self {
        let mut ss = SeedSequence {
            entropy,
            spawn_key,
            pool_size,
            n_children_spawned,
            pool: Vec::new(),
        };
        let assembled = ss.assembled_entropy();
        ss.pool = mix_entropy(pool_size, &assembled);
        ss
    }

    fn assembled_entropy(&self) -> Vec<u32> {
        let mut run = self.entropy.clone();
        let spawn = u128_list_to_words(&self.spawn_key);
        if !spawn.is_empty() && run.len() < self.pool_size {
            run.resize(self.pool_size, 0);
        }
        run.extend(spawn);
        run
    }

    /// The run entropy in word form.
    pub fn entropy_words(&self) -> &[u32] {
        &self.entropy
    }

    /// The spawn key (`()` for a root sequence).
    pub fn spawn_key(&self) -> &[u128] {
        &self.spawn_key
    }

    /// The pool size in 32-bit words.
    pub fn pool_size(&self) -> usize {
        self.pool_size
    }

    /// How many children [`SeedSequence::spawn`] has produced so far.
    pub fn n_children_spawned(&self) -> u64 {
        self.n_children_spawned
    }

    /// The mixed entropy pool (`SeedSequence.pool`).
    pub fn pool(&self) -> &[u32] {
        &self.pool
    }

    /// The endless word stream `generate_state` takes its output from.
    fn state_words(&self) -> impl Iterator<Item = u32> + '_ {
        let mut hash_const = INIT_B;
        self.pool.iter().cycle().map(move |&word| {
            let mut data = word ^ hash_const;
            hash_const = hash_const.wrapping_mul(MULT_B);
            data = data.wrapping_mul(hash_const);
            data ^ (data >> XSHIFT)
        })
    }

    /// Fills `out` with `generate_state(len(out), dtype=np.uint32)`.
    pub fn fill_state_u32(&self, out: &mut [u32]) {
        out.iter_mut()
            .zip(self.state_words())
            .for_each(|(o, w)| *o = w);
    }

    /// Fills `out` with `generate_state(len(out), dtype=np.uint64)`: twice
    /// as many 32-bit words, paired little-endian (first word is the low half).
    pub fn fill_state_u64(&self, out: &mut [u64]) {
        let mut words = self.state_words();
        for o in out.iter_mut() {
            let lo = words.next().unwrap_or(0);
            let hi = words.next().unwrap_or(0);
            *o = u64::from(lo) | (u64::from(hi) << 32);
        }
    }

    /// `generate_state(n_words, dtype=np.uint32)`.
    pub fn generate_state_u32(&self, n_words: usize) -> RandomResult<Vec<u32>> {
        let mut out = try_vec(n_words, 0u32)?;
        self.fill_state_u32(&mut out);
        Ok(out)
    }

    /// `generate_state(n_words, dtype=np.uint64)`.
    pub fn generate_state_u64(&self, n_words: usize) -> RandomResult<Vec<u64>> {
        let mut out = try_vec(n_words, 0u64)?;
        self.fill_state_u64(&mut out);
        Ok(out)
    }

    /// `spawn(n_children)`: children with spawn keys extended by
    /// `n_children_spawned, n_children_spawned + 1, ...`.
    pub fn spawn(&mut self, n_children: u64) -> Vec<SeedSequence> {
        let start = self.n_children_spawned;
        let children = (start..start.saturating_add(n_children))
            .map(|i| {
                let mut key = self.spawn_key.clone();
                key.push(u128::from(i));
                Self::build(self.entropy.clone(), key, self.pool_size, 0)
            })
            .collect();
        self.n_children_spawned = start.saturating_add(n_children);
        children
    }
}

fn mix_entropy(pool_size: usize, entropy: &[u32]) -> Vec<u32> {
    let mut hash_const = INIT_A;
    let mut mixer: Vec<u32> = (0..pool_size)
        .map(|i| hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const))
        .collect();
    for i_src in 0..pool_size {
        for i_dst in 0..pool_size {
            if i_src != i_dst {
                let h = hashmix(mixer[i_src], &mut hash_const);
                mixer[i_dst] = mix(mixer[i_dst], h);
            }
        }
    }
    for &word in entropy.iter().skip(pool_size) {
        for slot in mixer.iter_mut() {
            let h = hashmix(word, &mut hash_const);
            *slot = mix(*slot, h);
        }
    }
    mixer
}
