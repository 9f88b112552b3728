#!/usr/bin/env bash
# Run the whole test suite: install what it needs, then build and run every test (the dev
# profile is optimized, opt-level 1, and builds faster than release on 2 cores). Needs no
# Python: expected outputs are committed (regenerate them with scripts/golden.py).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
cargo test --quiet 2>&1
