#!/usr/bin/env bash
# Acceptance 3–6 of the RBM feature extractor on ../shared/data/scaledata (V = 5,000 binary bag
# of words, 90/10 split). Needs ~/benchenv (python3 -m venv ~/benchenv &&
# ~/benchenv/bin/pip install numpy scipy scikit-learn threadpoolctl). Run from the package root:
#
#   bash Benchmarks/rbm_compare.sh            # everything (AIS in numpy takes a few minutes per model)
#   RBM_SKIP_TIMING=1 bash Benchmarks/rbm_compare.sh
#
# 1. critic-bench rbm          seconds/epoch vs scikit-learn, H = 128/512, 1 thread and all threads
# 2. critic-bench rbm-quality  our default model: per-epoch monitors, held-out log-likelihood by
#                              two-base AIS, dead/saturated units; writes matrices and embeddings
# 3. rbm_reference.py eval     the same held-out log-likelihood through rbm_ref.py for our model,
#                              scikit-learn's and rbm_ref.py's numpy CD-1; critic accuracy (5-fold
#                              logistic regression) and precision@10 of the embeddings vs PCA-128
#                              and raw bag of words
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-$HOME/benchenv/bin/python}"
export RBM_BENCH_DIR="${RBM_BENCH_DIR:-$PWD/.build/rbm-bench}"
[ -x "$PY" ] || { echo "missing $PY: create ~/benchenv first (see the header of this script)" >&2; exit 1; }
[ -d ../shared/data/scaledata ] || { echo "missing ../shared/data/scaledata" >&2; exit 1; }

swift build -c release --product critic-bench
if [ -z "${RBM_SKIP_TIMING:-}" ]; then
    .build/release/critic-bench rbm
fi
.build/release/critic-bench rbm-quality
OPENBLAS_NUM_THREADS=1 "$PY" Benchmarks/rbm_reference.py eval --dir "$RBM_BENCH_DIR" \
    --ais-betas "${RBM_AIS_TEMPERATURES:-14500}" | tee "$RBM_BENCH_DIR/reference.json"
