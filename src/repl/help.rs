//! `help(np.mean)`, `np.mean?` and `?np.mean`: the signature and one-line summary from the
//! registry that implements the function (signatures.rs), and an example from examples.rs
//! (generated with real NumPy, each one run as a test).

use owo_colors::OwoColorize;

use super::resolve::{callee, resolve_text, Resolved, Ty};
use super::signatures::{describe, Callee};
use super::state::Repl;
use crate::value::Value;
use crate::StmtOutcome;

/// Summaries of ndarray attributes that are not methods.
const PROPERTIES: &[(&str, &str)] = &[
    ("shape", "tuple of the array's dimensions"),
    ("ndim", "number of dimensions"),
    ("size", "number of elements"),
    ("dtype", "the data type of the elements"),
    ("itemsize", "bytes per element"),
    ("nbytes", "bytes taken by the elements (size * itemsize)"),
    ("strides", "bytes to step in each dimension"),
    (
        "base",
        "the array whose memory this view uses (None for an owner)",
    ),
    (
        "flags",
        "memory layout flags (C_CONTIGUOUS, F_CONTIGUOUS, OWNDATA, WRITEABLE)",
    ),
    ("T", "the transposed array (a view)"),
    ("real", "the real part"),
    ("imag", "the imaginary part"),
];

/// The general help shown for `help()` or `?` alone.
pub const GENERAL: &str = "\
numpyx: NumPy at a prompt (np is already imported).
  np.mean?  ?np.mean  help(np.mean)   signature, summary and an example
  Tab                                 complete names, attributes, keyword arguments, file names
  Up/Down, Ctrl-R                     history (kept across sessions), reverse search
  Ctrl-C                              clear the line, or interrupt a running statement
  Ctrl-D                              exit
  %timeit STMT  %time STMT            time a statement
  %who  %whos                         list variables (with shape, dtype and bytes)
  %run FILE.npx  %save FILE           run a script here / save this session's inputs
  %history  %reset  %info on|off      past inputs, clear variables, the info line under results
";

/// Show help for the expression text `target` (empty: general help).
pub fn show(repl: &mut Repl, target: &str) {
    let text = if target.is_empty() {
        GENERAL.to_string()
    } else {
        help_text(repl, target)
    };
    repl.print(&text);
}

/// The help text for `target`.
pub fn help_text(repl: &mut Repl, target: &str) -> String {
    let mut r = resolve_text(&repl.session.interp.globals, target);
    if let Some(p) = property(&repl.session.interp.globals, target) {
        return p;
    }
    if matches!(r.ty, Ty::Unknown) {
        // Not a static name: evaluate it (the user asked about this value).
        match eval(repl, target) {
            Ok(v) => {
                r = Resolved {
                    ty: Ty::Val(v),
                    module: None,
                    name: target.to_string(),
                }
            }
            Err(msg) => return format!("{msg}\n"),
        }
    }
    let colour = repl.colour;
    if let Some(c) = callee(&r) {
        let qualified = qualified_name(&c);
        let (sig, summary) =
            describe(&c).unwrap_or_else(|| (format!("{}(...)", r.name), String::new()));
        let prefix = qualified
            .rsplit_once('.')
            .map_or(String::new(), |(p, _)| format!("{p}."));
        return render(
            &format!("{prefix}{sig}"),
            &summary,
            example_for(&qualified),
            colour,
        );
    }
    match &r.ty {
        Ty::Val(Value::Function(f)) => {
            let p = &f.def.params;
            let mut params: Vec<String> = p
                .posonly
                .iter()
                .chain(p.args.iter())
                .map(|p| p.name.to_string())
                .collect();
            if let Some(v) = &p.vararg {
                params.push(format!("*{}", v.name));
            }
            params.extend(p.kwonly.iter().map(|p| p.name.to_string()));
            if let Some(k) = &p.kwarg {
                params.push(format!("**{}", k.name));
            }
            let doc = f.def.docstring.as_deref().unwrap_or("").trim().to_string();
            render(
                &format!("def {}({})", f.def.name, params.join(", ")),
                &doc,
                None,
                colour,
            )
        }
        Ty::Val(Value::Module(m)) => {
            let attrs = m.attrs.borrow();
            let subs: Vec<&str> = attrs
                .iter()
                .filter(|(_, v)| matches!(v, Value::Module(_)))
                .map(|(k, _)| &**k)
                .collect();
            let mut s = format!("module {}: {} names", m.name, attrs.len());
            if !subs.is_empty() {
                s.push_str(&format!("; submodules: {}", subs.join(", ")));
            }
            s.push_str(&format!(
                "\nTry {target}.<Tab> to list them, or {target}.NAME? for one.\n"
            ));
            s
        }
        Ty::Val(v) => {
            let globals = repl.session.interp.globals.clone();
            let ty = repl.session.interp.type_of(v);
            let ty_name = match &ty {
                Value::Type(t) => t.name.to_string(),
                _ => v.type_name(),
            };
            let mut s = format!("{target}: {ty_name}\n");
            if let Some(info) = super::display::info_line(&globals.borrow(), v) {
                s.push_str(&info);
                s.push('\n');
            }
            if matches!(v, Value::Array(_) | Value::Scalar(_)) {
                s.push_str(&format!(
                    "Try {target}.<Tab> for its methods, {target}.sum? for one.\n"
                ));
            }
            s
        }
        _ => format!("No help found for {target}\n"),
    }
}

