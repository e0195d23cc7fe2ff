#!/usr/bin/env bash
# The main job: installs, builds, and runs the invoice lifecycle on the embedded
# default (SQLite through ODBC) against the local Jodo sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh >/dev/null
exec build/bin/host-sim demo --workdir demo-run "$@"
