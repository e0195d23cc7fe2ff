#!/usr/bin/env bash
# The world an example host runs in: a SQLite ERP with the sample invoices
# (host-sim init --sample) and the Jodo sandbox on 127.0.0.1, which sends its
# signed webhooks to 127.0.0.1:$WEBHOOK_PORT/webhooks/jodo. Then runs the
# command with these in its environment, and stops the sandbox afterwards:
#   ERP_DATABASE (ODBC connection string), JODO_BASE_URL, JODO_API_KEY,
#   JODO_API_SECRET, JODO_WEBHOOK_SECRET, WEBHOOK_PORT, WORKDIR.
#   with_erp_and_sandbox.sh HOST_SIM JODO_SANDBOX WORKDIR -- COMMAND [ARG]...
set -euo pipefail
host_sim=${1:?host-sim} sandbox=${2:?jodo-sandbox} workdir=${3:?work directory}
shift 3
[ "${1:-}" = "--" ] && shift
rm -rf "$workdir" && mkdir -p "$workdir"
WEBHOOK_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
JODO_API_KEY=sandbox_key JODO_API_SECRET=sandbox_secret JODO_WEBHOOK_SECRET=whsec_example
ERP_DATABASE="Driver=SQLite3;Database=$workdir/erp.db;Timeout=10000;"
WORKDIR=$workdir
export WEBHOOK_PORT JODO_API_KEY JODO_API_SECRET JODO_WEBHOOK_SECRET ERP_DATABASE WORKDIR

pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT
"$sandbox" --port 0 --key "$JODO_API_KEY" --secret "$JODO_API_SECRET" \
    --webhook-url "http://127.0.0.1:$WEBHOOK_PORT/webhooks/jodo" \
    --webhook-secret "$JODO_WEBHOOK_SECRET" >"$workdir/sandbox.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$workdir/sandbox.log" && break; sleep 0.1; done
JODO_BASE_URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$workdir/sandbox.log" | head -1)
[ -n "$JODO_BASE_URL" ] || { cat "$workdir/sandbox.log" >&2; exit 1; }
export JODO_BASE_URL

printf '[host]\ndatabase = %s\n' "$ERP_DATABASE" >"$workdir/host.ini"
"$host_sim" init --config "$workdir/host.ini" --sample >"$workdir/init.log" 2>&1 ||
    { cat "$workdir/init.log" >&2; exit 1; }
"$@"
