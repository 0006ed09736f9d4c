/// What a minimisation ended with.
public struct MinimizerResult: Sendable {
    /// Why the minimiser stopped.
    public enum Status: Sendable, Equatable, CustomStringConvertible {
        /// The projected gradient fell below the tolerance (or below the looser precision limit when
        /// no step could lower the function further, which is as far as double precision goes).
        case converged
        /// The iteration limit was reached first.
        case maxIterationsReached
        /// No step along the search direction lowered the function, with the projected gradient
        /// still large: a failure.
        case lineSearchFailed
        /// The objective was not finite at the start point.
        case nonFiniteStart
        /// The inputs (data, start values, bounds) did not fit the problem; nothing was minimised.
        case invalidInput

        public var description: String {
            switch self {
            case .converged: "converged"
            case .maxIterationsReached: "iteration limit reached"
            case .lineSearchFailed: "line search failed (no decrease along the search direction)"
            case .nonFiniteStart: "objective not finite at the starting point"
            case .invalidInput: "inputs of the wrong size or non-finite data"
            }
        }
    }

    public var x: [Double]
    public var value: Double
    public var gradient: [Double]
    /// The infinity norm of the projected gradient at `x` (0 at an exact bounded minimum).
    public var projectedGradientNorm: Double
    public var iterations: Int
    public var evaluations: Int
    public var status: Status
}

/// A bound-constrained limited-memory quasi-Newton minimiser in the spirit of L-BFGS-B
/// (R. H. Byrd, P. Lu, J. Nocedal, C. Zhu, SIAM J. Sci. Comput. 16, 1190 (1995)), in the simpler
/// projected form (D. P. Bertsekas, SIAM J. Control Optim. 20, 221 (1982); C.-J. Lin, J. J. Moré,
/// SIAM J. Optim. 9, 1100 (1999)): variables at a bound whose gradient points outwards are held
/// there; the L-BFGS two-loop recursion (J. Nocedal, Math. Comp. 35, 773 (1980); Nocedal & Wright,
/// "Numerical Optimization", 2nd ed., Algorithm 7.4) gives the step of the others; a backtracking
/// Armijo search runs along the projected path P(x + t d). Convergence is declared when the
/// infinity norm of the projected gradient, x - P(x - g), is below ``gradientTolerance``.
public struct BoundedMinimizer: Sendable {
    /// Tolerance on the projected gradient's infinity norm.
    public var gradientTolerance: Double = 1e-9
    /// When no step lowers the objective any more (the limit of double precision), the point is
    /// accepted as converged if the projected gradient is below this looser tolerance, relative to
    /// max(1, |f|) (rounding in f limits how small a gradient can be resolved).
    public var precisionLimitTolerance: Double = 1e-4
    /// Number of (s, y) pairs kept.
    public var memory: Int = 12
    public var maxIterations: Int = 5000

    public init() {}

