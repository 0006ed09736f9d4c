import HEPCore
import RealModule

extension RandomStream {
    /// A Poisson deviate of mean `mean` (>= 0).
    ///
    /// For mean < 10, inversion by multiplication of uniforms (D. E. Knuth, "The Art of Computer
    /// Programming" Vol. 2, 3rd ed., Sec. 3.4.1 F); otherwise the transformed rejection method PTRS
    /// of W. Hörmann, Insurance: Mathematics and Economics 12, 39 (1993), with the constants of that
    /// paper (as in NumPy's `random_poisson_ptrs`). The number of uniforms used depends on the draws,
    /// so reproducibility comes from giving each block of toys its own stream.
    mutating func poisson(mean: Double) -> Double {
        guard mean > 0, mean.isFinite else { return 0 }
        if mean < 10 {
            let limit = Double.exp(-mean)
            var product = uniform()
            var k = 0.0
            while product > limit {
                product *= uniform()
                k += 1
            }
            return k
        }
        let sqrtMean = mean.squareRoot()
        let logMean = Double.log(mean)
        let b = 0.931 + 2.53 * sqrtMean
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07, v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Double.log(v) + Double.log(inverseAlpha) - Double.log(a / (us * us) + b)
                <= -mean + k * logMean - Double.logGamma(k + 1) {
                return k
            }
        }
    }
}
