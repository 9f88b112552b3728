//! Pasted snippets: doctest (`>>> ` / `... `) and IPython (`In [1]: ` / `   ...: `) prompts
//! are stripped, and the output lines shown between prompts are dropped, so examples copied
//! from documentation or a notebook run as they are.

/// Which prompt style a snippet uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Doctest,
    IPython,
}

/// `src` without REPL prompts. Text whose first non-blank line carries no prompt is returned
/// unchanged (so `...` typed as Ellipsis stays code).
pub fn strip_prompts(src: &str) -> String {
    let Some(first) = src.lines().find(|l| !l.trim().is_empty()) else {
        return src.to_string();
    };
    let style = if primary(first.trim_start(), Style::Doctest).is_some() {
        Style::Doctest
    } else if primary(first.trim_start(), Style::IPython).is_some() {
        Style::IPython
    } else {
        return src.to_string();
    };
    let mut out: Vec<&str> = Vec::new();
    for line in src.lines() {
        let t = line.trim_start();
        if let Some(code) = primary(t, style) {
            // A new statement: close a preceding indented block as the REPL's blank line would.
            if out
                .last()
                .is_some_and(|l: &&str| l.starts_with([' ', '\t']))
            {
                out.push("");
            }
            out.push(code);
        } else if let Some(code) = continuation(t, style) {
            out.push(code);
        }
        // Anything else is output (or the blank line ending it): dropped.
    }
    let mut s = out.join("\n");
    if src.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// The code after a primary prompt (`>>> x`, `In [3]: x`).
fn primary(line: &str, style: Style) -> Option<&str> {
    match style {
        Style::Doctest => strip_marker(line, ">>>"),
        Style::IPython => {
            let rest = line.strip_prefix("In [")?;
            let close = rest.find("]:")?;
            if !rest[..close].chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let code = &rest[close + 2..];
            Some(code.strip_prefix(' ').unwrap_or(code))
        }
    }
}

/// The code after a continuation prompt (`... x`, `   ...: x`).
fn continuation(line: &str, style: Style) -> Option<&str> {
    match style {
        Style::Doctest => strip_marker(line, "..."),
        Style::IPython => {
            let rest = line.strip_prefix("...:")?;
            Some(rest.strip_prefix(' ').unwrap_or(rest))
        }
    }
}

/// `marker` followed by a space or the end of the line.
fn strip_marker<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(marker)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix(' ')
    }
}
