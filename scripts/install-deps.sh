#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need, from Debian's
# packages. Safe to re-run; does nothing when all are present.
set -euo pipefail
packages=(
    g++ clang cmake make pkg-config dpkg-dev
    libboost-dev
    libpoco-dev libssl-dev
    libspdlog-dev libfmt-dev
    libgtest-dev
    unixodbc unixodbc-dev odbcinst
    libsqliteodbc sqlite3
    odbc-postgresql postgresql
    odbc-mariadb mariadb-server mariadb-client
    openssl ca-certificates
    python3 chromium chromium-driver python3-selenium fonts-liberation
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The ODBC drivers register themselves in /etc/odbcinst.ini; make sure the
# names our connection strings use are there.
odbcinst -q -d | grep -q '^\[SQLite3\]' || { echo "SQLite3 ODBC driver not registered" >&2; exit 1; }
odbcinst -q -d | grep -q '^\[PostgreSQL Unicode\]' || { echo "psqlODBC driver not registered" >&2; exit 1; }
odbcinst -q -d | grep -q '^\[MariaDB Unicode\]' || { echo "MariaDB Connector/ODBC not registered" >&2; exit 1; }
# Debian registers Connector/ODBC as "MariaDB Unicode"; MariaDB's own packages
# (and most ERP guides) call it "MariaDB". Register that name too, for the
# same library, so that "Driver=MariaDB;..." works here as it does there.
if ! odbcinst -q -d | grep -q '^\[MariaDB\]'; then
    library=$(odbcinst -q -d -n "MariaDB Unicode" | sed -n 's/^Driver=//p')
    printf '[MariaDB]\nDescription=MariaDB Connector/ODBC\nDriver=%s\nThreading=0\n' "$library" |
        ${SUDO:-} odbcinst -i -d -r >/dev/null
fi
