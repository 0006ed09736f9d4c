import Features
import HEPCore

/// The expected background behind a selection, from weighted Monte Carlo of several processes,
/// with the rule every figure of merit in DarkScan shares for processes the Monte Carlo cannot
/// resolve: a process of which no Monte Carlo event passes contributes its 68% upper bound,
/// 1.14 times its mean event weight (the classical one-sided Poisson upper limit for zero observed
/// events, mu = -ln(1 - 0.68) = 1.14; PDG Review of Particle Physics, "Statistics", Poisson upper
/// limits), instead of zero. An empty window is thus reported rather than rewarded, and emptying one
/// process never looks better than keeping one of its events: B is, per process, the passing weight
/// or the bound. Approximate where the bound dominates; `boundEvents` says how much of B it is.
public struct ExpectedBackground: Sendable, Equatable {
    /// Expected events at the luminosity: passing weights plus the bounds of empty processes.
    public var events: Double
    /// The part of `events` that is Monte Carlo bounds of processes with no passing event.
    public var boundEvents: Double

    /// True when more than half of B is Monte Carlo bounds rather than passing events.
    public var isMonteCarloBound: Bool { boundEvents > 0.5 * events }

    /// Per process p: `passedWeightSums[p]` (pb) over `passedCounts[p]` passing Monte Carlo events,
    /// `meanWeights[p]` (pb) the mean weight over all its events; `lumi` in fb^-1.
    public init(passedWeightSums: [Double], passedCounts: [Int], meanWeights: [Double], luminosityInverseFemtobarn lumi: Double) {
        var passed = 0.0, bound = 0.0
        for p in meanWeights.indices {
            if passedCounts[p] > 0 { passed += passedWeightSums[p] } else { bound += 1.14 * meanWeights[p] }
        }
        events = Units.expectedEvents(crossSectionPicobarn: passed + bound, luminosityInverseFemtobarn: lumi)
        boundEvents = Units.expectedEvents(crossSectionPicobarn: bound, luminosityInverseFemtobarn: lumi)
    }

    /// The mean weight (pb) of each background table's events (0 for an empty table).
    public static func meanWeights(_ weights: [[Double]]) -> [Double] {
        weights.map { $0.isEmpty ? 0 : $0.reduce(0, +) / Double($0.count) }
    }

    /// The mean event weight (pb) of each background feature table; a table with no preselected event
    /// takes its generated sample's sigma / N, so that an empty table still carries its bound.
    public static func meanWeights(tables: [FeatureTable]) -> [Double] {
        tables.map { t in
            if !t.weights.isEmpty { return t.weights.reduce(0, +) / Double(t.weights.count) }
            return t.generator.eventsKept > 0 ? t.generator.crossSectionPicobarn / Double(t.generator.eventsKept) : 0
        }
    }
}
