/// The binning of one histogram axis: `count` bins between increasing `edges`, with an underflow
/// bin below the first edge and an overflow bin at and above the last one.
///
/// Bins are half-open [edge_i, edge_{i+1}). Uniform axes find a bin by arithmetic, variable ones by
/// binary search.
public struct BinAxis: Hashable, Sendable, Codable {
    /// The count + 1 bin edges, strictly increasing.
    public let edges: [Double]
    /// True when the edges are equally spaced (set by the uniform initialiser).
    public let isUniform: Bool

    /// `count` equal bins on [lower, upper).
    public init(count: Int, lower: Double, upper: Double) throws(HEPCoreError) {
        guard count >= 1 else { throw .outOfRange(quantity: "number of bins", value: Double(count), allowed: ">= 1") }
        try HEPCoreError.requireFinite(lower, "lower axis edge")
        try HEPCoreError.requireFinite(upper, "upper axis edge")
        guard upper > lower else { throw .outOfRange(quantity: "upper axis edge", value: upper, allowed: "> \(lower)") }
        let width = (upper - lower) / Double(count)
        edges = (0...count).map { $0 == count ? upper : lower + Double($0) * width }
        isUniform = true
    }

    /// Bins with the given edges (at least two, finite, strictly increasing).
    public init(edges: [Double]) throws(HEPCoreError) {
        guard edges.count >= 2 else {
            throw .outOfRange(quantity: "number of bin edges", value: Double(edges.count), allowed: ">= 2")
        }
        for (i, e) in edges.enumerated() {
            try HEPCoreError.requireFinite(e, "bin edge \(i)")
            if i > 0, e <= edges[i - 1] {
                throw .malformed(what: "bin edges", text: "edge \(i) = \(e) after \(edges[i - 1])", expected: "strictly increasing edges")
            }
        }
        self.edges = edges
        isUniform = false
    }

    /// The number of regular bins.
    @inlinable public var count: Int { edges.count - 1 }
    @inlinable public var lower: Double { edges[0] }
    @inlinable public var upper: Double { edges[edges.count - 1] }

    /// The storage index of `x`: 0 for underflow, 1...count for regular bins, count + 1 for overflow.
    /// NaN has no bin and gives nil.
    @inlinable public func storageIndex(_ x: Double) -> Int? {
        if x.isNaN { return nil }
        if x < lower { return 0 }
        if x >= upper { return count + 1 }
        if isUniform {
            let i = Int((x - lower) / (upper - lower) * Double(count))
            return Swift.min(i, count - 1) + 1
        }
        var lo = 0, hi = count // invariant: edges[lo] <= x < edges[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if x < edges[mid] { hi = mid } else { lo = mid }
        }
        return lo + 1
    }

    /// The centre of regular bin `i` (0-based).
    public func center(_ i: Int) -> Double { 0.5 * (edges[i] + edges[i + 1]) }
    /// The width of regular bin `i` (0-based).
    public func width(_ i: Int) -> Double { edges[i + 1] - edges[i] }
}
