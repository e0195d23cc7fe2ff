#!/usr/bin/env bash
# examples/python-host loads libjodo.so through ctypes and runs collect, a
# signed webhook (served by http.server) and refresh. Run inside
# with_erp_and_sandbox.sh.
#   python_host_round_trip.sh PYTHON_HOST_DIR LIBJODO
set -euo pipefail
dir=${1:?examples/python-host} plugin=${2:?libjodo.so}
python3 "$dir/python_host.py" --plugin "$plugin" --set "host.database=$ERP_DATABASE" \
    --set "jodo.base_url=$JODO_BASE_URL" --set "jodo.api_key=$JODO_API_KEY" \
    --set "jodo.api_secret=$JODO_API_SECRET" --set "jodo.webhook.secret=$JODO_WEBHOOK_SECRET" \
    --set "jodo.webhook.worker_interval_ms=50" --webhook-port "$WEBHOOK_PORT" \
    --sandbox-url "$JODO_BASE_URL" round-trip INV-2026-0001 2>"$WORKDIR/python-host.err" |
    tee "$WORKDIR/python-host.out" || { cat "$WORKDIR/python-host.err" >&2; exit 1; }
grep -q '^collect INV-2026-0001: ok$' "$WORKDIR/python-host.out"
grep -q '^webhook accepted$' "$WORKDIR/python-host.out"
grep -q '^refresh INV-2026-0001: ok$' "$WORKDIR/python-host.out"
grep -q '^  status = paid$' "$WORKDIR/python-host.out"
