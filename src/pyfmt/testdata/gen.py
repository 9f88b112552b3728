#!/usr/bin/env python3
"""Generates CPython 3.11 oracle data for src/pyfmt tests.

Writes tab-separated text files next to this script (src/pyfmt/testdata/); run it with
CPython 3.11: `python3 gen.py`. Every text field is
escaped with esc() (backslash, tab, newline, CR, other control chars as \\xHH). Expected
results are 'OK:<text>' or 'ERR:<ExcType>:<message>'.
"""
import math
import os
import random
import struct
import string
import sys
import _string

assert sys.version_info[:2] == (3, 11), sys.version
OUT = os.path.dirname(os.path.abspath(__file__))
os.makedirs(OUT, exist_ok=True)
rng = random.Random(20240611)


def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "".join(out)


def fbits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def run(fn):
    try:
        return "OK:" + fn()
    except Exception as e:  # noqa: BLE001 - we record every exception as data
        return "ERR:%s:%s" % (type(e).__name__, e)


def has_surrogate(c):
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in str(c))


def write(name, rows):
    # Lone surrogates cannot live in a Rust String: such cases are documented deviations.
    rows = [r if not any(has_surrogate(c) for c in r) else
            tuple("SKIP:surrogate" if has_surrogate(c) else c for c in r) for r in rows]
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(esc(str(c)) for c in row) + "\n")
    print(name, len(rows))


def rand_double():
    """A random finite double: uniform bit patterns plus 'human' decimals."""
    k = rng.random()
    if k < 0.4:
        while True:
            x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
            if math.isfinite(x):
                return x
    if k < 0.7:
        return float("%.*g" % (rng.randint(1, 17), rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30)))
    if k < 0.85:
        return rng.randint(-10**6, 10**6) / 10 ** rng.randint(0, 8)
    return rng.uniform(-1, 1) * 2.0 ** rng.randint(-1074, 1023)


# ---------------------------------------------------------------- float repr
vals = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.1, 1e16, 1e15, 1e-4, 1e-5, 1.5e300,
        123456789012345.0, 1234567890123456.0, 12345678901234567.0, 9999999999999998.0,
        5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
        2e16 + 8, 0.0001, 0.00009999, 1e22, 1e23, float(2**53), float(2**53 + 2), 9007199254740993.0,
        1 / 3, 2 / 3, 0.3, 100.0, 1e100, 1e-100, -1.5, 4.35, 0.1 + 0.2]
for e in range(-325, 310):
    vals.append(float("1e%d" % e))
    vals.append(float("9.999e%d" % e))
for e in range(-1074, 1024, 7):
    vals.append(2.0 ** e)
while len(vals) < 6000:
    vals.append(rand_double())
write("float_repr.tsv", [(fbits(v), repr(v)) for v in vals])

# ---------------------------------------------------------------- format(float)
fvals = [0.0, -0.0, math.inf, -math.inf, math.nan, -math.nan, 1.0, -1.0, 0.5, 1.5, 2.5, 0.125,
         0.375, 2.675, 1.005, 0.1, 0.2, 1 / 3, 2 / 3, 123.456, -1234.5, 1234.5, 1e16, 1e15,
         9999999999999998.0, 1e17, 1e-4, 1e-5, 0.0001234, 1.7976931348623157e308, 5e-324,
         2.2250738585072014e-308, 123456789012345.0, 1e22, 1e23, 9.995, 9.9999, 99.5, 0.05,
         0.95, 0.995, 0.9999995, 999999.5, 12345678.9, 3.14159, 6.02214076e23, -1.602e-19,
         float(2**53), 100.0, 1e100, -1e-100, 0.000999, 0.00001, 1e-7, 5e-5, 9.5, 0.45, -0.004,
         1234567.0, 0.015625, 1e300]
fvals += [rand_double() for _ in range(25)]
types = ["", "e", "E", "f", "F", "g", "G", "n", "%"]
precs = [None, 0, 1, 2, 3, 4, 5, 6, 7, 10, 12, 15, 16, 17, 20, 25]
rows = []
for v in fvals:
    for t in types:
        for p in precs:
            spec = ("" if p is None else ".%d" % p) + t
            rows.append((fbits(v), spec, run(lambda: format(v, spec))))


