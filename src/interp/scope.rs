//! Python's scoping: which names a function assigns (its locals), `global`/`nonlocal`
//! declarations, and the runtime scopes closures keep alive.
//!
//! Each call gets a [`Scope`] whose variables live in a map shared by `Rc`, so an inner function
//! (a closure) that captured the scope sees later assignments, as Python's cells do.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashSet;

use crate::syntax::ast::{Comprehension, Expr, ExprKind, FStringPart, Stmt, StmtKind};
use crate::value::Value;

/// A small insertion-ordered map from names to values: function scopes hold a handful of
/// locals, for which a linear scan (pointer comparison first — identifiers are interned by the
/// parser) beats hashing, and creating one costs a single small allocation.
#[derive(Default)]
pub struct VarMap {
    entries: Vec<(Rc<str>, Value)>,
}

impl VarMap {
    /// An empty map with room for `n` names.
    pub fn with_capacity(n: usize) -> VarMap {
        VarMap {
            entries: Vec::with_capacity(n),
        }
    }

    fn position(&self, name: &Rc<str>) -> Option<usize> {
        if let Some(i) = self.entries.iter().position(|(k, _)| Rc::ptr_eq(k, name)) {
            return Some(i);
        }
        self.entries.iter().position(|(k, _)| **k == **name)
    }

    /// The value bound to `name`.
    pub fn get(&self, name: &Rc<str>) -> Option<&Value> {
        self.position(name).map(|i| &self.entries[i].1)
    }

    /// The value bound to `name`, trying position `*hint` first and updating it on a miss (the
    /// position a name occurrence found last time is almost always where it is now).
    #[inline]
    pub fn get_hinted(&self, name: &Rc<str>, hint: &mut usize) -> Option<&Value> {
        if let Some((k, v)) = self.entries.get(*hint) {
            if Rc::ptr_eq(k, name) {
                return Some(v);
            }
        }
        let i = self.position(name)?;
        *hint = i;
        Some(&self.entries[i].1)
    }

    /// Bind `name`, trying position `*hint` first and recording where the binding went.
    #[inline]
    pub fn insert_hinted(&mut self, name: &Rc<str>, v: Value, hint: &mut usize) {
        if let Some((k, slot)) = self.entries.get_mut(*hint) {
            if Rc::ptr_eq(k, name) {
                *slot = v;
                return;
            }
        }
        match self.position(name) {
            Some(i) => {
                self.entries[i].1 = v;
                *hint = i;
            }
            None => {
                *hint = self.entries.len();
                self.entries.push((name.clone(), v));
            }
        }
    }

    /// Whether `name` is bound.
    pub fn contains_key(&self, name: &Rc<str>) -> bool {
        self.position(name).is_some()
    }

    /// Bind `name` (replacing an earlier binding).
    pub fn insert(&mut self, name: Rc<str>, v: Value) {
        match self.position(&name) {
            Some(i) => self.entries[i].1 = v,
            None => self.entries.push((name, v)),
        }
    }

    /// Bind `name`, which the caller knows is not bound yet (a call's distinct parameters):
    /// no search.
    pub fn push_unbound(&mut self, name: Rc<str>, v: Value) {
        self.entries.push((name, v));
    }

    /// Unbind every name (keeping the storage for reuse).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Unbind `name`, returning its value.
    pub fn remove(&mut self, name: &Rc<str>) -> Option<Value> {
        let i = self.position(name)?;
        Some(self.entries.remove(i).1)
    }

    /// All bindings in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &(Rc<str>, Value)> {
        self.entries.iter()
    }
}

/// A runtime scope of a function call (or a comprehension).
pub struct Scope {
    pub vars: RefCell<VarMap>,
    /// The enclosing function's scope, for free variables of closures.
    pub parent: Option<ScopeRef>,
    /// What this scope's code assigns and declares.
    pub names: Rc<LocalNames>,
}

/// Shared handle to a scope.
pub type ScopeRef = Rc<Scope>;

/// The static name analysis of one function body.
#[derive(Default, Debug)]
pub struct LocalNames {
    /// Names bound in the body (assignment targets, for targets, def names, imports, params).
    pub locals: FxHashSet<Rc<str>>,
    /// `global` declarations.
    pub globals: FxHashSet<Rc<str>>,
    /// `nonlocal` declarations.
    pub nonlocals: FxHashSet<Rc<str>>,
    /// True for a comprehension's scope: unbound names there fall through to enclosing scopes.
    pub is_comprehension: bool,
}

