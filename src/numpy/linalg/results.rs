//! NumPy 2's named-tuple results of `np.linalg`: `EighResult`, `EigResult`, `SVDResult`,
//! `SlogdetResult`, `QRResult`. They print as `SVDResult(U=array(...), S=..., Vh=...)`, expose
//! their fields as attributes, unpack (`U, S, Vh = np.linalg.svd(a)`), index (`r[0]`, `r[-1]`,
//! slices give plain tuples) and have a `len()` — through `Object::items`.

use std::rc::Rc;

use crate::errors::PyResult;
use crate::interp::Interp;
use crate::value::{Object, Value};

/// A named tuple: its class name, field names and values.
pub struct NamedTuple {
    pub name: &'static str,
    pub fields: &'static [&'static str],
    pub values: Vec<Value>,
}

impl NamedTuple {
    /// A named-tuple value.
    pub fn value(name: &'static str, fields: &'static [&'static str], values: Vec<Value>) -> Value {
        Value::Object(Rc::new(NamedTuple {
            name,
            fields,
            values,
        }))
    }
}

impl Object for NamedTuple {
    fn type_name(&self) -> String {
        self.name.to_string()
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let mut parts = Vec::with_capacity(self.fields.len());
        for (f, v) in self.fields.iter().zip(&self.values) {
            parts.push(format!("{f}={}", interp.repr(v)?));
        }
        Ok(format!("{}({})", self.name, parts.join(", ")))
    }

    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        if name == "_fields" {
            return Ok(Some(Value::tuple(
                self.fields.iter().map(|f| Value::str(f)).collect(),
            )));
        }
        Ok(self
            .fields
            .iter()
            .position(|f| *f == name)
            .and_then(|i| self.values.get(i).cloned()))
    }

    fn dir(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.to_string()).collect()
    }

    fn items(&self) -> Option<Vec<Value>> {
        Some(self.values.clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `EighResult(eigenvalues=..., eigenvectors=...)`.
pub fn eigh_result(w: Value, v: Value) -> Value {
    NamedTuple::value("EighResult", &["eigenvalues", "eigenvectors"], vec![w, v])
}

/// `EigResult(eigenvalues=..., eigenvectors=...)`.
pub fn eig_result(w: Value, v: Value) -> Value {
    NamedTuple::value("EigResult", &["eigenvalues", "eigenvectors"], vec![w, v])
}

/// `SVDResult(U=..., S=..., Vh=...)`.
pub fn svd_result(u: Value, s: Value, vh: Value) -> Value {
    NamedTuple::value("SVDResult", &["U", "S", "Vh"], vec![u, s, vh])
}

/// `SlogdetResult(sign=..., logabsdet=...)`.
pub fn slogdet_result(sign: Value, logabsdet: Value) -> Value {
    NamedTuple::value(
        "SlogdetResult",
        &["sign", "logabsdet"],
        vec![sign, logabsdet],
    )
}

/// `QRResult(Q=..., R=...)`.
pub fn qr_result(q: Value, r: Value) -> Value {
    NamedTuple::value("QRResult", &["Q", "R"], vec![q, r])
}
