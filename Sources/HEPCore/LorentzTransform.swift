import RealModule

/// A general proper orthochronous Lorentz transformation Lambda acting on four-momenta as
/// p'^mu = Lambda^mu_nu p^nu, stored as a 4x4 matrix in (E, x, y, z) order.
///
/// Built from pure boosts and rotations and composed by matrix product; the 16 elements are stored
/// inline (SIMD16), so building and applying transformations in a hot loop allocates nothing. The
/// inverse uses the
/// defining property Lambda^T eta Lambda = eta, so Lambda^-1 = eta Lambda^T eta (no matrix inversion).
public struct LorentzTransform: Hashable, Sendable {
    /// Row-major matrix elements m[4 * row + column].
    public private(set) var m: SIMD16<Double>

    private init(matrix: SIMD16<Double>) { m = matrix }

    /// The identity.
    public static let identity = LorentzTransform(matrix: SIMD16(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1))

    /// The pure boost that gives a particle at rest the velocity `beta` (units of c). To go to the
    /// rest frame of a system moving with velocity beta, use `boost(beta: -beta)`.
    ///
    /// E' = gamma (E + beta.p), p' = p + [gamma^2/(1+gamma) beta.p + gamma E] beta
    /// (J. D. Jackson, Classical Electrodynamics, 3rd ed., Eq. 11.19); gamma^2/(1+gamma) replaces
    /// (gamma - 1)/beta^2 so that tiny boosts lose no digits.
    public static func boost(beta b: ThreeVector) throws(HEPCoreError) -> LorentzTransform {
        try HEPCoreError.requireFinite(b.x, "boost beta_x")
        try HEPCoreError.requireFinite(b.y, "boost beta_y")
        try HEPCoreError.requireFinite(b.z, "boost beta_z")
        let b2 = b.magnitudeSquared
        guard b2 < 1 else { throw .superluminalBoost(beta: b2.squareRoot()) }
        return boost(validBeta: b)
    }

    /// The boost for a velocity the caller guarantees finite with |beta| < 1 (e.g. the velocity of
    /// a time-like four-momentum), without the checks of ``boost(beta:)``.
    public static func boost(validBeta b: ThreeVector) -> LorentzTransform {
        let b2 = b.magnitudeSquared
        let g = 1 / (1 - b2).squareRoot()
        let k = g * g / (1 + g)
        let gx = g * b.x, gy = g * b.y, gz = g * b.z
        return LorentzTransform(matrix: SIMD16(
            g, gx, gy, gz,
            gx, 1 + k * b.x * b.x, k * b.x * b.y, k * b.x * b.z,
            gy, k * b.y * b.x, 1 + k * b.y * b.y, k * b.y * b.z,
            gz, k * b.z * b.x, k * b.z * b.y, 1 + k * b.z * b.z))
    }

    /// The rotation by `angle` (radians, right-handed) about the unit vector along `axis`
    /// (Rodrigues' formula). A zero axis gives the identity.
    public static func rotation(axis: ThreeVector, angle: Double) -> LorentzTransform {
        let n = axis.unit
        guard n.magnitudeSquared > 0 else { return .identity }
        let c = Double.cos(angle), s = Double.sin(angle), t = 1 - c
        let r: [Double] = [
            c + n.x * n.x * t, n.x * n.y * t - n.z * s, n.x * n.z * t + n.y * s,
            n.y * n.x * t + n.z * s, c + n.y * n.y * t, n.y * n.z * t - n.x * s,
            n.z * n.x * t - n.y * s, n.z * n.y * t + n.x * s, c + n.z * n.z * t,
        ]
        var mat = SIMD16<Double>(repeating: 0)
        mat[0] = 1
        for i in 0..<3 { for j in 0..<3 { mat[4 * (i + 1) + j + 1] = r[3 * i + j] } }
        return LorentzTransform(matrix: mat)
    }

    /// The rotation that turns the direction of `from` into the direction of `to` (about their
    /// common normal); the identity when either is zero or they are already parallel, a rotation by pi
    /// about an axis perpendicular to `from` when they are antiparallel.
    public static func rotation(from: ThreeVector, to: ThreeVector) -> LorentzTransform {
        let a = from.unit, b = to.unit
        guard a.magnitudeSquared > 0, b.magnitudeSquared > 0 else { return .identity }
        var axis = a.cross(b)
        if axis.magnitudeSquared < 1e-30 {
            if a.dot(b) > 0 { return .identity }
            axis = abs(a.x) < 0.9 ? a.cross(ThreeVector(1, 0, 0)) : a.cross(ThreeVector(0, 1, 0))
        }
        return rotation(axis: axis, angle: a.angle(to: b))
    }

    /// Applies the transformation to a four-momentum.
    @inlinable public func apply(_ p: FourMomentum) -> FourMomentum {
        let q = m
        return FourMomentum(
            e: q[0] * p.e + q[1] * p.px + q[2] * p.py + q[3] * p.pz,
            px: q[4] * p.e + q[5] * p.px + q[6] * p.py + q[7] * p.pz,
            py: q[8] * p.e + q[9] * p.px + q[10] * p.py + q[11] * p.pz,
            pz: q[12] * p.e + q[13] * p.px + q[14] * p.py + q[15] * p.pz)
    }

    /// The transformation that applies `first`, then `self`: (self * first) p = self(first(p)).
    public func after(_ first: LorentzTransform) -> LorentzTransform {
        var out = SIMD16<Double>(repeating: 0)
        for i in 0..<4 {
            for j in 0..<4 {
                var s = 0.0
                for k in 0..<4 { s += m[4 * i + k] * first.m[4 * k + j] }
                out[4 * i + j] = s
            }
        }
        return LorentzTransform(matrix: out)
    }

    /// The inverse transformation eta Lambda^T eta.
    public var inverse: LorentzTransform {
        var out = SIMD16<Double>(repeating: 0)
        for i in 0..<4 {
            for j in 0..<4 {
                let sign: Double = (i == 0) == (j == 0) ? 1 : -1
                out[4 * i + j] = sign * m[4 * j + i]
            }
        }
        return LorentzTransform(matrix: out)
    }
}

extension FourMomentum {
    /// This momentum boosted by velocity `beta` (a particle at rest acquires velocity beta).
    public func boosted(by beta: ThreeVector) throws(HEPCoreError) -> FourMomentum {
        try LorentzTransform.boost(beta: beta).apply(self)
    }
}