impl Scope {
    /// A new empty scope.
    pub fn new(names: Rc<LocalNames>, parent: Option<ScopeRef>) -> ScopeRef {
        Rc::new(Scope {
            vars: RefCell::new(VarMap::with_capacity(names.locals.len())),
            parent,
            names,
        })
    }
}

impl LocalNames {
    /// Analyse a function: `params` plus everything the body binds.
    pub fn of_function(params: &[Rc<str>], body: &[Stmt]) -> LocalNames {
        let mut n = LocalNames::default();
        for p in params {
            n.locals.insert(p.clone());
        }
        for s in body {
            n.visit_stmt(s);
        }
        for g in n.globals.iter().chain(n.nonlocals.iter()) {
            n.locals.remove(g);
        }
        n
    }

    /// Analyse a comprehension: its `for` targets are its locals.
    pub fn of_comprehension(gens: &[Comprehension]) -> LocalNames {
        let mut n = LocalNames::default();
        for g in gens {
            n.bind_target(&g.target);
        }
        n
    }

    fn visit_stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Assign { targets, value } => {
                for t in targets {
                    self.bind_target(t);
                }
                self.visit_expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.bind_target(target);
                self.visit_expr(value);
            }
            StmtKind::AnnAssign { target, value, .. } if value.is_some() => {
                self.bind_target(target);
            }
            StmtKind::Import { names } => {
                for a in names {
                    let name = a.alias.clone().or_else(|| a.path.first().cloned());
                    if let Some(n) = name {
                        self.locals.insert(n);
                    }
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if let Some(n) = a.alias.clone().or_else(|| a.path.last().cloned()) {
                        self.locals.insert(n);
                    }
                }
            }
            StmtKind::FunctionDef(def) => {
                self.locals.insert(def.name.clone());
            }
            StmtKind::ClassDef { name, .. } => {
                self.locals.insert(name.clone());
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                self.visit_block(body);
                self.visit_block(orelse);
            }
            StmtKind::For {
                target,
                body,
                orelse,
                ..
            } => {
                self.bind_target(target);
                self.visit_block(body);
                self.visit_block(orelse);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.bind_target(t);
                }
            }
            StmtKind::Global(names) => self.globals.extend(names.iter().cloned()),
            StmtKind::Nonlocal(names) => self.nonlocals.extend(names.iter().cloned()),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.visit_block(body);
                for h in handlers {
                    if let Some(n) = &h.name {
                        self.locals.insert(n.clone());
                    }
                    self.visit_block(&h.body);
                }
                self.visit_block(orelse);
                self.visit_block(finalbody);
            }
            StmtKind::With { items, body } => {
                for it in items {
                    if let Some(t) = &it.target {
                        self.bind_target(t);
                    }
                }
                self.visit_block(body);
            }
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => self.visit_expr(e),
            _ => {}
        }
    }

    fn visit_block(&mut self, b: &[Stmt]) {
        for s in b {
            self.visit_stmt(s);
        }
    }

    /// Walrus targets bind in the enclosing function.
    fn visit_expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.locals.insert(target.clone());
                self.visit_expr(value);
            }
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left);
                self.visit_expr(right);
            }
            ExprKind::Call { func, args } => {
                self.visit_expr(func);
                for a in args {
                    if let crate::syntax::ast::Arg::Positional(x) = a {
                        self.visit_expr(x);
                    }
                }
            }
            ExprKind::Compare { left, ops } => {
                self.visit_expr(left);
                for (_, x) in ops {
                    self.visit_expr(x);
                }
            }
            ExprKind::BoolOp { values, .. } | ExprKind::Tuple(values) | ExprKind::List(values) => {
                for v in values {
                    self.visit_expr(v);
                }
            }
            ExprKind::FString(parts) => {
                for p in parts {
                    if let FStringPart::Field { expr, .. } = p {
                        self.visit_expr(expr);
                    }
                }
            }
            _ => {}
        }
    }

    /// Record the names bound by an assignment target.
    pub fn bind_target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => {
                self.locals.insert(n.id.clone());
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.bind_target(i);
                }
            }
            ExprKind::Starred(inner) => self.bind_target(inner),
            _ => {}
        }
    }
}
