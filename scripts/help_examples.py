#!/usr/bin/env python3
"""Generate src/repl/examples.rs: the examples shown by `help(np.mean)` / `np.mean?`.

Each example is a few statements; the output of every expression statement is computed here
with real NumPy (never written by hand). A unit test runs each example in numpyx and compares.
Run: python3 scripts/help_examples.py
"""
import os
import numpy as np

EXAMPLES = {
    "np.array": ["np.array([[1, 2], [3, 4]], dtype=np.float32)"],
    "np.asarray": ["np.asarray([1, 2, 3])"],
    "np.zeros": ["np.zeros((2, 3))"],
    "np.ones": ["np.ones(3, dtype=int)"],
    "np.empty": ["np.empty(0)"],
    "np.full": ["np.full((2, 2), 7)"],
    "np.zeros_like": ["np.zeros_like(np.arange(3))"],
    "np.ones_like": ["np.ones_like(np.arange(3.0))"],
    "np.full_like": ["np.full_like(np.arange(3), 5)"],
    "np.arange": ["np.arange(5)", "np.arange(1, 2, 0.25)"],
    "np.linspace": ["np.linspace(0, 1, 5)"],
    "np.eye": ["np.eye(2, 3, k=1)"],
    "np.identity": ["np.identity(2)"],
    "np.copy": ["np.copy(np.arange(3))"],
    "np.reshape": ["np.reshape(np.arange(6), (2, 3))"],
    "np.ravel": ["np.ravel(np.arange(6).reshape(2, 3))"],
    "np.transpose": ["np.transpose(np.arange(6).reshape(2, 3))"],
    "np.swapaxes": ["np.swapaxes(np.zeros((2, 3, 4)), 0, 2).shape"],
    "np.squeeze": ["np.squeeze(np.zeros((1, 3, 1))).shape"],
    "np.expand_dims": ["np.expand_dims(np.arange(3), 0)"],
    "np.broadcast_to": ["np.broadcast_to(np.arange(3), (2, 3))"],
    "np.concatenate": ["np.concatenate([np.arange(2), np.arange(3)])"],
    "np.stack": ["np.stack([np.arange(3), np.arange(3)], axis=1)"],
    "np.vstack": ["np.vstack([np.arange(3), np.arange(3)])"],
    "np.hstack": ["np.hstack([np.arange(2), np.arange(3)])"],
    "np.split": ["np.split(np.arange(6), 3)"],
    "np.tile": ["np.tile(np.arange(3), 2)"],
    "np.repeat": ["np.repeat(np.arange(3), 2)"],
    "np.flip": ["np.flip(np.arange(4))"],
    "np.roll": ["np.roll(np.arange(5), 2)"],
    "np.where": ["a = np.arange(5)", "np.where(a > 2, a, -1)"],
    "np.clip": ["np.clip(np.arange(6), 1, 4)"],
    "np.round": ["np.round(np.array([0.5, 1.5, 2.675]), 2)"],
    "np.sum": ["a = np.arange(6).reshape(2, 3)", "np.sum(a)", "np.sum(a, axis=0)"],
    "np.prod": ["np.prod(np.array([1, 2, 3, 4]))"],
    "np.mean": ["a = np.array([[1, 2], [3, 4]])", "np.mean(a)", "np.mean(a, axis=0)"],
    "np.std": ["np.std(np.array([1.0, 2.0, 3.0, 4.0]))"],
    "np.var": ["np.var(np.array([1.0, 2.0, 3.0, 4.0]), ddof=1)"],
    "np.min": ["np.min(np.array([[3, 1], [2, 5]]), axis=1)"],
    "np.max": ["np.max(np.array([[3, 1], [2, 5]]), axis=0)"],
    "np.argmin": ["np.argmin(np.array([3, 1, 2]))"],
    "np.argmax": ["np.argmax(np.array([[3, 1], [2, 5]]), axis=1)"],
    "np.any": ["np.any(np.array([0, 0, 1]))"],
    "np.all": ["np.all(np.array([[1, 0], [1, 1]]), axis=0)"],
    "np.ptp": ["np.ptp(np.array([4, 9, 2]))"],
    "np.cumsum": ["np.cumsum(np.arange(1, 5))"],
    "np.cumprod": ["np.cumprod(np.arange(1, 5))"],
    "np.count_nonzero": ["np.count_nonzero(np.array([0, 1, 2, 0]))"],
    "np.nonzero": ["np.nonzero(np.array([0, 3, 0, 4]))"],
    "np.sqrt": ["np.sqrt(np.array([1.0, 4.0, 9.0]))"],
    "np.exp": ["np.exp(np.array([0.0, 1.0]))"],
    "np.log": ["np.log(np.array([1.0, np.e]))"],
    "np.abs": ["np.abs(np.array([-1.5, 2.0]))"],
    "np.sin": ["np.sin(np.array([0.0, np.pi / 2]))"],
    "np.add": ["np.add(np.arange(3), 10)", "np.add.reduce(np.arange(4))"],
    "np.multiply": ["np.multiply(np.arange(3), np.arange(3))"],
    "np.maximum": ["np.maximum(np.array([1, 5, 3]), 2)"],
    "np.matmul": ["np.matmul(np.eye(2), np.array([[1, 2], [3, 4]]))"],
    "np.dot": ["np.dot(np.array([1, 2, 3]), np.array([4, 5, 6]))"],
    "np.isnan": ["np.isnan(np.array([1.0, np.nan]))"],
    "np.sort": ["np.sort(np.array([3, 1, 2]))"],
    "np.argsort": ["np.argsort(np.array([3, 1, 2]))"],
    "np.unique": ["np.unique(np.array([3, 1, 3, 2, 1]))"],
    "np.shares_memory": ["a = np.arange(6)", "np.shares_memory(a, a[::2])"],
    "np.linalg.norm": ["np.linalg.norm(np.array([3.0, 4.0]))"],
    "np.linalg.inv": ["np.linalg.inv(np.array([[2.0, 0.0], [0.0, 4.0]]))"],
    "np.linalg.det": ["np.linalg.det(np.array([[1.0, 2.0], [3.0, 4.0]]))"],
    "np.linalg.solve": ["np.linalg.solve(np.array([[2.0, 0.0], [0.0, 4.0]]), np.array([2.0, 8.0]))"],
    "np.random.default_rng": ["rng = np.random.default_rng(42)", "rng.integers(0, 10, size=5)"],
    "ndarray.reshape": ["np.arange(6).reshape(2, 3)"],
    "ndarray.sum": ["np.arange(6).reshape(2, 3).sum(axis=1)"],
    "ndarray.mean": ["np.arange(6).reshape(2, 3).mean(axis=0)"],
    "ndarray.astype": ["np.array([1.7, -1.7]).astype(int)"],
    "ndarray.T": ["np.arange(6).reshape(2, 3).T"],
    "ndarray.copy": ["a = np.arange(3)", "b = a.copy()", "b[0] = 9", "a"],
    "ndarray.tolist": ["np.arange(4).reshape(2, 2).tolist()"],
    "ndarray.ravel": ["np.arange(6).reshape(2, 3).ravel()"],
    "ndarray.transpose": ["np.arange(6).reshape(2, 3).transpose()"],
    "ndarray.max": ["np.array([[3, 1], [2, 5]]).max(axis=0)"],
    "Generator.normal": ["rng = np.random.default_rng(0)", "rng.normal(size=3)"],
    "Generator.random": ["rng = np.random.default_rng(0)", "rng.random(3)"],
    "Generator.integers": ["rng = np.random.default_rng(0)", "rng.integers(1, 7, size=4)"],
}


