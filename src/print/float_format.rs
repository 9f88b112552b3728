//! `FloatingFormat` and `ComplexFloatingFormat` from NumPy's `arrayprint.py`.
//!
//! A formatter is built from all the (kept) values of an array: `fill_format` decides between
//! positional and scientific notation (scientific when the largest magnitude reaches 1e8 for
//! float64 / 1e6 for float32, or unless `suppress` when the smallest nonzero magnitude is below
//! 1e-4 or the ratio of the extremes exceeds 1000), does a first formatting pass to find the
//! common number of integer / fractional / exponent characters, and then every element is
//! printed with that padding so that columns line up. NaN and infinities are right-aligned in
//! the same field width.

use super::dragon4::{
    format_positional, format_scientific, CutoffMode, DigitMode, Dragon4Float, Dragon4Options,
    TrimMode,
};
use super::options::{FloatMode, PrintOptions, Sign};

/// A float type the array formatter supports, with NumPy's dtype-dependent thresholds.
///
/// The comparisons are done in the element type, as NumPy 2 does when comparing a NumPy
/// scalar with a Python float (NEP 50).
pub trait ArrayFloat: Dragon4Float + PartialOrd {
    /// The value is neither NaN nor infinite.
    fn finite(self) -> bool;
    /// The value is NaN.
    fn nan(self) -> bool;
    /// The sign bit is set.
    fn signbit(self) -> bool;
    /// The value compares equal to zero.
    fn zero(self) -> bool;
    /// Absolute value.
    fn magnitude(self) -> Self;
    /// `max >= 10**min(8, finfo.precision)` or (unless suppressed) `min < 1e-4` or
    /// `max / min > 1000`, all in the element type.
    fn needs_exp(max: Self, min: Self, suppress: bool) -> bool;
}

impl ArrayFloat for f64 {
    fn finite(self) -> bool {
        self.is_finite()
    }
    fn nan(self) -> bool {
        self.is_nan()
    }
    fn signbit(self) -> bool {
        self.is_sign_negative()
    }
    fn zero(self) -> bool {
        self == 0.0
    }
    fn magnitude(self) -> Self {
        self.abs()
    }
    fn needs_exp(max: Self, min: Self, suppress: bool) -> bool {
        max >= 1e8 || (!suppress && (min < 0.0001 || max / min > 1000.0))
    }
}

impl ArrayFloat for half::f16 {
    fn finite(self) -> bool {
        self.is_finite()
    }
    fn nan(self) -> bool {
        self.is_nan()
    }
    fn signbit(self) -> bool {
        self.is_sign_negative()
    }
    fn zero(self) -> bool {
        self == half::f16::ZERO
    }
    fn magnitude(self) -> Self {
        half::f16::from_bits(self.to_bits() & 0x7fff)
    }
    fn needs_exp(max: Self, min: Self, suppress: bool) -> bool {
        // float16's precision is 3: positional below 10**3. The thresholds are float16 values
        // (1e-4 rounds to 0.00010001659) and the ratio is a float16 division.
        max >= half::f16::from_f32(1e3)
            || (!suppress
                && (min < half::f16::from_f64(0.0001)
                    || half::f16::from_f32(max.to_f32() / min.to_f32())
                        > half::f16::from_f32(1000.0)))
    }
}

impl ArrayFloat for f32 {
    fn finite(self) -> bool {
        self.is_finite()
    }
    fn nan(self) -> bool {
        self.is_nan()
    }
    fn signbit(self) -> bool {
        self.is_sign_negative()
    }
    fn zero(self) -> bool {
        self == 0.0
    }
    fn magnitude(self) -> Self {
        self.abs()
    }
    fn needs_exp(max: Self, min: Self, suppress: bool) -> bool {
        max >= 1e6 || (!suppress && (min < 0.0001 || max / min > 1000.0))
    }
}

fn char_len(s: &str) -> i64 {
    s.chars().count() as i64
}

