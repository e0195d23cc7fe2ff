#!/usr/bin/env bash
# Runs connector-bench as docs/benchmarks.md reports it: at 0 ms and at 50 ms
# injected Jodo latency, SQLite and PostgreSQL, database files under the build
# directory (a real disk; the bench refuses tmpfs), PostgreSQL with fsync on in
# a cluster of its own (stopped at the end).
#   scripts/bench.sh [BUILD_DIR] [extra connector-bench options...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shift || true
build=$(cd "$build" && pwd)
port=${JODO_BENCH_PG_PORT:-$((57000 + RANDOM % 3000))}
pgdir=$build/bench-pg/data
mkdir -p "$build/bench-pg"
# One left running (an interrupted run) listens on its old port: restart it on ours.
"$here/scripts/pg-cluster.sh" stop "$pgdir"
pg=$("$here/scripts/pg-cluster.sh" start "$pgdir" "$port" durable)
trap '"$here/scripts/pg-cluster.sh" stop "$pgdir"' EXIT
"$build/bin/connector-bench" --latency-ms 0 --invoices 10000 --events 20000 --pg "$pg" "$@"
"$build/bin/connector-bench" --latency-ms 50 --invoices 10000 --events 20000 --reconcile 1000 \
    --pg "$pg" "$@"
