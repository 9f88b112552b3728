//! What an expression before the cursor is, found without evaluating it: names are looked up in
//! the session's globals, attributes are walked through module attribute maps only, and calls,
//! subscripts and array attributes are typed from static knowledge (np functions and array
//! methods give arrays, `default_rng()` gives a Generator). Completion and `?` help read this.

use std::cell::RefCell;
use std::rc::Rc;

use super::signatures::{Callee, Param};
use super::tokens::{Kind, Token};
use crate::numpy::ufunc_obj::{UfuncKind, UfuncObj};
use crate::value::Value;

/// The session's global variables.
pub type Globals = Rc<RefCell<crate::interp::GlobalMap>>;

/// A statically known type.
#[derive(Clone)]
pub enum Ty {
    /// An actual bound value (a variable, a module, a module attribute).
    Val(Value),
    /// Some ndarray (or NumPy scalar: both have the same attributes).
    Array,
    /// Some `np.random.Generator`.
    Generator,
    /// A method (or function) known by name but not bound to a value.
    Callable(Callee),
    /// Unknown.
    Unknown,
}

/// A resolved expression: its type and, when it is an attribute of a module, which one.
#[derive(Clone)]
pub struct Resolved {
    pub ty: Ty,
    /// The dotted module name (`numpy.linalg`) an attribute was taken from.
    pub module: Option<String>,
    /// The last name of the chain (`mean` for `np.mean`).
    pub name: String,
}

impl Resolved {
    fn unknown() -> Resolved {
        Resolved {
            ty: Ty::Unknown,
            module: None,
            name: String::new(),
        }
    }
}

/// One step of a primary expression chain.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Name(String),
    Attr(String),
    Call,
    Index,
    StrLiteral,
    ListLiteral,
    DictLiteral,
}

/// Parse the primary chain (`np.linalg`, `x.T[0].sum()`) ending at token `last`, backwards.
fn chain(src: &str, toks: &[Token], partner: &[Option<usize>], last: usize) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut k = last as isize;
    loop {
        let t = toks.get(k as usize)?;
        match t.kind {
            Kind::Name => {
                let prev = k - 1;
                if prev >= 0 && toks[prev as usize].kind == Kind::Dot {
                    steps.push(Step::Attr(t.text(src).to_string()));
                    k = prev - 1;
                    continue;
                }
                steps.push(Step::Name(t.text(src).to_string()));
                break;
            }
            Kind::Close => {
                let open = partner.get(k as usize).copied().flatten()?;
                let before = open.checked_sub(1).and_then(|b| toks.get(b));
                let applied = before
                    .is_some_and(|b| matches!(b.kind, Kind::Name | Kind::Close | Kind::Str { .. }));
                let is_kw = before.is_some_and(|b| {
                    b.kind == Kind::Name && super::tokens::KEYWORDS.contains(&b.text(src))
                });
                match toks[open].text(src) {
                    "(" if applied && !is_kw => steps.push(Step::Call),
                    "[" if applied && !is_kw => steps.push(Step::Index),
                    "[" => {
                        steps.push(Step::ListLiteral);
                        break;
                    }
                    "{" => {
                        steps.push(Step::DictLiteral);
                        break;
                    }
                    _ => return None,
                }
                k = open as isize - 1;
            }
            Kind::Str { closed: true } => {
                steps.push(Step::StrLiteral);
                break;
            }
            _ => return None,
        }
    }
    steps.reverse();
    Some(steps)
}

/// Resolve the expression that ends at token `last`.
pub fn resolve_at(
    globals: &Globals,
    src: &str,
    toks: &[Token],
    partner: &[Option<usize>],
    last: usize,
) -> Resolved {
    match chain(src, toks, partner, last) {
        Some(steps) => resolve_steps(globals, &steps),
        None => Resolved::unknown(),
    }
}

/// Resolve a whole dotted expression text (`np.linalg.norm`), for help.
pub fn resolve_text(globals: &Globals, text: &str) -> Resolved {
    let toks = super::tokens::tokenize(text);
    if toks.is_empty() {
        return Resolved::unknown();
    }
    let partner = super::tokens::match_brackets(text, &toks);
    resolve_at(globals, text, &toks, &partner, toks.len() - 1)
}

fn resolve_steps(globals: &Globals, steps: &[Step]) -> Resolved {
    let mut cur = Resolved::unknown();
    for step in steps {
        cur = match step {
            Step::Name(n) => {
                let v = globals.borrow().get(n.as_str()).cloned();
                match v {
                    Some(v) => Resolved {
                        ty: Ty::Val(v),
                        module: None,
                        name: n.clone(),
                    },
                    None if crate::interp::Interp::builtin_names().contains(&n.as_str()) => {
                        Resolved {
                            ty: Ty::Callable(Callee::Builtin(n.clone())),
                            module: None,
                            name: n.clone(),
                        }
                    }
                    None => return Resolved::unknown(),
                }
            }
            Step::StrLiteral => Resolved {
                ty: Ty::Val(Value::str("")),
                module: None,
                name: String::new(),
            },
            Step::ListLiteral => Resolved {
                ty: Ty::Val(Value::list(Vec::new())),
                module: None,
                name: String::new(),
            },
            Step::DictLiteral => Resolved {
                ty: Ty::Unknown,
                module: None,
                name: String::new(),
            },
            Step::Attr(a) => attr(&cur, a),
            Step::Call => Resolved {
                ty: call_result(&cur),
                module: None,
                name: String::new(),
            },
            Step::Index => Resolved {
                ty: match &cur.ty {
                    Ty::Array | Ty::Val(Value::Array(_)) => Ty::Array,
                    _ => Ty::Unknown,
                },
                module: None,
                name: String::new(),
            },
        };
        if matches!(cur.ty, Ty::Unknown) {
            return cur;
        }
    }
    cur
}

