//! Old-style `fmt % args` string formatting (CPython's `PyUnicode_Format`).
//!
//! Supports `%s %r %a %d %i %u %o %x %X %e %E %f %F %g %G %c %%`, the flags `- + space # 0`,
//! width and precision (also as `*`), the ignored length modifiers `h l L`, and mapping keys
//! `%(name)s` through a caller-supplied lookup. The parse follows CPython's cursor logic so
//! that malformed formats fail with the same message (`incomplete format`,
//! `unsupported format character ...`) and arguments are consumed in the same order.

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};

use super::float_repr::{double_to_string, float_repr, DtoaFlags};
use super::format_int::{code_point_char, int_to_f64};
use super::format_str::ascii_escape;
use super::{FormatError, MAX_OUTPUT_CHARS};

/// One value on the right of `%`.
#[derive(Debug, Clone, PartialEq)]
pub enum PercentArg {
    /// A Python int.
    Int(BigInt),
    /// A Python float.
    Float(f64),
    /// A Python str: its text and its `repr()`.
    Str {
        /// The string itself.
        str: String,
        /// `repr()` of the string (quotes and escapes included).
        repr: String,
    },
    /// A Python bool: numeric for `%d`/`%f`, `True`/`False` for `%s`/`%r`.
    Bool(bool),
    /// Any other object (None, list, ...): usable with `%s`/`%r`/`%a`; numeric conversions
    /// fail with a `TypeError` naming `type_name`.
    Other {
        /// Python type name, e.g. `NoneType`.
        type_name: String,
        /// `str()` of the object.
        str: String,
        /// `repr()` of the object.
        repr: String,
    },
}

impl PercentArg {
    fn type_name(&self) -> &str {
        match self {
            PercentArg::Int(_) => "int",
            PercentArg::Float(_) => "float",
            PercentArg::Str { .. } => "str",
            PercentArg::Bool(_) => "bool",
            PercentArg::Other { type_name, .. } => type_name,
        }
    }

    fn to_str(&self) -> String {
        match self {
            PercentArg::Int(v) => v.to_string(),
            PercentArg::Float(f) => float_repr(*f),
            PercentArg::Str { str, .. } | PercentArg::Other { str, .. } => str.clone(),
            PercentArg::Bool(b) => bool_text(*b),
        }
    }

    fn to_repr(&self) -> String {
        match self {
            PercentArg::Str { repr, .. } | PercentArg::Other { repr, .. } => repr.clone(),
            other => other.to_str(),
        }
    }

    /// The integer for `*` widths/precisions (`PyLong_Check`).
    fn as_int(&self) -> Option<BigInt> {
        match self {
            PercentArg::Int(v) => Some(v.clone()),
            PercentArg::Bool(b) => Some(BigInt::from(u8::from(*b))),
            _ => None,
        }
    }
}

fn bool_text(b: bool) -> String {
    if b { "True" } else { "False" }.to_string()
}

/// A mapping lookup for `%(key)s`: the value for `key`, or the error to raise (`KeyError`).
pub type PercentLookup<'a> = &'a dyn Fn(&str) -> Result<PercentArg, FormatError>;

/// What stands on the right of `%`.
pub enum PercentArgs<'a> {
    /// A tuple: `fmt % (a, b)`.
    Tuple(&'a [PercentArg]),
    /// A single object that is neither a tuple nor a mapping: `fmt % x`.
    Single(&'a PercentArg),
    /// A mapping (dict, or anything CPython's `PyMapping_Check` accepts, lists included):
    /// `%(key)s` calls `lookup(key)`; a conversion without a key uses `whole` itself; unused
    /// arguments are never an error.
    Mapping {
        /// The mapping object itself (for `%s` without a key).
        whole: &'a PercentArg,
        /// Looks a key up; its error (e.g. a `KeyError`) is passed through.
        lookup: PercentLookup<'a>,
    },
}

/// `fmt % args` where `args` is a tuple. `%(name)s` fails with
/// `TypeError: format requires a mapping`; use [`percent_format_with`] for mappings.
pub fn percent_format(fmt: &str, args: &[PercentArg]) -> Result<String, FormatError> {
    percent_format_with(fmt, PercentArgs::Tuple(args))
}

// Flag bits, as in unicodeobject.c.
const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

/// CPython's argument cursor (`arglen`/`argidx`/`args`/`dict` of `unicode_formatter_t`).
struct ArgCursor<'a> {
    tuple: Option<&'a [PercentArg]>,
    single: Option<PercentArg>,
    arglen: i64,
    argidx: i64,
    lookup: Option<PercentLookup<'a>>,
}

