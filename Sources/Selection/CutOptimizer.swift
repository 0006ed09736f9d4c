import Features
import HEPCore

/// Per-mass optimisation of cut thresholds: maximise a figure of merit of the signal efficiency
/// (signal generated at the mass hypothesis) and the expected background (weighted Monte Carlo) in
/// the recoil window, by cyclic coordinate search: each free cut's threshold in turn is set to the
/// best of the candidate values (quantiles of the signal's and background's values of that feature
/// among the events that pass the fixed cuts, the recoil window), the others fixed, until a full
/// pass improves nothing; the search restarts from a few starting points (the given thresholds and
/// random draws among the candidates) and keeps the best. One coordinate step costs one pass over
/// the rows whatever the number of candidates (``CandidateSums``).
///
/// Zero background is not rewarded: a background process of which no Monte Carlo event passes, or
/// only a few light ones, contributes its 68% upper bound from the Monte Carlo statistics, 1.14 events
/// of its effective weight (``ExpectedBackground``), and the result says when such bounds are most of B.
public struct CutOptimizer: Sendable {
    public var figureOfMerit: FigureOfMerit
    /// Candidate thresholds per cut (quantiles of the feature values).
    public var candidates: Int
    public var restarts: Int
    public var seed: UInt64
    /// Thresholds that keep fewer signal Monte Carlo events than this are never chosen (0: no
    /// minimum). A selection of a handful of signal events has an efficiency known to tens of
    /// percent, and a search over nine thresholds finds such handfuls whose fluctuations flatter the
    /// figure of merit: in DarkScan's default analysis, thresholds chosen at 0.25 GeV on one half of
    /// the samples kept 0.34% of its signal, and 0.16% of the other half's.
    public var minimumSignalEvents: Int
    /// The most values per cut whose quantiles give the candidate thresholds.
    static let quantileSample = 100_000

    public init(figureOfMerit: FigureOfMerit = .significance, candidates: Int = 40, restarts: Int = 4, seed: UInt64 = 1,
                minimumSignalEvents: Int = 0) {
        self.figureOfMerit = figureOfMerit
        self.candidates = candidates
        self.restarts = restarts
        self.seed = seed
        self.minimumSignalEvents = minimumSignalEvents
    }

