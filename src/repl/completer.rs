//! Tab completion from static tables and the types of bindings, never by evaluating: names in
//! scope, keywords and builtins; attributes by the receiver's type (`np.` and its submodules from
//! their attribute maps, `x.` from the ndarray table, `rng.` from the Generator's `dir()`);
//! keyword arguments inside a call (`x.sum(ax` → `axis=`); file names inside strings; magics.

use std::collections::BTreeSet;

use rustyline::completion::Pair;

use super::resolve::{attr_names, params, resolve_at, Globals};
use super::tokens::{match_brackets, tokenize, Kind, Token, KEYWORDS};

/// Indentation inserted by Tab at the start of a line.
pub const INDENT: &str = "    ";

/// Completions for `line` with the cursor at byte `pos`: where the replaced text starts, and
/// the candidates (keyword arguments first, then names in alphabetical order).
pub fn complete(globals: &Globals, line: &str, pos: usize) -> (usize, Vec<Pair>) {
    let Some(before) = line.get(..pos) else {
        return (pos, Vec::new());
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let current = &before[line_start..];
    if current.trim().is_empty() {
        return (pos, vec![pair(INDENT, INDENT)]);
    }
    if line_start == 0 && current.trim_start().starts_with('%') {
        return complete_magic(globals, current, pos);
    }
    let toks = tokenize(before);
    let Some(last) = toks.last().copied() else {
        return (pos, Vec::new());
    };
    if last.end == pos {
        match last.kind {
            Kind::Str { closed: false } => return complete_in_string(before, last),
            Kind::Comment | Kind::Number | Kind::Str { closed: true } => return (pos, Vec::new()),
            _ => {}
        }
    }
    let (word, start, prev) = if last.kind == Kind::Name && last.end == pos {
        (last.text(before), last.start, toks.len().checked_sub(2))
    } else {
        ("", pos, Some(toks.len() - 1))
    };
    let partner = match_brackets(before, &toks);
    let hidden_ok = word.starts_with('_');
    // `receiver.word`: attributes by the receiver's type.
    if let Some(p) = prev.filter(|&p| toks[p].kind == Kind::Dot && toks[p].end == start) {
        let Some(recv) = p.checked_sub(1) else {
            return (start, Vec::new());
        };
        if toks[recv].kind == Kind::Number {
            return (start, Vec::new());
        }
        let r = resolve_at(globals, before, &toks, &partner, recv);
        let names: BTreeSet<String> = attr_names(&r)
            .into_iter()
            .filter(|n| n.starts_with(word) && (hidden_ok || !n.starts_with('_')))
            .collect();
        return (start, names.iter().map(|n| pair(n, n)).collect());
    }
    let mut out: Vec<Pair> = Vec::new();
    // Inside a call at an argument position: the callee's keyword parameters.
    let at_arg = prev.is_some_and(|p| matches!(toks[p].kind, Kind::Open | Kind::Comma));
    if let (Some(open), true) = (innermost_open_call(before, &toks, &partner), at_arg) {
        let r = resolve_at(globals, before, &toks, &partner, open - 1);
        let (positional, given) = arguments_given(before, &toks, &partner, open);
        let mut filled = 0;
        for p in params(&r) {
            // The first `positional` parameters that accept positions are already filled.
            if p.positional && filled < positional {
                filled += 1;
                continue;
            }
            let k = p.name;
            if p.keyword && k.starts_with(word) && !given.contains(&k) {
                let kw = format!("{k}=");
                out.push(pair(&kw, &kw));
            }
        }
        if word.is_empty() {
            return (start, out);
        }
    }
    let mut names: BTreeSet<String> = BTreeSet::new();
    for k in globals.borrow().keys() {
        names.insert(k.to_string());
    }
    for b in crate::interp::Interp::builtin_names() {
        names.insert(b.to_string());
    }
    for k in KEYWORDS {
        names.insert(k.to_string());
    }
    out.extend(
        names
            .iter()
            .filter(|n| n.starts_with(word) && (hidden_ok || !n.starts_with('_')))
            .map(|n| pair(n, n)),
    );
    (start, out)
}

fn pair(display: &str, replacement: &str) -> Pair {
    Pair {
        display: display.to_string(),
        replacement: replacement.to_string(),
    }
}

/// The index of the innermost unclosed `(` that is a call (preceded by a name or a closing
/// bracket), if the cursor is directly inside it.
fn innermost_open_call(src: &str, toks: &[Token], partner: &[Option<usize>]) -> Option<usize> {
    let open = (0..toks.len())
        .rev()
        .find(|&k| toks[k].kind == Kind::Open && partner[k].is_none())?;
    if toks[open].text(src) != "(" {
        return None;
    }
    let before = toks.get(open.checked_sub(1)?)?;
    let is_callee = match before.kind {
        Kind::Name => !KEYWORDS.contains(&before.text(src)),
        Kind::Close => true,
        _ => false,
    };
    is_callee.then_some(open)
}

/// The arguments already passed in the call opened at token `open` (`f(a, b, axis=0, ` →
/// 2 positional, `axis`), not counting the one being typed.
fn arguments_given(
    src: &str,
    toks: &[Token],
    partner: &[Option<usize>],
    open: usize,
) -> (usize, Vec<String>) {
    let mut given = Vec::new();
    let mut positional = 0;
    let mut segment_is_keyword = false;
    let mut segment_empty = true;
    let mut k = open + 1;
    while k < toks.len() {
        let t = toks[k];
        match t.kind {
            Kind::Open => {
                segment_empty = false;
                // Skip nested brackets (closed ones; an unclosed one is not at this level).
                match partner[k] {
                    Some(close) => k = close + 1,
                    None => break,
                }
                continue;
            }
            Kind::Comma => {
                if !segment_is_keyword && !segment_empty {
                    positional += 1;
                }
                segment_is_keyword = false;
                segment_empty = true;
            }
            Kind::Name
                if segment_empty && toks.get(k + 1).is_some_and(|n| n.kind == Kind::Assign) =>
            {
                given.push(t.text(src).to_string());
                segment_is_keyword = true;
                segment_empty = false;
            }
            Kind::Op if segment_empty && t.text(src).starts_with('*') => {
                // `*args` / `**kw`: the count is unknown; offer everything.
                return (0, given);
            }
            _ => segment_empty = false,
        }
        k += 1;
    }
    (positional, given)
}

/// The magic commands.
pub const MAGICS: &[&str] = &[
    "history", "info", "lsmagic", "reset", "run", "save", "time", "timeit", "who", "whos",
];

/// A magic line: magic names, file names for `%run`/`%save`, `on`/`off` for `%info`, and the
/// statement of `%timeit`/`%time` completed as code.
fn complete_magic(globals: &Globals, current: &str, pos: usize) -> (usize, Vec<Pair>) {
    let base = pos - current.len();
    let t = current.trim_start();
    let lead = current.len() - t.len();
    match t.find(char::is_whitespace) {
        None => {
            let word = &t[1..];
            let c = MAGICS
                .iter()
                .filter(|m| m.starts_with(word))
                .map(|m| pair(&format!("%{m}"), &format!("%{m}")))
                .collect();
            (base + lead, c)
        }
        Some(space) => {
            let name = &t[1..space];
            let arg_start = current.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let arg = &current[arg_start..];
            match name {
                "run" | "save" => {
                    let (off, c) = complete_files(arg);
                    (base + arg_start + off, c)
                }
                "timeit" | "time" => {
                    let code_at = lead + space;
                    let code = &current[code_at..];
                    if code.trim().is_empty() {
                        return (pos, Vec::new());
                    }
                    let (start, c) = complete(globals, code, code.len());
                    (base + code_at + start, c)
                }
                "info" => {
                    let c = ["on", "off"]
                        .iter()
                        .filter(|w| w.starts_with(arg))
                        .map(|w| pair(w, w))
                        .collect();
                    (base + arg_start, c)
                }
                _ => (pos, Vec::new()),
            }
        }
    }
}

/// File names for the partial path inside a string literal token `tok` (ending at the cursor).
fn complete_in_string(src: &str, tok: Token) -> (usize, Vec<Pair>) {
    let text = tok.text(src);
    let quote_at = text.find(['\'', '"']).unwrap_or(0);
    let q = &text[quote_at..];
    let delim = if q.starts_with("'''") || q.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body_start = tok.start + quote_at + delim;
    let partial = src.get(body_start..tok.end).unwrap_or("");
    let (off, c) = complete_files(partial);
    (body_start + off, c)
}

/// Entries of the directory named by `partial` (up to its last `/`) that start with the rest;
/// directories get a trailing `/`. Returns the offset within `partial` where replacement starts.
pub fn complete_files(partial: &str) -> (usize, Vec<Pair>) {
    let (dir, prefix) = match partial.rfind('/') {
        Some(i) => (&partial[..=i], &partial[i + 1..]),
        None => ("", partial),
    };
    let dir_path = if dir.is_empty() {
        std::path::PathBuf::from(".")
    } else if let (Some(rest), Some(home)) = (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
        std::path::PathBuf::from(home).join(rest)
    } else {
        std::path::PathBuf::from(dir)
    };
    let Ok(entries) = std::fs::read_dir(&dir_path) else {
        return (dir.len(), Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            Some(if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    (dir.len(), names.iter().map(|n| pair(n, n)).collect())
}
