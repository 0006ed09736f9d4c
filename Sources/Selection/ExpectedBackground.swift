import HEPCore

/// The expected background behind a selection, from weighted Monte Carlo, with the empty-selection
/// rule every figure of merit in DarkScan shares: when no background Monte Carlo event passes, B is
/// the 68% upper bound from the Monte Carlo statistics, 1.14 events times the mean background weight
/// (the classical one-sided Poisson upper limit for zero observed events, mu = -ln(1 - 0.68) = 1.14;
/// PDG Review of Particle Physics, "Statistics", Poisson upper limits), so that an empty window is
/// reported rather than rewarded. The mean weight over all processes is a scale, not a per-process
/// estimate: approximate, and flagged wherever it is used.
public struct ExpectedBackground: Sendable, Equatable {
    /// Expected events at the luminosity.
    public var events: Double
    /// True when no background Monte Carlo passed and `events` is the Monte Carlo bound.
    public var isMonteCarloBound: Bool

    /// `passedWeightSum` (pb) over `passedCount` Monte Carlo events that pass; `meanWeight` (pb) the
    /// mean weight over all background Monte Carlo events; `lumi` in fb^-1.
    public init(passedWeightSum: Double, passedCount: Int, meanWeight: Double, luminosityInverseFemtobarn lumi: Double) {
        if passedCount == 0 {
            events = Units.expectedEvents(crossSectionPicobarn: 1.14 * meanWeight, luminosityInverseFemtobarn: lumi)
            isMonteCarloBound = true
        } else {
            events = Units.expectedEvents(crossSectionPicobarn: passedWeightSum, luminosityInverseFemtobarn: lumi)
            isMonteCarloBound = false
        }
    }

    /// The mean weight (pb) over every event of the background tables (0 when there are none).
    public static func meanWeight(_ weights: [[Double]]) -> Double {
        let n = weights.reduce(0) { $0 + $1.count }
        return n == 0 ? 0 : weights.reduce(0) { $0 + $1.reduce(0, +) } / Double(n)
    }
}
