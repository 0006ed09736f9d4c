import Features
import HEPCore
import Selection
import Testing

@Suite("Cuts and cut flows")
struct CutFlowTests {
    func metadata() -> SampleMetadata {
        SampleMetadata(process: "test", processKey: "test", collider: "belle", frame: "lab", crossSectionPicobarn: 1,
                       crossSectionErrorPicobarn: 0, eventsTried: 1, eventsKept: 1, weighted: true, seed: 1, settings: [:])
    }

    /// A table with features a and b and the given rows (a, b, weight in pb).
    func table(_ rows: [(Double, Double, Double)]) -> FeatureTable {
        var t = FeatureTable(generator: metadata(), cardName: "belle", preselection: "test", eventsSeen: rows.count,
                             definitions: [.init("a", unit: nil, "a"), .init("b", unit: "GeV^2", "b")])
        for (i, r) in rows.enumerated() {
            t.weights.append(r.2)
            t.eventIndex.append(Int64(i))
            t.columns[0].append(r.0)
            t.columns[1].append(r.1)
        }
        return t
    }

    @Test("A background table with no preselected event keeps its bound: its effective weight is sigma / N of the generated sample")
    func emptyTableBound() {
        var empty = table([])
        empty.generator.crossSectionPicobarn = 500
        empty.generator.eventsKept = 1000
        let full = table([(0, 0, 2), (1, 1, 4)])
        // sigma / N = 0.5 for the empty table; (4 + 16) / 6 for weights 2 and 4.
        let effective = ExpectedBackground.effectiveWeights(tables: [empty, full])
        #expect(effective[0] == 0.5 && abs(effective[1] - 20.0 / 6) < 1e-12)
        // With nothing passing, each process adds 1.14 x its effective weight (x 1000 x L for events).
        let b = ExpectedBackground(passedWeightSums: [0, 0], passedCounts: [0, 0], effectiveWeights: [0.5, 3], luminosityInverseFemtobarn: 1)
        #expect(abs(b.events - 1.14 * 3.5 * 1000) < 1e-9 && b.isMonteCarloBound)
    }

    @Test("The network's output threshold: the known optimum of a toy, on all events or on a flagged part, and beyond the grid")
    func outputThreshold() {
        // Signal: 10 events at output 0.9 (sigma 10 pb); background: 100 events at outputs 0.00 ... 0.99,
        // 1 pb each; all at M^2 = m^2. The best threshold keeps the signal and the fewest background
        // events (outputs 0.90 ... 0.99): t = 0.89 and 0.895 tie, the first is kept; eps = 1, B = 10 events of 1 pb.
        var signal = table((0..<10).map { _ in (0, 4, 1) })
        signal.definitions[1] = .init("recoilMassSquared", unit: "GeV^2", "M^2")
        signal.generator.crossSectionPicobarn = 10
        var background = table((0..<100).map { _ in (0, 4, 1) })
        background.definitions[1] = .init("recoilMassSquared", unit: "GeV^2", "M^2")
        let ys = [Float](repeating: 0.9, count: 10), yb = (0..<100).map { Float($0) / 100 }
        let all = OutputThreshold.best(mass: 2, halfWidth: 0.5, signal: signal, signalOutputs: ys, backgrounds: [background],
                                       backgroundOutputs: [yb], effectiveWeights: [1], luminosity: 1e-3)
        #expect(abs(all.threshold - 0.89) < 1e-6)
        #expect(abs(all.efficiency - 1) < 1e-12 && abs(all.background.events - 10) < 1e-9)
        // Every other event flagged, weights / 0.5: the same estimates.
        let half = OutputThreshold.best(mass: 2, halfWidth: 0.5, signal: signal, signalOutputs: ys, signalPart: (0..<10).map { $0 % 2 == 0 },
                                        backgrounds: [background], backgroundOutputs: [yb], backgroundParts: [(0..<100).map { $0 % 2 == 0 }],
                                        effectiveWeights: [1], fraction: 0.5, luminosity: 1e-3)
        #expect(abs(half.efficiency - 1) < 1e-12 && abs(half.background.events - 10) < 1e-9)
        // Beyond the grid: signal at 0.9995, background at 0.99 ... 0.99891; the grid's last step 0.995
        // keeps 44 background events, a candidate just below the signal's output keeps none (B = the
        // bound, 1.14 events).
        let tight = OutputThreshold.best(mass: 2, halfWidth: 0.5, signal: signal, signalOutputs: [Float](repeating: 0.9995, count: 10),
                                         backgrounds: [background], backgroundOutputs: [(0..<100).map { 0.99 + Float($0) * 0.00009 }],
                                         effectiveWeights: [1], luminosity: 1e-3)
        #expect(tight.threshold > 0.9989 && tight.threshold < 0.9995)
        #expect(abs(tight.efficiency - 1) < 1e-12 && abs(tight.background.events - 1.14) < 1e-9 && tight.background.isMonteCarloBound)
    }