impl ArgCursor<'_> {
    fn next(&mut self) -> Result<PercentArg, FormatError> {
        if self.argidx < self.arglen {
            let idx = self.argidx;
            self.argidx += 1;
            let found = match (self.arglen < 0, self.tuple) {
                (true, _) => self.single.clone(),
                (false, Some(t)) => usize::try_from(idx).ok().and_then(|i| t.get(i)).cloned(),
                (false, None) => None,
            };
            if let Some(v) = found {
                return Ok(v);
            }
        }
        Err(FormatError::type_error(
            "not enough arguments for format string",
        ))
    }
}

/// Reads characters of the format like CPython's `--fmtcnt >= 0` loops: `ch` keeps the last
/// character read, and reading past the end sets `exhausted` (CPython's `fmtcnt < 0`).
struct Cursor<'a> {
    chars: &'a [char],
    pos: usize,
    ch: char,
    exhausted: bool,
}

impl Cursor<'_> {
    fn advance(&mut self) -> bool {
        match self.chars.get(self.pos) {
            Some(c) if !self.exhausted => {
                self.ch = *c;
                self.pos += 1;
                true
            }
            _ => {
                self.exhausted = true;
                false
            }
        }
    }
}

/// A parsed conversion specification.
struct Conv {
    flags: u8,
    width: i64,
    prec: i64,
    ch: char,
}

/// `fmt % args` for any kind of right operand.
pub fn percent_format_with(fmt: &str, args: PercentArgs<'_>) -> Result<String, FormatError> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut cur = match args {
        PercentArgs::Tuple(t) => ArgCursor {
            tuple: Some(t),
            single: None,
            arglen: t.len() as i64,
            argidx: 0,
            lookup: None,
        },
        PercentArgs::Single(v) => ArgCursor {
            tuple: None,
            single: Some(v.clone()),
            arglen: -1,
            argidx: -2,
            lookup: None,
        },
        PercentArgs::Mapping { whole, lookup } => ArgCursor {
            tuple: None,
            single: Some(whole.clone()),
            arglen: -1,
            argidx: -2,
            lookup: Some(lookup),
        },
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut i = 0usize;
    while let Some(&c) = chars.get(i) {
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        // The character after '%' is peeked first ('\0' past the end, like the C string).
        let peek = chars.get(i).copied().unwrap_or('\0');
        if peek == '%' {
            out.push('%');
            i += 1;
            continue;
        }
        let mut rd = Cursor {
            chars: &chars,
            pos: i,
            ch: peek,
            exhausted: false,
        };
        let conv = parse_conversion(&mut rd, &mut cur)?;
        i = rd.pos;
        let arg = cur.next()?;
        format_one(&conv, &arg, i.saturating_sub(1), &mut out)?;
        if cur.lookup.is_some() && cur.argidx < cur.arglen {
            return Err(not_all_converted());
        }
    }
    if cur.argidx < cur.arglen && cur.lookup.is_none() {
        return Err(not_all_converted());
    }
    Ok(out)
}

fn not_all_converted() -> FormatError {
    FormatError::type_error("not all arguments converted during string formatting")
}

