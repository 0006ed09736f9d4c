/// The outcome of a maximum-likelihood fit.
public struct FitResult: Sendable {
    /// Best-fit values of every parameter (fixed ones at their fixed values).
    public var parameters: [Double]
    /// -2 ln L at the best fit, with pyhf's constants (compare with `pyhf.infer.mle.fit(...,
    /// return_fitted_val=True)`).
    public var twiceNLL: Double
    public var status: MinimizerResult.Status
    public var iterations: Int
    /// The infinity norm of the projected gradient of -ln L at the best fit.
    public var projectedGradientNorm: Double
    /// Symmetric (Hessian) uncertainties, 0 for fixed parameters; nil unless requested, or when the
    /// Hessian is not positive definite.
    public var uncertainties: [Double]?
    /// The covariance matrix (inverse Hessian of -ln L over the free parameters, zeros for fixed
    /// ones); nil as for ``uncertainties``.
    public var covariance: [[Double]]?

    public var isConverged: Bool { status == .converged }
}

/// How fits are run: the minimiser's settings and optional overrides of the model's suggested
/// initial values, bounds and fixed flags.
public struct FitOptions: Sendable {
    public var minimizer = BoundedMinimizer()
    public var initialValues: [Double]?
    public var bounds: [Bounds]?
    public var fixed: [Bool]?
    public init() {}
}

extension HistFactoryModel {
    /// The unconditional fit: minimises -ln L over all free parameters within their bounds (pyhf
    /// `infer.mle.fit`). The status is reported, not thrown; ``fitOrThrow(data:fixingPOIAt:options:context:)``
    /// turns a failure into an error. Data or options of the wrong size give the status
    /// ``MinimizerResult/Status/invalidInput``.
    public func fit(data: Dataset, options: FitOptions = FitOptions()) -> FitResult {
        minimizeNLL(data: data, start: options.initialValues ?? suggestedInit, bounds: options.bounds ?? suggestedBounds,
                    fixed: options.fixed ?? suggestedFixed, minimizer: options.minimizer)
    }

    /// The conditional fit with the parameter of interest fixed at `mu` (pyhf
    /// `infer.mle.fixed_poi_fit`). `mu` may lie outside the POI's bounds (they apply to free fits).
    public func fit(data: Dataset, fixingPOIAt mu: Double, options: FitOptions = FitOptions()) throws(StatisticsError) -> FitResult {
        guard let poi = poiIndex else { throw .noParameterOfInterest(detail: "the model has no parameter of interest") }
        try check(options)
        guard mu.isFinite else { throw .invalidArgument(name: "\(poiName ?? "mu")", value: "\(mu)", allowed: "a finite value") }
        var start = options.initialValues ?? suggestedInit
        var bounds = options.bounds ?? suggestedBounds
        var fixed = options.fixed ?? suggestedFixed
        start[poi] = mu
        bounds[poi] = Bounds(min(bounds[poi].lower, mu), max(bounds[poi].upper, mu))
        fixed[poi] = true
        return minimizeNLL(data: data, start: start, bounds: bounds, fixed: fixed, minimizer: options.minimizer)
    }

    /// A fit that must converge: the conditional fit at `fixingPOIAt`, or the unconditional one when
    /// nil. A first failure is retried from the model's suggested initial values.
    ///
    /// - Throws: ``StatisticsError/fitFailed(fit:status:)`` naming `context`.
    public func fitOrThrow(data: Dataset, fixingPOIAt mu: Double? = nil, options: FitOptions = FitOptions(),
                           context: String) throws(StatisticsError) -> FitResult {
        try check(data)
        try check(options)
        func run(_ o: FitOptions) throws(StatisticsError) -> FitResult {
            if let mu { return try fit(data: data, fixingPOIAt: mu, options: o) }
            return fit(data: data, options: o)
        }
        var result = try run(options)
        if !result.isConverged, options.initialValues != nil {
            var retry = options
            retry.initialValues = nil
            let second = try run(retry)
            if second.isConverged || second.twiceNLL < result.twiceNLL { result = second }
        }
        guard result.isConverged else {
            throw .fitFailed(fit: context, status: "\(result.status) after \(result.iterations) iterations, projected gradient \(result.projectedGradientNorm), -2 ln L = \(result.twiceNLL)")
        }
        return result
    }

