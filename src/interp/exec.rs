//! Statement execution and control flow.

use std::rc::Rc;

use crate::errors::{ExcType, Exception, PyResult};
use crate::interp::eval::Env;
use crate::interp::Interp;
use crate::syntax::ast::{ExceptHandler, ExprKind, Stmt, StmtKind};
use crate::value::{TypeKind, Value};

/// How a statement finished.
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

impl Interp {
    /// Run a block of statements.
    pub fn exec_block(&mut self, stmts: &[Stmt], env: &Env) -> PyResult<Flow> {
        for s in stmts {
            match self.exec(s, env)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Run one statement.
    pub fn exec(&mut self, s: &Stmt, env: &Env) -> PyResult<Flow> {
        self.exec_inner(s, env).map_err(|ex| ex.at(s.span))
    }

    fn exec_inner(&mut self, s: &Stmt, env: &Env) -> PyResult<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(e, env)?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value, env)?;
                for t in targets {
                    self.assign_target(t, v.clone(), env)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.aug_assign(target, *op, value, env)?
            }
            StmtKind::AnnAssign {
                target,
                annotation: _,
                value,
            } => {
                if let Some(v) = value {
                    let v = self.eval(v, env)?;
                    self.assign_target(target, v, env)?;
                }
            }
            StmtKind::Import { names } => {
                for alias in names {
                    let dotted: Vec<&str> = alias.path.iter().map(|p| &**p).collect();
                    let full = dotted.join(".");
                    let module = self.import_module(&full).map_err(|e| e.at(alias.span))?;
                    match &alias.alias {
                        Some(a) => self.store_name(a, module, env),
                        None => {
                            let top = self.import_module(dotted.first().copied().unwrap_or(""))?;
                            if let Some(first) = alias.path.first() {
                                self.store_name(first, top, env);
                            }
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                star,
            } => {
                let m = self.import_module(module)?;
                if *star {
                    if let Value::Module(md) = &m {
                        let attrs: Vec<(Rc<str>, Value)> = md
                            .attrs
                            .borrow()
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        for (k, v) in attrs {
                            if !k.starts_with('_') {
                                self.store_name(&k, v, env);
                            }
                        }
                    }
                }
                for alias in names {
                    let Some(name) = alias.path.last() else {
                        continue;
                    };
                    let v = match self.getattr(&m, name) {
                        Ok(v) => v,
                        Err(_) => match self.import_module(&format!("{module}.{name}")) {
                            Ok(v) => v,
                            Err(_) => {
                                return Err(Exception::new(
                                    ExcType::ImportError,
                                    format!("cannot import name '{name}' from '{module}'"),
                                )
                                .at(alias.span))
                            }
                        },
                    };
                    let bind = alias.alias.as_ref().unwrap_or(name);
                    self.store_name(bind, v, env);
                }
            }
            StmtKind::FunctionDef(def) => {
                let mut f = self.make_function(def, env)?;
                for dec in def.decorators.iter().rev() {
                    let d = self.eval(dec, env)?;
                    f = self.call_value(&d, crate::interp::args::Args::new(vec![f]), dec.span)?;
                }
                self.store_name(&def.name, f, env);
            }
            StmtKind::ClassDef { .. } => {
                return Err(Exception::new(
                    ExcType::NotImplementedError,
                    "class definitions are not supported in numpyx",
                ));
            }
            StmtKind::Return(v) => {
                let v = match v {
                    Some(e) => self.eval(e, env)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::If { test, body, orelse } => {
                let t = self.eval(test, env)?;
                let branch = if self.truthy(&t).map_err(|e| e.at(test.span))? {
                    body
                } else {
                    orelse
                };
                return self.exec_block(branch, env);
            }
            StmtKind::While { test, body, orelse } => loop {
                self.check_interrupt()?;
                let t = self.eval(test, env)?;
                if !self.truthy(&t).map_err(|e| e.at(test.span))? {
                    return self.exec_block(orelse, env);
                }
                match self.exec_block(body, env)? {
                    Flow::Break => break,
                    Flow::Return(v) => return Ok(Flow::Return(v)),
                    _ => {}
                }
            },
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let iterable = self.eval(iter, env)?;
                let mut it = self.value_iter(&iterable).map_err(|e| e.at(iter.span))?;
                let simple_name = match &target.kind {
                    ExprKind::Name(n) => Some(n),
                    _ => None,
                };
                loop {
                    self.check_interrupt()?;
                    let Some(item) = it.next_item(self)? else {
                        return self.exec_block(orelse, env);
                    };
                    match &simple_name {
                        Some(n) => self.store(n, item, env),
                        None => self.assign_target(target, item, env)?,
                    }
                    match self.exec_block(body, env)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass => {}
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t, env)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let t = self.eval(test, env)?;
                if !self.truthy(&t)? {
                    let m = match msg {
                        Some(m) => {
                            let v = self.eval(m, env)?;
                            self.str_of(&v)?
                        }
                        None => String::new(),
                    };
                    return Err(Exception::new(ExcType::AssertionError, m));
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Raise { exc, cause: _ } => {
                let Some(e) = exc else {
                    return Err(self.handling.last().cloned().unwrap_or_else(|| {
                        Exception::new(ExcType::RuntimeError, "No active exception to reraise")
                    }));
                };
                let v = self.eval(e, env)?;
                return Err(self.exception_from_value(v)?);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                let result = self.exec_try(body, handlers, orelse, env);
                if !finalbody.is_empty() {
                    match self.exec_block(finalbody, env)? {
                        Flow::Normal => {}
                        other => return Ok(other),
                    }
                }
                return result;
            }
            StmtKind::With { items, body } => {
                // Native context managers (np.errstate, np.printoptions) get enter/exit calls;
                // other values are bound as they are.
                let mut entered: Vec<Rc<dyn crate::value::Object>> = Vec::new();
                let mut result = Ok(Flow::Normal);
                for it in items {
                    let v = match self.eval(&it.context, env) {
                        Ok(v) => v,
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    };
                    let bound = match &v {
                        Value::Object(o) => {
                            let o = o.clone();
                            match o.enter(&v, self) {
                                Ok(b) => {
                                    entered.push(o);
                                    b
                                }
                                Err(e) => {
                                    result = Err(e);
                                    break;
                                }
                            }
                        }
                        _ => v,
                    };
                    if let Some(t) = &it.target {
                        if let Err(e) = self.assign_target(t, bound, env) {
                            result = Err(e);
                            break;
                        }
                    }
                }
                if result.is_ok() {
                    result = self.exec_block(body, env);
                }
                for o in entered.into_iter().rev() {
                    let r = o.exit(self);
                    if result.is_ok() {
                        r?;
                    }
                }
                return result;
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_try(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        env: &Env,
    ) -> PyResult<Flow> {
        match self.exec_block(body, env) {
            Ok(Flow::Normal) => self.exec_block(orelse, env),
            Ok(other) => Ok(other),
            Err(err) => {
                if err.ty == ExcType::RecursionError
                    && self.depth > crate::interp::RECURSION_LIMIT - 50
                {
                    // Let deep recursion unwind further before handling, to keep stack headroom.
                }
                for h in handlers {
                    let matches = match &h.type_ {
                        None => true,
                        Some(t) => {
                            let tv = self.eval(t, env)?;
                            self.exception_matches(&err, &tv)
                        }
                    };
                    if matches {
                        if let Some(n) = &h.name {
                            self.store_name(n, Value::Exception(Rc::new(err.clone())), env);
                        }
                        self.handling.push(err);
                        let r = self.exec_block(&h.body, env);
                        self.handling.pop();
                        return r;
                    }
                }
                Err(err)
            }
        }
    }

    /// Whether `err` is an instance of the class (or tuple of classes) `t`.
    fn exception_matches(&self, err: &Exception, t: &Value) -> bool {
        match t {
            Value::Type(ty) => match ty.kind {
                TypeKind::Exception(c) => err.ty.is_subclass_of(c),
                _ => false,
            },
            Value::Tuple(items) => items.iter().any(|i| self.exception_matches(err, i)),
            _ => false,
        }
    }

    /// The exception a `raise` statement raises: a class (instantiated bare) or an instance.
    fn exception_from_value(&mut self, v: Value) -> PyResult<Exception> {
        match v {
            Value::Exception(e) => {
                let mut e = (*e).clone();
                e.span = None;
                Ok(e)
            }
            Value::Type(t) => match t.kind {
                TypeKind::Exception(c) => Ok(Exception::new(c, "")),
                _ => Err(Exception::new(
                    ExcType::TypeError,
                    "exceptions must derive from BaseException",
                )),
            },
            _ => Err(Exception::new(
                ExcType::TypeError,
                "exceptions must derive from BaseException",
            )),
        }
    }
}
