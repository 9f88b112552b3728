//! Dragon4 digit generation and positional / scientific float formatting.
//!
//! A port of the algorithm in NumPy's `numpy/_core/src/multiarray/dragon4.c` (itself after
//! Ryan Juckett's Dragon4 and Steele & White / Burger & Dybvig): exact big-integer arithmetic
//! produces either the shortest digits that uniquely identify the value (`DigitMode::Unique`)
//! or the exact decimal expansion (`DigitMode::Exact`), cut off at a given number of total or
//! fractional digits with correct round-half-even rounding. `format_positional` and
//! `format_scientific` then lay the digits out exactly like `FormatPositional` and
//! `FormatScientific`, including trimming and whitespace padding, so that their output equals
//! `np.format_float_positional` / `np.format_float_scientific` (and the internal
//! `dragon4_positional` / `dragon4_scientific` used by `arrayprint.py`).

use std::cmp::Ordering;

/// Size of NumPy's output buffer; bounds the number of digits generated.
const BUFFER_SIZE: i32 = 16384;

/// Whether to print the shortest unique digits or the exact expansion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigitMode {
    /// Round to the shortest digits that uniquely identify the value.
    Unique,
    /// Print digits as if with infinite precision (until the cutoff).
    Exact,
}

/// What `precision` / `min_digits` count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutoffMode {
    /// Significant digits in total.
    TotalLength,
    /// Digits after the decimal point.
    FractionLength,
}

/// How trailing zeros and the decimal point are treated (NumPy's `trim=` letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrimMode {
    /// `'k'`: keep trailing zeros, always keep the decimal point.
    None,
    /// `'0'`: trim all but the zero after the decimal point.
    LeaveOneZero,
    /// `'.'`: trim all trailing zeros, keep the decimal point.
    Zeros,
    /// `'-'`: trim trailing zeros and the decimal point.
    DptZeros,
}

/// Options of one Dragon4 formatting call (NumPy's `Dragon4_Options`). `-1` means "unset".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dragon4Options {
    /// Unique or exact digits.
    pub digit_mode: DigitMode,
    /// Total or fractional cutoff (positional only; scientific always uses total length).
    pub cutoff_mode: CutoffMode,
    /// Maximum digits (see `cutoff_mode`); negative for no limit.
    pub precision: i32,
    /// Minimum digits to print in unique mode; negative for none.
    pub min_digits: i32,
    /// Print a `+` for positive values.
    pub sign: bool,
    /// Trailing-zero handling.
    pub trim: TrimMode,
    /// Pad with spaces on the left to this many characters before the decimal point.
    pub pad_left: i32,
    /// Pad with spaces on the right to this many characters after the decimal point.
    pub pad_right: i32,
    /// Minimum exponent digits in scientific mode; negative means 2.
    pub exp_digits: i32,
}

impl Default for Dragon4Options {
    fn default() -> Self {
        Dragon4Options {
            digit_mode: DigitMode::Unique,
            cutoff_mode: CutoffMode::TotalLength,
            precision: -1,
            min_digits: -1,
            sign: false,
            trim: TrimMode::None,
            pad_left: -1,
            pad_right: -1,
            exp_digits: -1,
        }
    }
}

/// The parts of an IEEE binary float Dragon4 works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatParts {
    /// A finite value `mantissa * 2^exponent` with its sign.
    Finite {
        /// Sign bit set.
        negative: bool,
        /// Integer significand (with the implicit bit for normal numbers).
        mantissa: u64,
        /// Binary exponent of the least significant mantissa bit.
        exponent: i32,
        /// Index of the highest set mantissa bit.
        mantissa_bit: u32,
        /// The gap to the next lower float is half the gap to the next higher one.
        unequal_margins: bool,
    },
    /// An infinity.
    Inf {
        /// Sign bit set.
        negative: bool,
    },
    /// A NaN (its sign is never printed).
    Nan,
}

/// A binary floating-point type Dragon4 can print (`f16`, `f32` and `f64`).
pub trait Dragon4Float: Copy {
    /// Decomposes the value into sign, significand and exponent.
    fn parts(self) -> FloatParts;
}

fn log2_u64(v: u64) -> u32 {
    63u32.saturating_sub(v.leading_zeros())
}

