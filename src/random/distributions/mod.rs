//! Ports of NumPy's continuous and discrete samplers
//! (`numpy/random/src/distributions/distributions.c`), generic over
//! [`BitGen`]. Functions return one draw; `*_fill` variants
//! fill a slice. Parameters are assumed validated (see
//! [`constraints`](super::constraints) and [`Generator`](super::Generator)).

mod continuous;
mod discrete;
mod exponential;
mod gamma;
mod normal;

pub use continuous::*;
pub use discrete::*;
pub use exponential::*;
pub use gamma::*;
pub use normal::*;

use super::BitGen;

/// `random_standard_uniform`: a double in `[0, 1)`.
#[inline]
pub fn standard_uniform<B: BitGen + ?Sized>(bg: &mut B) -> f64 {
    bg.next_double()
}

/// `random_standard_uniform_f`: a float in `[0, 1)`.
#[inline]
pub fn standard_uniform_f32<B: BitGen + ?Sized>(bg: &mut B) -> f32 {
    bg.next_float()
}

/// Fills `out` with `random()` doubles.
pub fn standard_uniform_fill<B: BitGen + ?Sized>(bg: &mut B, out: &mut [f64]) {
    out.iter_mut().for_each(|x| *x = bg.next_double());
}

/// Fills `out` with `random(dtype=float32)` floats.
pub fn standard_uniform_fill_f32<B: BitGen + ?Sized>(bg: &mut B, out: &mut [f32]) {
    out.iter_mut().for_each(|x| *x = bg.next_float());
}

/// `random_uniform(low, range)`: `low + range * U` (NumPy passes `high - low`).
#[inline]
pub fn uniform<B: BitGen + ?Sized>(bg: &mut B, low: f64, range: f64) -> f64 {
    low + range * bg.next_double()
}
