//! Discrete samplers: Poisson (multiplication / PTRS), binomial
//! (inversion / BTPE, with NumPy's cached setup), negative binomial and
//! geometric.

use super::super::BitGen;
use super::exponential::standard_exponential;
use super::gamma::gamma;

/// `random_loggam`: log-gamma from Zhang & Jin's SPECFUN.
pub fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333_333_333_333_333e-02,
        -2.777_777_777_777_778e-03,
        7.936_507_936_507_937e-04,
        -5.952_380_952_380_952e-04,
        8.417_508_417_508_418e-04,
        -1.917_526_917_526_918e-03,
        6.410_256_410_256_41e-03,
        -2.955_065_359_477_124e-02,
        1.796_443_723_688_307e-01,
        -1.392_432_216_905_90e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n: i64 = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.837_877_066_409_345_3e+00;
    let mut gl0 = A[9];
    for k in (0..=8).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

fn poisson_mult<B: BitGen + ?Sized>(bg: &mut B, lam: f64) -> i64 {
    let enlam = (-lam).exp();
    let mut x = 0i64;
    let mut prod = 1.0;
    loop {
        prod *= bg.next_double();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

fn poisson_ptrs<B: BitGen + ?Sized>(bg: &mut B, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = bg.next_double() - 0.5;
        let v = bg.next_double();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + lam + 0.43).floor() as i64;
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
            <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0)
        {
            return k;
        }
    }
}

/// `random_poisson` (used by both Generator and RandomState).
pub fn poisson<B: BitGen + ?Sized>(bg: &mut B, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(bg, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_mult(bg, lam)
    }
}

/// NumPy's `binomial_t`: setup values cached between binomial draws with
/// the same `(n, p)`. Keep one per Generator / RandomState.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BinomialCache {
    has_binomial: bool,
    nsave: i64,
    psave: f64,
    m: i64,
    r: f64,
    q: f64,
    fm: f64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

impl BinomialCache {
    fn is_for(&self, n: i64, p: f64) -> bool {
        self.has_binomial && self.nsave == n && self.psave == p
    }
}

/// `random_binomial_btpe` (Kachitvichyanukul & Schmeiser), for `n * min(p, 1-p) > 30`.
pub fn binomial_btpe<B: BitGen + ?Sized>(
    bg: &mut B,
    n: i64,
    p: f64,
    cache: &mut BinomialCache,
) -> i64 {
    if !cache.is_for(n, p) {
        let nf = n as f64;
        cache.nsave = n;
        cache.psave = p;
        cache.has_binomial = true;
        let r = p.min(1.0 - p);
        cache.r = r;
        let q = 1.0 - r;
        cache.q = q;
        let fm = nf * r + r;
        cache.fm = fm;
        let m = fm.floor() as i64;
        cache.m = m;
        let p1 = (2.195 * (nf * r * q).sqrt() - 4.6 * q).floor() + 0.5;
        cache.p1 = p1;
        let xm = m as f64 + 0.5;
        cache.xm = xm;
        let xl = xm - p1;
        cache.xl = xl;
        let xr = xm + p1;
        cache.xr = xr;
        let c = 0.134 + 20.5 / (15.3 + m as f64);
        cache.c = c;
        let a = (fm - xl) / (fm - xl * r);
        let laml = a * (1.0 + a / 2.0);
        cache.laml = laml;
        let a = (xr - fm) / (xr * q);
        let lamr = a * (1.0 + a / 2.0);
        cache.lamr = lamr;
        let p2 = p1 * (1.0 + 2.0 * c);
        cache.p2 = p2;
        let p3 = p2 + c / laml;
        cache.p3 = p3;
        cache.p4 = p3 + c / lamr;
    }
    let BinomialCache {
        r,
        q,
        fm: _,
        m,
        p1,
        xm,
        xl,
        xr,
        c,
        laml,
        lamr,
        p2,
        p3,
        p4,
        ..
    } = *cache;
    let nf = n as f64;
    let mf = m as f64;
    let y = loop {
        // Step 10
        let nrq = nf * r * q;
        let u = bg.next_double() * p4;
        let mut v = bg.next_double();
        let y: i64;
        if u <= p1 {
            break (xm - p1 * v + u).floor() as i64;
        }
        if u <= p2 {
            // Step 20
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (mf - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue;
            }
            y = x.floor() as i64;
        } else if u <= p3 {
            // Step 30
            y = (xl + v.ln() / laml).floor() as i64;
            if y < 0 || v == 0.0 {
                continue;
            }
            v = v * (u - p2) * laml;
        } else {
            // Step 40
            y = (xr - v.ln() / lamr).floor() as i64;
            if y > n || v == 0.0 {
                continue;
            }
            v = v * (u - p3) * lamr;
        }
        // Step 50
        let k = (y - m).abs();
        if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
            let s = r / q;
            let a = s * (n.wrapping_add(1)) as f64;
            let mut f = 1.0;
            if m < y {
                for i in (m + 1)..=y {
                    f *= a / i as f64 - s;
                }
            } else if m > y {
                for i in (y + 1)..=m {
                    f /= a / i as f64 - s;
                }
            }
            if v > f {
                continue;
            }
            break y;
        }
        // Step 52
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.166_666_666_666_666_66) / nrq + 0.5);
        let t = (k.wrapping_neg().wrapping_mul(k)) as f64 / (2.0 * nrq);
        let big_a = v.ln();
        if big_a < t - rho {
            break y;
        }
        if big_a > t + rho {
            continue;
        }
        let x1 = y as f64 + 1.0;
        let f1 = mf + 1.0;
        let z = nf + 1.0 - mf;
        let w = nf - y as f64 + 1.0;
        let x2 = x1 * x1;
        let f2 = f1 * f1;
        let z2 = z * z;
        let w2 = w * w;
        let tail = |t1: f64, t2: f64| {
            (13680. - (462. - (132. - (99. - 140. / t2) / t2) / t2) / t2) / t1 / 166320.
        };
        let bound = xm * (f1 / x1).ln()
            + (n.wrapping_sub(m) as f64 + 0.5) * (z / w).ln()
            + (y.wrapping_sub(m)) as f64 * (w * r / (x1 * q)).ln()
            + tail(f1, f2)
            + tail(z, z2)
            + tail(x1, x2)
            + tail(w, w2);
        if big_a > bound {
            continue;
        }
        break y;
    };
    // Step 60
    if p > 0.5 {
        n - y
    } else {
        y
    }
}

