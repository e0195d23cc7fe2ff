#!/usr/bin/env bash
# Every test: installs, builds, starts a throw-away PostgreSQL on 127.0.0.1,
# runs the whole CTest suite against SQLite and PostgreSQL, stops the cluster.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
scripts/build.sh

pgdir=$(mktemp -d /tmp/jodo-pg.XXXXXX)
port=55432
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
cleanup() { "$root/scripts/pg-cluster.sh" stop "$pgdir"; rm -rf "$pgdir" "$pgdir.initdb.log"; }
trap cleanup EXIT
JODO_TEST_PG_CONNECTION=$(scripts/pg-cluster.sh start "$pgdir" "$port")
export JODO_TEST_PG_CONNECTION
export JODO_REQUIRE_POSTGRES=1
echo "PostgreSQL for tests on 127.0.0.1:$port"

cd "$root/build"
ctest --output-on-failure -j"$(nproc)" --timeout 300
cd "$root"

# The product as a user gets it, outside CTest (it needs root for dpkg): the
# .deb packages built, installed, the example host built against them with
# find_package, one invoice collected through the installed module.
"$root/scripts/package-test.sh"

# Fuzzers (tests/fuzz): every parser of untrusted input, 4 s per target, in a
# clang build of their own (build-fuzz).
"$root/scripts/fuzz.sh" 4

# The whole suite again under ASan+UBSan (build-asan), on SQLite and the same
# PostgreSQL. About SANITIZE_MINUTES on 2 cores; JODO_SKIP_SANITIZERS=1 skips it.
if [ "${JODO_SKIP_SANITIZERS:-0}" = 1 ]; then
    echo "Sanitizer run skipped (JODO_SKIP_SANITIZERS=1)"
else
    "$root/scripts/sanitize.sh"
fi
