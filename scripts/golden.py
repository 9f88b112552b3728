#!/usr/bin/env python3
"""Regenerate the expected outputs of numpyx's golden tests with real NumPy.

Each tests/golden/**/CASE.npx runs in echo mode (the contract of numpyx --echo): `np` is NumPy,
every top-level expression statement prints its repr when not None, an exception prints
`TypeName: first line of message` and the run goes on. The result is written to CASE.out.

    pip install numpy && python3 scripts/golden.py            # all cases
    python3 scripts/golden.py tests/golden/numpy/views.npx     # some
"""
import ast
import contextlib
import io
import pathlib
import subprocess
import sys
import warnings


def echo(source, filename):
    import numpy as np

    out = io.StringIO()
    ns = {"np": np, "__name__": "__main__"}
    tree = ast.parse(source, filename)
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for stmt in tree.body:
            try:
                if isinstance(stmt, ast.Expr):
                    value = eval(compile(ast.Expression(stmt.value), filename, "eval"), ns)
                    if value is not None:
                        print(repr(value))
                else:
                    exec(compile(ast.Module([stmt], []), filename, "exec"), ns)
            except (Exception, SystemExit) as e:  # a case may raise anything
                print(f"{type(e).__name__}: {str(e).split(chr(10), 1)[0]}")
    return out.getvalue()


def main(argv):
    root = pathlib.Path(__file__).resolve().parent.parent
    if argv and argv[0] == "--one":
        p = pathlib.Path(argv[1])
        sys.stdout.write(echo(p.read_text(), str(p)))
        return 0
    paths = [pathlib.Path(a) for a in argv] or [root / "tests" / "golden"]
    cases = []
    for p in paths:
        cases += sorted(p.rglob("*.npx")) if p.is_dir() else [p]
    for case in cases:
        # One process per case: no NumPy state (print options, global RNG) leaks between them.
        run = subprocess.run([sys.executable, __file__, "--one", str(case)], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"golden.py: {case}: {run.stderr.strip()}")
        case.with_suffix(".out").write_text(run.stdout)
    print(f"wrote {len(cases)} expected outputs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
