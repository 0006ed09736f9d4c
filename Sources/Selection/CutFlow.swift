import Features
import HEPCore

/// The weighted yields of each process after each cut, with their Monte Carlo errors: the yield of
/// process p after step k is L * 1000 * sum of the weights (pb) of its events passing cuts 1...k (L in
/// fb^-1), its error L * 1000 * sqrt(sum of squared weights), and the raw count of Monte Carlo events.
public struct CutFlow: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var yield: Double
        public var error: Double
        public var count: Int
    }
    public struct Step: Sendable, Equatable {
        public var label: String
        public var requirement: String
        /// One entry per process, in ``CutFlow/processes`` order.
        public var entries: [Entry]
    }

    public let processes: [String]
    public let mass: Double
    public let luminosityInverseFemtobarn: Double
    /// Step 0 is the feature tables' preselection; step k applies cuts 1...k.
    public let steps: [Step]

    /// Applies `cuts` in order to each process's feature table at mass hypothesis `mass` (GeV).
    public init(samples: [(process: String, table: FeatureTable)], cuts: [Cut], mass: Double,
                luminosityInverseFemtobarn lumi: Double) throws(SelectionError) {
        guard lumi.isFinite, lumi > 0 else { throw .invalidParameter(name: "luminosity (fb^-1)", value: lumi, allowed: "> 0") }
        guard mass.isFinite, mass > 0 else { throw .invalidParameter(name: "m_Z' (GeV)", value: mass, allowed: "> 0") }
        for cut in cuts { try cut.threshold.validate(cut: cut.label) }
        processes = samples.map(\.process)
        self.mass = mass
        luminosityInverseFemtobarn = lumi
        var steps = [Step(label: "preselection", requirement: samples.first?.table.preselection ?? "", entries: [])]
        steps += cuts.map { Step(label: $0.label, requirement: $0.describe(at: mass), entries: []) }
        for (_, table) in samples {
            let values = try cuts.map { cut throws(SelectionError) in try Self.combination(cut, in: table) }
            var passing = [Double](repeating: 0, count: cuts.count + 1)
            var passing2 = passing
            var counts = [Int](repeating: 0, count: cuts.count + 1)
            for row in 0..<table.count {
                let w = table.weights[row]
                passing[0] += w; passing2[0] += w * w; counts[0] += 1
                for (k, cut) in cuts.enumerated() {
                    guard cut.passes(values[k][row], mass: mass) else { break }
                    passing[k + 1] += w; passing2[k + 1] += w * w; counts[k + 1] += 1
                }
            }
            for k in steps.indices {
                steps[k].entries.append(Entry(yield: Units.expectedEvents(crossSectionPicobarn: passing[k], luminosityInverseFemtobarn: lumi),
                                              error: Units.expectedEvents(crossSectionPicobarn: passing2[k].squareRoot(), luminosityInverseFemtobarn: lumi),
                                              count: counts[k]))
            }
        }
        self.steps = steps
    }

    /// The per-row values of a cut's linear combination in `table`.
    static func combination(_ cut: Cut, in table: FeatureTable) throws(SelectionError) -> [Double] {
        var out = [Double](repeating: 0, count: table.count)
        for term in cut.terms {
            guard let column = table[term.feature] else {
                throw .unknownFeature(cut: cut.label, feature: term.feature, available: table.definitions.map(\.name))
            }
            for i in out.indices { out[i] += term.coefficient * column[i] }
        }
        return out
    }

    /// Which rows of `table` pass every cut at `mass`.
    public static func mask(_ table: FeatureTable, cuts: [Cut], mass: Double) throws(SelectionError) -> [Bool] {
        let values = try cuts.map { cut throws(SelectionError) in try combination(cut, in: table) }
        return (0..<table.count).map { row in cuts.indices.allSatisfy { cuts[$0].passes(values[$0][row], mass: mass) } }
    }
}
