//! Python exceptions as values: a type, NumPy's or Python's message, and where it happened.
//!
//! Every failure in numpyx — a parse error, a broadcasting mismatch, a bad keyword — is an
//! [`Exception`]. The array core creates them without a span; the interpreter attaches the span
//! of the expression being evaluated as the error propagates out of it (the innermost span wins),
//! so diagnostics underline the sub-expression at fault.

use std::fmt;

use crate::syntax::span::Span;

/// The Python exception classes numpyx raises (and that scripts can catch by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExcType {
    BaseException,
    Exception,
    ArithmeticError,
    AssertionError,
    AttributeError,
    /// NumPy's `numpy.exceptions.AxisError` (a subclass of ValueError and IndexError).
    AxisError,
    FloatingPointError,
    ImportError,
    IndentationError,
    IndexError,
    KeyError,
    KeyboardInterrupt,
    LookupError,
    /// `numpy.linalg.LinAlgError`.
    LinAlgError,
    MemoryError,
    ModuleNotFoundError,
    NameError,
    NotImplementedError,
    OSError,
    FileNotFoundError,
    OverflowError,
    RecursionError,
    RuntimeError,
    StopIteration,
    SyntaxError,
    SystemExit,
    TypeError,
    /// NumPy's `UFuncTypeError` (a TypeError).
    UFuncTypeError,
    UnboundLocalError,
    UnicodeError,
    ValueError,
    ZeroDivisionError,
    /// `numpy.exceptions.DTypePromotionError` (a TypeError).
    DTypePromotionError,
}

impl ExcType {
    /// The class name as Python prints it.
    pub fn name(self) -> &'static str {
        use ExcType::*;
        match self {
            BaseException => "BaseException",
            Exception => "Exception",
            ArithmeticError => "ArithmeticError",
            AssertionError => "AssertionError",
            AttributeError => "AttributeError",
            AxisError => "AxisError",
            FloatingPointError => "FloatingPointError",
            ImportError => "ImportError",
            IndentationError => "IndentationError",
            IndexError => "IndexError",
            KeyError => "KeyError",
            KeyboardInterrupt => "KeyboardInterrupt",
            LookupError => "LookupError",
            LinAlgError => "LinAlgError",
            MemoryError => "MemoryError",
            ModuleNotFoundError => "ModuleNotFoundError",
            NameError => "NameError",
            NotImplementedError => "NotImplementedError",
            OSError => "OSError",
            FileNotFoundError => "FileNotFoundError",
            OverflowError => "OverflowError",
            RecursionError => "RecursionError",
            RuntimeError => "RuntimeError",
            StopIteration => "StopIteration",
            SyntaxError => "SyntaxError",
            SystemExit => "SystemExit",
            TypeError => "TypeError",
            UFuncTypeError => "UFuncTypeError",
            UnboundLocalError => "UnboundLocalError",
            UnicodeError => "UnicodeError",
            ValueError => "ValueError",
            ZeroDivisionError => "ZeroDivisionError",
            DTypePromotionError => "DTypePromotionError",
        }
    }

    /// Every class, for name lookup (`except ValueError:`) and completion.
    pub const ALL: &'static [ExcType] = {
        use ExcType::*;
        &[
            BaseException,
            Exception,
            ArithmeticError,
            AssertionError,
            AttributeError,
            AxisError,
            FloatingPointError,
            ImportError,
            IndentationError,
            IndexError,
            KeyError,
            KeyboardInterrupt,
            LookupError,
            LinAlgError,
            MemoryError,
            ModuleNotFoundError,
            NameError,
            NotImplementedError,
            OSError,
            FileNotFoundError,
            OverflowError,
            RecursionError,
            RuntimeError,
            StopIteration,
            SyntaxError,
            SystemExit,
            TypeError,
            UFuncTypeError,
            UnboundLocalError,
            UnicodeError,
            ValueError,
            ZeroDivisionError,
            DTypePromotionError,
        ]
    };

    /// The class by its Python name.
    pub fn from_name(name: &str) -> Option<ExcType> {
        ExcType::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// The direct base class, following Python's (and NumPy's) hierarchy.
    pub fn parent(self) -> Option<ExcType> {
        use ExcType::*;
        Some(match self {
            BaseException => return None,
            Exception | KeyboardInterrupt | SystemExit => BaseException,
            ArithmeticError | AssertionError | AttributeError | ImportError | LookupError
            | MemoryError | NameError | OSError | RuntimeError | StopIteration | SyntaxError
            | TypeError | ValueError => Exception,
            FloatingPointError | OverflowError | ZeroDivisionError => ArithmeticError,
            IndexError | KeyError => LookupError,
            ModuleNotFoundError => ImportError,
            IndentationError => SyntaxError,
            FileNotFoundError => OSError,
            RecursionError | NotImplementedError => RuntimeError,
            UnboundLocalError => NameError,
            UnicodeError | LinAlgError => ValueError,
            AxisError => ValueError,
            UFuncTypeError | DTypePromotionError => TypeError,
        })
    }

    /// Whether an `except other:` clause catches this class.
    pub fn is_subclass_of(self, other: ExcType) -> bool {
        // AxisError derives from both ValueError and IndexError in NumPy.
        if self == ExcType::AxisError && matches!(other, ExcType::IndexError | ExcType::LookupError)
        {
            return true;
        }
        let mut t = Some(self);
        while let Some(c) = t {
            if c == other {
                return true;
            }
            t = c.parent();
        }
        false
    }
}