fn is_array(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Array | Ty::Val(Value::Array(_)) | Ty::Val(Value::Scalar(_))
    )
}

/// `Generator` or `numpy.random._generator.Generator`.
fn is_generator_type(name: &str) -> bool {
    name.rsplit('.').next() == Some("Generator")
}

fn is_generator(ty: &Ty) -> bool {
    match ty {
        Ty::Generator => true,
        Ty::Val(Value::Object(o)) => is_generator_type(&o.type_name()),
        _ => false,
    }
}

/// `base.name`, statically.
fn attr(base: &Resolved, name: &str) -> Resolved {
    let named = |ty: Ty, module: Option<String>| Resolved {
        ty,
        module,
        name: name.to_string(),
    };
    if let Ty::Val(Value::Module(m)) = &base.ty {
        return match m.attrs.borrow().get(name) {
            Some(v) => named(Ty::Val(v.clone()), Some(m.name.to_string())),
            None => Resolved::unknown(),
        };
    }
    if is_array(&base.ty) {
        return match name {
            "T" | "real" | "imag" | "mT" => named(Ty::Array, None),
            _ if crate::numpy::ndarray::METHODS
                .iter()
                .any(|(n, _)| *n == name) =>
            {
                named(Ty::Callable(Callee::ArrayMethod(name.to_string())), None)
            }
            _ => Resolved::unknown(),
        };
    }
    if is_generator(&base.ty) {
        return named(
            Ty::Callable(Callee::GeneratorMethod(name.to_string())),
            None,
        );
    }
    Resolved::unknown()
}

/// The static type of calling `f`.
fn call_result(f: &Resolved) -> Ty {
    match &f.ty {
        Ty::Val(Value::Builtin(b))
            if f.module.as_deref().is_some_and(|m| m.starts_with("numpy")) =>
        {
            if &*b.name == "default_rng" {
                Ty::Generator
            } else {
                Ty::Array
            }
        }
        Ty::Val(Value::Object(o)) if o.as_any().is::<UfuncObj>() => Ty::Array,
        Ty::Val(Value::Type(t)) if matches!(t.kind, crate::value::TypeKind::NumpyScalar(_)) => {
            Ty::Array
        }
        Ty::Callable(Callee::ArrayMethod(m)) if m != "tolist" && m != "item" => Ty::Array,
        Ty::Callable(Callee::GeneratorMethod(m)) if m != "bytes" => Ty::Array,
        _ => Ty::Unknown,
    }
}

/// Attribute names of a resolved value, for completion.
pub fn attr_names(r: &Resolved) -> Vec<String> {
    match &r.ty {
        Ty::Val(Value::Module(m)) => m.attrs.borrow().keys().map(|k| k.to_string()).collect(),
        Ty::Val(Value::Object(o)) => o.dir(),
        Ty::Val(v) => crate::interp::methods::attr_names(v),
        Ty::Array => crate::numpy::ndarray::attr_names(),
        Ty::Generator => super::signatures::generator_method_names(),
        _ => Vec::new(),
    }
}

/// What `r` is as a callee, for keyword completion and help.
pub fn callee(r: &Resolved) -> Option<Callee> {
    match &r.ty {
        Ty::Callable(c) => Some(c.clone()),
        Ty::Val(Value::Builtin(b)) => {
            if let Some(Value::Array(_) | Value::Scalar(_)) = &b.bound {
                return Some(Callee::ArrayMethod(b.name.to_string()));
            }
            if let Some(Value::Object(o)) = &b.bound {
                if is_generator_type(&o.type_name()) {
                    return Some(Callee::GeneratorMethod(b.name.to_string()));
                }
            }
            let module = r.module.clone().unwrap_or_else(|| "numpy".to_string());
            Some(Callee::ModuleFn {
                module,
                name: b.name.to_string(),
            })
        }
        Ty::Val(Value::Object(o)) => {
            let u = o.as_any().downcast_ref::<UfuncObj>()?;
            let nin = match u.kind {
                UfuncKind::Unary(_) | UfuncKind::UnaryTwo(..) => 1,
                UfuncKind::Binary(_) => 2,
            };
            Some(Callee::Ufunc {
                name: u.name.to_string(),
                nin,
            })
        }
        _ => None,
    }
}

/// The parameters of whatever `r` is (user functions included).
pub fn params(r: &Resolved) -> Vec<Param> {
    if let Ty::Val(Value::Function(f)) = &r.ty {
        let p = &f.def.params;
        let param = |p: &crate::syntax::ast::Param, positional: bool, keyword: bool| Param {
            name: p.name.to_string(),
            positional,
            keyword,
        };
        let mut out: Vec<Param> = p.posonly.iter().map(|q| param(q, true, false)).collect();
        out.extend(p.args.iter().map(|q| param(q, true, true)));
        out.extend(p.kwonly.iter().map(|q| param(q, false, true)));
        return out;
    }
    match callee(r).and_then(|c| super::signatures::describe(&c)) {
        Some((sig, _)) => super::signatures::params(&sig),
        None => Vec::new(),
    }
}
