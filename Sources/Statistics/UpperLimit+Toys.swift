extension UpperLimit {
    /// The toy-based CL_s upper limit and expected band: the same bracket as
    /// ``asymptotic(model:data:confidenceLevel:testStatistic:options:relativeTolerance:)``, then
    /// bisection on each curve (toy CL_s is a step function of mu, so interpolating root finders gain
    /// nothing), to `relativeTolerance`. The calculator reuses its toys' random streams at every mu.
    ///
    /// - Throws: as the asymptotic limit, and the toy calculator's errors.
    public static func toys(calculator: ToyCalculator, confidenceLevel cl: Double = 0.95,
                            relativeTolerance: Double = 1e-3) async throws(StatisticsError) -> UpperLimitResult {
        guard cl > 0, cl < 1 else { throw .invalidArgument(name: "confidence level", value: "\(cl)", allowed: "in (0, 1), e.g. 0.95") }
        let model = calculator.model
        guard let poi = model.poiIndex else { throw .noParameterOfInterest(detail: "the model has no parameter of interest") }
        let level = 1 - cl
        var cache: [Double: HypothesisTestResult] = [:]
        func test(_ mu: Double) async throws(StatisticsError) -> HypothesisTestResult {
            if let t = cache[mu] { return t }
            let t = try await calculator.hypotest(poi: mu).result
            cache[mu] = t
            return t
        }
        func values(_ t: HypothesisTestResult) -> [Double] { [t.clsObserved] + t.clsExpected }
        let low = model.suggestedBounds[poi].lower
        var high = max(model.suggestedBounds[poi].upper, low + 1)
        if try await values(test(low)).contains(where: { $0 < level }) {
            throw .limitNotFound(quantity: "\(cl) CL upper limit", detail: "toy CL_s < \(level) already at the POI's lower bound \(low)")
        }
        var doublings = 0
        while try await values(test(high)).contains(where: { $0 > level }) {
            guard doublings < 40 else {
                throw .limitNotFound(quantity: "\(cl) CL upper limit", detail: "toy CL_s stays above \(level) up to \(model.poiName ?? "mu") = \(high)")
            }
            high *= 2
            doublings += 1
        }
        var limits: [Double] = []
        for curve in 0...5 {
            var lo = low, hi = high
            for (mu, t) in cache where mu > lo && values(t)[curve] >= level { lo = mu }
            for (mu, t) in cache where mu < hi && mu > lo && values(t)[curve] < level { hi = mu }
            while hi - lo > relativeTolerance * hi {
                let mid = 0.5 * (lo + hi)
                if try await values(test(mid))[curve] >= level { lo = mid } else { hi = mid }
            }
            limits.append(0.5 * (lo + hi))
        }
        return UpperLimitResult(confidenceLevel: cl, observed: limits[0], expected: Array(limits[1...]),
                                tests: cache.values.sorted { $0.poi < $1.poi })
    }
}
