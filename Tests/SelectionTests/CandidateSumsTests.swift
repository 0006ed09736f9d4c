import HEPCore
@testable import Selection
import Testing

/// The optimiser's one-pass sums at every candidate threshold against cut-by-cut evaluation.
@Suite("Candidate threshold sums")
struct CandidateSumsTests {
    @Test("every relation, mass-relative windows, ties with grid values and NaN: the same sums (and sums of squares) as evaluating each threshold")
    func matchesBruteForce() {
        var rng = RandomStreams(seed: 17).stream(0)
        var values = (0..<3000).map { _ in rng.uniform(-3, 3) }
        let weights = (0..<3000).map { _ in rng.uniform(0.5, 2) }
        values[10] = .nan
        // Grid with duplicates, and rows sitting exactly on grid values.
        let grid = [-2.5, -1, -1, 0, 0.3, 1.2, 2, 2.9]
        values[11] = 0; values[12] = -1; values[13] = 2.9
        values[14] = .infinity; values[16] = -.infinity
        let rows = Array(stride(from: 0, to: 3000, by: 2)) + [11, 13]
        let cuts = [Cut("gt", "x", .greaterThan, .constant(0)), Cut("lt", "x", .lessThan, .constant(0)),
                    Cut("abs", "x", .absoluteLessThan, .constant(0)), Cut.massSquaredWindow("window", "x", halfWidth: .constant(0))]
        for cut in cuts {
            let mass = 1.1
            let sums = CandidateSums(cut: cut, mass: mass, grid: grid, values: values, rows: rows, weights: weights)
            for (k, t) in grid.enumerated() {
                var trial = cut
                trial.threshold = .constant(t)
                var w = 0.0, w2 = 0.0, c = 0
                for r in rows where trial.passes(values[r], mass: mass) { w += weights[r]; w2 += weights[r] * weights[r]; c += 1 }
                #expect(sums.count[k] == c, "\(cut.label) at \(t)")
                #expect(abs(sums.weight[k] - w) < 1e-9 * max(1, w), "\(cut.label) at \(t)")
                #expect(abs(sums.weightSquared[k] - w2) < 1e-9 * max(1, w2), "\(cut.label) at \(t)")
            }
            // No rows: nothing passes anywhere.
            let none = CandidateSums(cut: cut, mass: mass, grid: grid, values: values, rows: [], weights: weights)
            #expect(none.count == [Int](repeating: 0, count: grid.count) && none.weight == [Double](repeating: 0, count: grid.count)
                    && none.weightSquared == none.weight)
        }
    }
}
