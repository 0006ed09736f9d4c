/// Small dense linear algebra for Hessians (no BLAS: the matrices are at most a few hundred wide).
enum LinearAlgebra {
    /// The Cholesky factor L (lower triangular, A = L L^T) of a symmetric matrix, or nil when A is
    /// not positive definite (Golub & Van Loan, "Matrix Computations", 4th ed., Algorithm 4.2.2).
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var d = a[j][j]
            for k in 0..<j { d -= l[j][k] * l[j][k] }
            guard d > 0, d.isFinite else { return nil }
            let ljj = d.squareRoot()
            l[j][j] = ljj
            for i in (j + 1)..<max(n, j + 1) {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = s / ljj
            }
        }
        return l
    }

    /// A^{-1} for a symmetric positive definite A by its Cholesky factor, or nil.
    static func choleskyInverse(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        guard let l = cholesky(a) else { return nil }
        var inv = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for c in 0..<n {
            // Solve L y = e_c, then L^T x = y.
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var s = i == c ? 1.0 : 0.0
                for k in 0..<i { s -= l[i][k] * y[k] }
                y[i] = s / l[i][i]
            }
            var x = [Double](repeating: 0, count: n)
            for i in stride(from: n - 1, through: 0, by: -1) {
                var s = y[i]
                for k in (i + 1)..<max(n, i + 1) { s -= l[k][i] * x[k] }
                x[i] = s / l[i][i]
            }
            for i in 0..<n { inv[i][c] = x[i] }
        }
        return inv
    }
}
