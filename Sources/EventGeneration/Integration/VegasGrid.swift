import RealModule

/// A VEGAS importance-sampling grid on the unit hypercube (G. P. Lepage, J. Comput. Phys. 27, 192
/// (1978)): per dimension, `bins` intervals of adjustable width, each visited with probability
/// 1/bins, so points concentrate where the intervals are narrow. The grid is refined from the
/// accumulated squared weights per bin with Lepage's smoothing and damping (exponent alpha).
public struct VegasGrid: Sendable, Equatable {
    public let dimensions: Int
    public let bins: Int
    /// edges[d * (bins + 1) + j], j = 0...bins, with edges 0 and 1 at the ends.
    public private(set) var edges: [Double]
    /// Per dimension, `lookupSize` entries: the bin holding i / lookupSize, where ``density(at:binIndex:)``
    /// starts a short forward scan instead of a binary search over the edges (rebuilt with the edges).
    private var lookup: [Int32]
    private var lookupSize: Int { 4 * bins }

    public init(dimensions: Int, bins: Int = 50) {
        self.dimensions = dimensions
        self.bins = bins
        edges = (0..<dimensions).flatMap { _ in (0...bins).map { Double($0) / Double(bins) } }
        lookup = []
        rebuildLookup()
    }

    /// Fills ``lookup`` from the edges: entry i of dimension d is the largest j < bins with
    /// edges[j] <= i / lookupSize.
    private mutating func rebuildLookup() {
        let size = lookupSize
        var table = [Int32](repeating: 0, count: dimensions * size)
        for d in 0..<dimensions {
            let base = d * (bins + 1)
            var j = 0
            for i in 0..<size {
                let x = Double(i) / Double(size)
                while j < bins - 1, edges[base + j + 1] <= x { j += 1 }
                table[d * size + i] = Int32(j)
            }
        }
        lookup = table
    }

    /// Maps uniform `v` to grid coordinates `u` (in place) and returns the Jacobian du/dv, and the
    /// bin index per dimension into `binIndex`.
    public func map(_ v: [Double], into u: inout [Double], binIndex: inout [Int]) -> Double {
        var jacobian = 1.0
        for d in 0..<dimensions {
            let x = v[d] * Double(bins)
            let j = min(Int(x), bins - 1)
            let lo = edges[d * (bins + 1) + j], hi = edges[d * (bins + 1) + j + 1]
            u[d] = lo + (x - Double(j)) * (hi - lo)
            binIndex[d] = j
            jacobian *= Double(bins) * (hi - lo)
        }
        return jacobian
    }

    /// The density of grid points at `u` (1 / Jacobian) and the bin of each coordinate.
    public func density(at u: [Double], binIndex: inout [Int]) -> Double {
        var jacobian = 1.0
        for d in 0..<dimensions {
            let base = d * (bins + 1)
            let x = min(max(u[d], 0), 1)
            // The bin with edges[lo] <= x < edges[lo + 1] (the last bin for x = 1 or NaN): from the
            // lookup entry of x, back while its lower edge is above x (x * size can round up to the
            // next lookup point, which may be an edge), then forward while the next edge is not above x.
            var lo: Int
            if x.isNaN {
                lo = bins - 1
            } else {
                let size = lookupSize
                lo = Int(lookup[d * size + min(Int(x * Double(size)), size - 1)])
                while lo > 0, edges[base + lo] > x { lo -= 1 }
                while lo < bins - 1, edges[base + lo + 1] <= x { lo += 1 }
            }
            binIndex[d] = lo
            jacobian *= Double(bins) * (edges[base + lo + 1] - edges[base + lo])
        }
        return 1 / jacobian
    }

    /// Refines the grid from `accumulated[d * bins + j]`, the sum of squared weights of the points
    /// that fell in bin j of dimension d (Lepage 1978, Sec. 3: smooth over neighbours, compress with
    /// ((r - 1)/ln r)^alpha, then redistribute so each new bin holds an equal share).
    public mutating func refine(accumulated: [Double], alpha: Double = 1.5) {
        for d in 0..<dimensions {
            var f = Array(accumulated[(d * bins)..<((d + 1) * bins)])
            let total = f.reduce(0, +)
            guard total > 0 else { continue }
            // Smooth.
            var smooth = f
            for j in 0..<bins {
                let left = j > 0 ? f[j - 1] : f[j], right = j < bins - 1 ? f[j + 1] : f[j]
                smooth[j] = (left + 6 * f[j] + right) / 8
            }
            let sum = smooth.reduce(0, +)
            for j in 0..<bins {
                let r = smooth[j] / sum
                f[j] = r > 0 && r < 1 ? Double.pow((r - 1) / Double.log(r), alpha) : (r >= 1 ? 1 : 0)
            }
            let importance = f.reduce(0, +)
            guard importance > 0 else { continue }
            let perBin = importance / Double(bins)
            let base = d * (bins + 1)
            let old = Array(edges[base...(base + bins)])
            var newEdges = [0.0]
            var j = 0          // the old bin being consumed
            var used = 0.0     // importance already taken from bin j
            for _ in 1..<bins {
                var need = perBin
                while j < bins, f[j] - used <= need {
                    need -= f[j] - used
                    used = 0
                    j += 1
                }
                guard j < bins else { newEdges.append(1); continue }
                used += need
                newEdges.append(old[j] + (used / f[j]) * (old[j + 1] - old[j]))
            }
            newEdges.append(1)
            // Guard against degenerate (zero-width) bins.
            for i in 1...bins where newEdges[i] <= newEdges[i - 1] {
                newEdges[i] = min(1, newEdges[i - 1] + 1e-12)
            }
            newEdges[bins] = 1
            for i in 0...bins { edges[base + i] = newEdges[i] }
        }
        rebuildLookup()
    }
}
