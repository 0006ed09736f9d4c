import HEPCore
import RealModule

/// One way of mapping the unit hypercube onto n-body phase space, with the density of the points
/// it produces.
///
/// Conventions: momenta are in the hard-scattering centre-of-mass frame with the electron along +z;
/// `out` holds the outgoing particles in the process's order (l-, l+, then X). Densities are with
/// respect to the Lorentz-invariant phase space dPhi_n = delta^4(P - sum p) prod d^3p/(2E) (no
/// factors of 2 pi; the cross section formula adds them). ``inverse(_:sqrtS:into:)`` finds the
/// unit-cube point that maps to given momenta and returns the density there, so a multichannel
/// integrator can evaluate every channel's density at every point (R. Kleiss, R. Pittau, Comput.
/// Phys. Commun. 83, 141 (1994)).
public protocol PhaseSpaceChannel: Sendable {
    /// A name for diagnostics, e.g. "ISR e- (soft)".
    var name: String { get }
    /// Number of unit-cube coordinates.
    var dimensions: Int { get }
    /// Number of outgoing particles the channel produces (channels of a process may differ, e.g.
    /// mu mu and mu mu gamma: the integrand is then a sum over disjoint phase spaces).
    var outgoingCount: Int { get }
    /// Fills `out` from `u`; false when the point lies outside this channel's range.
    func generate(_ u: [Double], sqrtS: Double, into out: inout [FourMomentum]) -> Bool
    /// Writes the unit-cube point of `momenta` into `u` and returns the density w.r.t. dPhi_n
    /// (0 where this channel cannot produce the point).
    func inverse(_ momenta: [FourMomentum], sqrtS: Double, into u: inout [Double]) -> Double
}

/// Two-body phase space, isotropic: dPhi_2 = |p*|/(4 sqrt s) dOmega.
public struct TwoBodyChannel: PhaseSpaceChannel {
    public let m1: Double, m2: Double
    public var name: String { "2-body isotropic" }
    public var dimensions: Int { 2 }
    public var outgoingCount: Int { 2 }

    public init(m1: Double, m2: Double) {
        self.m1 = m1
        self.m2 = m2
    }

    public func generate(_ u: [Double], sqrtS: Double, into out: inout [FourMomentum]) -> Bool {
        let q = FourMomentum(e: sqrtS, px: 0, py: 0, pz: 0)
        guard let (a, b) = TwoBody.decay(q, m1: m1, m2: m2, cosTheta: 2 * u[0] - 1, phi: 2 * Double.pi * u[1]) else { return false }
        out[0] = a
        out[1] = b
        return true
    }

    public func inverse(_ momenta: [FourMomentum], sqrtS: Double, into u: inout [Double]) -> Double {
        guard let pStar = twoBodyMomentum(parentMass: sqrtS, m1, m2), pStar > 0 else { return 0 }
        u[0] = (momenta[0].cosTheta + 1) / 2
        u[1] = Self.unitPhi(momenta[0].phi)
        return 1 / (4 * Double.pi) / (pStar / (4 * sqrtS))
    }

    /// phi in (-pi, pi] as a unit-interval coordinate.
    static func unitPhi(_ phi: Double) -> Double {
        let x = phi / (2 * Double.pi)
        return x < 0 ? x + 1 : x
    }
}
