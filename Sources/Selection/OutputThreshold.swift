import Features
import HEPCore

/// The working point of a selection by a network output: the threshold on the output that maximises
/// eps/sqrt(B) in a recoil window, with B from ``ExpectedBackground`` (processes with no passing
/// event count their Monte Carlo bound).
public enum OutputThreshold {
    public struct Result: Sendable, Equatable {
        public var threshold: Float
        public var efficiency: Double
        public var background: ExpectedBackground
        public var figureOfMerit: Double
    }

    /// The threshold among 0, 0.005, ..., 0.995 with the largest eps/sqrt(B) over the events of
    /// `part` (a fraction `fraction` of each sample; signal and background weights are divided by it,
    /// so eps and B estimate the whole samples'; nil: every event, fraction 1) inside
    /// |M^2 - m^2| < `halfWidth`. `effectiveWeights` are the background tables' effective weights (pb, sum w^2 / sum w), for
    /// the bounds of empty processes; `luminosity` in fb^-1.
    public static func best(mass: Double, halfWidth: Double, signal: FeatureTable, signalOutputs: [Float], signalPart: [Bool]? = nil,
                            backgrounds: [FeatureTable], backgroundOutputs: [[Float]], backgroundParts: [[Bool]]? = nil,
                            effectiveWeights: [Double], fraction f: Double = 1, luminosity: Double) -> Result {
        let centre = mass * mass
        // Events of the counted part inside the window: (output, weight).
        let sm2 = signal["recoilMassSquared"] ?? []
        let sigEvents = signal.weights.indices.filter { (signalPart?[$0] ?? true) && abs(sm2[$0] - centre) < halfWidth }
            .map { (signalOutputs[$0], signal.weights[$0]) }
        let bkgEvents = backgrounds.indices.map { b -> [(Float, Double)] in
            let bm2 = backgrounds[b]["recoilMassSquared"] ?? []
            return backgrounds[b].weights.indices.filter { (backgroundParts?[b][$0] ?? true) && abs(bm2[$0] - centre) < halfWidth }
                .map { (backgroundOutputs[b][$0], backgrounds[b].weights[$0] / f) }
        }
        let sigma = signal.generator.crossSectionPicobarn * f
        let empty = ExpectedBackground(passedWeightSums: [], passedCounts: [], effectiveWeights: [], luminosityInverseFemtobarn: luminosity)
        var best = Result(threshold: 0, efficiency: 0, background: empty, figureOfMerit: -1)
        for step in 0..<200 {
            let t = Float(step) * 0.005
            let s = sigEvents.reduce(0.0) { $0 + ($1.0 > t ? $1.1 : 0) }
            var sums = [Double](repeating: 0, count: backgrounds.count), counts = [Int](repeating: 0, count: backgrounds.count)
            for b in backgrounds.indices { for (y, w) in bkgEvents[b] where y > t { sums[b] += w; counts[b] += 1 } }
            let b = ExpectedBackground(passedWeightSums: sums, passedCounts: counts, effectiveWeights: effectiveWeights.map { $0 / f },
                                       luminosityInverseFemtobarn: luminosity)
            let eps = sigma > 0 ? s / sigma : 0
            let fom = FigureOfMerit.significance.value(efficiency: eps, background: b.events)
            if fom > best.figureOfMerit { best = Result(threshold: t, efficiency: eps, background: b, figureOfMerit: fom) }
        }
        return best
    }
}
