#!/usr/bin/env bash
# package-test.sh: the product as an ERP vendor gets it.
#
# Builds the Debian packages from ./build (CPack: erp-plugin-api-dev,
# erp-plugin-jodo, jodo-host-sim in build/packages), installs them on this
# machine (apt-get install ./x.deb pulls in their dependencies), builds the
# installed examples/minimal-host and minimal-plugin out of tree with
# find_package(ErpPluginApi), creates a SQLite reference ERP with the installed
# host-sim, starts the installed jodo-sandbox on a free 127.0.0.1 port, and
# collects one invoice through the installed module with minimal-host.
#
# Also checks what an administrator gets: the erp-host systemd unit and
# /etc/erp-host/host.ini (a conffile) in jodo-host-sim, the erp-host user the
# postinst creates, host-sim --version, and systemd-analyze verify on the
# installed unit where systemd-analyze exists.
#
# Needs root (or sudo) for dpkg; scripts/test.sh runs it after the CTest suite.
# The packages are purged again at the end (JODO_KEEP_PACKAGES=1 keeps them);
# the erp-host user stays, as Debian leaves system users.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
packages=(erp-plugin-api-dev erp-plugin-jodo jodo-host-sim)
apt_lock=(-o DPkg::Lock::Timeout=300)

# One run at a time on a machine: the packages are installed system-wide.
exec 9>/tmp/jodo-package-test.lock
flock 9

work=$(mktemp -d /tmp/jodo-package-test.XXXXXX)
sandbox_pid=""
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    if [ "${JODO_KEEP_PACKAGES:-0}" != 1 ]; then
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${apt_lock[@]}" \
            "${packages[@]}" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "package-test: FAILED: $*" >&2
    exit 1
}

