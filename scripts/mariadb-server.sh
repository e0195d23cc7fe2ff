#!/usr/bin/env bash
# Starts or stops a throw-away MariaDB server on 127.0.0.1 for tests: its data
# directory, socket and pid file all in DIR, nothing shared with a system server.
#   scripts/mariadb-server.sh start DIR PORT   -> prints the ODBC connection string
#   scripts/mariadb-server.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?data directory}
port=${3:-56306}
# Debian's mariadbd refuses to run as root unless told to; CI runs as root.
user=$(id -un)

client() { mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot "$@"; }

case "$cmd" in
start)
    mkdir -p "$dir"
    if [ ! -d "$dir/data/mysql" ]; then
        mariadb-install-db --no-defaults --user="$user" --datadir="$dir/data" \
            --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 ||
            { echo "mariadb-install-db failed:" >&2; cat "$dir/install.log" >&2; exit 1; }
    fi
    if ! client -e "SELECT 1" >/dev/null 2>&1; then
        # Durability is not what these tests measure: no fsync, small buffers.
        mariadbd --no-defaults --user="$user" --datadir="$dir/data" --socket="$dir/mysqld.sock" \
            --pid-file="$dir/mysqld.pid" --bind-address=127.0.0.1 --port="$port" \
            --log-error="$dir/server.log" --skip-name-resolve --max-connections=300 \
            --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
            --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=64M \
            --innodb-log-file-size=32M --skip-log-bin \
            >/dev/null 2>&1 &
        pid=$!
        for _ in $(seq 1 300); do
            client -e "SELECT 1" >/dev/null 2>&1 && break
            kill -0 "$pid" 2>/dev/null || break  # it gave up (the port is taken, say)
            sleep 0.1
        done
        client -e "SELECT 1" >/dev/null 2>&1 ||
            { echo "MariaDB did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    fi
    # mariadb-install-db creates root@127.0.0.1 without a password; tests log
    # in over TCP as an ERP would.
    client -e "CREATE DATABASE IF NOT EXISTS jodo_test DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    echo "Driver=MariaDB Unicode;Server=127.0.0.1;Port=$port;Database=jodo_test;Uid=root;Pwd=;CHARSET=utf8mb4;"
    ;;
stop)
    if [ -f "$dir/mysqld.pid" ]; then
        pid=$(cat "$dir/mysqld.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 300); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    ;;
*) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
