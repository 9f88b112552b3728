//! Completion: names, attributes by type, keyword arguments, files, magics.

use crate::repl::completer::complete;
use crate::repl::tests::pieces::eval;
use crate::Session;

fn session() -> Session {
    let mut s = Session::capturing();
    s.run_echo("x = np.arange(6.).reshape(2, 3)\nname = 'abc'\nitems = [1, 2]\ndef f(alpha, beta=2):\n    return alpha\n", "<t>");
    s
}

/// The completed words for `line` (cursor at the end), and the replaced prefix.
fn words(s: &Session, line: &str) -> (String, Vec<String>) {
    let (start, c) = complete(&s.interp.globals, line, line.len());
    (
        line[start..].to_string(),
        c.into_iter().map(|p| p.replacement).collect(),
    )
}

#[test]
fn np_attributes_and_submodules() {
    let s = session();
    let (prefix, w) = words(&s, "np.lin");
    assert_eq!(prefix, "lin");
    assert!(
        w.contains(&"linspace".to_string()) && w.contains(&"linalg".to_string()),
        "{w:?}"
    );
    let (_, w) = words(&s, "np.linalg.");
    assert!(w.contains(&"LinAlgError".to_string()), "{w:?}");
    let (_, w) = words(&s, "y = np.ar");
    assert!(
        w.contains(&"arange".to_string()) && w.contains(&"array".to_string()),
        "{w:?}"
    );
    assert!(w.iter().all(|n| n.starts_with("ar")));
}

#[test]
fn attributes_by_the_binding_type() {
    let s = session();
    assert_eq!(words(&s, "x.res").1, ["reshape"]);
    assert!(words(&s, "x.").1.contains(&"shape".to_string()));
    assert!(
        words(&s, "x.T.su").1.contains(&"sum".to_string()),
        "x.T is an array"
    );
    assert!(
        words(&s, "x[0].me").1.contains(&"mean".to_string()),
        "x[0] is an array"
    );
    assert!(
        words(&s, "np.arange(3).resh")
            .1
            .contains(&"reshape".to_string()),
        "np functions give arrays"
    );
    assert!(words(&s, "name.up").1.contains(&"upper".to_string()));
    assert!(words(&s, "'a,b'.spl").1.contains(&"split".to_string()));
    assert!(words(&s, "items.app").1.contains(&"append".to_string()));
    if s.interp.globals.borrow().get("np").is_some_and(|np| match np {
        crate::value::Value::Module(m) => matches!(m.attrs.borrow().get("random"), Some(crate::value::Value::Module(r)) if r.attrs.borrow().contains_key("default_rng")),
        _ => false,
    }) {
        assert!(words(&s, "np.random.default_rng(0).nor").1.contains(&"normal".to_string()));
    }
    assert!(words(&s, "undefined.x").1.is_empty());
}

#[test]
fn generator_attributes_come_from_its_dir() {
    let mut s = session();
    // Only when the Generator exists in this build (np.random is filled by another module).
    if s.run_echo("rng = np.random.default_rng(0)\n", "<t>")
        .is_empty()
    {
        let w = words(&s, "rng.no").1;
        assert!(w.contains(&"normal".to_string()), "{w:?}");
    }
}

#[test]
fn keyword_arguments_inside_calls() {
    let s = session();
    assert_eq!(words(&s, "x.sum(ax").1, ["axis="]);
    assert!(words(&s, "np.mean(x, ke")
        .1
        .contains(&"keepdims=".to_string()));
    assert!(words(&s, "np.linspace(0, 1, nu")
        .1
        .contains(&"num=".to_string()));
    let (_, w) = words(&s, "np.sum(x, axis=0, ");
    assert!(
        w.contains(&"keepdims=".to_string()) && !w.contains(&"axis=".to_string()),
        "{w:?}"
    );
    assert!(
        words(&s, "f(1, be").1.contains(&"beta=".to_string()),
        "user functions"
    );
    assert!(
        words(&s, "print(x, se").1.contains(&"sep=".to_string()),
        "builtins"
    );
    assert!(
        words(&s, "np.add(x, 1, ou").1.contains(&"out=".to_string()),
        "ufuncs"
    );
    // Keyword names come first, then ordinary names.
    let w = words(&s, "np.sum(x, a").1;
    assert_eq!(w.first().map(|s| s.as_str()), Some("axis="), "{w:?}");
    assert!(w.contains(&"abs".to_string()));
}

#[test]
fn names_keywords_and_builtins() {
    let s = session();
    let w = words(&s, "it").1;
    assert!(
        w.contains(&"items".to_string()) && w.contains(&"iter".to_string()),
        "{w:?}"
    );
    assert!(words(&s, "whi").1.contains(&"while".to_string()));
    assert!(words(&s, "pri").1.contains(&"print".to_string()));
    assert_eq!(
        words(&s, "    ").1,
        ["    "],
        "Tab indents at the start of a line"
    );
}

#[test]
fn file_names_inside_strings_and_magics() {
    let dir = std::env::temp_dir().join(format!("numpyx-complete-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("data.npy"), b"").unwrap();
    let s = session();
    let d = dir.to_string_lossy();
    let (prefix, w) = words(&s, &format!("np.load('{d}/da"));
    assert_eq!(prefix, "da");
    assert_eq!(w, ["data.npy"]);
    assert_eq!(words(&s, &format!("open(\"{d}/s")).1, ["sub/"]);
    assert_eq!(words(&s, &format!("%run {d}/d")).1, ["data.npy"]);
    assert_eq!(words(&s, "%tim").1, ["%time", "%timeit"]);
    assert_eq!(words(&s, "%info o").1, ["on", "off"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn completion_never_evaluates() {
    let mut s = session();
    s.run_echo(
        "calls = []\ndef g():\n    calls.append(1)\n    return np.zeros(2)\n",
        "<t>",
    );
    let _ = words(&s, "g().su");
    let _ = words(&s, "g()[0].");
    let v = eval(&mut s, "len(calls)");
    assert_eq!(s.interp.repr(&v).unwrap(), "0");
}

#[test]
fn the_statement_of_timeit_completes_as_code() {
    let s = session();
    let (prefix, w) = words(&s, "%timeit x.res");
    assert_eq!((prefix.as_str(), w), ("res", vec!["reshape".to_string()]));
    let (prefix, w) = words(&s, "%timeit -n 10 x.sum(ax");
    assert_eq!((prefix.as_str(), w), ("ax", vec!["axis=".to_string()]));
    let (_, w) = words(&s, "%time np.lin");
    assert!(w.contains(&"linspace".to_string()), "{w:?}");
    let (_, w) = words(&s, "%timeit ");
    assert!(w.is_empty(), "{w:?}");
}
