import Features
import HEPCore
import Selection
import Testing
@testable import Pipeline

@Suite("Cut optimisation: 2-fold cross-application")
struct CutFoldsTests {
    /// n rows with weight 1 pb and feature x = row index.
    func table(_ n: Int) -> FeatureTable {
        let meta = SampleMetadata(process: "test", processKey: "test", collider: "belle", frame: "lab", crossSectionPicobarn: Double(n),
                                  crossSectionErrorPicobarn: 0, eventsTried: n, eventsKept: n, weighted: false, seed: 1, settings: [:])
        var t = FeatureTable(generator: meta, cardName: "belle", preselection: "test", eventsSeen: n, definitions: [.init("x", unit: nil, "row index")])
        for i in 0..<n {
            t.weights.append(1)
            t.eventIndex.append(Int64(i))
            t.columns[0].append(Double(i))
        }
        return t
    }

    @Test("The split is seeded by the spec's seed and the sample's label, halves the rows, and its halves (weights x 2) estimate the whole")
    func split() {
        let t = table(10000)
        let a = CutFolds.assignment(t, label: "mumu-gamma", seed: 7)
        #expect(a == CutFolds.assignment(t, label: "mumu-gamma", seed: 7))
        #expect(a != CutFolds.assignment(t, label: "eemumu", seed: 7) && a != CutFolds.assignment(t, label: "mumu-gamma", seed: 8))
        // Binomial(10000, 1/2): within 4 sigma = 200 of 5000.
        let second = a.filter { $0 }.count
        #expect(abs(second - 5000) < 200, "\(second) rows in the second fold")
        let first = CutFolds.rows(t, a, second: false, scale: 2), other = CutFolds.rows(t, a, second: true, scale: 2)
        #expect(first.count + other.count == t.count && other.count == second)
        #expect(Set(first.eventIndex).isDisjoint(with: other.eventIndex))
        #expect(first.weights.allSatisfy { $0 == 2 } && abs(first.weights.reduce(0, +) / 10000 - 1) < 0.04)
        #expect(first.columns[0] == first.eventIndex.map(Double.init))
    }

    @Test("Rows of the second fold pass the first fold's cuts, rows of the first the second's")
    func crossApplied() throws {
        let t = table(1000)
        let a = CutFolds.assignment(t, label: "signal-2.0", seed: 3)
        let low = [Cut("x low", "x", .lessThan, .constant(300))], high = [Cut("x high", "x", .greaterThan, .constant(700))]
        let mask = try CutFolds.mask(t, a, first: low, second: high, mass: 2)
        for i in 0..<t.count { #expect(mask[i] == (a[i] ? i < 300 : i > 700), "row \(i)") }
        #expect(mask.contains(true) && mask.contains(false))
    }
}