/// Help for an ndarray property (`x.shape?`).
fn property(globals: &super::resolve::Globals, target: &str) -> Option<String> {
    let (recv, name) = target.rsplit_once('.')?;
    let (_, summary) = PROPERTIES.iter().find(|(n, _)| *n == name)?;
    let r = resolve_text(globals, recv);
    if !matches!(
        r.ty,
        Ty::Array | Ty::Val(Value::Array(_)) | Ty::Val(Value::Scalar(_))
    ) {
        return None;
    }
    Some(format!(
        "ndarray.{name}: {summary}\n(an attribute of {recv}, not a method)\n"
    ))
}

fn eval(repl: &mut Repl, target: &str) -> Result<Value, String> {
    let (id, stmts) = repl
        .session
        .parse(target, "<help>")
        .map_err(|e| e.headline())?;
    match stmts.first().map(|s| repl.session.run_stmt(id, s)) {
        Some(StmtOutcome::Value(v)) => Ok(v),
        Some(StmtOutcome::Error(e)) => Err(e.headline()),
        _ => Err(format!("No help found for {target}")),
    }
}

/// `np.mean`, `np.linalg.norm`, `ndarray.sum`, `Generator.normal`, `print`.
pub fn qualified_name(c: &Callee) -> String {
    match c {
        Callee::ModuleFn { module, name } => {
            let m = module
                .strip_prefix("numpy")
                .map_or(module.clone(), |rest| format!("np{rest}"));
            format!("{m}.{name}")
        }
        Callee::Ufunc { name, .. } => format!("np.{name}"),
        Callee::ArrayMethod(n) => format!("ndarray.{n}"),
        Callee::GeneratorMethod(n) => format!("Generator.{n}"),
        Callee::Builtin(n) => n.clone(),
    }
}

/// The example steps for a qualified name.
pub fn example_for(qualified: &str) -> Option<&'static [super::examples::Step]> {
    super::examples::EXAMPLES
        .iter()
        .find(|(n, _)| *n == qualified)
        .map(|(_, s)| *s)
}

fn render(
    sig: &str,
    summary: &str,
    example: Option<&[super::examples::Step]>,
    colour: bool,
) -> String {
    let mut s = if colour {
        sig.bold().to_string()
    } else {
        sig.to_string()
    };
    s.push('\n');
    if !summary.is_empty() {
        for line in summary.lines() {
            s.push_str(&format!("    {line}\n"));
        }
    }
    if let Some(steps) = example {
        s.push_str("Example:\n");
        for (code, out) in steps {
            let prompt = if colour {
                ">>>".green().to_string()
            } else {
                ">>>".to_string()
            };
            s.push_str(&format!("    {prompt} {code}\n"));
            if let Some(out) = out {
                for line in out.lines() {
                    s.push_str(&format!("    {line}\n"));
                }
            }
        }
    }
    s
}
