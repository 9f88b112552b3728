//! `numpy.random.RandomState` (and the `np.random.*` module functions):
//! MT19937 with legacy seeding, the polar Box–Muller gauss with its cached
//! second value, masked-rejection `randint`, and the frozen legacy
//! distribution code (`legacy-distributions.c`).

#![allow(clippy::neg_cmp_op_on_partial_ord)]

use super::bounded_int::{self, RandomInt};
use super::choice::{legacy_choice, ChoiceProbs, Population};
use super::constraints::{check_scalar, Constraint};
use super::distributions::{self as d, BinomialCache};
use super::error::{try_vec, RandomError, RandomResult};
use super::mt19937::{Mt19937, MT_N};
use super::seed_sequence::SeedSequence;
use super::shuffle;
use super::BitGen;

/// The Box–Muller cache of a `RandomState` (`has_gauss`, `gauss`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GaussCache {
    /// Whether a second normal is cached.
    pub has_gauss: bool,
    /// The cached value (0.0 when empty).
    pub gauss: f64,
}

/// `legacy_gauss`: polar Box–Muller returning `f * x2` and caching `f * x1`.
pub fn legacy_gauss<B: BitGen + ?Sized>(bg: &mut B, cache: &mut GaussCache) -> f64 {
    if cache.has_gauss {
        let tmp = cache.gauss;
        cache.has_gauss = false;
        cache.gauss = 0.0;
        return tmp;
    }
    let (x1, x2, r2) = loop {
        let x1 = 2.0 * bg.next_double() - 1.0;
        let x2 = 2.0 * bg.next_double() - 1.0;
        let r2 = x1 * x1 + x2 * x2;
        if r2 < 1.0 && r2 != 0.0 {
            break (x1, x2, r2);
        }
    };
    let f = (-2.0 * r2.ln() / r2).sqrt();
    cache.gauss = f * x1;
    cache.has_gauss = true;
    f * x2
}

/// `legacy_standard_exponential`: `-log(1 - U)`.
#[inline]
pub fn legacy_standard_exponential<B: BitGen + ?Sized>(bg: &mut B) -> f64 {
    -(1.0 - bg.next_double()).ln()
}

