import ComplexModule
import RealModule
import HEPCore

/// The couplings of a fermion-fermion-vector vertex, -i gamma^mu (gL P_L + gR P_R), with
/// P_L,R = (1 -+ gamma5)/2. Vector and axial couplings map as gV = (gL + gR)/2, gA = (gL - gR)/2 for
/// -i gamma^mu (gV - gA gamma5) (KEK 91-11, Sec. 4, the GC(1), GC(2) of the FFV routines).
public struct ChiralCoupling: Sendable, Equatable {
    public var left: Double
    public var right: Double
    public init(left: Double, right: Double) {
        self.left = left
        self.right = right
    }
    /// A pure vector coupling g gamma^mu.
    public static func vector(_ g: Double) -> ChiralCoupling { ChiralCoupling(left: g, right: g) }
    /// The coupling scaled by a factor.
    public func scaled(by f: Double) -> ChiralCoupling { ChiralCoupling(left: left * f, right: right * f) }
}

/// The Dirac-algebra building blocks of tree amplitudes, HELAS style: every function applies a
/// slashed vector, a vertex or a propagator to a spinor, so an amplitude is a chain of 4-component
/// operations instead of 4x4 matrix products. Overall factors of i from vertices (-i) and
/// propagators (i for fermions, -i for vectors) are left out: every diagram of one process has the
/// same number of each, so they form a common phase (each process states this).
public enum Dirac {
    /// v-slash (gL P_L + gR P_R) psi for a column spinor psi. With vslash = [[0, V-], [V+, 0]],
    /// V-+ = v^0 -+ v.sigma: upper = V- (gR psi_R), lower = V+ (gL psi_L).
    @inlinable
    public static func slash(_ v: CVector, _ c: ChiralCoupling, _ psi: Spinor) -> Spinor {
        let r0 = psi.s2 * c.right, r1 = psi.s3 * c.right
        let l0 = psi.s0 * c.left, l1 = psi.s1 * c.left
        // V- = [[t - z, -(x - i y)], [-(x + i y), t + z]]; V+ = [[t + z, x - i y], [x + i y, t - z]]
        let xmy = v.x - Cplx(0, 1) * v.y, xpy = v.x + Cplx(0, 1) * v.y
        let tmz = v.t - v.z, tpz = v.t + v.z
        return Spinor(tmz * r0 - xmy * r1, -xpy * r0 + tpz * r1,
                      tpz * l0 + xmy * l1, xpy * l0 + tmz * l1)
    }

    /// psibar v-slash (gL P_L + gR P_R) for a row spinor psibar: row (b_L, b_R) times
    /// [[0, V-], [V+, 0]] = (b_R V+, b_L V-), then the chiral couplings (gL on the first block).
    @inlinable
    public static func slash(_ bar: Spinor, _ v: CVector, _ c: ChiralCoupling) -> Spinor {
        let xmy = v.x - Cplx(0, 1) * v.y, xpy = v.x + Cplx(0, 1) * v.y
        let tmz = v.t - v.z, tpz = v.t + v.z
        // b_R V+ : (b2, b3) [[t + z, x - i y], [x + i y, t - z]]
        let u0 = bar.s2 * tpz + bar.s3 * xpy
        let u1 = bar.s2 * xmy + bar.s3 * tmz
        // b_L V- : (b0, b1) [[t - z, -(x - i y)], [-(x + i y), t + z]]
        let w0 = bar.s0 * tmz - bar.s1 * xpy
        let w1 = -bar.s0 * xmy + bar.s1 * tpz
        return Spinor(u0 * c.left, u1 * c.left, w0 * c.right, w1 * c.right)
    }

    /// The current J^mu = psibar gamma^mu (gL P_L + gR P_R) psi (upper index):
    /// psibar_L sigma^mu (gR psi_R) + psibar_R sigmabar^mu (gL psi_L).
    @inlinable
    public static func current(_ bar: Spinor, _ c: ChiralCoupling, _ psi: Spinor) -> CVector {
        let r0 = psi.s2 * c.right, r1 = psi.s3 * c.right
        let l0 = psi.s0 * c.left, l1 = psi.s1 * c.left
        // b sigma^mu x for b = (b0, b1), x = (r0, r1): (b0 x0 + b1 x1, b0 x1 + b1 x0, i(b1 x0 - b0 x1), b0 x0 - b1 x1)
        let at = bar.s0 * r0 + bar.s1 * r1
        let ax = bar.s0 * r1 + bar.s1 * r0
        let ay = Cplx(0, 1) * (bar.s1 * r0 - bar.s0 * r1)
        let az = bar.s0 * r0 - bar.s1 * r1
        // b sigmabar^mu x for b = (b2, b3), x = (l0, l1): spatial parts negated.
        let bt = bar.s2 * l0 + bar.s3 * l1
        let bx = bar.s2 * l1 + bar.s3 * l0
        let by = Cplx(0, 1) * (bar.s3 * l0 - bar.s2 * l1)
        let bz = bar.s2 * l0 - bar.s3 * l1
        return CVector(at + bt, ax - bx, ay - by, az - bz)
    }

