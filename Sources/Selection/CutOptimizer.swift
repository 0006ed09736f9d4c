import Features
import HEPCore

/// Per-mass optimisation of cut thresholds: maximise a figure of merit of the signal efficiency
/// (signal generated at the mass hypothesis) and the expected background (weighted Monte Carlo) in
/// the recoil window, by cyclic coordinate search: each free cut's threshold in turn is set to the
/// best of the candidate values (quantiles of the signal's and background's values of that feature),
/// the others fixed, until a full pass improves nothing; the search restarts from a few starting
/// points (the given thresholds and random draws among the candidates) and keeps the best.
///
/// Zero background is not rewarded: a background process of which no Monte Carlo event passes
/// contributes its 68% upper bound from the Monte Carlo statistics, 1.14 events of its mean weight
/// (``ExpectedBackground``), and the result says when such bounds are most of B.
public struct CutOptimizer: Sendable {
    public var figureOfMerit: FigureOfMerit
    /// Candidate thresholds per cut (quantiles of the feature values).
    public var candidates: Int
    public var restarts: Int
    public var seed: UInt64

    public init(figureOfMerit: FigureOfMerit = .significance, candidates: Int = 40, restarts: Int = 4, seed: UInt64 = 1) {
        self.figureOfMerit = figureOfMerit
        self.candidates = candidates
        self.restarts = restarts
        self.seed = seed
    }

    public struct Result: Sendable, Equatable {
        /// The cuts with their optimised constant thresholds.
        public var cuts: [Cut]
        public var efficiency: Double
        public var background: Double
        public var figureOfMerit: Double
        /// True when more than half of B is Monte Carlo bounds of processes with no passing event.
        public var backgroundFromMonteCarloBound: Bool
    }

    /// Optimises the thresholds of `cuts[i]` for i in `free` (constant thresholds) at `mass`.
    /// `signal` must hold events generated at `mass`, with weights summing to its cross section
    /// before any cut (`signalCrossSection`, pb); `backgrounds` are weighted feature tables.
    public func optimise(cuts: [Cut], free: [Int], mass: Double, signal: FeatureTable, signalCrossSection: Double,
                         backgrounds: [FeatureTable], luminosityInverseFemtobarn lumi: Double) throws(SelectionError) -> Result {
        guard signalCrossSection > 0, signalCrossSection.isFinite else {
            throw .invalidParameter(name: "signal cross section (pb)", value: signalCrossSection, allowed: "> 0")
        }
        // Column values of every cut for the signal and the backgrounds.
        let sValues = try cuts.map { cut throws(SelectionError) in try CutFlow.combination(cut, in: signal) }
        let bValues = try backgrounds.map { t throws(SelectionError) in try cuts.map { cut throws(SelectionError) in try CutFlow.combination(cut, in: t) } }
        let bWeights = backgrounds.map(\.weights)
        let meanBackgroundWeights = ExpectedBackground.meanWeights(tables: backgrounds)
        // Candidate thresholds per free cut: quantiles of all values.
        var grid: [Int: [Double]] = [:]
        for i in free {
            var all = sValues[i] + bValues.flatMap { $0[i] }
            all = all.filter(\.isFinite).sorted()
            guard !all.isEmpty else { continue }
            grid[i] = (0...candidates).map { k in all[min(all.count - 1, k * (all.count - 1) / candidates)] }
        }
        // Rows failing a fixed (not free) cut never pass: drop them once (the window leaves few).
        let freeSet = Set(free.filter { grid[$0] != nil })
        let fixedCuts = cuts.indices.filter { !freeSet.contains($0) }
        func surviving(_ values: [[Double]], _ count: Int) -> [Int] {
            (0..<count).filter { r in fixedCuts.allSatisfy { cuts[$0].passes(values[$0][r], mass: mass) } }
        }
        let sRows = surviving(sValues, signal.count)
        let bRows = bValues.indices.map { surviving(bValues[$0], bWeights[$0].count) }
        let freeList = free.filter { freeSet.contains($0) }
        /// The figure of merit of a signal weight sum and per-process background sums and counts.
        func score(_ sPass: Double, _ bPass: [Double], _ bCount: [Int]) -> (fom: Double, eps: Double, b: Double, bound: Bool) {
            let eps = sPass / signalCrossSection
            let b = ExpectedBackground(passedWeightSums: bPass, passedCounts: bCount, meanWeights: meanBackgroundWeights,
                                       luminosityInverseFemtobarn: lumi)
            return (figureOfMerit.value(efficiency: eps, background: b.events), eps, b.events, b.isMonteCarloBound)
        }
        func passesFree(_ trial: [Cut], _ values: [[Double]], _ row: Int, except skip: Int?) -> Bool {
            freeList.allSatisfy { $0 == skip || trial[$0].passes(values[$0][row], mass: mass) }
        }
        func evaluate(_ trial: [Cut]) -> (fom: Double, eps: Double, b: Double, bound: Bool) {
            var sPass = 0.0
            for row in sRows where passesFree(trial, sValues, row, except: nil) { sPass += signal.weights[row] }
            var bPass = [Double](repeating: 0, count: bValues.count), bCount = [Int](repeating: 0, count: bValues.count)
            for t in bValues.indices {
                for row in bRows[t] where passesFree(trial, bValues[t], row, except: nil) { bPass[t] += bWeights[t][row]; bCount[t] += 1 }
            }
            return score(sPass, bPass, bCount)
        }
        var rng = RandomStreams(seed: seed).child("cut-optimiser").stream(UInt64(max(0, Int(mass * 1e6))))
        var best = cuts
        var bestValue = evaluate(cuts)
        for restart in 0...restarts {
            var current = cuts
            if restart > 0 {
                for i in free { if let g = grid[i] { current[i].threshold = .constant(g[Int(rng.uniform() * Double(g.count)) % g.count]) } }
            }
            var value = evaluate(current)
            var improved = true
            while improved {
                improved = false
                for i in free {
                    guard let g = grid[i] else { continue }
                    // Rows passing every other cut at the current thresholds: only cut i varies below.
                    let sOthers = sRows.filter { passesFree(current, sValues, $0, except: i) }
                    let bOthers = bValues.indices.map { t in bRows[t].filter { passesFree(current, bValues[t], $0, except: i) } }
                    for candidate in g {
                        var trial = current
                        trial[i].threshold = .constant(candidate)
                        let cut = trial[i]
                        var sPass = 0.0
                        for row in sOthers where cut.passes(sValues[i][row], mass: mass) { sPass += signal.weights[row] }
                        var bPass = [Double](repeating: 0, count: bValues.count), bCount = [Int](repeating: 0, count: bValues.count)
                        for t in bValues.indices {
                            for row in bOthers[t] where cut.passes(bValues[t][i][row], mass: mass) { bPass[t] += bWeights[t][row]; bCount[t] += 1 }
                        }
                        let v = score(sPass, bPass, bCount)
                        if v.fom > value.fom * (1 + 1e-12) {
                            current = trial
                            value = v
                            improved = true
                        }
                    }
                }
            }
            if value.fom > bestValue.fom {
                best = current
                bestValue = value
            }
        }
        return Result(cuts: best, efficiency: bestValue.eps, background: bestValue.b, figureOfMerit: bestValue.fom,
                      backgroundFromMonteCarloBound: bestValue.bound)
    }
}
