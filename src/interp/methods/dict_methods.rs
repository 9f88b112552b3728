//! Methods of `dict` and `set`, and the `dict_keys`/`dict_values`/`dict_items` views.

use std::cell::RefCell;
use std::rc::Rc;

use crate::errors::{key_error, type_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::value::{Dict, HashKey, NativeFn, Object, Set, Value};

/// The method table of `dict`.
pub const DICT_METHODS: &[(&str, NativeFn)] = &[
    ("keys", keys),
    ("values", values),
    ("items", items),
    ("get", get),
    ("setdefault", setdefault),
    ("pop", pop),
    ("popitem", popitem),
    ("update", update),
    ("copy", copy),
    ("clear", clear),
];

/// The method table of `set`.
pub const SET_METHODS: &[(&str, NativeFn)] = &[
    ("add", set_add),
    ("remove", set_remove),
    ("discard", set_discard),
    ("pop", set_pop),
    ("union", set_union),
    ("intersection", set_intersection),
    ("difference", set_difference),
    ("symmetric_difference", set_symdiff),
    ("issubset", set_issubset),
    ("issuperset", set_issuperset),
    ("isdisjoint", set_isdisjoint),
    ("update", set_update),
    ("copy", set_copy),
    ("clear", set_clear),
];

/// A live view of a dict's keys, values or items (`dict_keys([...])`): it reflects later
/// changes to the dict, as Python's views do.
pub struct DictView {
    kind: &'static str,
    dict: Rc<RefCell<Dict>>,
}

impl DictView {
    fn current(&self) -> Vec<Value> {
        let d = self.dict.borrow();
        match self.kind {
            "dict_keys" => d.map.values().map(|(k, _)| k.clone()).collect(),
            "dict_values" => d.map.values().map(|(_, v)| v.clone()).collect(),
            _ => d
                .map
                .values()
                .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                .collect(),
        }
    }
}

impl Object for DictView {
    fn type_name(&self) -> String {
        self.kind.to_string()
    }
    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let l = Value::list(self.current());
        Ok(format!("{}({})", self.kind, interp.repr(&l)?))
    }
    fn getattr(&self, _this: &Value, _name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(None)
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.current())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn recv(a: &mut Args) -> Rc<RefCell<Dict>> {
    match a.take_self() {
        Value::Dict(d) => d,
        _ => Rc::new(RefCell::new(Dict::default())),
    }
}

fn view(kind: &'static str, dict: Rc<RefCell<Dict>>) -> PyResult<Value> {
    Ok(Value::Object(Rc::new(DictView { kind, dict })))
}

fn keys(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    view("dict_keys", recv(&mut a))
}

fn values(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    view("dict_values", recv(&mut a))
}

fn items(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    view("dict_items", recv(&mut a))
}

fn get(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let d = recv(&mut a);
    let k = a
        .pos
        .first()
        .cloned()
        .ok_or_else(|| type_error("get expected at least 1 argument, got 0"))?;
    let r = d.borrow().get(&k)?;
    Ok(r.unwrap_or_else(|| a.pos.get(1).cloned().unwrap_or(Value::None)))
}

fn setdefault(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let d = recv(&mut a);
    let k = a.pos.first().cloned().unwrap_or(Value::None);
    let existing = d.borrow().get(&k)?;
    match existing {
        Some(v) => Ok(v),
        None => {
            let v = a.pos.get(1).cloned().unwrap_or(Value::None);
            d.borrow_mut().insert(k, v.clone())?;
            Ok(v)
        }
    }
}

fn missing_key(interp: &mut Interp, k: &Value) -> Exception {
    let r = interp.repr(k).unwrap_or_default();
    let mut e = key_error(r.clone());
    e.args_repr = Some(r);
    e
}

fn pop(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let d = recv(&mut a);
    let k = a.pos.first().cloned().unwrap_or(Value::None);
    let key = HashKey::from_value(&k)?;
    let removed = d.borrow_mut().map.shift_remove(&key);
    match removed {
        Some((_, v)) => Ok(v),
        None => match a.pos.get(1) {
            Some(def) => Ok(def.clone()),
            None => Err(missing_key(interp, &k)),
        },
    }
}

fn popitem(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let d = recv(&mut a);
    let last = d.borrow_mut().map.pop();
    match last {
        Some((_, (k, v))) => Ok(Value::tuple(vec![k, v])),
        None => Err(key_error("'popitem(): dictionary is empty'")),
    }
}

fn update(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let d = recv(&mut a);
    if let Some(src) = a.pos.first().cloned() {
        for (k, v) in interp.dict_items(&src)? {
            d.borrow_mut().insert(k, v)?;
        }
    }
    for (k, v) in a.kw {
        d.borrow_mut().insert(Value::Str(k), v)?;
    }
    Ok(Value::None)
}

fn copy(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let d = recv(&mut a);
    let c = d.borrow().clone();
    Ok(Value::Dict(Rc::new(RefCell::new(c))))
}

fn clear(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    recv(&mut a).borrow_mut().map.clear();
    Ok(Value::None)
}

/// `dict.fromkeys(keys, value=None)`.
pub fn dict_fromkeys(interp: &mut Interp, a: Args) -> PyResult<Value> {
    let src = a.pos.first().cloned().unwrap_or(Value::None);
    let v = a.pos.get(1).cloned().unwrap_or(Value::None);
    let mut d = Dict::default();
    for k in interp.iterate(&src)? {
        d.insert(k, v.clone())?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

fn set_recv(a: &mut Args) -> (Rc<RefCell<Set>>, bool) {
    match a.take_self() {
        Value::Set(s) => (s, false),
        Value::FrozenSet(s) => (Rc::new(RefCell::new((*s).clone())), true),
        _ => (Rc::new(RefCell::new(Set::default())), false),
    }
}

fn set_of(interp: &mut Interp, v: &Value) -> PyResult<Set> {
    let mut s = Set::default();
    for x in interp.iterate(v)? {
        s.insert(x)?;
    }
    Ok(s)
}

fn wrap_set(s: Set, frozen: bool) -> Value {
    if frozen {
        Value::FrozenSet(Rc::new(s))
    } else {
        Value::Set(Rc::new(RefCell::new(s)))
    }
}

fn set_add(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let (s, _) = set_recv(&mut a);
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    s.borrow_mut().insert(v)?;
    Ok(Value::None)
}

fn set_remove(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let (s, _) = set_recv(&mut a);
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    let key = HashKey::from_value(&v)?;
    if s.borrow_mut().map.shift_remove(&key).is_none() {
        return Err(missing_key(interp, &v));
    }
    Ok(Value::None)
}

fn set_discard(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let (s, _) = set_recv(&mut a);
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    let key = HashKey::from_value(&v)?;
    s.borrow_mut().map.shift_remove(&key);
    Ok(Value::None)
}

fn set_pop(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let (s, _) = set_recv(&mut a);
    let first = s.borrow().ordered().first().cloned();
    match first {
        Some(v) => {
            let key = HashKey::from_value(&v)?;
            s.borrow_mut().map.shift_remove(&key);
            Ok(v)
        }
        None => Err(Exception::new(ExcType::KeyError, "'pop from an empty set'")),
    }
}

fn set_binary(interp: &mut Interp, mut a: Args, op: crate::syntax::ast::BinOp) -> PyResult<Value> {
    let (s, frozen) = set_recv(&mut a);
    let mut acc = wrap_set(s.borrow().clone(), frozen);
    for other in a.pos.clone() {
        let o = wrap_set(set_of(interp, &other)?, false);
        acc = interp.binop(op, &acc, &o)?;
    }
    Ok(acc)
}

fn set_union(i: &mut Interp, a: Args) -> PyResult<Value> {
    set_binary(i, a, crate::syntax::ast::BinOp::BitOr)
}

fn set_intersection(i: &mut Interp, a: Args) -> PyResult<Value> {
    set_binary(i, a, crate::syntax::ast::BinOp::BitAnd)
}

fn set_difference(i: &mut Interp, a: Args) -> PyResult<Value> {
    set_binary(i, a, crate::syntax::ast::BinOp::Sub)
}

fn set_symdiff(i: &mut Interp, a: Args) -> PyResult<Value> {
    set_binary(i, a, crate::syntax::ast::BinOp::BitXor)
}

fn set_relation(interp: &mut Interp, mut a: Args, which: u8) -> PyResult<Value> {
    let (s, _) = set_recv(&mut a);
    let other = set_of(interp, &a.pos.first().cloned().unwrap_or(Value::None))?;
    let me = s.borrow();
    Ok(Value::Bool(match which {
        0 => me.map.keys().all(|k| other.map.contains_key(k)),
        1 => other.map.keys().all(|k| me.map.contains_key(k)),
        _ => me.map.keys().all(|k| !other.map.contains_key(k)),
    }))
}

fn set_issubset(i: &mut Interp, a: Args) -> PyResult<Value> {
    set_relation(i, a, 0)
}

fn set_issuperset(i: &mut Interp, a: Args) -> PyResult<Value> {
    set_relation(i, a, 1)
}

fn set_isdisjoint(i: &mut Interp, a: Args) -> PyResult<Value> {
    set_relation(i, a, 2)
}

fn set_update(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let (s, _) = set_recv(&mut a);
    for other in a.pos.clone() {
        for x in interp.iterate(&other)? {
            s.borrow_mut().insert(x)?;
        }
    }
    Ok(Value::None)
}

fn set_copy(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let (s, frozen) = set_recv(&mut a);
    let c = s.borrow().clone();
    Ok(wrap_set(c, frozen))
}

fn set_clear(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    set_recv(&mut a).0.borrow_mut().map.clear();
    Ok(Value::None)
}
