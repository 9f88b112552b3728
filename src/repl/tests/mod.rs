//! Unit tests of the REPL pieces that need no terminal (the pseudo-terminal tests drive the
//! real binary: tests/repl_pty.rs).

mod complete;
mod examples;
mod pieces;
