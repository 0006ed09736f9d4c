import Features
import HEPCore
@testable import Selection
import Testing

@Suite("Mass-scan optimisation")
struct MassScanTests {
    /// Two toy "masses": the signal's M^2 is Gaussian around m^2 with width 0.2 GeV^2; the window is
    /// then 3 x 0.2 wide, and the optimised thresholds become a smoothed mass table.
    @Test("Per-mass resolution, window and smoothed thresholds")
    func scan() throws {
        var rng = RandomStreams(seed: 801).stream(0)
        let names: [FeatureTable.Definition] = ZPrimeFeatures.definitions
        func table(_ rows: Int, weight: Double, m2: (inout RandomStream) -> Double) -> FeatureTable {
            var t = FeatureTable(generator: SampleMetadata(process: "toy", processKey: "toy", collider: "belle", frame: "lab",
                                                           crossSectionPicobarn: weight * Double(rows), crossSectionErrorPicobarn: 0,
                                                           eventsTried: rows, eventsKept: rows, weighted: true, seed: 1, settings: [:]),
                                 cardName: "toy", preselection: "toy", eventsSeen: rows, definitions: names)
            t.weights = Array(repeating: weight, count: rows)
            t.eventIndex = (0..<rows).map { Int64($0) }
            t.columns = names.map { d in (0..<rows).map { _ in d.name == "recoilMassSquared" ? m2(&rng) : rng.uniform() } }
            return t
        }
        let masses = [1.0, 2.0]
        let signals = masses.map { m in (table(2000, weight: 1e-3) { $0.gaussian(mean: m * m, sigma: 0.2) }, 2.0) }
        let background = table(4000, weight: 0.01) { $0.uniform(0, 6) }
        let cuts = [Cut("dimuon pt", "dimuonPt", .greaterThan, .constant(0)),
                    Cut.massSquaredWindow("window", "recoilMassSquared", halfWidth: .constant(1))]
        let scan = try MassScanOptimisation(masses: masses, signals: signals, backgrounds: [background], cuts: cuts, windowIndex: 1,
                                            free: [0], optimiser: CutOptimizer(candidates: 20, restarts: 1), luminosityInverseFemtobarn: 1)
        for p in scan.points {
            #expect(abs(p.resolution - 0.2) < 0.02, "sigma(M^2) at \(p.mass): \(p.resolution)")
            #expect(abs(p.windowHalfWidth - 3 * p.resolution) < 1e-12)
            // Signal efficiency of the window alone is 99.7%, of the dimuon pt cut some fraction:
            // at most 1 (eps is relative to sigma = 2 pb) and at least the window's share.
            #expect(p.result.efficiency > 0 && p.result.efficiency <= 1)
        }
        if case .massTable(let ms, let vs) = scan.smoothedCuts[1].threshold {
            #expect(ms == masses && vs.count == 2)
        } else {
            Issue.record("the window threshold is not a mass table")
        }
        #expect(throws: SelectionError.self) {
            try MassScanOptimisation(masses: [2, 1], signals: signals, backgrounds: [background], cuts: cuts, windowIndex: 1, free: [0],
                                     luminosityInverseFemtobarn: 1)
        }
    }

    /// The smoothing is a centred running mean whose window narrows at the grid's ends: with
    /// smoothing 3 the ends keep their own thresholds and inner masses average three; with 5 the
    /// second mass averages three (1 ... 3), not four.
    @Test("Smoothed thresholds: centred running mean, narrowed symmetrically at the ends of the grid")
    func smoothing() {
        let cut = Cut("dimuon pt", "dimuonPt", .greaterThan, .constant(0))
        let raw = [1.0, 2.0, 4.0, 8.0, 16.0]
        let points = raw.enumerated().map { j, v in
            var c = cut
            c.threshold = .constant(v)
            return MassScanOptimisation.Point(mass: Double(j + 1), resolution: 1, windowHalfWidth: 3,
                                              result: CutOptimizer.Result(cuts: [c], efficiency: 0.5, background: 1, figureOfMerit: 1,
                                                                          backgroundFromMonteCarloBound: false))
        }
        func values(_ smoothing: Int) -> [Double] {
            let cuts = MassScanOptimisation(points: points, cuts: [cut], smoothing: smoothing).smoothedCuts
            return (1...5).map { cuts[0].threshold.value(at: Double($0)) }
        }
        let three: [Double] = [1, 7.0 / 3, 14.0 / 3, 28.0 / 3, 16]
        let five: [Double] = [1, 7.0 / 3, 31.0 / 5, 28.0 / 3, 16]
        #expect(values(1) == raw)
        #expect(zip(values(3), three).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(zip(values(5), five).allSatisfy { abs($0 - $1) < 1e-12 })
    }
}