    public struct Result: Sendable, Equatable {
        /// The cuts with their optimised constant thresholds. When no thresholds keep
        /// `minimumSignalEvents` signal events, those that come closest, with a negative figure of
        /// merit (minus the events missing).
        public var cuts: [Cut]
        public var efficiency: Double
        public var background: Double
        public var figureOfMerit: Double
        /// True when more than half of B is Monte Carlo bounds (processes whose passing weight is below theirs).
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
        let effectiveBackgroundWeights = ExpectedBackground.effectiveWeights(tables: backgrounds)
        // Rows failing a fixed (not free) cut never pass: drop them once (the window leaves few).
        let fixedCuts = cuts.indices.filter { !free.contains($0) }
        func surviving(_ values: [[Double]], _ count: Int) -> [Int] {
            (0..<count).filter { r in fixedCuts.allSatisfy { cuts[$0].passes(values[$0][r], mass: mass) } }
        }
        var sRows = surviving(sValues, signal.count)
        var bRows = bValues.indices.map { surviving(bValues[$0], bWeights[$0].count) }
        // Candidate thresholds per free cut: quantiles of the values of the surviving rows (those
        // outside the window never pass, whatever the threshold), from at most `quantileSample`
        // of them taken at an even stride (the quantiles need not be exact; sorting millions of
        // values per cut and mass would dominate the search).
        var grid: [Int: [Double]] = [:]
        let survivingCount = sRows.count + bRows.reduce(0) { $0 + $1.count }
        let step = max(1, (survivingCount + Self.quantileSample - 1) / Self.quantileSample)
        for i in free {
            var all: [Double] = []
            all.reserveCapacity(survivingCount / step + bRows.count + 1)
            for r in stride(from: 0, to: sRows.count, by: step) { all.append(sValues[i][sRows[r]]) }
            for t in bRows.indices {
                for r in stride(from: 0, to: bRows[t].count, by: step) { all.append(bValues[t][i][bRows[t][r]]) }
            }
            all = all.filter(\.isFinite).sorted()
            guard !all.isEmpty else { continue }
            grid[i] = (0...candidates).map { k in all[min(all.count - 1, k * (all.count - 1) / candidates)] }
        }
        let freeSet = Set(free.filter { grid[$0] != nil })
        let freeList = free.filter { freeSet.contains($0) }
        // A free cut without candidates (no finite value survives) stays fixed at its threshold.
        let gridless = free.filter { grid[$0] == nil }
        if !gridless.isEmpty {
            sRows = sRows.filter { r in gridless.allSatisfy { cuts[$0].passes(sValues[$0][r], mass: mass) } }
            bRows = bRows.indices.map { t in bRows[t].filter { r in gridless.allSatisfy { cuts[$0].passes(bValues[t][$0][r], mass: mass) } } }
        }
        /// The figure of merit of a signal weight sum and count and per-process background sums and
        /// counts; when fewer than `minimumSignalEvents` signal events pass, minus the number missing
        /// (below every allowed value, and larger the closer it is, so that single-threshold steps
        /// from a start that keeps too few lead to thresholds that keep enough).
        func score(_ sPass: Double, _ sCount: Int, _ bPass: [Double], _ bCount: [Int], _ bPass2: [Double]) -> (fom: Double, eps: Double, b: Double, bound: Bool) {
            let eps = sPass / signalCrossSection
            let b = ExpectedBackground(passedWeightSums: bPass, passedCounts: bCount, effectiveWeights: effectiveBackgroundWeights,
                                       passedWeightSquareSums: bPass2, luminosityInverseFemtobarn: lumi)
            let fom = sCount < minimumSignalEvents ? -Double(minimumSignalEvents - sCount) : figureOfMerit.value(efficiency: eps, background: b)
            return (fom, eps, b.events, b.isMonteCarloBound)
        }
        func passesFree(_ trial: [Cut], _ values: [[Double]], _ row: Int, except skip: Int?) -> Bool {
            freeList.allSatisfy { $0 == skip || trial[$0].passes(values[$0][row], mass: mass) }
        }
        func evaluate(_ trial: [Cut]) -> (fom: Double, eps: Double, b: Double, bound: Bool) {
            var sPass = 0.0, sCount = 0
            for row in sRows where passesFree(trial, sValues, row, except: nil) { sPass += signal.weights[row]; sCount += 1 }
            var bPass = [Double](repeating: 0, count: bValues.count), bCount = [Int](repeating: 0, count: bValues.count), bPass2 = bPass
            for t in bValues.indices {
                for row in bRows[t] where passesFree(trial, bValues[t], row, except: nil) {
                    let w = bWeights[t][row]
                    bPass[t] += w; bPass2[t] += w * w; bCount[t] += 1
                }
            }
            return score(sPass, sCount, bPass, bCount, bPass2)
        }
        // Per surviving row, a bit per distinct free cut (position in maskCuts; a cut listed twice in
        // `free` is still one cut) that it fails at the current thresholds: the rows passing every free
        // cut but i are those without another bit set, found without re-testing every cut (the same
        // rows, in the same order, as testing them).
        var maskCuts: [Int] = []
        for c in freeList where !maskCuts.contains(c) { maskCuts.append(c) }
        let bitOf = Dictionary(uniqueKeysWithValues: maskCuts.enumerated().map { ($1, $0) })
        let useMasks = maskCuts.count <= 32
        func failMasks(_ trial: [Cut], _ values: [[Double]], _ rows: [Int]) -> [UInt32] {
            guard useMasks else { return [] }
            return rows.map { row in
                var m: UInt32 = 0
                for (p, c) in maskCuts.enumerated() where !trial[c].passes(values[c][row], mass: mass) { m |= 1 << UInt32(p) }
                return m
            }
        }
        func updateBit(_ masks: inout [UInt32], _ bit: Int, _ cut: Cut, _ values: [Double], _ rows: [Int]) {
            let flag = UInt32(1) << UInt32(bit)
            for k in rows.indices {
                if cut.passes(values[rows[k]], mass: mass) { masks[k] &= ~flag } else { masks[k] |= flag }
            }
        }
        func others(_ rows: [Int], _ masks: [UInt32], except bit: Int) -> [Int] {
            let keep = ~(UInt32(1) << UInt32(bit))
            var out: [Int] = []
            for k in rows.indices where masks[k] & keep == 0 { out.append(rows[k]) }
            return out
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
            var sMasks = failMasks(current, sValues, sRows)
            var bMasks = bValues.indices.map { failMasks(current, bValues[$0], bRows[$0]) }
            var improved = true
            while improved {
                improved = false
                for i in free {
                    guard let g = grid[i] else { continue }
                    // Rows passing every other cut at the current thresholds: only cut i varies below.
                    let bit = bitOf[i] ?? 0
                    let sOthers = useMasks ? others(sRows, sMasks, except: bit) : sRows.filter { passesFree(current, sValues, $0, except: i) }
                    let bOthers = bValues.indices.map { t in
                        useMasks ? others(bRows[t], bMasks[t], except: bit) : bRows[t].filter { passesFree(current, bValues[t], $0, except: i) }
                    }
                    defer {
                        // Cut i's threshold may have moved: refresh its bit.
                        if useMasks {
                            updateBit(&sMasks, bit, current[i], sValues[i], sRows)
                            for t in bValues.indices { updateBit(&bMasks[t], bit, current[i], bValues[t][i], bRows[t]) }
                        }
                    }
                    // The sums passing cut i at every candidate threshold, in one pass over the rows
                    // (``CandidateSums``), then the candidates in order as one at a time would see them.
                    let sSums = CandidateSums(cut: current[i], mass: mass, grid: g, values: sValues[i], rows: sOthers, weights: signal.weights)
                    let bSums = bValues.indices.map { t in
                        CandidateSums(cut: current[i], mass: mass, grid: g, values: bValues[t][i], rows: bOthers[t], weights: bWeights[t])
                    }
                    for (k, candidate) in g.enumerated() {
                        var trial = current
                        trial[i].threshold = .constant(candidate)
                        let v = score(sSums.weight[k], sSums.count[k], bSums.map { $0.weight[k] }, bSums.map { $0.count[k] }, bSums.map { $0.weightSquared[k] })
                        if v.fom > value.fom + 1e-12 * abs(value.fom) {
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

/// The weight sums and counts of `rows` passing one cut at each threshold of an ascending `grid`.
/// Every relation is monotone in the threshold (x > t passes for the thresholds below x, x < t and
/// |x| < t for those above), so each row passes a prefix or a suffix of the grid, found by binary
/// search; the sums are accumulated without subtraction. NaN values pass nowhere.
struct CandidateSums {
    var weight: [Double]
    var weightSquared: [Double]
    var count: [Int]

    init(cut: Cut, mass: Double, grid: [Double], values: [Double], rows: [Int], weights: [Double]) {
        let n = grid.count
        // at[j]: rows whose passing range starts (suffix) or ends (prefix) at boundary j.
        var atWeight = [Double](repeating: 0, count: n + 1), atWeight2 = atWeight, atCount = [Int](repeating: 0, count: n + 1)
        let prefix = cut.relation == .greaterThan
        /// The first grid index whose threshold passes `value` for "<" relations (a suffix), or the
        /// first whose threshold fails it for ">" (the passing prefix ends there).
        func boundary(_ value: Double) -> Int {
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                let passesMid = prefix ? value > grid[mid] : value < grid[mid]
                // ">": passes while the threshold is below the value, so search the first failing index.
                if passesMid == prefix { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        for row in rows {
            var value = values[row]
            if cut.relativeToMassSquared { value -= mass * mass }
            if cut.relation == .absoluteLessThan { value = abs(value) }
            guard !value.isNaN else { continue }
            let j = boundary(value)
            atWeight[j] += weights[row]
            atWeight2[j] += weights[row] * weights[row]
            atCount[j] += 1
        }
        weight = [Double](repeating: 0, count: n)
        weightSquared = weight
        count = [Int](repeating: 0, count: n)
        if prefix {
            // Threshold k passes the rows whose prefix ends after k: boundaries j > k.
            var w = 0.0, w2 = 0.0, c = 0
            for k in stride(from: n - 1, through: 0, by: -1) {
                w += atWeight[k + 1]; w2 += atWeight2[k + 1]; c += atCount[k + 1]
                weight[k] = w; weightSquared[k] = w2; count[k] = c
            }
        } else {
            // Threshold k passes the rows whose suffix starts at or before k.
            var w = 0.0, w2 = 0.0, c = 0
            for k in 0..<n {
                w += atWeight[k]; w2 += atWeight2[k]; c += atCount[k]
                weight[k] = w; weightSquared[k] = w2; count[k] = c
            }
        }
    }
}
