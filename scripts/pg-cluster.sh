#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL cluster on 127.0.0.1 for tests.
#   scripts/pg-cluster.sh start DIR PORT [durable]  -> prints the ODBC connection string
#   scripts/pg-cluster.sh stop DIR
# Tests run with fsync off (a throw-away cluster need not survive a power cut);
# "durable" keeps fsync on, as in production, for the benchmark
# (docs/benchmarks.md). A cluster already running in DIR keeps its setting.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?data directory}
port=${3:-55432}
fsync=off
[ "${4:-}" = durable ] && fsync=on
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# PostgreSQL refuses to run as root; run it as the postgres user the package creates.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_pg "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale >"$dir.initdb.log" 2>&1 ||
            { echo "initdb failed:" >&2; cat "$dir.initdb.log" >&2; exit 1; }
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
            -o "-h 127.0.0.1 -p $port -k $dir -c fsync=$fsync -c max_connections=200" start >/dev/null ||
            { echo "PostgreSQL did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    fi
    as_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='jodo_test'" | grep -q 1 ||
        as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres jodo_test
    echo "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=$port;Database=jodo_test;Uid=postgres;Pwd=;"
    ;;
stop)
    [ -f "$dir/postmaster.pid" ] && as_pg "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
*) echo "usage: $0 start DIR [PORT [durable]] | stop DIR" >&2; exit 2 ;;
esac
