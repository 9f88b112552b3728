//! Marsaglia–Tsang standard gamma (f64 and f32), `gamma`, `beta`
//! (Johnk / gamma ratio) and the gamma-derived distributions.

#![allow(clippy::neg_cmp_op_on_partial_ord)]

use super::super::BitGen;
use super::exponential::{standard_exponential, standard_exponential_f32};
use super::normal::{standard_normal, standard_normal_f32};

/// `random_standard_gamma`.
pub fn standard_gamma<B: BitGen + ?Sized>(bg: &mut B, shape: f64) -> f64 {
    if shape == 1.0 {
        return standard_exponential(bg);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = bg.next_double();
            let v = standard_exponential(bg);
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
            let xx = standard_normal(bg);
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

/// `random_standard_gamma_f` (single precision throughout).
pub fn standard_gamma_f32<B: BitGen + ?Sized>(bg: &mut B, shape: f32) -> f32 {
    if shape == 1.0 {
        return standard_exponential_f32(bg);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = bg.next_float();
            let v = standard_exponential_f32(bg);
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
            let xx = standard_normal_f32(bg);
            let vv = 1.0 + c * xx;
            // NumPy loops `while (V <= 0.0)`, so a NaN V (NaN shape) exits.
            if !(vv <= 0.0) {
                x = xx;
                v = vv;
                break;
            }
        }
        v = v * v * v;
        let u = bg.next_float();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// `random_gamma`: `scale * standard_gamma(shape)`.
#[inline]
pub fn gamma<B: BitGen + ?Sized>(bg: &mut B, shape: f64, scale: f64) -> f64 {
    scale * standard_gamma(bg, shape)
}

/// `random_gamma_f`: `scale * standard_gamma_f32(shape)`.
#[inline]
pub fn gamma_f32<B: BitGen + ?Sized>(bg: &mut B, shape: f32, scale: f32) -> f32 {
    scale * standard_gamma_f32(bg, shape)
}

const BETA_TINY_THRESHOLD: f64 = 3e-103;

/// `random_beta` (Generator): Johnk's algorithm when both parameters are
/// `<= 1`, otherwise a ratio of gammas. Assumes `a > 0` and `b > 0`.
pub fn beta<B: BitGen + ?Sized>(bg: &mut B, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        if a < BETA_TINY_THRESHOLD && b < BETA_TINY_THRESHOLD {
            let u = bg.next_double();
            return if (a + b) * u < a { 1.0 } else { 0.0 };
        }
        loop {
            let u = bg.next_double();
            let v = bg.next_double();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let xpy = x + y;
            if xpy <= 1.0 && u + v > 0.0 {
                if x > 0.0 && y > 0.0 {
                    return x / xpy;
                }
                let log_x = u.ln() / a;
                let log_y = v.ln() / b;
                let delta = log_x - log_y;
                return if delta > 0.0 {
                    (-(-delta).exp().ln_1p()).exp()
                } else {
                    (delta - delta.exp().ln_1p()).exp()
                };
            }
        }
    }
    let ga = standard_gamma(bg, a);
    let gb = standard_gamma(bg, b);
    ga / (ga + gb)
}

/// `random_chisquare`: `2 * standard_gamma(df / 2)`.
#[inline]
pub fn chisquare<B: BitGen + ?Sized>(bg: &mut B, df: f64) -> f64 {
    2.0 * standard_gamma(bg, df / 2.0)
}

/// `random_f`: ratio of scaled chi-squares.
pub fn f_distribution<B: BitGen + ?Sized>(bg: &mut B, dfnum: f64, dfden: f64) -> f64 {
    let s1 = chisquare(bg, dfnum) * dfden;
    let s2 = chisquare(bg, dfden) * dfnum;
    s1 / s2
}

/// `random_standard_t`.
pub fn standard_t<B: BitGen + ?Sized>(bg: &mut B, df: f64) -> f64 {
    let num = standard_normal(bg);
    let denom = standard_gamma(bg, df / 2.0);
    (df / 2.0).sqrt() * num / denom.sqrt()
}
