import HEPCore

/// Thrust T = max_n sum_i |p_i . n| / sum_i |p_i| and its axis (S. Brandt et al., Phys. Lett. 12,
/// 57 (1964); E. Farhi, Phys. Rev. Lett. 39, 1587 (1977)). The maximum is reached for n along
/// sum_i eps_i p_i for some choice of signs eps_i = +-1, so for the handful of objects of a
/// low-multiplicity event the exact thrust follows from trying all 2^(N-1) sign choices (the most
/// energetic `maximumObjects` objects are used). Back-to-back events have T = 1.
public enum Thrust {
    public static let maximumObjects = 14

    /// Thrust and its unit axis (the axis's overall sign is arbitrary: it is chosen with a
    /// non-negative z component); (0, zero) for no momentum.
    public static func compute(_ momenta: [ThreeVector]) -> (thrust: Double, axis: ThreeVector) {
        var objects = momenta.filter { $0.magnitudeSquared > 0 }
        if objects.count > maximumObjects {
            objects.sort { $0.magnitudeSquared > $1.magnitudeSquared }
            objects = Array(objects.prefix(maximumObjects))
        }
        let total = objects.reduce(0) { $0 + $1.magnitude }
        guard total > 0 else { return (0, .zero) }
        var best = ThreeVector.zero, bestNorm = -1.0
        let n = objects.count
        for mask in 0..<(1 << max(n - 1, 0)) {
            var sum = objects[n - 1]
            for i in 0..<(n - 1) { sum = (mask >> i) & 1 == 1 ? sum + objects[i] : sum - objects[i] }
            let norm = sum.magnitudeSquared
            if norm > bestNorm { bestNorm = norm; best = sum }
        }
        var axis = best.unit
        if axis.z < 0 { axis = -axis }
        let t = objects.reduce(0) { $0 + abs($1.dot(axis)) } / total
        return (t, axis)
    }
}
