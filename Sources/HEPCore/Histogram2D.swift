/// A weighted two-dimensional histogram with sum of weights and sum of squared weights per cell and
/// under/overflow on both axes (storage (count_x + 2) x (count_y + 2), x fastest).
public struct Histogram2D: Hashable, Sendable, Codable {
    public let xAxis: BinAxis
    public let yAxis: BinAxis
    public private(set) var sumW: [Double]
    public private(set) var sumW2: [Double]
    public private(set) var entries: Int
    /// Fill calls with x or y NaN.
    public private(set) var nanEntries: Int

    public init(xAxis: BinAxis, yAxis: BinAxis) {
        self.xAxis = xAxis
        self.yAxis = yAxis
        sumW = Array(repeating: 0, count: (xAxis.count + 2) * (yAxis.count + 2))
        sumW2 = sumW
        entries = 0
        nanEntries = 0
    }

    func storage(_ ix: Int, _ iy: Int) -> Int { iy * (xAxis.count + 2) + ix }

    /// Adds `weight` at (x, y).
    public mutating func fill(_ x: Double, _ y: Double, weight: Double = 1) {
        guard let ix = xAxis.storageIndex(x), let iy = yAxis.storageIndex(y) else { nanEntries += 1; return }
        let k = storage(ix, iy)
        sumW[k] += weight
        sumW2[k] += weight * weight
        entries += 1
    }

    /// Sum of weights in regular cell (i, j), both 0-based; -1 and count address the flow bins.
    public func content(_ i: Int, _ j: Int) -> Double { sumW[storage(i + 1, j + 1)] }
    /// Monte Carlo error of regular cell (i, j).
    public func error(_ i: Int, _ j: Int) -> Double { sumW2[storage(i + 1, j + 1)].squareRoot() }

    /// Sum of weights in the regular cells, or in all cells with `includingFlow`.
    public func integral(includingFlow: Bool = false) -> Double {
        if includingFlow { return sumW.reduce(0, +) }
        var s = 0.0
        for j in 1...yAxis.count { for i in 1...xAxis.count { s += sumW[storage(i, j)] } }
        return s
    }

    /// The projection on x (summing all y bins, flow included), as a 1D histogram.
    public func projectionX() -> Histogram1D {
        var h = Histogram1D(axis: xAxis)
        h.setStorage(sumW: (0..<(xAxis.count + 2)).map { i in (0..<(yAxis.count + 2)).reduce(0) { $0 + sumW[storage(i, $1)] } },
                     sumW2: (0..<(xAxis.count + 2)).map { i in (0..<(yAxis.count + 2)).reduce(0) { $0 + sumW2[storage(i, $1)] } },
                     entries: entries, nanEntries: nanEntries)
        return h
    }

    /// Adds another histogram's contents; both axes must match.
    public mutating func merge(_ other: Histogram2D) throws(HEPCoreError) {
        guard other.xAxis == xAxis, other.yAxis == yAxis else {
            throw .incompatibleBinning("2D histograms with \(xAxis.count)x\(yAxis.count) and \(other.xAxis.count)x\(other.yAxis.count) bins or different edges")
        }
        for k in sumW.indices {
            sumW[k] += other.sumW[k]
            sumW2[k] += other.sumW2[k]
        }
        entries += other.entries
        nanEntries += other.nanEntries
    }
}
