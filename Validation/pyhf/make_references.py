#!/usr/bin/env python3
"""Reference numbers from pyhf for DarkScan's Statistics target.

Builds the validation workspaces (writes them to workspaces/), computes with pyhf (numpy backend,
scipy optimiser) the observed and expected CLs (qtilde, asymptotic) at two POI values, the 95% and
90% CL upper limits with their expected bands, -2 ln L at fixed parameter points, and writes
references.json. Then times a 200-point mass scan (200 counting models, upper limit with band) in
pyhf and writes its inputs and limits to scan_references.json.

    pip install pyhf==0.7.6
    python3 make_references.py          # a few minutes; prints the scan timing

The references use the scipy optimiser with a tight tolerance (1e-14, SLSQP; 1e-12 for the
111-parameter model, which also gets the 95% CL limits only) so that they reflect
the model rather than the minimiser's stopping point; the results with pyhf's default settings are
recorded beside them ("default_settings") for comparison. Upper limits use pyhf's toms748_scan with
rtol = 1e-9 (pyhf's upper_limit uses rtol = 1e-4). numpy has no automatic differentiation, so SLSQP
differentiates numerically: the 111-parameter model takes most of the time.
"""
import hashlib
import json
import math
import os
import platform
import time

import numpy as np
import pyhf
import scipy

HERE = os.path.dirname(os.path.abspath(__file__))
# The 111-parameter model is slow in pyhf (numerical gradients): its tight fits use tolerance 1e-12,
# it gets the 95% CL limits only, and no limits with the default settings.
TIGHT_TOLERANCE = {"many_nuisances": 1e-12}
LIMIT_CLS = {"many_nuisances": (0.95,)}
REVISION = 2
POI_TESTS = {"counting": [1.0, 2.0], "shape_histosys_shapesys": [0.5, 1.0], "many_nuisances": [0.5, 1.0],
             "staterror_lumi": [1.0, 2.0], "edges": [1.0, 3.0], "deficit": [0.5, 1.5], "pyhf_2-bin_1-channel": [1.0, 2.0]}


def ws(channels, observations, parameters=(), poi="mu", name="meas"):
    return {"channels": channels, "observations": observations,
            "measurements": [{"name": name, "config": {"poi": poi, "parameters": list(parameters)}}], "version": "1.0.0"}


def sample(name, data, modifiers):
    return {"name": name, "data": [float(x) for x in data], "modifiers": modifiers}


def mod(name, type_, data=None):
    return {"name": name, "type": type_, "data": data}


