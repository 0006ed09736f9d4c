import Benchmark
import Features
import HEPCore
import Selection

/// The per-mass cut optimisation on one core: four cuts (">", "<", "|x| <" and the M^2 window) on
/// a toy signal of 20,000 events and one background of 1,000,000 rows, 40 candidates per cut and
/// four restarts, the default spec's settings. Its cost grows with the rows in the window once per
/// coordinate step (``Selection/CutOptimizer`` sums every candidate in one pass over the rows), not
/// once per candidate.
func selectionBenchmarks() {
    func table(_ n: Int, weight: Double, signal: Bool, seed: UInt64) -> FeatureTable {
        var rng = RandomStreams(seed: seed).stream(0)
        var t = FeatureTable(generator: SampleMetadata(process: "toy", processKey: "toy", collider: "belle", frame: "lab",
                                                       crossSectionPicobarn: weight * Double(n), crossSectionErrorPicobarn: 0,
                                                       eventsTried: n, eventsKept: n, weighted: true, seed: seed, settings: [:]),
                             cardName: "toy", preselection: "none", eventsSeen: n,
                             definitions: [.init("m2", unit: "GeV^2", "recoil mass squared"), .init("a", unit: nil, "a"),
                                           .init("b", unit: nil, "b"), .init("c", unit: nil, "c")])
        t.weights = [Double](repeating: weight, count: n)
        t.eventIndex = (0..<n).map { Int64($0) }
        let m2 = (0..<n).map { _ in signal ? 1 + 0.3 * rng.gaussian() : rng.uniform(-1, 3) }
        let a = (0..<n).map { _ in signal ? rng.uniform().squareRoot() : rng.uniform() }
        let b = (0..<n).map { _ in signal ? rng.uniform() * rng.uniform() : rng.uniform() }
        let c = (0..<n).map { _ in signal ? 0.3 * rng.gaussian() : rng.gaussian() }
        t.columns = [m2, a, b, c]
        return t
    }
    let signal = table(20_000, weight: 1e-3, signal: true, seed: 1)
    let background = table(1_000_000, weight: 1e-2, signal: false, seed: 2)
    let cuts = [Cut.massSquaredWindow("window", "m2", halfWidth: .constant(0.9)), Cut("a", "a", .greaterThan, .constant(0)),
                Cut("b", "b", .lessThan, .constant(1)), Cut("c", "c", .absoluteLessThan, .constant(3))]
    Benchmark("Cut optimisation, one mass, 1M background rows (40 candidates, 4 restarts)",
              configuration: .init(metrics: [.wallClock], scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
        let result = try CutOptimizer(candidates: 40, restarts: 4).optimise(cuts: cuts, free: [1, 2, 3], mass: 1, signal: signal,
                                                                             signalCrossSection: 20, backgrounds: [background],
                                                                             luminosityInverseFemtobarn: 977)
        blackHole(result.figureOfMerit)
    }
}
