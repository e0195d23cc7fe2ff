#!/usr/bin/env bash
# The administrator's `host-sim check` as a new user meets it (issue 23, point 5):
#  - against an empty database, check creates nothing and names what is missing;
#  - with no server running, the endpoint check says nothing is listening;
#  - with `host-sim serve` running, the endpoint check reaches it over HTTP;
#  - once Jodo (the sandbox) delivered a webhook signed with another secret,
#    check names the reason in one line.
#   check_cli.sh HOST_SIM JODO_SANDBOX WORKDIR
set -euo pipefail
host_sim=${1:?host-sim} sandbox=${2:?jodo-sandbox} workdir=${3:?work directory}
rm -rf "$workdir" && mkdir -p "$workdir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
fail() { echo "FAILED: $*" >&2; exit 1; }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

# Jodo signs its webhooks with a secret the ERP does not have.
"$sandbox" --port 0 --key k --secret s --webhook-url "http://127.0.0.1:$port/webhooks/jodo" \
    --webhook-secret secret-set-in-jodo >"$workdir/sandbox.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q 'listening on' "$workdir/sandbox.log" && break; sleep 0.1; done
base_url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$workdir/sandbox.log" | head -1)
cat >"$workdir/host.ini" <<INI
[host]
database = Driver=SQLite3;Database=$workdir/erp.db;Timeout=10000;
plugins = $(dirname "$host_sim")/../plugins
http_port = $port
log_file = $workdir/host-sim.log
[jodo]
base_url = $base_url
api_key = k
api_secret = s
webhook.secret = secret-in-the-erp
INI
hs() { "$host_sim" "$@" --config "$workdir/host.ini"; }
tables() {
    python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = \x27table\x27").fetchone()[0])' "$workdir/erp.db"
}

# Pointed at an empty database, check changes nothing and says what is missing.
python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).close()' "$workdir/erp.db"
if out=$(hs check); then fail "check passed against an empty database: $out"; fi
grep -q "the module's tables are missing in $workdir/erp.db: run host-sim init" <<<"$out" ||
    fail "no line naming the missing tables: $out"
[ "$(tables)" = 0 ] || fail "check created $(tables) table(s) in an empty database"
echo "against an empty database: $(grep "tables are missing" <<<"$out")"

hs init --sample >/dev/null

if out=$(hs check); then fail "check passed with no server running: $out"; fi
grep -q "FAILED  webhook_endpoint: nothing is listening on 127.0.0.1:$port" <<<"$out" ||
    fail "no 'nothing is listening' line: $out"
echo "without a server: $(grep webhook_endpoint <<<"$out")"

# Started directly, not through hs(): $! is then the server itself, which the
# trap stops (a function in the background is a subshell, and the server
# would outlive it).
"$host_sim" serve --config "$workdir/host.ini" >"$workdir/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q 'invoice screen' "$workdir/serve.log" && break; sleep 0.1; done
out=$(hs check) || true
grep -q "ok      webhook_endpoint: a signed test event to http://127.0.0.1:$port" <<<"$out" ||
    fail "the running server was not reached: $out"
grep -q "ok      webhook_deliveries" <<<"$out" || fail "deliveries before any: $out"
echo "with the server: $(grep webhook_endpoint <<<"$out")"

order=$(hs action collect INV-2026-0001 | sed -n 's/^ *order_id: *//p')
[ -n "$order" ] || fail "collect gave no order"
python3 - "$base_url/_sandbox/orders/$order/pay" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b"", method="POST")).read()
PY
# The server writes its audit rows in batches: ask until they are there.
for _ in $(seq 40); do
    out=$(hs check) || true
    grep -q 'FAILED  webhook_deliveries' <<<"$out" && break
    sleep 0.5
done
line=$(grep 'webhook_deliveries' <<<"$out")
grep -q 'FAILED  webhook_deliveries: [0-9]* deliver[a-z]* refused with a bad signature' <<<"$line" ||
    fail "no one-line reason: $out"
grep -q 'jodo.webhook.secret probably differs from the secret set in Jodo' <<<"$line" ||
    fail "the line does not say what to fix: $line"
echo "after Jodo's refused delivery: $line"
echo "check tells the administrator: complete"
