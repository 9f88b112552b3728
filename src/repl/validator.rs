//! When Enter submits: asked of the parser (`crate::syntax::input_status`), never of a bracket
//! counter. Lines typed one at a time are always submitted (the loop then asks for more with a
//! `... ` prompt); a buffer holding several lines (a bracketed paste, or a block recalled from
//! history) is submitted when it would be complete once closed by a blank line, so a pasted or
//! recalled block runs with one Enter, while an open bracket or string keeps the buffer open.

use rustyline::validate::ValidationResult;

use crate::syntax::{input_status, InputStatus};

/// Whether `input` (typed after the pending lines `pending`) should be submitted.
pub fn validate(pending: &str, input: &str) -> ValidationResult {
    if !input.contains('\n') {
        return ValidationResult::Valid(None);
    }
    let mut src = String::from(pending);
    if !src.is_empty() {
        src.push('\n');
    }
    src.push_str(input);
    let mut src = super::paste::strip_prompts(&src);
    if !src.ends_with('\n') {
        src.push('\n');
    }
    src.push('\n');
    match input_status(&src) {
        InputStatus::Incomplete => ValidationResult::Incomplete,
        _ => ValidationResult::Valid(None),
    }
}
