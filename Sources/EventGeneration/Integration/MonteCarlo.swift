import HEPCore

/// The result of integrating a process: its cross section after generator cuts, with the Monte
/// Carlo error, and how the adaptation went. With importance sampling
/// (``ScatteringProcess/samplingBias(_:sqrtS:)`` < 1 somewhere) `picobarn` is the integral of the
/// biased integrand b f, the quantity the unweighting needs; the physical cross section is the
/// generated sample's (``MonteCarloGenerator/generate(events:weighted:maxWeight:progress:)``).
public struct CrossSection: Sendable, Equatable {
    /// sigma in pb and its Monte Carlo error.
    public let picobarn: Double
    public let errorPicobarn: Double
    /// Points tried and points with a non-zero weight in the final (frozen-grid) pass.
    public let points: Int
    public let nonZero: Int
    /// The largest weight seen (pb).
    public let maxWeight: Double
    /// The maximum to unweight against: the w_max that costs least per effective event
    /// (``unweightingMaximum(_:trials:eventCost:)``, with ``GeneratorOptions/unweightingEventCost``).
    /// Events above it are kept with weight w / w_max, so samples stay exact while the rare spikes of a
    /// peaked integrand (two-photon events) do not make unweighting hopeless.
    public let unweightingMaxWeight: Double
    /// The per-iteration estimates of the adaptation, (sigma, error) in pb.
    public let iterations: [CrossSection.Iteration]

    public struct Iteration: Sendable, Equatable {
        public let picobarn: Double
        public let errorPicobarn: Double
    }

    /// The fraction of points an unweighting against ``unweightingMaxWeight`` keeps, from the final
    /// pass's weights: sum min(1, w_i / w_max) / points (overweight points count once).
    public let unweightingEfficiency: Double

    /// The expected fraction of `trials` points kept by hit-or-miss against `maximum`.
    static func keptFraction(_ weights: [Double], trials: Int, maximum: Double) -> Double {
        guard maximum > 0, trials > 0 else { return 0 }
        return weights.reduce(0) { $0 + min(1, $1 / maximum) } / Double(max(trials, weights.count))
    }

    /// The unweighting maximum that minimises the cost per effective event.
    ///
    /// Hit-or-miss against w_max keeps a point of weight w with probability min(1, w / w_max), as an
    /// event of weight max(w, w_max) (overweights keep w / w_max in units of w_max). Per point tried,
    /// the kept events are K = sum min(1, w_i / w_max) and their effective number is
    /// N_eff = (sum w_i)^2 / sum_i max(w_i, w_max) w_i (Kish's effective sample size,
    /// L. Kish, Survey Sampling, Wiley (1965), with the kept weights' expected sums). Each point costs
    /// one integrand evaluation and each kept event `eventCost` evaluations more (decays, detector
    /// simulation, storage, selection), so the maximum minimises (trials + eventCost K) / N_eff over the
    /// observed weights. eventCost -> infinity gives the largest weight (no overweights, fewest events
    /// per effective event); eventCost = 0 the smallest (every point kept, weighted generation).
    /// The weights are the generator's, b f / g with importance sampling (b < 1 outside a region), before
    /// the events' factors 1/b and of biased decays: the effective number is the one for the sampled
    /// density, which with biasing approximates that inside the favoured region. The scan tries the
    /// observed weights only (an optimum between two of them is at most marginally cheaper).
    /// Peaked integrands gain most: e e mu mu, whose largest weights are rare spikes of the two-photon
    /// peaks, kept 0.06% (without region biasing) to 0.6% (with it) of the points with the earlier
    /// maximum, which left 0.1% of the cross section above it; about 15% now (pipeline, with biasing).
    ///
    /// - Parameters:
    ///   - weights: the non-zero weights of an integration pass (any order).
    ///   - trials: the points tried in that pass, zero weights included (>= weights.count).
    ///   - eventCost: the cost of one kept event in integrand evaluations (>= 0).
    static func unweightingMaximum(_ weights: [Double], trials: Int, eventCost: Double) -> Double {
        let sorted = weights.sorted(by: >)
        guard let largest = sorted.first, largest > 0 else { return 0 }
        let total = sorted.reduce(0, +)
        // With w_max = sorted[k]: the k larger weights are kept as they are (sum of squares `above`),
        // the rest, summing to `below`, are kept with probability w / w_max at weight w_max.
        var above = 0.0, below = total
        var best = largest, bestCost = Double.infinity
        let n = Double(max(trials, sorted.count))
        var k = 0
        while k < sorted.count {
            let w = sorted[k]
            let kept = Double(k) + below / w
            let effective = total * total / (above + w * below)
            let cost = (n + eventCost * kept) / effective
            if cost < bestCost { bestCost = cost; best = w }
            // Move every weight equal to w above the threshold together.
            while k < sorted.count, sorted[k] == w {
                above += w * w
                below -= w
                k += 1
            }
        }
        return best
    }
}