def rand_spec(types_pool, allow_weird=True):
    s = ""
    a = rng.choice([None, None, "<", ">", "=", "^"])
    if a:
        fill = rng.choice([None, None, "*", "0", " ", "é", "x", "<", "{"])
        s += (fill or "") + a
    s += rng.choice(["", "", "+", "-", " "])
    if allow_weird and rng.random() < 0.15:
        s += "z"
    if rng.random() < 0.25:
        s += "#"
    if rng.random() < 0.3:
        s += "0"
    s += rng.choice(["", "", "", "0", "1", "5", "8", "10", "12", "15", "20", "30"])
    g = rng.random()
    if g < 0.2:
        s += ","
    elif g < 0.35:
        s += "_"
    if rng.random() < 0.5:
        s += "." + str(rng.choice([0, 1, 2, 3, 4, 6, 10, 17]))
    s += rng.choice(types_pool)
    return s


for _ in range(6000):
    v = rng.choice(fvals) if rng.random() < 0.6 else rand_double()
    spec = rand_spec(types + ["", "", "d", "x", "s", "c"])
    rows.append((fbits(v), spec, run(lambda: format(v, spec))))
special = [(-1234.5, "010,.1f"), (-1234.5, "010_.1f"), (1234.5, "0=12,.2f"), (1e6, ","),
           (1e6, "_"), (-1e6, "020,"), (1234567.891, ",.2f"), (1234567.891, ",.2%"),
           (0.5, ".0%"), (-0.0, "z.1f"), (-0.0001, "z.2f"), (-0.0001, "z.2e"), (-0.0, "z"),
           (-0.0, "z.3"), (math.inf, "010"), (-math.inf, "010"), (math.nan, "+010"),
           (math.inf, "010,"), (math.nan, "x^10"), (1.0, "#"), (1e20, "#"), (1.0, "#.0"),
           (1.0, "#.0e"), (1.0, "#.0f"), (1.0, "#.3g"), (1.0, ".3"), (123.0, ".3"),
           (123.0, ".2"), (1.0, ".0"), (1.0, "abc"), (1.0, ".3000000000"),
           (1.0, ".99999999999999999999"), (1.0, "99999999999999999999"), (1.0, ".f"),
           (1.0, ",_"), (1.0, "_,"), (1.0, ",n"), (1.0, "\x01"), (1.0, "é"), (1.0, "c"),
           (1.0, "d"), (1.0, "s"), (1.0, "٥"), (1.0, "0٥.1f"), (1.0, "٣.٢f"), (2.675, ".2f"),
           (0.125, ".2f"), (0.5, ".0f"), (1.5, ".0f"), (2.5, ".0f"), (1e16, ".16g"),
           (1e16, ".17g"), (123456.0, ".6g"), (1234567.0, ".6g"), (0.0001, ".3g"),
           (0.00001, ".3g"), (1e-5, ""), (1e16, ""), (5e-324, ".1100f"), (5e-324, ".760e"),
           (5e-324, ".800g"), (1e-300, ".400f"), (1.7976931348623157e308, ".3f"),
           (1.7976931348623157e308, "#.400g"), (1.7976931348623157e308, ",.2f"), (0.1, ".60f"),
           (0.1, "#.60g"), (2.0**-1074, "%"), (1e308, ".1%"), (1e308, "%"), (-1e-320, ".1100e")]
for v, spec in special:
    rows.append((fbits(v), spec, run(lambda: format(v, spec))))
# Exact ties: k / 2^n has a terminating expansion whose last digit is 5.
for _ in range(2500):
    n = rng.randint(1, 30)
    k = rng.randint(1, 2**min(n + 12, 52))
    v = k / 2**n * rng.choice([1, -1])
    ndig = len(("%.60f" % v).rstrip("0").split(".")[1]) if "." in ("%.60f" % v).rstrip("0") else 0
    p = max(0, ndig - rng.choice([1, 1, 1, 2, 3]))
    t = rng.choice(["f", "e", "g", "%"])
    spec = ".%d%s" % (p, t)
    rows.append((fbits(v), spec, run(lambda: format(v, spec))))
write("format_float.tsv", rows)