/// `unicode_format_arg_parse`: key, flags, width, precision, length modifier.
fn parse_conversion(rd: &mut Cursor<'_>, cur: &mut ArgCursor<'_>) -> Result<Conv, FormatError> {
    let mut conv = Conv {
        flags: 0,
        width: -1,
        prec: -1,
        ch: rd.ch,
    };
    if rd.ch == '(' {
        let Some(lookup) = cur.lookup else {
            return Err(FormatError::type_error("format requires a mapping"));
        };
        rd.pos += 1;
        let key_start = rd.pos;
        let mut depth = 1;
        while depth > 0 && rd.advance() {
            match rd.ch {
                ')' => depth -= 1,
                '(' => depth += 1,
                _ => {}
            }
        }
        if depth > 0 {
            return Err(FormatError::value("incomplete format key"));
        }
        let key: String = rd
            .chars
            .get(key_start..rd.pos.saturating_sub(1))
            .unwrap_or(&[])
            .iter()
            .collect();
        cur.single = Some(lookup(&key)?);
        cur.arglen = -1;
        cur.argidx = -2;
    }
    while rd.advance() {
        match rd.ch {
            '-' => conv.flags |= F_LJUST,
            '+' => conv.flags |= F_SIGN,
            ' ' => conv.flags |= F_BLANK,
            '#' => conv.flags |= F_ALT,
            '0' => conv.flags |= F_ZERO,
            _ => break,
        }
    }
    if rd.ch == '*' {
        let v = star_arg(cur)?;
        let w = v
            .to_i64()
            .ok_or_else(|| FormatError::overflow("Python int too large to convert to C ssize_t"))?;
        if w < 0 {
            conv.flags |= F_LJUST;
        }
        conv.width = w.saturating_abs();
        rd.advance();
    } else if let Some(d) = rd.ch.to_digit(10) {
        conv.width = i64::from(d);
        while rd.advance() {
            let Some(d) = rd.ch.to_digit(10) else { break };
            conv.width = conv
                .width
                .checked_mul(10)
                .and_then(|w| w.checked_add(i64::from(d)))
                .ok_or_else(|| FormatError::value("width too big"))?;
        }
    }
    if rd.ch == '.' {
        conv.prec = 0;
        rd.advance();
        if rd.ch == '*' {
            let v = star_arg(cur)?;
            let p = v
                .to_i32()
                .ok_or_else(|| FormatError::overflow("Python int too large to convert to C int"))?;
            conv.prec = i64::from(p.max(0));
            rd.advance();
        } else if let Some(d) = rd.ch.to_digit(10) {
            conv.prec = i64::from(d);
            while rd.advance() {
                let Some(d) = rd.ch.to_digit(10) else { break };
                conv.prec = conv.prec * 10 + i64::from(d);
                if conv.prec > i64::from(i32::MAX) {
                    return Err(FormatError::value("precision too big"));
                }
            }
        }
    }
    if !rd.exhausted && matches!(rd.ch, 'h' | 'l' | 'L') {
        rd.advance();
    }
    if rd.exhausted {
        return Err(FormatError::value("incomplete format"));
    }
    conv.ch = rd.ch;
    Ok(conv)
}

/// The argument consumed by a `*` width or precision.
fn star_arg(cur: &mut ArgCursor<'_>) -> Result<BigInt, FormatError> {
    cur.next()?
        .as_int()
        .ok_or_else(|| FormatError::type_error("* wants int"))
}

/// `unicode_format_arg_format` + `unicode_format_arg_output` for one conversion.
fn format_one(
    conv: &Conv,
    arg: &PercentArg,
    index: usize,
    out: &mut String,
) -> Result<(), FormatError> {
    let (text, numeric) = match conv.ch {
        's' => (arg.to_str(), false),
        'r' => (arg.to_repr(), false),
        'a' => (ascii_escape(&arg.to_repr()), false),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => (format_long(arg, conv)?, true),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => (format_float(arg, conv)?, true),
        'c' => (format_char(arg)?.to_string(), false),
        other => {
            let shown = if (' '..='~').contains(&other) || other == '\u{1f}' {
                other
            } else {
                '?'
            };
            return Err(FormatError::value(format!(
                "unsupported format character '{shown}' (0x{:x}) at index {index}",
                u32::from(other)
            )));
        }
    };
    if conv.width > MAX_OUTPUT_CHARS as i64 {
        return Err(FormatError::memory());
    }
    output(conv, &text, numeric, out);
    Ok(())
}

