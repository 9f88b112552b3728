//! Error type for `numpy.random` emulation: carries NumPy's exception class
//! and its exact message so the interpreter can raise the same Python error.

use std::fmt;

/// The Python exception class NumPy raises for a given failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `ValueError`
    ValueError,
    /// `TypeError`
    TypeError,
    /// `OverflowError`
    OverflowError,
    /// `IndexError`
    IndexError,
    /// `MemoryError` (an output that cannot be allocated)
    MemoryError,
}

impl ErrorKind {
    /// The Python name of the exception class, e.g. `"ValueError"`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::MemoryError => "MemoryError",
        }
    }
}

/// A NumPy random error: exception class plus NumPy's exact message.
///
/// `Display` renders it the way Python prints the last traceback line,
/// e.g. `ValueError: high <= 0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RandomError {
    /// The exception class.
    pub kind: ErrorKind,
    /// The message, byte-identical to NumPy's.
    pub message: String,
}

impl RandomError {
    /// Builds a `ValueError` with the given message.
    pub fn value(message: impl Into<String>) -> Self {
        RandomError {
            kind: ErrorKind::ValueError,
            message: message.into(),
        }
    }

    /// Builds a `TypeError` with the given message.
    pub fn type_error(message: impl Into<String>) -> Self {
        RandomError {
            kind: ErrorKind::TypeError,
            message: message.into(),
        }
    }

    /// Builds an `OverflowError` with the given message.
    pub fn overflow(message: impl Into<String>) -> Self {
        RandomError {
            kind: ErrorKind::OverflowError,
            message: message.into(),
        }
    }

    /// Builds an `IndexError` with the given message.
    pub fn index(message: impl Into<String>) -> Self {
        RandomError {
            kind: ErrorKind::IndexError,
            message: message.into(),
        }
    }
}

/// Allocates `vec![value; n]`, reporting failure as a `MemoryError`
/// instead of aborting (NumPy raises `MemoryError` for impossible sizes).
pub(crate) fn try_vec<T: Clone>(n: usize, value: T) -> RandomResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| RandomError {
        kind: ErrorKind::MemoryError,
        message: format!("Unable to allocate an array with shape ({n},)"),
    })?;
    v.resize(n, value);
    Ok(v)
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for RandomError {}

/// Result alias used throughout `crate::random`.
pub type RandomResult<T> = Result<T, RandomError>;
