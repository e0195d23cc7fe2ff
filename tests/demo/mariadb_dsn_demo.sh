#!/usr/bin/env bash
# The README's `host-sim demo --db` on MariaDB, reached through a DSN= string
# that only odbc.ini resolves to its driver (issue 11): a fresh database on the
# server JODO_TEST_MARIADB_CONNECTION names, dropped afterwards.
set -euo pipefail
host_sim=${1:?host-sim binary}
workdir=${2:?work directory}
if [ -z "${JODO_TEST_MARIADB_CONNECTION:-}" ]; then
    [ "${JODO_REQUIRE_MARIADB:-0}" = 1 ] && { echo "JODO_TEST_MARIADB_CONNECTION is not set" >&2; exit 1; }
    echo "JODO_TEST_MARIADB_CONNECTION is not set (scripts/test.sh sets it)"
    exit 77
fi
part() { tr ';' '\n' <<<"$JODO_TEST_MARIADB_CONNECTION" | sed -n "s/^$1=//Ip" | tail -1; }
server=$(part Server) port=$(part Port) user=$(part Uid)
database="jodo_demo_$$"
sql() { mariadb --no-defaults -h "$server" -P "$port" -u "$user" -e "$1"; }
mkdir -p "$workdir"
trap 'sql "DROP DATABASE IF EXISTS $database" || true' EXIT
sql "CREATE DATABASE $database"
# The data source names the driver as the administrator registered it; the
# connection string itself names no driver at all.
printf '[jodo_demo]\nDriver=MariaDB Unicode\nServer=%s\nPort=%s\nDatabase=%s\n' \
    "$server" "$port" "$database" >"$workdir/odbc.ini"
ODBCINI="$workdir/odbc.ini" "$host_sim" demo --workdir "$workdir/run" --db "DSN=jodo_demo;Uid=$user;Pwd=;"