/// `legacy_standard_gamma` (uses `legacy_gauss` and `-log(1 - U)`).
pub fn legacy_standard_gamma<B: BitGen + ?Sized>(
    bg: &mut B,
    cache: &mut GaussCache,
    shape: f64,
) -> f64 {
    if shape == 1.0 {
        return legacy_standard_exponential(bg);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = bg.next_double();
            let v = legacy_standard_exponential(bg);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (x, mut v);
        loop {
            let xx = legacy_gauss(bg, cache);
            let vv = 1.0 + c * xx;
            // NumPy loops `while (V <= 0.0)`, so a NaN V (NaN shape) exits.
            if !(vv <= 0.0) {
                x = xx;
                v = vv;
                break;
            }
        }
        v = v * v * v;
        let u = bg.next_double();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// `legacy_beta`: Johnk's algorithm (legacy underflow handling) or a gamma ratio.
pub fn legacy_beta<B: BitGen + ?Sized>(bg: &mut B, cache: &mut GaussCache, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        loop {
            let u = bg.next_double();
            let v = bg.next_double();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            if x + y <= 1.0 {
                if x + y > 0.0 {
                    return x / (x + y);
                }
                let mut log_x = u.ln() / a;
                let mut log_y = v.ln() / b;
                let log_m = if log_x > log_y { log_x } else { log_y };
                log_x -= log_m;
                log_y -= log_m;
                return (log_x - (log_x.exp() + log_y.exp()).ln()).exp();
            }
        }
    }
    let ga = legacy_standard_gamma(bg, cache, a);
    let gb = legacy_standard_gamma(bg, cache, b);
    ga / (ga + gb)
}

/// The state returned by `RandomState.get_state()`:
/// `('MT19937', key, pos, has_gauss, cached_gaussian)`.
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyState {
    /// The 624-word MT19937 key.
    pub key: Vec<u32>,
    /// Position in the key.
    pub pos: usize,
    /// Whether a gaussian is cached.
    pub has_gauss: bool,
    /// The cached gaussian.
    pub gauss: f64,
}

/// `numpy.random.RandomState`.
#[derive(Debug, Clone)]
pub struct RandomState<B: BitGen = Mt19937> {
    bit_gen: B,
    gauss: GaussCache,
    binomial: BinomialCache,
}

fn check_seed_word(v: i128) -> RandomResult<u32> {
    Mt19937::check_legacy_seed(v)
}

impl RandomState<Mt19937> {
    /// `RandomState(seed)` / `np.random.seed(seed)` for an integer seed;
    /// `ValueError: Seed must be between 0 and 2**32 - 1` otherwise.
    pub fn from_seed(seed: i128) -> RandomResult<Self> {
        Ok(RandomState::new(Mt19937::new_legacy(check_seed_word(
            seed,
        )?)))
    }

    /// `RandomState([..])` for a 1-d integer array seed (`init_by_array`).
    pub fn from_seed_array(seed: &[i128]) -> RandomResult<Self> {
        let mut rs = RandomState::new(Mt19937::new_legacy(0));
        rs.seed_array(seed)?;
        Ok(rs)
    }

    /// `seed(int)`: reseeds and clears the gauss cache.
    pub fn seed(&mut self, seed: i128) -> RandomResult<()> {
        let s = check_seed_word(seed)?;
        self.bit_gen.seed(s);
        self.gauss = GaussCache::default();
        Ok(())
    }

    /// `seed(None)`: reseeds from a `SeedSequence` of fresh OS entropy
    /// (see [`Mt19937::reseed_from_seed_sequence`]) and clears the gauss cache.
    pub fn seed_from_seed_sequence(&mut self, seed_seq: &SeedSequence) {
        self.bit_gen.reseed_from_seed_sequence(seed_seq);
        self.gauss = GaussCache::default();
    }

    /// `seed(array)`: reseeds by `init_by_array` and clears the gauss cache.
    pub fn seed_array(&mut self, seed: &[i128]) -> RandomResult<()> {
        if seed.is_empty() {
            return Err(RandomError::value("Seed must be non-empty"));
        }
        let words: Vec<u32> = seed
            .iter()
            .map(|&v| check_seed_word(v))
            .collect::<RandomResult<_>>()?;
        self.bit_gen.seed_by_array(&words)?;
        self.gauss = GaussCache::default();
        Ok(())
    }

    /// `get_state()` (legacy tuple form).
    pub fn get_state(&self) -> LegacyState {
        let (key, pos) = self.bit_gen.state();
        LegacyState {
            key: key.to_vec(),
            pos,
            has_gauss: self.gauss.has_gauss,
            gauss: self.gauss.gauss,
        }
    }

    /// `set_state(state)`.
    pub fn set_state(&mut self, state: &LegacyState) -> RandomResult<()> {
        if state.key.len() != MT_N {
            return Err(RandomError::value("state must be 624 uint32 words"));
        }
        self.bit_gen.set_state(&state.key, state.pos)?;
        self.gauss = GaussCache {
            has_gauss: state.has_gauss,
            gauss: state.gauss,
        };
        Ok(())
    }
}

impl<B: BitGen> RandomState<B> {
    /// `RandomState(bit_generator)` with an empty gauss cache.
    pub fn new(bit_gen: B) -> Self {
        RandomState {
            bit_gen,
            gauss: GaussCache::default(),
            binomial: BinomialCache::default(),
        }
    }

    /// The wrapped bit generator.
    pub fn bit_generator(&self) -> &B {
        &self.bit_gen
    }

    /// Mutable access to the bit generator.
    pub fn bit_generator_mut(&mut self) -> &mut B {
        &mut self.bit_gen
    }

    /// The Box–Muller cache.
    pub fn gauss_cache(&self) -> GaussCache {
        self.gauss
    }

    /// Replaces the Box–Muller cache.
    pub fn set_gauss_cache(&mut self, cache: GaussCache) {
        self.gauss = cache;
    }

    /// `random_sample(size)` / `random(size)` / `rand(*shape)`.
    pub fn random_sample(&mut self, out: &mut [f64]) {
        d::standard_uniform_fill(&mut self.bit_gen, out);
    }

    /// `standard_normal(size)` / `randn(*shape)`: legacy gauss.
    pub fn standard_normal(&mut self, out: &mut [f64]) {
        out.iter_mut()
            .for_each(|x| *x = legacy_gauss(&mut self.bit_gen, &mut self.gauss));
    }

    /// One legacy gauss draw (for broadcast `normal`).
    pub fn gauss_one(&mut self) -> f64 {
        legacy_gauss(&mut self.bit_gen, &mut self.gauss)
    }

    /// `normal(loc, scale, size)`: `loc + scale * gauss`.
    pub fn normal(&mut self, loc: f64, scale: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(scale, "scale", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = loc + scale * legacy_gauss(&mut self.bit_gen, &mut self.gauss));
        Ok(())
    }

    /// `uniform(low, high, size)` (no ordering check; `high < low` is allowed).
    pub fn uniform(&mut self, low: f64, high: f64, out: &mut [f64]) -> RandomResult<()> {
        let range = high - low;
        if !range.is_finite() {
            return Err(RandomError::overflow("Range exceeds valid bounds"));
        }
        out.iter_mut()
            .for_each(|x| *x = d::uniform(&mut self.bit_gen, low, range));
        Ok(())
    }

    /// `randint(low, high, size=len(out), dtype=T)` (masked rejection,
    /// exclusive `high`; NumPy's `dtype=int` is `i64`).
    pub fn randint<T: RandomInt>(
        &mut self,
        low: i128,
        high: i128,
        out: &mut [T],
    ) -> RandomResult<()> {
        bounded_int::integers(&mut self.bit_gen, low, high, false, true, out)
    }

    /// `randint` with array bounds broadcast to `out.len()`.
    pub fn randint_broadcast<T: RandomInt>(
        &mut self,
        lows: &[i128],
        highs: &[i128],
        out: &mut [T],
    ) -> RandomResult<()> {
        bounded_int::integers_broadcast(&mut self.bit_gen, lows, highs, false, true, out)
    }

    /// `random_integers(low, high, size)` (deprecated): `randint(low, high + 1)`.
    pub fn random_integers(&mut self, low: i128, high: i128, out: &mut [i64]) -> RandomResult<()> {
        self.randint(low, high.saturating_add(1), out)
    }

    /// `tomaxint(size)`: `next_u64 >> 1`.
    pub fn tomaxint(&mut self, out: &mut [i64]) {
        out.iter_mut()
            .for_each(|x| *x = (self.bit_gen.next_u64() >> 1) as i64);
    }

    /// `bytes(length)`: little-endian bytes of masked `randint(0, 2**32, dtype=uint32)`.
    pub fn bytes(&mut self, length: usize) -> RandomResult<Vec<u8>> {
        if length == 0 {
            return Ok(Vec::new());
        }
        let mut out = try_vec(length, 0u8)?;
        for chunk in out.chunks_mut(4) {
            let word = self.bit_gen.next_u32().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(out)
    }

    /// `standard_exponential(size)`: `-log(1 - U)`.
    pub fn standard_exponential(&mut self, out: &mut [f64]) {
        out.iter_mut()
            .for_each(|x| *x = legacy_standard_exponential(&mut self.bit_gen));
    }

    /// `exponential(scale, size)`.
    pub fn exponential(&mut self, scale: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(scale, "scale", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = scale * legacy_standard_exponential(&mut self.bit_gen));
        Ok(())
    }

    /// `standard_gamma(shape, size)`.
    pub fn standard_gamma(&mut self, shape: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(shape, "shape", Constraint::NonNegative)?;
        out.iter_mut()
            .for_each(|x| *x = legacy_standard_gamma(&mut self.bit_gen, &mut self.gauss, shape));
        Ok(())
    }

    /// `gamma(shape, scale, size)`.
    pub fn gamma(&mut self, shape: f64, scale: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(shape, "shape", Constraint::NonNegative)?;
        check_scalar(scale, "scale", Constraint::NonNegative)?;
        out.iter_mut().for_each(|x| {
            *x = scale * legacy_standard_gamma(&mut self.bit_gen, &mut self.gauss, shape)
        });
        Ok(())
    }

    /// `beta(a, b, size)`.
    pub fn beta(&mut self, a: f64, b: f64, out: &mut [f64]) -> RandomResult<()> {
        check_scalar(a, "a", Constraint::Positive)?;
        check_scalar(b, "b", Constraint::Positive)?;
        out.iter_mut()
            .for_each(|x| *x = legacy_beta(&mut self.bit_gen, &mut self.gauss, a, b));
        Ok(())
    }

    /// `poisson(lam, size)`.
    pub fn poisson(&mut self, lam: f64, out: &mut [i64]) -> RandomResult<()> {
        check_scalar(lam, "lam", Constraint::Poisson)?;
        out.iter_mut()
            .for_each(|x| *x = d::poisson(&mut self.bit_gen, lam));
        Ok(())
    }

    /// `binomial(n, p, size)` (legacy algorithm, cached setup).
    pub fn binomial(&mut self, n: i64, p: f64, out: &mut [i64]) -> RandomResult<()> {
        check_scalar(p, "p", Constraint::Bounded01)?;
        check_scalar(n as f64, "n", Constraint::LegacyNonNegativeInboundsLong)?;
        for x in out.iter_mut() {
            *x = d::legacy_binomial(&mut self.bit_gen, p, n, &mut self.binomial);
        }
        Ok(())
    }

    /// One unvalidated legacy binomial draw (broadcast path).
    pub fn binomial_one(&mut self, n: i64, p: f64) -> i64 {
        d::legacy_binomial(&mut self.bit_gen, p, n, &mut self.binomial)
    }

    /// `choice(a, size, replace, p)` → indices (`n_samples = prod(size)`, 1 for None).
    pub fn choice(
        &mut self,
        a: Population,
        n_samples: usize,
        replace: bool,
        p: Option<ChoiceProbs<'_>>,
    ) -> RandomResult<Vec<i64>> {
        legacy_choice(&mut self.bit_gen, a, n_samples, replace, p)
    }

    /// `permutation(n)`.
    pub fn permutation(&mut self, n: usize) -> RandomResult<Vec<i64>> {
        shuffle::permutation(&mut self.bit_gen, n)
    }

    /// `shuffle(x)` for a 1-d sequence.
    pub fn shuffle<T>(&mut self, data: &mut [T]) {
        shuffle::shuffle(&mut self.bit_gen, data);
    }

    /// `shuffle(x)` along axis 0 of an n-d array (`swap(i, j)` exchanges rows).
    pub fn shuffle_with(&mut self, n: usize, swap: impl FnMut(usize, usize)) {
        shuffle::shuffle_with(&mut self.bit_gen, n, swap);
    }
}