    @Test("Mass-dependent thresholds interpolate linearly and hold beyond the table")
    func thresholds() {
        let t = Threshold.massTable(masses: [1, 3], values: [10, 30])
        #expect(t.value(at: 0.5) == 10 && t.value(at: 2) == 20 && t.value(at: 5) == 30)
        #expect(Threshold.constant(4).value(at: 7) == 4)
    }

    @Test("Relations, NaN and mass windows")
    func relations() {
        #expect(Cut("c", "a", .greaterThan, .constant(1)).passes(1.5, mass: 1))
        #expect(!Cut("c", "a", .greaterThan, .constant(1)).passes(.nan, mass: 1))
        #expect(Cut("c", "a", .absoluteLessThan, .constant(1)).passes(-0.5, mass: 1))
        let window = Cut.massSquaredWindow("w", "b", halfWidth: .constant(0.3))
        #expect(window.passes(4.2, mass: 2) && !window.passes(4.4, mass: 2))
        #expect(window.describe(at: 2) == "|b - m_Z'^2| < 0.3")
    }

    @Test("A cut flow adds up: yields fall step by step and match a hand count")
    func flow() throws {
        let signal = table([(2, 4.0, 0.1), (0.5, 4.1, 0.1), (3, 9.0, 0.2), (4, 3.9, 0.3)])
        let background = table([(2, 4.0, 1.0), (2, 6.0, 2.0)])
        let cuts = [Cut("a > 1", "a", .greaterThan, .constant(1)),
                    Cut.massSquaredWindow("window", "b", halfWidth: .constant(0.5)),
                    Cut("diagonal", terms: [.init("a"), .init("b", -1)], .lessThan, .constant(0))]
        let flow = try CutFlow(samples: [("signal", signal), ("background", background)], cuts: cuts, mass: 2, luminosityInverseFemtobarn: 2)
        #expect(flow.steps.count == 4)
        // L = 2 fb^-1: yield = 2000 x sum of weights (pb).
        let s = flow.steps.map { $0.entries[0] }, b = flow.steps.map { $0.entries[1] }
        // a > 1 drops row 1; the window |b - 4| < 0.5 drops row 2; a - b < 0 drops row 3 (4 - 3.9 > 0).
        #expect(s.map(\.count) == [4, 3, 2, 1])
        #expect(abs(s[0].yield - 2000 * 0.7) < 1e-9 && abs(s[3].yield - 2000 * 0.1) < 1e-9)
        #expect(abs(s[2].error - 2000 * (0.01 + 0.09).squareRoot()) < 1e-9)
        #expect(b.map(\.count) == [2, 2, 1, 1])
        for k in 1..<flow.steps.count { #expect(s[k].yield <= s[k - 1].yield && b[k].yield <= b[k - 1].yield) }
        let mask = try CutFlow.mask(signal, cuts: cuts, mass: 2)
        #expect(mask == [true, false, false, false])
    }

    @Test("Unknown features, bad thresholds and bad luminosities are refused")
    func refused() {
        let t = table([(1, 1, 1)])
        #expect(throws: SelectionError.self) {
            try CutFlow(samples: [("x", t)], cuts: [Cut("c", "missing", .lessThan, .constant(1))], mass: 1, luminosityInverseFemtobarn: 1)
        }
        #expect(throws: SelectionError.self) {
            try CutFlow(samples: [("x", t)], cuts: [Cut("c", "a", .lessThan, .massTable(masses: [2, 1], values: [1, 2]))], mass: 1, luminosityInverseFemtobarn: 1)
        }
        #expect(throws: SelectionError.self) { try CutFlow(samples: [("x", t)], cuts: [], mass: 1, luminosityInverseFemtobarn: 0) }
    }

    @Test("The seed's cut set uses only features DarkScan computes")
    func seedCuts() throws {
        var t = FeatureTable(generator: metadata(), cardName: "belle", preselection: ZPrimeFeatures.preselection, eventsSeen: 1,
                             definitions: ZPrimeFeatures.definitions)
        t.weights = [1]
        t.eventIndex = [0]
        t.columns = t.columns.map { _ in [0.5] }
        let flow = try CutFlow(samples: [("signal", t)], cuts: SeedCuts.zPrimeInvisible(windowHalfWidth: .constant(0.5)), mass: 1,
                               luminosityInverseFemtobarn: 977)
        #expect(flow.steps.count == 12)
    }
}