    /// Minimises `objective` (which returns f(x) and writes its gradient) from `start`, within
    /// `bounds`, holding the parameters flagged in `fixed` at their start values.
    public func minimize(start: [Double], bounds: [Bounds], fixed: [Bool],
                         objective: ([Double], inout [Double]) -> Double) -> MinimizerResult {
        let n = start.count
        guard bounds.count == n, fixed.count == n else {
            return MinimizerResult(x: start, value: .nan, gradient: [], projectedGradientNorm: .nan, iterations: 0, evaluations: 0, status: .invalidInput)
        }
        var x = zip(start, bounds).map { $1.clamp($0) }
        for i in 0..<n where fixed[i] { x[i] = start[i] }
        var g = [Double](repeating: 0, count: n)
        var f = objective(x, &g)
        var evaluations = 1
        guard f.isFinite else {
            return MinimizerResult(x: x, value: f, gradient: g, projectedGradientNorm: .infinity, iterations: 0, evaluations: 1, status: .nonFiniteStart)
        }
        var sList: [[Double]] = [], yList: [[Double]] = [], rhoList: [Double] = []
        var free = [Bool](repeating: false, count: n)
        var xt = x, gt = g, d = x
        var iteration = 0
        var stalled = 0
        while true {
            let pg = projectedGradientNorm(x, g, bounds, fixed)
            if pg <= gradientTolerance {
                return MinimizerResult(x: x, value: f, gradient: g, projectedGradientNorm: pg, iterations: iteration, evaluations: evaluations, status: .converged)
            }
            if iteration >= maxIterations {
                return MinimizerResult(x: x, value: f, gradient: g, projectedGradientNorm: pg, iterations: iteration, evaluations: evaluations, status: .maxIterationsReached)
            }
            iteration += 1
            for i in 0..<n {
                let atLower = x[i] <= bounds[i].lower && g[i] > 0
                let atUpper = x[i] >= bounds[i].upper && g[i] < 0
                free[i] = !fixed[i] && !atLower && !atUpper
            }
            var accepted = false
            var fNew = f
            for attempt in 0..<2 {
                if attempt == 1 {
                    // Retry once from steepest descent with the memory cleared.
                    guard !sList.isEmpty else { break }
                    sList.removeAll(); yList.removeAll(); rhoList.removeAll()
                }
                direction(g, free, sList, yList, rhoList, into: &d)
                var slope = 0.0
                for i in 0..<n where free[i] { slope += d[i] * g[i] }
                if !(slope < 0) {
                    sList.removeAll(); yList.removeAll(); rhoList.removeAll()
                    direction(g, free, sList, yList, rhoList, into: &d)
                }
                var dMax = 0.0
                for i in 0..<n where free[i] { dMax = max(dMax, abs(d[i])) }
                var t = sList.isEmpty ? min(1, 1 / max(dMax, 1e-300)) : 1
                for _ in 0..<60 {
                    var decrease = 0.0
                    for i in 0..<n {
                        xt[i] = free[i] ? bounds[i].clamp(x[i] + t * d[i]) : x[i]
                        decrease += g[i] * (xt[i] - x[i])
                    }
                    if !(decrease < 0) { break }
                    let ft = objective(xt, &gt)
                    evaluations += 1
                    if ft.isFinite, ft <= f + 1e-4 * decrease {
                        fNew = ft
                        accepted = true
                        break
                    }
                    // Quadratic interpolation of the step, kept within [0.1 t, 0.5 t].
                    let quadratic = ft.isFinite ? -decrease * t / (2 * (ft - f - decrease)) : 0.1 * t
                    t = min(max(quadratic, 0.1 * t), 0.5 * t)
                }
                if accepted { break }
            }
            // Decreases at the rounding level of f no longer carry information: after a few in a row
            // the point is as good as double precision allows.
            stalled = accepted && f - fNew > 4 * Double.ulpOfOne * max(abs(f), 1) ? 0 : stalled + 1
            guard accepted, stalled < 4 else {
                let (xEnd, fEnd, gEnd) = accepted && fNew <= f ? (xt, fNew, gt) : (x, f, g)
                let pgEnd = projectedGradientNorm(xEnd, gEnd, bounds, fixed)
                let status: MinimizerResult.Status = pgEnd <= precisionLimitTolerance * max(1, abs(fEnd)) ? .converged : .lineSearchFailed
                return MinimizerResult(x: xEnd, value: fEnd, gradient: gEnd, projectedGradientNorm: pgEnd,
                                       iterations: iteration, evaluations: evaluations, status: status)
            }
            var s = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
            var sy = 0.0, yy = 0.0
            for i in 0..<n where !fixed[i] {
                s[i] = xt[i] - x[i]
                y[i] = gt[i] - g[i]
                sy += s[i] * y[i]
                yy += y[i] * y[i]
            }
            if sy > 1e-12 * yy, sy > 0 {
                sList.append(s); yList.append(y); rhoList.append(1 / sy)
                if sList.count > memory { sList.removeFirst(); yList.removeFirst(); rhoList.removeFirst() }
            }
            swap(&x, &xt)
            swap(&g, &gt)
            f = fNew
        }
    }

    /// d = -H g over the free variables (L-BFGS two-loop recursion), zero elsewhere.
    private func direction(_ g: [Double], _ free: [Bool], _ sList: [[Double]], _ yList: [[Double]], _ rho: [Double],
                           into d: inout [Double]) {
        let n = g.count
        for i in 0..<n { d[i] = free[i] ? g[i] : 0 }
        var alphas = [Double](repeating: 0, count: sList.count)
        for k in stride(from: sList.count - 1, through: 0, by: -1) {
            var a = 0.0
            for i in 0..<n where free[i] { a += sList[k][i] * d[i] }
            a *= rho[k]
            alphas[k] = a
            for i in 0..<n where free[i] { d[i] -= a * yList[k][i] }
        }
        if let s = sList.last, let y = yList.last {
            var sy = 0.0, yy = 0.0
            for i in 0..<n { sy += s[i] * y[i]; yy += y[i] * y[i] }
            let gamma = yy > 0 ? sy / yy : 1
            for i in 0..<n { d[i] *= gamma }
        }
        for k in 0..<sList.count {
            var b = 0.0
            for i in 0..<n where free[i] { b += yList[k][i] * d[i] }
            b *= rho[k]
            for i in 0..<n where free[i] { d[i] += sList[k][i] * (alphas[k] - b) }
        }
        for i in 0..<n { d[i] = free[i] ? -d[i] : 0 }
    }

    /// || x - P(x - g) ||_inf over the parameters that are not fixed.
    func projectedGradientNorm(_ x: [Double], _ g: [Double], _ bounds: [Bounds], _ fixed: [Bool]) -> Double {
        var m = 0.0
        for i in x.indices where !fixed[i] {
            m = max(m, abs(x[i] - bounds[i].clamp(x[i] - g[i])))
        }
        return m
    }
}
