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