/// `random_binomial_inversion` (Generator), for `n * min(p, 1-p) <= 30`.
pub fn binomial_inversion<B: BitGen + ?Sized>(
    bg: &mut B,
    n: i64,
    p: f64,
    cache: &mut BinomialCache,
) -> i64 {
    binomial_inversion_impl(bg, n, p, cache, false)
}

fn binomial_inversion_impl<B: BitGen + ?Sized>(
    bg: &mut B,
    n: i64,
    p: f64,
    cache: &mut BinomialCache,
    legacy: bool,
) -> i64 {
    let nf = n as f64;
    if !cache.is_for(n, p) {
        cache.nsave = n;
        cache.psave = p;
        cache.has_binomial = true;
        let q = 1.0 - p;
        cache.q = q;
        cache.r = if legacy {
            (nf * q.ln()).exp()
        } else {
            (nf * (-p).ln_1p()).exp()
        };
        let np = nf * p;
        cache.c = np;
        let lim = np + 10.0 * (np * q + 1.0).sqrt();
        cache.m = (if nf < lim { nf } else { lim }) as i64;
    }
    let (q, qn, bound) = (cache.q, cache.r, cache.m);
    let mut x: i64 = 0;
    let mut px = qn;
    let mut u = bg.next_double();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = bg.next_double();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

/// `random_binomial` (Generator.binomial). Assumes `0 <= p <= 1`, `n >= 0`.
pub fn binomial<B: BitGen + ?Sized>(bg: &mut B, p: f64, n: i64, cache: &mut BinomialCache) -> i64 {
    if n == 0 || p == 0.0 {
        return 0;
    }
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion(bg, n, p, cache)
        } else {
            binomial_btpe(bg, n, p, cache)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion(bg, n, q, cache)
        } else {
            n - binomial_btpe(bg, n, q, cache)
        }
    }
}

/// `legacy_random_binomial` (RandomState.binomial): no `n == 0` / `p == 0`
/// shortcut and `exp(n * log(q))` in the inversion setup.
pub fn legacy_binomial<B: BitGen + ?Sized>(
    bg: &mut B,
    p: f64,
    n: i64,
    cache: &mut BinomialCache,
) -> i64 {
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion_impl(bg, n, p, cache, true)
        } else {
            binomial_btpe(bg, n, p, cache)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion_impl(bg, n, q, cache, true)
        } else {
            n - binomial_btpe(bg, n, q, cache)
        }
    }
}

/// `random_negative_binomial`: Poisson with a gamma-distributed rate.
pub fn negative_binomial<B: BitGen + ?Sized>(bg: &mut B, n: f64, p: f64) -> i64 {
    let y = gamma(bg, n, (1.0 - p) / p);
    poisson(bg, y)
}

/// `random_geometric`: search for `p >= 1/3`, inversion otherwise.
pub fn geometric<B: BitGen + ?Sized>(bg: &mut B, p: f64) -> i64 {
    if p >= 0.333_333_333_333_333_3 {
        let mut x = 1i64;
        let mut sum = p;
        let mut prod = p;
        let q = 1.0 - p;
        let u = bg.next_double();
        while u > sum {
            prod *= q;
            sum += prod;
            x += 1;
        }
        x
    } else {
        let z = (-standard_exponential(bg) / (-p).ln_1p()).ceil();
        if z >= 9.223_372_036_854_776e18 {
            i64::MAX
        } else {
            z as i64
        }
    }
}
