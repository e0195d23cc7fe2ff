#!/bin/sh
# The erp-host systemd unit as `cmake --install` writes it (the packages get
# the same with /usr): it names host-sim serve, the configuration, its own
# user, restart on failure and the hardening; `systemd-analyze verify` accepts
# it without a warning (an unknown key or a bad value is only a warning there,
# with exit 0, so any output fails); and the installed example configuration
# is one host-sim accepts. Skipped (77) where systemd-analyze is missing.
#   service_unit_test.sh CMAKE BUILD_DIR
set -eu
cmake=$1
build=$2
if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "systemd-analyze is not installed: skipped"
    exit 77
fi
prefix=$(mktemp -d "${TMPDIR:-/tmp}/jodo-service.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
"$cmake" --install "$build" --prefix "$prefix" >"$prefix/install.log" 2>&1 || {
    cat "$prefix/install.log" >&2
    exit 1
}
unit="$prefix/lib/systemd/system/erp-host.service"
config="$prefix/etc/erp-host/host.ini"
status=0
fail() {
    echo "FAILED: $*" >&2
    status=1
}
[ -f "$unit" ] || { echo "FAILED: no $unit" >&2; exit 1; }
[ -f "$config" ] || fail "no $config"
for line in "ExecStart=$prefix/bin/host-sim serve --config $config" "User=erp-host" \
    "Restart=on-failure" "ProtectSystem=strict" "ReadWritePaths=/var/lib/erp-host /var/log/erp-host" \
    "StandardError=journal" "WantedBy=multi-user.target"; do
    grep -qxF -- "$line" "$unit" || fail "$unit lacks the line: $line"
done
systemd-analyze verify "$unit" >"$prefix/verify.out" 2>&1 || fail "systemd-analyze verify exited $?"
if [ -s "$prefix/verify.out" ]; then
    cat "$prefix/verify.out" >&2
    fail "systemd-analyze verify warned"
fi
# Absolute paths only: the service's working directory is /.
if grep -E '^(database|log_file|plugins) *=' "$config" | grep -vE '=(.*Database=)?/' >&2; then
    fail "a relative path in $config"
fi
"$prefix/bin/host-sim" settings --config "$config" >"$prefix/settings.out" 2>&1 || {
    cat "$prefix/settings.out" >&2
    fail "host-sim settings refuses the installed example configuration"
}
[ "$status" = 0 ] && echo "erp-host.service verified; example configuration accepted"
exit "$status"
