//! The line editor: rustyline configured for the REPL (list completion, bracketed paste, no
//! automatic history: whole inputs are added once complete), the indentation offered on a
//! `... ` continuation line, and the dedent of `else:`/`elif …:`/`except …:`/`finally:` as
//! the `:` is typed on such a pre-indented line (as IPython does).

use std::sync::{Arc, Mutex};

use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::history::FileHistory;
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, KeyEvent, Movement,
    RepeatCount,
};

use super::helper::ReplHelper;
use super::resolve::Globals;

/// The REPL's editor type.
pub type ReplEditor = Editor<ReplHelper, FileHistory>;

/// The indentation pre-filled on the line being edited (empty on a `>>> ` line), shared with
/// the `:` key handler.
pub type Prefill = Arc<Mutex<String>>;

/// Build the editor with its helper; `prefill` is kept up to date by the caller.
pub fn build(globals: Globals, colour: bool, prefill: Prefill) -> rustyline::Result<ReplEditor> {
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
    ed.bind_sequence(
        KeyEvent::from(':'),
        EventHandler::Conditional(Box::new(DedentOnColon(prefill))),
    );
    Ok(ed)
}

/// The `:` key: on a line still at its pre-filled indentation whose first word is `else`,
/// `elif`, `except` or `finally`, remove one indentation level before inserting the `:`.
struct DedentOnColon(Prefill);

impl ConditionalEventHandler for DedentOnColon {
    fn handle(
        &self,
        _evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        let line = ctx.line();
        if ctx.pos() != line.len() || line.contains('\n') {
            return None;
        }
        let prefill = self.0.lock().ok()?.clone();
        let dedented = dedent_clause(line, &prefill)?;
        Some(Cmd::Replace(
            Movement::BeginningOfLine,
            Some(format!("{dedented}:")),
        ))
    }
}

/// `line` one level less indented, when it is a clause keyword line (`else`, `elif …`,
/// `except …`, `finally`) still at the pre-filled indentation `prefill`.
pub fn dedent_clause(line: &str, prefill: &str) -> Option<String> {
    let code = line.strip_prefix(prefill)?;
    if prefill.is_empty() || code.starts_with([' ', '\t']) {
        return None;
    }
    let word_end = code
        .find(|c: char| !super::tokens::is_ident_char(c))
        .unwrap_or(code.len());
    let (word, rest) = code.split_at(word_end);
    let clause = match word {
        "else" | "finally" => rest.trim().is_empty(),
        "elif" | "except" => rest.is_empty() || rest.starts_with([' ', '(']),
        _ => false,
    };
    if !clause {
        return None;
    }
    let unit = super::completer::INDENT;
    let indent = prefill
        .strip_suffix(unit)
        .or_else(|| prefill.strip_suffix('\t'))
        .unwrap_or("");
    Some(format!("{indent}{code}"))
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
