//! Binary array files: np.save / np.load (`.npy`) and np.savez / np.savez_compressed with the
//! `NpzFile` object `np.load` returns for `.npz` archives. The formats are in `npyfmt` and
//! `zipfile`; this file holds the np functions and file handling.

use std::rc::Rc;

use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::{npyfmt, zipfile, FnEntry};
use crate::value::{Object, Value};

/// The binary file functions of the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("save", save, "save(file, arr): write an array to a .npy file"),
    ("load", load, "load(file, allow_pickle=False, max_header_size=10000): read a .npy array or a .npz archive"),
    ("savez", savez, "savez(file, *args, **kwds): several arrays in an uncompressed .npz archive"),
    ("savez_compressed", savez_compressed, "savez_compressed(file, *args, **kwds): several arrays in a compressed .npz archive"),
];

/// A path argument (str only: numpyx has no file objects).
pub fn path_arg(v: &Value, fname: &str) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_error(format!(
            "{fname}(): numpyx accepts file names (str) only, not '{}'",
            other.type_name()
        ))),
    }
}

/// Python's OSError for a failed file operation.
pub fn os_error(e: std::io::Error, path: &str) -> Exception {
    let code = e.raw_os_error().unwrap_or(0);
    let ty = if e.kind() == std::io::ErrorKind::NotFound {
        ExcType::FileNotFoundError
    } else {
        ExcType::OSError
    };
    let text = match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => e.to_string(),
    };
    Exception::new(ty, format!("[Errno {code}] {text}: '{path}'"))
}

fn write_file(path: &str, bytes: &[u8]) -> PyResult<()> {
    std::fs::write(path, bytes).map_err(|e| os_error(e, path))
}

/// `np.save(file, arr, allow_pickle=True, fix_imports=<no value>)`.
pub fn save(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("save", &["file", "arr", "allow_pickle", "fix_imports"], 2)?;
    let mut path = path_arg(&req(&b[0]), "save")?;
    if !path.ends_with(".npy") {
        path.push_str(".npy");
    }
    let a = argparse::array(interp, &req(&b[1]))?;
    write_file(&path, &npyfmt::encode(&a)?)?;
    Ok(Value::None)
}

fn savez_common(interp: &mut Interp, args: Args, compress: bool, fname: &str) -> PyResult<Value> {
    let mut pos = args.pos.into_iter();
    let file = match pos.next() {
        Some(f) => f,
        None => {
            return Err(type_error(format!(
                "{fname}() missing 1 required positional argument: 'file'"
            )))
        }
    };
    let mut path = path_arg(&file, fname)?;
    if !path.ends_with(".npz") {
        path.push_str(".npz");
    }
    // NumPy's order: keyword arrays first, then arr_0, arr_1, ….
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for (k, v) in &args.kw {
        let a = argparse::array(interp, v)?;
        entries.push((format!("{k}.npy"), npyfmt::encode(&a)?));
    }
    for (i, v) in pos.enumerate() {
        let name = format!("arr_{i}.npy");
        if entries.iter().any(|(n, _)| *n == name) {
            return Err(value_error(format!(
                "Cannot use un-named variables and keyword arr_{i}"
            )));
        }
        let a = argparse::array(interp, &v)?;
        entries.push((name, npyfmt::encode(&a)?));
    }
    write_file(&path, &zipfile::write_zip(&entries, compress)?)?;
    Ok(Value::None)
}

/// `np.savez(file, *args, allow_pickle=True, **kwds)`.
pub fn savez(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    args.take_kw("allow_pickle");
    savez_common(interp, args, false, "savez")
}

/// `np.savez_compressed(file, *args, allow_pickle=True, **kwds)`.
pub fn savez_compressed(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    args.take_kw("allow_pickle");
    savez_common(interp, args, true, "savez_compressed")
}

