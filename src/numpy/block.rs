//! `np.block`: assemble an array from nested lists of blocks (`numpy/_core/shape_base.py`):
//! the list depth is checked first (with NumPy's messages naming the offending entry), then
//! the innermost lists are concatenated along the last axis, the next ones along the one
//! before, and so on.

use std::rc::Rc;

use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::req;
use crate::numpy::joining::concat;
use crate::numpy::FnEntry;
use crate::value::Value;

/// The block family's entry in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[(
    "block",
    block,
    "block(arrays): assemble an array from nested lists of blocks",
)];

/// `arrays[1][0]`: where an entry sits in the nesting (`None` marks an empty list).
fn format_index(index: &[Option<usize>]) -> String {
    let mut s = String::from("arrays");
    for i in index.iter().flatten() {
        s.push_str(&format!("[{i}]"));
    }
    s
}

/// `_block_check_depths_match`: the index of the first bottom entry, the largest block ndim.
fn check_depths(
    interp: &mut Interp,
    arrays: &Value,
    parent: Vec<Option<usize>>,
) -> PyResult<(Vec<Option<usize>>, usize)> {
    match arrays {
        Value::Tuple(_) => Err(type_error(format!(
            "{} is a tuple. Only lists can be used to arrange blocks, and np.block does not allow implicit conversion from tuple to ndarray.",
            format_index(&parent)
        ))),
        Value::List(l) => {
            let items = l.borrow().clone();
            if items.is_empty() {
                let mut idx = parent;
                idx.push(None);
                return Ok((idx, 0));
            }
            let mut first: Option<Vec<Option<usize>>> = None;
            let mut max_ndim = 0;
            for (i, item) in items.iter().enumerate() {
                let mut child = parent.clone();
                child.push(Some(i));
                let (index, ndim) = check_depths(interp, item, child)?;
                max_ndim = max_ndim.max(ndim);
                match &first {
                    None => first = Some(index),
                    Some(f) => {
                        if index.len() != f.len() {
                            return Err(value_error(format!(
                                "List depths are mismatched. First element was at depth {}, but there is an element at depth {} ({})",
                                f.len(),
                                index.len(),
                                format_index(&index)
                            )));
                        }
                        if index.last() == Some(&None) {
                            first = Some(index);
                        }
                    }
                }
            }
            Ok((first.unwrap_or(parent), max_ndim))
        }
        leaf => {
            let ndim = interp.to_array(leaf)?.ndim();
            Ok((parent, ndim))
        }
    }
}

/// `array(a, ndmin=ndim)`.
fn at_least_nd(interp: &mut Interp, v: &Value, ndim: usize) -> PyResult<NdArray> {
    let a = interp.to_array(v)?;
    let missing = ndim.saturating_sub(a.ndim());
    if missing == 0 {
        return Ok(a);
    }
    let axes: Vec<i64> = (0..missing as i64).collect();
    a.expand_dims(&axes)
}

/// `_block`: concatenate the nested lists, innermost along the last axis.
fn assemble(
    interp: &mut Interp,
    arrays: &Value,
    max_depth: usize,
    result_ndim: usize,
    depth: usize,
) -> PyResult<NdArray> {
    if depth < max_depth {
        let items = interp.iterate(arrays)?;
        let mut parts = Vec::with_capacity(items.len());
        for item in &items {
            parts.push(assemble(interp, item, max_depth, result_ndim, depth + 1)?);
        }
        return concat(&parts, Some(-((max_depth - depth) as i64)), None);
    }
    at_least_nd(interp, arrays, result_ndim)
}

/// `np.block(arrays)`.
pub fn block(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("block", &["arrays"], 1)?;
    let arrays = req(&b[0]);
    let (bottom, arr_ndim) = check_depths(interp, &arrays, Vec::new())?;
    if bottom.last() == Some(&None) {
        return Err(value_error(format!(
            "List at {} cannot be empty",
            format_index(&bottom)
        )));
    }
    let list_ndim = bottom.len();
    let result_ndim = arr_ndim.max(list_ndim);
    let r = assemble(interp, &arrays, list_ndim, result_ndim, 0)?;
    let r = if list_ndim == 0 { r.copy()? } else { r };
    Ok(Value::Array(Rc::new(r)))
}
