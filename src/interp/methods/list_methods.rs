//! Methods of `list` and `tuple`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::errors::{index_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::value::{NativeFn, Value};

/// The method table of `list`.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("append", append),
    ("extend", extend),
    ("insert", insert),
    ("pop", pop),
    ("remove", remove),
    ("index", index),
    ("count", count),
    ("sort", sort),
    ("reverse", reverse),
    ("copy", copy),
    ("clear", clear),
];

/// The method table of `tuple`.
pub const TUPLE_METHODS: &[(&str, NativeFn)] = &[("index", index), ("count", count)];

fn recv(a: &mut Args) -> Rc<RefCell<Vec<Value>>> {
    match a.take_self() {
        Value::List(l) => l,
        Value::Tuple(t) => Rc::new(RefCell::new(t.to_vec())),
        _ => Rc::new(RefCell::new(Vec::new())),
    }
}

fn arg0(a: &Args, name: &str) -> PyResult<Value> {
    a.pos
        .first()
        .cloned()
        .ok_or_else(|| type_error(format!("{name}() takes exactly one argument (0 given)")))
}

fn append(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let l = recv(&mut a);
    let v = arg0(&a, "list.append")?;
    l.borrow_mut().push(v);
    Ok(Value::None)
}

fn extend(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let l = recv(&mut a);
    let v = arg0(&a, "list.extend")?;
    let items = interp.iterate(&v)?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}

fn insert(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let l = recv(&mut a);
    let (Some(i), Some(v)) = (
        a.pos.first().and_then(|v| v.as_i64()),
        a.pos.get(1).cloned(),
    ) else {
        return Err(type_error("insert expected 2 arguments"));
    };
    let mut items = l.borrow_mut();
    let n = items.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    items.insert(j, v);
    Ok(Value::None)
}

fn pop(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let l = recv(&mut a);
    let mut items = l.borrow_mut();
    if items.is_empty() {
        return Err(index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let i = a.pos.first().and_then(|v| v.as_i64()).unwrap_or(-1);
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("pop index out of range"));
    }
    Ok(items.remove(j as usize))
}

fn position(interp: &mut Interp, items: &[Value], v: &Value) -> PyResult<Option<usize>> {
    for (i, x) in items.iter().enumerate() {
        if x.is_same(v) || interp.py_eq(x, v)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let l = recv(&mut a);
    let v = arg0(&a, "list.remove")?;
    let items = l.borrow().clone();
    match position(interp, &items, &v)? {
        Some(i) => {
            l.borrow_mut().remove(i);
            Ok(Value::None)
        }
        None => Err(value_error("list.remove(x): x not in list")),
    }
}

fn index(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let is_tuple = matches!(a.pos.first(), Some(Value::Tuple(_)));
    let l = recv(&mut a);
    let v = arg0(&a, "index")?;
    let items = l.borrow().clone();
    match position(interp, &items, &v)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            if is_tuple {
                Err(value_error("tuple.index(x): x not in tuple"))
            } else {
                let r = interp.repr(&v)?;
                Err(value_error(format!("{r} is not in list")))
            }
        }
    }
}

fn count(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let l = recv(&mut a);
    let v = arg0(&a, "count")?;
    let items = l.borrow().clone();
    let mut n = 0;
    for x in &items {
        if x.is_same(&v) || interp.py_eq(x, &v)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn sort(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let l = recv(&mut a);
    let key = a.take_kw("key");
    let reverse = match a.take_kw("reverse") {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    a.no_kwargs("sort")?;
    let items = std::mem::take(&mut *l.borrow_mut());
    let sorted = interp.sort_values(items.clone(), key.as_ref(), reverse);
    match sorted {
        Ok(s) => {
            *l.borrow_mut() = s;
            Ok(Value::None)
        }
        Err(e) => {
            *l.borrow_mut() = items;
            Err(e)
        }
    }
}

fn reverse(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    recv(&mut a).borrow_mut().reverse();
    Ok(Value::None)
}

fn copy(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let l = recv(&mut a);
    let items = l.borrow().clone();
    Ok(Value::list(items))
}

fn clear(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    recv(&mut a).borrow_mut().clear();
    Ok(Value::None)
}
