#!/usr/bin/env bash
# Run the whole test suite: install what it needs, then build and run every test (release
# profile: the golden tests exercise real array sizes). Needs no Python: expected outputs are
# committed (regenerate them with scripts/golden.py).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
cargo test --release --quiet 2>&1
