import Foundation
import HEPCore
import Statistics
import Theory

extension AnalysisRun {
    /// The per-mass HistFactory models of each selection (``Statistics/ZPrimeSearchModel``: the signal
    /// at g'_ref with mu as POI, each background process with its Monte Carlo error as staterror, the
    /// spec's systematics), their expected CLs upper limits (asymptotic qtilde_mu, background-only
    /// Asimov data: no data are unblinded) with the +-1, +-2 sigma band, converted to g' for every
    /// scenario. The models are written as pyhf workspaces to `<output>/pyhf/<selection>/`.
    func limits(for selections: [SelectionResult]) async throws(PipelineError) -> [LimitCurve] {
        let st = spec.statistics
        let key = CacheKey(["limits", DarkScanVersion.string, selections.map(\.key.hex).joined(separator: ","), st.method, "\(st.bins)",
                            "\(st.confidenceLevel)", "\(st.systematics)", "\(spec.scenarios)", "\(spec.luminosity)"])
        let url = cache.url(stage: "limits", name: "all", key: key, extension: "json")
        let stage = "limits"
        let start = ContinuousClock.now
        observer(.started(stage: stage, detail: "\(selections.count) selection(s) x \(spec.signal.masses.count) masses, CL \(st.confidenceLevel)"))
        let points = selections.flatMap { s in s.points.map { p in (s.name, p) } }
        let models: [(selection: String, mass: Double, model: ZPrimeSearchModel)] = points.map { name, p in
            (name, p.massGeV, searchModel(p))
        }
        if spec.outputs.pyhf {
            for m in models {
                // A mass without a model (no selected signal) is reported with the limits below.
                guard let ws = try? m.model.workspace() else { continue }
                do {
                    let folder = outputDirectory.appendingPathComponent("pyhf/\(m.selection)")
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try ws.write(to: folder.appendingPathComponent("zprime_m\(Self.massLabel(m.mass))GeV.json"))
                } catch {
                    throw .fileSystem(path: "pyhf/\(m.selection)", detail: "workspace at m = \(m.mass) GeV: \(error)")
                }
            }
        }
        if let cached = cache.load(url, { try StageCache.readJSON([LimitCurve].self, from: $0) }) {
            observer(.finished(stage: stage, detail: "from the cache", seconds: seconds(since: start), cached: true))
            return cached
        }
        let cl = st.confidenceLevel
        let observer = self.observer
        // (mu quantiles, g'_ref) per model, computed concurrently.
        let solved: [([Double], Double, String?)]
        do {
            solved = try await withThrowingTaskGroup(of: (Int, [Double], Double, String?).self) { group in
                var out = [([Double], Double, String?)?](repeating: nil, count: models.count)
                var next = 0, done = 0
                func submit(_ i: Int) {
                    let m = models[i]
                    group.addTask {
                        // A mass without a model or whose fit fails gets no limit and a note (reported, not hidden).
                        do {
                            let ws = try m.model.workspace()
                            let model = try ws.model()
                            let data = try model.observedData(in: ws)
                            let limit = try UpperLimit.asymptotic(model: model, data: data, confidenceLevel: cl)
                            // A band whose CL_s levels off above 1 - CL has no upper limit (+infinity).
                            let bands = ["-2 sigma", "-1 sigma", "median", "+1 sigma", "+2 sigma"]
                            let open = bands.indices.filter { limit.expected[$0] == .infinity }
                            guard !open.isEmpty else { return (i, limit.expected, m.model.referenceCoupling, nil) }
                            let names = open.map { bands[$0] }.joined(separator: ", ")
                            let note = "no upper limit on the \(names) expected band at m = \(m.mass) GeV (\(m.selection)): its CL_s levels off above "
                                + "\(String(format: "%g", 1 - cl)) (the signal or background is too uncertain; shown as inf, left out of the band and of HEPData)"
                            observer(.note(note))
                            return (i, limit.expected, m.model.referenceCoupling, note)
                        } catch {
                            let note = "no limit at m = \(m.mass) GeV (\(m.selection)): \(error)"
                            observer(.note(note))
                            return (i, [Double](repeating: .nan, count: 5), .nan, note)
                        }
                    }
                }
                while next < min(threads, models.count) { submit(next); next += 1 }
                while let (i, mu, g, note) = try await group.next() {
                    out[i] = (mu, g, note)
                    done += 1
                    observer(.progress(stage: stage, fraction: Double(done) / Double(models.count)))
                    if next < models.count { submit(next); next += 1 }
                }
                return out.compactMap { $0 }
            }
        } catch {
            throw .stageFailed(stage: stage, detail: "upper limits: \(error)")
        }
        var curves: [LimitCurve] = []
        for s in selections {
            let rows = models.indices.filter { models[$0].selection == s.name }
            for name in spec.scenarios {
                guard let scenario = AnalysisSpec.scenario(named: name) else { continue }
                var expected: [[Double]] = [], brs: [Double] = []
                for i in rows {
                    let mass = models[i].mass
                    do {
                        let br = try ZPrimeSignal.invisibleBranchingRatio(mass: mass, scenario: scenario)
                        brs.append(br)
                        expected.append(try solved[i].0.map { mu throws(StatisticsError) in
                            mu.isNaN || solved[i].1.isNaN ? .nan : try CouplingLimit.coupling(signalStrengthLimit: mu, referenceCoupling: solved[i].1, mass: mass, scenario: scenario)
                        })
                    } catch {
                        throw .stageFailed(stage: stage, detail: "g' limit at m = \(mass) GeV (\(name)): \(error)")
                    }
                }
                curves.append(LimitCurve(selection: s.name, scenario: name, confidenceLevel: cl, masses: rows.map { models[$0].mass },
                                         expected: expected, signalStrength: rows.map { solved[$0].0 },
                                         referenceCoupling: rows.map { solved[$0].1 }, invisibleBranchingRatio: brs,
                                         notes: rows.compactMap { solved[$0].2 }))
            }
        }
        try StageCache.writeJSON(curves, to: url)
        observer(.finished(stage: stage, detail: "\(models.count) limits", seconds: seconds(since: start), cached: false))
        return curves
    }