/// The per-array float formatter (NumPy's `FloatingFormat`, `legacy=False`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloatingFormat {
    floatmode: FloatMode,
    sign: Sign,
    suppress: bool,
    nanstr: String,
    infstr: String,
    /// Scientific notation is used for every element.
    pub exp_format: bool,
    precision: i32,
    min_digits: i32,
    unique: bool,
    trim: TrimMode,
    /// Characters before the decimal point (including the sign).
    pub pad_left: i64,
    /// Characters after the decimal point (including any exponent).
    pub pad_right: i64,
    exp_size: i64,
}

fn to_i32(v: i64) -> i32 {
    v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

impl FloatingFormat {
    /// Builds the formatter for `data` with the given options and sign mode.
    pub fn new<F: ArrayFloat>(data: &[F], opts: &PrintOptions, sign: Sign) -> FloatingFormat {
        let precision = if opts.floatmode == FloatMode::Unique {
            -1
        } else {
            to_i32(opts.precision.min(i32::MAX as usize) as i64)
        };
        let mut f = FloatingFormat {
            floatmode: opts.floatmode,
            sign,
            suppress: opts.suppress,
            nanstr: opts.nanstr.clone(),
            infstr: opts.infstr.clone(),
            exp_format: false,
            precision,
            min_digits: -1,
            unique: true,
            trim: TrimMode::Zeros,
            pad_left: 0,
            pad_right: 0,
            exp_size: -1,
        };
        f.fill_format(data);
        f
    }

    fn fill_format<F: ArrayFloat>(&mut self, data: &[F]) {
        let finite: Vec<F> = data.iter().copied().filter(|x| x.finite()).collect();
        let mut max: Option<F> = None;
        let mut min: Option<F> = None;
        for v in finite.iter().filter(|x| !x.zero()).map(|x| x.magnitude()) {
            if max.is_none_or(|m| v > m) {
                max = Some(v);
            }
            if min.is_none_or(|m| v < m) {
                min = Some(v);
            }
        }
        if let (Some(max), Some(min)) = (max, min) {
            if F::needs_exp(max, min, self.suppress) {
                self.exp_format = true;
            }
        }
        let plus = self.sign == Sign::Plus;
        let fixed = self.floatmode == FloatMode::Fixed;

        if finite.is_empty() {
            self.pad_left = 0;
            self.pad_right = 0;
            self.trim = TrimMode::Zeros;
            self.exp_size = -1;
            self.unique = true;
            self.min_digits = -1;
        } else if self.exp_format {
            let (trim, unique) = if fixed {
                (TrimMode::None, false)
            } else {
                (TrimMode::Zeros, true)
            };
            let o = Dragon4Options {
                digit_mode: if unique {
                    DigitMode::Unique
                } else {
                    DigitMode::Exact
                },
                cutoff_mode: CutoffMode::TotalLength,
                precision: self.precision,
                trim,
                sign: plus,
                ..Dragon4Options::default()
            };
            let (mut max_int, mut max_frac, mut max_exp) = (0i64, 0i64, 0i64);
            for &x in &finite {
                let s = format_scientific(x, &o);
                let (mant, exp) = s.split_once('e').unwrap_or((s.as_str(), ""));
                let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
                max_int = max_int.max(char_len(int_part));
                max_frac = max_frac.max(char_len(frac_part));
                max_exp = max_exp.max(char_len(exp));
            }
            self.exp_size = max_exp - 1;
            self.trim = TrimMode::None;
            self.precision = to_i32(max_frac);
            self.min_digits = self.precision;
            self.unique = unique;
            self.pad_left = max_int;
            self.pad_right = self.exp_size + 2 + max_frac;
        } else {
            let (trim, unique) = if fixed {
                (TrimMode::None, false)
            } else {
                (TrimMode::Zeros, true)
            };
            let o = Dragon4Options {
                digit_mode: if unique {
                    DigitMode::Unique
                } else {
                    DigitMode::Exact
                },
                cutoff_mode: CutoffMode::FractionLength,
                precision: self.precision,
                trim,
                sign: plus,
                ..Dragon4Options::default()
            };
            let (mut max_int, mut max_frac) = (0i64, 0i64);
            for &x in &finite {
                let s = format_positional(x, &o);
                let (int_part, frac_part) = s.split_once('.').unwrap_or((s.as_str(), ""));
                max_int = max_int.max(char_len(int_part));
                max_frac = max_frac.max(char_len(frac_part));
            }
            self.pad_left = max_int;
            self.pad_right = max_frac;
            self.exp_size = -1;
            self.unique = unique;
            if matches!(self.floatmode, FloatMode::Fixed | FloatMode::MaxPrecEqual) {
                self.precision = to_i32(max_frac);
                self.min_digits = self.precision;
                self.trim = TrimMode::None;
            } else {
                self.trim = TrimMode::Zeros;
                self.min_digits = 0;
            }
        }

        if self.sign == Sign::Space && !finite.iter().any(|x| x.signbit()) {
            self.pad_left += 1;
        }

        if data.len() != finite.len() {
            let neginf = self.sign != Sign::Minus
                || data.iter().any(|x| !x.finite() && !x.nan() && x.signbit());
            let offset = self.pad_right + 1;
            self.pad_left = self
                .pad_left
                .max(char_len(&self.nanstr) - offset)
                .max(char_len(&self.infstr) + i64::from(neginf) - offset);
        }
    }

    /// Formats one element (NumPy's `FloatingFormat.__call__`).
    pub fn format<F: ArrayFloat>(&self, x: F) -> String {
        let plus = self.sign == Sign::Plus;
        if !x.finite() {
            let ret = if x.nan() {
                format!("{}{}", if plus { "+" } else { "" }, self.nanstr)
            } else {
                let s = if x.signbit() {
                    "-"
                } else if plus {
                    "+"
                } else {
                    ""
                };
                format!("{}{}", s, self.infstr)
            };
            let pad = self.pad_left + self.pad_right + 1 - char_len(&ret);
            return format!("{}{}", " ".repeat(pad.max(0) as usize), ret);
        }
        let o = Dragon4Options {
            digit_mode: if self.unique {
                DigitMode::Unique
            } else {
                DigitMode::Exact
            },
            cutoff_mode: if self.exp_format {
                CutoffMode::TotalLength
            } else {
                CutoffMode::FractionLength
            },
            precision: self.precision,
            min_digits: self.min_digits,
            sign: plus,
            trim: self.trim,
            pad_left: to_i32(self.pad_left),
            pad_right: if self.exp_format {
                -1
            } else {
                to_i32(self.pad_right)
            },
            exp_digits: if self.exp_format {
                to_i32(self.exp_size)
            } else {
                -1
            },
        };
        if self.exp_format {
            format_scientific(x, &o)
        } else {
            format_positional(x, &o)
        }
    }
}

/// The per-array complex formatter (NumPy's `ComplexFloatingFormat`): independent
/// `FloatingFormat`s for the real parts and for the imaginary parts (the latter always signed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplexFloatingFormat {
    real: FloatingFormat,
    imag: FloatingFormat,
}

impl ComplexFloatingFormat {
    /// Builds the formatter from all (kept) `(re, im)` pairs.
    pub fn new<F: ArrayFloat>(data: &[(F, F)], opts: &PrintOptions) -> ComplexFloatingFormat {
        let re: Vec<F> = data.iter().map(|p| p.0).collect();
        let im: Vec<F> = data.iter().map(|p| p.1).collect();
        ComplexFloatingFormat {
            real: FloatingFormat::new(&re, opts, opts.sign),
            imag: FloatingFormat::new(&im, opts, Sign::Plus),
        }
    }

    /// Formats one element as `re+imj`, keeping the imaginary part's right padding after `j`.
    pub fn format<F: ArrayFloat>(&self, x: (F, F)) -> String {
        let r = self.real.format(x.0);
        let i = self.imag.format(x.1);
        let body = i.trim_end_matches(|c: char| c.is_whitespace());
        let tail = &i[body.len()..];
        format!("{}{}j{}", r, body, tail)
    }
}
