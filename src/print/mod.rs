//! NumPy-compatible `repr()` / `str()` of arrays and scalars.
//!
//! Reproduces NumPy 2.4's `numpy/_core/arrayprint.py` (with `legacy=False`) and the Dragon4
//! float printing of `dragon4.c` character for character:
//!
//! * [`array_repr`] / [`array_str`]: `array([1, 2, 3])` / `[1 2 3]`, with NumPy's float
//!   formatting (`FloatingFormat`), line wrapping, nested brackets, summarization
//!   (`...` plus `shape=(...)` in repr) and the `dtype=` rules;
//! * [`scalar_repr`] / [`scalar_str`]: `np.float64(2.5)` / `2.5` and friends;
//! * [`summarize_plan`]: which indices the caller must hand over for a summarized array.
//!
//! The module depends on nothing else in the crate.

mod dragon4;
mod elements;
mod float_format;
mod layout;
mod options;
mod scalar;

#[cfg(test)]
mod tests;

pub use dragon4::{
    format_positional, format_scientific, CutoffMode, DigitMode, Dragon4Float, Dragon4Options,
    TrimMode,
};
pub use elements::{format_elements, py_str_repr};
pub use options::{FloatMode, PrintOptions, Sign};
pub use scalar::{complex_str, float_str};

/// The elements of an array (or the single element of a scalar), in C order.
#[derive(Debug, Clone, PartialEq)]
pub enum Elems {
    /// `bool` elements.
    Bool(Vec<bool>),
    /// Signed integers of any width (`int8` … `int64`).
    Int(Vec<i64>),
    /// Unsigned integers of any width (`uint8` … `uint64`).
    UInt(Vec<u64>),
    /// `float16` elements.
    F16(Vec<half::f16>),
    /// `float32` elements.
    F32(Vec<f32>),
    /// `float64` elements.
    F64(Vec<f64>),
    /// `complex64` elements as `(re, im)`.
    C64(Vec<(f32, f32)>),
    /// `complex128` elements as `(re, im)`.
    C128(Vec<(f64, f64)>),
    /// Unicode string elements (`<U…`).
    Str(Vec<String>),
}

/// An array to print.
#[derive(Debug, Clone, Copy)]
pub struct PrintArray<'a> {
    /// The array's full shape.
    pub shape: &'a [usize],
    /// C-order elements: all of them, or (when `summarized`) exactly the kept ones, i.e. the
    /// Cartesian product of the indices [`summarize_plan`] keeps per axis.
    pub elems: &'a Elems,
    /// NumPy's dtype name as repr shows it (`"int8"`, `"float32"`, `"<U5"`, `"bool"`, ...).
    pub dtype: &'a str,
    /// `elems` holds only the kept elements of a summarized array.
    pub summarized: bool,
}

/// Per-axis indices to keep when the array must be summarized (size > threshold), else `None`.
///
/// An axis longer than `2 * edgeitems` keeps its first and last `edgeitems` indices; shorter
/// axes keep all. (With `edgeitems == 0` NumPy's slicing `a[:0]`, `a[-0:]` keeps everything.)
pub fn summarize_plan(shape: &[usize], opts: &PrintOptions) -> Option<Vec<Vec<usize>>> {
    let size = shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .unwrap_or(usize::MAX);
    if size <= opts.threshold {
        return None;
    }
    let e = opts.edgeitems;
    Some(
        shape
            .iter()
            .map(|&n| {
                if e > 0 && n > e.saturating_mul(2) {
                    (0..e).chain(n - e..n).collect()
                } else {
                    (0..n).collect()
                }
            })
            .collect(),
    )
}

fn shape_size(shape: &[usize]) -> usize {
    shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .unwrap_or(usize::MAX)
}

/// Picks the elements at the Cartesian product of `plan` from full C-order elements.
fn select<T: Clone>(v: &[T], shape: &[usize], plan: &[Vec<usize>]) -> Vec<T> {
    let mut strides = vec![1usize; shape.len()];
    for ax in (0..shape.len().saturating_sub(1)).rev() {
        strides[ax] = strides[ax + 1].saturating_mul(shape[ax + 1]);
    }
    let mut out = Vec::new();
    let mut idx = vec![0usize; plan.len()];
    if plan.iter().any(|p| p.is_empty()) {
        return out;
    }
    loop {
        let off = idx
            .iter()
            .zip(plan)
            .zip(&strides)
            .map(|((&k, p), s)| p.get(k).copied().unwrap_or(0).saturating_mul(*s))
            .fold(0usize, usize::saturating_add);
        if let Some(x) = v.get(off) {
            out.push(x.clone());
        }
        let mut ax = plan.len();
        loop {
            if ax == 0 {
                return out;
            }
            ax -= 1;
            idx[ax] += 1;
            if idx[ax] < plan[ax].len() {
                break;
            }
            idx[ax] = 0;
        }
    }
}

