//! Source text → AST: the pest grammar (`grammar/numpyx.pest`), a lexical pre-pass, builders
//! from pest pairs to the nodes of `ast`, and CPython-compatible syntax errors.
//!
//! Entry points: [`parse_module`], [`parse_expression`], and [`input_status`] for the REPL.

pub mod ast;
pub mod span;

mod build_expr;
mod build_stmt;
mod checks;
mod diagnose;
mod errors;
mod fstring;
mod lexprep;
mod literals;
mod parser;
mod targets;

#[cfg(test)]
mod tests;

pub use build_expr::MAX_EXPR_DEPTH;
pub use errors::{ParseError, ParseErrorKind};
pub use parser::{input_status, parse_expression, parse_module, InputStatus};

thread_local! {
    static INTERNED: std::cell::RefCell<std::collections::HashSet<std::rc::Rc<str>>> =
        std::cell::RefCell::new(std::collections::HashSet::new());
}

/// The shared `Rc<str>` for an identifier: every occurrence of a name in parsed code is the same
/// allocation, so the interpreter's name lookups compare pointers before contents.
pub fn intern(s: &str) -> std::rc::Rc<str> {
    INTERNED.with(|set| {
        let mut set = set.borrow_mut();
        if let Some(r) = set.get(s) {
            return r.clone();
        }
        let r: std::rc::Rc<str> = std::rc::Rc::from(s);
        set.insert(r.clone());
        r
    })
}
