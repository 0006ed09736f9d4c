#!/usr/bin/env python3
"""The Punzi-loss network of DarkScan cross-checked against PyTorch on the same data.

Needs: python3 with numpy and a CPU build of PyTorch, e.g.
    pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
(the default index serves a CUDA build of several GB). DarkScan writes the data:
    darkscan train --signal S1.dsfeat ... --background B1.dsfeat ... -o model.json --export EXPORT_DIR
(scripts/compare-selections makes the default samples). Then
    python3 Validation/pytorch/punzi_vs_pytorch.py EXPORT_DIR [--threads 2]

The script trains the same architecture (inputs - hidden layers - 1, ReLU, sigmoid output) with the
same schedule as DarkScan's Trainer (Sources/NeuralSelection/Trainer.swift): standardisation on the
training part, class-balanced binary cross-entropy epochs, then Punzi-loss epochs (Eur. Phys. J. C 82,
121 (2022), arXiv:2110.00810; S = (a^2/8 + 9b^2/13 + a sqrt(B) + b/2 sqrt(b^2 + 4a sqrt(B) + 4B))/eps,
a = 3, b = 1.28155, eps_k and B_k per mini-batch scaled by the batch's fraction of the data, as
DarkScan does), Adam, early stopping on the validation loss (same patience). It prints
  - seconds per epoch of DarkScan (recorded by `darkscan train --export`) and of PyTorch on the same
    data, batch and thread count;
  - PyTorch's time for one cross-entropy epoch on 1e6 random events of the same width at batch 1024
    (the issue's benchmark; DarkScan's: Benchmarks/NetworkBenchmarks);
  - per training mass, the best eps/sqrt(B) over output thresholds inside the Punzi windows, for the
    DarkScan model (its saved weights, evaluated here with numpy) and for the PyTorch model.
The two trainings start from different random initialisations and splits, so the FOMs agree within the
spread of trainings, not bit by bit.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

try:
    import torch
except ImportError:
    sys.exit("PyTorch is missing: pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu")

A, B_PUNZI = 3.0, 1.28155


def load(directory):
    meta = json.load(open(os.path.join(directory, "meta.json")))
    n, d = meta["count"], meta["dimension"]
    raw = lambda name, dtype: np.fromfile(os.path.join(directory, name), dtype=dtype)
    data = {
        "x": raw("features.f32", "<f4").reshape(n, d),
        "t": raw("targets.f32", "<f4"),
        "w": raw("expected.f32", "<f4"),
        "m2": raw("m2.f64", "<f8"),
        "k": raw("mass_index.i64", "<i8"),
    }
    return meta, data


def windows(meta, m2, k_index, sigmas):
    """Per hypothesis k: boolean masks of its signal and of background inside |M^2 - m_k^2| < sigmas sigma_k."""
    out = []
    for k, (m, r) in enumerate(zip(meta["masses"], meta["resolutions"])):
        inside = np.abs(m2 - m * m) < sigmas * r
        out.append((inside & (k_index == k), inside & (k_index < 0)))
    return out


def punzi_loss(y, windows_t, generated, weights, fraction):
    total, live = 0.0, 0
    for (sig, bkg), n_gen in zip(windows_t, generated):
        if not bool(sig.any()):
            continue  # no signal of this mass in the batch: no estimate of eps (as DarkScan's PunziLoss)
        live += 1
        eps = torch.clamp(y[sig].sum() / max(n_gen * fraction, 1.0), min=1e-12)
        b = torch.clamp((y[bkg] * weights[bkg] / fraction).sum(), min=1e-6)
        root = torch.sqrt(b)
        numerator = A * A / 8 + 9 * B_PUNZI ** 2 / 13 + A * root + B_PUNZI / 2 * torch.sqrt(B_PUNZI ** 2 + 4 * A * root + 4 * b)
        total = total + numerator / eps
    return total / max(live, 1)


def build(d, layers):
    modules, width = [], d
    for h in layers:
        modules += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    modules += [torch.nn.Linear(width, 1), torch.nn.Sigmoid()]
    net = torch.nn.Sequential(*modules)
    for m in net:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    return net


def train_torch(meta, data, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    n = meta["count"]
    order = rng.permutation(n)
    n_val = int(n * meta["validation_fraction"])
    val, tr = order[:n_val], order[n_val:]
    mean = data["x"][tr].mean(axis=0)
    scale = data["x"][tr].std(axis=0, ddof=1)
    scale[~(scale > 0)] = 1
    x = torch.from_numpy((data["x"] - mean) / scale).float()
    t = torch.from_numpy(data["t"])
    w = torch.from_numpy(data["w"])
    n_sig = float(data["t"].sum())
    balance = torch.where(t == 1, 0.5 / max(n_sig, 1), 0.5 / max(n - n_sig, 1))
    m2, kk = data["m2"], data["k"]
    net = build(meta["dimension"], meta["layers"])
    opt = torch.optim.Adam(net.parameters(), lr=meta["learning_rate"], betas=(0.9, 0.999), eps=1e-8)
    batch = meta["batch"]

    def loss_of(idx, punzi, y):
        if punzi:
            wins = [(torch.from_numpy(s), torch.from_numpy(b)) for s, b in windows(meta, m2[idx], kk[idx], meta["window_sigmas"])]
            return punzi_loss(y, wins, meta["generated"], w[idx], len(idx) / n)
        yc = torch.clamp(y, 1e-7, 1 - 1e-7)
        wb, tb = balance[idx], t[idx]
        return -(wb * (tb * torch.log(yc) + (1 - tb) * torch.log(1 - yc))).sum() / wb.sum()

    epoch_seconds = []
    for phase, epochs, punzi in (("cross-entropy", meta["cross_entropy_epochs"], False), ("punzi", meta["punzi_epochs"], True)):
        best_loss, stale, best_state = float("inf"), 0, None
        for epoch in range(epochs):
            start = time.perf_counter()
            perm = tr[rng.permutation(len(tr))]
            size = meta.get("punzi_batch", batch) if punzi else batch
            for s in range(0, len(perm), size):
                idx = perm[s:s + size]
                y = net(x[idx]).squeeze(1)
                loss = loss_of(idx, punzi, y)
                if not torch.isfinite(loss):
                    continue
                opt.zero_grad()
                loss.backward()
                opt.step()
            with torch.no_grad():
                v = float(loss_of(val, punzi, net(x[val]).squeeze(1)))
            epoch_seconds.append((phase, time.perf_counter() - start))
            if v < best_loss:
                best_loss, stale, best_state = v, 0, {k: p.clone() for k, p in net.state_dict().items()}
            else:
                stale += 1
                if stale >= meta["patience"]:
                    break
        if best_state is not None:
            net.load_state_dict(best_state)
    with torch.no_grad():
        y = net(x).squeeze(1).numpy()
    return y, epoch_seconds


def darkscan_outputs(model_path, features):
    model = json.load(open(model_path))
    st = model["standardisation"]
    a = (features - np.array(st["mean"], dtype=np.float32)) / np.array(st["scale"], dtype=np.float32)
    net = model["network"]
    sizes, acts = net["sizes"], net["activations"]
    for l in range(len(sizes) - 1):
        wgt = np.array(net["weights"][l], dtype=np.float32).reshape(sizes[l + 1], sizes[l])
        z = a @ wgt.T + np.array(net["biases"][l], dtype=np.float32)
        a = {"relu": lambda v: np.maximum(v, 0), "sigmoid": lambda v: 0.5 * (1 + np.tanh(v / 2)), "tanh": np.tanh,
             "identity": lambda v: v}[acts[l]](z)
    return a[:, 0]


def process_index(meta, data):
    """The background process of every event (-1 for signal): background rows follow the signal rows,
    table by table, in the order of meta['background_counts']."""
    proc = np.full(meta["count"], -1)
    start = meta["count"] - sum(meta["background_counts"])
    for p, n in enumerate(meta["background_counts"]):
        proc[start:start + n] = p
        start += n
    return proc


def best_fom(meta, data, y):
    """Per training mass: max over output thresholds of eps/sqrt(B) inside the Punzi window, with
    DarkScan's rule for processes with no passing event (Selection/ExpectedBackground.swift): such a
    process counts 1.14 x its mean event weight, so emptying a process never looks better than keeping
    one of its events."""
    proc = process_index(meta, data)
    n_proc = len(meta["background_counts"])
    mean_w = [float(data["w"][proc == p].mean()) if (proc == p).any() else 0.0 for p in range(n_proc)]
    out = []
    for (sig, bkg), n_gen in zip(windows(meta, data["m2"], data["k"], meta["window_sigmas"]), meta["generated"]):
        best = 0.0
        for thr in np.arange(0, 1, 0.005):
            eps = float((y[sig] > thr).sum()) / n_gen
            passing = bkg & (y > thr)
            b = 0.0
            for p in range(n_proc):
                sel = passing & (proc == p)
                b += float(data["w"][sel].sum()) if sel.any() else 1.14 * mean_w[p]
            if b > 0:
                best = max(best, eps / np.sqrt(b))
        out.append(best)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("export", help="directory written by darkscan train --export")
    p.add_argument("--model", help="DarkScan model JSON (default: the one named in meta.json)")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--skip-benchmark", action="store_true")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    meta, data = load(args.export)
    print(f"data: {meta['count']} events x {meta['dimension']} inputs, {len(meta['masses'])} training masses, "
          f"layers {meta['layers']}, batch {meta['batch']}, torch {torch.__version__} on {args.threads} thread(s)")
    y_torch, torch_epochs = train_torch(meta, data, args.seed)
    ds_epochs = list(zip(meta["darkscan_phases"], meta["darkscan_epoch_seconds"]))
    for name, epochs in (("DarkScan", ds_epochs), ("PyTorch ", torch_epochs)):
        for phase in ("cross-entropy", "punzi"):
            secs = [s for ph, s in epochs if ph == phase]
            if secs:
                print(f"{name} {phase:13s}: {len(secs):2d} epochs, {np.mean(secs):.3f} s per epoch")
    y_ds = darkscan_outputs(args.model or meta["darkscan_model"], data["x"])
    print("\nbest eps/sqrt(B) per training mass (Punzi windows, whole exported data; empty processes count 1.14 x mean weight)")
    print(" m_Z' [GeV]   DarkScan     PyTorch    PyTorch/DarkScan")
    for m, a, b in zip(meta["masses"], best_fom(meta, data, y_ds), best_fom(meta, data, y_torch)):
        print(f"{m:10.3g}  {a:10.4g}  {b:10.4g}  {b / a if a > 0 else float('nan'):10.3f}")
    if not args.skip_benchmark:
        x = torch.randn(1_000_000, meta["dimension"])
        t = (torch.rand(1_000_000) < 0.5).float()
        net = build(meta["dimension"], meta["layers"])
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        start = time.perf_counter()
        for s in range(0, 1_000_000, 1024):
            y = net(x[s:s + 1024]).squeeze(1).clamp(1e-7, 1 - 1e-7)
            loss = torch.nn.functional.binary_cross_entropy(y, t[s:s + 1024])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"\nPyTorch: one cross-entropy epoch on 1e6 events at batch 1024: {time.perf_counter() - start:.2f} s "
              f"(DarkScan: `cd Benchmarks && swift package benchmark --filter Network`)")


if __name__ == "__main__":
    main()
