//! Integers as digit strings: `np.base_repr` and `np.binary_repr` (two's complement with
//! `width=`), on Python's unbounded ints as NumPy's pure-Python versions are.

use num_bigint::{BigInt, Sign};
use num_traits::{One, Signed, Zero};

use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The digit-string family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "base_repr",
        base_repr,
        "base_repr(number, base=2, padding=0): the number's digits in the base (2..36)",
    ),
    (
        "binary_repr",
        binary_repr,
        "binary_repr(num, width=None): the binary digits (two's complement when width is given)",
    ),
];

/// A Python int value as a BigInt.
fn big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        _ => None,
    }
}

/// `operator.index(v)`: Python ints and NumPy integer scalars.
fn index_value(v: &Value) -> PyResult<BigInt> {
    if let Some(b) = big(v) {
        return Ok(b);
    }
    if let Value::Scalar(a) = v {
        match a.item()? {
            crate::array::Elem::Int(i) => return Ok(BigInt::from(i)),
            crate::array::Elem::UInt(u) => return Ok(BigInt::from(u)),
            crate::array::Elem::Bool(b) => return Ok(BigInt::from(b as i64)),
            _ => {}
        }
    }
    Err(type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.type_name()
    )))
}

/// `np.base_repr(number, base=2, padding=0)`.
pub fn base_repr(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("base_repr", &["number", "base", "padding"], 1)?;
    let number = req(&b[0]);
    let base = argparse::opt_int(&b[1], 2)?;
    let padding = argparse::opt_int(&b[2], 0)?;
    if base > 36 {
        return Err(value_error(
            "Bases greater than 36 not handled in base_repr.",
        ));
    }
    if base < 2 {
        return Err(value_error("Bases less than 2 not handled in base_repr."));
    }
    let n = big(&interp.to_int(&number)?).unwrap_or_default();
    let mut digits = if n.is_zero() && padding <= 0 {
        "0".to_string()
    } else if n.is_zero() {
        String::new()
    } else {
        n.abs().to_str_radix(base as u32).to_uppercase()
    };
    if padding > 0 {
        digits = "0".repeat(padding as usize) + &digits;
    }
    if n.sign() == Sign::Minus {
        digits.insert(0, '-');
    }
    Ok(Value::str(&digits))
}

/// `np.binary_repr(num, width=None)`.
pub fn binary_repr(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("binary_repr", &["num", "width"], 1)?;
    let num = index_value(&req(&b[0]))?;
    let width = match &b[1] {
        None | Some(Value::None) => None,
        Some(w) => Some(argparse::int(w, "")?),
    };
    let insufficient = |width: i64, binwidth: usize| {
        value_error(format!(
            "Insufficient bit width={width} provided for binwidth={binwidth}"
        ))
    };
    if num.is_zero() {
        let w = width.filter(|&w| w != 0).unwrap_or(1).max(0) as usize;
        return Ok(Value::str(&"0".repeat(w)));
    }
    if num.sign() == Sign::Plus {
        let bin = num.to_str_radix(2);
        let binwidth = bin.len();
        return match width {
            Some(w) if (w as i128) < binwidth as i128 => Err(insufficient(w, binwidth)),
            Some(w) => Ok(Value::str(&format!("{bin:0>w$}", w = w as usize))),
            None => Ok(Value::str(&bin)),
        };
    }
    let pos = (-&num).to_str_radix(2);
    let Some(w) = width else {
        return Ok(Value::str(&format!("-{pos}")));
    };
    let mut poswidth = pos.len();
    // A power of two needs one bit less (gh-8679).
    if (BigInt::one() << (poswidth - 1)) == -&num {
        poswidth -= 1;
    }
    let twocomp: BigInt = (BigInt::one() << (poswidth + 1)) + &num;
    let bin = twocomp.to_str_radix(2);
    let binwidth = bin.len();
    if (w as i128) < binwidth as i128 {
        return Err(insufficient(w, binwidth));
    }
    let out = w.max(binwidth as i64) as usize;
    Ok(Value::str(&format!("{}{bin}", "1".repeat(out - binwidth))))
}
