//! `numpy.random.Generator`: NumPy's modern sampling API over any
//! [`BitGen`] (PCG64 for `default_rng`), with NumPy's argument validation
//! for scalar parameters. Array-parameter (broadcast) calls can validate
//! with [`check_array`](super::constraints::check_array) and then call the
//! per-element functions of [`distributions`](super::distributions) on
//! [`Generator::bit_generator_mut`] (or [`Generator::binomial_one`]).

use super::bounded_int::{self, RandomInt};
use super::choice::{generator_choice, ChoiceProbs, Population};
use super::constraints::{check_scalar, Constraint};
use super::distributions::{self as d, BinomialCache};
use super::error::{try_vec, RandomError, RandomResult};
use super::pcg64::Pcg64;
use super::seed_sequence::SeedSequence;
use super::shuffle;
use super::BitGen;

/// A NumPy `Generator`: a bit generator plus the binomial setup cache.
#[derive(Debug, Clone)]
pub struct Generator<B: BitGen = Pcg64> {
    bit_gen: B,
    binomial: BinomialCache,
}

impl Generator<Pcg64> {
    /// `default_rng(seed_seq)`.
    pub fn from_seed_sequence(seed_seq: &SeedSequence) -> Self {
        Generator::new(Pcg64::new(seed_seq))
    }

    /// `Generator.spawn(n)` / `default_rng` children: spawns `n` child seed
    /// sequences from `seed_seq` and wraps each in a PCG64 Generator.
    pub fn spawn(seed_seq: &mut SeedSequence, n: u64) -> Vec<Generator<Pcg64>> {
        seed_seq
            .spawn(n)
            .iter()
            .map(Generator::from_seed_sequence)
            .collect()
    }
}

impl<B: BitGen> Generator<B> {
    /// `Generator(bit_generator)`.
    pub fn new(bit_gen: B) -> Self {
        Generator {
            bit_gen,
            binomial: BinomialCache::default(),
        }
    }

    /// The wrapped bit generator.
    pub fn bit_generator(&self) -> &B {
        &self.bit_gen
    }

    /// Mutable access to the bit generator (for per-element sampling).
    pub fn bit_generator_mut(&mut self) -> &mut B {
        &mut self.bit_gen
    }

    /// Unwraps the bit generator.
    pub fn into_bit_generator(self) -> B {
        self.bit_gen
    }

    /// `random(size)` (float64).
    pub fn random(&mut self, out: &mut [f64]) {
        d::standard_uniform_fill(&mut self.bit_gen, out);
    }

    /// `random(size, dtype=np.float32)`.
    pub fn random_f32(&mut self, out: &mut [f32]) {
        d::standard_uniform_fill_f32(&mut self.bit_gen, out);
    }

    /// `standard_normal(size)` (float64).
    pub fn standard_normal(&mut self, out: &mut [f64]) {
        d::standard_normal_fill(&mut self.bit_gen, out);
    }

    /// `standard_normal(size, dtype=np.float32)`.
    pub fn standard_normal_f32(&mut self, out: &mut [f32]) {
        d::standard_normal_fill_f32(&mut self.bit_gen, out);
    }

    /// `standard_exponential(size)` (`method='zig'`).
    pub fn standard_exponential(&mut self, out: &mut [f64]) {
        d::standard_exponential_fill(&mut self.bit_gen, out);
    }

    /// `standard_exponential(size, dtype=np.float32)` (`method='zig'`).
    pub fn standard_exponential_f32(&mut self, out: &mut [f32]) {
        d::standard_exponential_fill_f32(&mut self.bit_gen, out);
    }

    /// `standard_exponential(size, method='inv')`.
    pub fn standard_exponential_inv(&mut self, out: &mut [f64]) {
        out.iter_mut()
            .for_each(|x| *x = d::standard_exponential_inv(&mut self.bit_gen));
    }

    /// `standard_exponential(size, dtype=np.float32, method='inv')`.
    pub fn standard_exponential_inv_f32(&mut self, out: &mut [f32]) {
        out.iter_mut()
            .for_each(|x| *x = d::standard_exponential_inv_f32(&mut self.bit_gen));
    }

    /// `normal(loc, scale, size)`; `ValueError: scale < 0`.
    pub fn normal(&mut self, loc: f64, scale: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(scale, "scale", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = d::normal(&mut self.bit_gen, loc, scale));
        Ok(())
    }

    /// `uniform(low, high, size)`: `low + (high - low) * U`.
    pub fn uniform(&mut self, low: f64, high: f64, out: &mut [f64]) -> RandomResult<()> {
        let range = high - low;
        if !range.is_finite() {
            return Err(RandomError::overflow(
                "high - low range exceeds valid bounds",
            ));
        }
        check_scalar(range, "high - low", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = d::uniform(&mut self.bit_gen, low, range));
        Ok(())
    }

    /// `exponential(scale, size)`; `ValueError: scale < 0`.
    pub fn exponential(&mut self, scale: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(scale, "scale", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = d::exponential(&mut self.bit_gen, scale));
        Ok(())
    }

    /// `standard_gamma(shape, size)`; `ValueError: shape < 0`.
    pub fn standard_gamma(&mut self, shape: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(shape, "shape", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = d::standard_gamma(&mut self.bit_gen, shape));
        Ok(())
    }

