/// The profile-likelihood test statistics of G. Cowan, K. Cranmer, E. Gross, O. Vitells,
/// "Asymptotic formulae for likelihood-based tests of new physics", EPJC 71, 1554 (2011)
/// (arXiv:1007.1727), as pyhf 0.7 computes them (`pyhf.infer.test_statistics`).
public enum TestStatistic: String, Sendable, CaseIterable {
    /// q_0 for discovery (Eq. 12): -2 ln lambda(0) where mu_hat >= 0, else 0.
    case q0
    /// q_mu for upper limits (Eq. 14): -2 ln lambda(mu) where mu_hat <= mu, else 0.
    case q
    /// qtilde_mu (Eq. 16): as q_mu with mu_hat restricted to mu_hat >= 0, which pyhf obtains by the
    /// POI's lower bound 0 (a normfactor's default); the same computation as ``q``.
    case qtilde
}

/// A test statistic's value with the two fits behind it.
public struct TestStatisticValue: Sendable {
    /// The value of q (>= 0).
    public let value: Double
    /// The fit with the POI fixed at the tested value (at 0 for q0).
    public let conditionalFit: FitResult
    /// The fit with the POI free (within its bounds).
    public let unconditionalFit: FitResult
}

extension HistFactoryModel {
    /// Evaluates `statistic` at POI value `mu` (ignored for q0, which tests mu = 0) on `data`:
    /// t = -2 ln [L(mu, theta_hathat) / L(mu_hat, theta_hat)] clipped at 0 (pyhf `_tmu_like`), then
    /// set to 0 when mu_hat > mu (q, qtilde) or mu_hat < 0 (q0).
    ///
    /// `unconditional` may pass an already known unconditional fit to the same data (it does not
    /// depend on mu). Should the conditional fit reach a lower -ln L than the unconditional one (a
    /// local minimum), the unconditional fit is repeated from the conditional optimum.
    ///
    /// - Throws: ``StatisticsError/noParameterOfInterest(detail:)``,
    ///   ``StatisticsError/fitFailed(fit:status:)``.
    public func testStatistic(_ statistic: TestStatistic, poi mu: Double, data: Dataset, options: FitOptions = FitOptions(),
                              unconditional: FitResult? = nil, label: String = "data") throws(StatisticsError) -> TestStatisticValue {
        guard let poi = poiIndex else { throw .noParameterOfInterest(detail: "the model has no parameter of interest") }
        if (options.fixed ?? suggestedFixed)[poi] {
            throw .noParameterOfInterest(detail: "the parameter of interest '\(poiName ?? "")' is fixed; profile-likelihood tests need it free")
        }
        let tested = statistic == .q0 ? 0 : mu
        var free: FitResult
        if let unconditional {
            free = unconditional
        } else {
            free = try fitOrThrow(data: data, options: options, context: "unconditional fit to \(label)")
        }
        var conditionalOptions = options
        conditionalOptions.initialValues = free.parameters
        let conditional = try fitOrThrow(data: data, fixingPOIAt: tested, options: conditionalOptions,
                                         context: "conditional fit to \(label) at \(poiName ?? "mu") = \(tested)")
        let bounds = options.bounds ?? suggestedBounds
        if conditional.twiceNLL < free.twiceNLL - 1e-9, bounds[poi].contains(tested) {
            var retry = options
            retry.initialValues = conditional.parameters
            let again = try fitOrThrow(data: data, options: retry, context: "unconditional fit to \(label) (restarted)")
            if again.twiceNLL < free.twiceNLL { free = again }
        }
        let muHat = free.parameters[poi]
        var t = max(conditional.twiceNLL - free.twiceNLL, 0)
        switch statistic {
        case .q, .qtilde: if muHat > tested { t = 0 }
        case .q0: if muHat < 0 { t = 0 }
        }
        return TestStatisticValue(value: t, conditionalFit: conditional, unconditionalFit: free)
    }
}
