#!/usr/bin/env bash
# An example host (examples/c-host, or examples/minimal-host built by another
# compiler) loads libjodo.so, starts it on the SQLite ERP and collects one
# invoice against the sandbox. Run inside with_erp_and_sandbox.sh.
#   host_collects.sh HOST LIBJODO
set -euo pipefail
host=${1:?host binary} plugin=${2:?libjodo.so}
out=$("$host" --plugin "$plugin" --set "host.database=$ERP_DATABASE" \
    --set "jodo.base_url=$JODO_BASE_URL" --set "jodo.api_key=$JODO_API_KEY" \
    --set "jodo.api_secret=$JODO_API_SECRET" INV-2026-0001 2>"$WORKDIR/host.err") ||
    { echo "$out"; cat "$WORKDIR/host.err" >&2; exit 1; }
echo "$out"
grep -q '^collect INV-2026-0001: ok$' <<<"$out"
grep -q '^  status = unpaid$' <<<"$out"
grep -q '^  order_id = .' <<<"$out"