# ---------------------------------------------------------------- format(int)
ivals = [0, 1, -1, 7, -7, 42, 255, -255, 1000, 1234567, -1234567, 2**31, 2**63 - 1, 2**63, -2**63,
         2**64, 10**20, 0x10FFFF, 0x110000, 65, 233, 9731, 0xD800, 128512, 10**15 + 1,
         2**53 + 1, 2**54 + 3, -(2**70) - 12345]
big = [2**1000, -(3**700), 10**400, 2**1024 - 2**970, 2**1024 - 2**971, 2**1023 + 2**970]
itypes = ["", "b", "c", "d", "o", "x", "X", "n", "e", "E", "f", "F", "g", "G", "%", "s"]
combos = ["", "#", "+", " ", "-", "010", "#010", "+#012", "<10", "^11", "*>12", "=+10", ",",
          "_", "020,", "020_", "#_", ".3", "z", "0<8", "x^9", "+,", "#020_", " 09,"]
rows = []
for v in ivals:
    for t in itypes:
        for c in combos:
            spec = c + t
            rows.append((str(v), spec, run(lambda: format(v, spec))))
for v in big:
    for t in itypes:
        for c in ["", "#", ",", "_", "+", "060,", ".2", "#_"]:
            spec = c + t
            rows.append((str(v), spec, run(lambda: format(v, spec))))
for _ in range(3000):
    v = rng.choice(ivals) if rng.random() < 0.5 else rng.randint(-10**rng.randint(1, 40), 10**rng.randint(1, 40))
    spec = rand_spec(itypes)
    rows.append((str(v), spec, run(lambda: format(v, spec))))
for v, spec in [(1234, "08,"), (1234, "09,"), (1234, "0=10,"), (-1234, "010_x"), (5, "<05"),
                (5, "0"), (5, "00"), (5, "abc"), (5, ".5"), (5, "\x01"), (5, "é"),
                (5, "٥"), (2**100, "c"), (-1, "c"), (65, "+c"), (65, "#c"), (65, ",c"),
                (65, "_c"), (65, "_b"), (65, ",b"), (65, ",x"), (10**25, "_o"),
                (2**64, "n"), (2**64, ",n"), (7, "z"), (7, "zd")]:
    rows.append((str(v), spec, run(lambda: format(v, spec))))
# int -> float conversion must be correctly rounded (ties to even) before formatting.
for _ in range(400):
    nbits = rng.randint(54, 1030)
    v = rng.getrandbits(nbits) | (1 << (nbits - 1))
    if rng.random() < 0.4:
        k = nbits - 53  # an exact tie: 53 kept bits, then binary 1000...0
        v = ((rng.getrandbits(52) | (1 << 52)) << k) | (1 << (k - 1))
    v *= rng.choice([1, -1])
    spec = rng.choice([".17e", ".16e", ".20g"])
    rows.append((str(v), spec, run(lambda: format(v, spec))))
write("format_int.tsv", rows)

# ---------------------------------------------------------------- format(str)
svals = ["", "a", "abc", "hello world", "é", "naïve", "日本語", "🎉x", "tab\there"]
sspecs = ["", "<", "10", "<10", ">10", "^10", "^9", "*^9", ".2", "10.2", ".0", "5.10", "x<3",
          "010", "0<10", "=10", "+", " ", "-", "z", "#", ",", "_", "s", "d", "r", ">10s", "é>6",
          "1", "0", "00", "abc", ".", "10,s", "10_", "٣", "^", "={10", "<<5", ">>5", "^^5",
          ".1000", "999999999999999999999", "0=5", "\x01", "=", "*=5", "#5", "z5"]
rows = []
for v in svals:
    for spec in sspecs:
        rows.append((v, spec, run(lambda: format(v, spec))))
for _ in range(500):
    v = rng.choice(svals)
    spec = rand_spec(["", "s", "s", "d"])
    rows.append((v, spec, run(lambda: format(v, spec))))
write("format_str.tsv", rows)

