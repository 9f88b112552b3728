//! IPython-style magic commands: `%timeit`, `%time` (timing.rs), `%who`, `%whos`, `%run`,
//! `%reset`, `%history`, `%save`, `%info on|off`, `%lsmagic`.

pub mod timing;

use std::rc::Rc;

use super::state::Repl;
use crate::value::Value;
use crate::StmtOutcome;

/// Run the magic line `line` (without its `%`); false when it failed.
pub fn run(repl: &mut Repl, line: &str) -> bool {
    let line = line.trim();
    let (name, args) = match line.find(char::is_whitespace) {
        Some(i) => (&line[..i], line[i..].trim()),
        None => (line, ""),
    };
    match name {
        "timeit" => timing::timeit(repl, args),
        "time" => timing::time(repl, args),
        "who" => who(repl, args),
        "whos" => whos(repl),
        "run" => run_file(repl, args),
        "reset" => reset(repl),
        "history" | "hist" => history(repl, args),
        "save" => save(repl, args),
        "info" => info(repl, args),
        "lsmagic" => {
            let list: Vec<String> = super::completer::MAGICS
                .iter()
                .map(|m| format!("%{m}"))
                .collect();
            repl.print(&format!("Available line magics:\n{}\n", list.join("  ")));
            true
        }
        _ => {
            eprintln!("UsageError: Line magic function `%{name}` not found.");
            false
        }
    }
}

/// User variables, sorted: not hidden (`_x`), not the pre-imported `np`.
fn user_vars(repl: &Repl) -> Vec<(Rc<str>, Value)> {
    let globals = repl.session.interp.globals.borrow();
    let mut vars: Vec<(Rc<str>, Value)> = globals
        .iter()
        .filter(|(k, v)| !(k.starts_with('_') || &***k == "np" && matches!(v, Value::Module(_))))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    vars.sort_by(|a, b| a.0.cmp(&b.0));
    vars
}

/// The type's own name, as IPython's `%who`/`%whos` show it (`Generator`, not
/// `numpy.random._generator.Generator`).
fn type_name(repl: &Repl, v: &Value) -> String {
    let full = match repl.session.interp.type_of(v) {
        Value::Type(t) => t.name.to_string(),
        _ => v.type_name(),
    };
    full.rsplit('.').next().unwrap_or(&full).to_string()
}

/// `%who [TYPE…]`: variable names, optionally only those of the given types.
fn who(repl: &mut Repl, args: &str) -> bool {
    let types: Vec<&str> = args.split_whitespace().collect();
    let names: Vec<String> = user_vars(repl)
        .into_iter()
        .filter(|(_, v)| types.is_empty() || types.contains(&type_name(repl, v).as_str()))
        .map(|(k, _)| k.to_string())
        .collect();
    if names.is_empty() {
        repl.print("Interactive namespace is empty.\n");
    } else {
        repl.print(&format!("{}\n", names.join("\t")));
    }
    true
}

/// `%whos`: a table of variables with type, shape, dtype, bytes and a short value.
fn whos(repl: &mut Repl) -> bool {
    let vars = user_vars(repl);
    if vars.is_empty() {
        repl.print("Interactive namespace is empty.\n");
        return true;
    }
    let header = ["Variable", "Type", "Shape", "Dtype", "Bytes", "Value"];
    let mut rows: Vec<[String; 6]> = Vec::new();
    let globals = repl.session.interp.globals.clone();
    for (name, v) in &vars {
        let ty = type_name(repl, v);
        let row = match v {
            Value::Array(a) | Value::Scalar(a) => {
                let info = super::display::info_line(&globals.borrow(), v).unwrap_or_default();
                let view = info
                    .split(" · ")
                    .filter(|p| p.starts_with("view"))
                    .collect::<Vec<_>>()
                    .join("");
                [
                    name.to_string(),
                    ty,
                    crate::array::shape_repr(&a.shape),
                    a.dtype.name(),
                    (a.size() * a.dtype.itemsize()).to_string(),
                    view,
                ]
            }
            _ => {
                let r = match v {
                    Value::Function(_) | Value::Builtin(_) | Value::Module(_) => String::new(),
                    _ => repl.session.interp.repr(v).unwrap_or_default(),
                };
                [
                    name.to_string(),
                    ty,
                    String::new(),
                    String::new(),
                    String::new(),
                    short(&r),
                ]
            }
        };
        rows.push(row);
    }
    let mut width = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in width.iter_mut().zip(r.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let fmt_row = |cells: [&str; 6]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = width[i] - c.chars().count();
            if i == 4 {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                if i < 5 {
                    s.push_str(&" ".repeat(pad));
                }
            }
            if i < 5 {
                s.push_str("   ");
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = fmt_row(header);
    out.push_str(&"-".repeat(out.trim_end().chars().count()));
    out.push('\n');
    for r in &rows {
        out.push_str(&fmt_row([&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]]));
    }
    repl.print(&out);
    true
}

/// A one-line, at most 40-character rendering of a repr.
fn short(repr: &str) -> String {
    let one_line = repr.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        one_line.chars().take(37).collect::<String>() + "..."
    } else {
        one_line
    }
}