/// Integrates and samples a process with multichannel VEGAS, spreading the work over `threads`
/// tasks. Work is cut into units of `chunkSize` points, unit k of a pass drawing from its own
/// random stream, and the units' sums are merged in unit order: the results are identical for any
/// number of threads.
public struct MonteCarloGenerator: Sendable {
    public let process: any ScatteringProcess
    public let options: GeneratorOptions
    var integrand: Integrand

    public init(process: any ScatteringProcess, options: GeneratorOptions) throws(EventGenerationError) {
        guard options.chunkSize > 0, options.pointsPerIteration > 0, options.threads > 0, options.vegasBins > 1 else {
            throw .invalidParameter(name: "generator option", value: 0,
                                    allowed: "chunk size, points per iteration and threads >= 1, VEGAS bins >= 2")
        }
        if let c = options.unweightingEventCost, !(c >= 0 && c.isFinite) {
            throw .invalidParameter(name: "unweighting event cost", value: c, allowed: "finite, >= 0")
        }
        if let z = process as? MuMuZPrime { try z.validate(sqrtS: options.collider.sqrtS) }
        if options.initialStateRadiation, process.radiatesFromBeams {
            throw .invalidParameter(name: "ISR structure function for \(process.key)", value: 1,
                                    allowed: "off: the process radiates from the beams in its matrix element (ISR would count twice)")
        }
        self.process = process
        self.options = options
        integrand = Integrand(process: process, options: options)
    }

    /// The random streams of pass `pass` (a label) and unit `unit`.
    func stream(pass: String, unit: Int) -> RandomStream {
        RandomStreams(seed: options.seed).child(process.key).child(pass).stream(UInt64(unit))
    }

    /// Evaluates `points` points in units on `threads` tasks and merges their sums in unit order.
    func run(points: Int, pass: String, adapt: Bool, keepWeights: Bool = false, progress: (@Sendable (Double) -> Void)?) async -> Integrand.Accumulator {
        let units = (points + options.chunkSize - 1) / options.chunkSize
        let integrand = self.integrand
        let chunk = options.chunkSize
        var results = [Integrand.Accumulator?](repeating: nil, count: units)
        await withTaskGroup(of: (Int, Integrand.Accumulator).self) { group in
            var next = 0, done = 0
            func submit(_ k: Int) {
                var rng = stream(pass: pass, unit: k)
                let count = min(chunk, points - k * chunk)
                group.addTask {
                    var ws = integrand.makeWorkspace()
                    var acc = Integrand.Accumulator(integrand)
                    acc.keepWeights = keepWeights
                    for _ in 0..<count { _ = integrand.evaluate(&rng, &ws, &acc, adapt: adapt) }
                    return (k, acc)
                }
            }
            while next < min(units, options.threads) { submit(next); next += 1 }
            for await (k, acc) in group {
                results[k] = acc
                done += 1
                progress?(Double(done) / Double(units))
                if next < units { submit(next); next += 1 }
            }
        }
        var total = Integrand.Accumulator(integrand)
        for r in results { if let r { total.merge(r) } }
        return total
    }

    /// Adapts the channel weights and VEGAS grids, then integrates with the frozen grids using
    /// `points` points. Progress reports the fraction of all passes done.
    public mutating func integrate(points: Int, progress: (@Sendable (Double) -> Void)? = nil) async throws(EventGenerationError) -> CrossSection {
        let passes = Double(options.adaptationIterations * options.pointsPerIteration + points)
        var done = 0.0
        var iterations: [CrossSection.Iteration] = []
        for iteration in 0..<options.adaptationIterations {
            let start = done, share = Double(options.pointsPerIteration)
            let acc = await run(points: options.pointsPerIteration, pass: "adapt-\(iteration)", adapt: true) { f in
                progress?((start + f * share) / passes)
            }
            done += share
            iterations.append(.init(picobarn: acc.mean, errorPicobarn: acc.error))
            integrand.adapt(from: acc)
        }
        let start = done
        let acc = await run(points: points, pass: "integrate", adapt: false, keepWeights: true) { f in progress?((start + f * Double(points)) / passes) }
        guard acc.nonZero > 0 else { throw .noAcceptedPoints(process: process.name, tried: acc.n) }
        guard acc.sumW.isFinite else { throw .nonFiniteWeight(process: process.name, detail: "sum of weights \(acc.sumW)") }
        let maximum = CrossSection.unweightingMaximum(acc.weights, trials: acc.n,
                                                      eventCost: options.unweightingEventCost ?? process.recommendedEventCost)
        return CrossSection(picobarn: acc.mean, errorPicobarn: acc.error, points: acc.n, nonZero: acc.nonZero,
                            maxWeight: acc.maxW, unweightingMaxWeight: maximum, iterations: iterations,
                            unweightingEfficiency: CrossSection.keptFraction(acc.weights, trials: acc.n, maximum: maximum))
    }
}