def workspaces():
    rng = np.random.default_rng(20240611)
    out = {}
    # 1. single-bin counting: signal 5, background 50 +- 10% (normsys) with an MC stat shapesys.
    out["counting"] = ws([{"name": "SR", "samples": [
        sample("signal", [5.0], [mod("mu", "normfactor")]),
        sample("background", [50.0], [mod("bkg_norm", "normsys", {"hi": 1.1, "lo": 0.9}),
                                       mod("bkg_mcstat", "shapesys", [3.0])])]}],
        [{"name": "SR", "data": [53.0]}])
    # 2. multi-bin shape model: histosys (asymmetric), shapesys, normsys on two backgrounds.
    nb = 6
    sig = [2.0, 5.0, 9.0, 7.0, 3.0, 1.0]
    b1 = [40.0, 35.0, 30.0, 24.0, 20.0, 16.0]
    b2 = [10.0, 12.0, 14.0, 12.0, 10.0, 8.0]
    out["shape_histosys_shapesys"] = ws([{"name": "recoil", "samples": [
        sample("signal", sig, [mod("mu", "normfactor"), mod("jes", "histosys", {"hi_data": [x * 1.05 for x in sig], "lo_data": [x * 0.97 for x in sig]})]),
        sample("bkg1", b1, [mod("jes", "histosys", {"hi_data": [x * (1 + 0.02 * i) for i, x in enumerate(b1)],
                                                      "lo_data": [x * (1 - 0.015 * i) for i, x in enumerate(b1)]}),
                            mod("bkg1_stat", "shapesys", [math.sqrt(x) * 0.5 for x in b1])]),
        sample("bkg2", b2, [mod("bkg2_norm", "normsys", {"hi": 1.2, "lo": 0.85})])]}],
        [{"name": "recoil", "data": [52.0, 50.0, 49.0, 41.0, 28.0, 25.0]}])
    # 3. 111 parameters: 2 channels x 15 bins, staterror (30), shapesys (30), 40 normsys, 10 histosys, mu.
    chans, obs = [], []
    for c, cname in enumerate(["CR", "SR"]):
        nbins = 15
        s = [0.0 if c == 0 else 8.0 * math.exp(-0.5 * ((i - 7) / 2.5) ** 2) for i in range(nbins)]
        bA = [60.0 * math.exp(-i / 15.0) + 5 for i in range(nbins)]
        bB = [20.0 + 0.4 * i for i in range(nbins)]
        modsA = [mod(f"staterror_{cname}", "staterror", [0.05 * x for x in bA])]
        modsA += [mod(f"norm_{k}", "normsys", {"hi": 1 + 0.01 * (k % 7 + 1), "lo": 1 - 0.008 * (k % 5 + 1)}) for k in range(20)]
        modsA += [mod(f"shape_{k}", "histosys", {"hi_data": [x * (1 + 0.01 * math.sin(i + k)) for i, x in enumerate(bA)],
                                                  "lo_data": [x * (1 - 0.01 * math.cos(i + k)) for i, x in enumerate(bA)]}) for k in range(5)]
        modsB = [mod(f"staterror_{cname}", "staterror", [0.04 * x for x in bB]),
                 mod(f"bB_stat_{cname}", "shapesys", [0.08 * x for x in bB])]
        modsB += [mod(f"norm_{k}", "normsys", {"hi": 1 + 0.005 * (k % 3 + 1), "lo": 1 - 0.005 * (k % 3 + 1)}) for k in range(20, 40)]
        modsB += [mod(f"shape_{k}", "histosys", {"hi_data": [x * 1.02 for x in bB], "lo_data": [x * 0.985 for x in bB]}) for k in range(5, 10)]
        samples = [sample("bkgA", bA, modsA), sample("bkgB", bB, modsB)]
        if c == 1:
            samples.insert(0, sample("signal", s, [mod("mu", "normfactor"), mod("norm_0", "normsys", {"hi": 1.01, "lo": 0.992})]))
        chans.append({"name": cname, "samples": samples})
        obs.append({"name": cname, "data": [float(rng.poisson(a + b)) for a, b in zip(bA, bB)]})
    out["many_nuisances"] = ws(chans, obs)
    # 4. staterror (Barlow-Beeston lite over two samples) and lumi, two channels of 3 bins.
    out["staterror_lumi"] = ws([
        {"name": "A", "samples": [
            sample("sig", [3.0, 6.0, 2.0], [mod("mu", "normfactor"), mod("lumi", "lumi"), mod("staterror_A", "staterror", [0.3, 0.5, 0.2])]),
            sample("bkg", [20.0, 18.0, 15.0], [mod("lumi", "lumi"), mod("staterror_A", "staterror", [2.0, 1.5, 1.8])])]},
        {"name": "B", "samples": [
            sample("bkg", [30.0, 28.0, 25.0], [mod("lumi", "lumi"), mod("staterror_B", "staterror", [3.0, 2.0, 2.5]),
                                               mod("bkg_xsec", "normsys", {"hi": 1.15, "lo": 0.9})])]}],
        [{"name": "A", "data": [22.0, 27.0, 16.0]}, {"name": "B", "data": [33.0, 27.0, 24.0]}],
        parameters=[{"name": "lumi", "auxdata": [1.0], "sigmas": [0.017], "inits": [1.0], "bounds": [[0.5, 1.5]]}])
    # 5. modifiers at their edges: normsys with hi = lo, histosys with hi = lo, zero-yield bins, a
    #    shapesys with zero uncertainty in one bin and zero yield in another, staterror with zero
    #    error, an observed zero, a fixed parameter and a custom POI bound.
    out["edges"] = ws([{"name": "edge", "samples": [
        sample("signal", [0.0, 4.0, 6.0, 0.0], [mod("mu", "normfactor"), mod("same_hi_lo", "normsys", {"hi": 1.05, "lo": 1.05})]),
        sample("bkg", [10.0, 0.0, 8.0, 3.0], [mod("flat_shape", "histosys", {"hi_data": [11.0, 0.0, 9.0, 3.5], "lo_data": [11.0, 0.0, 9.0, 3.5]}),
                                              mod("bkg_stat", "shapesys", [0.0, 0.0, 2.0, 1.0]),
                                              mod("staterror_edge", "staterror", [1.0, 0.0, 0.0, 0.5]),
                                              mod("fixed_norm", "normsys", {"hi": 1.3, "lo": 0.7})])]}],
        [{"name": "edge", "data": [9.0, 0.0, 12.0, 0.0]}],
        parameters=[{"name": "fixed_norm", "fixed": True, "inits": [0.5]}, {"name": "mu", "bounds": [[0.0, 20.0]]}])
    # 6. observed far below the background.
    out["deficit"] = ws([{"name": "SR", "samples": [
        sample("signal", [10.0, 10.0], [mod("mu", "normfactor")]),
        sample("background", [100.0, 80.0], [mod("bkg_norm", "normsys", {"hi": 1.05, "lo": 0.95}),
                                              mod("staterror_SR", "staterror", [4.0, 3.0])])]}],
        [{"name": "SR", "data": [70.0, 55.0]}])
    return out