/// A raised exception: its class, its message, and (once known) the source range at fault.
///
/// Boxed so that `PyResult<Value>` stays as small as `Value`: every expression evaluation
/// returns one, and a ~100-byte error variant made the interpreter's hot paths move that much
/// memory per call. Fields are reached through `Deref` (`e.ty`, `e.msg`).
#[derive(Debug, Clone)]
pub struct Exception(Box<ExceptionData>);

/// The contents of an [`Exception`].
#[derive(Debug, Clone)]
pub struct ExceptionData {
    pub ty: ExcType,
    pub msg: String,
    /// The innermost expression or statement the error came out of; `None` until one is known.
    pub span: Option<Span>,
    /// Which registered source the span refers to (see `interp::sources`).
    pub source_id: Option<usize>,
    /// Extra lines shown under the diagnostic (e.g. the broadcasting explanation).
    pub notes: Vec<String>,
    /// For KeyError and friends whose `str()` differs from the message given (`KeyError: 'a'`).
    pub args_repr: Option<String>,
}

impl Exception {
    /// A new exception of class `ty` with `msg`, not yet located.
    pub fn new(ty: ExcType, msg: impl Into<String>) -> Exception {
        Exception(Box::new(ExceptionData {
            ty,
            msg: msg.into(),
            span: None,
            source_id: None,
            notes: Vec::new(),
            args_repr: None,
        }))
    }

    /// Attach `span` if none is attached yet (the innermost location wins).
    pub fn at(mut self, span: Span) -> Exception {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    /// Add an explanatory note for the diagnostic.
    pub fn with_note(mut self, note: impl Into<String>) -> Exception {
        self.notes.push(note.into());
        self
    }

    /// The first line of the message: what echo mode prints after `TypeName: `.
    pub fn first_line(&self) -> &str {
        self.msg.split('\n').next().unwrap_or("")
    }

    /// `TypeName: first line of message`, always with the colon: the echo-mode line.
    pub fn echo_line(&self) -> String {
        format!("{}: {}", self.ty.name(), self.first_line())
    }

    /// `TypeName: message` (or just `TypeName` when the message is empty), as Python's last
    /// traceback line.
    pub fn headline(&self) -> String {
        if self.msg.is_empty() {
            self.ty.name().to_string()
        } else {
            format!("{}: {}", self.ty.name(), self.first_line())
        }
    }
}

impl std::ops::Deref for Exception {
    type Target = ExceptionData;
    fn deref(&self) -> &ExceptionData {
        &self.0
    }
}

impl std::ops::DerefMut for Exception {
    fn deref_mut(&mut self) -> &mut ExceptionData {
        &mut self.0
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())
    }
}

/// The result type used throughout numpyx.
pub type PyResult<T> = Result<T, Exception>;

/// The exception Ctrl-C raises (no message, as Python's).
pub fn keyboard_interrupt() -> Exception {
    Exception::new(ExcType::KeyboardInterrupt, "")
}

/// Shorthands for the common exception classes.
macro_rules! exc_ctor {
    ($($fn_name:ident => $ty:ident),* $(,)?) => {
        $(
            #[doc = concat!("A new `", stringify!($ty), "` with `msg`.")]
            pub fn $fn_name(msg: impl Into<String>) -> Exception {
                Exception::new(ExcType::$ty, msg)
            }
        )*
    };
}

exc_ctor! {
    type_error => TypeError,
    value_error => ValueError,
    index_error => IndexError,
    key_error => KeyError,
    name_error => NameError,
    attribute_error => AttributeError,
    zero_division => ZeroDivisionError,
    overflow_error => OverflowError,
    memory_error => MemoryError,
    axis_error => AxisError,
    runtime_error => RuntimeError,
    not_implemented => NotImplementedError,
    linalg_error => LinAlgError,
    ufunc_type_error => UFuncTypeError,
}
