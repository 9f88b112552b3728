#!/usr/bin/env python3
"""Generate NumPy 2.4 indexing fixtures for numpyx (src/array/index/tests/).

Usage: python3 gen.py [outdir] [number of get cases, default 2500] [seed]
(the checked-in fixtures: outdir = this directory, 3000 cases, default seed).

Output files (one record per line, fields separated by '|'):
  arrays.txt   A|name|<arr>                 arrays indexed by the cases
  get.txt      G|name|<items>|<expect>
  set.txt      S|name|<items>|<value>|<expect>

<arr>   = dtype;shape;strides;offset;values     (strides/offset in elements, values = the whole
          base buffer in order; shape/strides comma separated, empty for 0-d)
<items> = item&item&...  with item: i:<int> | s:<start>:<stop>:<step> ('_' = None) | n | e |
          a:<arr>   (an index array; Python lists are passed to NumPy as np.array, except empty
          lists, passed as [] and encoded as empty float64 arrays)
<value> = <arr> | @shape;strides;offset (a view of the target's own buffer)
get expect = ok;kind;dtype;shape;bytestrides;values  (kind: view | own | tview (transposed view
             of a fresh buffer) | scalar) or err;Type;message
set expect = ok;<values of the target's base buffer after assignment> or err;Type;message
"""
import itertools
import random
import sys
import warnings

import numpy as np

warnings.simplefilter("ignore")
OUT = sys.argv[1] if len(sys.argv) > 1 else "/work/main/src/array/index/tests"
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20240601)


