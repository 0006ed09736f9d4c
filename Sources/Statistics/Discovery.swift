/// The discovery test of the background-only hypothesis with q0.
public struct DiscoveryResult: Sendable, Equatable {
    /// The observed q0 and its p-value p0 = 1 - Phi(sqrt(q0)) (Cowan et al., EPJC 71, 1554
    /// (2011), Eq. 52), with the significance Z0 = sqrt(q0) (Eq. 53).
    public let q0: Double
    public let pValue: Double
    public let significance: Double
    /// The median expected p0 and Z0 under the signal hypothesis mu = 1, from the Asimov dataset
    /// (Eq. 97 with the Asimov q0,A: Z = sqrt(q0,A)).
    public let expectedPValue: Double
    public let expectedSignificance: Double

    /// Runs the test (pyhf `hypotest(0, ..., test_stat="q0")` returns `pValue` and, as its
    /// expected set, p-values of which the median is `expectedPValue`).
    ///
    /// - Throws: fit errors, ``StatisticsError/noParameterOfInterest(detail:)``.
    public init(model: HistFactoryModel, data: Dataset, options: FitOptions = FitOptions()) throws(StatisticsError) {
        let calculator = try AsymptoticCalculator(model: model, data: data, testStatistic: .q0, options: options)
        let test = try calculator.hypotest(poi: 0)
        q0 = test.testStatistic
        pValue = test.clsObserved
        significance = test.testStatistic.squareRoot()
        expectedPValue = test.clsExpected[2]
        expectedSignificance = test.asimovTestStatistic.squareRoot()
    }
}
