//! Assignment targets: names, unpacking (`a, *rest = xs`), subscripts (`x[i, :] = v`),
//! attributes, augmented assignment (in place for arrays and lists) and `del`.

use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::eval::Env;
use crate::interp::Interp;
use crate::syntax::ast::{BinOp, Expr, ExprKind};
use crate::value::Value;

impl Interp {
    /// Bind `v` to the target expression `t`.
    pub fn assign_target(&mut self, t: &Expr, v: Value, env: &Env) -> PyResult<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                self.store(n, v, env);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                self.unpack(items, v, env).map_err(|e| e.at(t.span))
            }
            ExprKind::Subscript { value, index } => {
                let obj = self.eval(value, env)?;
                let idx = self.eval_index(index, env)?;
                self.setitem(&obj, &idx, v).map_err(|e| e.at(t.span))
            }
            ExprKind::Attribute { value, attr, .. } => {
                let obj = self.eval(value, env)?;
                if let (ExprKind::Name(name), Value::Array(a), "shape") =
                    (&value.kind, &obj, &**attr)
                {
                    // `a.shape = s` reshapes in place in NumPy. Array headers are shared and
                    // immutable here, so the name is rebound to the no-copy view instead
                    // (other names bound to the same array keep the old shape).
                    let dims = crate::numpy::argparse::signed_shape(self, std::slice::from_ref(&v))
                        .map_err(|e| e.at(t.span))?;
                    let new = crate::array::layout::reshape_in_place(a, &dims)
                        .map_err(|e| e.at(t.span))?;
                    self.store(name, Value::Array(std::rc::Rc::new(new)), env);
                    return Ok(());
                }
                self.setattr(&obj, attr, v).map_err(|e| e.at(t.span))
            }
            ExprKind::Starred(_) => Err(Exception::new(
                ExcType::SyntaxError,
                "starred assignment target must be in a list or tuple",
            )),
            _ => Err(Exception::new(
                ExcType::SyntaxError,
                "cannot assign to expression",
            )),
        }
    }

    /// `a, *b, c = v`.
    fn unpack(&mut self, items: &[Expr], v: Value, env: &Env) -> PyResult<()> {
        let values = self.iterate(&v).map_err(|e| {
            if e.ty == ExcType::TypeError {
                type_error(format!(
                    "cannot unpack non-iterable {} object",
                    v.type_name()
                ))
            } else {
                e
            }
        })?;
        let star = items
            .iter()
            .position(|i| matches!(i.kind, ExprKind::Starred(_)));
        match star {
            None => {
                if values.len() != items.len() {
                    return Err(if values.len() > items.len() {
                        value_error(format!(
                            "too many values to unpack (expected {})",
                            items.len()
                        ))
                    } else {
                        value_error(format!(
                            "not enough values to unpack (expected {}, got {})",
                            items.len(),
                            values.len()
                        ))
                    });
                }
                for (t, x) in items.iter().zip(values) {
                    self.assign_target(t, x, env)?;
                }
            }
            Some(si) => {
                let after = items.len() - si - 1;
                if values.len() < items.len() - 1 {
                    return Err(value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        items.len() - 1,
                        values.len()
                    )));
                }
                let mut values = values;
                let tail = values.split_off(values.len() - after);
                let middle = values.split_off(si);
                for (t, x) in items[..si].iter().zip(values) {
                    self.assign_target(t, x, env)?;
                }
                if let ExprKind::Starred(inner) = &items[si].kind {
                    self.assign_target(inner, Value::list(middle), env)?;
                }
                for (t, x) in items[si + 1..].iter().zip(tail) {
                    self.assign_target(t, x, env)?;
                }
            }
        }
        Ok(())
    }

    /// `target op= value`: arrays and lists update in place, as Python's `__iadd__` does.
    pub fn aug_assign(
        &mut self,
        target: &Expr,
        op: BinOp,
        value: &Expr,
        env: &Env,
    ) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let cur = self.lookup(n, env).map_err(|e| e.at(target.span))?;
                let rhs = self.eval(value, env)?;
                let new = self.inplace_binop(op, &cur, &rhs)?;
                self.store(n, new, env);
                Ok(())
            }
            ExprKind::Subscript {
                value: obj_e,
                index,
            } => {
                let obj = self.eval(obj_e, env)?;
                let idx = self.eval_index(index, env)?;
                let cur = self.getitem(&obj, &idx).map_err(|e| e.at(target.span))?;
                let rhs = self.eval(value, env)?;
                let new = self.inplace_binop(op, &cur, &rhs)?;
                // A view of an array was updated in place; writing it back is then a no-op copy
                // NumPy also performs (`a[i] += 1` calls __setitem__ with the result).
                self.setitem(&obj, &idx, new).map_err(|e| e.at(target.span))
            }
            ExprKind::Attribute {
                value: obj_e, attr, ..
            } => {
                let obj = self.eval(obj_e, env)?;
                let cur = self.getattr(&obj, attr)?;
                let rhs = self.eval(value, env)?;
                let new = self.inplace_binop(op, &cur, &rhs)?;
                self.setattr(&obj, attr, new)
            }
            _ => Err(Exception::new(
                ExcType::SyntaxError,
                "'expression' is an illegal expression for augmented assignment",
            )),
        }
    }

    /// `del target`.
    pub fn delete_target(&mut self, t: &Expr, env: &Env) -> PyResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(&n.id, env),
            ExprKind::Subscript { value, index } => {
                let obj = self.eval(value, env)?;
                let idx = self.eval_index(index, env)?;
                self.delitem(&obj, &idx)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i, env)?;
                }
                Ok(())
            }
            _ => Err(Exception::new(
                ExcType::SyntaxError,
                "cannot delete expression",
            )),
        }
    }
}
