//! `np.broadcast(*args)`: the object describing how arrays broadcast together (`.shape`,
//! `.nd`/`.ndim`, `.size`, `.numiter`), iterable as tuples of NumPy scalars in C order.

use std::rc::Rc;

use crate::array::layout::BasicIndex;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::{shape, FnEntry};
use crate::value::{Object, Value};

/// The broadcast object's entry in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[(
    "broadcast",
    broadcast,
    "broadcast(*args): an object with the broadcast shape of the inputs, iterable as tuples",
)];

/// NumPy's limit on the operands of one iterator.
const MAX_ARGS: usize = 64;

/// `np.broadcast` result: the inputs broadcast to their common shape.
struct Broadcast {
    shape: Vec<usize>,
    iters: Vec<NdArray>,
}

/// `np.broadcast(*args)`.
pub fn broadcast(interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.no_kwargs("broadcast")?;
    if args.pos.len() > MAX_ARGS {
        return Err(value_error(format!(
            "Need at least 0 and at most {MAX_ARGS} array objects."
        )));
    }
    let arrays: Vec<NdArray> = args
        .pos
        .iter()
        .map(|v| interp.to_array(v))
        .collect::<PyResult<_>>()?;
    let shapes: Vec<Vec<usize>> = arrays.iter().map(|a| a.shape.clone()).collect();
    let common = shape::broadcast_all(&shapes)?;
    let iters = arrays
        .iter()
        .map(|a| a.broadcast_to(&common))
        .collect::<PyResult<_>>()?;
    Ok(Value::Object(Rc::new(Broadcast {
        shape: common,
        iters,
    })))
}

impl Object for Broadcast {
    fn type_name(&self) -> String {
        "numpy.broadcast".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<numpy.broadcast object at 0x{:x}>",
            self as *const Broadcast as usize
        ))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        let size: usize = self.shape.iter().product();
        Ok(match name {
            "shape" => Some(Value::tuple(
                self.shape.iter().map(|&d| Value::Int(d as i64)).collect(),
            )),
            "nd" | "ndim" => Some(Value::Int(self.shape.len() as i64)),
            "size" => Some(Value::Int(size as i64)),
            "numiter" => Some(Value::Int(self.iters.len() as i64)),
            "index" => Some(Value::Int(0)),
            _ => None,
        })
    }
    fn dir(&self) -> Vec<String> {
        ["shape", "nd", "ndim", "size", "numiter", "index"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
    fn items(&self) -> Option<Vec<Value>> {
        let size: usize = self.shape.iter().product();
        let nd = self.shape.len();
        let mut idx = vec![0usize; nd];
        let mut out = Vec::with_capacity(size);
        for _ in 0..size {
            let items: Vec<BasicIndex> = idx.iter().map(|&i| BasicIndex::Int(i as i64)).collect();
            let row: Vec<Value> = self
                .iters
                .iter()
                .map(|a| match a.basic_index(&items).and_then(|e| e.copy()) {
                    Ok(e) => Value::Scalar(Rc::new(e)),
                    Err(_) => Value::None,
                })
                .collect();
            out.push(Value::tuple(row));
            for ax in (0..nd).rev() {
                idx[ax] += 1;
                if idx[ax] < self.shape[ax] {
                    break;
                }
                idx[ax] = 0;
            }
        }
        Some(out)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