impl Dragon4Float for f64 {
    fn parts(self) -> FloatParts {
        let bits = self.to_bits();
        let negative = bits >> 63 != 0;
        let frac = bits & ((1u64 << 52) - 1);
        let exp = ((bits >> 52) & 0x7ff) as i32;
        if exp == 0x7ff {
            return if frac == 0 {
                FloatParts::Inf { negative }
            } else {
                FloatParts::Nan
            };
        }
        if exp != 0 {
            FloatParts::Finite {
                negative,
                mantissa: (1u64 << 52) | frac,
                exponent: exp - 1023 - 52,
                mantissa_bit: 52,
                unequal_margins: exp != 1 && frac == 0,
            }
        } else {
            FloatParts::Finite {
                negative,
                mantissa: frac,
                exponent: 1 - 1023 - 52,
                mantissa_bit: log2_u64(frac),
                unequal_margins: false,
            }
        }
    }
}

impl Dragon4Float for f32 {
    fn parts(self) -> FloatParts {
        let bits = self.to_bits();
        let negative = bits >> 31 != 0;
        let frac = u64::from(bits & ((1u32 << 23) - 1));
        let exp = ((bits >> 23) & 0xff) as i32;
        if exp == 0xff {
            return if frac == 0 {
                FloatParts::Inf { negative }
            } else {
                FloatParts::Nan
            };
        }
        if exp != 0 {
            FloatParts::Finite {
                negative,
                mantissa: (1u64 << 23) | frac,
                exponent: exp - 127 - 23,
                mantissa_bit: 23,
                unequal_margins: exp != 1 && frac == 0,
            }
        } else {
            FloatParts::Finite {
                negative,
                mantissa: frac,
                exponent: 1 - 127 - 23,
                mantissa_bit: log2_u64(frac),
                unequal_margins: false,
            }
        }
    }
}

impl Dragon4Float for half::f16 {
    fn parts(self) -> FloatParts {
        let bits = self.to_bits();
        let negative = bits >> 15 != 0;
        let frac = u64::from(bits & ((1u16 << 10) - 1));
        let exp = ((bits >> 10) & 0x1f) as i32;
        if exp == 0x1f {
            return if frac == 0 {
                FloatParts::Inf { negative }
            } else {
                FloatParts::Nan
            };
        }
        if exp != 0 {
            FloatParts::Finite {
                negative,
                mantissa: (1u64 << 10) | frac,
                exponent: exp - 15 - 10,
                mantissa_bit: 10,
                unequal_margins: exp != 1 && frac == 0,
            }
        } else {
            FloatParts::Finite {
                negative,
                mantissa: frac,
                exponent: 1 - 15 - 10,
                mantissa_bit: log2_u64(frac),
                unequal_margins: false,
            }
        }
    }
}

