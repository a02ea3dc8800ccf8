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
# 3. rbm_reference.py eval     critic accuracy (5-fold logistic regression) and precision@10 of our
#                              embeddings vs scikit-learn's, rbm_ref.py's numpy CD-1's, PCA-128 and
#                              the raw bag of words; dead/saturated units
# 4. rbm_reference.py loglik   held-out log-likelihood by rbm_ref.py's two-base AIS for scikit-learn's
#                              model, the numpy CD-1 (same hyper-parameters as ours) and, as a
#                              cross-check of our AIS, ours
# 5. (with RBM_SEEDS=0-11)     acceptance 4 over seeds: rbm_ref.py's CD-1 and a same-stream numpy
#                              replica of our trainer per seed, then critic-bench rbm-seeds trains
#                              ours per seed and evaluates all of them with the same two-base AIS
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
export OPENBLAS_NUM_THREADS=1
"$PY" Benchmarks/rbm_reference.py eval --dir "$RBM_BENCH_DIR" | tee "$RBM_BENCH_DIR/embeddings.json"
for model in sklearn numpy_cd1 ours; do
    "$PY" Benchmarks/rbm_reference.py loglik --dir "$RBM_BENCH_DIR" --model "$model" \
        --ais-betas "${RBM_AIS_TEMPERATURES:-14500}" | tee "$RBM_BENCH_DIR/loglik_$model.json"
done
if [ -n "${RBM_SEEDS:-}" ]; then
    "$PY" Benchmarks/rbm_reference.py train-cd1 --dir "$RBM_BENCH_DIR" --seeds "$RBM_SEEDS"
    "$PY" Benchmarks/rbm_reference.py same-stream --dir "$RBM_BENCH_DIR" --seeds "${RBM_SAME_STREAM_SEEDS:-0-2}"
    .build/release/critic-bench rbm-seeds
fi
