#!/usr/bin/env bash
# Install what numpyx needs to build on a fresh Debian machine of this kind: OpenBLAS
# (for linear algebra) and a Rust toolchain check. Safe to run repeatedly.
set -euo pipefail
need_apt=()
if ! ldconfig -p 2>/dev/null | grep -q 'libopenblas\.so'; then
  need_apt+=(libopenblas-dev)
fi
if ((${#need_apt[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "numpyx: cargo (Rust) is required: https://rustup.rs" >&2
  exit 1
fi
