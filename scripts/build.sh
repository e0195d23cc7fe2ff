#!/usr/bin/env bash
# Configures and builds everything into ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
# Developer and CI build: warnings are errors (JODO_WERROR; packagers leave it off).
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJODO_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build build -j"$(nproc)"
