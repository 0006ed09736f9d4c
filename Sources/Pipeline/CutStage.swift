import Features
import Foundation
import HEPCore
import Selection

extension AnalysisRun {
    /// The seed's cuts optimised per mass (the spec's figure of merit in the +-k sigma window, coordinate
    /// search with restarts; ``Selection/MassScanOptimisation``), masses run concurrently, thresholds
    /// smoothed across masses; then the smoothed cuts' yields at every mass (what the limits use).
    func cutSelection(signals: [(mass: Double, table: FeatureTable)], backgrounds: [(name: String, table: FeatureTable)],
                      sampleKeys: [String]) async throws(PipelineError) -> SelectionResult {
        let c = spec.cuts
        let key = CacheKey(["cuts", DarkScanVersion.string, sampleKeys.joined(separator: ","), c.preselection, "\(spec.figureOfMerit)", "\(c.windowSigmas)",
                            "\(c.smoothing)", "\(c.candidates)", "\(c.restarts)", "\(spec.luminosity)", "\(spec.seed)",
                            spec.statistics.method, "\(spec.statistics.bins)", "\(spec.outputs.recoilPlotMasses)"])
        let url = cache.url(stage: "select", name: "cuts", key: key, extension: "json")
        let stage = "cut optimisation"
        let start = ContinuousClock.now
        observer(.started(stage: stage, detail: "\(signals.count) masses, \(c.figureOfMerit)"))
        if let cached = cache.load(url, { try StageCache.readJSON(SelectionResult.self, from: $0) }) {
            observer(.finished(stage: stage, detail: "from the cache", seconds: seconds(since: start), cached: true))
            return cached
        }
        // The named preselection's cuts come first and stay fixed; the seed's cuts follow.
        let preselection = SeedCuts.preselections[c.preselection] ?? []
        let cuts = preselection + SeedCuts.zPrimeInvisible(windowHalfWidth: .constant(1))
        let windowIndex = preselection.count + 1
        let free = Array(cuts.indices).filter { $0 != windowIndex && $0 >= preselection.count }
        let optimiser = CutOptimizer(figureOfMerit: spec.figureOfMerit,
                                     candidates: c.candidates, restarts: c.restarts, seed: derivedSeed(spec.seed, "cut-optimiser"))
        let backgroundTables = backgrounds.map(\.table)
        let lumi = spec.luminosity, k = c.windowSigmas
        let observer = self.observer
        let points: [MassScanOptimisation.Point]
        do {
            points = try await withThrowingTaskGroup(of: (Int, MassScanOptimisation.Point).self) { group in
                var results = [MassScanOptimisation.Point?](repeating: nil, count: signals.count)
                var next = 0, done = 0
                func submit(_ i: Int) {
                    let s = signals[i]
                    group.addTask {
                        (i, try MassScanOptimisation.point(mass: s.mass, signal: (s.table, s.table.generator.crossSectionPicobarn),
                                                           backgrounds: backgroundTables, cuts: cuts, windowIndex: windowIndex, free: free,
                                                           windowSigmas: k, optimiser: optimiser, luminosityInverseFemtobarn: lumi))
                    }
                }
                while next < min(threads, signals.count) { submit(next); next += 1 }
                while let (i, p) = try await group.next() {
                    results[i] = p
                    done += 1
                    observer(.progress(stage: stage, fraction: Double(done) / Double(signals.count)))
                    if next < signals.count { submit(next); next += 1 }
                }
                return results.compactMap { $0 }
            }
        } catch {
            throw .stageFailed(stage: stage, detail: "\(error)")
        }
        let scan = MassScanOptimisation(points: points, cuts: cuts, smoothing: c.smoothing)
        // The smoothed cuts' yields at every mass, in the same window.
        var yields: [MassPointYields] = []
        var flows: [CutFlowSummary] = []
        do {
            // Every smoothed cut but the window; the window is the mass's own +-k sigma (YieldCounter),
            // as in the optimisation and the report.
            let others = scan.smoothedCuts.enumerated().filter { $0.offset != windowIndex }.map(\.element)
            let backgroundMasks: (Double) throws -> [[Bool]] = { m in try backgroundTables.map { try CutFlow.mask($0, cuts: others, mass: m) } }
            for (p, s) in zip(points, signals) {
                let counter = YieldCounter(mass: p.mass, halfWidth: p.windowHalfWidth, bins: spec.statistics.method == "shape" ? spec.statistics.bins : 1,
                                           luminosity: lumi)
                let sm = try CutFlow.mask(s.table, cuts: others, mass: p.mass)
                let (eff, effErr) = counter.signal(s.table, crossSection: s.table.generator.crossSectionPicobarn) { sm[$0] }
                let masks = try backgroundMasks(p.mass)
                let bkg = backgrounds.indices.map { b in counter.background(backgrounds[b].name, backgrounds[b].table) { masks[b][$0] } }
                yields.append(MassPointYields(massGeV: p.mass, resolution: p.resolution, windowHalfWidth: p.windowHalfWidth,
                                              signalCrossSection: s.table.generator.crossSectionPicobarn, efficiency: eff,
                                              efficiencyErrors: effErr, backgrounds: bkg, threshold: nil))
            }
            for m in spec.outputs.recoilPlotMasses {
                guard let s = signals.min(by: { abs($0.mass - m) < abs($1.mass - m) }), !flows.contains(where: { $0.massGeV == s.mass }) else { continue }
                let flow = try CutFlow(samples: [("signal (g' = 1)", s.table)] + backgrounds.map { ($0.name, $0.table) },
                                       cuts: scan.smoothedCuts, mass: s.mass, luminosityInverseFemtobarn: lumi)
                flows.append(CutFlowSummary(massGeV: s.mass, processes: flow.processes, steps: flow.steps.map { step in
                    .init(label: step.label, requirement: step.requirement, yields: step.entries.map(\.yield),
                          errors: step.entries.map(\.error), counts: step.entries.map(\.count))
                }))
            }
        } catch {
            throw .stageFailed(stage: stage, detail: "\(error)")
        }
        let result = SelectionResult(
            name: "cuts", label: "Cuts (optimised per mass)", points: yields, heldOutMasses: [],
            notes: ["The seed's ten cuts; thresholds maximise \(spec.figureOfMeritText) per mass "
                    + "in the +-\(k) sigma(M^2) window (coordinate search, \(c.candidates) candidates, \(c.restarts) restarts), then smoothed "
                    + "across masses (running mean of \(c.smoothing)); yields are those of the smoothed cuts in each mass's own "
                    + "+-\(k) sigma window, evaluated on the samples they were optimised on (optimistic by the fluctuations the search picks)."],
            history: [], cutFlows: flows, smoothedCuts: scan.smoothedCuts, key: key)
        try StageCache.writeJSON(result, to: url)
        observer(.finished(stage: stage, detail: String(format: "mean eps %.3f", yields.map(\.totalEfficiency).reduce(0, +) / Double(max(yields.count, 1))),
                           seconds: seconds(since: start), cached: false))
        return result
    }
}
