import Features
import HEPCore
import Selection
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
}
