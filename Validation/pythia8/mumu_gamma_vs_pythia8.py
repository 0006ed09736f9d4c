#!/usr/bin/env python3
"""Compare DarkScan's e+e- -> mu+ mu- (gamma) photon spectra with Pythia 8's e+e- -> mu+ mu- with QED
radiation (ISR by the lepton PDF and the QED shower, FSR by the QED shower).

Needs: numpy and Pythia 8's Python wheel (pip install --only-binary=pythia8mc pythia8mc; imported as
pythia8mc; the newest release may have no wheel, the command then installs the newest that has one),
and a release build of DarkScan (swift build -c release). Not part of the default tests.

    python3 Validation/pythia8/mumu_gamma_vs_pythia8.py [--events 200000] [--darkscan .build/release/darkscan]

What is compared (CM frame, e- along +z): the energy spectrum of the hardest photon and its polar
angle distribution, each normalised to the events with a photon above 50 MeV. Pythia's hard process
has PhaseSpace:mHatMin (set to 2 GeV here) and radiates to all orders in the leading-log shower;
DarkScan is exact O(alpha) with one photon. Expect agreement in shape where one photon dominates
(soft and collinear photons); differences at the largest photon energies (radiative return, where
Pythia's mHatMin cuts and multiple emission matter) are explained, not bugs.
"""
import argparse, json, math, mmap, os, struct, subprocess, sys, tempfile, time, zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dsev import read_store  # noqa: E402


def darkscan_photons(binary, events, seed):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "mumu.dsev")
        t0 = time.time()
        subprocess.run([binary, "generate", "--process", "mumu-gamma", "--events", str(events), "--seed", str(seed),
                        "--frame", "cm", "-o", out], check=True, stdout=subprocess.DEVNULL)
        seconds = time.time() - t0
        header, c = read_store(out)
        offsets = c["particleOffsets"]
        energies, cosines = [], []
        for i in range(len(offsets) - 1):
            sl = slice(offsets[i], offsets[i + 1])
            photons = np.nonzero(c["pdg"][sl] == 22)[0]
            if len(photons) == 0:
                continue
            k = photons[np.argmax(c["e"][sl][photons])]
            e, pz = c["e"][sl][k], c["pz"][sl][k]
            energies.append(e)
            cosines.append(pz / e)
        return np.array(energies), np.array(cosines), seconds, header["metadata"]["crossSectionPicobarn"]


def pythia_photons(events, ecm, seed):
    import pythia8mc
    p = pythia8mc.Pythia("", False)
    for s in ["Beams:idA = 11", "Beams:idB = -11", f"Beams:eCM = {ecm}",
              "WeakSingleBoson:ffbar2ffbar(s:gmZ) = on", "23:onMode = off", "23:onIfAny = 13",
              "PDF:lepton = on", "PartonLevel:ISR = on", "PartonLevel:FSR = on", "PartonLevel:MPI = off",
              "TimeShower:QEDshowerByL = on", "SpaceShower:QEDshowerByL = on", "HadronLevel:all = off",
              "PhaseSpace:mHatMin = 2.", "Random:setSeed = on", f"Random:seed = {seed}", "Next:numberCount = 0",
              "Next:numberShowEvent = 0", "Next:numberShowProcess = 0", "Next:numberShowInfo = 0",
              "Init:showChangedSettings = off", "Init:showProcesses = off", "Init:showMultipartonInteractions = off",
              "Init:showChangedParticleData = off"]:
        p.readString(s)
    p.init()
    energies, cosines = [], []
    t0 = time.time()
    for _ in range(events):
        if not p.next():
            continue
        best = None
        for prt in p.event:
            if prt.isFinal() and prt.id() == 22 and (best is None or prt.e() > best.e()):
                best = prt
        if best is not None:
            energies.append(best.e())
            cosines.append(best.pz() / best.e())
    seconds = time.time() - t0
    sigma_pb = p.infoPython().sigmaGen() * 1e9
    return np.array(energies), np.array(cosines), seconds, sigma_pb


def compare(name, edges, a, b, cut_a, cut_b):
    ha, _ = np.histogram(a[cut_a], edges)
    hb, _ = np.histogram(b[cut_b], edges)
    na, nb = max(ha.sum(), 1), max(hb.sum(), 1)
    print(f"\n{name}: fraction of events with a photon above 50 MeV, per bin")
    print(f"{'bin':>17} {'DarkScan':>10} {'Pythia 8':>10} {'ratio':>7} {'pull':>6}")
    for i in range(len(edges) - 1):
        fa, fb = ha[i] / na, hb[i] / nb
        err = math.sqrt(ha[i] / na**2 + hb[i] / nb**2) or 1
        ratio = fa / fb if fb > 0 else float("nan")
        print(f"[{edges[i]:6.3f}, {edges[i+1]:6.3f}) {fa:10.4f} {fb:10.4f} {ratio:7.3f} {(fa - fb) / err:6.1f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--darkscan", default=".build/release/darkscan")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    ecm = 10.581042091679766  # Belle's beams, as `darkscan model` prints; DarkScan generates at this sqrt(s)
    ea, ca, ta, sa = darkscan_photons(args.darkscan, args.events, args.seed)
    eb, cb, tb, sb = pythia_photons(args.events, ecm, args.seed)
    print(f"DarkScan: {args.events} events in {ta:.1f} s (incl. integration), sigma = {sa:.1f} pb (O(alpha), no mass cut)")
    print(f"Pythia 8: {args.events} events in {tb:.1f} s, sigma = {sb:.1f} pb (Born x shower, mHat > 2 GeV)")
    energy_edges = np.array([0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 4.0, 4.5])
    compare("hardest photon energy (GeV)", energy_edges, ea, eb, ea > 0.05, eb > 0.05)
    cos_edges = np.array([-1, -0.999, -0.99, -0.9, -0.5, 0, 0.5, 0.9, 0.99, 0.999, 1.0])
    compare("hardest photon cos(theta), E > 50 MeV", cos_edges, ca, cb, ea > 0.05, eb > 0.05)


if __name__ == "__main__":
    sys.exit(main())
