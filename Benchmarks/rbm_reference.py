#!/usr/bin/env python3
"""Glue between critic-bench and the reference scripts in ../shared/bench (imported, not copied).

  rbm_reference.py time --data train.npz --hidden H --epochs N --batch-size B --threads T
      scikit-learn BernoulliRBM.fit on the same CSR matrix; prints {"seconds_per_epoch": ...}.
  rbm_reference.py eval --dir WORK [--hidden 128] [--epochs 20] [--ais-runs 100] [--ais-betas 14500]
      acceptance 4-6 on the matrices and embeddings critic-bench rbm-quality wrote to WORK:
      held-out log-likelihood (two-base AIS, rbm_ref.py) of our model, of scikit-learn's and of
      rbm_ref.py's numpy CD-1 trained with our hyper-parameters; 5-fold logistic-regression critic
      accuracy of our embeddings, scikit-learn's, PCA-128 of the bag of words and the raw bag of
      words; retrieval precision@10 (held-out queries, cosine). Prints one JSON object.
"""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "bench"))

import numpy as np                                   # noqa: E402
from threadpoolctl import threadpool_limits          # noqa: E402
import rbm_ref as R                                  # noqa: E402


def cmd_time(a):
    from sklearn.neural_network import BernoulliRBM
    with threadpool_limits(a.threads):
        X = R.load_matrix(a.data)                    # float64 CSR, as sk_bench.py feeds sklearn
        rbm = BernoulliRBM(n_components=a.hidden, learning_rate=0.05, batch_size=a.batch_size,
                           n_iter=a.epochs, random_state=0)
        t0 = time.perf_counter()
        rbm.fit(X)
        dt = time.perf_counter() - t0
    print(json.dumps(dict(seconds_per_epoch=dt / a.epochs, threads=a.threads, hidden=a.hidden,
                          batch_size=a.batch_size)))


def loglik(W, b, c, Xtr, Xte, a):
    r = R.ais_two_bases(W, b, c, Xtr, n_runs=a.ais_runs, n_betas=a.ais_betas, seed=0)
    return dict(logZ=r["logZ"], logZ_base_rate=r["base_rate"]["logZ"], logZ_uniform=r["uniform"]["logZ"],
                warning=bool(r["warning"]), avg_ll_test=R.avg_loglik(Xte, W, b, c, r["logZ"]),
                avg_ll_train=R.avg_loglik(Xtr, W, b, c, r["logZ"]))


def cmd_eval(a):
    import sk_bench as S
    from sklearn.decomposition import PCA
    from sklearn.neural_network import BernoulliRBM
    threadpool_limits(a.threads)
    d = a.dir
    X = R.load_matrix(os.path.join(d, "all.npz"))
    Xtr = R.load_matrix(os.path.join(d, "train.npz"))
    Xte = R.load_matrix(os.path.join(d, "test.npz"))
    y = np.load(os.path.join(d, "labels.npy"))
    te = np.load(os.path.join(d, "test_index.npy"))
    out = dict(n_docs=int(X.shape[0]), vocab=int(X.shape[1]))
    bA = R.base_rate_biases(Xtr)
    out["independent_words_avg_ll_test"] = float(np.mean(np.asarray(Xte @ bA).ravel()) - R.softplus(bA).sum())

    W, b, c = R.load_params(os.path.join(d, "ours_params.npz"))
    F_ours = np.load(os.path.join(d, "ours_embeddings.npy"))
    out["ours_transform_matches_numpy"] = bool(np.allclose(F_ours, R.transform(X, W, c), atol=1e-4))
    if a.ais_runs:
        out["ours_loglik_rbm_ref"] = loglik(W, b, c, Xtr, Xte, a)

    t0 = time.perf_counter()
    sk = BernoulliRBM(n_components=a.hidden, learning_rate=a.sk_lr, batch_size=a.sk_batch,
                      n_iter=a.epochs, random_state=0).fit(Xtr)
    out["sklearn_seconds"] = time.perf_counter() - t0
    Ws, bs, cs = R.from_sklearn(sk)
    F_sk = sk.transform(X)
    if a.ais_runs:
        out["sklearn_loglik"] = loglik(Ws, bs, cs, Xtr, Xte, a)

    cd = R.CDRBM(n_hidden=a.hidden, k=1, lr=0.05, batch_size=100, epochs=a.epochs, weight_cost=2e-4,
                 seed=0).fit(Xtr)
    if a.ais_runs:
        out["numpy_cd1_loglik"] = loglik(cd.W, cd.b, cd.c, Xtr, Xte, a)

    F_pca = PCA(n_components=a.hidden, random_state=0).fit_transform(X.toarray())
    feats = dict(ours=F_ours, sklearn=F_sk, numpy_cd1=R.transform(X, cd.W, cd.c), pca=F_pca, raw_bow=X)
    for name, F in feats.items():
        for hs, Fh in (("", F),):
            out[f"{name}_hidden_dead"] = None
        out[f"lr_accuracy_{name}"] = S.cv_accuracy(F, y, 5, 0, 1.0)
        out[f"precision_at_10_{name}"] = S.precision_at_k(F, y, te, 10)
    for name in ("ours", "sklearn", "numpy_cd1"):
        m = np.asarray(feats[name]).mean(0)
        out[f"{name}_hidden_dead"] = float((m < 0.01).mean())
        out[f"{name}_hidden_saturated"] = float((m > 0.99).mean())
    for name in ("pca", "raw_bow"):
        out.pop(f"{name}_hidden_dead")
    print(json.dumps(out, indent=2))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("time")
    t.add_argument("--data", required=True)
    t.add_argument("--hidden", type=int, default=128)
    t.add_argument("--epochs", type=int, default=10)
    t.add_argument("--batch-size", type=int, default=100)
    t.add_argument("--threads", type=int, default=1)
    e = sub.add_parser("eval")
    e.add_argument("--dir", required=True)
    e.add_argument("--hidden", type=int, default=128)
    e.add_argument("--epochs", type=int, default=20)
    e.add_argument("--sk-lr", type=float, default=0.05)
    e.add_argument("--sk-batch", type=int, default=10)
    e.add_argument("--ais-runs", type=int, default=100)
    e.add_argument("--ais-betas", type=int, default=14500)
    e.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    cmd_time(a) if a.cmd == "time" else cmd_eval(a)


if __name__ == "__main__":
    main()
