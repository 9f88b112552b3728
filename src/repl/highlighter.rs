//! Colouring of the line being edited: numbers, strings, keywords, comments, `np` names, and
//! the bracket matching the one at (or just before) the cursor. Only ANSI styles are added, so
//! the text keeps its width, as rustyline requires.

use owo_colors::OwoColorize;

use super::tokens::{match_brackets, tokenize, Kind, Token, KEYWORDS};

/// The module aliases whose attributes are coloured as NumPy names.
const NP_NAMES: &[&str] = &["np", "numpy"];

/// The line with ANSI colours; `pos` is the cursor (byte offset).
pub fn highlight(line: &str, pos: usize) -> String {
    let toks = tokenize(line);
    let partner = match_brackets(line, &toks);
    let (cursor_bracket, mate) = bracket_at_cursor(&toks, &partner, pos);
    let mut out = String::with_capacity(line.len() * 2);
    let mut at = 0;
    for (k, t) in toks.iter().enumerate() {
        out.push_str(&line[at..t.start]);
        let text = t.text(line);
        let styled = match t.kind {
            Kind::Number => text.cyan().to_string(),
            Kind::Str { .. } => text.green().to_string(),
            Kind::Comment => text.dimmed().to_string(),
            Kind::Name if KEYWORDS.contains(&text) => text.magenta().bold().to_string(),
            Kind::Name if is_numpy_name(line, &toks, k) => text.blue().to_string(),
            Kind::Open | Kind::Close
                if mate.is_some() && (Some(k) == cursor_bracket || Some(k) == mate) =>
            {
                text.bold().reversed().to_string()
            }
            Kind::Close if partner[k].is_none() => text.red().to_string(),
            _ => text.to_string(),
        };
        out.push_str(&styled);
        at = t.end;
    }
    out.push_str(&line[at..]);
    out
}

/// `np` itself, or a name in a chain starting with `np.` (`np.linalg.norm`).
fn is_numpy_name(src: &str, toks: &[Token], k: usize) -> bool {
    let mut k = k;
    loop {
        if k >= 2 && toks[k - 1].kind == Kind::Dot && toks[k - 2].kind == Kind::Name {
            k -= 2;
        } else {
            let name = toks[k].text(src);
            let preceded_by_dot = k >= 1 && toks[k - 1].kind == Kind::Dot;
            return NP_NAMES.contains(&name) && !preceded_by_dot;
        }
    }
}

/// The bracket token under the cursor (or just before it) and its partner.
fn bracket_at_cursor(
    toks: &[Token],
    partner: &[Option<usize>],
    pos: usize,
) -> (Option<usize>, Option<usize>) {
    let is_bracket = |k: &usize| matches!(toks[*k].kind, Kind::Open | Kind::Close);
    let at = toks.iter().position(|t| t.start == pos).filter(is_bracket);
    let before = toks.iter().position(|t| t.end == pos).filter(is_bracket);
    match at.or(before) {
        Some(k) => (Some(k), partner[k]),
        None => (None, None),
    }
}