/// `np.load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding='ASCII', *, max_header_size=10000)`.
pub fn load(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "load",
        &[
            "file",
            "mmap_mode",
            "allow_pickle",
            "fix_imports",
            "encoding",
            "*",
            "max_header_size",
        ],
        1,
    )?;
    let path = path_arg(&req(&b[0]), "load")?;
    if matches!(&b[1], Some(v) if !matches!(v, Value::None)) {
        return Err(type_error(
            "load(): numpyx does not support the 'mmap_mode' keyword",
        ));
    }
    let allow_pickle = argparse::flag(interp, &b[2], false)?;
    let max_header = if allow_pickle {
        usize::MAX
    } else {
        argparse::opt_int(&b[5], 10000)?.max(0) as usize
    };
    let bytes = std::fs::read(&path).map_err(|e| os_error(e, &path))?;
    if bytes.is_empty() {
        return Err(value_error("No data left in file"));
    }
    if bytes.starts_with(b"\x93NUMPY") {
        let a = npyfmt::decode(&bytes, max_header)?;
        return Ok(Value::Array(Rc::new(a)));
    }
    if zipfile::is_zip(&bytes) {
        let entries = zipfile::read_entries(&bytes)?;
        return Ok(Value::Object(Rc::new(NpzFile {
            path,
            bytes,
            entries,
            max_header,
        })));
    }
    Err(value_error(
        "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
    ))
}

/// The object `np.load` returns for a `.npz` archive; arrays are decoded on access.
pub struct NpzFile {
    path: String,
    bytes: Vec<u8>,
    entries: Vec<zipfile::ZipEntry>,
    max_header: usize,
}

impl NpzFile {
    /// The key names (member names without `.npy`).
    fn keys(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|e| e.name.strip_suffix(".npy").unwrap_or(&e.name).to_string())
            .collect()
    }

    fn get(&self, key: &str) -> PyResult<Value> {
        let e = self
            .entries
            .iter()
            .find(|e| e.name == key || e.name.strip_suffix(".npy") == Some(key))
            .ok_or_else(|| {
                let mut e = Exception::new(
                    ExcType::KeyError,
                    format!("'{key} is not a file in the archive'"),
                );
                e.args_repr = Some(format!("'{key} is not a file in the archive'"));
                e
            })?;
        let data = zipfile::read_member(&self.bytes, e)?;
        if data.starts_with(b"\x93NUMPY") {
            return Ok(Value::Array(Rc::new(npyfmt::decode(
                &data,
                self.max_header,
            )?)));
        }
        Ok(Value::Bytes(Rc::from(data.as_slice())))
    }
}

fn npz_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let this = args.take_self();
    let which = args
        .take_kw("__data__")
        .and_then(|v| {
            if let Value::Str(s) = v {
                Some(s.to_string())
            } else {
                None
            }
        })
        .unwrap_or_default();
    let Value::Object(o) = &this else {
        return Ok(Value::None);
    };
    let Some(npz) = o.as_any().downcast_ref::<NpzFile>() else {
        return Ok(Value::None);
    };
    let keys = npz.keys();
    Ok(match which.as_str() {
        "keys" => Value::list(keys.iter().map(|k| Value::str(k)).collect()),
        "values" => Value::list(keys.iter().map(|k| npz.get(k)).collect::<PyResult<_>>()?),
        "items" => Value::list(
            keys.iter()
                .map(|k| Ok(Value::tuple(vec![Value::str(k), npz.get(k)?])))
                .collect::<PyResult<_>>()?,
        ),
        "get" => match args.pos.first() {
            Some(Value::Str(k)) => npz
                .get(k)
                .or_else(|_| Ok::<_, Exception>(args.pos.get(1).cloned().unwrap_or(Value::None)))?,
            _ => Value::None,
        },
        _ => {
            let _ = interp;
            Value::None
        }
    })
}

impl Object for NpzFile {
    fn type_name(&self) -> String {
        "NpzFile".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "NpzFile '{}' with keys: {}",
            self.path,
            self.keys().join(", ")
        ))
    }
    fn getattr(&self, this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match name {
            "files" => Some(Value::list(
                self.keys().iter().map(|k| Value::str(k)).collect(),
            )),
            "keys" | "values" | "items" | "get" | "close" => {
                Some(Value::Builtin(Rc::new(crate::value::Builtin {
                    name: Rc::from(name),
                    func: npz_method,
                    bound: Some(this.clone()),
                    data: Some(Value::str(name)),
                })))
            }
            _ => None,
        })
    }
    fn getitem(&self, key: &Value, _interp: &mut Interp) -> PyResult<Option<Value>> {
        match key {
            Value::Str(k) => self.get(k).map(Some),
            _ => Err(type_error("NpzFile keys are strings")),
        }
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.keys().iter().map(|k| Value::str(k)).collect())
    }
    fn dir(&self) -> Vec<String> {
        ["close", "files", "get", "items", "keys", "values"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