# ---------------------------------------------------------------- complex
pairs = [(0.0, 0.0), (-0.0, 0.0), (0.0, -0.0), (-0.0, -0.0), (1.0, 2.0), (1.5, -2.5), (0.0, 1.0),
         (-0.0, 1.0), (math.inf, math.nan), (math.nan, math.inf), (-math.inf, -math.inf),
         (1e16, 1e-5), (1234.5, -6789.25), (1 / 3, 2 / 3), (0.0, -1.0), (-1.0, 0.0), (2.5, 0.0),
         (1e300, 1e-300), (-0.0, -math.nan), (1234567.0, 7654321.5)]
pairs += [(rand_double(), rand_double()) for _ in range(20)]
cspecs = ["", "e", ".2f", "10", "<30", "^30", "*>30", "+", " ", "-", ".3", ".3g", "g", "G", "F",
          "f", "n", ",", ",.2f", "_.1f", "020", "0<20", "=20", "%", "d", "#", "#.0f", "z.1f",
          ".0e", "#g", ".20g", "+.1", " ^40", "x", "abc", ",n", ".0", "z", "#.0", ".3000000000"]
rows = []
for re_, im in pairs:
    for spec in cspecs:
        rows.append((fbits(re_), fbits(im), spec, run(lambda: format(complex(re_, im), spec))))
write("format_complex.tsv", rows)
rows = []
for re_, im in pairs + [(rand_double(), rand_double()) for _ in range(300)] + \
        [(0.0, rand_double()) for _ in range(50)] + [(rand_double(), 0.0) for _ in range(50)]:
    rows.append((fbits(re_), fbits(im), repr(complex(re_, im))))
write("complex_repr.tsv", rows)

# ---------------------------------------------------------------- round(x, n)
rows = []
rvals = fvals + [2.675, 0.285, 1.285, 5e-324, 1.7976931348623157e308, 123456.5, 2500.0, 500.0,
                 1500.0, -0.4, -0.5, 0.5, 1e-320]
for v in rvals:
    for n in [-400, -310, -309, -308, -307, -20, -5, -3, -2, -1, 0, 1, 2, 3, 5, 10, 15, 17, 20,
              300, 323, 324, 400]:
        try:
            r = round(v, n)
            out = "OK:" + fbits(r)
        except Exception as e:  # noqa: BLE001
            out = "ERR:%s:%s" % (type(e).__name__, e)
        rows.append((fbits(v), n, out))
for _ in range(2000):
    n = rng.randint(1, 20)
    v = rng.randint(-2**40, 2**40) / 2**n
    d = rng.randint(-5, n)
    rows.append((fbits(v), d, "OK:" + fbits(round(v, d))))
for _ in range(1000):
    v = rand_double()
    d = rng.randint(-30, 30)
    try:
        out = "OK:" + fbits(round(v, d))
    except Exception as e:  # noqa: BLE001
        out = "ERR:%s:%s" % (type(e).__name__, e)
    rows.append((fbits(v), d, out))
write("round.tsv", rows)

# ---------------------------------------------------------------- percent
class Other:
    def __init__(self, tname, s, r):
        self.tname, self.s, self.r = tname, s, r


def enc_args(args):
    out = []
    for a in args:
        if isinstance(a, bool):
            out.append("b:%d" % a)
        elif isinstance(a, int):
            out.append("i:%d" % a)
        elif isinstance(a, float):
            out.append("f:" + fbits(a))
        elif isinstance(a, str):
            out += ["s:" + a, repr(a)]
        else:
            out += ["o:" + type(a).__name__, str(a), repr(a)]
    return out


pargs = [0, -42, 255, 2**70, -(2**70), -1234.5678, 0.0, -0.0, math.inf, -math.inf, math.nan,
         1e20, 2.5, "abc", "é", "", "x", True, False, None, [1, "é"], 65, 128512, 0x110000, -1]
convs = list("sradiuoxXeEfFgGc")
flagsets = ["", "-", "+", " ", "#", "0", "-0", "+0", "#0", " 0", "+#", "-#0", "+ "]
rows = []
for _ in range(7000):
    c = rng.choice(convs)
    f = rng.choice(flagsets)
    w = rng.choice(["", "", "1", "8", "12", "*"])
    p = rng.choice(["", "", ".0", ".3", ".*", ".12"])
    fmt = "%" + f + w + p + c
    args = []
    if w == "*":
        args.append(rng.choice([5, -7, 0, 10]))
    if p == ".*":
        args.append(rng.choice([2, -1, 0, 4]))
    args.append(rng.choice(pargs))
    fmt = rng.choice(["", "x=", "[", "é "]) + fmt + rng.choice(["", "]", " %%", " end"])
    rows.append((fmt, run(lambda: fmt % tuple(args)), *enc_args(args)))
