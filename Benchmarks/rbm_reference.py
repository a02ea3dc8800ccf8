#!/usr/bin/env python3
"""Glue between critic-bench and the reference scripts in ../shared/bench (imported, not copied).

  rbm_reference.py time --data train.npz --hidden H --epochs N --batch-size B --threads T
      scikit-learn BernoulliRBM.fit on the same CSR matrix; prints {"seconds_per_epoch": ...}.
  rbm_reference.py eval --dir WORK [--hidden 128] [--epochs 20]
      acceptance 5-6 on the matrices and embeddings critic-bench rbm-quality wrote to WORK: 5-fold
      logistic-regression critic accuracy of our embeddings, scikit-learn's, rbm_ref.py's numpy
      CD-1's, PCA-128 of the bag of words and the raw bag of words; retrieval precision@10
      (held-out queries, cosine); dead and saturated hidden units. Prints one JSON object.
  rbm_reference.py loglik --dir WORK --model ours|sklearn|numpy_cd1 [--ais-runs 100] [--ais-betas 14500]
      acceptance 4: held-out log-likelihood per review by rbm_ref.py's two-base AIS, for our model
      (WORK/ours_params.npz), scikit-learn's (batch 10, lr 0.05, PCD-1) or rbm_ref.py's numpy CD-1
      trained with our hyper-parameters (both trained here on WORK/train.npz and saved to WORK;
      --reuse evaluates the saved parameters instead).
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


def train_reference(name, Xtr, a):
    if name == "sklearn":
        from sklearn.neural_network import BernoulliRBM
        sk = BernoulliRBM(n_components=a.hidden, learning_rate=a.sk_lr, batch_size=a.sk_batch,
                          n_iter=a.epochs, random_state=0).fit(Xtr)
        return R.from_sklearn(sk)
    cd = R.CDRBM(n_hidden=a.hidden, k=1, lr=0.05, batch_size=100, epochs=a.epochs, weight_cost=2e-4,
                 seed=0).fit(Xtr)
    return cd.params()


def cmd_loglik(a):
    threadpool_limits(a.threads)
    d = a.dir
    Xtr = R.load_matrix(os.path.join(d, "train.npz"))
    Xte = R.load_matrix(os.path.join(d, "test.npz"))
    path = os.path.join(d, f"{a.model}_params.npz")
    if a.model != "ours" and not (a.reuse and os.path.exists(path)):
        t0 = time.perf_counter()
        R.save_params(path, *train_reference(a.model, Xtr, a))
        train_seconds = time.perf_counter() - t0
    else:
        train_seconds = None
    W, b, c = R.load_params(path)
    bA = R.base_rate_biases(Xtr)
    out = dict(model=a.model, train_seconds=train_seconds,
               independent_words_avg_ll_test=float(np.mean(np.asarray(Xte @ bA).ravel()) - R.softplus(bA).sum()))
    out.update(loglik(W, b, c, Xtr, Xte, a))
    print(json.dumps(out, indent=2))


def cmd_eval(a):
    import sk_bench as S
    from sklearn.decomposition import PCA
    threadpool_limits(a.threads)
    d = a.dir
    X = R.load_matrix(os.path.join(d, "all.npz"))
    Xtr = R.load_matrix(os.path.join(d, "train.npz"))
    y = np.load(os.path.join(d, "labels.npy"))
    te = np.load(os.path.join(d, "test_index.npy"))
    out = dict(n_docs=int(X.shape[0]), vocab=int(X.shape[1]))
    W, b, c = R.load_params(os.path.join(d, "ours_params.npz"))
    F_ours = np.load(os.path.join(d, "ours_embeddings.npy"))
    out["ours_transform_matches_numpy"] = bool(np.allclose(F_ours, R.transform(X, W, c), atol=1e-4))
    feats = dict(ours=F_ours)
    for name in ("sklearn", "numpy_cd1"):
        Wr, br, cr = train_reference(name, Xtr, a)
        feats[name] = R.transform(X, Wr, cr)
    feats["pca"] = PCA(n_components=a.hidden, random_state=0).fit_transform(X.toarray())
    feats["raw_bow"] = X
    for name, F in feats.items():
        out[f"lr_accuracy_{name}"] = S.cv_accuracy(F, y, 5, 0, 1.0)
        out[f"precision_at_10_{name}"] = S.precision_at_k(F, y, te, 10)
    for name in ("ours", "sklearn", "numpy_cd1"):
        m = np.asarray(feats[name]).mean(0)
        out[f"{name}_hidden_dead"] = float((m < 0.01).mean())
        out[f"{name}_hidden_saturated"] = float((m > 0.99).mean())
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
    for command in ("eval", "loglik"):
        e = sub.add_parser(command)
        e.add_argument("--dir", required=True)
        e.add_argument("--hidden", type=int, default=128)
        e.add_argument("--epochs", type=int, default=20)
        e.add_argument("--sk-lr", type=float, default=0.05)
        e.add_argument("--sk-batch", type=int, default=10)
        e.add_argument("--threads", type=int, default=1)
        if command == "loglik":
            e.add_argument("--model", choices=["ours", "sklearn", "numpy_cd1"], required=True)
            e.add_argument("--ais-runs", type=int, default=100)
            e.add_argument("--ais-betas", type=int, default=14500)
            e.add_argument("--reuse", action="store_true", help="evaluate WORK/MODEL_params.npz if it exists")
    a = ap.parse_args()
    dict(time=cmd_time, eval=cmd_eval, loglik=cmd_loglik)[a.cmd](a)


if __name__ == "__main__":
    main()