echo "== Debian packages (cpack -G DEB in build/)"
rm -f build/packages/*.deb
(cd build && cpack -G DEB >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
debs=()
for p in "${packages[@]}"; do
    deb=$(ls build/packages/"${p}"_*.deb 2>/dev/null | head -1)
    [ -n "$deb" ] || fail "no package $p in build/packages"
    debs+=("$root/$deb")
    echo "   $(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"
done
host_deb=${debs[2]}
listing=$(dpkg -c "$host_deb")
for file in ./usr/lib/systemd/system/erp-host.service ./etc/erp-host/host.ini; do
    grep -q " $file\$" <<<"$listing" || fail "$(basename "$host_deb") lacks $file"
done
dpkg-deb -I "$host_deb" conffiles | grep -qx /etc/erp-host/host.ini ||
    fail "/etc/erp-host/host.ini is not a conffile"
for deb in "${debs[1]}" "$host_deb"; do
    dpkg-deb -f "$deb" Recommends | grep -q odbc-mariadb || fail "$(basename "$deb") lacks odbc-mariadb"
done

echo "== Installing them (apt-get install ./*.deb)"
# A package of the same version from an earlier run would not be replaced.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${apt_lock[@]}" "${packages[@]}" \
    >/dev/null 2>&1 || true
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${apt_lock[@]}" "${debs[@]}" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
module=/usr/lib/erp-host/plugins/libjodo.so
[ -f "$module" ] || fail "$module is not installed"
exports=$(nm -D --defined-only "$module" | awk '{print $3}' | sort | tr '\n' ' ')
[ "$exports" = "erp_plugin_entry " ] ||
    fail "$module exports more than its entry points: $exports"
/usr/bin/host-sim plugins || fail "the installed host-sim refuses the installed module"
version=$(dpkg-deb -f "$host_deb" Version)
[ "$(/usr/bin/host-sim --version)" = "host-sim $version" ] ||
    fail "host-sim --version does not print $version"

echo "== The erp-host service as installed"
unit=/usr/lib/systemd/system/erp-host.service
grep -qx "ExecStart=/usr/bin/host-sim serve --config /etc/erp-host/host.ini" "$unit" ||
    fail "$unit does not run /usr/bin/host-sim serve --config /etc/erp-host/host.ini"
getent passwd erp-host >/dev/null || fail "the postinst created no erp-host user"
[ "$(stat -c '%U:%G %a' /etc/erp-host/host.ini)" = "root:erp-host 640" ] ||
    fail "/etc/erp-host/host.ini is $(stat -c '%U:%G %a' /etc/erp-host/host.ini), not root:erp-host 640"
if command -v systemd-analyze >/dev/null; then
    verify=$(systemd-analyze verify "$unit" 2>&1) && [ -z "$verify" ] ||
        fail "systemd-analyze verify $unit: $verify"
    echo "   systemd-analyze verify: no warning"
fi
/usr/bin/host-sim settings --config /etc/erp-host/host.ini >"$work/settings.log" 2>&1 ||
    { cat "$work/settings.log"; fail "host-sim settings refuses /etc/erp-host/host.ini"; }

echo "== Examples built out of tree against the installed package (find_package)"
examples=/usr/share/doc/erp-plugin-api-dev/examples
for example in minimal-host minimal-plugin; do
    cmake -S "$examples/$example" -B "$work/$example" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        >"$work/$example.log" 2>&1 && cmake --build "$work/$example" -j"$(nproc)" \
        >>"$work/$example.log" 2>&1 || { cat "$work/$example.log"; fail "building $example"; }
done
grep -q "/usr/lib/cmake/ErpPluginApi" "$work/minimal-host/CMakeCache.txt" ||
    fail "minimal-host did not find the installed ErpPluginApi"
"$work/minimal-host/minimal-host" --plugin "$work/minimal-plugin/libminimal.so" INV-1 |
    grep -q "message = Hello, INV-1" || fail "minimal-host with minimal-plugin"

echo "== One invoice collected through the installed module"
/usr/bin/jodo-sandbox --port 0 >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 100); do
    grep -q "listening on" "$work/sandbox.out" && break
    sleep 0.1
done
base_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/sandbox.out") ||
    { cat "$work/sandbox.err"; fail "jodo-sandbox did not start"; }
cat >"$work/host.ini" <<EOF
[host]
database = Driver=SQLite3;Database=$work/erp.db;Timeout=10000;

[jodo]
base_url = $base_url
api_key = sandbox_key
api_secret = sandbox_secret
webhook.secret = change-me
EOF
/usr/bin/host-sim init --config "$work/host.ini" --sample >"$work/init.log" 2>&1 ||
    { cat "$work/init.log"; fail "host-sim init"; }
# One more open invoice, so that each host below collects one of its own
# (INV-2026-0003 is the sample Jodo refuses: its payer has no phone).
sqlite3 "$work/erp.db" "
INSERT INTO erp_invoices (invoice_id, payer_id, student_name, description,
    academic_year_start, academic_year_end, issued_on, outstanding_amount)
  SELECT 'INV-2026-0005', payer_id, student_name, description, academic_year_start,
    academic_year_end, issued_on, outstanding_amount FROM erp_invoices WHERE invoice_id = 'INV-2026-0004';
INSERT INTO erp_invoice_lines (invoice_id, line_no, fee_component, amount)
  SELECT 'INV-2026-0005', line_no, fee_component, amount FROM erp_invoice_lines
  WHERE invoice_id = 'INV-2026-0004';" || fail "adding INV-2026-0005"
"$work/minimal-host/minimal-host" --config "$work/host.ini" INV-2026-0001 | tee "$work/collect.out" ||
    fail "minimal-host collect"
grep -q "^loaded jodo .* from $module\$" "$work/collect.out" || fail "not the installed module"
grep -q "^collect INV-2026-0001: ok" "$work/collect.out" || fail "collect was not ok"
row=$(sqlite3 "$work/erp.db" \
    "SELECT status || ' ' || order_id FROM jodo_collections WHERE invoice_id = 'INV-2026-0001'")
[[ "$row" == unpaid\ ?* ]] || fail "the ERP database holds '$row' for INV-2026-0001"
echo "   jodo_collections: INV-2026-0001 $row"

echo "== The same through the installed module from C, clang++ and Python hosts"
# From the installed headers alone: no Boost and no CMake for the C host.
cc -std=c99 -pedantic -Wall -Wextra -Werror "$examples/c-host/main.c" -ldl -o "$work/c-host" ||
    fail "building the C host from the installed erp_plugin.h"
clang++ -std=c++17 -Wall -Wextra -Werror -DBOOST_DLL_USE_STD_FS \
    -DMINIMAL_HOST_PLUGIN_DIR="\"/usr/lib/erp-host/plugins\"" "$examples/minimal-host/main.cpp" \
    -ldl -o "$work/minimal-host-clang" || fail "building minimal-host with clang++"
sets=(--set "host.database=Driver=SQLite3;Database=$work/erp.db;Timeout=10000;"
    --set "jodo.base_url=$base_url" --set jodo.api_key=sandbox_key --set jodo.api_secret=sandbox_secret)
"$work/c-host" --plugin "$module" "${sets[@]}" INV-2026-0002 | grep -q "^collect INV-2026-0002: ok" ||
    fail "the C host did not collect INV-2026-0002"
"$work/minimal-host-clang" --plugin "$module" "${sets[@]}" INV-2026-0004 |
    grep -q "^collect INV-2026-0004: ok" || fail "the clang++ host did not collect INV-2026-0004"
python3 "$examples/python-host/python_host.py" --plugin "$module" "${sets[@]}" action collect \
    INV-2026-0005 | grep -q "^collect INV-2026-0005: ok" ||
    fail "the Python host did not collect INV-2026-0005"
echo "   C, clang++ and Python hosts: ok"

echo "Package test passed in $(($(date +%s) - start)) s"
