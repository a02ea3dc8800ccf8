#!/usr/bin/env bash
# Runs every libFuzzer target (or those named) for FUZZ_SECONDS each, one after another, and
# prints each one's final statistics. Exits non-zero if any target finds a crash, a leak or a
# timeout; the input that triggered it is kept in Fuzz/.build/artifacts/<target>/ — turn it into
# a regression test (Tests/*/HostileInputTests.swift) and a seed in Fuzz/corpus/<target>/.
#
# Usage: Fuzz/run.sh [TARGET...]    FUZZ_SECONDS=600 Fuzz/run.sh ARPAReader
# Inputs found on the way accumulate in Fuzz/.build/corpus/<target>/ (not committed); the
# committed seeds in Fuzz/corpus/<target>/ are only read.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${FUZZ_SECONDS:-60}"
"$here/build.sh" || exit 1
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=($(cd "$here/Targets" && ls *.swift | sed 's/\.swift$//'))
failed=()
printf '%-15s %8s %10s %7s %7s  %s\n' target seconds executions cov ft result
for target in "${targets[@]}"; do
    work="$here/.build/corpus/$target"
    artifacts="$here/.build/artifacts/$target"
    log="$here/.build/logs/$target.log"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    # -max_len: the binary seeds are a few kilobytes; room to grow past them.
    # -timeout: one input taking 10 s is a hang. -rss_limit_mb: an input asking for gigabytes
    # must be refused by the loader, not allocated.
    "$here/.build/$target" "$work" "$here/corpus/$target" \
        -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
    status=$?
    executions=$(grep -o '^stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    final=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1)
    cov=$(echo "$final" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
    ft=$(echo "$final" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
    result=ok
    if [ $status -ne 0 ]; then
        result="FAILED (exit $status, see $log)"
        failed+=("$target")
    fi
    printf '%-15s %8s %10s %7s %7s  %s\n' "$target" "$seconds" "${executions:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: ${failed[*]} found a crash, leak or timeout" >&2
    exit 1
fi