    /// `standard_gamma(shape, size, dtype=np.float32)` (shape rounded to float first).
    pub fn standard_gamma_f32(&mut self, shape: f64, out: &mut [f32]) -> RandomResult<()> {
        let shape = shape as f32;
        check_scalar(f64::from(shape), "shape", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = d::standard_gamma_f32(&mut self.bit_gen, shape));
        Ok(())
    }

    /// `gamma(shape, scale, size)`.
    pub fn gamma(&mut self, shape: f64, scale: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(shape, "shape", Constraint::NonNegative)?;
        check_scalar(scale, "scale", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = d::gamma(&mut self.bit_gen, shape, scale));
        Ok(())
    }

    /// `beta(a, b, size)`; `ValueError: a <= 0` / `b <= 0`.
    pub fn beta(&mut self, a: f64, b: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(a, "a", Constraint::Positive)?;
        check_scalar(b, "b", Constraint::Positive)?;
        out.iter_mut()
            .for_each(|x| *x = d::beta(&mut self.bit_gen, a, b));
        Ok(())
    }

    /// `poisson(lam, size)`; `ValueError: lam < 0 or lam is NaN` / `lam value too large`.
    pub fn poisson(&mut self, lam: f64, out: &mut [i64]) -> RandomResult<()> {
        check_scalar(lam, "lam", Constraint::Poisson)?;
        out.iter_mut()
            .for_each(|x| *x = d::poisson(&mut self.bit_gen, lam));
        Ok(())
    }

    /// `binomial(n, p, size)` with NumPy's cached setup.
    pub fn binomial(&mut self, n: i64, p: f64, out: &mut [i64]) -> RandomResult<()> {
        check_scalar(p, "p", Constraint::Bounded01)?;
        check_scalar(n as f64, "n", Constraint::NonNegative)?;
        for x in out.iter_mut() {
            *x = d::binomial(&mut self.bit_gen, p, n, &mut self.binomial);
        }
        Ok(())
    }

    /// One unvalidated binomial draw through this Generator's cache (for the
    /// broadcast path after [`check_array`](super::constraints::check_array)).
    pub fn binomial_one(&mut self, n: i64, p: f64) -> i64 {
        d::binomial(&mut self.bit_gen, p, n, &mut self.binomial)
    }

    /// `integers(low, high, size=len(out), dtype=T, endpoint)` for scalar
    /// bounds (Lemire's method). `size=None` is `out.len() == 1`.
    pub fn integers<T: RandomInt>(
        &mut self,
        low: i128,
        high: i128,
        endpoint: bool,
        out: &mut [T],
    ) -> RandomResult<()> {
        bounded_int::integers(&mut self.bit_gen, low, high, endpoint, false, out)
    }

    /// `integers` with array bounds broadcast to `out.len()`.
    pub fn integers_broadcast<T: RandomInt>(
        &mut self,
        lows: &[i128],
        highs: &[i128],
        endpoint: bool,
        out: &mut [T],
    ) -> RandomResult<()> {
        bounded_int::integers_broadcast(&mut self.bit_gen, lows, highs, endpoint, false, out)
    }

    /// `bytes(length)`: little-endian bytes of `integers(0, 2**32, dtype=uint32)`.
    pub fn bytes(&mut self, length: usize) -> RandomResult<Vec<u8>> {
        if length == 0 {
            // NumPy still draws ((0 - 1) // 4 + 1) = 0 words.
            return Ok(Vec::new());
        }
        let mut out = try_vec(length, 0u8)?;
        for chunk in out.chunks_mut(4) {
            let word = self.bit_gen.next_u32().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(out)
    }

    /// `choice(a, size, replace, p, shuffle=shuffle)` → indices into `a`
    /// (`n_samples = prod(size)`, 1 for `size=None`).
    pub fn choice(
        &mut self,
        a: Population,
        n_samples: usize,
        replace: bool,
        p: Option<ChoiceProbs<'_>>,
        shuffle: bool,
    ) -> RandomResult<Vec<i64>> {
        generator_choice(&mut self.bit_gen, a, n_samples, replace, p, shuffle)
    }

    /// `permutation(n)`.
    pub fn permutation(&mut self, n: usize) -> RandomResult<Vec<i64>> {
        shuffle::permutation(&mut self.bit_gen, n)
    }

    /// `shuffle(x)` for a 1-d sequence.
    pub fn shuffle<T>(&mut self, data: &mut [T]) {
        shuffle::shuffle(&mut self.bit_gen, data);
    }

    /// `shuffle(x, axis)` for n-d arrays: `swap(i, j)` exchanges sub-arrays
    /// `i` and `j` along an axis of length `n`.
    pub fn shuffle_with(&mut self, n: usize, swap: impl FnMut(usize, usize)) {
        shuffle::shuffle_with(&mut self.bit_gen, n, swap);
    }

    /// `permuted(x, axis=...)`: shuffle one lane (call once per lane in
    /// NumPy's iteration order); for `axis=None` use [`Generator::shuffle`]
    /// on the flattened data.
    pub fn permuted_lane<T>(&mut self, lane: &mut [T]) {
        shuffle::shuffle_from(&mut self.bit_gen, lane, 0);
    }

    /// Fills `out` with the standard normals `multivariate_normal` draws
    /// (`prod(size) * len(mean)` values, row-major); the caller applies
    /// `mean + x @ factor.T` from the SVD / eigh / Cholesky of `cov`.
    pub fn multivariate_normal_base(&mut self, out: &mut [f64]) {
        self.standard_normal(out);
    }
}
