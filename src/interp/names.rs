//! Variables at run time: loading, storing and deleting names in Python's scopes (the function
//! or comprehension scope, enclosing function scopes, module globals, builtins).
//!
//! Every occurrence of a name in the code (an [`Ident`]) carries a small cache, one `u32`:
//! the top bits record which kind of name it is in the scope it occurs in — local, declared
//! `global`, declared `nonlocal`, or free — which is a static property of where it occurs
//! (Python fixes it at compile time), so it is worked out once instead of hashing the name
//! against the scope's name sets on every access. The low bits record the position the name was
//! last found at in the storage it lives in (the scope's variables or the globals map).
//! A position is re-validated on every use by comparing the interned name pointer, so a stale
//! one only costs the ordinary search; nothing has to invalidate it.

use std::cell::Cell;
use std::rc::Rc;

use crate::errors::{name_error, ExcType, Exception, PyResult};
use crate::interp::eval::Env;
use crate::interp::scope::Scope;
use crate::interp::Interp;
use crate::syntax::ast::Ident;
use crate::value::Value;

/// Bits of the cache holding the position.
const POS_BITS: u32 = 29;
const POS_MASK: u32 = (1 << POS_BITS) - 1;

/// Kinds of a name inside a function or comprehension scope (0 = not yet worked out).
const UNRESOLVED: u32 = 0;
/// Bound in the scope (parameters, assignment targets, …).
const LOCAL: u32 = 1;
/// Declared `global`.
const GLOBAL: u32 = 2;
/// Declared `nonlocal`.
const NONLOCAL: u32 = 3;
/// Neither: found in an enclosing scope, the globals or the builtins.
const FREE: u32 = 4;

/// The position part of a cache.
#[inline]
fn cached_pos(cache: &Cell<u32>) -> usize {
    (cache.get() & POS_MASK) as usize
}

/// Record `pos` in a cache, keeping its kind (positions too large to record are not cached).
#[inline]
fn set_pos(cache: &Cell<u32>, pos: usize) {
    if pos <= POS_MASK as usize {
        cache.set((cache.get() & !POS_MASK) | pos as u32);
    }
}

/// The kind of `name` in `scope`, worked out on first use and then read from the cache.
#[inline]
fn kind_in(scope: &Scope, name: &Rc<str>, cache: &Cell<u32>) -> u32 {
    let k = cache.get() >> POS_BITS;
    if k != UNRESOLVED {
        return k;
    }
    let names = &scope.names;
    let k = if names.globals.contains(name) {
        GLOBAL
    } else if names.nonlocals.contains(name) {
        NONLOCAL
    } else if names.locals.contains(name) {
        LOCAL
    } else {
        FREE
    };
    cache.set(k << POS_BITS);
    k
}

impl Interp {
    /// Load the variable named by `id`.
    #[inline]
    pub fn lookup(&mut self, id: &Ident, env: &Env) -> PyResult<Value> {
        self.lookup_cached(&id.id, &id.cache, env)
    }

    /// Load a variable by name (for names that are not occurrences in the code).
    pub fn lookup_name(&mut self, name: &Rc<str>, env: &Env) -> PyResult<Value> {
        self.lookup_cached(name, &Cell::new(0), env)
    }

    /// Python's lookup: the local scope, enclosing function scopes, globals, builtins.
    fn lookup_cached(&mut self, name: &Rc<str>, cache: &Cell<u32>, env: &Env) -> PyResult<Value> {
        let Some(scope) = env else {
            return self.load_global(name, cache);
        };
        match kind_in(scope, name, cache) {
            LOCAL => {
                let mut pos = cached_pos(cache);
                if let Some(v) = scope.vars.borrow().get_hinted(name, &mut pos) {
                    set_pos(cache, pos);
                    return Ok(v.clone());
                }
                if !scope.names.is_comprehension {
                    return Err(Exception::new(
                        ExcType::UnboundLocalError,
                        format!("cannot access local variable '{name}' where it is not associated with a value"),
                    ));
                }
                // An unbound comprehension variable falls through to the enclosing scopes
                // (the position part of the cache belongs to the scope's own variables).
                if let Some(v) = self.load_enclosing(scope, name) {
                    return Ok(v);
                }
                return self.load_global(name, &Cell::new(0));
            }
            GLOBAL => return self.load_global(name, cache),
            _ => {
                // Names the static analysis does not list as locals can still be bound here
                // (a walrus inside a condition), and such a binding wins, as it always has.
                if let Some(v) = scope.vars.borrow().get(name) {
                    return Ok(v.clone());
                }
                if let Some(v) = self.load_enclosing(scope, name) {
                    return Ok(v);
                }
            }
        }
        self.load_global(name, cache)
    }

