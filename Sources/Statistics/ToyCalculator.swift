import HEPCore

/// The result of a toy-based hypothesis test.
public struct ToyHypothesisTestResult: Sendable {
    /// Observed and expected CL_s etc. in the layout of ``HypothesisTestResult``.
    public let result: HypothesisTestResult
    /// Binomial standard errors of the observed CL_s+b and CL_b from the toy counts.
    public let clsbError: Double
    public let clbError: Double
    /// The statistic's value in each signal-plus-background and background-only toy (failed toys
    /// removed), in toy order.
    public let signalToys: [Double]
    public let backgroundToys: [Double]
    /// Toys whose fits did not converge; they are counted and left out, not hidden.
    public let failedToys: Int
}

/// Toy-based CL_s as `pyhf.infer.calculators.ToyCalculator`: pseudo-data (main counts and auxiliary
/// data) are drawn from the model with nuisance parameters at their conditional fits to the
/// observed data at mu (signal plus background) and at 0 (background only; 1 for q0); the test
/// statistic's empirical distributions give p-values P(q >= q_obs), and the expected band takes
/// the 2.275, 15.87, 50, 84.13 and 97.72 percentiles (NumPy "linear") of CL_s evaluated at each
/// background-only toy.
///
/// Toys run in blocks of ``blockSize`` in parallel tasks; block i of the signal (background) toys
/// draws from stream 2i (2i + 1) of `seed.child("toys")`, so the results do not depend on the number
/// of threads, and the same toys are reused at every POI value (common random numbers).
public struct ToyCalculator: Sendable {
    public let model: HistFactoryModel
    public let data: Dataset
    public let testStatistic: TestStatistic
    public let toys: Int
    public let seed: RandomStreams
    public let options: FitOptions
    public var blockSize: Int = 50

    /// - Throws: ``StatisticsError/invalidArgument(name:value:allowed:)`` for fewer than 1 toy, or data
    ///   and options that do not fit the model.
    public init(model: HistFactoryModel, data: Dataset, testStatistic: TestStatistic = .qtilde, toys: Int = 2000,
                seed: RandomStreams = RandomStreams(seed: 1), options: FitOptions = FitOptions()) throws(StatisticsError) {
        guard toys >= 1 else { throw .invalidArgument(name: "toys", value: "\(toys)", allowed: ">= 1") }
        try model.check(data)
        try model.check(options)
        self.model = model
        self.data = data
        self.testStatistic = testStatistic
        self.toys = toys
        self.seed = seed
        self.options = options
    }

    /// Draws one pseudo-dataset from the model at parameters `p`: Poisson main counts, and auxiliary
    /// data from each constraint (Gaussian around theta with width sigma, Poisson of mean gamma tau).
    public func sample(at p: [Double], using rng: inout RandomStream) -> Dataset {
        let nu = model.expectedMainData(p)
        var aux = model.auxiliaryData
        for g in model.gaussian { aux[g.auxIndex] = rng.gaussian(mean: p[g.parameter], sigma: g.sigma) }
        for c in model.poisson { aux[c.auxIndex] = rng.poisson(mean: p[c.parameter] * c.factor) }
        return Dataset(main: nu.map { rng.poisson(mean: $0) }, auxiliary: aux)
    }

    /// The toy-based hypothesis test at POI value `mu`.
    ///
    /// - Throws: fit errors of the fits to the observed data; ``StatisticsError/numericalFailure(quantity:detail:)``
    ///   when every toy of one kind failed.
    public func hypotest(poi mu: Double) async throws(StatisticsError) -> ToyHypothesisTestResult {
        let observed = try model.testStatistic(testStatistic, poi: mu, data: data, options: options).value
        let poiName = model.poiName ?? "mu"
        let signalPars = try model.fitOrThrow(data: data, fixingPOIAt: mu, options: options, context: "conditional fit to data at \(poiName) = \(mu)").parameters
        let backgroundMu = testStatistic == .q0 ? 1.0 : 0.0
        let backgroundPars = try model.fitOrThrow(data: data, fixingPOIAt: backgroundMu, options: options,
                                                  context: "conditional fit to data at \(poiName) = \(backgroundMu)").parameters
        let blocks = (toys + blockSize - 1) / blockSize
        let streams = seed.child("toys")
        let calculator = self
        let results = await withTaskGroup(of: (Int, [Double]).self) { group -> [[Double]] in
            for task in 0..<(2 * blocks) {
                group.addTask {
                    let block = task / 2
                    let count = min(calculator.blockSize, calculator.toys - block * calculator.blockSize)
                    var rng = streams.stream(UInt64(task))
                    let pars = task % 2 == 0 ? signalPars : backgroundPars
                    var values: [Double] = []
                    for _ in 0..<count {
                        let toy = calculator.sample(at: pars, using: &rng)
                        let q = try? calculator.model.testStatistic(calculator.testStatistic, poi: mu, data: toy, options: calculator.options, label: "toy")
                        values.append(q?.value ?? .nan)
                    }
                    return (task, values)
                }
            }
            var ordered = [[Double]](repeating: [], count: 2 * blocks)
            for await (task, values) in group { ordered[task] = values }
            return ordered
        }
        let signalAll = stride(from: 0, to: results.count, by: 2).flatMap { results[$0] }
        let backgroundAll = stride(from: 1, to: results.count, by: 2).flatMap { results[$0] }
        let signal = signalAll.filter { !$0.isNaN }, background = backgroundAll.filter { !$0.isNaN }
        let failed = signalAll.count - signal.count + backgroundAll.count - background.count
        guard !signal.isEmpty, !background.isEmpty else {
            throw .numericalFailure(quantity: "toy CL_s at \(poiName) = \(mu)", detail: "the fits of all \(signal.isEmpty ? "signal" : "background") toys failed")
        }
        let sortedSignal = signal.sorted(), sortedBackground = background.sorted()
        let clsb = Self.tailFraction(sortedSignal, observed)
        let clb = Self.tailFraction(sortedBackground, observed)
        let clsAtToys = background.map { Self.tailFraction(sortedSignal, $0) / Self.tailFraction(sortedBackground, $0) }.sorted()
        let percentiles = [2.27501319, 15.86552539, 50.0, 84.13447461, 97.72498681]
        let expected = percentiles.map { Self.percentile(clsAtToys, $0) }
        let isQ0 = testStatistic == .q0
        let result = HypothesisTestResult(poi: mu, clsObserved: isQ0 ? clsb : clsb / clb, clsbObserved: clsb, clbObserved: clb,
                                          clsExpected: expected, testStatistic: observed, asimovTestStatistic: .nan)
        return ToyHypothesisTestResult(result: result,
                                       clsbError: (clsb * (1 - clsb) / Double(signal.count)).squareRoot(),
                                       clbError: (clb * (1 - clb) / Double(background.count)).squareRoot(),
                                       signalToys: signal, backgroundToys: background, failedToys: failed)
    }

    /// The fraction of `sorted` that is >= x.
    static func tailFraction(_ sorted: [Double], _ x: Double) -> Double {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return Double(sorted.count - lo) / Double(sorted.count)
    }

    /// NumPy's default ("linear") percentile of sorted values: rank q/100 (n - 1), interpolated.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? .nan }
        let rank = q / 100 * Double(sorted.count - 1)
        let i = Int(rank.rounded(.down))
        guard i + 1 < sorted.count else { return sorted[sorted.count - 1] }
        let frac = rank - Double(i)
        return sorted[i] + frac * (sorted[i + 1] - sorted[i])
    }
}
