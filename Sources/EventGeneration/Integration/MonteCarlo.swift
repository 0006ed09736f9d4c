import HEPCore

/// The result of integrating a process: its cross section after generator cuts, with the Monte
/// Carlo error, and how the adaptation went.
public struct CrossSection: Sendable, Equatable {
    /// sigma in pb and its Monte Carlo error.
    public let picobarn: Double
    public let errorPicobarn: Double
    /// Points tried and points with a non-zero weight in the final (frozen-grid) pass.
    public let points: Int
    public let nonZero: Int
    /// The largest weight seen (pb), for unweighting.
    public let maxWeight: Double
    /// The per-iteration estimates of the adaptation, (sigma, error) in pb.
    public let iterations: [CrossSection.Iteration]

    public struct Iteration: Sendable, Equatable {
        public let picobarn: Double
        public let errorPicobarn: Double
    }

    /// sigma / (maxWeight): the fraction of trials an unweighting keeps.
    public var unweightingEfficiency: Double { maxWeight > 0 ? picobarn / maxWeight : 0 }
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
        if let z = process as? MuMuZPrime { try z.validate(sqrtS: options.collider.sqrtS) }
        self.process = process
        self.options = options
        integrand = Integrand(process: process, options: options)
    }

    /// The random streams of pass `pass` (a label) and unit `unit`.
    func stream(pass: String, unit: Int) -> RandomStream {
        RandomStreams(seed: options.seed).child(process.key).child(pass).stream(UInt64(unit))
    }

    /// Evaluates `points` points in units on `threads` tasks and merges their sums in unit order.
    func run(points: Int, pass: String, adapt: Bool, progress: (@Sendable (Double) -> Void)?) async -> Integrand.Accumulator {
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
        let acc = await run(points: points, pass: "integrate", adapt: false) { f in progress?((start + f * Double(points)) / passes) }
        guard acc.nonZero > 0 else { throw .noAcceptedPoints(process: process.name, tried: acc.n) }
        guard acc.sumW.isFinite else { throw .nonFiniteWeight(process: process.name, detail: "sum of weights \(acc.sumW)") }
        return CrossSection(picobarn: acc.mean, errorPicobarn: acc.error, points: acc.n, nonZero: acc.nonZero,
                            maxWeight: acc.maxW, iterations: iterations)
    }
}
