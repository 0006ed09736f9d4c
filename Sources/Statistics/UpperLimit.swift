import HEPCore

/// An upper limit on the parameter of interest with its expected band.
public struct UpperLimitResult: Sendable, Equatable {
    /// The confidence level (0.95 for a 95% CL limit); the limit solves CL_s(mu) = 1 - cl.
    public let confidenceLevel: Double
    public let observed: Double
    /// Expected limits for background-only data at -2, -1, 0, +1, +2 sigma (pyhf's order:
    /// `upper_limit(...)[1]`), so `expected[2]` is the median; +infinity for a band whose CL_s levels
    /// off above 1 - CL (``UpperLimit/asymptotic(model:data:confidenceLevel:testStatistic:options:relativeTolerance:)``).
    public let expected: [Double]
    /// Every hypothesis test evaluated on the way, sorted by POI value.
    public let tests: [HypothesisTestResult]
}

/// Upper limits by root finding on CL_s(mu) = 1 - CL, as `pyhf.infer.intervals.upper_limits.upper_limit`
/// does with TOMS 748, here with Brent's method (HEPCore ``BrentRoot``; R. P. Brent, "Algorithms for
/// Minimization without Derivatives" (1973), Ch. 4).
public enum UpperLimit {
    /// The asymptotic CL_s upper limit and expected band (qtilde by default).
    ///
    /// The bracket starts at the POI's bounds as in pyhf's `toms748_scan`: its lower bound, and its
    /// upper bound doubled until every curve (observed and the five expected) is below 1 - CL. Each
    /// curve is then solved on the tightest bracket among the POI values already evaluated, to a
    /// relative tolerance `relativeTolerance` of the POI. The expected curves need only the fits to
    /// the Asimov data.
    ///
    /// A curve may never fall below 1 - CL: with a large relative uncertainty on the signal (a
    /// staterror of 33% from 9 Monte Carlo events), the fit can shrink the signal at a bounded cost
    /// in the constraint, so CL_s levels off (pyhf gives the same plateau, e.g. 0.163 for the +2 sigma
    /// band of such a model). When the doubling then ends (after 40 doublings, or when a fit fails at
    /// a huge POI) with the observed and the median expected limit bracketed, those and every other
    /// bracketed curve are solved, and the curves that never fell below 1 - CL get +infinity (no
    /// upper limit on that band); otherwise the error is thrown.
    ///
    /// - Throws: ``StatisticsError/invalidArgument(name:value:allowed:)`` for a CL outside (0, 1);
    ///   ``StatisticsError/limitNotFound(quantity:detail:)`` when no bracket is found; fit errors.
    public static func asymptotic(model: HistFactoryModel, data: Dataset, confidenceLevel cl: Double = 0.95,
                                  testStatistic: TestStatistic = .qtilde, options: FitOptions = FitOptions(),
                                  relativeTolerance: Double = 1e-7) throws(StatisticsError) -> UpperLimitResult {
        let calculator = try AsymptoticCalculator(model: model, data: data, testStatistic: testStatistic, options: options)
        return try solve(model: model, confidenceLevel: cl, relativeTolerance: relativeTolerance,
                         full: { mu throws(StatisticsError) in try calculator.hypotest(poi: mu) },
                         expectedOnly: { mu throws(StatisticsError) in try calculator.expectedCLs(poi: mu) })
    }