/// `%d`-family conversion of an argument to text (`mainformatlong` + `_PyUnicode_FormatLong`):
/// sign, `0x`/`0o` prefix under `#`, at least `prec` digits, upper case for `X`.
fn format_long(arg: &PercentArg, conv: &Conv) -> Result<String, FormatError> {
    let ty = conv.ch;
    let value = match arg {
        PercentArg::Int(v) => v.clone(),
        PercentArg::Bool(b) => BigInt::from(u8::from(*b)),
        PercentArg::Float(f) if !matches!(ty, 'o' | 'x' | 'X') => float_to_int(*f)?,
        other => {
            let what = if matches!(ty, 'o' | 'x' | 'X') {
                "an integer"
            } else {
                "a real number"
            };
            return Err(FormatError::type_error(format!(
                "%{ty} format: {what} is required, not {}",
                other.type_name()
            )));
        }
    };
    if conv.prec > i64::from(i32::MAX) - 3 {
        return Err(FormatError::overflow("precision too large"));
    }
    let (radix, prefix) = match ty {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = value.magnitude().to_str_radix(radix);
    let mut s = String::new();
    if value.sign() == Sign::Minus {
        s.push('-');
    }
    if conv.flags & F_ALT != 0 {
        s.push_str(prefix);
    }
    let ndigits = digits.len() as i64;
    for _ in ndigits..conv.prec {
        s.push('0');
    }
    s.push_str(&digits);
    if ty == 'X' {
        s = s.to_ascii_uppercase();
    }
    Ok(s)
}

/// `int(x)` for a float: truncation, with CPython's errors for nan and infinities.
fn float_to_int(x: f64) -> Result<BigInt, FormatError> {
    if x.is_nan() {
        return Err(FormatError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(FormatError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    if t == 0.0 {
        return Ok(BigInt::zero());
    }
    // Exact: a truncated double is mantissa × 2^exp with exp >= 0 once mantissa is integral.
    let bits = t.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let exp = biased - 1075;
    let mag = if exp >= 0 {
        BigInt::from(mant) << (exp as usize)
    } else {
        BigInt::from(mant >> ((-exp) as u32))
    };
    Ok(if t < 0.0 { -mag } else { mag })
}

/// `%e`-family conversion (`formatfloat`).
fn format_float(arg: &PercentArg, conv: &Conv) -> Result<String, FormatError> {
    let x = match arg {
        PercentArg::Float(f) => *f,
        PercentArg::Int(v) => int_to_f64(v)?,
        PercentArg::Bool(b) => f64::from(u8::from(*b)),
        other => {
            return Err(FormatError::type_error(format!(
                "must be real number, not {}",
                other.type_name()
            )))
        }
    };
    let prec = if conv.prec < 0 { 6 } else { conv.prec };
    let flags = DtoaFlags {
        alt: conv.flags & F_ALT != 0,
        ..DtoaFlags::default()
    };
    Ok(double_to_string(x, conv.ch, prec, flags))
}

/// `%c` (`formatchar`): an int code point or a one-character string.
fn format_char(arg: &PercentArg) -> Result<char, FormatError> {
    let wrong = || FormatError::type_error("%c requires int or char");
    match arg {
        PercentArg::Str { str, .. } => {
            let mut it = str.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(wrong()),
            }
        }
        // Anything outside a C long is reported as out of range, like CPython.
        PercentArg::Int(v) => code_point_char(v.to_i64().unwrap_or(-1)),
        PercentArg::Bool(b) => code_point_char(i64::from(*b)),
        _ => Err(wrong()),
    }
}

/// `unicode_format_arg_output`: precision truncation for `s`/`r`/`a`, sign, `0x` prefix and
/// padding. `numeric` is CPython's `arg->sign` (set for the number conversions).
fn output(conv: &Conv, text: &str, numeric: bool, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len() as i64;
    let mut width = conv.width;
    let flags = conv.flags;
    if (width == -1 || width <= len)
        && (conv.prec == -1 || conv.prec >= len)
        && flags & (F_SIGN | F_BLANK) == 0
    {
        out.push_str(text);
        return;
    }
    if matches!(conv.ch, 's' | 'r' | 'a') && conv.prec >= 0 && len > conv.prec {
        len = conv.prec;
    }
    let fill = if numeric && flags & F_ZERO != 0 {
        '0'
    } else {
        ' '
    };
    let mut pindex = 0usize;
    let mut sign = numeric;
    let mut signchar = '\0';
    if sign {
        match chars.first() {
            Some(&c) if c == '-' || c == '+' => {
                signchar = c;
                len -= 1;
                pindex += 1;
            }
            _ if flags & F_SIGN != 0 => signchar = '+',
            _ if flags & F_BLANK != 0 => signchar = ' ',
            _ => sign = false,
        }
    }
    if width < len {
        width = len;
    }
    let alt_prefix = flags & F_ALT != 0 && matches!(conv.ch, 'x' | 'X' | 'o');
    if sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    if alt_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(conv.ch);
            pindex += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && flags & F_LJUST == 0 {
        for _ in 0..width - len {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(signchar);
        }
        if alt_prefix {
            out.push('0');
            out.push(conv.ch);
            pindex += 2;
        }
    }
    if len > 0 {
        let end = pindex.saturating_add(len as usize);
        out.extend(chars.get(pindex..end).unwrap_or(&[]).iter());
    }
    for _ in len.max(0)..width {
        out.push(' ');
    }
}
