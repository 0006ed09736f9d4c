import RealModule

/// A four-momentum (E, px, py, pz) in GeV, with the metric (+, -, -, -).
///
/// Angles follow the usual collider convention: theta is the polar angle from +z in [0, pi], phi the
/// azimuth about z in (-pi, pi], rapidity y = (1/2) ln((E + pz)/(E - pz)).
@frozen
public struct FourMomentum: Hashable, Sendable {
    /// Energy in GeV.
    public var e: Double
    /// Momentum components in GeV.
    public var px: Double
    public var py: Double
    public var pz: Double

    @inlinable public init(e: Double, px: Double, py: Double, pz: Double) {
        self.e = e; self.px = px; self.py = py; self.pz = pz
    }

    /// A four-momentum from its energy and three-momentum.
    @inlinable public init(e: Double, p: ThreeVector) {
        self.init(e: e, px: p.x, py: p.y, pz: p.z)
    }

    /// The on-shell four-momentum of a particle of `mass` (GeV) with three-momentum `p`.
    @inlinable public init(mass: Double, p: ThreeVector) {
        self.init(e: (mass * mass + p.magnitudeSquared).squareRoot(), p: p)
    }

    /// The on-shell four-momentum of mass `mass` and momentum magnitude `p` along polar angle
    /// `theta` and azimuth `phi` (radians).
    @inlinable public init(mass: Double, p: Double, theta: Double, phi: Double) {
        let st = Double.sin(theta)
        self.init(mass: mass, p: ThreeVector(p * st * Double.cos(phi), p * st * Double.sin(phi), p * Double.cos(theta)))
    }

    public static let zero = FourMomentum(e: 0, px: 0, py: 0, pz: 0)

    /// The three-momentum (px, py, pz).
    @inlinable public var momentum: ThreeVector { ThreeVector(px, py, pz) }

    /// Minkowski product a.b = E_a E_b - p_a . p_b.
    @inlinable public func dot(_ o: FourMomentum) -> Double {
        e * o.e - px * o.px - py * o.py - pz * o.pz
    }

    /// Invariant mass squared m^2 = E^2 - |p|^2 (GeV^2); may be slightly negative for massless
    /// momenta through rounding, or genuinely negative for space-like momenta (e.g. a photon
    /// propagator or a recoil system).
    @inlinable public var massSquared: Double { dot(self) }

    /// Invariant mass in GeV: sqrt(m^2) for time-like momenta, -sqrt(-m^2) for space-like ones
    /// (ROOT's TLorentzVector::M convention), so a recoil mass below zero stays visible as negative.
    @inlinable public var mass: Double {
        let m2 = massSquared
        return m2 >= 0 ? m2.squareRoot() : -(-m2).squareRoot()
    }

    /// |p| in GeV.
    @inlinable public var p: Double { momentum.magnitude }
    /// Transverse momentum sqrt(px^2 + py^2) in GeV.
    @inlinable public var pt: Double { (px * px + py * py).squareRoot() }
    /// Polar angle in [0, pi] (0 for a zero momentum).
    @inlinable public var theta: Double { Double.atan2(y: pt, x: pz) }
    /// cos(theta) = pz / |p| (1 for a zero momentum).
    @inlinable public var cosTheta: Double {
        let m = p
        return m > 0 ? pz / m : 1
    }
    /// Azimuth in (-pi, pi].
    @inlinable public var phi: Double { Double.atan2(y: py, x: px) }
    /// Rapidity y = (1/2) ln((E + pz)/(E - pz)); infinite for a massless momentum along the beam.
    @inlinable public var rapidity: Double { 0.5 * Double.log((e + pz) / (e - pz)) }
    /// Pseudorapidity eta = -ln tan(theta/2).
    @inlinable public var pseudorapidity: Double { -Double.log(Double.tan(theta / 2)) }
    /// Velocity beta = p / E (units of c) of the system with this four-momentum.
    @inlinable public var beta: ThreeVector { momentum / e }
    /// beta gamma = |p| / m of the system (GeV/GeV).
    @inlinable public var betaGamma: Double { p / mass }

    @inlinable public static func + (a: FourMomentum, b: FourMomentum) -> FourMomentum {
        FourMomentum(e: a.e + b.e, px: a.px + b.px, py: a.py + b.py, pz: a.pz + b.pz)
    }
    @inlinable public static func - (a: FourMomentum, b: FourMomentum) -> FourMomentum {
        FourMomentum(e: a.e - b.e, px: a.px - b.px, py: a.py - b.py, pz: a.pz - b.pz)
    }
    @inlinable public static prefix func - (a: FourMomentum) -> FourMomentum {
        FourMomentum(e: -a.e, px: -a.px, py: -a.py, pz: -a.pz)
    }
    @inlinable public static func * (s: Double, a: FourMomentum) -> FourMomentum {
        FourMomentum(e: s * a.e, px: s * a.px, py: s * a.py, pz: s * a.pz)
    }
    @inlinable public static func += (a: inout FourMomentum, b: FourMomentum) { a = a + b }
    @inlinable public static func -= (a: inout FourMomentum, b: FourMomentum) { a = a - b }
}

extension FourMomentum: CustomStringConvertible {
    public var description: String { "(E=\(e), px=\(px), py=\(py), pz=\(pz)) GeV" }
}

/// The Kallen triangle function lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2bc - 2ca, which gives
/// two-body momenta: p* = sqrt(lambda(s, m1^2, m2^2)) / (2 sqrt s) (e.g. PDG 2024, "Kinematics",
/// Eq. 49.17).
@inlinable public func kallen(_ a: Double, _ b: Double, _ c: Double) -> Double {
    a * a + b * b + c * c - 2 * (a * b + b * c + c * a)
}

/// The momentum of either daughter in the rest frame of a parent of mass `m` decaying to masses
/// `m1` and `m2` (GeV), or nil below threshold (PDG 2024, "Kinematics", Eq. 49.17).
@inlinable public func twoBodyMomentum(parentMass m: Double, _ m1: Double, _ m2: Double) -> Double? {
    guard m >= m1 + m2 else { return nil }
    let l = kallen(m * m, m1 * m1, m2 * m2)
    return Swift.max(l, 0).squareRoot() / (2 * m)
}
