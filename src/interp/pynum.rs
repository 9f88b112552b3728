//! Python's numeric semantics on machine numbers: parsing, floor division and modulo with
//! Python's sign rules, and float-to-int conversion checks.

/// Parse a float the way Python's `float(str)` does (`inf`, `-Infinity`, `nan`, `1_000.5`,
/// surrounding whitespace). None when it is not a float literal.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, lower.strip_prefix('+').unwrap_or(&lower)),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'))
    {
        return None;
    }
    let cleaned: String = body.chars().filter(|&c| c != '_').collect();
    cleaned.parse::<f64>().ok().map(|v| sign * v)
}

/// Python's `a // b` for floats (b != 0).
pub fn float_floordiv(a: f64, b: f64) -> f64 {
    let (div, _) = float_divmod(a, b);
    div
}

/// Python's `a % b` for floats (b != 0): the result has the sign of `b`.
pub fn float_mod(a: f64, b: f64) -> f64 {
    let (_, m) = float_divmod(a, b);
    m
}

/// CPython's `float_divmod`: floor quotient and modulo with the sign of the divisor.
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// Python's `a // b` for i64 (b != 0); None on overflow (i64::MIN // -1).
pub fn int_floordiv(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Python's `a % b` for i64 (b != 0): the result has the sign of `b`.
pub fn int_mod(a: i64, b: i64) -> i64 {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}
