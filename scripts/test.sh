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