def spec_hash(spec):
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


def hypotest_set(data, model, poi):
    cls_obs, (clsb, clb), cls_exp = pyhf.infer.hypotest(poi, data, model, return_expected_set=True, return_tail_probs=True)
    return {"poi": poi, "cls_obs": float(cls_obs), "clsb_obs": float(clsb), "clb_obs": float(clb), "cls_exp": [float(x) for x in cls_exp]}


def limits(data, model, tight, cls=(0.95, 0.90)):
    """Upper limits by pyhf's toms748_scan: rtol 1e-9 (tight) or pyhf's default 1e-4, which is what
    upper_limit uses. (pyhf 0.7.6's upper_limit does not pass `level` on to toms748_scan, so it
    always returns the 95% CL limits; toms748_scan is called directly here.)"""
    out = {}
    bounds = model.config.suggested_bounds()[model.config.poi_index]
    for cl in cls:
        if tight:
            obs, exp = pyhf.infer.intervals.upper_limits.toms748_scan(data, model, bounds[0], bounds[1], level=1 - cl, rtol=1e-9, atol=1e-14)
        else:
            obs, exp = pyhf.infer.intervals.upper_limits.toms748_scan(data, model, bounds[0], bounds[1], level=1 - cl)
        out[f"{cl:.2f}"] = {"observed": float(obs), "expected": [float(x) for x in exp]}
    return out


def twice_nll_points(model, data):
    init = np.asarray(model.config.suggested_init(), dtype=float)
    bounds = model.config.suggested_bounds()
    rng = np.random.default_rng(7)
    points = [init]
    for _ in range(2):
        p = init.copy()
        for i, (lo, hi) in enumerate(bounds):
            if model.config.suggested_fixed()[i]:
                continue
            width = min(hi - lo, 2.0)
            p[i] = min(max(init[i] + rng.uniform(-0.25, 0.25) * width, lo), hi)
        points.append(p)
    # alpha beyond +-1 exercises the exponential / linear branches of codes 4 and 4p.
    p = init.copy()
    for i, name in enumerate(model.config.par_names):
        if getattr(model.config.param_set(name.split("[")[0]), "pdf_type", None) == "normal" and init[i] == 0.0 and not model.config.suggested_fixed()[i]:
            p[i] = 1.7 if i % 2 else -1.4
    points.append(p)
    return [{"parameters": [float(x) for x in q], "twice_nll": float(pyhf.infer.mle.twice_nll(q, data, model)[0]),
             "expected_main": [float(x) for x in model.expected_actualdata(q)]} for q in points]


def references():
    spaces = workspaces()
    with open(os.path.join(HERE, "pyhf_examples", "2-bin_1-channel.json")) as f:
        spaces["pyhf_2-bin_1-channel"] = json.load(f)
    spaces["many_nuisances"] = spaces.pop("many_nuisances")  # the slow one last
    out = {}
    # Finished entries are kept in references.json: a rerun recomputes only workspaces whose spec
    # or pyhf version changed (the 111-parameter model takes about ten minutes).
    try:
        with open(os.path.join(HERE, "references.json")) as f:
            previous = json.load(f)
    except (OSError, ValueError):
        previous = {"provenance": {}, "workspaces": {}}
    for name, spec in spaces.items():
        old = previous["workspaces"].get(name)
        if old is not None and old.get("spec_sha256") == spec_hash(spec) and previous["provenance"].get("pyhf") == pyhf.__version__:
            if old.get("revision") != REVISION and name not in LIMIT_CLS:
                # Revision 2: default-settings limits honour the CL (see limits()).
                w = pyhf.Workspace(spec)
                model = w.model()
                pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer())
                old["default_settings"]["limits"] = limits(w.data(model), model, tight=False)
            old["revision"] = REVISION
            out[name] = old
            print(f"{name}: unchanged, kept")
            continue
        if not name.startswith("pyhf_"):
            with open(os.path.join(HERE, "workspaces", f"{name}.json"), "w") as f:
                json.dump(spec, f, indent=1)
                f.write("\n")
        w = pyhf.Workspace(spec)
        model = w.model()
        data = w.data(model)
        entry = {"revision": REVISION, "file": f"workspaces/{name}.json" if not name.startswith("pyhf_") else "pyhf_examples/2-bin_1-channel.json", "spec_sha256": spec_hash(spec),
                 "par_names": model.config.par_names, "n_parameters": model.config.npars,
                 "suggested_init": model.config.suggested_init(), "auxdata": [float(x) for x in model.config.auxdata]}
        pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer())
        default = {"hypotests": [hypotest_set(data, model, p) for p in POI_TESTS[name]],
                   "limits": limits(data, model, tight=False) if name not in LIMIT_CLS else {}}
        tolerance = TIGHT_TOLERANCE.get(name, 1e-14)
        pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer(tolerance=tolerance))
        bestfit, twice_nll = pyhf.infer.mle.fit(data, model, return_fitted_val=True)
        entry.update({"bestfit": [float(x) for x in bestfit], "bestfit_twice_nll": float(twice_nll),
                      "twice_nll_points": twice_nll_points(model, data),
                      "hypotests": [hypotest_set(data, model, p) for p in POI_TESTS[name]],
                      "limits": limits(data, model, tight=True, cls=LIMIT_CLS.get(name, (0.95, 0.90))),
                      "optimizer_tolerance": tolerance, "default_settings": default})
        out[name] = entry
        with open(os.path.join(HERE, "references.json"), "w") as f:
            json.dump({"provenance": provenance(), "workspaces": {**previous["workspaces"], **out}}, f, indent=1)
            f.write("\n")
        print(f"{name}: {model.config.npars} parameters, 95% CL limit {entry['limits']['0.95']['observed']:.6g}")
    return out


