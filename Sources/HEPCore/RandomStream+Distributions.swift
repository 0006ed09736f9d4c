import RealModule

extension RandomStream {
    /// A standard normal deviate by the Box-Muller transform (G. E. P. Box, M. E. Muller, Ann. Math.
    /// Stat. 29, 610 (1958)), using one of the pair so that the stream's position after a call is
    /// always two 64-bit draws further: simple to reason about when splitting work.
    @inlinable public mutating func gaussian() -> Double {
        let u1 = uniformPositive()
        let u2 = uniform()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }

    /// A normal deviate with the given mean and standard deviation.
    @inlinable public mutating func gaussian(mean: Double, sigma: Double) -> Double {
        mean + sigma * gaussian()
    }

    /// An exponential deviate with the given mean (inverse transform of one uniform).
    @inlinable public mutating func exponential(mean: Double) -> Double {
        -mean * Double.log(uniformPositive())
    }

    /// A point uniformly distributed on the unit sphere (cos theta uniform in [-1, 1], phi in [0, 2 pi)).
    @inlinable public mutating func isotropicDirection() -> ThreeVector {
        let c = uniform(-1, 1)
        let s = Swift.max(0, 1 - c * c).squareRoot()
        let phi = 2 * Double.pi * uniform()
        return ThreeVector(s * Double.cos(phi), s * Double.sin(phi), c)
    }
}
