/// Robust location and width of a weighted distribution: the weighted median and half the width of
/// the central 68.27% interval (for a Gaussian exactly sigma; for the recoil-mass peaks of the Z'
/// search, with their radiative tails, a core width insensitive to the tails).
public enum RobustWidth {
    /// The weighted quantile q in [0, 1] (linear interpolation of the weighted empirical CDF at
    /// the mid-points of each entry's weight); nil for an empty sample or zero total weight.
    public static func quantile(_ values: [Double], weights: [Double], _ q: Double) -> Double? {
        let pairs = zip(values, weights).filter { $0.0.isFinite && $0.1 > 0 }.sorted { $0.0 < $1.0 }
        let total = pairs.reduce(0) { $0 + $1.1 }
        guard !pairs.isEmpty, total > 0 else { return nil }
        var cumulative = 0.0
        var previous: (x: Double, c: Double)? = nil
        for (x, w) in pairs {
            let c = (cumulative + w / 2) / total
            if c >= q {
                guard let p = previous, c > p.c else { return x }
                return p.x + (x - p.x) * (q - p.c) / (c - p.c)
            }
            previous = (x, c)
            cumulative += w
        }
        return pairs.last?.0
    }

    /// (median, half-width of the central 68.27% interval), or nil for an empty sample.
    public static func medianAndWidth(_ values: [Double], weights: [Double]) -> (median: Double, width: Double)? {
        guard let lo = quantile(values, weights: weights, 0.158655), let med = quantile(values, weights: weights, 0.5),
              let hi = quantile(values, weights: weights, 0.841345) else { return nil }
        return (med, (hi - lo) / 2)
    }
}
