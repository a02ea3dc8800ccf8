#!/usr/bin/env bash
# The kill -9 test of issue 12: for each command that writes a model or embeddings, an old output
# is made, then the command (asked for a different output) is killed with SIGKILL at random
# moments, KILLS times. After every kill the output must load and score exactly as the old one
# did, or exactly as the complete new one does (the kill came after the swap); anything else is
# a torn output. Finally one run completes, and no temporary (`.NAME.critic-tmp-PID-*`) may be
# left in the folder.
#
# Usage: scripts/kill-test.sh [KILLS] (default 20; needs `swift build -c release` first)
# Prints one line per command and exits 1 if any check fails.
set -uo pipefail
kills=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
critic="$root/.build/release/critic"
corpus="$root/corpora/plain"
[ -x "$critic" ] || { echo "build first: swift build -c release" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/critic-kill-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
RANDOM=42
failed=0

# A fingerprint of what an output scores: identical fingerprints, identical behaviour.
fingerprint() {
    case "$1" in
        bundle) "$critic" classify -m B.bundle --file "$corpus/ada-sterling.txt" --top 5 2>/dev/null | sha256sum ;;
        single) "$critic" perplexity -m M.lm "$corpus" 2>/dev/null | sha256sum ;;
        rbm) rm -f fp.npy; "$critic" embed -m R.model "$corpus" -o fp.npy >/dev/null 2>&1 && sha256sum < fp.npy ;;
        embed) cat E/vectors.tsv E/metadata.tsv 2>/dev/null | sha256sum ;;
    esac
}

output_of() {
    case "$1" in bundle) echo B.bundle ;; single) echo M.lm ;; rbm) echo R.model ;; embed) echo E ;; esac
}

# run KIND old|new: the command that writes the old or the new output. It `exec`s critic, so
# that in the background `$!` is critic itself (call it in a subshell in the foreground).
run() {
    local kind=$1 which=$2
    case "$kind/$which" in
        bundle/old) exec "$critic" train "$corpus" -o B.bundle --order 3 ;;
        bundle/new) exec "$critic" train "$corpus" -o B.bundle --order 2 --threads 1 ;;
        single/old) exec "$critic" train --single-model "$corpus" -o M.lm --order 3 ;;
        single/new) exec "$critic" train --single-model "$corpus" -o M.lm --order 4 --threads 1 ;;
        rbm/old) exec "$critic" rbm train "$corpus" -o R.model --hidden 24 --epochs 3 --seed 1 ;;
        rbm/new) exec "$critic" rbm train "$corpus" -o R.model --hidden 24 --epochs 3 --seed 2 --threads 1 ;;
        embed/old) exec "$critic" embed -m R1.model "$corpus" -o E ;;
        embed/new) exec "$critic" embed -m R2.model "$corpus" -o E ;;
    esac
}

# Two fixed models for embed to read.
"$critic" rbm train "$corpus" -o R1.model --hidden 16 --epochs 2 --seed 3 >/dev/null 2>&1
"$critic" rbm train "$corpus" -o R2.model --hidden 16 --epochs 2 --seed 4 >/dev/null 2>&1

for kind in bundle single rbm embed; do
    output=$(output_of "$kind")
    rm -rf "$output" "$output.history.json" saved
    start=$(date +%s%N); (run "$kind" new) >/dev/null 2>&1; duration=$(( ($(date +%s%N) - start) / 1000 ))  # µs
    new=$(fingerprint "$kind")
    rm -rf "$output" "$output.history.json"
    (run "$kind" old) >/dev/null 2>&1
    old=$(fingerprint "$kind")
    cp -a "$output" saved
    [ "$old" != "$new" ] || { echo "$kind: old and new outputs score the same; the test cannot tell them apart"; failed=1; continue; }
    intact=0 replaced=0 torn=0 leftover=0
    for _ in $(seq "$kills"); do
        rm -rf "$output"; cp -a saved "$output"
        delay=$(( (RANDOM * 32768 + RANDOM) % (duration + 1) ))  # µs, within one run
        run "$kind" new >/dev/null 2>&1 &
        pid=$!
        sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        found=$(fingerprint "$kind")
        if [ "$found" = "$old" ]; then intact=$((intact + 1))
        elif [ "$found" = "$new" ]; then replaced=$((replaced + 1))
        else torn=$((torn + 1)); fi
        ls -a | grep -q 'critic-tmp-' && leftover=$((leftover + 1))
    done
    (run "$kind" new) >/dev/null 2>&1
    remaining=$(ls -a | grep -c 'critic-tmp-')
    final=$(fingerprint "$kind")
    status=ok
    if [ "$torn" -ne 0 ] || [ "$remaining" -ne 0 ] || [ "$final" != "$new" ]; then status=FAILED; failed=1; fi
    printf '%-7s %s: %d kills in a %d ms run: %d old output intact, %d new output complete, %d torn; temporaries left by %d kills, %d after the next run\n' \
        "$kind" "$status" "$kills" $((duration / 1000)) "$intact" "$replaced" "$torn" "$leftover" "$remaining"
done
exit $failed
