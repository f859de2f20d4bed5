#!/usr/bin/env bash
# Runs a command after making sure the bundled HiGHS build can work: it needs cmake and
# libclang (for bindgen), which a fresh machine lacks. As root it installs them with
# apt-get; otherwise with `pip install --user cmake libclang`.
# Usage: scripts/with-deps.sh cargo test --release
set -euo pipefail

have_libclang() {
  [ -n "${LIBCLANG_PATH:-}" ] && return 0
  compgen -G "/usr/lib/llvm-*/lib/libclang*.so*" >/dev/null || compgen -G "/usr/lib/*/libclang*.so*" >/dev/null
}

pip_libclang_dir() {
  python3 - <<'PY' 2>/dev/null
import os, clang
print(os.path.join(os.path.dirname(clang.__file__), "native"))
PY
}

export PATH="$HOME/.local/bin:$PATH"
if ! command -v cmake >/dev/null || ! have_libclang; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "with-deps: installing cmake and libclang-dev with apt-get (needed to build HiGHS)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake libclang-dev >/dev/null
  else
    echo "with-deps: installing cmake and libclang with pip --user (needed to build HiGHS)" >&2
    python3 -m pip install --user -q cmake libclang
  fi
fi
if ! have_libclang; then
  dir=$(pip_libclang_dir || true)
  [ -n "$dir" ] && export LIBCLANG_PATH="$dir"
fi
exec "$@"
