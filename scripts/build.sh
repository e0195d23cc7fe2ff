#!/usr/bin/env bash
# Configures and builds everything into ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
# Developer and CI build: warnings are errors (JODO_WERROR; packagers leave it off).
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJODO_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
