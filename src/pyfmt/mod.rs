//! CPython 3.11 text formatting of numbers and strings, reproduced character for character.
//!
//! The module is self-contained (it depends only on `num-bigint`/`num-traits`) and covers:
//!
//! * [`float_repr`] / [`complex_repr`]: `repr(float)` / `repr(complex)` (shortest round-trip
//!   digits in CPython's layout);
//! * the format-spec mini-language: [`parse_format_spec`] into a [`FormatSpec`], then
//!   [`format_int`], [`format_float`], [`format_str`], [`format_complex`]; or the one-call
//!   `format(value, spec)` builtins [`pyformat_int`], [`pyformat_float`], [`pyformat_str`],
//!   [`pyformat_complex`] that also handle the empty spec and the exact error texts;
//! * [`round_float`]: `round(x, ndigits)` for floats (correctly rounded, half-even);
//! * old-style `%` formatting: [`percent_format`] / [`percent_format_with`];
//! * `str.format` templates: [`parse_format_template`] / [`TemplateParser`] plus the field-name
//!   helpers [`split_field_name`] and [`AutoNumber`];
//! * f-string bodies: [`parse_fstring`] (expression fields, `=`, nested specs).
//!
//! Every failure is a [`FormatError`] carrying the Python exception type and CPython's message.
//! Decimal conversion is exact (big-integer based), so rounding is on the exact binary value
//! with ties to even, like David Gay's `dtoa` that CPython uses.

mod digits;
mod float_repr;
mod format_float;
mod format_int;
mod format_str;
mod fstring;
mod number;
mod percent;
mod spec;
mod template;

#[cfg(test)]
mod tests;

use std::fmt;

pub use float_repr::{float_repr, round_float};
pub use format_float::{
    complex_repr, format_complex, format_float, pyformat_complex, pyformat_float,
};
pub use format_int::{format_int, int_to_f64, pyformat_int};
pub use format_str::{ascii_escape, format_str, pyformat_str};
pub use fstring::{parse_fstring, FStringField, FStringPiece};
pub use percent::{percent_format, percent_format_with, PercentArg, PercentArgs, PercentLookup};
pub use spec::{parse_format_spec, parse_format_spec_for, FormatSpec};
pub use template::{
    check_conversion, parse_format_template, split_field_name, AutoNumber, FieldAccessor,
    FieldFirst, FieldNameIter, TemplateParser, TemplatePiece,
};

/// A Python exception raised by a formatting operation.
///
/// `exc_type` is the exception class name (`"ValueError"`, `"TypeError"`, `"OverflowError"`,
/// `"MemoryError"`) and `message` is CPython's message text, so that
/// `format!("{err}")` prints exactly what CPython's traceback shows on its last line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Python exception type name, e.g. `"ValueError"`.
    pub exc_type: &'static str,
    /// CPython's message, e.g. `"Unknown format code 'd' for object of type 'float'"`.
    pub message: String,
}

impl FormatError {
    /// A `ValueError` with the given message.
    pub fn value(message: impl Into<String>) -> Self {
        FormatError {
            exc_type: "ValueError",
            message: message.into(),
        }
    }

    /// A `TypeError` with the given message.
    pub fn type_error(message: impl Into<String>) -> Self {
        FormatError {
            exc_type: "TypeError",
            message: message.into(),
        }
    }

    /// An `OverflowError` with the given message.
    pub fn overflow(message: impl Into<String>) -> Self {
        FormatError {
            exc_type: "OverflowError",
            message: message.into(),
        }
    }

    /// A `MemoryError`: used where CPython would try (and here we refuse) to build a string of
    /// absurd size, such as `format(1, '99999999999')`.
    pub fn memory() -> Self {
        FormatError {
            exc_type: "MemoryError",
            message: String::new(),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.exc_type)
        } else {
            write!(f, "{}: {}", self.exc_type, self.message)
        }
    }
}

impl std::error::Error for FormatError {}

/// Largest string (in characters) a width or precision may ask for; beyond it we report
/// `MemoryError` instead of letting the allocator abort the whole process.
pub(crate) const MAX_OUTPUT_CHARS: usize = 1 << 31;
