import Features
import HEPCore

/// The working point of a selection by a network output: the threshold on the output that maximises
/// a figure of merit (eps/sqrt(B) unless given) in a recoil window, with B from ``ExpectedBackground`` (a process whose passing weight
/// is below its Monte Carlo bound counts the bound).
public enum OutputThreshold {
    public struct Result: Sendable, Equatable {
        public var threshold: Float
        public var efficiency: Double
        public var background: ExpectedBackground
        public var figureOfMerit: Double
    }

    /// The threshold with the largest figure of merit (default eps/sqrt(B)) over the events of `part` (a fraction `fraction` of
    /// each sample; signal and background weights are divided by it, so eps and B estimate the whole
    /// samples'; nil: every event, fraction 1) inside |M^2 - m^2| < `halfWidth`. The candidates are
    /// the grid 0, 0.005, ..., 0.995 and, just below each, up to 1000 quantiles of the signal's
    /// outputs in the window (a Punzi-trained network puts most signal above 0.99, where the grid alone
    /// stops: on the default samples the optimum sat at its last step, 0.995, at 2 and 2.5 GeV); ties
    /// keep the lowest threshold. `effectiveWeights` are the background tables' effective weights
    /// (pb, sum w^2 / sum w), for the bounds of processes below them; `luminosity` in fb^-1.
    public static func best(mass: Double, halfWidth: Double, signal: FeatureTable, signalOutputs: [Float], signalPart: [Bool]? = nil,
                            backgrounds: [FeatureTable], backgroundOutputs: [[Float]], backgroundParts: [[Bool]]? = nil,
                            effectiveWeights: [Double], fraction f: Double = 1, luminosity: Double,
                            figureOfMerit: FigureOfMerit = .significance) -> Result {
        let centre = mass * mass
        // Events of the counted part inside the window, sorted by output: outputs and the sums of the
        // weights of the events above each position (suffix sums), so that any threshold is a binary search.
        struct Sorted {
            var outputs: [Float] = []
            var suffix: [Double] = [0]
            var suffix2: [Double] = [0]
            init(_ events: [(Float, Double)]) {
                let e = events.sorted { $0.0 < $1.0 }
                outputs = e.map(\.0)
                suffix = [Double](repeating: 0, count: e.count + 1)
                suffix2 = suffix
                for i in stride(from: e.count - 1, through: 0, by: -1) {
                    suffix[i] = suffix[i + 1] + e[i].1
                    suffix2[i] = suffix2[i + 1] + e[i].1 * e[i].1
                }
            }
            /// The first position with output > t.
            func start(_ t: Float) -> Int {
                var lo = 0, hi = outputs.count
                while lo < hi { let mid = (lo + hi) / 2; if outputs[mid] > t { hi = mid } else { lo = mid + 1 } }
                return lo
            }
            func passing(_ t: Float) -> (sum: Double, squares: Double, count: Int) { let i = start(t); return (suffix[i], suffix2[i], outputs.count - i) }
        }
        let sm2 = signal["recoilMassSquared"] ?? []
        let sig = Sorted(signal.weights.indices.filter { (signalPart?[$0] ?? true) && abs(sm2[$0] - centre) < halfWidth }
            .map { (signalOutputs[$0], signal.weights[$0]) })
        let bkg = backgrounds.indices.map { b -> Sorted in
            let bm2 = backgrounds[b]["recoilMassSquared"] ?? []
            return Sorted(backgrounds[b].weights.indices.filter { (backgroundParts?[b][$0] ?? true) && abs(bm2[$0] - centre) < halfWidth }
                .map { (backgroundOutputs[b][$0], backgrounds[b].weights[$0] / f) })
        }
        var candidates = (0..<200).map { Float($0) * 0.005 }
        let n = sig.outputs.count
        if n > 0 {
            let q = min(n, 1000)
            for k in 0..<q { candidates.append(sig.outputs[k * n / q].nextDown) }
        }
        candidates = Array(Set(candidates.filter { $0.isFinite })).sorted()
        let sigma = signal.generator.crossSectionPicobarn * f
        let bounds = effectiveWeights.map { $0 / f }
        let empty = ExpectedBackground(passedWeightSums: [], passedCounts: [], effectiveWeights: [], luminosityInverseFemtobarn: luminosity)
        var best = Result(threshold: 0, efficiency: 0, background: empty, figureOfMerit: -1)
        for t in candidates {
            let passing = bkg.map { $0.passing(t) }
            let b = ExpectedBackground(passedWeightSums: passing.map(\.sum), passedCounts: passing.map(\.count), effectiveWeights: bounds,
                                       passedWeightSquareSums: passing.map(\.squares), luminosityInverseFemtobarn: luminosity)
            let eps = sigma > 0 ? sig.passing(t).sum / sigma : 0
            let fom = figureOfMerit.value(efficiency: eps, background: b)
            if fom > best.figureOfMerit { best = Result(threshold: t, efficiency: eps, background: b, figureOfMerit: fom) }
        }
        return best
    }
}