extra = [("%d", ()), ("%s %s", (1,)), ("abc", (1,)), ("%s", ()), ("%", ()), ("%5", (1,)),
         ("%.", (1,)), ("%5%", ()), ("%5%", (1,)), ("%y", (1,)), ("%y", ()), ("%(a)s", (1,)),
         ("%*d", ("x", 1)), ("%.*d", ("x", 1)), ("%*", (5,)), ("%h", (1,)), ("%hd", (5,)),
         ("%ld %Lf", (5, 1.5)), ("%d", ("a",)), ("%x", (1.5,)), ("%o", ("s",)), ("%X", (None,)),
         ("%f", ("a",)), ("%f", (None,)), ("%e", (2**2000,)), ("%d", (math.nan,)),
         ("%d", (-math.inf,)), ("%d", (-3.99,)), ("%x", (True,)), ("%c", (1.5,)),
         ("%c", ("ab",)), ("%c", ("",)), ("%c", (2**100,)), ("%c", (-1,)), ("%c", (0x110000,)),
         ("%5.1f", (-math.inf,)), ("%05.1f", (-math.inf,)), ("%#x", (255,)), ("%#X", (255,)),
         ("%#o", (8,)), ("%#010x", (-255,)), ("%-#10x|", (255,)), ("%+.5d", (42,)),
         ("%+#.5x", (42,)), ("%.3s", ("abcdef",)), ("%10.3r", ("abcdef",)), ("%-5c|", ("é",)),
         ("%a", ("é\U0001f389",)), ("%5a", ("日",)), ("100%% %s", ("done",)), ("%s%%", (5,)),
         ("%\x01", (1,)), ("%é", (1,)), ("%.0f %.0f %.0f", (0.5, 1.5, 2.5)), ("%.2f", (2.675,)),
         ("%g %G %e", (1e-5, 1e20, 0.0)), ("%#g %#.0e %#.0f", (1.0, 2.0, 3.0)),
         ("%i %u", (True, -5)), ("%r %a", (None, None)), ("%s", ([1, "é"],)),
         ("%*.*f|", (-12, 3, 3.14159)), ("%0*d", (8, -42)), ("%99999999999999999999d", (1,)),
         ("%.99999999999999999999d", (1,)), ("%.3000000000f", (1.0,)), ("%(", (1,)),
         ("%s %s %s", (1, 2)), ("%c%c", (72, "i")), ("%-06d|", (5,)), ("% 05d", (5,)),
         ("%+05s|", ("ab",)), ("%0-5s|", ("ab",)), ("%.0s|", ("ab",)), ("%-+5d|", (5,))]
for fmt, args in extra:
    rows.append((fmt, run(lambda: fmt % tuple(args)), *enc_args(args)))
# single (non-tuple) operands
for fmt, arg in [("%s", 5), ("abc", 5), ("%s %s", 5), ("%d", "x"), ("%s", "é"), ("%r", 2.5),
                 ("%5.2f|", 3.14159), ("", 0), ("%c", 65)]:
    rows.append(("SINGLE:" + fmt, run(lambda: fmt % arg), *enc_args([arg])))
write("percent.tsv", rows)
# mapping operands: keys refer to this dict
D = {"a": 1, "b": "é", "c": 2.5, "(x)": 7, "": 0}
rows = []
for fmt in ["%(a)s", "%(a)d %(b)s", "%(c).3f", "%(b)r", "%(a)5d|", "%(a)-5d|", "%(zz)s", "%(a",
            "%((x))s", "%(a)s %s", "%s", "abc", "%()s", "%(a)", "%(a)*d", "%(c)x", "%%(a)s",
            "%(a)s%(a)s", "%(b)c"]:
    rows.append((fmt, run(lambda: fmt % D)))
write("percent_map.tsv", rows)

