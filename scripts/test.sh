#!/usr/bin/env bash
# Every test: installs, builds, starts a throw-away PostgreSQL and MariaDB on
# 127.0.0.1, runs the whole CTest suite against SQLite, PostgreSQL and MariaDB,
# stops both servers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
scripts/build.sh

pgdir=$(mktemp -d /tmp/jodo-pg.XXXXXX)
port=55432
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
mydir=$(mktemp -d /tmp/jodo-mariadb.XXXXXX)
cleanup() {
    "$root/scripts/pg-cluster.sh" stop "$pgdir"
    "$root/scripts/mariadb-server.sh" stop "$mydir"
    rm -rf "$pgdir" "$pgdir.initdb.log" "$mydir"
}
trap cleanup EXIT
JODO_TEST_PG_CONNECTION=$(scripts/pg-cluster.sh start "$pgdir" "$port")
export JODO_TEST_PG_CONNECTION
export JODO_REQUIRE_POSTGRES=1
echo "PostgreSQL for tests on 127.0.0.1:$port"

# A port nobody listens on may still be bound by an outgoing connection: try
# the next one when the server cannot bind.
myport=56306
for _ in $(seq 1 20); do
    while (exec 3<>/dev/tcp/127.0.0.1/$myport) 2>/dev/null; do myport=$((myport + 1)); done
    JODO_TEST_MARIADB_CONNECTION=$(scripts/mariadb-server.sh start "$mydir" "$myport" 2>"$mydir.err") && break
    myport=$((myport + 1))
done
[ -n "${JODO_TEST_MARIADB_CONNECTION:-}" ] || { cat "$mydir.err" >&2; exit 1; }
rm -f "$mydir.err"
export JODO_TEST_MARIADB_CONNECTION
export JODO_REQUIRE_MARIADB=1
echo "MariaDB for tests on 127.0.0.1:$myport"

# The invoice screen's browser test must run here, not skip.
export JODO_REQUIRE_BROWSER=1
# ERPNext's real table layouts (data only, in the workplace's shared/ beside
# the checkout; JODO_SHARED_DIR names another place): the profiles' tests must
# run on them, not skip.
export JODO_REQUIRE_ERPNEXT_REAL=1
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
# PostgreSQL and MariaDB servers. About SANITIZE_MINUTES on 2 cores (the MariaDB
# suites add about 95 s of it); JODO_SKIP_SANITIZERS=1 skips it.
if [ "${JODO_SKIP_SANITIZERS:-0}" = 1 ]; then
    echo "Sanitizer run skipped (JODO_SKIP_SANITIZERS=1)"
else
    "$root/scripts/sanitize.sh"
fi
