import Selection

/// Everything a run computed, as written to `results.json` and drawn in the report.
public struct AnalysisResult: Sendable, Codable {
    public struct Timing: Sendable, Codable, Equatable {
        public var stage: String
        public var seconds: Double
    }

    public var spec: AnalysisSpec
    public var version: String
    public var samples: [SampleSummary]
    public var selections: [SelectionResult]
    public var limits: [LimitCurve]
    public var timings: [Timing]
    public var totalSeconds: Double
    public var createdAt: String
}

/// One selection (the optimised cuts or the network) at every mass.
public struct SelectionResult: Sendable, Codable {
    /// "cuts" or "network".
    public var name: String
    public var label: String
    public var points: [MassPointYields]
    /// Masses held out of the network's training (empty for cuts).
    public var heldOutMasses: [Double]
    /// Free text the report shows (how thresholds were chosen, approximations).
    public var notes: [String]
    /// The network's training history (phase, epoch, training loss, validation loss); empty for cuts.
    public var history: [TrainingEpoch]
    /// Cut-flow table at the report's masses (cuts only).
    public var cutFlows: [CutFlowSummary]
    /// The cuts with their smoothed mass-dependent thresholds (cuts only; empty for the network):
    /// those optimised on the first fold, which select the second fold's events (``CutFolds``).
    public var smoothedCuts: [Cut]
    /// Those optimised on the second fold, which select the first fold's events (cuts only).
    public var crossAppliedCuts: [Cut]
    /// The cache key of this selection's result (the limits' key depends on it).
    public var key: CacheKey
}

public struct TrainingEpoch: Sendable, Codable, Equatable {
    public var phase: String
    public var epoch: Int
    public var trainingLoss: Double
    public var validationLoss: Double
}

public struct CutFlowSummary: Sendable, Codable, Equatable {
    public struct Step: Sendable, Codable, Equatable {
        public var label: String
        public var requirement: String
        /// Per process: expected events, Monte Carlo error, Monte Carlo count.
        public var yields: [Double]
        public var errors: [Double]
        public var counts: [Int]
    }
    public var massGeV: Double
    public var processes: [String]
    public var steps: [Step]
}

/// The limits of one selection in one scenario, per mass: expected g'_UL at -2, -1, 0, +1, +2 sigma.
public struct LimitCurve: Sendable, Codable, Equatable {
    public var selection: String
    public var scenario: String
    public var confidenceLevel: Double
    public var masses: [Double]
    /// expected[i] = the five quantiles (-2, -1, median, +1, +2 sigma) of g'_UL at masses[i].
    public var expected: [[Double]]
    /// The same for the signal strength mu (relative to g'_ref) and the reference coupling g'_ref.
    public var signalStrength: [[Double]]
    public var referenceCoupling: [Double]
    /// BR(Z' -> invisible) of the scenario at each mass.
    public var invisibleBranchingRatio: [Double]
    /// Masses without a limit and why (a selection with no signal, a failed fit).
    public var notes: [String]
}