    /// The binding of `name` in the scopes enclosing `scope`, innermost first.
    fn load_enclosing(&self, scope: &Scope, name: &Rc<str>) -> Option<Value> {
        let mut p = scope.parent.as_ref();
        while let Some(s) = p {
            if let Some(v) = s.vars.borrow().get(name) {
                return Some(v.clone());
            }
            p = s.parent.as_ref();
        }
        None
    }

    /// A module global, else a builtin, else NameError.
    #[inline]
    fn load_global(&mut self, name: &Rc<str>, cache: &Cell<u32>) -> PyResult<Value> {
        {
            let globals = self.globals.borrow();
            if let Some((k, v)) = globals.get_index(cached_pos(cache)) {
                if Rc::ptr_eq(k, name) {
                    return Ok(v.clone());
                }
            }
            if let Some((i, _, v)) = globals.get_full(name) {
                set_pos(cache, i);
                return Ok(v.clone());
            }
        }
        if let Some(v) = self.builtin(name) {
            return Ok(v);
        }
        Err(self.name_error(name))
    }

    /// NameError with a "did you mean" hint computed from the names in scope.
    fn name_error(&self, name: &str) -> Exception {
        let mut e = name_error(format!("name '{name}' is not defined"));
        let candidates: Vec<String> = self
            .globals
            .borrow()
            .keys()
            .map(|k| k.to_string())
            .collect();
        if let Some(best) =
            crate::interp::attrs::closest(name, candidates.iter().map(|s| s.as_str()))
        {
            // Python shows the hint in the traceback, not in str(exc).
            e.notes.push(format!("Did you mean: '{best}'?"));
        }
        e
    }

    /// Bind the variable named by `id` in the scope it resolves to.
    #[inline]
    pub fn store(&mut self, id: &Ident, v: Value, env: &Env) {
        self.store_cached(&id.id, &id.cache, v, env)
    }

    /// Bind a variable by name (for names that are not occurrences in the code: `def` and
    /// `import` names, `except … as` names).
    pub fn store_name(&mut self, name: &Rc<str>, v: Value, env: &Env) {
        self.store_cached(name, &Cell::new(0), v, env)
    }

    fn store_cached(&mut self, name: &Rc<str>, cache: &Cell<u32>, v: Value, env: &Env) {
        let Some(scope) = env else {
            self.store_global(name, cache, v);
            return;
        };
        match kind_in(scope, name, cache) {
            GLOBAL => {
                self.store_global(name, cache, v);
                return;
            }
            NONLOCAL => {
                let mut p = scope.parent.as_ref();
                while let Some(s) = p {
                    if s.names.locals.contains(name) || s.vars.borrow().contains_key(name) {
                        s.vars.borrow_mut().insert(name.clone(), v);
                        return;
                    }
                    p = s.parent.as_ref();
                }
            }
            _ => {}
        }
        let mut pos = cached_pos(cache);
        scope.vars.borrow_mut().insert_hinted(name, v, &mut pos);
        set_pos(cache, pos);
    }

    /// Bind a module global, replacing an existing binding in place (a loop variable, an
    /// accumulator) without touching the key.
    #[inline]
    fn store_global(&mut self, name: &Rc<str>, cache: &Cell<u32>, v: Value) {
        let mut globals = self.globals.borrow_mut();
        if let Some((k, slot)) = globals.get_index_mut(cached_pos(cache)) {
            if Rc::ptr_eq(k, name) {
                *slot = v;
                return;
            }
        }
        match globals.get_full_mut(name) {
            Some((i, _, slot)) => {
                *slot = v;
                set_pos(cache, i);
            }
            None => {
                let (i, _) = globals.insert_full(name.clone(), v);
                set_pos(cache, i);
            }
        }
    }

    /// Remove a binding (`del x`).
    pub fn delete_name(&mut self, name: &Rc<str>, env: &Env) -> PyResult<()> {
        let removed = match env {
            Some(scope) if !scope.names.globals.contains(name) => {
                scope.vars.borrow_mut().remove(name).is_some()
            }
            // Python's globals dict keeps the order of the remaining names.
            _ => self.globals.borrow_mut().shift_remove(name).is_some(),
        };
        if removed {
            Ok(())
        } else {
            Err(name_error(format!("name '{name}' is not defined")))
        }
    }
}
