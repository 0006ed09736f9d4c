#!/usr/bin/env python3
"""Compare DarkScan's tau decays in e+e- -> tau+ tau- with Pythia 8's (e+e- -> gamma*/Z -> tau tau with
Pythia's tau decays and their spin correlations): the spectra of the charged daughter in
tau -> mu nu nu, tau -> pi nu and tau -> rho nu (-> pi pi0 nu), in the e+e- centre-of-mass frame, and
the rate of generation on this machine.

Needs numpy, Pythia 8's Python wheel (pip install --only-binary=pythia8mc pythia8mc) and a release build
of DarkScan (swift build -c release). Not part of the default tests.

    python3 Validation/pythia8/tau_decays_vs_pythia8.py [--events 100000] [--darkscan .build/release/darkscan]

Settings as the issue asks: WeakSingleBoson:ffbar2ffbar(s:gmZ) = on, 23:onMode = off, 23:onIfAny = 15,
PDF:lepton = off, Beams:eCM = 10.58 (QED radiation off in Pythia; DarkScan's tau tau (gamma) includes
O(alpha) radiation, so the spectra differ slightly at the highest energies). Spectra are normalised
per decay of the mode; the x variable is E(daughter) / E(beam).
"""
import argparse, json, mmap, os, struct, subprocess, sys, tempfile, time, zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dsev import read_store  # noqa: E402

E_BEAM = 10.58 / 2


def classify(daughter_ids):
    """The mode of a tau from its direct daughters' |PDG ids| (neutrinos ignored)."""
    visible = sorted(abs(i) for i in daughter_ids if abs(i) not in (12, 14, 16))
    return {(13,): "mu", (211,): "pi", (111, 211): "rho"}.get(tuple(visible))


def darkscan(binary, events, seed):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "tautau.dsev")
        t0 = time.time()
        subprocess.run([binary, "generate", "--process", "tautau-gamma", "--events", str(events), "--seed", str(seed),
                        "--frame", "cm", "--threads", "1", "-o", out], check=True, stdout=subprocess.DEVNULL)
        seconds = time.time() - t0
        _, c = read_store(out)
    x = {"mu": [], "pi": [], "rho": []}
    off = c["particleOffsets"]
    for i in range(len(off) - 1):
        lo, hi = off[i], off[i + 1]
        pdg, mother, e = c["pdg"][lo:hi], c["mother"][lo:hi], c["e"][lo:hi]
        for t in np.nonzero(np.abs(pdg) == 15)[0]:
            kids = np.nonzero(mother == t)[0]
            mode = classify(pdg[kids])
            if mode:
                charged = [k for k in kids if abs(pdg[k]) in (13, 211)][0]
                x[mode].append(e[charged] / E_BEAM)
    return x, seconds


def pythia(events, seed):
    import pythia8mc
    p = pythia8mc.Pythia("", False)
    for s in ["Beams:idA = 11", "Beams:idB = -11", "Beams:eCM = 10.58", "WeakSingleBoson:ffbar2ffbar(s:gmZ) = on",
              "23:onMode = off", "23:onIfAny = 15", "PDF:lepton = off", "PartonLevel:ISR = off", "PartonLevel:FSR = off",
              "PartonLevel:MPI = off", "HadronLevel:Hadronize = off", "HadronLevel:Decay = on", "Init:showChangedParticleData = off",
              "Init:showChangedSettings = off", "Init:showProcesses = off",
              "Random:setSeed = on", f"Random:seed = {seed}", "Next:numberCount = 0", "Next:numberShowEvent = 0",
              "Next:numberShowProcess = 0", "Next:numberShowInfo = 0", "111:mayDecay = off"]:
        p.readString(s)
    p.init()
    x = {"mu": [], "pi": [], "rho": []}
    generating = 0.0
    for _ in range(events):
        t0 = time.time()
        ok = p.next()
        generating += time.time() - t0
        if not ok:
            continue
        ev = p.event
        for i in range(ev.size()):
            if abs(ev[i].id()) != 15 or ev[i].daughter1() <= 0:
                continue
            kids = [ev[k] for k in range(ev[i].daughter1(), ev[i].daughter2() + 1)]
            if any(abs(k.id()) == 15 for k in kids):  # a tau copy (recoil), not its decay
                continue
            mode = classify([k.id() for k in kids])
            if mode:
                charged = [k for k in kids if abs(k.id()) in (13, 211)][0]
                x[mode].append(charged.e() / E_BEAM)
    return x, generating  # time inside Pythia's next() only, not the Python analysis loop


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--darkscan", default=".build/release/darkscan")
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    xd, td = darkscan(a.darkscan, a.events, a.seed)
    xp, tp = pythia(a.events, a.seed)
    print(f"rate on this machine, one core: DarkScan {a.events / td:.0f} events/s (whole command: integration, generation, writing),"
          f" Pythia 8 {a.events / tp:.0f} events/s (time in next() only; Pythia has no QED radiation here)")
    edges = np.linspace(0, 1, 11)
    for mode in ("mu", "pi", "rho"):
        hd, _ = np.histogram(xd[mode], edges)
        hp, _ = np.histogram(xp[mode], edges)
        nd, np_ = max(hd.sum(), 1), max(hp.sum(), 1)
        print(f"\ntau -> {mode}: {nd} (DarkScan) and {np_} (Pythia) decays; fraction per bin of x = E/E_beam")
        print(f"{'x':>12} {'DarkScan':>9} {'Pythia':>9} {'pull':>6}")
        for i in range(len(edges) - 1):
            fd, fp = hd[i] / nd, hp[i] / np_
            err = (hd[i] / nd**2 + hp[i] / np_**2) ** 0.5 or 1
            print(f"[{edges[i]:.1f}, {edges[i+1]:.1f}) {fd:9.4f} {fp:9.4f} {(fd - fp) / err:6.1f}")


if __name__ == "__main__":
    sys.exit(main())
