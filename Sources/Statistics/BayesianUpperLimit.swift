import HEPCore
import RealModule

/// A Bayesian upper limit with a flat prior on the parameter of interest, as a cross-check of the
/// CL_s limits (PDG Review of Particle Physics, "Statistics", Sec. 40.4.1, Eq. 40.57: the limit
/// mu_up solves CL = integral_lo^mu_up L(mu) pi(mu) dmu / integral_lo^inf L(mu) pi(mu) dmu).
///
/// Nuisance parameters are **profiled**, not integrated: L(mu) is the profile likelihood
/// L(mu, theta_hathat(mu)). For a counting experiment with no systematic uncertainties this is the
/// exact Bayesian limit (0 events observed: s_up = -ln(1 - CL) = 2.996 events at 95%).
public struct BayesianUpperLimit: Sendable, Equatable {
    public let confidenceLevel: Double
    public let limit: Double
    /// The integration range [POI lower bound, upper end] (the end where -2 ln L has risen by 60).
    public let integrationRange: Bounds

    /// Computes the limit: the posterior is integrated with 15-point Gauss-Kronrod rules (HEPCore
    /// ``GaussKronrod``) on `intervals` equal sub-intervals, then the sub-interval holding the
    /// quantile is refined by Brent root finding on the rule applied to [edge, mu].
    ///
    /// - Throws: ``StatisticsError/invalidArgument(name:value:allowed:)``, fit errors,
    ///   ``StatisticsError/numericalFailure(quantity:detail:)``.
    public init(model: HistFactoryModel, data: Dataset, confidenceLevel cl: Double = 0.95, options: FitOptions = FitOptions(),
                intervals: Int = 24) throws(StatisticsError) {
        guard cl > 0, cl < 1 else { throw .invalidArgument(name: "confidence level", value: "\(cl)", allowed: "in (0, 1)") }
        guard let poi = model.poiIndex else { throw .noParameterOfInterest(detail: "the model has no parameter of interest") }
        let best = try model.fitOrThrow(data: data, options: options, context: "unconditional fit to data")
        let lower = model.suggestedBounds[poi].lower
        var cache: [Double: FitResult] = [:]
        func profile(_ mu: Double) throws(StatisticsError) -> Double {
            if let f = cache[mu] { return f.twiceNLL }
            var o = options
            o.initialValues = cache.min { abs($0.key - mu) < abs($1.key - mu) }?.value.parameters ?? best.parameters
            let f = try model.fitOrThrow(data: data, fixingPOIAt: mu, options: o, context: "conditional fit to data at \(model.poiName ?? "mu") = \(mu)")
            cache[mu] = f
            return f.twiceNLL
        }
        func posterior(_ mu: Double) throws(StatisticsError) -> Double { Double.exp(-0.5 * (try profile(mu) - best.twiceNLL)) }
        var upper = max(best.parameters[poi], lower) + 1
        var steps = 0
        while try profile(upper) - best.twiceNLL < 60 {
            guard steps < 60 else { throw .numericalFailure(quantity: "Bayesian upper limit", detail: "the likelihood does not fall off up to \(upper)") }
            upper = lower + 2 * (upper - lower)
            steps += 1
        }
        let width = (upper - lower) / Double(intervals)
        var failure: StatisticsError?
        func integral(_ a: Double, _ b: Double) throws(StatisticsError) -> Double {
            do {
                return try GaussKronrod.fixed({ (mu: Double) throws -> Double in
                    do throws(StatisticsError) { return try posterior(mu) } catch { failure = error; throw error }
                }, from: a, to: b)
            } catch {
                throw failure ?? .numericalFailure(quantity: "Bayesian upper limit", detail: "\(error)")
            }
        }
        var cumulative = [0.0]
        for i in 0..<intervals {
            cumulative.append(cumulative[i] + (try integral(lower + Double(i) * width, lower + Double(i + 1) * width)))
        }
        let target = cl * cumulative[intervals]
        guard let k = cumulative.firstIndex(where: { $0 >= target }), k > 0 else {
            throw .numericalFailure(quantity: "Bayesian upper limit", detail: "posterior integral is \(cumulative[intervals])")
        }
        let edge = lower + Double(k - 1) * width
        let base = cumulative[k - 1]
        do {
            limit = try BrentRoot.solve(in: (edge, edge + width), tolerance: 1e-9 * (edge + width)) { mu in
                do throws(StatisticsError) { return base + (try integral(edge, mu)) - target } catch { failure = error; throw error }
            }
        } catch {
            throw failure ?? .numericalFailure(quantity: "Bayesian upper limit", detail: "\(error)")
        }
        confidenceLevel = cl
        integrationRange = Bounds(lower, upper)
    }
}
