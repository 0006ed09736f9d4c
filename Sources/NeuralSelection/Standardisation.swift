/// Input standardisation: each feature shifted by its mean and divided by its standard deviation
/// (computed on the training sample; a constant feature keeps scale 1).
public struct Standardisation: Sendable, Codable, Equatable {
    public let mean: [Float]
    public let scale: [Float]

    /// The statistics of `rows` rows of `features` (row-major, `dimension` columns).
    public init(features: [Float], dimension: Int) {
        let n = dimension > 0 ? features.count / dimension : 0
        var m = [Double](repeating: 0, count: dimension), s = m
        for r in 0..<n { for j in 0..<dimension { m[j] += Double(features[r * dimension + j]) } }
        m = m.map { n > 0 ? $0 / Double(n) : 0 }
        for r in 0..<n { for j in 0..<dimension { let d = Double(features[r * dimension + j]) - m[j]; s[j] += d * d } }
        mean = m.map(Float.init)
        scale = s.map { n > 1 ? Float(($0 / Double(n - 1)).squareRoot()) : 1 }.map { $0 > 0 && $0.isFinite ? $0 : 1 }
    }

    /// Standardised copy of row-major `features`.
    public func apply(_ features: [Float]) -> [Float] {
        let d = mean.count
        var out = features
        for i in out.indices { out[i] = (out[i] - mean[i % d]) / scale[i % d] }
        return out
    }
}
