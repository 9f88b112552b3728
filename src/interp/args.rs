//! Call arguments and their binding to native parameter lists, with Python's error messages.

use std::rc::Rc;

use crate::errors::{type_error, PyResult};
use crate::value::Value;

/// The evaluated arguments of a call: positionals then keywords, in source order.
#[derive(Default, Clone)]
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
    /// Positional-only arguments.
    pub fn new(pos: Vec<Value>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
        }
    }

    /// Bind to `params` (names in order; a `"*"` entry starts keyword-only parameters) for the
    /// function `fname`; the first `required` parameters must be given. Errors are Python's:
    /// unexpected keyword, given twice, too many positionals, missing required.
    pub fn bind(
        self,
        fname: &str,
        params: &[&str],
        required: usize,
    ) -> PyResult<Vec<Option<Value>>> {
        let star = params.iter().position(|p| *p == "*");
        let positional_max = star.unwrap_or(params.len());
        let names: Vec<&str> = params.iter().filter(|p| **p != "*").copied().collect();
        let mut slots: Vec<Option<Value>> = vec![None; names.len()];
        if self.pos.len() > positional_max {
            return Err(type_error(if positional_max == 0 {
                format!("{fname}() takes no positional arguments")
            } else if required >= positional_max {
                let given = self.pos.len();
                format!(
                    "{fname}() takes {positional_max} positional argument{} but {given} {} given",
                    if positional_max == 1 { "" } else { "s" },
                    if given == 1 { "was" } else { "were" }
                )
            } else {
                format!(
                    "{fname}() takes from {} to {positional_max} positional arguments but {} were given",
                    required.min(positional_max),
                    self.pos.len()
                )
            }));
        }
        for (i, v) in self.pos.into_iter().enumerate() {
            slots[i] = Some(v);
        }
        for (k, v) in self.kw {
            let Some(i) = names.iter().position(|n| **n == *k) else {
                return Err(type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )));
            };
            if slots[i].is_some() {
                return Err(type_error(format!(
                    "argument for {fname}() given by name ('{k}') and position (position {i})"
                )));
            }
            slots[i] = Some(v);
        }
        for (i, name) in names.iter().enumerate().take(required) {
            if slots[i].is_none() {
                return Err(type_error(format!(
                    "{fname}() missing required argument '{name}' (pos {})",
                    i + 1
                )));
            }
        }
        Ok(slots)
    }

    /// Exactly `n` positional arguments and no keywords (for simple builtins).
    pub fn exact(self, fname: &str, n: usize) -> PyResult<Vec<Value>> {
        if let Some((k, _)) = self.kw.first() {
            return Err(type_error(format!("{fname}() takes no keyword arguments"))
                .with_note(k.to_string()));
        }
        if self.pos.len() != n {
            return Err(type_error(match n {
                0 => format!("{fname}() takes no arguments ({} given)", self.pos.len()),
                1 => format!(
                    "{fname}() takes exactly one argument ({} given)",
                    self.pos.len()
                ),
                _ => format!("{fname} expected {n} arguments, got {}", self.pos.len()),
            }));
        }
        Ok(self.pos)
    }

    /// Remove and return keyword `name` if present.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| &**k == name)?;
        Some(self.kw.remove(i).1)
    }

    /// The receiver of a bound method call (the first positional).
    pub fn take_self(&mut self) -> Value {
        if self.pos.is_empty() {
            Value::None
        } else {
            self.pos.remove(0)
        }
    }

    /// Error if any keyword is left (after a native function took the ones it knows).
    pub fn no_kwargs(&self, fname: &str) -> PyResult<()> {
        match self.kw.first() {
            Some((k, _)) => Err(type_error(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            ))),
            None => Ok(()),
        }
    }
}
