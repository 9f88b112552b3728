//! The rustyline `Helper`: completion (completer.rs), highlighting (highlighter.rs), validation
//! (validator.rs) and history hints, over a shared handle on the session's globals so that
//! completion can read the types of bindings.

use std::borrow::Cow;
use std::cell::RefCell;

use owo_colors::OwoColorize;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::SearchDirection;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use super::resolve::Globals;

/// The REPL's editor helper.
pub struct ReplHelper {
    /// The session's variables (read only, for completion).
    pub globals: Globals,
    /// Whether to emit ANSI colours.
    pub colour: bool,
    /// Lines already entered for the statement being continued at a `... ` prompt.
    pub pending: RefCell<String>,
}

impl ReplHelper {
    /// A helper reading `globals`.
    pub fn new(globals: Globals, colour: bool) -> ReplHelper {
        ReplHelper {
            globals,
            colour,
            pending: RefCell::new(String::new()),
        }
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(super::completer::complete(&self.globals, line, pos))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    /// The rest of the newest single-line history entry that starts with the line typed so far.
    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if line.trim().is_empty() || pos < line.len() || line.contains('\n') {
            return None;
        }
        let history = ctx.history();
        let mut i = history.len();
        while i > 0 {
            i -= 1;
            let Ok(Some(found)) = history.get(i, SearchDirection::Reverse) else {
                break;
            };
            let entry = found.entry;
            if entry.len() > line.len() && entry.starts_with(line) && !entry.contains('\n') {
                return Some(entry[line.len()..].to_string());
            }
        }
        None
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if self.colour {
            Cow::Owned(super::highlighter::highlight(line, pos))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        if !self.colour {
            return Cow::Borrowed(prompt);
        }
        if prompt.starts_with(">>>") {
            Cow::Owned(prompt.green().bold().to_string())
        } else {
            Cow::Owned(prompt.dimmed().to_string())
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour {
            Cow::Owned(hint.dimmed().to_string())
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        // Re-highlight on every edit and cursor move (bracket matching follows the cursor).
        self.colour && kind != CmdKind::ForcedRefresh
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(super::validator::validate(
            &self.pending.borrow(),
            ctx.input(),
        ))
    }
}

impl Helper for ReplHelper {}