def transcript(lines):
    ns = {"np": np}
    out = []
    for line in lines:
        try:
            code = compile(line, "<example>", "eval")
        except SyntaxError:
            exec(line, ns)
            out.append((line, None))
            continue
        v = eval(code, ns)
        out.append((line, None if v is None else repr(v)))
    return out


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rows = []
    for name, lines in EXAMPLES.items():
        steps = ", ".join(
            f"({rust_str(code)}, {'None' if out is None else 'Some(' + rust_str(out) + ')'})"
            for code, out in transcript(lines)
        )
        rows.append(f"    ({rust_str(name)}, &[{steps}]),")
    text = (
        "//! Examples shown by `help()` and `?`, keyed by qualified name (`np.mean`, `ndarray.sum`).\n"
        "//! GENERATED by scripts/help_examples.py with real NumPy " + np.__version__ + ": do not edit by hand.\n"
        "//! Each step is a line of code and, for an expression, NumPy's repr of its value.\n\n"
        "/// One line of an example and the repr NumPy prints for it (None for statements).\n"
        "pub type Step = (&'static str, Option<&'static str>);\n\n"
        "/// The examples table.\n"
        "#[rustfmt::skip]\n"
        "pub const EXAMPLES: &[(&str, &[Step])] = &[\n" + "\n".join(rows) + "\n];\n"
    )
    with open(os.path.join(root, "src", "repl", "examples.rs"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
