//! The `numpyx` command line: REPL, script runner, `-c`, stdin, and echo mode.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use numpyx::interp::Output;
use numpyx::{Session, StmtOutcome};

const USAGE: &str = "\
numpyx — a NumPy-compatible array language

Usage:
  numpyx                 start the interactive prompt (REPL)
  numpyx FILE.npx        run a script (only print() writes; errors show a traceback, exit 1)
  numpyx -c CODE         run CODE as a script
  numpyx -               run a script read from standard input (also when stdin is piped)
  numpyx --echo FILE|-   echo mode: print the repr of every top-level expression and
                         `Type: message` for every exception, then go on (NumPy's oracle format)
  numpyx --help          this text
  numpyx --version       the version

`np` is NumPy and is already imported; `import numpy as np` works as usual.
Set NO_COLOR to disable colours; NUMPYX_HISTORY to choose the REPL history file.";

/// Interpreter threads get a large stack so deep (but bounded) recursion never overflows it.
const STACK_SIZE: usize = 1 << 30;

extern "C" fn on_sigint(_: libc::c_int) {
    numpyx::INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn install_sigint() {
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, on_sigint as *const () as libc::sighandler_t);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let handle = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || run(args));
    match handle.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => {
            eprintln!("numpyx: internal error");
            ExitCode::from(70)
        }
    }
}

fn read_source(path: &str) -> Result<String, u8> {
    if path == "-" {
        let mut s = String::new();
        return std::io::stdin()
            .read_to_string(&mut s)
            .map(|_| s)
            .map_err(|e| {
                eprintln!("numpyx: cannot read standard input: {e}");
                2
            });
    }
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("numpyx: can't open file '{path}': {e}");
        2
    })
}

fn run(args: Vec<String>) -> u8 {
    install_sigint();
    match args.first().map(|s| s.as_str()) {
        Some("-h") | Some("--help") => {
            println!("{USAGE}");
            0
        }
        Some("-V") | Some("--version") => {
            println!("numpyx {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Some("--echo") => {
            let Some(path) = args.get(1) else {
                eprintln!("numpyx: --echo needs a FILE (or - for stdin)");
                return 2;
            };
            match read_source(path) {
                Ok(src) => {
                    let mut s =
                        Session::new(Output::Stdout(std::io::BufWriter::new(std::io::stdout())));
                    s.run_echo(&src, path);
                    s.interp.out.flush();
                    0
                }
                Err(code) => code,
            }
        }
        Some("-c") => match args.get(1) {
            Some(code) => run_script(code, "<string>"),
            None => {
                eprintln!("numpyx: -c needs an argument");
                2
            }
        },
        Some(path) if !path.starts_with('-') || path == "-" => match read_source(path) {
            Ok(src) => run_script(&src, if path == "-" { "<stdin>" } else { path }),
            Err(code) => code,
        },
        Some(other) => {
            eprintln!("numpyx: unknown option {other}\n\n{USAGE}");
            2
        }
        None => {
            if std::io::stdin().is_terminal() {
                numpyx::repl::run()
            } else {
                match read_source("-") {
                    Ok(src) => run_script(&src, "<stdin>"),
                    Err(code) => code,
                }
            }
        }
    }
}

/// Run a whole program like `python FILE`: stop at the first uncaught exception.
fn run_script(src: &str, name: &str) -> u8 {
    let mut s = Session::new(Output::Stdout(std::io::BufWriter::new(std::io::stdout())));
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (id, stmts) = match s.parse(src, name) {
        Ok(x) => x,
        Err(e) => {
            report(&s, &e, color);
            return 1;
        }
    };
    for stmt in &stmts {
        if let StmtOutcome::Error(e) = s.run_stmt(id, stmt) {
            s.interp.out.flush();
            if e.ty == numpyx::errors::ExcType::SystemExit {
                return s.interp.exit_code.unwrap_or(0).clamp(0, 255) as u8;
            }
            report(&s, &e, color);
            // As a shell reports a process ended by SIGINT (Python re-raises the signal).
            return if e.ty == numpyx::errors::ExcType::KeyboardInterrupt {
                130
            } else {
                1
            };
        }
    }
    s.interp.out.flush();
    0
}

fn report(s: &Session, e: &numpyx::errors::Exception, color: bool) {
    let m = numpyx::diagnostics::traceback(e, &s.interp.sources, &s.interp.last_traceback);
    if color {
        eprint!("{}", numpyx::diagnostics::colored(&m));
    } else {
        eprint!("{}", numpyx::diagnostics::plain(&m));
    }
}
