import Features
import HEPCore

/// The expected background behind a selection, from weighted Monte Carlo of several processes,
/// with the rule every figure of merit in DarkScan shares for processes the Monte Carlo cannot
/// resolve: a process contributes at least its 68% upper bound for zero passing events, 1.14 times
/// its effective event weight (the classical one-sided Poisson upper limit for zero observed events,
/// mu = -ln(1 - 0.68) = 1.14; PDG Review of Particle Physics, "Statistics", Poisson upper limits).
/// The effective weight is sum w^2 / sum w, the weight one of Kish's effective events carries
/// (L. Kish, Survey Sampling, Wiley (1965)): the mean for equal weights, and unchanged when events
/// are split into lighter ones (forced photon loss), which would shrink the mean weight and the
/// bound with it. Per process, B is the passing weight or, when that is below it (no passing event,
/// or a few light ones), the bound: an empty window is reported rather than rewarded, and neither
/// emptying a process nor keeping only a few of its lightest events looks better than keeping one
/// of its typical events. (With the bound for empty processes only, the optimisers of both
/// selections kept one forced-loss mu mu (gamma) event of weight 0.02 at 2 GeV, B = 1 event
/// against the bound's 171.) Approximate where the bound dominates; `boundEvents` says how much of B it is.
public struct ExpectedBackground: Sendable, Equatable {
    /// Expected events at the luminosity: passing weights plus the bounds of processes below them.
    public var events: Double
    /// The part of `events` that is Monte Carlo bounds (processes whose passing weight is below theirs).
    public var boundEvents: Double

    /// The Monte Carlo variance of `events` (events^2): sum w^2 of the passing events of measured
    /// processes, the square of each bound (100% error). Without `passedWeightSquareSums` the measured
    /// processes add nothing (callers that use the variance pass them: the optimisers do).
    public var variance: Double

    /// True when more than half of B is Monte Carlo bounds rather than passing events.
    public var isMonteCarloBound: Bool { boundEvents > 0.5 * events }

    /// Per process p: `passedWeightSums[p]` (pb) over `passedCounts[p]` passing Monte Carlo events,
    /// `effectiveWeights[p]` (pb) its effective event weight (sum w^2 / sum w), `passedWeightSquareSums[p]`
    /// (pb^2, optional) the sum of the squared passing weights for the variance; `lumi` in fb^-1.
    public init(passedWeightSums: [Double], passedCounts: [Int], effectiveWeights: [Double], passedWeightSquareSums: [Double]? = nil,
                luminosityInverseFemtobarn lumi: Double) {
        var passed = 0.0, bound = 0.0, variance = 0.0
        let perPicobarn = Units.expectedEvents(crossSectionPicobarn: 1, luminosityInverseFemtobarn: lumi)
        for p in effectiveWeights.indices {
            let floor = Self.bound(effectiveWeight: effectiveWeights[p])
            if !Self.countsBound(passedWeight: passedWeightSums[p], passedCount: passedCounts[p], effectiveWeight: effectiveWeights[p]) {
                passed += passedWeightSums[p]
                variance += (passedWeightSquareSums?[p] ?? 0) * perPicobarn * perPicobarn
            } else {
                bound += floor
                variance += floor * floor * perPicobarn * perPicobarn
            }
        }
        events = Units.expectedEvents(crossSectionPicobarn: passed + bound, luminosityInverseFemtobarn: lumi)
        boundEvents = Units.expectedEvents(crossSectionPicobarn: bound, luminosityInverseFemtobarn: lumi)
        self.variance = variance
    }

    /// A process's 68% Monte Carlo bound (pb): 1.14 times its effective event weight (pb).
    public static func bound(effectiveWeight: Double) -> Double { 1.14 * effectiveWeight }

    /// Whether a process counts its bound rather than its passing weight: none of its events passes,
    /// or their weight (pb) is below the bound.
    public static func countsBound(passedWeight: Double, passedCount: Int, effectiveWeight: Double) -> Bool {
        passedCount == 0 || passedWeight < bound(effectiveWeight: effectiveWeight)
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
