#!/bin/sh
# Issue 16's acceptance benchmark: our noisy-channel corrector, fill and completion on held-out
# scaledata reviews of each critic, and symspellpy and pyspellchecker on the same typos with
# dictionaries counted from the same training text. Seeded: the same run gives the same figures.
#
# Usage: Benchmarks/correction_compare.sh [PYTHON]
#   PYTHON: an interpreter with symspellpy and pyspellchecker, e.g. one of a venv made outside the
#   repository:  python3 -m venv /work/benchenv-correct && /work/benchenv-correct/bin/pip install symspellpy pyspellchecker
set -eu
cd "$(dirname "$0")/.."
python=${1:-python3}
folder=$(mktemp -d "${TMPDIR:-/tmp}/critic-correction.XXXXXX")
trap 'rm -rf "$folder"' EXIT
swift build -c release --product critic-bench >/dev/null
CRITIC_BENCH_EXPORT="$folder" .build/release/critic-bench correction
echo
"$python" Benchmarks/spell_reference.py "$folder"
