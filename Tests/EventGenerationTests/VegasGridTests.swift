@testable import EventGeneration
import HEPCore
import Testing

/// The VEGAS grid's inverse map (``VegasGrid/density(at:binIndex:)``), which the multi-channel
/// integrand evaluates for every channel at every point.
@Suite("VEGAS grid")
struct VegasGridTests {
    /// The bin of x by the definition: the last j < bins with edges[j] <= x (the last bin for x = 1).
    func referenceBin(_ grid: VegasGrid, dimension d: Int, _ x: Double) -> Int {
        let base = d * (grid.bins + 1)
        var j = 0
        while j < grid.bins - 1, grid.edges[base + j + 1] <= x { j += 1 }
        return j
    }

    /// After refinements from uneven squared weights the bins have very different widths; the lookup
    /// and forward scan must find the same bin and density as the definition everywhere, including
    /// exactly on edges, at 0 and 1, and outside [0, 1] (clamped).
    @Test("density(at:) finds the defining bin and its density, on and between refined edges")
    func densityMatchesDefinition() {
        var grid = VegasGrid(dimensions: 3, bins: 40)
        var rng = RandomStreams(seed: 41).stream(0)
        for _ in 0..<4 {
            // Squared weights peaked near 0.1 in dimension 0, near 0.97 in 1, flat with noise in 2.
            var accumulated = [Double](repeating: 0, count: 3 * 40)
            for j in 0..<40 {
                let x = (Double(j) + 0.5) / 40
                accumulated[j] = 1 / (1e-4 + (x - 0.1) * (x - 0.1))
                accumulated[40 + j] = 1 / (1e-3 + (x - 0.97) * (x - 0.97))
                accumulated[80 + j] = 1 + rng.uniform()
            }
            grid.refine(accumulated: accumulated)
        }
        var points: [[Double]] = (0..<20_000).map { _ in [rng.uniform(), rng.uniform(), rng.uniform()] }
        for j in 0...40 { points.append([grid.edges[j], grid.edges[41 + j], grid.edges[82 + j]]) }
        points += [[0, 0, 0], [1, 1, 1], [-0.5, 1.5, 2]]
        var bins = [0, 0, 0]
        for u in points {
            let density = grid.density(at: u, binIndex: &bins)
            var jacobian = 1.0
            for d in 0..<3 {
                let x = min(max(u[d], 0), 1)
                let j = referenceBin(grid, dimension: d, x)
                #expect(bins[d] == j, "dimension \(d), x = \(x): bin \(bins[d]), expected \(j)")
                jacobian *= Double(grid.bins) * (grid.edges[d * 41 + j + 1] - grid.edges[d * 41 + j])
            }
            #expect(density == 1 / jacobian)
        }
        // The refinement made the bins uneven (what the lookup has to cope with).
        let widths = (0..<40).map { grid.edges[$0 + 1] - grid.edges[$0] }
        #expect((widths.max() ?? 0) > 20 * (widths.min() ?? 1))
    }

    /// On a fresh grid the edges j / bins coincide with lookup points i / (4 bins), and for the double
    /// just below an edge x * 4 bins can round up to that point: the bin must still be the one below.
    @Test("density(at:) on an unrefined grid: at, just below and just above every edge")
    func unrefinedEdges() {
        for bins in [25, 40, 50, 100] {
            let grid = VegasGrid(dimensions: 1, bins: bins)
            var bin = [0]
            for j in 0...bins {
                let edge = grid.edges[j]
                for x in [edge.nextDown, edge, edge.nextUp] where x >= 0 && x <= 1 {
                    _ = grid.density(at: [x], binIndex: &bin)
                    #expect(bin[0] == referenceBin(grid, dimension: 0, x), "bins \(bins), x = \(x): bin \(bin[0])")
                }
            }
        }
    }

    /// The forward map and the inverse agree: u = map(v) lies in the bin map reports, and density(u)
    /// is 1 / Jacobian(v).
    @Test("density(at: map(v)) is the inverse of map's Jacobian, in map's bin")
    func inverseOfMap() {
        var grid = VegasGrid(dimensions: 2, bins: 25)
        var accumulated = [Double](repeating: 1, count: 50)
        for j in 0..<25 { accumulated[j] = Double(j * j + 1); accumulated[25 + j] = Double((25 - j) * (25 - j) + 1) }
        grid.refine(accumulated: accumulated)
        var rng = RandomStreams(seed: 42).stream(0)
        var u = [0.0, 0.0], forward = [0, 0], inverse = [0, 0]
        for _ in 0..<5000 {
            let v = [rng.uniform(), rng.uniform()]
            let jacobian = grid.map(v, into: &u, binIndex: &forward)
            let density = grid.density(at: u, binIndex: &inverse)
            #expect(forward == inverse || u.contains { x in grid.edges.contains(x) })
            #expect(abs(density * jacobian - 1) < 1e-12)
        }
    }
}