    /// The root-finding core shared by the asymptotic and toy-based limits: `full(mu)` gives a whole
    /// hypothesis test, `expectedOnly(mu)` the five expected CL_s values (it may call `full`).
    static func solve(model: HistFactoryModel, confidenceLevel cl: Double, relativeTolerance: Double,
                      full: (Double) throws(StatisticsError) -> HypothesisTestResult,
                      expectedOnly: (Double) throws(StatisticsError) -> [Double]) throws(StatisticsError) -> UpperLimitResult {
        guard cl > 0, cl < 1 else { throw .invalidArgument(name: "confidence level", value: "\(cl)", allowed: "in (0, 1), e.g. 0.95") }
        guard let poi = model.poiIndex else { throw .noParameterOfInterest(detail: "the model has no parameter of interest") }
        let level = 1 - cl
        var tests: [Double: HypothesisTestResult] = [:]
        var expectedCache: [Double: [Double]] = [:]
        func test(_ mu: Double) throws(StatisticsError) -> HypothesisTestResult {
            if let t = tests[mu] { return t }
            let t = try full(mu)
            tests[mu] = t
            expectedCache[mu] = t.clsExpected
            return t
        }
        func expected(_ mu: Double) throws(StatisticsError) -> [Double] {
            if let e = expectedCache[mu] { return e }
            let e = try expectedOnly(mu)
            expectedCache[mu] = e
            return e
        }
        let bounds = model.suggestedBounds[poi]
        var low = bounds.lower
        var lowTest = try test(low)
        var halvings = 0
        while ([lowTest.clsObserved] + lowTest.clsExpected).contains(where: { $0 < level }) {
            guard halvings < 60, low != 0 else {
                throw .limitNotFound(quantity: "\(cl) CL upper limit", detail: "CL_s < \(level) already at the POI's lower bound \(low)")
            }
            low /= 2
            halvings += 1
            lowTest = try test(low)
        }
        var high = max(bounds.upper, low + 1)
        var highTest = try test(high)
        var doublings = 0
        /// Whether curve `curve` (0: observed, 1...5: expected) is below 1 - CL in the test `t`.
        func below(_ t: HypothesisTestResult, _ curve: Int) -> Bool {
            (curve == 0 ? t.clsObserved : t.clsExpected[curve - 1]) < level
        }
        // The curves bracketed so far (below 1 - CL at one of the upper ends evaluated).
        var bracketed = Set((0...5).filter { below(highTest, $0) })
        while bracketed.count < 6 {
            guard doublings < 40 else {
                guard bracketed.isSuperset(of: [0, 3]) else {
                    throw .limitNotFound(quantity: "\(cl) CL upper limit", detail: "CL_s stays above \(level) up to \(model.poiName ?? "mu") = \(high)")
                }
                break
            }
            let next = high * 2
            do {
                highTest = try test(next)
            } catch {
                // A fit that fails far above the observed and median limits ends the search for the
                // others (they level off above 1 - CL, see above).
                guard bracketed.isSuperset(of: [0, 3]) else { throw error }
                break
            }
            high = next
            doublings += 1
            bracketed.formUnion((0...5).filter { below(highTest, $0) })
        }
        // curve 0: observed; 1...5: expected in pyhf's order.
        func value(_ curve: Int, _ mu: Double) throws(StatisticsError) -> Double {
            curve == 0 ? try test(mu).clsObserved - level : try expected(mu)[curve - 1] - level
        }
        var limits: [Double] = []
        for curve in 0...5 {
            guard bracketed.contains(curve) else {
                limits.append(.infinity)
                continue
            }
            // Brent's tolerance is absolute: a first pass relative to the bracket, a second one
            // relative to the root on the tight bracket the first pass left in the caches.
            var root = Double.nan
            var tolerance = relativeTolerance * max(abs(high), 1e-300)
            for _ in 0..<2 {
                let (lo, hi) = bracket(curve)
                root = try brent(curve, lo, hi, tolerance)
                let wanted = relativeTolerance * max(abs(root), 1e-300)
                if tolerance <= 2 * wanted { break }
                tolerance = wanted
            }
            limits.append(root)
        }
        /// The tightest bracket of curve `curve` among the POI values evaluated so far.
        func bracket(_ curve: Int) -> (Double, Double) {
            var lo = low, hi = high
            for (mu, e) in expectedCache {
                let v = curve == 0 ? (tests[mu]?.clsObserved ?? .nan) - level : e[curve - 1] - level
                if v >= 0, mu > lo { lo = mu }
            }
            for (mu, e) in expectedCache {
                let v = curve == 0 ? (tests[mu]?.clsObserved ?? .nan) - level : e[curve - 1] - level
                if v < 0, mu < hi, mu > lo { hi = mu }
            }
            return (lo, hi)
        }
        func brent(_ curve: Int, _ lo: Double, _ hi: Double, _ tolerance: Double) throws(StatisticsError) -> Double {
            var failure: StatisticsError?
            do {
                return try BrentRoot.solve(in: (lo, hi), tolerance: tolerance, maxIterations: 300) { mu in
                    do throws(StatisticsError) { return try value(curve, mu) } catch {
                        failure = error
                        throw error
                    }
                }
            } catch {
                if let failure { throw failure }
                let name = curve == 0 ? "observed" : "expected (band \(curve - 1))"
                throw .limitNotFound(quantity: "\(name) \(cl) CL upper limit", detail: "\(error)")
            }
        }
        return UpperLimitResult(confidenceLevel: cl, observed: limits[0], expected: Array(limits[1...]),
                                tests: tests.values.sorted { $0.poi < $1.poi })
    }
}
