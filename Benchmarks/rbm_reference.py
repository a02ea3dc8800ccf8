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
  rbm_reference.py train-cd1 --dir WORK --seeds 0-19
      rbm_ref.py's CDRBM (float64, numpy's generator, our default hyper-parameters) once per seed,
      saved as WORK/numpy_cd1_s{SEED}.model in our model format for `critic-bench rbm-seeds`.
  rbm_reference.py same-stream --dir WORK --seeds 0-2
      our trainer's update rule re-done in numpy float32 with our random stream (xoshiro256**,
      seeded by SplitMix64, draws in the trainer's order), saved as WORK/same_stream_s{SEED}.model:
      a paired run that differs from ours only by floating-point rounding. --epochs 1 and
      --compare PARAMS.npz print the largest parameter differences instead.
"""
import argparse
import json
import math
import os
import struct
import sys
import time
import zlib

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


def seed_list(text):
    """"0-19" or "0,3,5" -> [ints]."""
    out = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def write_model(path, W, b, c):
    """Our RBM model file (Sources/CriticRBM/BernoulliRBM+File.swift): magic, version 1, V, H, no
    terms, no metadata, Float32 W (V x H row-major), b, c, CRC-32; written atomically."""
    V, H = W.shape
    data = b"CRITRBM\x1a" + struct.pack("<IIIII", 1, V, H, 0, 0)
    data += b"".join(np.ascontiguousarray(x, dtype="<f4").tobytes() for x in (W, b, c))
    data += struct.pack("<I", zlib.crc32(data) & 0xFFFFFFFF)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def cmd_train_cd1(a):
    threadpool_limits(a.threads)
    Xtr = R.load_matrix(os.path.join(a.dir, "train.npz"))
    for seed in seed_list(a.seeds):
        t0 = time.perf_counter()
        m = R.CDRBM(n_hidden=a.hidden, k=1, lr=0.05, batch_size=100, epochs=a.epochs, weight_cost=2e-4,
                    seed=seed).fit(Xtr)
        path = os.path.join(a.dir, f"numpy_cd1_s{seed}.model")
        write_model(path, *m.params())
        print(json.dumps(dict(seed=seed, seconds=time.perf_counter() - t0, path=path)), flush=True)


class OurGenerator:
    """SeededGenerator (Sources/CriticCorpus): xoshiro256** seeded by SplitMix64, with the
    trainer's helpers (nextUnitFloat, nextGaussian, permutation)."""
    MASK = (1 << 64) - 1

    def __init__(self, seed):
        state = seed
        words = []
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & self.MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
            words.append(z ^ (z >> 31))
        self.s = words

    def next(self):
        s0, s1, s2, s3 = self.s
        x = (s1 * 5) & self.MASK
        result = ((((x << 7) | (x >> 57)) & self.MASK) * 9) & self.MASK
        t = (s1 << 17) & self.MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = ((s3 << 45) | (s3 >> 19)) & self.MASK
        self.s = [s0, s1, s2, s3]
        return result

    def unit_floats(self, n):
        return np.array([(self.next() >> 40) for _ in range(n)], dtype=np.float64).astype(np.float32) * np.float32(2.0 ** -24)

    def gaussian(self):
        u1 = 1.0 - (self.next() >> 11) * 2.0 ** -53
        u2 = (self.next() >> 11) * 2.0 ** -53
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def permutation(self, n):
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.next() % (i + 1)
            order[i], order[j] = order[j], order[i]
        return order


def same_stream_cd1(X, hidden, epochs, seed, batch=100, lr=0.05, weight_cost=2e-4):
    """RBMTrainer's CD-1 with its default options, in numpy float32, drawing the same numbers."""
    f = np.float32
    X = X.astype(f).tocsr()
    N, V = X.shape
    g = OurGenerator(seed)
    W = np.array([g.gaussian() for _ in range(V * hidden)]).astype(f).reshape(V, hidden) * f(0.01)
    b = R.base_rate_biases(X).astype(f)
    c = np.zeros(hidden, f)
    iW, ib, ic = np.zeros_like(W), np.zeros(V, f), np.zeros(hidden, f)
    sigmoid = lambda x: (1.0 / (1.0 + np.exp(-x))).astype(f)         # noqa: E731
    for epoch in range(epochs):
        momentum = f(0.5 if epoch < 5 else 0.9)
        order = g.permutation(N)
        for s in range(0, N, batch):
            v0 = X[order[s:s + batch]].toarray()
            n = v0.shape[0]
            ph0 = sigmoid(v0 @ W + c)
            h = (g.unit_floats(n * hidden).reshape(n, hidden) < ph0).astype(f)
            pv = sigmoid(h @ W.T + b)
            phk = sigmoid(pv @ W + c)
            rate = f(lr) / f(n)
            iW = momentum * iW + rate * (v0.T @ ph0 - pv.T @ phk) - f(lr * weight_cost) * W
            ib = momentum * ib + rate * (v0.sum(0) - pv.sum(0))
            ic = momentum * ic + rate * (ph0.sum(0) - phk.sum(0))
            W += iW
            b += ib
            c += ic
    return W, b, c


def cmd_same_stream(a):
    threadpool_limits(a.threads)
    Xtr = R.load_matrix(os.path.join(a.dir, "train.npz"))
    for seed in seed_list(a.seeds):
        t0 = time.perf_counter()
        W, b, c = same_stream_cd1(Xtr, a.hidden, a.epochs, seed)
        if a.compare:
            Wo, bo, co = R.load_params(a.compare)
            print(json.dumps(dict(seed=seed, epochs=a.epochs, max_abs_diff_W=float(np.abs(W - Wo).max()),
                                  max_abs_diff_b=float(np.abs(b - bo).max()),
                                  max_abs_diff_c=float(np.abs(c - co).max()),
                                  max_abs_W=float(np.abs(Wo).max()))), flush=True)
            continue
        path = os.path.join(a.dir, f"same_stream_s{seed}.model")
        write_model(path, W, b, c)
        print(json.dumps(dict(seed=seed, seconds=time.perf_counter() - t0, path=path)), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("time")
    t.add_argument("--data", required=True)
    t.add_argument("--hidden", type=int, default=128)
    t.add_argument("--epochs", type=int, default=10)
    t.add_argument("--batch-size", type=int, default=100)
    t.add_argument("--threads", type=int, default=1)
    for command in ("train-cd1", "same-stream"):
        e = sub.add_parser(command)
        e.add_argument("--dir", required=True)
        e.add_argument("--seeds", default="0-19" if command == "train-cd1" else "0-2")
        e.add_argument("--hidden", type=int, default=128)
        e.add_argument("--epochs", type=int, default=20)
        e.add_argument("--threads", type=int, default=1)
        if command == "same-stream":
            e.add_argument("--compare", help="our parameters (.npz) after the same epochs: print differences")
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
    dict(time=cmd_time, eval=cmd_eval, loglik=cmd_loglik, **{"train-cd1": cmd_train_cd1, "same-stream": cmd_same_stream})[a.cmd](a)


if __name__ == "__main__":
    main()
