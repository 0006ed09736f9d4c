/// Brent's method for a root of a continuous function bracketed by [a, b]: inverse quadratic
/// interpolation and the secant step where they make progress, bisection otherwise, so convergence
/// is guaranteed and usually superlinear (R. P. Brent, "Algorithms for Minimization without
/// Derivatives", Prentice-Hall (1973), Ch. 4, algorithm "zero").
public enum BrentRoot {
    /// A root of `f` in [a, b] to within `tolerance` (absolute, plus 4 ulp of the root).
    ///
    /// - Throws: ``HEPCoreError/rootNotBracketed(a:b:fa:fb:)`` when f(a) and f(b) have the same
    ///   sign; ``HEPCoreError/notFinite(quantity:value:)`` when f returns NaN or infinity;
    ///   ``HEPCoreError/notConverged(method:iterations:estimate:error:)`` after `maxIterations`.
    public static func solve(
        in interval: (Double, Double), tolerance: Double = 1e-12, maxIterations: Int = 200,
        _ f: (Double) throws -> Double
    ) throws -> Double {
        func eval(_ x: Double) throws -> Double {
            let y = try f(x)
            guard y.isFinite else { throw HEPCoreError.notFinite(quantity: "function value at x = \(x)", value: y) }
            return y
        }
        var a = interval.0, b = interval.1
        try HEPCoreError.requireFinite(a, "bracket start")
        try HEPCoreError.requireFinite(b, "bracket end")
        var fa = try eval(a), fb = try eval(b)
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { throw HEPCoreError.rootNotBracketed(a: a, b: b, fa: fa, fb: fb) }
        // c is the previous iterate with f(c) of opposite sign to f(b); b is the best estimate.
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<maxIterations {
            if (fb < 0) == (fc < 0) { c = a; fc = fa; d = b - a; e = d }
            if abs(fc) < abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let tol = 2 * Double.ulpOfOne * abs(b) + 0.5 * tolerance
            let m = 0.5 * (c - b)
            if abs(m) <= tol || fb == 0 { return b }
            if abs(e) >= tol, abs(fa) > abs(fb) {
                // Interpolation: secant when a == c, inverse quadratic otherwise.
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)) {
                    e = d; d = p / q
                } else {
                    d = m; e = m
                }
            } else {
                d = m; e = m
            }
            a = b; fa = fb
            b += abs(d) > tol ? d : (m > 0 ? tol : -tol)
            fb = try eval(b)
        }
        throw HEPCoreError.notConverged(method: "Brent root finding", iterations: maxIterations, estimate: b, error: abs(c - b))
    }
}
