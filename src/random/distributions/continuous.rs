//! Simple continuous distributions built on uniforms / exponentials / normals
//! (Generator versions of `distributions.c`).

use super::super::BitGen;
use super::exponential::standard_exponential;
use super::normal::standard_normal;

/// `random_laplace`: rejects `U == 0`.
pub fn laplace<B: BitGen + ?Sized>(bg: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = bg.next_double();
        if u >= 0.5 {
            return loc - scale * (2.0 - u - u).ln();
        } else if u > 0.0 {
            return loc + scale * (u + u).ln();
        }
    }
}

/// `random_gumbel`: rejects `U == 1` (after `U = 1 - next_double`).
pub fn gumbel<B: BitGen + ?Sized>(bg: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = 1.0 - bg.next_double();
        if u < 1.0 {
            return loc - scale * (-u.ln()).ln();
        }
    }
}

/// `random_logistic`: rejects `U == 0`.
pub fn logistic<B: BitGen + ?Sized>(bg: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = bg.next_double();
        if u > 0.0 {
            return loc + scale * (u / (1.0 - u)).ln();
        }
    }
}

/// `random_rayleigh`: `mode * sqrt(2 * standard_exponential())`.
pub fn rayleigh<B: BitGen + ?Sized>(bg: &mut B, mode: f64) -> f64 {
    mode * (2.0 * standard_exponential(bg)).sqrt()
}

/// `random_weibull`.
pub fn weibull<B: BitGen + ?Sized>(bg: &mut B, a: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    standard_exponential(bg).powf(1.0 / a)
}

/// `random_pareto`: `expm1(standard_exponential() / a)`.
pub fn pareto<B: BitGen + ?Sized>(bg: &mut B, a: f64) -> f64 {
    (standard_exponential(bg) / a).exp_m1()
}

/// `random_power`: `pow(-expm1(-standard_exponential()), 1 / a)`.
pub fn power<B: BitGen + ?Sized>(bg: &mut B, a: f64) -> f64 {
    (-(-standard_exponential(bg)).exp_m1()).powf(1.0 / a)
}

/// `random_triangular`.
pub fn triangular<B: BitGen + ?Sized>(bg: &mut B, left: f64, mode: f64, right: f64) -> f64 {
    let base = right - left;
    let leftbase = mode - left;
    let ratio = leftbase / base;
    let leftprod = leftbase * base;
    let rightprod = (right - mode) * base;
    let u = bg.next_double();
    if u <= ratio {
        left + (u * leftprod).sqrt()
    } else {
        right - ((1.0 - u) * rightprod).sqrt()
    }
}

/// `random_wald` (Generator version).
pub fn wald<B: BitGen + ?Sized>(bg: &mut B, mean: f64, scale: f64) -> f64 {
    let mut y = standard_normal(bg);
    y = mean * y * y;
    let d = 1.0 + (1.0 + 4.0 * scale / y).sqrt();
    let x = mean * (1.0 - 2.0 / d);
    let u = bg.next_double();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}
