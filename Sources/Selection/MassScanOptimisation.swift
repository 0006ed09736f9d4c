import Features
import HEPCore

/// The per-mass optimisation of a cut set over a mass grid, as the seed does it: for each mass the
/// signal's recoil-mass resolution sigma(m) (half-width of the central 68.3% of its M^2 distribution
/// after the preselection, ``Features/RobustWidth``), the window |M^2 - m^2| < k sigma, and the free
/// cuts' thresholds that maximise the figure of merit; then the thresholds are smoothed across the
/// masses (a centred running mean over `smoothing` neighbours, narrowed at the grid's ends) into
/// mass-dependent cuts.
public struct MassScanOptimisation: Sendable {
    public struct Point: Sendable, Equatable {
        public var mass: Double
        /// sigma of M^2 (GeV^2) and the window half-width k sigma.
        public var resolution: Double
        public var windowHalfWidth: Double
        public var result: CutOptimizer.Result
    }

    public let points: [Point]
    /// The cuts with smoothed mass-dependent thresholds (the window cut included).
    public let smoothedCuts: [Cut]

    /// - Parameters:
    ///   - signals: for each mass of the grid, the signal feature table generated at that mass and its
    ///     cross section before cuts (pb).
    ///   - cuts: the cut set; `windowIndex` is the M^2 window cut, whose half-width is set to k sigma(m).
    public init(masses: [Double], signals: [(table: FeatureTable, crossSection: Double)], backgrounds: [FeatureTable],
                cuts: [Cut], windowIndex: Int, free: [Int], windowSigmas k: Double = 3, smoothing: Int = 3,
                optimiser: CutOptimizer = CutOptimizer(), luminosityInverseFemtobarn lumi: Double) throws(SelectionError) {
        guard masses.count == signals.count, !masses.isEmpty else {
            throw .invalidParameter(name: "number of signal samples", value: Double(signals.count), allowed: "one per mass (\(masses.count))")
        }
        guard zip(masses, masses.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidParameter(name: "mass grid", value: masses.first ?? .nan, allowed: "strictly increasing masses")
        }
        guard cuts.indices.contains(windowIndex) else {
            throw .invalidParameter(name: "window cut index", value: Double(windowIndex), allowed: "an index of the cut set")
        }
        var points: [Point] = []
        for (mass, signal) in zip(masses, signals) {
            points.append(try Self.point(mass: mass, signal: signal, backgrounds: backgrounds, cuts: cuts, windowIndex: windowIndex,
                                         free: free, windowSigmas: k, optimiser: optimiser, luminosityInverseFemtobarn: lumi))
        }
        self.init(points: points, cuts: cuts, smoothing: smoothing)
    }

    /// The optimisation at one mass (independent of the other masses: callers may run masses
    /// concurrently and join them with ``init(points:cuts:smoothing:)``). `resolution` (sigma of M^2,
    /// GeV^2) overrides the one measured on `signal` (e.g. one measured on a larger sample).
    public static func point(mass: Double, signal: (table: FeatureTable, crossSection: Double), backgrounds: [FeatureTable],
                             cuts: [Cut], windowIndex: Int, free: [Int], windowSigmas k: Double = 3,
                             optimiser: CutOptimizer = CutOptimizer(), luminosityInverseFemtobarn lumi: Double,
                             resolution: Double? = nil) throws(SelectionError) -> Point {
        guard cuts.indices.contains(windowIndex) else {
            throw .invalidParameter(name: "window cut index", value: Double(windowIndex), allowed: "an index of the cut set")
        }
        if let resolution {
            guard resolution.isFinite, resolution > 0 else {
                throw .invalidParameter(name: "sigma(M^2) at m = \(mass) GeV", value: resolution, allowed: "> 0 GeV^2")
            }
        }
        guard let width = resolution ?? signal.table["recoilMassSquared"].flatMap({ RobustWidth.medianAndWidth($0, weights: signal.table.weights)?.width }),
              width > 0 else {
            throw .invalidParameter(name: "signal events at m = \(mass) GeV", value: Double(signal.table.count),
                                    allowed: "a recoilMassSquared column with a non-zero spread")
        }
        var trial = cuts
        trial[windowIndex].threshold = .constant(k * width)
        let result = try optimiser.optimise(cuts: trial, free: free.filter { $0 != windowIndex }, mass: mass, signal: signal.table,
                                            signalCrossSection: signal.crossSection, backgrounds: backgrounds, luminosityInverseFemtobarn: lumi)
        return Point(mass: mass, resolution: width, windowHalfWidth: k * width, result: result)
    }

    /// Joins per-mass optimisations (in increasing mass) and smooths each cut's thresholds across
    /// the masses with a centred running mean over `smoothing` neighbours. Near the ends of the grid
    /// the window narrows symmetrically (mass j of n averages j - h ... j + h with h = min(smoothing / 2,
    /// j, n - 1 - j)), so that every mean is centred on its mass and the first and last masses keep
    /// their own thresholds: a one-sided window gave the last mass its neighbour's, and at 9 GeV,
    /// whose soft-muon signal differs most from 8 GeV's, the 8 GeV thresholds kept no signal at all.
    public init(points: [Point], cuts: [Cut], smoothing: Int = 3) {
        self.points = points
        let masses = points.map(\.mass)
        var smoothed = cuts
        let half = max(0, smoothing / 2)
        for i in cuts.indices {
            let raw = points.map { $0.result.cuts[i].threshold.value(at: $0.mass) }
            let values = raw.indices.map { j -> Double in
                let h = min(half, j, raw.count - 1 - j)
                let window = raw[(j - h)...(j + h)]
                return window.reduce(0, +) / Double(window.count)
            }
            smoothed[i].threshold = points.count == 1 ? .constant(values[0]) : .massTable(masses: masses, values: values)
        }
        smoothedCuts = smoothed
    }
}
