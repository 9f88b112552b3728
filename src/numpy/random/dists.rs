//! The per-draw functions of each distribution, as zero-sized [`Dist`](super::sampling::Dist)
//! types: `Generator`'s (from `crate::random::distributions`) and `RandomState`'s legacy ones
//! (`legacy-distributions.c`, which keep NumPy 1.16's streams: Box–Muller gauss, `-log(1-U)`
//! exponentials, …). Parameters arrive in the order of the Python signature.

use crate::random::distributions as d;
use crate::random::legacy::{
    legacy_beta, legacy_gauss, legacy_standard_exponential, legacy_standard_gamma,
};

use super::sampling::dist;

// Generator (modern algorithms).
dist!(Uniform01, f64, |s, p| s.bg.next_double());
dist!(Uniform01F32, f32, |s, p| s.bg.next_float());
dist!(StdNormal, f64, |s, p| d::standard_normal(s.bg));
dist!(StdNormalF32, f32, |s, p| d::standard_normal_f32(s.bg));
dist!(StdExp, f64, |s, p| d::standard_exponential(s.bg));
dist!(StdExpF32, f32, |s, p| d::standard_exponential_f32(s.bg));
dist!(StdExpInv, f64, |s, p| d::standard_exponential_inv(s.bg));
dist!(StdExpInvF32, f32, |s, p| d::standard_exponential_inv_f32(
    s.bg
));
dist!(Normal, f64, |s, p| d::normal(s.bg, p[0], p[1]));
dist!(Uniform, f64, |s, p| d::uniform(s.bg, p[0], p[1]));
dist!(Exponential, f64, |s, p| d::exponential(s.bg, p[0]));
dist!(StdGamma, f64, |s, p| d::standard_gamma(s.bg, p[0]));
dist!(StdGammaF32, f32, |s, p| d::standard_gamma_f32(
    s.bg,
    p[0] as f32
));
dist!(Gamma, f64, |s, p| d::gamma(s.bg, p[0], p[1]));
dist!(Beta, f64, |s, p| d::beta(s.bg, p[0], p[1]));
dist!(Laplace, f64, |s, p| d::laplace(s.bg, p[0], p[1]));
dist!(Gumbel, f64, |s, p| d::gumbel(s.bg, p[0], p[1]));
dist!(Logistic, f64, |s, p| d::logistic(s.bg, p[0], p[1]));
dist!(Lognormal, f64, |s, p| d::lognormal(s.bg, p[0], p[1]));
dist!(Rayleigh, f64, |s, p| d::rayleigh(s.bg, p[0]));
dist!(Weibull, f64, |s, p| d::weibull(s.bg, p[0]));
dist!(Pareto, f64, |s, p| d::pareto(s.bg, p[0]));
dist!(Power, f64, |s, p| d::power(s.bg, p[0]));
dist!(Wald, f64, |s, p| d::wald(s.bg, p[0], p[1]));
dist!(Triangular, f64, |s, p| d::triangular(
    s.bg, p[0], p[1], p[2]
));
dist!(Chisquare, f64, |s, p| d::chisquare(s.bg, p[0]));
dist!(FDist, f64, |s, p| d::f_distribution(s.bg, p[0], p[1]));
dist!(StandardT, f64, |s, p| d::standard_t(s.bg, p[0]));
dist!(StdCauchy, f64, |s, p| d::standard_cauchy(s.bg));
dist!(Poisson, i64, |s, p| d::poisson(s.bg, p[0]));
dist!(Geometric, i64, |s, p| d::geometric(s.bg, p[0]));
dist!(NegBinomial, i64, |s, p| d::negative_binomial(
    s.bg, p[0], p[1]
));
// Parameters (p, n): NumPy's `random_binomial(state, p, n, binomial)`.
dist!(Binomial, i64, |s, p| d::binomial(
    s.bg,
    p[0],
    p[1] as i64,
    s.binomial
));

// RandomState (legacy algorithms).
dist!(LegacyGauss, f64, |s, p| legacy_gauss(s.bg, s.gauss));
dist!(LegacyNormal, f64, |s, p| p[0]
    + p[1] * legacy_gauss(s.bg, s.gauss));
dist!(LegacyStdExp, f64, |s, p| legacy_standard_exponential(s.bg));
dist!(LegacyExponential, f64, |s, p| p[0]
    * legacy_standard_exponential(s.bg));
dist!(LegacyStdGamma, f64, |s, p| legacy_standard_gamma(
    s.bg, s.gauss, p[0]
));
dist!(LegacyGamma, f64, |s, p| p[1]
    * legacy_standard_gamma(s.bg, s.gauss, p[0]));
dist!(LegacyBeta, f64, |s, p| legacy_beta(
    s.bg, s.gauss, p[0], p[1]
));
dist!(LegacyLognormal, f64, |s, p| (p[0]
    + p[1] * legacy_gauss(s.bg, s.gauss))
.exp());
dist!(LegacyChisquare, f64, |s, p| 2.0
    * legacy_standard_gamma(s.bg, s.gauss, p[0] / 2.0));
dist!(LegacyStandardT, f64, |s, p| {
    let num = legacy_gauss(s.bg, s.gauss);
    let denom = legacy_standard_gamma(s.bg, s.gauss, p[0] / 2.0);
    (p[0] / 2.0).sqrt() * num / denom.sqrt()
});
dist!(LegacyF, f64, |s, p| {
    let num = 2.0 * legacy_standard_gamma(s.bg, s.gauss, p[0] / 2.0) * p[1];
    num / (2.0 * legacy_standard_gamma(s.bg, s.gauss, p[1] / 2.0) * p[0])
});
dist!(LegacyCauchy, f64, |s, p| {
    let a = legacy_gauss(s.bg, s.gauss);
    a / legacy_gauss(s.bg, s.gauss)
});
dist!(LegacyPareto, f64, |s, p| (legacy_standard_exponential(
    s.bg
) / p[0])
    .exp()
    - 1.0);
dist!(LegacyWeibull, f64, |s, p| {
    if p[0] == 0.0 {
        0.0
    } else {
        legacy_standard_exponential(s.bg).powf(1.0 / p[0])
    }
});
dist!(LegacyPower, f64, |s, p| (1.0
    - (-legacy_standard_exponential(s.bg)).exp())
.powf(1.0 / p[0]));
dist!(LegacyRayleigh, f64, |s, p| p[0]
    * (-2.0 * (-s.bg.next_double()).ln_1p()).sqrt());
dist!(LegacyWald, f64, |s, p| {
    let (mean, scale) = (p[0], p[1]);
    let mu_2l = mean / (2.0 * scale);
    let y = legacy_gauss(s.bg, s.gauss);
    let y = mean * y * y;
    let x = mean + mu_2l * (y - (4.0 * scale * y + y * y).sqrt());
    let u = s.bg.next_double();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
});
dist!(LegacyNegBinomial, i64, |s, p| {
    let y = (1.0 - p[1]) / p[1] * legacy_standard_gamma(s.bg, s.gauss, p[0]);
    d::poisson(s.bg, y)
});
dist!(LegacyBinomial, i64, |s, p| d::legacy_binomial(
    s.bg,
    p[0],
    p[1] as i64,
    s.binomial
));