    /// The amplitude psibar v-slash (gL P_L + gR P_R) psi.
    @inlinable
    public static func sandwich(_ bar: Spinor, _ v: CVector, _ c: ChiralCoupling, _ psi: Spinor) -> Cplx {
        let s = slash(v, c, psi)
        return bar.s0 * s.s0 + bar.s1 * s.s1 + bar.s2 * s.s2 + bar.s3 * s.s3
    }

    /// The product of a row and a column spinor.
    @inlinable
    public static func product(_ bar: Spinor, _ psi: Spinor) -> Cplx {
        bar.s0 * psi.s0 + bar.s1 * psi.s1 + bar.s2 * psi.s2 + bar.s3 * psi.s3
    }

    /// The fermion propagator acting to the right, (pslash + m) psi / denominator, with p the
    /// momentum along the fermion arrow. The caller passes p^2 - m^2 (computed in a numerically
    /// stable way for nearly on-shell lines) as `denominator`.
    @inlinable
    public static func propagate(_ p: FourMomentum, mass: Double, denominator: Double, _ psi: Spinor) -> Spinor {
        let s = slash(CVector(p), ChiralCoupling(left: 1, right: 1), psi)
        let f = 1 / denominator
        return Spinor((s.s0 + psi.s0 * mass) * f, (s.s1 + psi.s1 * mass) * f,
                      (s.s2 + psi.s2 * mass) * f, (s.s3 + psi.s3 * mass) * f)
    }

    /// The fermion propagator acting to the left, psibar (pslash + m) / denominator.
    @inlinable
    public static func propagate(_ bar: Spinor, _ p: FourMomentum, mass: Double, denominator: Double) -> Spinor {
        let s = slash(bar, CVector(p), ChiralCoupling(left: 1, right: 1))
        let f = 1 / denominator
        return Spinor((s.s0 + bar.s0 * mass) * f, (s.s1 + bar.s1 * mass) * f,
                      (s.s2 + bar.s2 * mass) * f, (s.s3 + bar.s3 * mass) * f)
    }

    /// A current J propagated by a vector boson of momentum q (upper index), mass M and width Gamma
    /// in unitary gauge: (J - (q.J) q / M^2) / (q^2 - M^2 + i M Gamma); the photon (M = 0) in
    /// Feynman gauge: J / q^2.
    @inlinable
    public static func propagateVector(_ j: CVector, momentum q: FourMomentum, mass: Double, width: Double) -> CVector {
        let q2 = q.massSquared
        if mass == 0 { return (1 / q2) * j }
        let qj = j.dot(q)
        let projected = j - (qj / Cplx(mass * mass)) * CVector(q)
        let den = Cplx(q2 - mass * mass, mass * width)
        return (1 / den) * projected
    }
}

extension Dirac {
    /// (vL-slash P_L + vR-slash P_R) psi: a vertex whose left- and right-handed parts couple to
    /// different vectors (the sum over gamma and Z of g_L,V eps_V and g_R,V eps_V).
    @inlinable
    public static func chiralSlash(left vL: CVector, right vR: CVector, _ psi: Spinor) -> Spinor {
        // upper = V-(vR) psi_R, lower = V+(vL) psi_L
        let i = Cplx(0, 1)
        let rxm = vR.x - i * vR.y, rxp = vR.x + i * vR.y, rtm = vR.t - vR.z, rtp = vR.t + vR.z
        let lxm = vL.x - i * vL.y, lxp = vL.x + i * vL.y, ltm = vL.t - vL.z, ltp = vL.t + vL.z
        return Spinor(rtm * psi.s2 - rxm * psi.s3, -rxp * psi.s2 + rtp * psi.s3,
                      ltp * psi.s0 + lxm * psi.s1, lxp * psi.s0 + ltm * psi.s1)
    }

    /// psibar (vL-slash P_L + vR-slash P_R) for a row spinor.
    @inlinable
    public static func chiralSlash(_ bar: Spinor, left vL: CVector, right vR: CVector) -> Spinor {
        let i = Cplx(0, 1)
        let lxm = vL.x - i * vL.y, lxp = vL.x + i * vL.y, ltm = vL.t - vL.z, ltp = vL.t + vL.z
        let rxm = vR.x - i * vR.y, rxp = vR.x + i * vR.y, rtm = vR.t - vR.z, rtp = vR.t + vR.z
        // (b_R V+(vL)) on the left block, (b_L V-(vR)) on the right block.
        return Spinor(bar.s2 * ltp + bar.s3 * lxp, bar.s2 * lxm + bar.s3 * ltm,
                      bar.s0 * rtm - bar.s1 * rxp, -bar.s0 * rxm + bar.s1 * rtp)
    }
}