fn select_elems(e: &Elems, shape: &[usize], plan: &[Vec<usize>]) -> Elems {
    match e {
        Elems::Bool(v) => Elems::Bool(select(v, shape, plan)),
        Elems::Int(v) => Elems::Int(select(v, shape, plan)),
        Elems::UInt(v) => Elems::UInt(select(v, shape, plan)),
        Elems::F16(v) => Elems::F16(select(v, shape, plan)),
        Elems::F32(v) => Elems::F32(select(v, shape, plan)),
        Elems::F64(v) => Elems::F64(select(v, shape, plan)),
        Elems::C64(v) => Elems::C64(select(v, shape, plan)),
        Elems::C128(v) => Elems::C128(select(v, shape, plan)),
        Elems::Str(v) => Elems::Str(select(v, shape, plan)),
    }
}

/// NumPy's `array2string` body: the bracketed elements with the given separator, where
/// continuation lines are indented by `prefix_len + 1` and lines are kept `suffix_len`
/// characters shorter than the line width. Empty arrays give `[]`.
pub fn array2string(
    a: &PrintArray,
    opts: &PrintOptions,
    separator: &str,
    prefix_len: usize,
    suffix_len: usize,
) -> String {
    let size = shape_size(a.shape);
    if size == 0 {
        return "[]".to_string();
    }
    let plan = summarize_plan(a.shape, opts);
    let kept_owned;
    let (elems, kept_shape): (&Elems, Vec<usize>) = match &plan {
        None => (a.elems, a.shape.to_vec()),
        Some(p) => {
            let ks: Vec<usize> = p.iter().map(Vec::len).collect();
            // Trust the element count over the flag when they disagree.
            let n = elements::elems_len(a.elems);
            let kept_n = shape_size(&ks);
            let already_kept = if n == kept_n && n != size {
                true
            } else if n == size && n != kept_n {
                false
            } else {
                a.summarized
            };
            if already_kept {
                (a.elems, ks)
            } else {
                kept_owned = select_elems(a.elems, a.shape, p);
                (&kept_owned, ks)
            }
        }
    };
    let words = format_elements(elems, a.shape.is_empty(), opts);
    let next_line_prefix = " ".repeat(prefix_len.saturating_add(1));
    let line_width = opts.linewidth.min(i64::MAX as usize) as i64 - suffix_len as i64;
    layout::format_array(layout::Layout {
        words: &words,
        shape: a.shape,
        kept_shape: &kept_shape,
        summarize: plan.is_some(),
        edge_items: opts.edgeitems,
        line_width,
        next_line_prefix: &next_line_prefix,
        separator,
    })
}

/// Whether repr omits `dtype=` for non-empty arrays of this dtype.
fn dtype_is_implied(dtype: &str) -> bool {
    matches!(dtype, "int64" | "float64" | "complex128" | "bool")
}

/// NumPy's `dtype_short_repr`: plain names stay bare, others (e.g. `<U5`) are quoted.
fn dtype_short_repr(dtype: &str) -> String {
    let bare = dtype.chars().next().is_some_and(|c| c.is_alphabetic())
        && dtype.chars().all(|c| c.is_alphanumeric());
    if bare {
        dtype.to_string()
    } else {
        py_str_repr(dtype)
    }
}

/// Python's tuple repr of a shape: `()`, `(3,)`, `(2, 0)`.
fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [n] => format!("({},)", n),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `repr()` of an array, e.g. `array([1, 2, 3])`, `array([1, 2], dtype=int8)`,
/// `array([], shape=(0, 3), dtype=float64)`, `array(5)`.
pub fn array_repr(a: &PrintArray, opts: &PrintOptions) -> String {
    let prefix = "array(";
    let lst = array2string(a, opts, ", ", prefix.len(), 1);
    let size = shape_size(a.shape);
    let mut extras = Vec::new();
    if (size == 0 && a.shape != [0]) || size > opts.threshold {
        extras.push(format!("shape={}", shape_repr(a.shape)));
    }
    if !dtype_is_implied(a.dtype) || size == 0 {
        extras.push(format!("dtype={}", dtype_short_repr(a.dtype)));
    }
    if extras.is_empty() {
        return format!("{}{})", prefix, lst);
    }
    let arr_str = format!("{}{},", prefix, lst);
    let extra_str = format!("{})", extras.join(", "));
    let last_line = arr_str.rsplit('\n').next().unwrap_or("");
    let last_line_len = last_line.chars().count();
    let spacer = if last_line_len + extra_str.chars().count() + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        " ".to_string()
    };
    format!("{}{}{}", arr_str, spacer, extra_str)
}

/// `str()` of an array, e.g. `[1 2 3]`; a 0-d array prints like its scalar.
pub fn array_str(a: &PrintArray, opts: &PrintOptions) -> String {
    if a.shape.is_empty() {
        return scalar::str(a.elems);
    }
    array2string(a, opts, " ", 0, 0)
}

/// `repr()` of a NumPy scalar holding the single element of `e`, e.g. `np.float64(2.5)`,
/// `np.int8(-5)`, `np.True_`, `np.str_('ab')`, `np.complex128(1+2j)`.
pub fn scalar_repr(e: &Elems, dtype: &str, _opts: &PrintOptions) -> String {
    scalar::repr(e, dtype)
}

/// `str()` of a NumPy scalar holding the single element of `e`, e.g. `2.5`, `True`, `ab`,
/// `(1+2j)`.
pub fn scalar_str(e: &Elems, _dtype: &str, _opts: &PrintOptions) -> String {
    scalar::str(e)
}
