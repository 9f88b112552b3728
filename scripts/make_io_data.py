#!/usr/bin/env python3
"""Write the .npy/.npz/.txt fixtures under tests/data/ with real NumPy.

The golden cases in tests/golden/api_shape/io_*.npx load these files, so numpyx is checked
against files NumPy itself wrote (version 1.0 and 2.0 headers, both byte orders, Fortran order,
compressed and stored archives). Run from the repository root: python3 scripts/make_io_data.py
"""
import pathlib

import numpy as np

root = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data"
root.mkdir(parents=True, exist_ok=True)

np.save(root / "f64.npy", np.array([[1.5, -2.0, np.nan], [np.inf, 0.0, 1e-300]]))
np.save(root / "i32_be.npy", np.arange(6, dtype=">i4").reshape(2, 3))
np.save(root / "fortran.npy", np.asfortranarray(np.arange(12, dtype=np.int16).reshape(3, 4)))
np.save(root / "c128.npy", np.array([1 + 2j, -3.5j]))
np.save(root / "bool.npy", np.array([True, False, True]))
np.save(root / "u8_0d.npy", np.uint8(200))
np.save(root / "str.npy", np.array(["ab", "cde", ""]))
np.save(root / "f32_empty.npy", np.zeros((0, 3), dtype=np.float32))
# A header longer than 65535 bytes is not possible with normal arrays; force version 2.0.
with open(root / "v2.npy", "wb") as fh:
    np.lib.format.write_array(fh, np.arange(4.0), version=(2, 0))
np.savez(root / "plain.npz", np.arange(3), x=np.eye(2), names=np.array(["a", "b"]))
np.savez_compressed(root / "compressed.npz", a=np.linspace(0, 1, 5), b=np.arange(10, dtype=np.uint16))
# Corrupt inputs: a header that claims far more data than the file holds, and a truncated zip.
good = (root / "f64.npy").read_bytes()
hdr_end = good.index(b"\n") + 1
big = good[:hdr_end].replace(b"(2, 3), ", b"(99999999999, 99999), ")
big = big[: len(good[:hdr_end]) - 1].ljust(hdr_end - 1) + b"\n"
(root / "huge_claim.npy").write_bytes(big + good[hdr_end:])
(root / "truncated.npz").write_bytes((root / "plain.npz").read_bytes()[:100])
(root / "not_npy.npy").write_bytes(b"hello, this is not an array file\n")
(root / "table.csv").write_text("# x,y,z\n1,2,3\n4,,6\n7,8,9\n")
(root / "table.txt").write_text("# comment\n1 2 3\n4 5 6\n\n7 8 9  # trailing\n")
print("wrote", sorted(p.name for p in root.iterdir()))
