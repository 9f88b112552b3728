//! Ziggurat standard exponential (f64 and f32), the inversion variant and
//! `exponential(scale)`.

use super::super::ziggurat_tables::{
    FE_DOUBLE, FE_FLOAT, KE_DOUBLE, KE_FLOAT, WE_DOUBLE, WE_FLOAT, ZIGGURAT_EXP_R, ZIGGURAT_EXP_R_F,
};
use super::super::BitGen;

/// `random_standard_exponential` (ziggurat, `method='zig'`).
pub fn standard_exponential<B: BitGen + ?Sized>(bg: &mut B) -> f64 {
    loop {
        let mut ri = bg.next_u64();
        ri >>= 3;
        let idx = (ri & 0xff) as usize;
        ri >>= 8;
        let x = ri as f64 * WE_DOUBLE[idx];
        if ri < KE_DOUBLE[idx] {
            return x;
        }
        if idx == 0 {
            return ZIGGURAT_EXP_R - (-bg.next_double()).ln_1p();
        }
        if (FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * bg.next_double() + FE_DOUBLE[idx] < (-x).exp() {
            return x;
        }
    }
}

/// Fills `out` with `standard_exponential()` draws.
pub fn standard_exponential_fill<B: BitGen + ?Sized>(bg: &mut B, out: &mut [f64]) {
    out.iter_mut().for_each(|x| *x = standard_exponential(bg));
}

/// `random_standard_exponential_f` (float ziggurat).
pub fn standard_exponential_f32<B: BitGen + ?Sized>(bg: &mut B) -> f32 {
    loop {
        let mut ri = bg.next_u32();
        ri >>= 1;
        let idx = (ri & 0xff) as usize;
        ri >>= 8;
        let x = ri as f32 * WE_FLOAT[idx];
        if ri < KE_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            return ZIGGURAT_EXP_R_F - (-bg.next_float()).ln_1p();
        }
        if (FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * bg.next_float() + FE_FLOAT[idx] < (-x).exp() {
            return x;
        }
    }
}

/// Fills `out` with `standard_exponential(dtype=float32)` draws.
pub fn standard_exponential_fill_f32<B: BitGen + ?Sized>(bg: &mut B, out: &mut [f32]) {
    out.iter_mut()
        .for_each(|x| *x = standard_exponential_f32(bg));
}

/// `standard_exponential(method='inv')`: `-log1p(-U)`.
#[inline]
pub fn standard_exponential_inv<B: BitGen + ?Sized>(bg: &mut B) -> f64 {
    -(-bg.next_double()).ln_1p()
}

/// `standard_exponential(dtype=float32, method='inv')`: `-log1p(-U)` in
/// double precision, rounded to float (NumPy calls `npy_log1p` on a float).
#[inline]
pub fn standard_exponential_inv_f32<B: BitGen + ?Sized>(bg: &mut B) -> f32 {
    let u = f64::from(bg.next_float());
    (-(-u).ln_1p()) as f32
}

/// `random_exponential`: `scale * standard_exponential()`.
#[inline]
pub fn exponential<B: BitGen + ?Sized>(bg: &mut B, scale: f64) -> f64 {
    scale * standard_exponential(bg)
}