    /// Checks that the overrides in `options` have one value per parameter.
    ///
    /// - Throws: ``StatisticsError/invalidArgument(name:value:allowed:)``.
    public func check(_ options: FitOptions) throws(StatisticsError) {
        for (name, count) in [("initial values", options.initialValues?.count), ("bounds", options.bounds?.count), ("fixed flags", options.fixed?.count)] {
            if let count, count != parameterCount {
                throw .invalidArgument(name: "fit \(name)", value: "\(count) values", allowed: "\(parameterCount), one per parameter")
            }
        }
    }

    func minimizeNLL(data: Dataset, start: [Double], bounds: [Bounds], fixed: [Bool], minimizer: BoundedMinimizer) -> FitResult {
        guard (try? check(data)) != nil, start.count == parameterCount, bounds.count == parameterCount, fixed.count == parameterCount else {
            return FitResult(parameters: start, twiceNLL: .nan, status: .invalidInput, iterations: 0, projectedGradientNorm: .nan)
        }
        // f is a difference of Poisson terms of the size of the counts, so the smallest gradient that
        // rounding lets a line search resolve grows like sqrt(counts): scale the precision limit.
        var minimizer = minimizer
        minimizer.precisionLimitTolerance *= max(1, data.main.reduce(0, +).squareRoot())
        let r = minimizer.minimize(start: start, bounds: bounds, fixed: fixed) { x, g in
            reducedNLL(x, data: data, gradient: &g)
        }
        return FitResult(parameters: r.x, twiceNLL: 2 * (r.value + nllConstant(data)), status: r.status, iterations: r.iterations,
                         projectedGradientNorm: r.projectedGradientNorm, uncertainties: nil, covariance: nil)
    }

    /// The Hessian of -ln L at `p` by central differences of the analytic gradient (one-sided at a
    /// bound), symmetrised; steps h_j = 1e-5 max(1, |p_j|). Empty when `p` or `bounds` do not have
    /// one value per parameter.
    public func hessian(at p: [Double], data: Dataset, bounds: [Bounds]? = nil) -> [[Double]] {
        let n = p.count
        let b = bounds ?? suggestedBounds
        guard n == parameterCount, b.count == n else { return [] }
        var h = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var gPlus = [Double](repeating: 0, count: n), gMinus = gPlus
        var x = p
        for j in 0..<n {
            let step = 1e-5 * max(1, abs(p[j]))
            let up = min(p[j] + step, b[j].upper), down = max(p[j] - step, b[j].lower)
            let (hi, lo) = up > down ? (up, down) : (p[j] + step, p[j] - step)
            x[j] = hi
            _ = reducedNLL(x, data: data, gradient: &gPlus)
            x[j] = lo
            _ = reducedNLL(x, data: data, gradient: &gMinus)
            x[j] = p[j]
            for i in 0..<n { h[i][j] = (gPlus[i] - gMinus[i]) / (hi - lo) }
        }
        for i in 0..<n {
            for j in 0..<i {
                let m = 0.5 * (h[i][j] + h[j][i])
                h[i][j] = m
                h[j][i] = m
            }
        }
        return h
    }

    /// Adds the covariance (inverse Hessian of -ln L over the non-fixed parameters) and the
    /// symmetric uncertainties sqrt(V_ii) to a fit result; leaves them nil when the Hessian is not
    /// positive definite. pyhf's scipy optimiser gives no uncertainties; this matches MINUIT's HESSE.
    public func withUncertainties(_ result: FitResult, data: Dataset, fixed: [Bool]? = nil) -> FitResult {
        let fixedFlags = fixed ?? suggestedFixed
        let h = hessian(at: result.parameters, data: data)
        guard h.count == parameterCount, fixedFlags.count == parameterCount else { return result }
        let freeIndices = (0..<parameterCount).filter { !fixedFlags[$0] }
        let sub = freeIndices.map { i in freeIndices.map { j in h[i][j] } }
        var out = result
        guard let inverse = LinearAlgebra.choleskyInverse(sub) else { return out }
        var cov = [[Double]](repeating: [Double](repeating: 0, count: parameterCount), count: parameterCount)
        for (a, i) in freeIndices.enumerated() { for (b, j) in freeIndices.enumerated() { cov[i][j] = inverse[a][b] } }
        out.covariance = cov
        out.uncertainties = (0..<parameterCount).map { cov[$0][$0].squareRoot() }
        return out
    }
}
