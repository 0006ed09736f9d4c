import Foundation
import HEPCore
import RealModule

/// A chi^2 fit of a common vertex to tracks treated as straight lines near the interaction region
/// (curvature over micrometres is negligible). Track i passes through its reference point r_i with
/// direction t_i; its measured position perpendicular to t_i has independent Gaussian errors sigma_d0
/// along u1 (transverse, in the x-y plane) and sigma_z0 sin(theta) along u2 = t x u1. The vertex v
/// minimises chi^2 = sum_i [((r_i - v).u1)^2/sigma_1^2 + ((r_i - v).u2)^2/sigma_2^2], a linear least-
/// squares problem solved exactly (3x3 normal equations). With two tracks ndf = 4 - 3 = 1.
public enum VertexFit {
    public struct Track: Sendable {
        public var reference: ThreeVector
        public var direction: ThreeVector
        public var sigmaD0: Double
        public var sigmaZ0: Double
        public init(reference: ThreeVector, direction: ThreeVector, sigmaD0: Double, sigmaZ0: Double) {
            self.reference = reference
            self.direction = direction
            self.sigmaD0 = sigmaD0
            self.sigmaZ0 = sigmaZ0
        }
    }

    public struct Result: Sendable, Equatable {
        public let vertex: ThreeVector
        public let chi2: Double
        public let ndf: Int
        /// P(chi^2_ndf > chi2), the fit's p-value (confidence level).
        public let pValue: Double
    }

    /// Fits the vertex; nil for fewer than two tracks or a degenerate geometry.
    public static func fit(_ tracks: [Track]) -> Result? {
        guard tracks.count >= 2 else { return nil }
        var a = [Double](repeating: 0, count: 9), b = [Double](repeating: 0, count: 3)
        var axes: [(ThreeVector, Double, ThreeVector, Double)] = []
        for t in tracks {
            let dir = t.direction.unit
            let tp = dir.perp
            let u1 = tp > 0 ? ThreeVector(-dir.y / tp, dir.x / tp, 0) : ThreeVector(1, 0, 0)
            let u2 = dir.cross(u1)
            let s1 = t.sigmaD0, s2 = t.sigmaZ0 * max(tp, 1e-6)  // sin(theta) = pt/p = |t_perp|
            guard s1 > 0, s2 > 0 else { return nil }
            axes.append((u1, s1, u2, s2))
            for (u, s) in [(u1, s1), (u2, s2)] {
                let w = 1 / (s * s), uv = [u.x, u.y, u.z], r = t.reference.dot(u)
                for i in 0..<3 {
                    b[i] += w * uv[i] * r
                    for j in 0..<3 { a[3 * i + j] += w * uv[i] * uv[j] }
                }
            }
        }
        guard let v = solve3(a, b) else { return nil }
        let vertex = ThreeVector(v[0], v[1], v[2])
        var chi2 = 0.0
        for (t, (u1, s1, u2, s2)) in zip(tracks, axes) {
            let d = t.reference - vertex
            chi2 += (d.dot(u1) / s1) * (d.dot(u1) / s1) + (d.dot(u2) / s2) * (d.dot(u2) / s2)
        }
        let ndf = 2 * tracks.count - 3
        return Result(vertex: vertex, chi2: chi2, ndf: ndf, pValue: chiSquareSurvival(chi2, ndf: ndf))
    }

    /// P(chi^2_k > x) for k = 1 (erfc(sqrt(x/2))) and, generally, the regularised upper incomplete
    /// gamma function Q(k/2, x/2) by its series / continued fraction (Numerical Recipes 3rd ed.,
    /// Sec. 6.2, the standard expansions).
    public static func chiSquareSurvival(_ x: Double, ndf k: Int) -> Double {
        guard x > 0 else { return 1 }
        if k == 1 { return erfc((x / 2).squareRoot()) }
        let a = Double(k) / 2, y = x / 2
        let lnGammaA = Double.logGamma(a)
        if y < a + 1 {
            var sum = 1 / a, term = 1 / a, n = a
            for _ in 0..<500 { n += 1; term *= y / n; sum += term; if abs(term) < abs(sum) * 1e-16 { break } }
            return max(0, 1 - sum * exp(-y + a * log(y) - lnGammaA))
        }
        var b = y + 1 - a, c = 1 / 1e-300, d = 1 / b, h = d
        for i in 1..<500 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < 1e-300 { d = 1e-300 }
            c = b + an / c; if abs(c) < 1e-300 { c = 1e-300 }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-y + a * log(y) - lnGammaA) * h
    }

    /// Solves the symmetric 3x3 system a x = b by Cramer's rule; nil when it is singular.
    static func solve3(_ a: [Double], _ b: [Double]) -> [Double]? {
        func det(_ m: [Double]) -> Double {
            m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
        }
        let d = det(a)
        let scale = a.map(abs).max() ?? 0
        guard abs(d) > 1e-14 * scale * scale * scale, d.isFinite else { return nil }
        return (0..<3).map { c in
            var m = a
            for r in 0..<3 { m[3 * r + c] = b[r] }
            return det(m) / d
        }
    }
}
