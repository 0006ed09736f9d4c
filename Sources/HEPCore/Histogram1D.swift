/// A weighted one-dimensional histogram: per bin the sum of weights and the sum of squared weights
/// (so the Monte Carlo error of a bin is sqrt(sum w^2)), with underflow and overflow bins.
public struct Histogram1D: Hashable, Sendable, Codable {
    public let axis: BinAxis
    /// Sums of weights, indexed by storage index (0 underflow, 1...count regular, count + 1 overflow).
    public internal(set) var sumW: [Double]
    /// Sums of squared weights, same indexing.
    public internal(set) var sumW2: [Double]
    /// Number of fill calls that landed in a bin (including under/overflow).
    public internal(set) var entries: Int
    /// Number of fill calls with x = NaN, which belong to no bin.
    public internal(set) var nanEntries: Int

    public init(axis: BinAxis) {
        self.axis = axis
        sumW = Array(repeating: 0, count: axis.count + 2)
        sumW2 = sumW
        entries = 0
        nanEntries = 0
    }

    /// Adds `weight` at `x`.
    public mutating func fill(_ x: Double, weight: Double = 1) {
        guard let i = axis.storageIndex(x) else { nanEntries += 1; return }
        sumW[i] += weight
        sumW2[i] += weight * weight
        entries += 1
    }

    /// Sum of weights in regular bin `i` (0-based).
    public func content(_ i: Int) -> Double { sumW[i + 1] }
    /// Monte Carlo error sqrt(sum w^2) of regular bin `i` (0-based).
    public func error(_ i: Int) -> Double { sumW2[i + 1].squareRoot() }
    public var underflow: Double { sumW[0] }
    public var overflow: Double { sumW[axis.count + 1] }
    /// The regular bins' sums of weights.
    public var contents: ArraySlice<Double> { sumW[1...axis.count] }

    /// Sum of weights in the regular bins, or in all bins with `includingFlow`.
    public func integral(includingFlow: Bool = false) -> Double {
        includingFlow ? sumW.reduce(0, +) : contents.reduce(0, +)
    }

    /// The error of ``integral(includingFlow:)``, sqrt of the summed squared weights.
    public func integralError(includingFlow: Bool = false) -> Double {
        (includingFlow ? sumW2.reduce(0, +) : sumW2[1...axis.count].reduce(0, +)).squareRoot()
    }

    /// Adds another histogram's contents (e.g. from another thread's chunk). The binning must match.
    public mutating func merge(_ other: Histogram1D) throws(HEPCoreError) {
        guard other.axis == axis else {
            throw .incompatibleBinning("\(axis.count) bins on [\(axis.lower), \(axis.upper)) vs \(other.axis.count) bins on [\(other.axis.lower), \(other.axis.upper))")
        }
        for i in sumW.indices {
            sumW[i] += other.sumW[i]
            sumW2[i] += other.sumW2[i]
        }
        entries += other.entries
        nanEntries += other.nanEntries
    }

    /// Multiplies every weight by `factor` (sum w^2 scales by factor^2), e.g. to normalise to a
    /// luminosity.
    public mutating func scale(by factor: Double) {
        for i in sumW.indices {
            sumW[i] *= factor
            sumW2[i] *= factor * factor
        }
    }
}

extension Histogram1D {
    /// Replaces the storage wholesale (used by projections); sizes must match the axis.
    mutating func setStorage(sumW: [Double], sumW2: [Double], entries: Int, nanEntries: Int) {
        precondition(sumW.count == axis.count + 2 && sumW2.count == axis.count + 2, "storage size mismatch")
        self.sumW = sumW
        self.sumW2 = sumW2
        self.entries = entries
        self.nanEntries = nanEntries
    }
}
