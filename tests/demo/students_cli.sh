#!/usr/bin/env bash
# Student-linked Pay as a new user runs it from the command line (issue 22):
#   host-sim init --sample; the sandbox; `host-sim action sync_students` twice
#   (every sample student registered with the documented bodies, which the
#   sandbox checks field by field; the second run sends nothing); a parent
#   paying in Jodo is one ERP receipt however often pull_student_payments runs;
#   the counter's receipts reach Jodo once and a cancelled one is cancelled.
#   students_cli.sh HOST_SIM JODO_SANDBOX WORKDIR sqlite|postgresql|mariadb
# PostgreSQL and MariaDB: a fresh database on the server JODO_TEST_PG_CONNECTION
# / JODO_TEST_MARIADB_CONNECTION names (exit 77 = skipped when it is not set).
set -euo pipefail
host_sim=${1:?host-sim} sandbox=${2:?jodo-sandbox} workdir=${3:?work directory} db=${4:?database}
rm -rf "$workdir" && mkdir -p "$workdir"
database="jodo_students_$$"
part() { tr ';' '\n' <<<"$1" | sed -n "s/^$2=//Ip" | tail -1; }
case $db in
sqlite)
    connection="Driver=SQLite3;Database=$workdir/erp.db;Timeout=10000;"
    sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); c.commit(); print(r[0][0] if r else "")' "$workdir/erp.db" "$1"; }
    ;;
postgresql | mariadb)
    var=JODO_TEST_PG_CONNECTION required=JODO_REQUIRE_POSTGRES
    [ "$db" = mariadb ] && var=JODO_TEST_MARIADB_CONNECTION required=JODO_REQUIRE_MARIADB
    server_connection=${!var:-}
    if [ -z "$server_connection" ]; then
        [ "${!required:-0}" = 1 ] && { echo "$var is not set" >&2; exit 1; }
        echo "$var is not set (scripts/test.sh sets it)"
        exit 77
    fi
    server=$(part "$server_connection" Server) port=$(part "$server_connection" Port)
    user=$(part "$server_connection" Uid)
    if [ "$db" = postgresql ]; then
        admin() { psql -qAt -h "$server" -p "$port" -U "$user" -d postgres -c "$1"; }
        sql() { psql -qAt -h "$server" -p "$port" -U "$user" -d "$database" -c "$1"; }
    else
        admin() { mariadb --no-defaults -N -h "$server" -P "$port" -u "$user" -e "$1"; }
        sql() { mariadb --no-defaults -N -h "$server" -P "$port" -u "$user" "$database" -e "$1"; }
    fi
    admin "CREATE DATABASE $database"
    connection=$(sed "s/Database=[^;]*/Database=$database/I" <<<"$server_connection")
    ;;
*) echo "unknown database $db" >&2; exit 2 ;;
esac

"$sandbox" --port 0 --key cli_key --secret cli_secret --verbose >"$workdir/sandbox.log" 2>&1 &
sandbox_pid=$!
cleanup() {
    kill "$sandbox_pid" 2>/dev/null || true
    if [ "$db" != sqlite ]; then admin "DROP DATABASE IF EXISTS $database" || true; fi
}
trap cleanup EXIT
for _ in $(seq 50); do grep -q 'listening on' "$workdir/sandbox.log" && break; sleep 0.1; done
base_url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$workdir/sandbox.log" | head -1)
[ -n "$base_url" ] || { echo "the sandbox did not start" >&2; cat "$workdir/sandbox.log" >&2; exit 1; }

cat >"$workdir/host.ini" <<INI
[host]
database = $connection
plugins = $(dirname "$host_sim")/../plugins
log_file = $workdir/host-sim.log
[jodo]
base_url = $base_url
api_key = cli_key
api_secret = cli_secret
webhook.secret = cli-webhook-secret
reconcile.interval_ms = 0
students.interval_s = 0
INI
hs() { "$host_sim" "$@" --config "$workdir/host.ini"; }
value() { sed -n "s/^ *$1: *//p" | head -1; }
api_requests() { grep -c ' /api/' "$workdir/sandbox.log" || true; }
fail() { echo "FAILED: $*" >&2; exit 1; }

hs init --sample
students=$(sql "SELECT COUNT(*) FROM erp_students WHERE active = 1")

first=$(hs action sync_students)
echo "$first"
[ "$(value registered <<<"$first")" = "$students" ] || fail "registered $(value registered <<<"$first") of $students"
registers=$(grep -c 'POST /api/v1/integrations/erp/users/[^ ]*/students -> 201' "$workdir/sandbox.log" || true)
[ "$registers" = "$students" ] || fail "$registers Register Student answered 201, not $students"
before=$(api_requests)
second=$(hs action sync_students)
[ "$(value unchanged <<<"$second")" = "$students" ] || fail "second run: $second"
[ "$(api_requests)" = "$before" ] || fail "the second sync sent $(( $(api_requests) - before )) requests"
echo "second sync_students: $students unchanged, 0 requests"

sql "UPDATE erp_students SET fullname = 'Kabir S. Mehta' WHERE student_id = 'S-P-103'" >/dev/null
renamed=$(hs action sync_students)
[ "$(value updated <<<"$renamed")" = 1 ] || fail "rename: $renamed"
[ "$(api_requests)" = $((before + 1)) ] || fail "a rename sent $(( $(api_requests) - before )) requests"
echo "a renamed student: one PATCH"

jodo_id=$(hs action student_status S-P-103 | value jodo_student_id)
[ -n "$jodo_id" ] || fail "S-P-103 has no Jodo id"
python3 - "$base_url/_sandbox/students/$jodo_id/pay" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b"", method="POST")).read()
PY
for run in 1 2 3; do
    posted=$(hs action pull_student_payments | value posted)
    expected=0; [ "$run" = 1 ] && expected=1
    [ "$posted" = "$expected" ] || fail "pull $run posted $posted"
done
[ "$(sql "SELECT COUNT(*) FROM erp_student_payments WHERE student_id = 'S-P-103'")" = 1 ] ||
    fail "not exactly one ERP receipt"
echo "a parent's payment in Jodo: one ERP receipt after three pulls"

receipts=$(sql "SELECT COUNT(*) FROM erp_counter_receipts WHERE cancelled = 0")
pushed=$(hs action push_counter_payments)
[ "$(value sent <<<"$pushed")" = "$receipts" ] || fail "push: $pushed"
[ "$(hs action push_counter_payments | value sent)" = 0 ] || fail "a receipt was sent twice"
adds=$(grep -c 'POST /api/v1/integrations/erp/students/[0-9]*/payments -> 201' "$workdir/sandbox.log" || true)
[ "$adds" = "$receipts" ] || fail "$adds Add Payment calls for $receipts receipts"
sql "UPDATE erp_counter_receipts SET cancelled = 1 WHERE receipt_id = 'CR-2026-0001'" >/dev/null
[ "$(hs action push_counter_payments | value cancelled)" = 1 ] || fail "the cancellation did not reach Jodo"
grep -q 'DELETE /api/v1/integrations/erp/students/[0-9]*/payments/CR-2026-0001 -> 200' "$workdir/sandbox.log" ||
    fail "no Cancel Payment for CR-2026-0001"
echo "counter receipts: $receipts sent once, CR-2026-0001 cancelled in Jodo"
echo "Student-linked Pay from the command line: complete"
