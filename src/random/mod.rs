//! Bit-exact emulation of NumPy 2.4's `numpy.random`.
//!
//! * [`SeedSequence`] → [`Pcg64`] reproduces `np.random.default_rng(seed)`.
//! * [`Mt19937`] + [`RandomState`] reproduce the legacy `np.random.seed` /
//!   `RandomState` streams (Box–Muller gauss cache, masked `randint`, …).
//! * The samplers in [`distributions`], [`bounded_int`] and [`shuffle`] are
//!   ports of NumPy's C algorithms, generic over the [`BitGen`] trait, and
//!   [`Generator`] bundles them with NumPy's argument validation.
//!
//! Every sampler writes into a caller-provided slice (or returns one value),
//! so the interpreter owns shapes, broadcasting and dtypes. Invalid
//! arguments yield a [`RandomError`] carrying NumPy's exception class and
//! exact message. Both bit generators also implement `rand_core::TryRng`
//! (hence `rand_core::Rng`) so they plug into the `rand` ecosystem.
//!
//! Typical wiring from the interpreter:
//!
//! * `default_rng(42)` → `default_rng(&u128_to_words(42))`; a list seed
//!   `[1, 2, 3]` → `u128_list_to_words(&[1, 2, 3])`; bigger Python ints →
//!   [`seed_sequence::int_digits_to_words`] on `BigUint::to_u32_digits()`;
//!   `default_rng()` → 4 words of OS entropy.
//! * `rng.normal(0, 2, size=(3, 4))` → `g.normal(0.0, 2.0, &mut buf12)?`;
//!   `size=None` is a one-element buffer.
//! * `np.random.seed(0); np.random.rand(3)` →
//!   `RandomState::from_seed(0)?.random_sample(&mut buf3)`.
//! * Array parameters: validate with [`constraints::check_array`], then
//!   call the per-element functions in [`distributions`] in broadcast order.

pub mod bounded_int;
pub mod choice;
pub mod constraints;
pub mod distributions;
pub mod error;
pub mod generator;
pub mod legacy;
pub mod mt19937;
mod mt19937_jump_poly;
pub mod pcg64;
pub mod seed_sequence;
pub mod shuffle;
mod ziggurat_tables;

#[cfg(test)]
mod tests;

pub use bounded_int::RandomInt;
pub use choice::{ChoiceProbs, Population};
pub use constraints::Constraint;
pub use error::{ErrorKind, RandomError, RandomResult};
pub use generator::Generator;
pub use legacy::RandomState;
pub use mt19937::Mt19937;
pub use pcg64::{Pcg64, Pcg64State};
pub use seed_sequence::SeedSequence;

/// The `bitgen_t` interface NumPy's samplers draw from.
pub trait BitGen {
    /// Next 64 random bits.
    fn next_u64(&mut self) -> u64;
    /// Next 32 random bits (PCG64 buffers the high half of a 64-bit draw).
    fn next_u32(&mut self) -> u32;
    /// Next double in `[0, 1)` (PCG64: 53 high bits; MT19937: legacy formula).
    fn next_double(&mut self) -> f64;
    /// Next float in `[0, 1)`: `(next_u32 >> 8) * 2**-24`.
    #[inline]
    fn next_float(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
    }
}

impl<B: BitGen + ?Sized> BitGen for &mut B {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        (**self).next_u64()
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        (**self).next_u32()
    }
    #[inline]
    fn next_double(&mut self) -> f64 {
        (**self).next_double()
    }
    #[inline]
    fn next_float(&mut self) -> f32 {
        (**self).next_float()
    }
}

/// `np.random.default_rng(seed)` for entropy given in word form
/// (see [`seed_sequence::u128_list_to_words`] / [`seed_sequence::int_digits_to_words`]).
pub fn default_rng(entropy_words: &[u32]) -> Generator<Pcg64> {
    Generator::new(Pcg64::new(&SeedSequence::from_words(entropy_words)))
}