# ---------------------------------------------------------------- spec fuzz
FUZZ = list("<>=^+- z#0123456789,_.eEfFgGn%xXbcdos*") + ["é", "٣", "00", "10", ".2", ",.", "z#"]
rows = []
objs = [("i", 1234567), ("i", -42), ("f", -1234.5678), ("f", 0.0), ("f", -0.0), ("f", math.inf),
        ("s", "héllo"), ("c", complex(1.5, -2.25)), ("c", complex(0.0, 3.0))]
for _ in range(6000):
    spec = "".join(rng.choice(FUZZ) for _ in range(rng.randint(1, 7)))
    kind, v = rng.choice(objs)
    if kind == "i":
        key = str(v)
    elif kind == "f":
        key = fbits(v)
    elif kind == "s":
        key = v
    else:
        key = "%s,%s" % (fbits(v.real), fbits(v.imag))
    out = run(lambda: format(v, spec))
    if len(out) <= 300:  # random digits can ask for megabyte-wide fields; keep the data small
        rows.append((kind, key, spec, out))
# 'g' switching exactly at the precision boundary, with and without '#' and no type.
for _ in range(3000):
    p = rng.randint(0, 18)
    e = rng.randint(-7, 20)
    v = float("%se%d" % (rng.choice(["1", "9.99999", "9.5", "1.5", "99999.5", "5", "4.99999999"]), e))
    v *= rng.choice([1, -1])
    spec = rng.choice(["", "#", "+", "z", "#0"]) + rng.choice(["", "12", ","]) + ".%d" % p + rng.choice(["g", "G", "", "n", "e", "f"])
    rows.append(("f", fbits(v), spec, run(lambda: format(v, spec))))
write("spec_fuzz.tsv", rows)

# ---------------------------------------------------------------- templates
def parse_tmpl(s):
    try:
        pieces = []
        for lit, name, spec, conv in _string.formatter_parser(s):
            if lit:
                pieces.append("L" + lit)
            if name is not None:
                pieces.append("F%s\x1f%s\x1f%s" % (name, conv or "", spec))
        return "OK:" + "\x1e".join(pieces)
    except Exception as e:  # noqa: BLE001
        return "ERR:%s:%s" % (type(e).__name__, e)


tmpls = ["", "abc", "{}", "{0}", "{name}", "a{0}b{1}c", "{{", "}}", "{{}}", "a{{b}}c", "{0.attr}",
         "{0[1]}", "{0[}]}", "{0!r}", "{0!s:>10}", "{!a}", "{:{width}.{prec}f}", "{0:{1}{2}}",
         "}", "{", "a}b", "a{b", "{0", "{0!", "{0!r", "{0!}", "{0!}a", "{0!rx}", "{0:", "{0:{",
         "{a{b}", "{0[}", "{:}", "{!r:}", "{0:}}}", "{0:{{}}}", "x{0:>{1}}y{2!s}", "{ }", "{\t}",
         "é{日:é}", "{0!:}", "{[}", "{[]}", "{0.}", "{:{:{}}}", "{0!x}", "{0!!}"]
alphabet = list("ab{}{}0!r:>[].1") + ["{{", "}}", "é"]
for _ in range(3000):
    tmpls.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
write("template.tsv", [(t, parse_tmpl(t)) for t in tmpls])

rows = []
for name in ["", "0", "12", "name", "0.attr", "a.b.c", "a[0]", "a[key]", "a[0][1].x", "a[", "a[]",
             "a.", "a..b", "a]b", "a[0]x", "٣", "a[٣]", "99999999999999999999", "a[99999999999999999999]",
             "0[x].y[1]", ".x", "[1]", "a[[]"]:
    try:
        first, rest = _string.formatter_field_name_split(name)
        parts = []
        for is_attr, key in rest:
            parts.append(("A" if is_attr else ("I" if isinstance(key, int) else "K")) + str(key))
        out = "OK:" + ("I%d" % first if isinstance(first, int) else ("I0" if first == "" else "N" + first))
        out += "".join("\x1e" + p for p in parts)
    except Exception as e:  # noqa: BLE001
        out = "ERR:%s:%s" % (type(e).__name__, e)
    rows.append((name, out))
write("field_name.tsv", rows)

