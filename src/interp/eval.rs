//! Expression evaluation.
//!
//! `eval` attaches the span of the expression being evaluated to any exception coming out of
//! it that has none yet, so the innermost failing sub-expression is what diagnostics underline.

use std::rc::Rc;

use crate::errors::{ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::scope::{LocalNames, Scope, ScopeRef};
use crate::interp::Interp;
use crate::syntax::ast::{
    Arg, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprKind, FStringPart, FunctionDef, UnaryOp,
};
use crate::value::{Dict, Function, SliceObj, Value};

/// The scope code runs in: `None` at module level, else the innermost function/comprehension.
pub type Env = Option<ScopeRef>;

impl Interp {
    /// Evaluate an expression.
    pub fn eval(&mut self, e: &Expr, env: &Env) -> PyResult<Value> {
        self.eval_inner(e, env).map_err(|ex| ex.at(e.span))
    }

    fn eval_inner(&mut self, e: &Expr, env: &Env) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Name(n) => self.lookup(n, env),
            ExprKind::Constant(c) => Ok(constant_value(c)),
            ExprKind::BinOp { op, left, right } => {
                let a = self.eval_operand(left, env)?;
                let b = self.eval_operand(right, env)?;
                self.binop(*op, &a, &b)
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand, env)?;
                match op {
                    UnaryOp::Not => Ok(Value::Bool(!self.truthy(&v)?)),
                    _ => self.unaryop(*op, &v),
                }
            }
            ExprKind::Compare { left, ops } => {
                let mut a = self.eval_operand(left, env)?;
                let mut result = Value::Bool(true);
                for (i, (op, right)) in ops.iter().enumerate() {
                    let b = self.eval_operand(right, env)?;
                    result = self.compare(*op, &a, &b)?;
                    if i + 1 < ops.len() {
                        if !self.truthy(&result)? {
                            return Ok(result);
                        }
                        a = b;
                    }
                }
                Ok(result)
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (i, v) in values.iter().enumerate() {
                    last = self.eval(v, env)?;
                    if i + 1 == values.len() {
                        break;
                    }
                    let t = self.truthy(&last)?;
                    match op {
                        BoolOp::And if !t => return Ok(last),
                        BoolOp::Or if t => return Ok(last),
                        _ => {}
                    }
                }
                Ok(last)
            }
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(test, env)?;
                if self.truthy(&t)? {
                    self.eval(body, env)
                } else {
                    self.eval(orelse, env)
                }
            }
            ExprKind::Attribute {
                value,
                attr,
                attr_span,
            } => {
                let obj = self.eval(value, env)?;
                self.getattr(&obj, attr).map_err(|ex| ex.at(*attr_span))
            }
            ExprKind::Subscript { value, index } => {
                let obj = self.eval(value, env)?;
                let idx = self.eval_index(index, env)?;
                self.getitem(&obj, &idx)
            }
            ExprKind::Slice { .. } => self.eval_index(e, env),
            ExprKind::Call { func, args } => self.eval_call(func, args, env),
            ExprKind::List(items) => Ok(Value::list(self.eval_items(items, env)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_items(items, env)?)),
            ExprKind::Set(items) => {
                let vals = self.eval_items(items, env)?;
                let mut set = crate::value::Set::default();
                for v in vals {
                    set.insert(v)?;
                }
                Ok(Value::Set(Rc::new(std::cell::RefCell::new(set))))
            }
            ExprKind::Dict(entries) => {
                let mut d = Dict::default();
                for (k, v) in entries {
                    match k {
                        Some(k) => {
                            let kv = self.eval(k, env)?;
                            let vv = self.eval(v, env)?;
                            d.insert(kv, vv).map_err(|ex| ex.at(k.span))?;
                        }
                        None => {
                            let other = self.eval(v, env)?;
                            for (k, v) in self.dict_items(&other)? {
                                d.insert(k, v)?;
                            }
                        }
                    }
                }
                Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
            }
            ExprKind::Starred(_) => Err(Exception::new(
                ExcType::SyntaxError,
                "can't use starred expression here",
            )),
            ExprKind::FString(parts) => Ok(Value::Str(Rc::from(self.eval_fstring(parts, env)?))),
            ExprKind::Lambda(def) => self.make_function(def, env),
            ExprKind::ListComp { elt, generators } => {
                let mut out = Vec::new();
                self.run_comprehension(generators, env, &mut |interp, scope| {
                    out.push(interp.eval(elt, scope)?);
                    Ok(())
                })?;
                Ok(Value::list(out))
            }
            ExprKind::GeneratorExp { elt, generators } => {
                let mut out = Vec::new();
                self.run_comprehension(generators, env, &mut |interp, scope| {
                    out.push(interp.eval(elt, scope)?);
                    Ok(())
                })?;
                Ok(crate::interp::iter::iterator_over(out))
            }
            ExprKind::SetComp { elt, generators } => {
                let mut set = crate::value::Set::default();
                self.run_comprehension(generators, env, &mut |interp, scope| {
                    let v = interp.eval(elt, scope)?;
                    set.insert(v)
                })?;
                Ok(Value::Set(Rc::new(std::cell::RefCell::new(set))))
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                let mut d = Dict::default();
                self.run_comprehension(generators, env, &mut |interp, scope| {
                    let k = interp.eval(key, scope)?;
                    let v = interp.eval(value, scope)?;
                    d.insert(k, v)
                })?;
                Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
            }
            ExprKind::NamedExpr { target, value } => {
                let v = self.eval(value, env)?;
                self.store_name(target, v.clone(), env);
                Ok(v)
            }
        }
    }

    /// Evaluate an operand: names and literals directly, saving the recursive `eval` frame
    /// (whose error-span wrapping is reproduced here), anything else through `eval`.
    #[inline(always)]
    pub(crate) fn eval_operand(&mut self, e: &Expr, env: &Env) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Name(n) => self.lookup(n, env).map_err(|ex| ex.at(e.span)),
            ExprKind::Constant(c) => Ok(constant_value(c)),
            _ => self.eval(e, env),
        }
    }

    /// Evaluate display items, expanding `*xs`.
    pub fn eval_items(&mut self, items: &[Expr], env: &Env) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            if let ExprKind::Starred(inner) = &it.kind {
                let v = self.eval(inner, env)?;
                out.extend(self.iterate(&v).map_err(|ex| ex.at(inner.span))?);
            } else {
                out.push(self.eval(it, env)?);
            }
        }
        Ok(out)
    }

    /// Evaluate a subscript's index: slices become slice objects, tuples keep their items.
    pub fn eval_index(&mut self, e: &Expr, env: &Env) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                let mut part = |p: &Option<Box<Expr>>| -> PyResult<Value> {
                    match p {
                        Some(x) => self.eval(x, env),
                        None => Ok(Value::None),
                    }
                };
                let start = part(lower)?;
                let stop = part(upper)?;
                let step = part(step)?;
                Ok(Value::Slice(Rc::new(SliceObj { start, stop, step })))
            }
            ExprKind::Tuple(items) => {
                let mut vals = Vec::with_capacity(items.len());
                for it in items {
                    if let ExprKind::Starred(inner) = &it.kind {
                        let v = self.eval(inner, env)?;
                        vals.extend(self.iterate(&v)?);
                    } else {
                        vals.push(self.eval_index(it, env)?);
                    }
                }
                Ok(Value::tuple(vals))
            }
            _ => self.eval(e, env),
        }
    }

    /// Evaluate call arguments (expanding `*xs` and `**kw`).
    pub fn eval_args(&mut self, args: &[Arg], env: &Env) -> PyResult<Args> {
        let mut out = Args {
            pos: Vec::with_capacity(args.len()),
            kw: Vec::new(),
        };
        for a in args {
            match a {
                Arg::Positional(e) => out.pos.push(self.eval_operand(e, env)?),
                Arg::Starred(e) => {
                    let v = self.eval(e, env)?;
                    out.pos
                        .extend(self.iterate(&v).map_err(|ex| ex.at(e.span))?);
                }
                Arg::Keyword { name, value, span } => {
                    let v = self.eval(value, env)?;
                    if out.kw.iter().any(|(k, _)| k == name) {
                        return Err(Exception::new(
                            ExcType::SyntaxError,
                            format!("keyword argument repeated: {name}"),
                        )
                        .at(*span));
                    }
                    out.kw.push((name.clone(), v));
                }
                Arg::DoubleStarred(e) => {
                    let v = self.eval(e, env)?;
                    for (k, v) in self.dict_items(&v)? {
                        match k {
                            Value::Str(s) => out.kw.push((s, v)),
                            _ => {
                                return Err(Exception::new(
                                    ExcType::TypeError,
                                    "keywords must be strings",
                                ))
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// `func(args)`, with a fast path for method calls that avoids creating bound objects.
    fn eval_call(&mut self, func: &Expr, args: &[Arg], env: &Env) -> PyResult<Value> {
        self.check_interrupt()?;
        if let ExprKind::Attribute {
            value,
            attr,
            attr_span,
        } = &func.kind
        {
            let obj = self.eval(value, env)?;
            let callee = self.getattr(&obj, attr).map_err(|ex| ex.at(*attr_span))?;
            let a = self.eval_args(args, env)?;
            return self.call_value(&callee, a, func.span);
        }
        let callee = self.eval_operand(func, env)?;
        if let Value::Function(f) = &callee {
            if f.plain_arity == Some(args.len())
                && args.iter().all(|a| matches!(a, Arg::Positional(_)))
            {
                return self.call_plain(f, args, env, func.span);
            }
        }
        let a = self.eval_args(args, env)?;
        self.call_value(&callee, a, func.span)
    }

    /// Create a function object from a `def` or `lambda`, evaluating defaults now.
    pub fn make_function(&mut self, def: &Rc<FunctionDef>, env: &Env) -> PyResult<Value> {
        let p = &def.params;
        let mut defaults = Vec::new();
        for param in p.posonly.iter().chain(p.args.iter()) {
            if let Some(d) = &param.default {
                defaults.push(self.eval(d, env)?);
            }
        }
        let mut kw_defaults = Vec::new();
        for param in &p.kwonly {
            kw_defaults.push(match &param.default {
                Some(d) => Some(self.eval(d, env)?),
                None => None,
            });
        }
        let mut names: Vec<Rc<str>> = p
            .posonly
            .iter()
            .chain(&p.args)
            .chain(&p.kwonly)
            .map(|x| x.name.clone())
            .collect();
        if let Some(v) = &p.vararg {
            names.push(v.name.clone());
        }
        if let Some(k) = &p.kwarg {
            names.push(k.name.clone());
        }
        let locals = match &def.body {
            crate::syntax::ast::FunctionBody::Block(body) => LocalNames::of_function(&names, body),
            crate::syntax::ast::FunctionBody::Lambda(_) => LocalNames::of_function(&names, &[]),
        };
        Ok(Value::Function(Rc::new(Function {
            def: def.clone(),
            defaults,
            kw_defaults,
            closure: env.clone(),
            locals: Rc::new(locals),
            source_id: self.current_source,
            name: def.name.clone(),
            plain_arity: (p.kwonly.is_empty() && p.vararg.is_none() && p.kwarg.is_none())
                .then_some(p.posonly.len() + p.args.len()),
        })))
    }

    /// Run the `for`/`if` clauses of a comprehension in its own scope, calling `body` for each
    /// innermost iteration.
    fn run_comprehension(
        &mut self,
        gens: &[Comprehension],
        env: &Env,
        body: &mut dyn FnMut(&mut Interp, &Env) -> PyResult<()>,
    ) -> PyResult<()> {
        let mut names = LocalNames::of_comprehension(gens);
        names.is_comprehension = true;
        // The first iterable is evaluated in the enclosing scope, as Python does.
        let first = match gens.first() {
            Some(g) => self.eval(&g.iter, env)?,
            None => return Ok(()),
        };
        let scope = Scope::new(Rc::new(names), env.clone());
        let inner: Env = Some(scope);
        self.comprehension_level(gens, 0, Some(first), &inner, body)
    }

    fn comprehension_level(
        &mut self,
        gens: &[Comprehension],
        level: usize,
        first: Option<Value>,
        env: &Env,
        body: &mut dyn FnMut(&mut Interp, &Env) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(g) = gens.get(level) else {
            return body(self, env);
        };
        let iterable = match first {
            Some(v) => v,
            None => self.eval(&g.iter, env)?,
        };
        let mut it = self
            .value_iter(&iterable)
            .map_err(|ex| ex.at(g.iter.span))?;
        while let Some(item) = it.next_item(self)? {
            self.check_interrupt()?;
            self.assign_target(&g.target, item, env)?;
            let mut keep = true;
            for cond in &g.ifs {
                let c = self.eval(cond, env)?;
                if !self.truthy(&c)? {
                    keep = false;
                    break;
                }
            }
            if keep {
                self.comprehension_level(gens, level + 1, None, env, body)?;
            }
        }
        Ok(())
    }

    /// Build an f-string.
    fn eval_fstring(&mut self, parts: &[FStringPart], env: &Env) -> PyResult<String> {
        let mut s = String::new();
        for p in parts {
            match p {
                FStringPart::Literal(l) => s.push_str(l),
                FStringPart::Field {
                    expr,
                    conversion,
                    spec,
                    debug_text,
                } => {
                    let v = self.eval(expr, env)?;
                    let spec_text = self.eval_fstring(spec, env)?;
                    if let Some(t) = debug_text {
                        s.push_str(t);
                    }
                    let conv = match (conversion, debug_text) {
                        (Some(c), _) => Some(*c),
                        (None, Some(_)) if spec_text.is_empty() => Some('r'),
                        _ => None,
                    };
                    let text = self
                        .format_with(&v, conv, &spec_text)
                        .map_err(|ex| ex.at(expr.span))?;
                    s.push_str(&text);
                }
            }
        }
        Ok(s)
    }

    /// `format(v, spec)` after an optional `!r`/`!s`/`!a` conversion.
    pub fn format_with(&mut self, v: &Value, conv: Option<char>, spec: &str) -> PyResult<String> {
        let v = match conv {
            Some('r') | Some('a') => Value::Str(Rc::from(self.repr(v)?)),
            Some('s') => Value::Str(Rc::from(self.str_of(v)?)),
            _ => v.clone(),
        };
        self.format_value(&v, spec)
    }
}

/// The value of a literal.
pub fn constant_value(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::True => Value::Bool(true),
        Constant::False => Value::Bool(false),
        Constant::Ellipsis => Value::Ellipsis,
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(b) => Value::BigInt(b.clone()),
        Constant::Float(f) => Value::Float(*f),
        Constant::Imaginary(f) => Value::Complex(crate::array::buffer::C128::new(0.0, *f)),
        Constant::Str(s) => Value::Str(s.clone()),
        Constant::Bytes(b) => Value::Bytes(b.clone()),
    }
}

/// Compare-op helper used by `in` tests elsewhere.
pub fn is_membership(op: CmpOp) -> bool {
    matches!(op, CmpOp::In | CmpOp::NotIn)
}
