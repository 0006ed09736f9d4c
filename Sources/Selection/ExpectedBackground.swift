import Features
import HEPCore

/// The expected background behind a selection, from weighted Monte Carlo of several processes,
/// with the rule every figure of merit in DarkScan shares for processes the Monte Carlo cannot
/// resolve: a process of which no Monte Carlo event passes contributes its 68% upper bound,
/// 1.14 times its effective event weight (the classical one-sided Poisson upper limit for zero
/// observed events, mu = -ln(1 - 0.68) = 1.14; PDG Review of Particle Physics, "Statistics", Poisson
/// upper limits), instead of zero. The effective weight is sum w^2 / sum w, the weight one of Kish's
/// effective events carries (L. Kish, Survey Sampling, Wiley (1965)): the mean for equal weights, and
/// unchanged when events are split into lighter ones (forced photon loss), which would shrink the
/// mean weight and the bound with it. An empty window is thus reported rather than rewarded, and
/// emptying one process never looks better than keeping one of its typical events: B is, per
/// process, the passing weight or the bound. Approximate where the bound dominates; `boundEvents` says how much of B it is.
public struct ExpectedBackground: Sendable, Equatable {
    /// Expected events at the luminosity: passing weights plus the bounds of empty processes.
    public var events: Double
    /// The part of `events` that is Monte Carlo bounds of processes with no passing event.
    public var boundEvents: Double

    /// True when more than half of B is Monte Carlo bounds rather than passing events.
    public var isMonteCarloBound: Bool { boundEvents > 0.5 * events }

    /// Per process p: `passedWeightSums[p]` (pb) over `passedCounts[p]` passing Monte Carlo events,
    /// `effectiveWeights[p]` (pb) its effective event weight (sum w^2 / sum w); `lumi` in fb^-1.
    public init(passedWeightSums: [Double], passedCounts: [Int], effectiveWeights: [Double], luminosityInverseFemtobarn lumi: Double) {
        var passed = 0.0, bound = 0.0
        for p in effectiveWeights.indices {
            if passedCounts[p] > 0 { passed += passedWeightSums[p] } else { bound += 1.14 * effectiveWeights[p] }
        }
        events = Units.expectedEvents(crossSectionPicobarn: passed + bound, luminosityInverseFemtobarn: lumi)
        boundEvents = Units.expectedEvents(crossSectionPicobarn: bound, luminosityInverseFemtobarn: lumi)
    }

    /// The effective event weight sum w^2 / sum w (pb) of each set of weights (0 for an empty one).
    public static func effectiveWeights(_ weights: [[Double]]) -> [Double] {
        weights.map { w in
            let sum = w.reduce(0, +)
            return sum > 0 ? w.reduce(0) { $0 + $1 * $1 } / sum : 0
        }
    }

    /// The effective event weight (pb) of each background feature table; a table with no preselected
    /// event takes its generated sample's sigma / N, so that an empty table still carries its bound.
    public static func effectiveWeights(tables: [FeatureTable]) -> [Double] {
        tables.map { t in
            if !t.weights.isEmpty { return effectiveWeights([t.weights])[0] }
            return t.generator.eventsKept > 0 ? t.generator.crossSectionPicobarn / Double(t.generator.eventsKept) : 0
        }
    }
}
