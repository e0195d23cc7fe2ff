#!/usr/bin/env bash
# sanitize.sh: builds the whole suite with AddressSanitizer + UndefinedBehavior-
# Sanitizer (g++, ./build-asan) and runs every CTest test on SQLite, PostgreSQL
# and MariaDB. Uses JODO_TEST_PG_CONNECTION / JODO_TEST_MARIADB_CONNECTION when
# set (scripts/test.sh passes its servers), else starts throw-away ones of its own. Leaks are checked;
# tests/lsan.supp names the known driver leaks, nothing of ours.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
# GCC warns -Wmaybe-uninitialized falsely inside libstdc++ (std::regex) when
# sanitizers are on (GCC's own documentation says so); -Werror stays for the rest.
flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
flags+=" -Wno-maybe-uninitialized"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJODO_WERROR=ON "${launcher[@]}" \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_MODULE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build-asan -j"$(nproc)"
built=$(date +%s)

pgdir="" mydir=""
cleanup() {
    if [ -n "$pgdir" ]; then "$root/scripts/pg-cluster.sh" stop "$pgdir"; rm -rf "$pgdir" "$pgdir.initdb.log"; fi
    if [ -n "$mydir" ]; then "$root/scripts/mariadb-server.sh" stop "$mydir"; rm -rf "$mydir"; fi
}
trap cleanup EXIT
if [ -z "${JODO_TEST_PG_CONNECTION:-}" ]; then
    pgdir=$(mktemp -d /tmp/jodo-asan-pg.XXXXXX)
    port=56432
    while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
    JODO_TEST_PG_CONNECTION=$("$root/scripts/pg-cluster.sh" start "$pgdir" "$port")
    export JODO_TEST_PG_CONNECTION
fi
if [ -z "${JODO_TEST_MARIADB_CONNECTION:-}" ]; then
    mydir=$(mktemp -d /tmp/jodo-asan-mariadb.XXXXXX)
    myport=56406
    for _ in $(seq 1 20); do  # a port may be bound by an outgoing connection: try the next
        while (exec 3<>/dev/tcp/127.0.0.1/$myport) 2>/dev/null; do myport=$((myport + 1)); done
        JODO_TEST_MARIADB_CONNECTION=$("$root/scripts/mariadb-server.sh" start "$mydir" "$myport") && break
        myport=$((myport + 1))
    done
    export JODO_TEST_MARIADB_CONNECTION
fi
export JODO_REQUIRE_POSTGRES=1
export JODO_REQUIRE_MARIADB=1
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_odr_violation=0"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$root/build-asan"
status=0
ctest --output-on-failure -j"$(nproc)" --timeout 900 || status=$?
end=$(date +%s)
echo "Sanitizer run: build $((built - start)) s, tests $((end - built)) s"
exit $status
