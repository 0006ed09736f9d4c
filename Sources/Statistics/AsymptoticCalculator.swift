/// The result of one hypothesis test at a POI value, in pyhf's layout (`pyhf.infer.hypotest(...,
/// return_tail_probs=True, return_expected_set=True)`).
public struct HypothesisTestResult: Sendable, Equatable {
    /// The tested POI value.
    public let poi: Double
    /// CL_s = CL_s+b / CL_b (A. L. Read, J. Phys. G 28, 2693 (2002)); for q0, the p-value p_0.
    public let clsObserved: Double
    public let clsbObserved: Double
    public let clbObserved: Double
    /// Expected CL_s for background-only data fluctuating by +2, +1, 0, -1, -2 sigma, in pyhf's
    /// order (smallest CL_s first, i.e. the -2 sigma edge of the upper-limit band first).
    public let clsExpected: [Double]
    /// The observed test statistic and its value on the Asimov dataset.
    public let testStatistic: Double
    public let asimovTestStatistic: Double
}

/// Asymptotic CL_s (G. Cowan, K. Cranmer, E. Gross, O. Vitells, EPJC 71, 1554 (2011)), matching
/// `pyhf.infer.calculators.AsymptoticCalculator` with its default "normal" base distribution.
///
/// With q the observed statistic and q_A its value on the Asimov dataset (background only, mu' = 0,
/// nuisance parameters profiled to the observed data; mu' = 1 for q0), pyhf's statistic is
/// t = sqrt(q) - sqrt(q_A) for sqrt(q) <= sqrt(q_A), else (q - q_A) / (2 sqrt(q_A)) (qtilde; the
/// first form always for q and q0), and CL_s+b = Phi(-(t + sqrt(q_A))), CL_b = Phi(-t) — the
/// qtilde_mu distribution of Eqs. 65-66 with sigma^2 = mu^2 / q_A (Eq. 32). The expected band puts
/// t at the background-only quantiles t = n, n = +2 ... -2: CL_s(n) = Phi(-(n + sqrt(q_A))) / Phi(-n)
/// (Eq. 89 with N = n).
///
/// The fits that do not depend on the tested POI (the unconditional fits to the data and to the
/// Asimov data, and the fit that makes the Asimov data) are done once, in ``init(model:data:testStatistic:options:)``.
public struct AsymptoticCalculator: Sendable {
    public let model: HistFactoryModel
    public let data: Dataset
    public let testStatistic: TestStatistic
    public let options: FitOptions
    /// The unconditional fit to the data, and the Asimov dataset with its unconditional fit.
    public let dataFit: FitResult
    public let asimovData: Dataset
    public let asimovFit: FitResult

    /// - Throws: ``StatisticsError/noParameterOfInterest(detail:)``, ``StatisticsError/fitFailed(fit:status:)``.
    public init(model: HistFactoryModel, data: Dataset, testStatistic: TestStatistic = .qtilde,
                options: FitOptions = FitOptions()) throws(StatisticsError) {
        self.model = model
        self.data = data
        self.testStatistic = testStatistic
        self.options = options
        dataFit = try model.fitOrThrow(data: data, options: options, context: "unconditional fit to data")
        let asimovMu = testStatistic == .q0 ? 1.0 : 0.0
        var startAtFit = options
        startAtFit.initialValues = dataFit.parameters
        let background = try model.fitOrThrow(data: data, fixingPOIAt: asimovMu, options: startAtFit,
                                              context: "conditional fit to data at \(model.poiName ?? "mu") = \(asimovMu) (Asimov data)")
        asimovData = model.expectedData(background.parameters)
        var startAtTruth = options
        startAtTruth.initialValues = background.parameters
        asimovFit = try model.fitOrThrow(data: asimovData, options: startAtTruth, context: "unconditional fit to the Asimov data")
    }

    /// The hypothesis test at POI value `mu`: observed and expected CL_s.
    public func hypotest(poi mu: Double) throws(StatisticsError) -> HypothesisTestResult {
        let q = try model.testStatistic(testStatistic, poi: mu, data: data, options: options, unconditional: dataFit, label: "data").value
        let qA = try asimovStatistic(poi: mu)
        let sqrtQ = q.squareRoot(), sqrtQA = qA.squareRoot()
        let t: Double
        if testStatistic == .qtilde, sqrtQ > sqrtQA, sqrtQA > 0 {
            t = (q - qA) / (2 * sqrtQA)
        } else {
            t = sqrtQ - sqrtQA
        }
        let (clsb, clb, cls) = Self.pValues(t, sqrtQA)
        let expected = [2.0, 1, 0, -1, -2].map { n in
            let p = Self.pValues(n, sqrtQA)
            return testStatistic == .q0 ? p.clsb : p.cls
        }
        return HypothesisTestResult(poi: mu, clsObserved: testStatistic == .q0 ? clsb : cls, clsbObserved: clsb, clbObserved: clb,
                                    clsExpected: expected, testStatistic: q, asimovTestStatistic: qA)
    }

    /// The expected CL_s band only (no fit to the observed data at `mu`): five values as in
    /// ``HypothesisTestResult/clsExpected``.
    public func expectedCLs(poi mu: Double) throws(StatisticsError) -> [Double] {
        let sqrtQA = try asimovStatistic(poi: mu).squareRoot()
        return [2.0, 1, 0, -1, -2].map { Self.pValues($0, sqrtQA).cls }
    }

    /// The statistic on the Asimov dataset at `mu`.
    public func asimovStatistic(poi mu: Double) throws(StatisticsError) -> Double {
        try model.testStatistic(testStatistic, poi: mu, data: asimovData, options: options, unconditional: asimovFit, label: "the Asimov data").value
    }

    /// (CL_s+b, CL_b, CL_s) for pyhf's statistic t: the s+b distribution is N(-sqrt(q_A), 1), the
    /// b-only one N(0, 1), and p-values are upper tails.
    static func pValues(_ t: Double, _ sqrtQA: Double) -> (clsb: Double, clb: Double, cls: Double) {
        let clsb = NormalDistribution.survival(t + sqrtQA)
        let clb = NormalDistribution.survival(t)
        return (clsb, clb, clsb / clb)
    }
}
