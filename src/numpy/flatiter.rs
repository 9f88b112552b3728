//! `a.flat`: NumPy's flat iterator, a 1-D window onto an array in C order.
//!
//! Reading (`a.flat[i]`, slices, index and mask arrays) returns scalars or fresh 1-D arrays;
//! writing (`a.flat[idx] = v`, `a.flat = v`) goes through to `a`, with values repeated
//! cyclically as NumPy does, also when `a` is a non-contiguous view (the flat positions are
//! turned into one index array per axis).

use std::rc::Rc;

use crate::array::layout::BasicIndex;
use crate::array::NdArray;
use crate::errors::{index_error, PyResult};
use crate::interp::Interp;
use crate::value::{Object, Value};

/// The `numpy.flatiter` object of one array.
pub struct FlatIter {
    array: Rc<NdArray>,
}

impl FlatIter {
    /// The flat iterator over `array`.
    pub fn new(array: Rc<NdArray>) -> FlatIter {
        FlatIter { array }
    }

    /// The array's elements in C order as a fresh 1-D array (NumPy's flatiter reads copy).
    fn flattened(&self) -> PyResult<NdArray> {
        let n = self.array.size();
        self.array.copy()?.reshape(&[n as i64])
    }

    /// Check a subscript the way NumPy's flatiter does before indexing the flattened copy.
    fn check_key(&self, key: &Value) -> PyResult<()> {
        if let Value::Tuple(t) = key {
            if t.len() > 1 {
                return Err(index_error(format!(
                    "too many indices for flat iterator: flat iterator is 1-dimensional, but {} were indexed",
                    t.len()
                )));
            }
        }
        let valid = match key {
            Value::Int(_) | Value::Bool(_) | Value::Slice(_) | Value::Ellipsis | Value::List(_) => {
                true
            }
            Value::Tuple(t) => t.len() <= 1,
            Value::Array(a) | Value::Scalar(a) => {
                a.dtype.is_integer() || a.dtype == crate::array::dtype::DType::Bool
            }
            _ => false,
        };
        if !valid {
            return Err(index_error(
                "only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid indices",
            ));
        }
        let n = self.array.size() as i64;
        if let Value::Int(i) = key {
            if *i >= n || *i < -n {
                return Err(index_error(format!(
                    "index {i} is out of bounds for size {n}"
                )));
            }
        }
        Ok(())
    }

    /// `a.flat[key] = value`.
    pub fn assign(&self, key: &Value, value: Value, interp: &mut Interp) -> PyResult<()> {
        self.check_key(key)?;
        let n = self.array.size();
        let positions = NdArray::from_vec1((0..n as i64).collect::<Vec<i64>>());
        let picked = interp.getitem(&Value::Array(Rc::new(positions)), key)?;
        let flat_idx: Vec<i64> = interp.to_array(&picked)?.to_vec_i64()?;
        if flat_idx.is_empty() {
            return Ok(());
        }
        let values = interp.to_array(&value)?;
        let values = values.reshape(&[values.size() as i64])?;
        if values.size() == 0 {
            return Ok(());
        }
        let repeat: Vec<i64> = (0..flat_idx.len())
            .map(|i| (i % values.size()) as i64)
            .collect();
        let values = interp.getitem(
            &Value::Array(Rc::new(values)),
            &Value::Array(Rc::new(NdArray::from_vec1(repeat))),
        )?;
        // One index array per axis: the C-order coordinates of each flat position.
        let shape = &self.array.shape;
        let mut per_axis: Vec<Vec<i64>> = vec![Vec::with_capacity(flat_idx.len()); shape.len()];
        for &f in &flat_idx {
            let mut rest = f;
            for (ax, &d) in shape.iter().enumerate().rev() {
                let d = d.max(1) as i64;
                per_axis[ax].push(rest % d);
                rest /= d;
            }
        }
        let index = Value::tuple(
            per_axis
                .into_iter()
                .map(|v| Value::Array(Rc::new(NdArray::from_vec1(v))))
                .collect(),
        );
        let target = if shape.is_empty() {
            // A 0-d array: its only element.
            Value::tuple(Vec::new())
        } else {
            index
        };
        interp.setitem(&Value::Array(self.array.clone()), &target, values)
    }
}

impl Object for FlatIter {
    fn type_name(&self) -> String {
        "numpy.flatiter".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<numpy.flatiter object at {:#x}>",
            self as *const _ as usize
        ))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match name {
            "base" => Some(Value::Array(self.array.clone())),
            "copy" => Some(crate::interp::attrs::bound(
                "copy",
                flat_copy,
                &Value::Array(self.array.clone()),
            )),
            _ => None,
        })
    }
    fn getitem(&self, key: &Value, interp: &mut Interp) -> PyResult<Option<Value>> {
        self.check_key(key)?;
        let flat = Value::Array(Rc::new(self.flattened()?));
        interp.getitem(&flat, key).map(Some)
    }
    fn setitem(&self, key: &Value, value: Value, interp: &mut Interp) -> PyResult<bool> {
        self.assign(key, value, interp)?;
        Ok(true)
    }
    fn dir(&self) -> Vec<String> {
        vec!["base".into(), "copy".into()]
    }
    fn items(&self) -> Option<Vec<Value>> {
        let flat = self.flattened().ok()?;
        (0..flat.size())
            .map(|i| {
                flat.basic_index(&[BasicIndex::Int(i as i64)])
                    .ok()
                    .map(|e| Value::Scalar(Rc::new(e)))
            })
            .collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `a.flat.copy()`: the elements as a fresh 1-D array.
fn flat_copy(_interp: &mut Interp, mut args: crate::interp::args::Args) -> PyResult<Value> {
    let s = args.take_self();
    let Some(a) = s.as_ndarray() else {
        return Ok(Value::None);
    };
    let n = a.size();
    Ok(Value::Array(Rc::new(a.copy()?.reshape(&[n as i64])?)))
}
