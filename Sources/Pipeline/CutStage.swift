import Features
import Foundation
import HEPCore
import Selection

extension AnalysisRun {
    /// The seed's cuts optimised per mass (the spec's figure of merit in the +-k sigma window, coordinate
    /// search with restarts; ``Selection/MassScanOptimisation``), masses run concurrently, thresholds
    /// smoothed across masses; then the smoothed cuts' yields at every mass (what the limits use), by
    /// 2-fold cross-application (``CutFolds``).
    func cutSelection(signals: [(mass: Double, table: FeatureTable)], backgrounds: [(name: String, table: FeatureTable)],
                      sampleKeys: [String]) async throws(PipelineError) -> SelectionResult {
        let c = spec.cuts
        let key = CacheKey(["cuts", DarkScanVersion.string, sampleKeys.joined(separator: ","), c.preselection, "\(spec.figureOfMerit)", "\(c.windowSigmas)",
                            "\(c.smoothing)", "\(c.candidates)", "\(c.restarts)", "min-signal \(c.minimumSignalEvents)", "\(spec.luminosity)", "\(spec.seed)",
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
                                     candidates: c.candidates, restarts: c.restarts, seed: derivedSeed(spec.seed, "cut-optimiser"),
                                     minimumSignalEvents: c.minimumSignalEvents)
        let lumi = spec.luminosity, k = c.windowSigmas
        let observer = self.observer
        // 2-fold cross-application (``CutFolds``): each mass optimised on either half, the window from the full signal sample.
        let signalFolds = signals.map { CutFolds.assignment($0.table, label: CutFolds.signalLabel($0.mass), seed: spec.seed) }
        let backgroundFolds = backgrounds.map { CutFolds.assignment($0.table, label: $0.name, seed: spec.seed) }
        let halves = [false, true].map { second in
            (signals: zip(signals, signalFolds).map { CutFolds.rows($0.0.table, $0.1, second: second, scale: 2) },
             backgrounds: zip(backgrounds, backgroundFolds).map { CutFolds.rows($0.0.table, $0.1, second: second, scale: 2) })
        }
        let resolutions = try signals.map { s throws(PipelineError) -> Double in
            guard let w = RobustWidth.medianAndWidth(s.table["recoilMassSquared"] ?? [], weights: s.table.weights)?.width, w > 0 else {
                throw .stageFailed(stage: stage, detail: "no M^2 spread in the signal at m = \(s.mass) GeV")
            }
            return w
        }
        let points: [[MassScanOptimisation.Point]]
        do {
            // Task t: fold t / masses, mass t % masses.
            let n = signals.count, tasks = 2 * n
            points = try await withThrowingTaskGroup(of: (Int, MassScanOptimisation.Point).self) { group in
                var results = [MassScanOptimisation.Point?](repeating: nil, count: tasks)
                var next = 0, done = 0
                func submit(_ t: Int) {
                    let f = t / n, i = t % n
                    let signal = halves[f].signals[i], backgroundTables = halves[f].backgrounds
                    let mass = signals[i].mass, crossSection = signals[i].table.generator.crossSectionPicobarn, resolution = resolutions[i]
                    group.addTask {
                        (t, try MassScanOptimisation.point(mass: mass, signal: (signal, crossSection),
                                                           backgrounds: backgroundTables, cuts: cuts, windowIndex: windowIndex, free: free,
                                                           windowSigmas: k, optimiser: optimiser, luminosityInverseFemtobarn: lumi, resolution: resolution))
                    }
                }
                while next < min(threads, tasks) { submit(next); next += 1 }
                while let (t, p) = try await group.next() {
                    results[t] = p
                    done += 1
                    observer(.progress(stage: stage, fraction: Double(done) / Double(tasks)))
                    if next < tasks { submit(next); next += 1 }
                }
                let all = results.compactMap { $0 }
                return [Array(all[0..<n]), Array(all[n..<(2 * n)])]
            }
        } catch {
            throw .stageFailed(stage: stage, detail: "\(error)")
        }
        let scans = points.map { MassScanOptimisation(points: $0, cuts: cuts, smoothing: c.smoothing) }
        // The smoothed cuts' yields at every mass, in the same window, cross-applied: the second fold's
        // rows with the first fold's cuts and the first fold's rows with the second's, at their own weights.
        var yields: [MassPointYields] = []
        var flows: [CutFlowSummary] = []
        do {
            // Every smoothed cut but the window; the window is the mass's own +-k sigma (YieldCounter),
            // as in the optimisation and the report.
            let others = scans.map { $0.smoothedCuts.enumerated().filter { $0.offset != windowIndex }.map(\.element) }
            for (i, s) in signals.enumerated() {
                let half = k * resolutions[i]
                let counter = YieldCounter(mass: s.mass, halfWidth: half, bins: spec.statistics.method == "shape" ? spec.statistics.bins : 1,
                                           luminosity: lumi)
                let sm = try CutFolds.mask(s.table, signalFolds[i], first: others[0], second: others[1], mass: s.mass)
                let (eff, effErr) = counter.signal(s.table, crossSection: s.table.generator.crossSectionPicobarn) { sm[$0] }
                let bkg = try backgrounds.indices.map { b throws(SelectionError) in
                    let mask = try CutFolds.mask(backgrounds[b].table, backgroundFolds[b], first: others[0], second: others[1], mass: s.mass)
                    return counter.background(backgrounds[b].name, backgrounds[b].table) { mask[$0] }
                }
                yields.append(MassPointYields(massGeV: s.mass, resolution: resolutions[i], windowHalfWidth: half,
                                              signalCrossSection: s.table.generator.crossSectionPicobarn, efficiency: eff,
                                              efficiencyErrors: effErr, backgrounds: bkg, threshold: nil))
            }
            for m in spec.outputs.recoilPlotMasses {
                guard let i = signals.indices.min(by: { abs(signals[$0].mass - m) < abs(signals[$1].mass - m) }),
                      !flows.contains(where: { $0.massGeV == signals[i].mass }) else { continue }
                let s = signals[i]
                // Each fold's rows through the other fold's cuts, at their own weights; the flows add.
                let parts = try [false, true].map { second throws(SelectionError) -> CutFlow in
                    let samples = [("signal (g' = 1)", CutFolds.rows(s.table, signalFolds[i], second: second, scale: 1))]
                        + zip(backgrounds, backgroundFolds).map { ($0.0.name, CutFolds.rows($0.0.table, $0.1, second: second, scale: 1)) }
                    return try CutFlow(samples: samples, cuts: scans[second ? 0 : 1].smoothedCuts, mass: s.mass, luminosityInverseFemtobarn: lumi)
                }
                flows.append(CutFlowSummary(massGeV: s.mass, processes: parts[0].processes, steps: zip(parts[0].steps, parts[1].steps).map { a, b in
                    // a: the first half's rows through the second half's thresholds; b the reverse. Shown as
                    // "optimised on the first half | on the second".
                    .init(label: a.label, requirement: a.requirement == b.requirement ? a.requirement : b.requirement + " | " + a.requirement,
                          yields: zip(a.entries, b.entries).map { $0.yield + $1.yield },
                          errors: zip(a.entries, b.entries).map { ($0.error * $0.error + $1.error * $1.error).squareRoot() },
                          counts: zip(a.entries, b.entries).map { $0.count + $1.count })
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
                    + "+-\(k) sigma window.",
                    "2-fold cross-application: every sample's events are split once into two halves; the thresholds optimised on one half "
                    + "(weights doubled) give the yields of the other, so no event's yield comes from thresholds chosen on it (on the same "
                    + "events the search would pick their fluctuations). Cut-flow requirements show the thresholds optimised on the first and on the "
                    + "second half as 'first | second' where they differ."],
            history: [], cutFlows: flows, smoothedCuts: scans[0].smoothedCuts, crossAppliedCuts: scans[1].smoothedCuts, key: key)
        try StageCache.writeJSON(result, to: url)
        observer(.finished(stage: stage, detail: String(format: "mean eps %.3f", yields.map(\.totalEfficiency).reduce(0, +) / Double(max(yields.count, 1))),
                           seconds: seconds(since: start), cached: false))
        return result
    }
}
