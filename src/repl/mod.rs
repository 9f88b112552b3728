//! The interactive prompt.
//!
//! - editor.rs / helper.rs: rustyline set up with completion (completer.rs, over resolve.rs and
//!   signatures.rs), highlighting (highlighter.rs, over tokens.rs), a parser-driven validator
//!   (validator.rs) and history hints; persistent history (history.rs); pasted prompts
//!   stripped (paste.rs).
//! - state.rs: one complete input → a magic (magics/), a help request (help.rs, examples.rs) or
//!   code, whose values are shown with NumPy's repr and a dim info line (display.rs).
//!
//! Multi-line input is decided by the parser: a line that leaves a statement incomplete gets a
//! `... ` prompt (pre-filled with indentation), and a blank line closes a block. A bracketed
//! paste or a recalled block is edited as one buffer and runs as one block.

pub mod completer;
pub mod display;
pub mod editor;
pub mod examples;
pub mod help;
pub mod helper;
pub mod highlighter;
pub mod history;
pub mod magics;
pub mod paste;
pub mod resolve;
pub mod signatures;
pub mod state;
pub mod tokens;
pub mod validator;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use rustyline::error::ReadlineError;

use crate::syntax::{input_status, InputStatus};
use editor::ReplEditor;
use state::Repl;

pub use display::info_line;

/// Run the REPL until EOF or `exit()`; returns the exit code.
pub fn run() -> u8 {
    let colour = display::colour_wanted();
    let mut repl = Repl::new(colour);
    let prefill = editor::Prefill::default();
    let mut ed = match editor::build(repl.session.interp.globals.clone(), colour, prefill.clone()) {
        Ok(ed) => ed,
        Err(e) => {
            eprintln!("numpyx: cannot start the line editor: {e}");
            return 1;
        }
    };
    let history_path = history::default_path();
    if let Some(p) = &history_path {
        for entry in history::load(p) {
            let _ = ed.add_history_entry(entry);
        }
    }
    println!(
        "numpyx {} (NumPy 2.4 semantics; np is imported). Type np.mean? for help, Ctrl-D to exit.",
        env!("CARGO_PKG_VERSION")
    );
    let mut pending = String::new();
    loop {
        let prompt = if pending.is_empty() { ">>> " } else { "... " };
        let indent = if pending.is_empty() || editor::input_waiting() {
            String::new()
        } else {
            editor::next_indent(&pending)
        };
        if let Some(h) = ed.helper_mut() {
            *h.pending.borrow_mut() = pending.clone();
        }
        if let Ok(mut p) = prefill.lock() {
            p.clone_from(&indent);
        }
        match ed.readline_with_initial(prompt, (&indent, "")) {
            Ok(line) => {
                if pending.is_empty() && line.contains('\n') {
                    // A pasted or recalled block: the validator already found it complete.
                    submit(&mut repl, &mut ed, &history_path, &line);
                } else {
                    if !pending.is_empty() {
                        pending.push('\n');
                    }
                    pending.push_str(&line);
                    let mut src = paste::strip_prompts(&pending);
                    // The line just entered is complete: a blank one closes a block, even a
                    // one-line compound statement (`for i in x: pass`).
                    src.push('\n');
                    let single = !pending.contains('\n');
                    let special = single
                        && (src.trim_start().starts_with('%')
                            || state::help_request(src.trim()).is_some());
                    if !special && input_status(&src) == InputStatus::Incomplete {
                        continue;
                    }
                    let whole = std::mem::take(&mut pending);
                    submit(&mut repl, &mut ed, &history_path, &whole);
                }
                if repl.session.interp.exit_code.is_some() {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => pending.clear(),
            Err(ReadlineError::Eof) if !pending.is_empty() => {
                pending.clear();
                println!();
            }
            Err(ReadlineError::Eof) => {
                println!();
                break;
            }
            Err(e) => {
                eprintln!("numpyx: {e}");
                break;
            }
        }
    }
    repl.session.interp.out.flush();
    repl.session.interp.exit_code.unwrap_or(0).clamp(0, 255) as u8
}

/// Record a complete input in the history (memory and file) and run it. The history keeps
/// the code without pasted prompts and outputs, so a recalled snippet is ready to edit.
fn submit(repl: &mut Repl, ed: &mut ReplEditor, history_path: &Option<PathBuf>, raw: &str) {
    let src = paste::strip_prompts(raw);
    let entry = src.trim_end_matches(['\n', ' ', '\t']);
    if entry.trim().is_empty() {
        return;
    }
    let _ = ed.add_history_entry(entry);
    if let Some(p) = history_path {
        let _ = history::append(p, entry);
    }
    repl.execute(&src);
}
