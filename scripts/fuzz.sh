#!/usr/bin/env bash
# fuzz.sh [SECONDS]   (default 300 per target)
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan in
# ./build-fuzz and runs each for SECONDS as a CTest test. scripts/test.sh runs
# it with 5 s per target; run it longer by hand to search deeper.
set -euo pipefail
seconds=${1:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# clang and its fuzzer/sanitizer runtimes (Debian bookworm: libclang-rt-14-dev).
missing=()
for p in clang libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJODO_WERROR=ON -DCMAKE_CXX_COMPILER=clang++ \
    -DJODO_FUZZ=ON -DJODO_FUZZ_SECONDS="$seconds" "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_all
cd build-fuzz
ctest --output-on-failure --timeout $((seconds + 120))
