//! Print options: the Rust counterpart of `np.set_printoptions` / `np.get_printoptions`.
//!
//! Only the options that influence the built-in formatters are modelled (no `formatter`,
//! no `legacy`, no `override_repr`); their defaults are NumPy 2.4's
//! (`numpy/_core/printoptions.py`).

/// How the sign of positive numbers is printed (`sign=` in `np.set_printoptions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sign {
    /// `'-'`: only negative numbers carry a sign (the default).
    #[default]
    Minus,
    /// `' '`: positive numbers get a space in the sign position.
    Space,
    /// `'+'`: positive numbers are printed with a `+`.
    Plus,
}

impl Sign {
    /// Parses NumPy's spelling (`"-"`, `" "`, `"+"`).
    pub fn from_str_opt(s: &str) -> Option<Sign> {
        match s {
            "-" => Some(Sign::Minus),
            " " => Some(Sign::Space),
            "+" => Some(Sign::Plus),
            _ => None,
        }
    }

    /// NumPy's spelling of this option.
    pub fn as_str(self) -> &'static str {
        match self {
            Sign::Minus => "-",
            Sign::Space => " ",
            Sign::Plus => "+",
        }
    }
}

/// How `precision` is interpreted for floating-point elements (`floatmode=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FloatMode {
    /// `'maxprec'`: at most `precision` fractional digits, fewer when unique (the default).
    #[default]
    MaxPrec,
    /// `'fixed'`: always exactly `precision` fractional digits.
    Fixed,
    /// `'unique'`: the shortest digits that round-trip; `precision` is ignored.
    Unique,
    /// `'maxprec_equal'`: like `MaxPrec`, but every element gets the same number of digits.
    MaxPrecEqual,
}

impl FloatMode {
    /// Parses NumPy's spelling (`"maxprec"`, `"fixed"`, `"unique"`, `"maxprec_equal"`).
    pub fn from_str_opt(s: &str) -> Option<FloatMode> {
        match s {
            "maxprec" => Some(FloatMode::MaxPrec),
            "fixed" => Some(FloatMode::Fixed),
            "unique" => Some(FloatMode::Unique),
            "maxprec_equal" => Some(FloatMode::MaxPrecEqual),
            _ => None,
        }
    }

    /// NumPy's spelling of this mode.
    pub fn as_str(self) -> &'static str {
        match self {
            FloatMode::MaxPrec => "maxprec",
            FloatMode::Fixed => "fixed",
            FloatMode::Unique => "unique",
            FloatMode::MaxPrecEqual => "maxprec_equal",
        }
    }
}

/// The array printing options (NumPy's `format_options` with `legacy=False`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintOptions {
    /// Number of fractional digits for floats (default 8).
    pub precision: usize,
    /// Arrays with more elements than this are summarized (default 1000).
    pub threshold: usize,
    /// Items kept at each edge of a summarized axis (default 3).
    pub edgeitems: usize,
    /// Characters per line before wrapping (default 75).
    pub linewidth: usize,
    /// Never switch to scientific notation for small numbers (default false).
    pub suppress: bool,
    /// Sign handling for positive numbers (default `'-'`).
    pub sign: Sign,
    /// Interpretation of `precision` (default `'maxprec'`).
    pub floatmode: FloatMode,
    /// Text of a NaN element (default `"nan"`).
    pub nanstr: String,
    /// Text of an infinite element, without sign (default `"inf"`).
    pub infstr: String,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            sign: Sign::Minus,
            floatmode: FloatMode::MaxPrec,
            nanstr: "nan".to_string(),
            infstr: "inf".to_string(),
        }
    }
}