def scan_model(point):
    """The counting model of one scan point, as DarkScan's ZPrimeSearchModel builds it."""
    return ws([{"name": "recoil_window", "samples": [
        sample("signal", [10.0], [mod("mu", "normfactor"), mod("lumi", "lumi"), mod("tracking", "normsys", {"hi": 1.009, "lo": 0.991}),
                                  mod("muon_id", "normsys", {"hi": 1.02, "lo": 0.98}), mod("trigger", "normsys", {"hi": 1.01, "lo": 0.99}),
                                  mod("signal_efficiency", "normsys", {"hi": 1.05, "lo": 0.95})]),
        sample("background", [point["background"]], [mod("lumi", "lumi"), mod("tracking", "normsys", {"hi": 1.009, "lo": 0.991}),
                                                      mod("muon_id", "normsys", {"hi": 1.02, "lo": 0.98}), mod("trigger", "normsys", {"hi": 1.01, "lo": 0.99}),
                                                      mod("staterror_recoil_window", "staterror", [point["background_mc_error"]])])]}],
        [{"name": "recoil_window", "data": [point["observed"]]}],
        parameters=[{"name": "lumi", "inits": [1.0], "bounds": [[0.0, 10.0]], "auxdata": [1.0], "sigmas": [0.014]}],
        name=point["measurement"])


def scan():
    rng = np.random.default_rng(977)
    masses = np.geomspace(0.1, 10.0, 200)
    points = []
    for m in masses:
        b = float(np.round(40.0 * math.exp(-m / 3.0) + 3.0, 6))
        points.append({"mass": float(m), "background": b, "background_mc_error": float(np.round(0.08 * b, 6)),
                       "observed": float(rng.poisson(b)), "measurement": "zprime_m%.4gGeV" % m})
    pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer())
    start = time.perf_counter()
    for p in points:
        w = pyhf.Workspace(scan_model(p))
        model = w.model()
        # upper_limit(...) starts its bracket at the POI's lower bound 0, where a deficit (mu_hat = 0)
        # can give q slightly above q_A = 0 and a 0/0 in pyhf's qtilde formula; the same toms748
        # scan with its default tolerances is started at 1e-3 instead.
        obs, exp = pyhf.infer.intervals.upper_limits.toms748_scan(w.data(model), model, 1e-3, 10.0, level=0.05)
        p["upper_limit_95"] = {"observed": float(obs), "expected": [float(x) for x in exp]}
    seconds = time.perf_counter() - start
    print(f"pyhf 200-point scan (counting models, 95% CL upper limit with expected band, toms748 rtol 1e-4): {seconds:.1f} s, {seconds / 200 * 1000:.0f} ms per point")
    return {"points": points, "pyhf_seconds": seconds, "example_workspace": scan_model(points[0])}


def provenance():
    return {"pyhf": pyhf.__version__, "numpy": np.__version__, "scipy": scipy.__version__, "python": platform.python_version(),
            "backend": "numpy", "optimizer": "scipy (SLSQP); references with tolerance=1e-14 (1e-12 for many_nuisances), 'default_settings' with pyhf's defaults",
            "test_stat": "qtilde", "calctype": "asymptotics", "script": "Validation/pyhf/make_references.py"}


def main():
    refs = references()
    with open(os.path.join(HERE, "references.json"), "w") as f:
        json.dump({"provenance": provenance(), "workspaces": refs}, f, indent=1)
        f.write("\n")
    s = scan()
    s["provenance"] = provenance()
    with open(os.path.join(HERE, "scan_references.json"), "w") as f:
        json.dump(s, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