def dcode(dt):
    dt = np.dtype(dt)
    if dt.kind == "U":
        return "U%d" % (dt.itemsize // 4)
    if dt.kind == "b":
        return "b1"
    return "%s%d" % (dt.kind, dt.itemsize)


def tok(x, kind):
    if kind == "b":
        return "1" if x else "0"
    if kind in "iu":
        return str(int(x))
    if kind == "f":
        f = float(x)
        if f != f:
            return "nan"
        if f in (float("inf"), float("-inf")):
            return "inf" if f > 0 else "-inf"
        return repr(f)
    if kind == "c":
        return tok(x.real, "f") + "@" + tok(x.imag, "f")
    if kind == "U":
        return "s" + str(x)
    raise ValueError(kind)


def vals(flat, dt):
    k = np.dtype(dt).kind
    return " ".join(tok(x, k) for x in flat)


def root(a):
    while a.base is not None and isinstance(a.base, np.ndarray):
        a = a.base
    return a


def enc_arr(a, base=None):
    """Encode array `a`, a view of the contiguous `base` (default: its root array).

    A root that is contiguous in another order (e.g. a fresh F-ordered ufunc result) is
    encoded with its memory order as the buffer, so strides and offsets stay exact.
    """
    if base is None:
        base = root(a)
        if base.dtype != a.dtype or not (base.flags.c_contiguous or base.flags.f_contiguous):
            a = a.copy()
            base = a
    isz = a.dtype.itemsize
    off = a.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    if a.size == 0:
        off = 0
    strides = [s // isz for s in a.strides]
    flat = base.ravel(order="K")  # memory order (the root is C- or F-contiguous)
    return "%s;%s;%s;%d;%s" % (
        dcode(a.dtype),
        ",".join(map(str, a.shape)),
        ",".join(map(str, strides)),
        off // isz,
        vals(flat, a.dtype),
    )


# ---------------------------------------------------------------- arrays under test
ARRAYS = {}


def add(name, base, view=lambda b: b):
    base = np.array(base, order="C", copy=True)
    ARRAYS[name] = (base, view)


add("A1", np.arange(5))
add("A1f", np.arange(6) * 1.5 - 2)
add("A1rev", np.arange(7), lambda b: b[::-1])
add("A1step", np.arange(10), lambda b: b[1::3])
add("A2", np.arange(12).reshape(3, 4))
add("A2F", np.arange(12).reshape(4, 3), lambda b: b.T)
add("A2s", np.arange(30).reshape(5, 6), lambda b: b[1:4, ::2])
add("A3", np.arange(24).reshape(2, 3, 4))
add("A3T", np.arange(24).reshape(4, 3, 2), lambda b: b.transpose(2, 1, 0))
add("A3p", np.arange(24).reshape(2, 3, 4), lambda b: b.transpose(1, 0, 2))
add("A4", np.arange(120).reshape(2, 3, 4, 5))
add("A0", np.array(7.5))
add("A0i", np.array(3))
add("E1", np.zeros(0))
add("E2", np.arange(0).reshape(0, 3))
add("E3", np.zeros((3, 0)))
add("Bool2", (np.arange(12) % 3 == 0).reshape(3, 4))
add("I32", np.arange(12, dtype=np.int32).reshape(3, 4) - 5)
add("U8", np.arange(10, dtype=np.uint8) * 7)
add("F32", (np.arange(8, dtype=np.float32) / 4).reshape(2, 4))
add("C16", (np.arange(6) + 1j * np.arange(6)[::-1]).reshape(2, 3))
add("Big", np.arange(600) * 0.5 - 100)
add("Big2", np.arange(600).reshape(20, 30))
add("Str", np.array(["a", "bb", "ccc", "", "eeeee", "f"]).reshape(2, 3))
add("Str1", np.array(["x", "yy", "zzz", "w"]))


def make(name):
    base, view = ARRAYS[name]
    b = base.copy()
    return b, view(b)


# ---------------------------------------------------------------- index items
class Item:
    def __init__(self, enc, obj):
        self.enc = enc
        self.obj = obj


def I(v):
    return Item("i:%d" % v, v)


def S(a=None, b=None, c=None):
    f = lambda x: "_" if x is None else str(x)
    return Item("s:%s:%s:%s" % (f(a), f(b), f(c)), slice(a, b, c))


NEW = Item("n", None)
ELL = Item("e", Ellipsis)


def ARR(a):
    a = np.asarray(a) if not isinstance(a, np.ndarray) else a
    return Item("a:" + enc_arr(a), a)


def LIST(lst):
    """A Python list index: np.array semantics, empty list stays a list (intp)."""
    arr = np.array(lst)
    if arr.size == 0:
        return Item("a:" + enc_arr(arr), lst)
    return Item("a:" + enc_arr(arr), arr)


def BOOL(b):
    return Item("a:" + enc_arr(np.array(bool(b))), np.bool_(b))


def enc_items(items):
    return "&".join(it.enc for it in items)


def index_obj(items):
    return tuple(it.obj for it in items)


# ---------------------------------------------------------------- expectations
def enc_err(e):
    return "err;%s;%s" % (type(e).__name__, str(e))


def kind_of(res, a):
    if not isinstance(res, np.ndarray):
        return "scalar"
    r = root(a)
    x = res
    while isinstance(x, np.ndarray) and x.base is not None:
        x = x.base
        if x is r or x is a:
            return "view"
    if res.base is None:
        return "own"
    return "tview"


def expect_get(name, items):
    base, a = make(name)
    try:
        res = a[index_obj(items)]
    except Exception as e:  # noqa: BLE001
        return enc_err(e), None
    kind = kind_of(res, a)
    if kind == "scalar":
        res = np.asarray(res)
        return "ok;scalar;%s;;;%s" % (dcode(res.dtype), vals(res.ravel(), res.dtype)), res
    return "ok;%s;%s;%s;%s;%s" % (
        kind,
        dcode(res.dtype),
        ",".join(map(str, res.shape)),
        ",".join(map(str, res.strides)),
        vals(res.ravel(), res.dtype),
    ), res


def expect_set(name, items, value_fn):
    base, a = make(name)
    try:
        v = value_fn(base, a)
        a[index_obj(items)] = v
    except Exception as e:  # noqa: BLE001
        return enc_err(e)
    return "ok;" + vals(base.ravel(), base.dtype)


GET, SET = [], []
SEEN = set()


def case_get(name, items):
    key = ("G", name, enc_items(items))
    if key in SEEN:
        return None
    SEEN.add(key)
    exp, res = expect_get(name, items)
    GET.append("G|%s|%s|%s" % (name, enc_items(items), exp))
    return res


def case_set(name, items, value, value_fn=None):
    """value: an np.ndarray (encoded) or ('@', view_fn) for a view of the target's buffer."""
    if isinstance(value, tuple):
        view_fn = value[1]
        base, a = make(name)
        v = view_fn(base, a)
        isz = v.dtype.itemsize
        off = (v.__array_interface__["data"][0] - base.__array_interface__["data"][0]) // isz
        enc = "@%s;%s;%d" % (",".join(map(str, v.shape)), ",".join(str(s // isz) for s in v.strides), off)
        fn = view_fn
    else:
        enc = enc_arr(value)
        fn = lambda base, a, value=value: value
    key = ("S", name, enc_items(items), enc)
    if key in SEEN:
        return
    SEEN.add(key)
    SET.append("S|%s|%s|%s|%s" % (name, enc_items(items), enc, expect_set(name, items, fn)))


# ---------------------------------------------------------------- hand-written index cases
def hand_cases():
    L = LIST
    c = [
        ("A1", [L([0, 2])]), ("A1", [L([-1, -5])]), ("A1", [L([5])]), ("A1", [L([-6])]),
        ("A1", [L([])]), ("A1", [L([[0, 1], [2, 3]])]), ("A1", [I(5)]), ("A1", [I(-6)]),
        ("A1", [I(1), I(2)]), ("A1", [BOOL(True)]), ("A1", [BOOL(False)]),
        ("A1", [ARR(np.array([1.0, 2.0]))]), ("A1", [ARR(np.array(1.0))]),
        ("A1", [ELL, ELL]), ("A1", []), ("A1", [ELL]), ("A1", [NEW]), ("A1", [S(None, None, 0)]),
        ("A1", [L([True, False, True, False, True])]), ("A1", [L([True, False, True, False])]),
        ("A1", [ARR(np.array(2))]), ("A1", [ARR(np.array(7))]), ("A1", [ARR(np.array(2)), NEW]),
        ("A2", [L([0, 2]), L([1, 3])]), ("A2", [S(), L([0, 2])]), ("A2", [L([0, 1]), S()]),
        ("A2", [L([[0], [2]]), L([1, 3])]), ("A2", [L([0, 2]), L([1, 3, 0])]),
        ("A2", [L([True, False, True])]), ("A2", [S(), L([True, False, True, True])]),
        ("A2", [L([True, False, True, True])]), ("A2", [S(), L([True, False])]),
        ("A2", [ARR(np.arange(12).reshape(3, 4) % 2 == 0)]), ("A2", [ARR(np.ones((4, 3), bool))]),
        ("A2", [ARR(np.ones((3, 4, 1), bool))]), ("A2", [I(1), L([0, 3])]), ("A2", [L([0, 3]), I(1)]),
        ("A2", [I(1), I(2), I(3)]), ("A2", [L([0]), L([0]), L([0])]), ("A2", [ELL, L([0])]),
        ("A2", [L([0, 1]), NEW]), ("A2", [NEW, L([0, 1])]), ("A2", [L([0, 1]), NEW, L([1, 2])]),
        ("A2", [ARR(np.array([[0, 1], [2, 0]]).T), ARR(np.array([[1, 2], [3, 0]]).T)]),
        ("A2", [BOOL(True), L([0, 1])]), ("A2", [L([0, 1]), BOOL(False)]),
        ("A2", [BOOL(False), L([0, 1])]), ("A2", [L([[0, 1]]), BOOL(False)]),
        ("A2", [BOOL(True), BOOL(True)]), ("A2", [BOOL(True), I(0), BOOL(False)]),
        ("A2", [L([3, 0])]), ("A2", [S(), L([4])]), ("A2", [L([5, 0]), L([0, 9])]),
        ("A2", [L([0, 0]), L([9, 0])]), ("A2", [L([[9, 0], [0, 7]])]),
        ("A2", [ARR(np.array([[0, 5], [7, 1]]).T)]), ("A2", [I(-4)]), ("A2", [I(0), I(4)]),
        ("A2", [L([]), S()]), ("A2", [S(), L([])]), ("A2", [L([]), L([])]), ("A2", [L([[]])]),
        ("A2", [ARR(np.zeros((0,), int)), ARR(np.array([[5], [6]]))]),
        ("A2", [ARR(np.array([5, 6], np.int8))]), ("A2", [ARR(np.array([2 ** 64 - 1], np.uint64))]),
        ("A2", [ARR(np.array([-1, 1], np.int32)), S(None, None, -1)]),
        ("A3", [L([0, 1]), S(), L([1, 2])]), ("A3", [I(0), S(), L([0, 1])]), ("A3", [S(), I(0), L([0, 1])]),
        ("A3", [ELL, L([0])]), ("A3", [S(), L([0, 2])]), ("A3", [L([0, 1])]), ("A3", [S(), S(), L([3, 0])]),
        ("A3", [L([1]), I(1), L([2])]), ("A3", [L([1]), S(), I(2)]), ("A3", [NEW, L([1]), S(), I(2)]),
        ("A3", [S(), L([[0], [1]]), L([0, 3])]), ("A3", [S(), NEW, L([0, 1]), L([1, 2])]),
        ("A3", [ARR(np.ones((2, 3), bool))]), ("A3", [S(), ARR(np.eye(3, 4, dtype=bool))]),
        ("A3", [ARR(np.eye(2, 3, dtype=bool)), L([0, 1])]), ("A3", [ARR(np.eye(2, 3, dtype=bool)), S(), NEW]),
        ("A3", [I(1), ARR(np.eye(3, 4, dtype=bool))]), ("A3", [ARR(np.ones((2, 4), bool))]),
        ("A3", [ELL, ARR(np.ones((3, 5), bool))]), ("A3", [L([0, 1]), L([0, 1]), L([0, 1]), L([0, 1])]),
        ("A3", [S(None, None, 0), L([0])]), ("A3", [I(5), L([9])]), ("A3", [L([9]), I(5)]),
        ("A3", [L([0, 1]), ELL, L([0, 1])]), ("A3", [L([0, 5]), S(), L([0, 1])]),
        ("A3T", [L([0, 1])]), ("A3T", [S(), L([0, 2])]), ("A3T", [L([0, 1]), L([0, 1])]),
        ("A3T", [S(), S(), L([0, 2])]), ("A3p", [L([2, 0])]), ("A3p", [S(), S(), L([0, 2])]),
        ("A2F", [L([0, 2])]), ("A2F", [S(), L([0, 2])]), ("A2F", [ARR(np.array([1]))]),
        ("A2F", [ARR(np.array(1))]), ("A2F", [ARR(np.array(1)), S()]), ("A3T", [ARR(np.array(1))]),
        ("A3T", [S(), ARR(np.array(1))]), ("A2s", [L([0, 2]), S()]), ("A2s", [S(), L([2, 0])]),
        ("A4", [S(), L([0, 1]), S(), L([1, 2])]), ("A4", [I(1), S(), L([0, 2]), L([1, 4])]),
        ("A4", [L([[0], [1]]), S(), L([1, 2, 3])]), ("A4", [ELL, L([0, 1]), L([2, 4])]),
        ("A4", [S(), S(), I(2), L([0, 4])]), ("A4", [S(), I(2), S(), L([0, 4])]),
        ("A0", []), ("A0", [ELL]), ("A0", [NEW]), ("A0", [BOOL(True)]), ("A0", [BOOL(False)]),
        ("A0", [I(0)]), ("A0", [L([0])]), ("A0", [NEW, ELL, NEW]), ("A0", [BOOL(True), BOOL(False)]),
        ("A0i", []), ("A0i", [ARR(np.array(0))]), ("A0i", [NEW, BOOL(True)]),
        ("E1", [L([])]), ("E1", [L([0])]), ("E1", [ARR(np.zeros(0, bool))]), ("E1", [S(1, 3)]),
        ("E2", [L([0])]), ("E2", [S(), L([0, 2])]), ("E2", [S(), L([3])]), ("E2", [L([]), L([5])]),
        ("E3", [L([0, 1])]), ("E3", [L([0, 1]), S()]), ("E3", [S(), L([0])]), ("E3", [L([0, 2]), L([])]),
        ("E3", [ARR(np.zeros((3, 0), bool))]), ("E3", [ARR(np.ones(3, bool))]),
        ("Bool2", [ARR(np.array([[True, False, True, False]] * 3))]), ("Bool2", [L([0, 2]), L([1, 3])]),
        ("I32", [L([2, 0]), S(None, None, -1)]), ("U8", [L([9, -10, 3])]), ("F32", [S(), L([3, 0])]),
        ("C16", [L([1, 0]), L([2, 2])]), ("C16", [ARR(np.array([[True, False, True], [False, True, True]]))]),
        ("Str", [L([1, 0]), L([2, 0])]), ("Str", [S(), L([2, 0])]), ("Str", [ARR(np.array([[True, False, True], [False, True, True]]))]),
        ("Str", [I(1)]), ("Str", [I(1), I(1)]), ("Str1", [L([3, 1, 1])]), ("Str1", [L([4])]),
        ("A1", [ARR(np.array([[0, 1], [2, 3]])[::-1])]), ("A1", [ARR(np.array([[0, 1], [2, 3]]).T)]),
        ("A1", [ARR(np.array([[0, 1], [2, 3]], np.int32).T)]), ("A1", [ARR(np.arange(6).reshape(2, 1, 3).T % 5)]),
        ("A1", [ARR(np.arange(6).reshape(3, 2)[:, ::-1] % 5)]), ("A1", [ARR(np.arange(12).reshape(3, 4)[::2, ::2] % 5)]),
        ("A1", [ARR(np.array([[7, 0], [0, 9]]).T)]), ("A1rev", [L([0, -1])]), ("A1step", [L([2, 0])]),
        ("A1", [S(5, 2, -1)]), ("A1", [S(3, 1)]), ("A2", [S(3, 1), L([0])]), ("A2", [S(3, 1), S(4, 0, -1)]),
    ]
    return c


# ---------------------------------------------------------------- random index generation
INT_DTYPES = [np.int64, np.int64, np.int64, np.int32, np.int8, np.uint8, np.intp, np.uint64, np.int16]


def rand_int_array(dim_hint):
    shape = rng.choice([(), (1,), (2,), (3,), (2, 1), (1, 3), (2, 3), (0,), (3, 2), (1,), (4,)])
    lo, hi = -dim_hint - (1 if rng.random() < 0.15 else 0), dim_hint + (1 if rng.random() < 0.15 else 0)
    if hi <= lo:
        hi = lo + 1
    dt = rng.choice(INT_DTYPES)
    if np.dtype(dt).kind == "u":
        lo = 0
    size = int(np.prod(shape)) if shape else 1
    data = np.array([rng.randrange(lo, max(hi, lo + 1)) for _ in range(size)], dtype=np.int64)
    arr = data.reshape(shape).astype(dt) if shape else np.array(data[0]).astype(dt)
    r = rng.random()
    if arr.ndim == 2 and r < 0.2:
        arr = np.ascontiguousarray(arr.T).T  # F-ordered
    elif arr.ndim == 2 and r < 0.3:
        arr = np.ascontiguousarray(arr[::-1, ::-1])[::-1, ::-1]  # negative strides
    elif arr.ndim == 2 and r < 0.35:
        arr = np.ascontiguousarray(arr[::-1])[::-1]  # one negative stride
    elif arr.ndim == 2 and arr.shape[0] > 1 and r < 0.4:
        arr = np.broadcast_to(arr[:1], arr.shape)  # zero stride
    elif arr.ndim == 1 and arr.size > 1 and r < 0.3:
        arr = np.ascontiguousarray(arr[::-1])[::-1]  # negative stride view
    if rng.random() < 0.2 and arr.ndim == 1:
        return LIST(arr.tolist())
    return ARR(arr)


def rand_bool_array(shape_hint):
    r = rng.random()
    if r < 0.7:
        shape = shape_hint
    elif r < 0.85:
        shape = tuple(max(0, d + rng.choice([-1, 1])) for d in shape_hint)
    else:
        shape = shape_hint[:-1] if shape_hint else (2,)
    data = np.array([rng.random() < 0.5 for _ in range(int(np.prod(shape)) if shape else 1)], dtype=bool)
    arr = data.reshape(shape) if shape else np.array(data[0])
    if arr.ndim == 2 and rng.random() < 0.2:
        arr = np.ascontiguousarray(arr.T).T
    return ARR(arr)


def rand_items(a):
    nd = a.ndim
    n = rng.choice([0, 1, 1, 1, 2, 2, 2, 3, 3, 4, min(nd + 1, 5)])
    items = []
    axis = 0
    has_ell = False
    for _ in range(n):
        d = a.shape[axis] if axis < nd else 3
        r = rng.random()
        if axis >= nd and rng.random() < 0.85:
            # Out of axes: mostly items that use none (too many indices stays possible).
            r = rng.choice([0.4, 0.4, 0.47, 0.95])
        if r < 0.2:
            v = rng.randrange(-d - 1, d + 1) if rng.random() < 0.15 else (rng.randrange(-d, d) if d else 0)
            items.append(I(v))
            axis += 1
        elif r < 0.38:
            pick = lambda: rng.choice([None, None, 0, 1, 2, -1, -2, 5, -6, 3])
            step = rng.choice([None, None, None, 1, 2, -1, -2, 3]) if rng.random() > 0.01 else 0
            items.append(S(pick(), pick(), step))
            axis += 1
        elif r < 0.45:
            items.append(NEW)
        elif r < 0.5:
            if has_ell and rng.random() < 0.8:
                items.append(NEW)
                continue
            has_ell = True
            items.append(ELL)
            axis = max(axis, nd - (n - len(items)))
        elif r < 0.8:
            items.append(rand_int_array(d))
            axis += 1
        elif r < 0.93:
            k = rng.choice([1, 1, 1, 2, 2, 3])
            hint = tuple(a.shape[axis:axis + k]) if axis < nd else (3,)
            items.append(rand_bool_array(hint))
            axis += len(hint)
        elif r < 0.97:
            items.append(BOOL(rng.random() < 0.6))
        elif r < 0.99:
            items.append(LIST([]))
        elif r < 0.995:
            items.append(ARR(np.array([0.0, 1.0])))
        else:
            items.append(ARR(np.array([[True, False]] * 2)))
    return items


# ---------------------------------------------------------------- values for assignment
def rand_values(name, items, res):
    """Several values to assign for a get result `res` (None when the get failed)."""
    base, a = make(name)
    dk = a.dtype.kind
    out = []

    def cast_ok(v):
        if dk == "U":
            return v.astype(a.dtype) if rng.random() < 0.7 else v
        return v

    def scalar():
        if dk == "U":
            return np.array(rng.choice(["q", "rr", "sssss", ""]))
        if dk == "b":
            return np.array(rng.random() < 0.5)
        if dk == "c":
            return np.array(complex(rng.randrange(50), rng.randrange(5)))
        return rng.choice([np.array(rng.randrange(90)), np.array(rng.randrange(900) / 8), np.array(True), np.array(np.int8(9))])

    def full(shape):
        size = int(np.prod(shape)) if shape else 1
        if dk == "U":
            data = np.array([rng.choice(["m", "nn", "ooo", "pppppp", ""]) for _ in range(size)])
        elif dk == "b":
            data = np.array([rng.random() < 0.5 for _ in range(size)], dtype=bool)
        elif dk == "c":
            data = np.array([complex(rng.randrange(40), rng.randrange(4)) for _ in range(size)])
        else:
            kind = rng.choice(["i", "f", "same", "b"])
            if kind == "i":
                data = np.array([rng.randrange(100) for _ in range(size)])
            elif kind == "f":
                data = np.array([rng.randrange(800) / 8 for _ in range(size)])
            elif kind == "b":
                data = np.array([rng.random() < 0.5 for _ in range(size)])
            else:
                data = np.array([rng.randrange(60) for _ in range(size)]).astype(a.dtype)
        return data.reshape(shape) if shape else data.reshape(())

    out.append(cast_ok(scalar()))
    if res is not None and isinstance(res, np.ndarray):
        shp = res.shape
        out.append(cast_ok(full(shp)))
        if len(shp) >= 2:
            out.append(np.ascontiguousarray(cast_ok(full(shp[::-1]))).T)  # F-ordered value
        if len(shp) >= 1 and shp[0] > 1:
            out.append(np.ascontiguousarray(cast_ok(full(shp)))[::-1])  # reversed value
        if len(shp) >= 1:
            out.append(cast_ok(full(shp[1:])))
            out.append(cast_ok(full((1,) + shp)))
            out.append(cast_ok(full(shp[:-1] + (shp[-1] + 1,))))
            if shp[-1] > 1:
                out.append(cast_ok(full(shp[:-1] + (1,))))
            out.append(cast_ok(full((2,) + shp)))
        if len(shp) >= 2:
            out.append(cast_ok(full((shp[0],) + (1,) * (len(shp) - 1))))
            out.append(cast_ok(full(shp[::-1])))
        if len(shp) == 0:
            out.append(cast_ok(full((1,))))
            out.append(cast_ok(full((2,))))
    else:
        out.append(cast_ok(full((2,))))
    if rng.random() < 0.3:
        out.append(cast_ok(full((1, 1))))
    return out


# ---------------------------------------------------------------- main
def main():
    hand = hand_cases()
    for name, items in hand:
        res = case_get(name, items)
        for v in rand_values(name, items, res):
            case_set(name, items, v)
    names = list(ARRAYS)
    weights = {n: 1 for n in names}
    for n in ("A2", "A3", "A4", "A3T", "A2F", "A1"):
        weights[n] = 4
    pool = [n for n in names if not n.startswith("Big") for _ in range(weights[n])]
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 2500
    while len(GET) < target:
        name = rng.choice(pool)
        _, a = make(name)
        items = rand_items(a)
        res = case_get(name, items)
        if rng.random() < 0.8:
            vs = rand_values(name, items, res)
            for v in rng.sample(vs, min(len(vs), 3)):
                case_set(name, items, v)
    # Assignments whose value is a view of the target's own buffer.
    L = LIST
    overl = [
        ("A1", [S(1, None)], lambda b, a: a[:-1]),
        ("A1", [S(None, -1)], lambda b, a: a[1:]),
        ("A1", [L([0, 1])], lambda b, a: a[1:3]),
        ("A1", [L([4, 3, 2, 1, 0])], lambda b, a: a),
        ("A1", [ARR(np.array([True, False, True, True, False]))], lambda b, a: a[1:4]),
        ("A1", [ARR(np.array([False, True, True, True, True]))], lambda b, a: a[:4]),
        ("A2", [S(), L([0, 1])], lambda b, a: a[:, 2:]),
        ("A2", [L([1, 2])], lambda b, a: a[:2]),
        ("A2", [ARR(np.arange(12).reshape(3, 4) % 2 == 0)], lambda b, a: a[0, :]),
        ("A2F", [L([0, 2]), L([1, 2])], lambda b, a: a[0, 1:3]),
        ("A3", [ELL, L([0])], lambda b, a: a[..., 1:2]),
        ("A1", [ELL], lambda b, a: a[::-1]),
    ]
    for name, items, fn in overl:
        case_set(name, items, ("@", fn))
    # The brief's examples, spelled out.
    brief_sets = [
        ("A1", [L([0, 2])], np.array([7, 8])),
        ("A1f", [ARR(np.arange(6) * 1.5 - 2 < 0)], np.array(0)),
        ("A2", [ARR(np.arange(3)), L([1, 0, 3])], np.array(1)),
        ("A2", [S(), I(0)], np.array([9, 8, 7])),
        ("A1", [ARR(np.array([True, False, True, True, False]))], np.array([10, 30, 40])),
        ("A1", [L([1, 1, 1])], np.array([1, 2, 3])),
        ("A1", [L([0, 2])], np.array([7, 8, 9])),
        ("A1", [ARR(np.array([True, False, True, True, False]))], np.array([1, 2])),
        ("A1", [L([0, 1])], np.array([2.9, -1.7])),
        ("I32", [ARR(np.arange(12).reshape(3, 4) % 5 == 0)], np.array([[1, 2]])),
    ]
    for name, items, v in brief_sets:
        case_get(name, items)
        case_set(name, items, v)
    for name, items in [
        ("A2", [ARR(np.arange(3)), L([1, 0, 3])]),
        ("A2", [ARR(np.array([0, 2])[:, None]), L([1, 3])]),
        ("A3", [ELL, L([0])]),
        ("A2", [L([0, 1]), S(), L([1, 2])]),
    ]:
        case_get(name, items)
    # Larger arrays: chunked kernels (masks over 256 elements, long gathers).
    big_rng = np.random.default_rng(7)
    bm = big_rng.random(600) < 0.5
    bi = big_rng.integers(-600, 600, 700)
    b2m = big_rng.random((20, 30)) < 0.3
    for name, items, vals_ in [
        ("Big", [ARR(bm)], [np.array(1.5), big_rng.integers(0, 9, int(bm.sum()))]),
        ("Big", [ARR(bi)], [np.array(2), big_rng.integers(0, 9, 700)]),
        ("Big", [S(None, None, -1), ], []),
        ("Big", [ARR(bi.reshape(35, 20))], [np.array(3)]),
        ("Big2", [ARR(b2m)], [np.array(-1), big_rng.integers(0, 9, int(b2m.sum()))]),
        ("Big2", [S(None, None, 2), ARR(b2m[0])], [np.array(4)]),
        ("Big2", [ARR(big_rng.integers(0, 20, 50)), S(3, None)], [np.array(5), big_rng.integers(0, 9, 27)]),
        ("Big2", [ARR(big_rng.integers(0, 20, (7, 1))), ARR(big_rng.integers(-30, 30, 40))], [np.array(6)]),
        ("Big2", [S(), ARR(big_rng.integers(0, 30, 300))], [np.array(7), big_rng.integers(0, 9, 300)]),
    ]:
        case_get(name, items)
        for v in vals_:
            case_set(name, items, v)
    # Index arrays aliasing the target (a[a] = ...).
    for name, items, v in [
        ("A1", [ARR(np.array([4, 3, 2, 1, 0]))], np.array(0)),
    ]:
        case_set(name, items, v)
    with open(OUT + "/arrays.txt", "w") as f:
        for name in names:
            base, view = ARRAYS[name]
            b = base.copy()
            f.write("A|%s|%s\n" % (name, enc_arr(view(b), b)))
    with open(OUT + "/get.txt", "w") as f:
        f.write("\n".join(GET) + "\n")
    with open(OUT + "/set.txt", "w") as f:
        f.write("\n".join(SET) + "\n")
    print(len(GET), "get cases,", len(SET), "set cases", file=sys.stderr)


main()