/// `%run FILE`: run a script in this session's namespace (its variables stay).
fn run_file(repl: &mut Repl, args: &str) -> bool {
    let path = args.trim();
    if path.is_empty() {
        eprintln!("UsageError: %run needs a file name");
        return false;
    }
    let src = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(_) => {
            eprintln!("ERROR: File `'{path}'` not found.");
            return false;
        }
    };
    let (id, stmts) = match repl.session.parse(&src, path) {
        Ok(x) => x,
        Err(e) => {
            super::display::show_error(&mut repl.session, &e, repl.colour);
            return false;
        }
    };
    for stmt in &stmts {
        if let StmtOutcome::Error(e) = repl.session.run_stmt(id, stmt) {
            super::display::show_error(&mut repl.session, &e, repl.colour);
            return false;
        }
        if repl.session.interp.exit_code.is_some() {
            // `exit()` inside a %run script ends the script, not the session.
            repl.session.interp.exit_code = None;
            break;
        }
    }
    repl.session.interp.out.flush();
    true
}

/// `%reset`: delete all user variables (`np` stays).
fn reset(repl: &mut Repl) -> bool {
    let mut g = repl.session.interp.globals.borrow_mut();
    g.retain(|k, v| &**k == "np" && matches!(v, Value::Module(_)));
    drop(g);
    if !repl.session.interp.globals.borrow().contains_key("np") {
        if let Ok(np) = repl.session.interp.import_module("numpy") {
            repl.session
                .interp
                .globals
                .borrow_mut()
                .insert(Rc::from("np"), np);
        }
    }
    true
}

/// `%history [-n]`: this session's inputs (numbered with -n).
fn history(repl: &mut Repl, args: &str) -> bool {
    let numbered = args.split_whitespace().any(|a| a == "-n");
    let mut out = String::new();
    for (i, input) in repl.inputs.iter().enumerate() {
        for (j, line) in input.text.lines().enumerate() {
            if numbered {
                if j == 0 {
                    out.push_str(&format!("{:>4}: ", i + 1));
                } else {
                    out.push_str("      ");
                }
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    repl.print(&out);
    true
}

/// The session's successful code inputs as a script.
pub fn script_of(repl: &Repl) -> String {
    let mut s = String::new();
    for input in repl.inputs.iter().filter(|i| i.ok && i.code) {
        s.push_str(&input.text);
        s.push('\n');
        if input.text.contains('\n') {
            s.push('\n');
        }
    }
    s
}

/// `%save FILE`: write the session's successful inputs as a script (`.npx` added when FILE
/// has no extension).
fn save(repl: &mut Repl, args: &str) -> bool {
    let mut path = args.trim().to_string();
    if path.is_empty() {
        eprintln!("UsageError: %save needs a file name");
        return false;
    }
    if std::path::Path::new(&path).extension().is_none() {
        path.push_str(".npx");
    }
    let script = script_of(repl);
    match std::fs::write(&path, &script) {
        Ok(()) => {
            let n = repl.inputs.iter().filter(|i| i.ok && i.code).count();
            repl.print(&format!(
                "Saved {n} input{} to {path}\n",
                if n == 1 { "" } else { "s" }
            ));
            true
        }
        Err(e) => {
            eprintln!("ERROR: cannot write {path}: {e}");
            false
        }
    }
}

/// `%info on|off`: the info line under results.
fn info(repl: &mut Repl, args: &str) -> bool {
    match args {
        "on" => repl.info = true,
        "off" => repl.info = false,
        "" => {}
        _ => {
            eprintln!("UsageError: %info takes on or off");
            return false;
        }
    }
    let state = if repl.info { "on" } else { "off" };
    repl.print(&format!("info line {state}\n"));
    true
}
