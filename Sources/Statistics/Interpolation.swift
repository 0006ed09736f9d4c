import RealModule

/// The interpolations pyhf uses by default between a nominal yield and its +-1 sigma variations
/// (pyhf 0.7 `pyhf.interpolators.code4` and `code4p`; HistFactory's InterpCode 4, described in
/// CERN-OPEN-2012-016 and in ROOT's `RooStats::HistFactory::FlexibleInterpVar`), each with its
/// derivative in alpha for the analytic gradient.
enum Interpolation {
    /// Code 4: polynomial inside |alpha| < 1 and exponential outside, for the normsys factor.
    ///
    /// With up = hi / nominal and down = lo / nominal (the normsys factors themselves, the nominal
    /// being 1): f = up^alpha for alpha >= 1, f = down^(-alpha) for alpha <= -1, and
    /// f = 1 + sum_{i=1..6} a_i alpha^i in between, the a_i fixed by matching f, f' and f'' at
    /// alpha = +-1 (pyhf docs, `code4`; the inverse matrix below is pyhf's `A_inverse` at alpha0 = 1).
    struct Code4: Sendable, Equatable {
        let up: Double
        let down: Double
        let logUp: Double
        let logDown: Double
        /// a_1 ... a_6.
        let coefficients: [Double]

        /// - Precondition: hi > 0 and lo > 0 (checked when the workspace is validated).
        init(hi: Double, lo: Double) {
            up = hi
            down = lo
            logUp = Double.log(hi)
            logDown = Double.log(lo)
            let b = [up - 1, down - 1, logUp * up, -logDown * down, logUp * logUp * up, logDown * logDown * down]
            let aInverse: [[Double]] = [
                [15.0 / 16, -15.0 / 16, -7.0 / 16, -7.0 / 16, 1.0 / 16, -1.0 / 16],
                [3.0 / 2, 3.0 / 2, -9.0 / 16, 9.0 / 16, 1.0 / 16, 1.0 / 16],
                [-5.0 / 8, 5.0 / 8, 5.0 / 8, 5.0 / 8, -1.0 / 8, 1.0 / 8],
                [3.0 / -2, 3.0 / -2, -7.0 / -8, 7.0 / -8, -1.0 / 8, -1.0 / 8],
                [3.0 / 16, -3.0 / 16, -3.0 / 16, -3.0 / 16, 1.0 / 16, -1.0 / 16],
                [1.0 / 2, 1.0 / 2, -5.0 / 16, 5.0 / 16, 1.0 / 16, 1.0 / 16],
            ]
            coefficients = aInverse.map { row in zip(row, b).reduce(0) { $0 + $1.0 * $1.1 } }
        }

        /// The factor and its derivative d factor / d alpha.
        func callAsFunction(_ alpha: Double) -> (value: Double, derivative: Double) {
            if alpha >= 1 {
                let v = Double.exp(alpha * logUp)
                return (v, logUp * v)
            }
            if alpha <= -1 {
                let v = Double.exp(-alpha * logDown)
                return (v, -logDown * v)
            }
            // Horner's rule for 1 + sum a_i alpha^i and its derivative.
            var value = coefficients[5], derivative = 6 * coefficients[5]
            for i in stride(from: 4, through: 0, by: -1) {
                value = value * alpha + coefficients[i]
                derivative = derivative * alpha + Double(i + 1) * coefficients[i]
            }
            return (1 + value * alpha, derivative)
        }
    }

    /// Code 4p: piecewise linear outside |alpha| <= 1 and a sixth-order polynomial inside, for the
    /// additive histosys shift of one bin (pyhf `code4p`): with dUp = hi - nominal,
    /// dDown = nominal - lo, S = (dUp + dDown) / 2, A = (dUp - dDown) / 16,
    /// delta = dUp alpha (alpha > 1), dDown alpha (alpha < -1),
    /// alpha S + A (15 alpha^2 - 10 alpha^4 + 3 alpha^6) otherwise.
    @inline(__always)
    static func code4p(_ alpha: Double, deltaUp: Double, deltaDown: Double) -> (value: Double, derivative: Double) {
        if alpha > 1 { return (deltaUp * alpha, deltaUp) }
        if alpha < -1 { return (deltaDown * alpha, deltaDown) }
        let s = 0.5 * (deltaUp + deltaDown)
        let a = 0.0625 * (deltaUp - deltaDown)
        let a2 = alpha * alpha
        let poly = a2 * (15 + a2 * (-10 + a2 * 3))
        let dpoly = alpha * (30 + a2 * (-40 + a2 * 18))
        return (alpha * s + a * poly, s + a * dpoly)
    }
}
