//! The line editor: rustyline configured for the REPL (list completion, bracketed paste, no
//! automatic history: whole inputs are added once complete), and the indentation offered on a
//! `... ` continuation line.

use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::history::FileHistory;
use rustyline::Editor;

use super::helper::ReplHelper;
use super::resolve::Globals;

/// The REPL's editor type.
pub type ReplEditor = Editor<ReplHelper, FileHistory>;

/// Build the editor with its helper.
pub fn build(globals: Globals, colour: bool) -> rustyline::Result<ReplEditor> {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .max_history_size(super::history::MAX_ENTRIES)?
        .history_ignore_dups(true)?
        .bracketed_paste(true)
        .color_mode(if colour {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .build();
    let mut ed: ReplEditor = Editor::with_config(config)?;
    ed.set_helper(Some(ReplHelper::new(globals, colour)));
    Ok(ed)
}

/// The indentation to pre-fill on the next continuation line: the last line's indentation,
/// one level deeper after a line ending in `:` (a block header).
pub fn next_indent(pending: &str) -> String {
    let Some(last) = pending.lines().rev().find(|l| !l.trim().is_empty()) else {
        return String::new();
    };
    let indent: String = last
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let code = strip_comment(last).trim_end();
    if code.ends_with(':') {
        format!("{indent}{}", super::completer::INDENT)
    } else {
        indent
    }
}

/// A line without its trailing `# comment` (a `#` inside a string is not one).
fn strip_comment(line: &str) -> &str {
    let toks = super::tokens::tokenize(line);
    match toks.iter().find(|t| t.kind == super::tokens::Kind::Comment) {
        Some(c) => &line[..c.start],
        None => line,
    }
}

/// Whether more input is already waiting on stdin (a paste arriving line by line in a terminal
/// without bracketed paste): then no indentation is pre-filled, or it would be doubled.
pub fn input_waiting() -> bool {
    let mut fds = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & libc::POLLIN != 0
}
