//! Ziggurat standard normal (f64 and f32) and `normal(loc, scale)`.

use super::super::ziggurat_tables::{
    FI_DOUBLE, FI_FLOAT, KI_DOUBLE, KI_FLOAT, WI_DOUBLE, WI_FLOAT, ZIGGURAT_NOR_INV_R,
    ZIGGURAT_NOR_INV_R_F, ZIGGURAT_NOR_R, ZIGGURAT_NOR_R_F,
};
use super::super::BitGen;

/// `random_standard_normal`: 256-layer ziggurat on one 64-bit draw.
pub fn standard_normal<B: BitGen + ?Sized>(bg: &mut B) -> f64 {
    loop {
        let mut r = bg.next_u64();
        let idx = (r & 0xff) as usize;
        r >>= 8;
        let sign = r & 0x1;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let mut x = rabs as f64 * WI_DOUBLE[idx];
        if sign & 0x1 == 1 {
            x = -x;
        }
        if rabs < KI_DOUBLE[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -ZIGGURAT_NOR_INV_R * (-bg.next_double()).ln_1p();
                let yy = -(-bg.next_double()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 0x1 == 1 {
                        -(ZIGGURAT_NOR_R + xx)
                    } else {
                        ZIGGURAT_NOR_R + xx
                    };
                }
            }
        } else if (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * bg.next_double() + FI_DOUBLE[idx]
            < (-0.5 * x * x).exp()
        {
            return x;
        }
    }
}

/// Fills `out` with `standard_normal()` draws.
pub fn standard_normal_fill<B: BitGen + ?Sized>(bg: &mut B, out: &mut [f64]) {
    out.iter_mut().for_each(|x| *x = standard_normal(bg));
}

/// `random_standard_normal_f`: float ziggurat on one 32-bit draw.
pub fn standard_normal_f32<B: BitGen + ?Sized>(bg: &mut B) -> f32 {
    loop {
        let r = bg.next_u32();
        let idx = (r & 0xff) as usize;
        let sign = (r >> 8) & 0x1;
        let rabs = (r >> 9) & 0x007f_ffff;
        let mut x = rabs as f32 * WI_FLOAT[idx];
        if sign & 0x1 == 1 {
            x = -x;
        }
        if rabs < KI_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -ZIGGURAT_NOR_INV_R_F * (-bg.next_float()).ln_1p();
                let yy = -(-bg.next_float()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 0x1 == 1 {
                        -(ZIGGURAT_NOR_R_F + xx)
                    } else {
                        ZIGGURAT_NOR_R_F + xx
                    };
                }
            }
        } else {
            // The acceptance test is evaluated in double precision in NumPy.
            let xd = f64::from(x);
            let lhs = (FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * bg.next_float() + FI_FLOAT[idx];
            if f64::from(lhs) < (-0.5 * xd * xd).exp() {
                return x;
            }
        }
    }
}

/// Fills `out` with `standard_normal(dtype=float32)` draws.
pub fn standard_normal_fill_f32<B: BitGen + ?Sized>(bg: &mut B, out: &mut [f32]) {
    out.iter_mut().for_each(|x| *x = standard_normal_f32(bg));
}

/// `random_normal`: `loc + scale * standard_normal()`.
#[inline]
pub fn normal<B: BitGen + ?Sized>(bg: &mut B, loc: f64, scale: f64) -> f64 {
    loc + scale * standard_normal(bg)
}

/// `random_lognormal`: `exp(normal(mean, sigma))`.
#[inline]
pub fn lognormal<B: BitGen + ?Sized>(bg: &mut B, mean: f64, sigma: f64) -> f64 {
    normal(bg, mean, sigma).exp()
}

/// `random_standard_cauchy`: ratio of two standard normals.
#[inline]
pub fn standard_cauchy<B: BitGen + ?Sized>(bg: &mut B) -> f64 {
    let a = standard_normal(bg);
    let b = standard_normal(bg);
    a / b
}