rows = []
for t in ["{}{}", "{0}{1}", "{}{0}", "{0}{}", "{a}{}", "{}{a}", "{:{}}", "{0:{}}", "{:{0}}",
          "{}{}{}", "{0.real}{}", "{:{a}}{}", "{a:{}}{1}"]:
    rows.append((t, run(lambda: t.format(5, 6, 7, a=1))))
write("autonumber.tsv", rows)

# ---------------------------------------------------------------- f-strings
import ast

SCANNER_MSGS = ("f-string: expecting '}'", "f-string: single '}' is not allowed",
                "f-string: expressions nested too deeply", "f-string: empty expression not allowed",
                "f-string: expression required before", "f-string: invalid conversion character",
                "f-string: unterminated string", "f-string: unmatched", "f-string: closing parenthesis",
                "f-string: too many nested parenthesis", "f-string expression part cannot include")


def ser_joined(values):
    out = []
    for v in values:
        if isinstance(v, ast.Constant):
            out.append("L" + v.value)
        else:
            conv = "" if v.conversion == -1 else chr(v.conversion)
            spec = "-" if v.format_spec is None else "\x02" + ser_joined(v.format_spec.values) + "\x03"
            out.append("F%s\x1f%s\x1f%s" % (ast.unparse(v.value), conv, spec))
    return "\x1e".join(out)


def fstring_oracle(body):
    for q in ['"', "'", '"""', "'''"]:
        if q not in body and not body.endswith(q[0]) and not body.endswith("\\"):
            break
    else:
        return None
    if "\\N" in body:
        return None  # named escapes need a Unicode name table in the test decoder
    try:
        tree = ast.parse("f" + q + body + q, mode="eval")
        return "OK:" + ser_joined(tree.body.values)
    except SyntaxError as e:
        if e.msg.startswith(SCANNER_MSGS):
            return "ERR:SyntaxError:" + e.msg
        return "SKIP:expression error: " + e.msg


fbodies = ["", "abc", "{x}", "a{x}b", "{{", "}}", "{{x}}", "{x!r}", "{x!s:>10}", "{x=}", "{x = }",
           "{x=!r:>10}", "{x=:}", "{x:}", "{x:{y}}", "{x:{y}.{z}f}", "{x:{y:{z}}}", "{a!=b}",
           "{a==b}", "{a<=b}", "{a>b}", "{a<b}", "{x:=5}", "{(x:=5)}", "{d['k']}", "{d[\"}\"]}",
           "{x[1:2]}", "{f(a, b=1)}", "{[1, 2][0]}", "{ {1: 2}[1] }", "{'''a}b'''}", "{x:{{}}}",
           "{x:}}}", "{!r}", "{x!z}", "{x!}", "{x", "{x:", "{}", "{ }", "}", "{x}}", "{x#}",
           "{x\\n}", "{(x}", "{x)}", "{(x]}", "{'a}", "{x!r=}", "{x!rr}", "{:}", "{=}",
           "{x:a{{b}", "\\N{DASH}{x}", "\\N{EM DASH}{x}", "{x:\\n}", "\\{{x}}", "a\\}}b",
           "{x:{y!r}}", "{x:{y=}}", "{\"{\"}", "{ x }", "{\nx\n}", "{x:>{w}}{y!a}", "{x:%Y-%m-%d}",
           "{x!a:^{w}.{p}}", "{lambda: 1}", "{(lambda: 1)()}", "{a if b else c}", "{x,}", "{*x}",
           "{x}" * 3, "é{日}ü", "{" * 3, "}" * 3, "{x:{{y}}}", "{x:{", "{x:}y}", "{(((x)))}",
           "{'\"'}", "{\"'\"}", "{x!r:{'a'}}", "{x:{y:}}", "{x=  !s}", "{x\t=\t}", "{3.14:.2f}"]
frows = []
for b in fbodies:
    o = fstring_oracle(b)
    if o is not None:
        frows.append((b, o))
falpha = list("{}!:=<>()[]'\"x1 #rsa.") + ["\\", "{x}", "{{", "}}", "y"]
while len(frows) < 4000:
    b = "".join(rng.choice(falpha) for _ in range(rng.randint(1, 10)))
    o = fstring_oracle(b)
    if o is not None:
        frows.append((b, o))
write("fstring.tsv", frows)