/// A minimal unsigned big integer (little-endian 32-bit limbs, no high zero limbs).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Big {
    limbs: Vec<u32>,
}

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big {
            limbs: vec![v as u32, (v >> 32) as u32],
        };
        b.normalize();
        b
    }

    fn pow2(e: u32) -> Big {
        let mut b = Big::from_u64(1);
        b.shl(e);
        b
    }

    fn normalize(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    fn shl(&mut self, bits: u32) {
        if self.is_zero() {
            return;
        }
        let words = (bits / 32) as usize;
        let rem = bits % 32;
        let mut out = vec![0u32; words];
        if rem == 0 {
            out.extend_from_slice(&self.limbs);
        } else {
            let mut carry = 0u32;
            for &l in &self.limbs {
                out.push((l << rem) | carry);
                carry = l >> (32 - rem);
            }
            out.push(carry);
        }
        self.limbs = out;
        self.normalize();
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for l in self.limbs.iter_mut() {
            let p = u64::from(*l) * u64::from(m) + carry;
            *l = p as u32;
            carry = p >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
        self.normalize();
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e >= 9 {
            self.mul_small(1_000_000_000);
            e -= 9;
        }
        if e > 0 {
            self.mul_small(10u32.pow(e));
        }
    }

    fn cmp(&self, o: &Big) -> Ordering {
        if self.limbs.len() != o.limbs.len() {
            return self.limbs.len().cmp(&o.limbs.len());
        }
        for (a, b) in self.limbs.iter().rev().zip(o.limbs.iter().rev()) {
            match a.cmp(b) {
                Ordering::Equal => {}
                ord => return ord,
            }
        }
        Ordering::Equal
    }

    fn add(&self, o: &Big) -> Big {
        let n = self.limbs.len().max(o.limbs.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = 0u64;
        for i in 0..n {
            let a = u64::from(self.limbs.get(i).copied().unwrap_or(0));
            let b = u64::from(o.limbs.get(i).copied().unwrap_or(0));
            let s = a + b + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        if carry != 0 {
            out.push(carry as u32);
        }
        let mut b = Big { limbs: out };
        b.normalize();
        b
    }

    /// `self -= o`; the caller guarantees `self >= o`.
    fn sub_assign(&mut self, o: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.limbs.len() {
            let b = i64::from(o.limbs.get(i).copied().unwrap_or(0));
            let mut d = i64::from(self.limbs[i]) - b - borrow;
            if d < 0 {
                d += 1 << 32;
                borrow = 1;
            } else {
                borrow = 0;
            }
            self.limbs[i] = d as u32;
        }
        self.normalize();
    }

    /// Replaces `self` by `self mod d` and returns `self / d` (expected below 10).
    fn divrem_small_quotient(&mut self, d: &Big) -> u32 {
        let mut q = 0;
        while self.cmp(d) != Ordering::Less && q < 10 {
            self.sub_assign(d);
            q += 1;
        }
        q
    }
}

/// Generates decimal digits of `mantissa * 2^exponent` (NumPy's `Dragon4()`).
///
/// Returns the ASCII digits and the decimal exponent of the first digit.
#[allow(clippy::too_many_arguments)]
fn dragon4_digits(
    mantissa: u64,
    exponent: i32,
    mantissa_bit: u32,
    unequal_margins: bool,
    digit_mode: DigitMode,
    cutoff_mode: CutoffMode,
    cutoff_max: i32,
    cutoff_min: i32,
) -> (Vec<u8>, i32) {
    if mantissa == 0 {
        return (vec![b'0'], 0);
    }
    let is_even = mantissa & 1 == 0;
    let mut value = Big::from_u64(mantissa);
    let mut scale;
    let mut margin_low;
    if unequal_margins {
        if exponent > 0 {
            value.shl(exponent.unsigned_abs() + 2);
            scale = Big::from_u64(4);
            margin_low = Big::pow2(exponent.unsigned_abs());
        } else {
            value.shl(2);
            scale = Big::pow2(exponent.unsigned_abs() + 2);
            margin_low = Big::from_u64(1);
        }
    } else if exponent > 0 {
        value.shl(exponent.unsigned_abs() + 1);
        scale = Big::from_u64(2);
        margin_low = Big::pow2(exponent.unsigned_abs());
    } else {
        value.shl(1);
        scale = Big::pow2(exponent.unsigned_abs() + 1);
        margin_low = Big::from_u64(1);
    }
    let high_of = |low: &Big| -> Big {
        if unequal_margins {
            low.add(low)
        } else {
            low.clone()
        }
    };

    let log10_2 = std::f64::consts::LOG10_2;
    let mut digit_exponent =
        ((f64::from(mantissa_bit as i32 + exponent)) * log10_2 - 0.69).ceil() as i32;
    if cutoff_max >= 0 && cutoff_mode == CutoffMode::FractionLength && digit_exponent <= -cutoff_max
    {
        digit_exponent = -cutoff_max + 1;
    }
    match digit_exponent.cmp(&0) {
        Ordering::Greater => scale.mul_pow10(digit_exponent.unsigned_abs()),
        Ordering::Less => {
            value.mul_pow10(digit_exponent.unsigned_abs());
            margin_low.mul_pow10(digit_exponent.unsigned_abs());
        }
        Ordering::Equal => {}
    }
    if value.cmp(&scale) != Ordering::Less {
        digit_exponent += 1;
    } else {
        value.mul_small(10);
        margin_low.mul_small(10);
    }
    let mut margin_high = high_of(&margin_low);

    let mut cutoff_max_exponent = digit_exponent - BUFFER_SIZE;
    if cutoff_max >= 0 {
        let desired = match cutoff_mode {
            CutoffMode::TotalLength => digit_exponent - cutoff_max,
            CutoffMode::FractionLength => -cutoff_max,
        };
        cutoff_max_exponent = cutoff_max_exponent.max(desired);
    }
    let mut cutoff_min_exponent = digit_exponent;
    if cutoff_min >= 0 {
        let desired = match cutoff_mode {
            CutoffMode::TotalLength => digit_exponent - cutoff_min,
            CutoffMode::FractionLength => -cutoff_min,
        };
        cutoff_min_exponent = cutoff_min_exponent.min(desired);
    }
    let mut out_exponent = digit_exponent - 1;

    let mut digits: Vec<u8> = Vec::new();
    let mut low = false;
    let mut high = false;
    let mut output_digit;
    match digit_mode {
        DigitMode::Unique => loop {
            digit_exponent -= 1;
            output_digit = value.divrem_small_quotient(&scale);
            let value_high = value.add(&margin_high);
            let c = value.cmp(&margin_low);
            low = if is_even {
                c != Ordering::Greater
            } else {
                c == Ordering::Less
            };
            let c = value_high.cmp(&scale);
            high = if is_even {
                c != Ordering::Less
            } else {
                c == Ordering::Greater
            };
            if ((low || high) && digit_exponent <= cutoff_min_exponent)
                || digit_exponent == cutoff_max_exponent
            {
                break;
            }
            digits.push(b'0' + output_digit as u8);
            value.mul_small(10);
            margin_low.mul_small(10);
            margin_high = high_of(&margin_low);
        },
        DigitMode::Exact => loop {
            digit_exponent -= 1;
            output_digit = value.divrem_small_quotient(&scale);
            if value.is_zero() || digit_exponent == cutoff_max_exponent {
                break;
            }
            digits.push(b'0' + output_digit as u8);
            value.mul_small(10);
        },
    }

    let mut round_down = low;
    if low == high {
        value.shl(1);
        let c = value.cmp(&scale);
        round_down = c == Ordering::Less;
        if c == Ordering::Equal {
            round_down = output_digit & 1 == 0;
        }
    }
    if round_down {
        digits.push(b'0' + output_digit as u8);
    } else if output_digit == 9 {
        loop {
            match digits.pop() {
                None => {
                    digits.push(b'1');
                    out_exponent += 1;
                    break;
                }
                Some(d) if d != b'9' => {
                    digits.push(d + 1);
                    break;
                }
                Some(_) => {}
            }
        }
    } else {
        digits.push(b'0' + output_digit as u8 + 1);
    }
    (digits, out_exponent)
}

fn sign_char(negative: bool, plus: bool) -> Option<char> {
    if negative {
        Some('-')
    } else if plus {
        Some('+')
    } else {
        None
    }
}

fn inf_nan(parts: FloatParts, plus: bool) -> Option<String> {
    match parts {
        FloatParts::Finite { .. } => None,
        FloatParts::Nan => Some("nan".to_string()),
        FloatParts::Inf { negative } => {
            let mut s = String::new();
            if let Some(c) = sign_char(negative, plus) {
                s.push(c);
            }
            s.push_str("inf");
            Some(s)
        }
    }
}

fn clamp_i32(v: i32) -> i32 {
    v.min(BUFFER_SIZE)
}

/// Formats `x` in positional notation (NumPy's `FormatPositional`).
pub fn format_positional<F: Dragon4Float>(x: F, o: &Dragon4Options) -> String {
    let parts = x.parts();
    if let Some(s) = inf_nan(parts, o.sign) {
        return s;
    }
    let FloatParts::Finite {
        negative,
        mantissa,
        exponent,
        mantissa_bit,
        unequal_margins,
    } = parts
    else {
        return String::new();
    };
    let precision = clamp_i32(o.precision);
    let min_digits = clamp_i32(o.min_digits);
    let pad_left = clamp_i32(o.pad_left);
    let pad_right = clamp_i32(o.pad_right);
    let mut buf = String::new();
    let mut has_sign = 0;
    if let Some(c) = sign_char(negative, o.sign) {
        buf.push(c);
        has_sign = 1;
    }
    let (digits, print_exponent) = dragon4_digits(
        mantissa,
        exponent,
        mantissa_bit,
        unequal_margins,
        o.digit_mode,
        o.cutoff_mode,
        precision,
        min_digits,
    );
    let num_digits = digits.len() as i32;
    let num_whole_digits;
    let mut num_fraction_digits: i32 = 0;
    if print_exponent >= 0 {
        num_whole_digits = print_exponent + 1;
        if num_digits <= num_whole_digits {
            buf.extend(digits.iter().map(|&d| d as char));
            for _ in 0..(num_whole_digits - num_digits) {
                buf.push('0');
            }
        } else {
            let w = num_whole_digits as usize;
            buf.extend(digits[..w].iter().map(|&d| d as char));
            buf.push('.');
            buf.extend(digits[w..].iter().map(|&d| d as char));
            num_fraction_digits = num_digits - num_whole_digits;
        }
    } else {
        num_whole_digits = 1;
        let zeros = -(print_exponent + 1);
        buf.push_str("0.");
        for _ in 0..zeros {
            buf.push('0');
        }
        buf.extend(digits.iter().map(|&d| d as char));
        num_fraction_digits = num_digits + zeros;
    }

    if o.trim != TrimMode::DptZeros && num_fraction_digits == 0 {
        buf.push('.');
    }
    let add_digits = if o.digit_mode == DigitMode::Unique {
        min_digits
    } else {
        precision
    };
    let mut desired_fraction_digits = add_digits.max(0);
    if o.cutoff_mode == CutoffMode::TotalLength {
        desired_fraction_digits = add_digits - num_whole_digits;
    }
    if o.trim == TrimMode::LeaveOneZero {
        if num_fraction_digits == 0 {
            buf.push('0');
            num_fraction_digits += 1;
        }
    } else if o.trim == TrimMode::None && desired_fraction_digits > num_fraction_digits {
        for _ in 0..(desired_fraction_digits - num_fraction_digits) {
            buf.push('0');
        }
        num_fraction_digits = desired_fraction_digits;
    }
    if o.trim != TrimMode::None && num_fraction_digits > 0 {
        while buf.ends_with('0') {
            buf.pop();
            num_fraction_digits -= 1;
        }
        if buf.ends_with('.') {
            if o.trim == TrimMode::LeaveOneZero {
                buf.push('0');
                num_fraction_digits += 1;
            } else if o.trim == TrimMode::DptZeros {
                buf.pop();
            }
        }
    }
    if pad_right >= num_fraction_digits {
        if o.trim == TrimMode::DptZeros && num_fraction_digits == 0 {
            buf.push(' ');
        }
        for _ in 0..(pad_right - num_fraction_digits) {
            buf.push(' ');
        }
    }
    if pad_left > num_whole_digits + has_sign {
        let shift = (pad_left - (num_whole_digits + has_sign)) as usize;
        buf.insert_str(0, &" ".repeat(shift));
    }
    buf
}

/// Formats `x` in scientific notation `d.ddde+XX` (NumPy's `FormatScientific`).
pub fn format_scientific<F: Dragon4Float>(x: F, o: &Dragon4Options) -> String {
    let parts = x.parts();
    if let Some(s) = inf_nan(parts, o.sign) {
        return s;
    }
    let FloatParts::Finite {
        negative,
        mantissa,
        exponent,
        mantissa_bit,
        unequal_margins,
    } = parts
    else {
        return String::new();
    };
    let precision = clamp_i32(o.precision);
    let min_digits = clamp_i32(o.min_digits);
    let mut buf = String::new();
    let sign = sign_char(negative, o.sign);
    let left_chars = 1 + i32::from(sign.is_some());
    let pad_left = clamp_i32(o.pad_left);
    if pad_left > left_chars {
        buf.push_str(&" ".repeat((pad_left - left_chars) as usize));
    }
    if let Some(c) = sign {
        buf.push(c);
    }
    let (digits, print_exponent) = dragon4_digits(
        mantissa,
        exponent,
        mantissa_bit,
        unequal_margins,
        o.digit_mode,
        CutoffMode::TotalLength,
        if precision < 0 { -1 } else { precision + 1 },
        if min_digits < 0 { -1 } else { min_digits + 1 },
    );
    let mut num_fraction_digits = digits.len() as i32 - 1;
    if let Some(&first) = digits.first() {
        buf.push(first as char);
    }
    if num_fraction_digits > 0 {
        buf.push('.');
        buf.extend(digits[1..].iter().map(|&d| d as char));
    }
    if o.trim != TrimMode::DptZeros && num_fraction_digits == 0 {
        buf.push('.');
    }
    let add_digits = if o.digit_mode == DigitMode::Unique {
        min_digits
    } else {
        precision
    }
    .max(0);
    if o.trim == TrimMode::LeaveOneZero {
        if num_fraction_digits == 0 {
            buf.push('0');
            num_fraction_digits += 1;
        }
    } else if o.trim == TrimMode::None && add_digits > num_fraction_digits {
        for _ in 0..(add_digits - num_fraction_digits) {
            buf.push('0');
        }
        num_fraction_digits = add_digits;
    }
    if o.trim != TrimMode::None && num_fraction_digits > 0 {
        while buf.ends_with('0') {
            buf.pop();
        }
        if o.trim == TrimMode::LeaveOneZero && buf.ends_with('.') {
            buf.push('0');
        }
    }
    let exp_digits = if o.exp_digits > 5 {
        5
    } else if o.exp_digits < 0 {
        2
    } else {
        o.exp_digits
    } as usize;
    buf.push('e');
    buf.push(if print_exponent >= 0 { '+' } else { '-' });
    let e = print_exponent.unsigned_abs().to_string();
    for _ in e.len()..exp_digits {
        buf.push('0');
    }
    buf.push_str(&e);
    buf
}
