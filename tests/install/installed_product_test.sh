#!/bin/sh
# What `cmake --install` ships is the product alone: no test apparatus. Fails
# when an installed file's name speaks of chaos or invariants, or when the
# installed host-sim carries the chaos run or the invariant checker.
#   installed_product_test.sh CMAKE BUILD_DIR
set -eu
cmake=$1
build=$2
prefix=$(mktemp -d "${TMPDIR:-/tmp}/jodo-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
"$cmake" --install "$build" --prefix "$prefix" >"$prefix.log" 2>&1 || {
    cat "$prefix.log" >&2
    rm -f "$prefix.log"
    exit 1
}
rm -f "$prefix.log"
status=0
apparatus=$(cd "$prefix" && find . | grep -iE 'chaos|invariant' || true)
if [ -n "$apparatus" ]; then
    echo "installed test apparatus:" >&2
    echo "$apparatus" >&2
    status=1
fi
host_sim="$prefix/bin/host-sim"
if [ ! -f "$host_sim" ]; then
    echo "no bin/host-sim installed" >&2
    exit 1
fi
for needle in InvariantChecker "chaos run" "Chaos run" "chaos-worker" run_chaos; do
    count=$(grep -a -c -- "$needle" "$host_sim" || true)
    if [ "$count" != 0 ]; then
        echo "installed host-sim contains \"$needle\" ($count lines)" >&2
        status=1
    fi
done
[ "$status" = 0 ] && echo "installed: $(cd "$prefix" && find . -type f | wc -l) files, no test apparatus"
exit "$status"
