//! NumPy's parameter constraints for distribution arguments
//! (`check_constraint` / `check_array_constraint` in `_common.pyx`), with
//! the exact messages for scalar and array arguments.

#![allow(clippy::neg_cmp_op_on_partial_ord)]

use super::error::{RandomError, RandomResult};

/// Largest `lam` accepted by `Generator.poisson` (also the legacy limit on
/// platforms where C `long` is 64-bit).
pub fn poisson_lam_max() -> f64 {
    let m = i64::MAX as f64;
    m - m.sqrt() * 10.0
}

/// The constraint kinds NumPy attaches to distribution parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    /// No check.
    None,
    /// `x < 0` (sign bit set, not NaN) is an error: `"{name} < 0"`.
    NonNegative,
    /// `x <= 0` is an error.
    Positive,
    /// NaN or `x <= 0` is an error.
    PositiveNotNan,
    /// Must lie in `[0, 1]`.
    Bounded01,
    /// Must lie in `(0, 1]`.
    BoundedGt01,
    /// Must lie in `[0, 1)`.
    BoundedLt01,
    /// Must be `> 1`.
    Gt1,
    /// Must be `>= 1`.
    Gte1,
    /// Poisson `lam`: `>= 0` and `<= poisson_lam_max()`.
    Poisson,
    /// Legacy non-negative value that must fit a C `long`.
    LegacyNonNegativeInboundsLong,
}

/// Checks one scalar parameter (NumPy's scalar path).
pub fn check_scalar(val: f64, name: &str, cons: Constraint) -> RandomResult<()> {
    let err = |msg: String| Err(RandomError::value(msg));
    match cons {
        Constraint::None => Ok(()),
        Constraint::NonNegative => {
            if !val.is_nan() && val.is_sign_negative() {
                err(format!("{name} < 0"))
            } else {
                Ok(())
            }
        }
        Constraint::Positive | Constraint::PositiveNotNan => {
            if cons == Constraint::PositiveNotNan && val.is_nan() {
                err(format!("{name} must not be NaN"))
            } else if val <= 0.0 {
                err(format!("{name} <= 0"))
            } else {
                Ok(())
            }
        }
        Constraint::Bounded01 => {
            if !(val >= 0.0) || !(val <= 1.0) {
                err(format!("{name} < 0, {name} > 1 or {name} is NaN"))
            } else {
                Ok(())
            }
        }
        Constraint::BoundedGt01 => {
            if !(val > 0.0) || !(val <= 1.0) {
                err(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
            } else {
                Ok(())
            }
        }
        Constraint::BoundedLt01 => {
            if !(val >= 0.0) || !(val < 1.0) {
                err(format!("{name} < 0, {name} >= 1 or {name} is NaN"))
            } else {
                Ok(())
            }
        }
        Constraint::Gt1 => {
            if !(val > 1.0) {
                err(format!("{name} <= 1 or {name} is NaN"))
            } else {
                Ok(())
            }
        }
        Constraint::Gte1 => {
            if !(val >= 1.0) {
                err(format!("{name} < 1 or {name} is NaN"))
            } else {
                Ok(())
            }
        }
        Constraint::Poisson => {
            if !(val >= 0.0) {
                err(format!("{name} < 0 or {name} is NaN"))
            } else if !(val <= poisson_lam_max()) {
                err(format!("{name} value too large"))
            } else {
                Ok(())
            }
        }
        Constraint::LegacyNonNegativeInboundsLong => {
            if val < 0.0 {
                err(format!("{name} < 0"))
            } else if val > i64::MAX as f64 {
                err(format!(
                    "{name} is out of bounds for long, consider using the new generator API for 64bit integers."
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// Checks an array parameter (NumPy's array path; messages say
/// "contains NaNs" where the scalar path says "is NaN").
pub fn check_array(vals: &[f64], name: &str, cons: Constraint) -> RandomResult<()> {
    let err = |msg: String| Err(RandomError::value(msg));
    let all = |f: &dyn Fn(f64) -> bool| vals.iter().all(|&v| f(v));
    match cons {
        Constraint::None => Ok(()),
        Constraint::NonNegative => {
            if vals.iter().any(|&v| !v.is_nan() && v.is_sign_negative()) {
                err(format!("{name} < 0"))
            } else {
                Ok(())
            }
        }
        Constraint::Positive | Constraint::PositiveNotNan => {
            if cons == Constraint::PositiveNotNan && vals.iter().any(|v| v.is_nan()) {
                err(format!("{name} must not be NaN"))
            } else if vals.iter().any(|&v| v <= 0.0) {
                err(format!("{name} <= 0"))
            } else {
                Ok(())
            }
        }
        Constraint::Bounded01 => {
            if !all(&|v| (0.0..=1.0).contains(&v)) {
                err(format!("{name} < 0, {name} > 1 or {name} contains NaNs"))
            } else {
                Ok(())
            }
        }
        Constraint::BoundedGt01 => {
            if !all(&|v| v > 0.0) || !all(&|v| v <= 1.0) {
                err(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
            } else {
                Ok(())
            }
        }
        Constraint::BoundedLt01 => {
            if !all(&|v| v >= 0.0) || !all(&|v| v < 1.0) {
                err(format!("{name} < 0, {name} >= 1 or {name} contains NaNs"))
            } else {
                Ok(())
            }
        }
        Constraint::Gt1 => {
            if !all(&|v| v > 1.0) {
                err(format!("{name} <= 1 or {name} contains NaNs"))
            } else {
                Ok(())
            }
        }
        Constraint::Gte1 => {
            if !all(&|v| v >= 1.0) {
                err(format!("{name} < 1 or {name} contains NaNs"))
            } else {
                Ok(())
            }
        }
        Constraint::Poisson => {
            if !all(&|v| v <= poisson_lam_max()) {
                err(format!("{name} value too large"))
            } else if !all(&|v| v >= 0.0) {
                err(format!("{name} < 0 or {name} contains NaNs"))
            } else {
                Ok(())
            }
        }
        Constraint::LegacyNonNegativeInboundsLong => {
            if !all(&|v| v >= 0.0) {
                err(format!("{name} < 0"))
            } else if !all(&|v| v <= i64::MAX as f64) {
                err(format!(
                    "{name} is out of bounds for long, consider using the new generator API for 64bit integers."
                ))
            } else {
                Ok(())
            }
        }
    }
}
