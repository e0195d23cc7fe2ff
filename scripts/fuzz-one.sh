#!/usr/bin/env bash
# fuzz-one.sh BINARY SECONDS SOURCE_DIR CORPUS_DIR
# Runs one libFuzzer target for SECONDS, seeded from tests/fixtures/jodo and
# tests/fuzz/regressions/<target>/. New inputs go to CORPUS_DIR (in the build
# tree, never into the repository). A crash fails the run and leaves the input
# as CORPUS_DIR/../<target>-crash-*: copy it into tests/fuzz/regressions/<target>/
# together with the fix.
set -euo pipefail
binary=$1 seconds=$2 src=$3 corpus=$4
target=$(basename "$binary")
mkdir -p "$corpus"
# The verifier and receiver read "mode byte, lines, body": their seeds are the
# fixtures behind a header that signs them (mode 7) from 127.0.0.1.
for f in "$src"/tests/fixtures/jodo/*.json; do
    case "$target" in
        fuzz_webhook_verifier) { printf '\007127.0.0.1\n\n\n'; cat "$f"; } >"$corpus/seed-$(basename "$f")" ;;
        fuzz_webhook_receiver) { printf '\001POST\n127.0.0.1\n\n'; cat "$f"; } >"$corpus/seed-$(basename "$f")" ;;
        fuzz_money) ;;
        *) cp "$f" "$corpus/seed-$(basename "$f")" ;;
    esac
done
if [ "$target" = fuzz_money ]; then
    for amount in 1000 1000.5 '"1.0"' 1000.0 999999999999.99 '"0.01"' 1e3; do
        printf '%s' "$amount" >"$corpus/seed-$(printf '%s' "$amount" | tr -c '0-9a-z.' _)"
    done
fi
seeds=("$corpus")
[ -d "$src/tests/fuzz/regressions/$target" ] && seeds+=("$src/tests/fuzz/regressions/$target")
# Known driver leaks only (the file says which and why); ASan and UBSan stop at the first error.
export LSAN_OPTIONS="suppressions=$src/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
cd "$(dirname "$corpus")"
exec "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$(dirname "$corpus")/$target-" "${seeds[@]}"