    /// The search model of one mass point: signal at g' = 1 with BR(inv) = 1 (the scenario's BR enters
    /// in the conversion to g'), backgrounds with their Monte Carlo errors, the spec's systematics.
    func searchModel(_ p: MassPointYields) -> ZPrimeSearchModel {
        let s = spec.statistics.systematics
        let signal = ZPrimeSignal.expectedEvents(crossSectionAtUnitCouplingPicobarn: p.signalCrossSection, efficiency: p.efficiency,
                                                 luminosityInverseFemtobarn: spec.luminosity, invisibleBranchingRatio: 1)
        let signalErrors = ZPrimeSignal.expectedEvents(crossSectionAtUnitCouplingPicobarn: p.signalCrossSection, efficiency: p.efficiencyErrors,
                                                       luminosityInverseFemtobarn: spec.luminosity, invisibleBranchingRatio: 1)
        var systematics: [ZPrimeSearchModel.Systematic] = []
        if s.luminosity > 0 { systematics.append(.luminosity(s.luminosity)) }
        if s.tracking > 0 { systematics.append(.tracking(s.tracking)) }
        if s.muonID > 0 { systematics.append(.muonID(s.muonID)) }
        if s.trigger > 0 { systematics.append(.trigger(s.trigger)) }
        if s.signalEfficiency > 0 { systematics.append(.signalEfficiency(s.signalEfficiency)) }
        // Processes whose passing Monte Carlo weight is below their bound carry the bound (MassPointYields).
        let backgrounds = p.backgrounds.map { ZPrimeSearchModel.Background(name: $0.name, yields: $0.events, monteCarloErrors: $0.errors) }
        var model = ZPrimeSearchModel(massGeV: p.massGeV, signalAtUnitCoupling: signal, signalMonteCarloErrors: signalErrors,
                                      backgrounds: backgrounds, systematics: systematics, observed: nil)
        // The reference signal near the expected limit (about 2 sqrt(B) plus twice the background's
        // Monte Carlo error), so that mu_UL is of order one and the fits' tolerances act on a POI of
        // natural scale, whatever the background (from a few events to 1e6 with 100% errors).
        let b = p.totalBackground
        let bError = p.backgrounds.map { $0.errors.map { $0 * $0 }.reduce(0, +) }.reduce(0, +).squareRoot()
        model.referenceSignalEvents = max(10, 2 * (b.squareRoot() + bError))
        return model
    }

    /// "2.5", "0.25": a mass for file names.
    static func massLabel(_ m: Double) -> String { String(format: "%g", m) }
}
