/// Adaptive Gauss-Kronrod quadrature with an error estimate.
///
/// Each interval is integrated with the 15-point Kronrod rule and its embedded 7-point Gauss rule
/// (nodes and weights of QUADPACK's QK15: R. Piessens, E. de Doncker-Kapenga, C. W. Ueberhuber,
/// D. K. Kahaner, "QUADPACK", Springer (1983), Sec. 2.2; the rules integrate polynomials of degree 22
/// and 13 exactly, which the tests check). The interval with the largest error |K15 - G7| is bisected
/// until the summed error meets max(absoluteTolerance, relativeTolerance * |integral|) (global
/// adaptive strategy as in QUADPACK's QAG). |K15 - G7| is the error of the 7-point rule, so the
/// estimate is conservative for the returned K15 sum.
public enum GaussKronrod {
    /// The result of an integration.
    public struct Result: Sendable, Equatable {
        /// The integral estimate.
        public let value: Double
        /// The estimated absolute error.
        public let error: Double
        /// Number of integrand evaluations.
        public let evaluations: Int
    }

    /// Kronrod abscissae on [-1, 1], non-negative half (the last is the centre).
    static let xk: [Double] = [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000,
    ]
    /// Kronrod weights for `xk`.
    static let wk: [Double] = [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ]
    /// Gauss weights for the odd-indexed Kronrod nodes xk[1], xk[3], xk[5] and the centre xk[7].
    static let wg: [Double] = [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    ]

    /// One application of the 15-point rule on [a, b]: (Kronrod estimate, Gauss estimate).
    static func rule<E: Error>(_ f: (Double) throws(E) -> Double, _ a: Double, _ b: Double) throws(E) -> (kronrod: Double, gauss: Double) {
        let c = 0.5 * (a + b), h = 0.5 * (b - a)
        let fc = try f(c)
        var k = wk[7] * fc
        var g = wg[3] * fc
        for j in 0..<7 {
            let dx = h * xk[j]
            let pair = try f(c - dx) + f(c + dx)
            k += wk[j] * pair
            if j % 2 == 1 { g += wg[j / 2] * pair }
        }
        return (k * h, g * h)
    }

    /// The 15-point Kronrod estimate of the integral of `f` on [a, b], without adaptation.
    public static func fixed<E: Error>(_ f: (Double) throws(E) -> Double, from a: Double, to b: Double) throws(E) -> Double {
        try rule(f, a, b).kronrod
    }

    /// Integrates `f` over [a, b] adaptively.
    ///
    /// - Throws: ``HEPCoreError/notFinite(quantity:value:)`` for non-finite limits or a non-finite
    ///   integrand value; ``HEPCoreError/notConverged(method:iterations:estimate:error:)`` when
    ///   `maxIntervals` subintervals do not reach the tolerance; any error `f` throws.
    public static func integrate(
        from a: Double, to b: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-10,
        maxIntervals: Int = 2000,
        _ f: (Double) throws -> Double
    ) throws -> Result {
        try HEPCoreError.requireFinite(a, "lower integration limit")
        try HEPCoreError.requireFinite(b, "upper integration limit")
        if a == b { return Result(value: 0, error: 0, evaluations: 0) }
        func checked(_ x: Double) throws -> Double {
            let y = try f(x)
            guard y.isFinite else { throw HEPCoreError.notFinite(quantity: "integrand at x = \(x)", value: y) }
            return y
        }
        struct Piece { var a: Double, b: Double, value: Double, error: Double }
        func piece(_ lo: Double, _ hi: Double) throws -> Piece {
            let r = try rule(checked, lo, hi)
            return Piece(a: lo, b: hi, value: r.kronrod, error: abs(r.kronrod - r.gauss))
        }
        var pieces = [try piece(a, b)]
        var evaluations = 15
        while true {
            let total = pieces.reduce(0) { $0 + $1.value }
            let error = pieces.reduce(0) { $0 + $1.error }
            if error <= max(absoluteTolerance, relativeTolerance * abs(total)) {
                return Result(value: total, error: error, evaluations: evaluations)
            }
            guard pieces.count < maxIntervals else {
                throw HEPCoreError.notConverged(method: "adaptive Gauss-Kronrod", iterations: pieces.count, estimate: total, error: error)
            }
            var worst = 0
            for i in pieces.indices where pieces[i].error > pieces[worst].error { worst = i }
            let w = pieces[worst]
            let mid = 0.5 * (w.a + w.b)
            guard mid > w.a, mid < w.b else {
                // The interval cannot be split further in double precision: accept what we have.
                throw HEPCoreError.notConverged(method: "adaptive Gauss-Kronrod (interval at machine precision)", iterations: pieces.count, estimate: total, error: error)
            }
            pieces[worst] = try piece(w.a, mid)
            pieces.append(try piece(mid, w.b))
            evaluations += 30
        }
    }
}
