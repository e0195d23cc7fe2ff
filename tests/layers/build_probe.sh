#!/usr/bin/env bash
# Builds one layer probe and checks the outcome: "fails" must fail because
# the named header is not found (not for any other reason); "builds" must build.
set -uo pipefail
build_dir=$1 target=$2 expect=$3 header=$4
out=$(cmake --build "$build_dir" --target "$target" 2>&1)
rc=$?
if [ "$expect" = builds ]; then
    [ $rc -eq 0 ] && { echo "$target builds, as it must"; exit 0; }
    echo "$out" | tail -20
    echo "FAIL: $target should build"
    exit 1
fi
if [ $rc -ne 0 ] && grep -q "$header: No such file or directory" <<<"$out"; then
    echo "$target fails: $header is not on its layer's include path, as it must be"
    exit 0
fi
echo "$out" | tail -20
echo "FAIL: $target should fail to find $header (exit $rc)"
exit 1
