//! Calling things: user functions (Python's argument binding rules and messages), native
//! builtins, classes (constructors) and native objects.

use std::rc::Rc;

use crate::errors::{type_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::eval::Env;
use crate::interp::exec::Flow;
use crate::interp::scope::Scope;
use crate::interp::{FrameInfo, Interp, RECURSION_LIMIT};
use crate::syntax::ast::{Arg, FunctionBody, Stmt, StmtKind};
use crate::syntax::span::Span;
use crate::value::{Function, Value};

impl Interp {
    /// Call any callable value.
    pub fn call_value(&mut self, callee: &Value, args: Args, span: Span) -> PyResult<Value> {
        match callee {
            Value::Function(f) => self.call_function(f, args, span),
            Value::Builtin(b) => {
                let mut args = args;
                if let Some(recv) = &b.bound {
                    args.pos.insert(0, recv.clone());
                }
                if let Some(data) = &b.data {
                    args.kw.push((Rc::from("__data__"), data.clone()));
                }

                let result = (b.func)(self, args);
                self.settle_interrupt(result)
            }
            Value::Type(t) => self.construct(t, args),
            Value::Object(o) => {
                let o = o.clone();
                o.call(self, args)
            }
            other => Err(type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    /// Call a Python function: bind arguments, run the body in a fresh scope.
    pub fn call_function(&mut self, f: &Rc<Function>, args: Args, span: Span) -> PyResult<Value> {
        if self.depth >= RECURSION_LIMIT {
            return Err(recursion_error());
        }
        let scope = self.fresh_scope(f);
        if let Err(e) = self.bind_arguments(f, args, &scope) {
            self.recycle_scope(scope);
            return Err(e);
        }
        self.run_call(f, scope, span)
    }

    /// `f(a, b)` where `f` takes exactly that many plain positional parameters
    /// (`f.plain_arity`) and every argument is positional (the caller checks both): the arguments are evaluated
    /// straight into the new scope, with no argument vector in between.
    pub fn call_plain(
        &mut self,
        f: &Rc<Function>,
        args: &[Arg],
        env: &Env,
        span: Span,
    ) -> PyResult<Value> {
        let scope = self.fresh_scope(f);
        let p = &f.def.params;
        let exprs = args.iter().filter_map(|a| match a {
            Arg::Positional(e) => Some(e),
            _ => None,
        });
        for (param, e) in p.posonly.iter().chain(p.args.iter()).zip(exprs) {
            match self.eval_operand(e, env) {
                // The scope is fresh (or recycled empty) and parameter names are distinct.
                Ok(v) => scope.vars.borrow_mut().push_unbound(param.name.clone(), v),
                Err(e) => {
                    self.recycle_scope(scope);
                    return Err(e);
                }
            }
        }
        if self.depth >= RECURSION_LIMIT {
            self.recycle_scope(scope);
            return Err(recursion_error());
        }
        self.run_call(f, scope, span)
    }

    /// Run the body of `f` in `scope`, its arguments bound.
    fn run_call(&mut self, f: &Rc<Function>, scope: Rc<Scope>, span: Span) -> PyResult<Value> {
        self.depth += 1;
        self.frames.push(FrameInfo {
            func_name: f.name.clone(),
            source_id: f.source_id,
            call_span: span,
            caller_source: self.current_source,
        });
        let saved_source = self.current_source;
        self.current_source = f.source_id;
        let env = Some(scope);
        let result = match &f.def.body {
            FunctionBody::Block(body) => self.run_body(body, &env),
            FunctionBody::Lambda(e) => self.eval(e, &env),
        };
        if let Some(scope) = env {
            self.recycle_scope(scope);
        }
        self.current_source = saved_source;
        if let Err(e) = &result {
            // Remember the innermost stack for the traceback (only the first time through).
            if self.last_traceback.len() < self.frames.len() && e.span.is_some() {
                self.last_traceback = self.frames.clone();
            }
        }
        self.frames.pop();
        self.depth -= 1;
        result
    }

    /// Run a function body: its value is what a `return` gives, else None. A `return expr`
    /// statement is evaluated here directly rather than wrapped into a `Flow` and unwrapped.
    fn run_body(&mut self, body: &[Stmt], env: &Env) -> PyResult<Value> {
        for s in body {
            if let StmtKind::Return(Some(e)) = &s.kind {
                return self.eval(e, env).map_err(|ex| ex.at(s.span));
            }
            match self.exec(s, env)? {
                Flow::Normal => {}
                Flow::Return(v) => return Ok(v),
                Flow::Break | Flow::Continue => return Ok(Value::None),
            }
        }
        Ok(Value::None)
    }

    /// A scope for a call of `f`: a recycled one when available, saving the two allocations
    /// (the `Rc` and the variable vector) that otherwise dominate a cheap call.
    fn fresh_scope(&mut self, f: &Function) -> Rc<Scope> {
        if let Some(mut rc) = self.scope_pool.pop() {
            if let Some(s) = Rc::get_mut(&mut rc) {
                s.names = f.locals.clone();
                s.parent = f.closure.clone();
                return rc;
            }
        }
        Scope::new(f.locals.clone(), f.closure.clone())
    }

    /// Return a finished call's scope to the pool, unless a closure still holds it.
    fn recycle_scope(&mut self, mut scope: Rc<Scope>) {
        const POOL_MAX: usize = 32;
        if self.scope_pool.len() >= POOL_MAX {
            return;
        }
        if let Some(s) = Rc::get_mut(&mut scope) {
            // Drop the locals now (Python frees them when the frame ends) and the reference
            // to the enclosing scope.
            s.vars.get_mut().clear();
            s.parent = None;
            self.scope_pool.push(scope);
        }
    }

    /// Python's argument binding, with CPython's error messages.
    fn bind_arguments(&mut self, f: &Function, args: Args, scope: &Rc<Scope>) -> PyResult<()> {
        let p = &f.def.params;
        let fname = &f.name;
        let npos = p.posonly.len() + p.args.len();
        if args.kw.is_empty()
            && args.pos.len() == npos
            && p.kwonly.is_empty()
            && p.vararg.is_none()
            && p.kwarg.is_none()
        {
            // The common call `f(a, b)` of `def f(x, y)`: every parameter given by position,
            // nothing to check or default, so skip the slot bookkeeping below.
            let mut vars = scope.vars.borrow_mut();
            let names = p.posonly.iter().chain(p.args.iter());
            // The scope is fresh (or recycled empty) and parameter names are distinct.
            for (param, v) in names.zip(args.pos) {
                vars.push_unbound(param.name.clone(), v);
            }
            return Ok(());
        }
        let positional = |i: usize| {
            if i < p.posonly.len() {
                &p.posonly[i]
            } else {
                &p.args[i - p.posonly.len()]
            }
        };
        let mut slots: Vec<Option<Value>> = Vec::with_capacity(npos);
        slots.resize_with(npos, || None);
        let mut vars = scope.vars.borrow_mut();
        let Args { pos, kw } = args;
        let given = pos.len();
        let mut extra = Vec::new();
        for (i, v) in pos.into_iter().enumerate() {
            if i < npos {
                slots[i] = Some(v);
            } else {
                extra.push(v);
            }
        }
        if !extra.is_empty() && p.vararg.is_none() {
            let ndefaults = f.defaults.len();
            let takes = if ndefaults > 0 {
                format!("from {} to {} positional arguments", npos - ndefaults, npos)
            } else {
                format!(
                    "{npos} positional argument{}",
                    if npos == 1 { "" } else { "s" }
                )
            };
            let kwonly_given = kw
                .iter()
                .filter(|(k, _)| p.kwonly.iter().any(|q| q.name == *k))
                .count();
            let extra_kw = if kwonly_given > 0 {
                format!(
                    " positional argument{} (and {} keyword-only argument{})",
                    if given == 1 { "" } else { "s" },
                    kwonly_given,
                    if kwonly_given == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            return Err(type_error(if extra_kw.is_empty() {
                format!(
                    "{fname}() takes {takes} but {given} {} given",
                    if given == 1 { "was" } else { "were" }
                )
            } else {
                format!("{fname}() takes {takes} but {given}{extra_kw} were given")
            }));
        }
        let mut kwargs = crate::value::Dict::default();
        let mut kwonly: Vec<Option<Value>> = vec![None; p.kwonly.len()];
        for (k, v) in kw {
            if let Some(i) = p.args.iter().position(|q| q.name == k) {
                let i = i + p.posonly.len();
                if slots[i].is_some() {
                    return Err(type_error(format!(
                        "{fname}() got multiple values for argument '{k}'"
                    )));
                }
                slots[i] = Some(v);
            } else if let Some(i) = p.kwonly.iter().position(|q| q.name == k) {
                kwonly[i] = Some(v);
            } else if p.kwarg.is_some() {
                kwargs.insert(Value::Str(k), v)?;
            } else if p.posonly.iter().any(|q| q.name == k) {
                return Err(type_error(format!(
                    "{fname}() got some positional-only arguments passed as keyword arguments: '{k}'"
                )));
            } else {
                return Err(type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
        // Defaults fill the trailing parameters.
        let first_default = npos - f.defaults.len();
        let mut missing = Vec::new();
        for (i, slot) in slots.iter_mut().enumerate() {
            if slot.is_none() {
                if i >= first_default {
                    *slot = Some(f.defaults[i - first_default].clone());
                } else {
                    missing.push(positional(i).name.to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{fname}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        let mut missing_kw = Vec::new();
        for (i, slot) in kwonly.iter_mut().enumerate() {
            if slot.is_none() {
                match f.kw_defaults.get(i).cloned().flatten() {
                    Some(d) => *slot = Some(d),
                    None => missing_kw.push(p.kwonly[i].name.to_string()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(type_error(format!(
                "{fname}() missing {} required keyword-only argument{}: {}",
                missing_kw.len(),
                if missing_kw.len() == 1 { "" } else { "s" },
                name_list(&missing_kw)
            )));
        }
        for (i, v) in slots.into_iter().enumerate() {
            if let Some(v) = v {
                vars.insert(positional(i).name.clone(), v);
            }
        }
        for (param, v) in p.kwonly.iter().zip(kwonly) {
            if let Some(v) = v {
                vars.insert(param.name.clone(), v);
            }
        }
        if let Some(va) = &p.vararg {
            vars.insert(va.name.clone(), Value::tuple(extra));
        }
        if let Some(ka) = &p.kwarg {
            vars.insert(
                ka.name.clone(),
                Value::Dict(Rc::new(std::cell::RefCell::new(kwargs))),
            );
        }
        Ok(())
    }
}

/// Python's error for a call beyond the recursion limit.
fn recursion_error() -> Exception {
    Exception::new(ExcType::RecursionError, "maximum recursion depth exceeded")
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` as CPython lists missing arguments.
fn name_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}
