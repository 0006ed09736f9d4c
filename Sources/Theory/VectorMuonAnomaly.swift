import HEPCore
import RealModule

/// The one-loop contribution of a vector boson of mass M with vector coupling g to the muon to
/// a_mu = (g - 2)/2:
///
///     Delta a_mu = g^2/(4 pi^2) Integral_0^1 dx  m^2 x^2 (1 - x) / (m^2 x^2 + M^2 (1 - x))
///
/// (M. Pospelov, Phys. Rev. D 80, 095002 (2009), the vector-exchange contribution to a_l, there for a
/// dark photon with alpha eps^2 -> g^2/(4 pi); shared/PHYSICS.md). Limits: g^2/(8 pi^2) for M -> 0 and
/// g^2 m^2/(12 pi^2 M^2) for M >> m. The integral is evaluated by adaptive Gauss-Kronrod to 1e-12
/// relative, written in r = m^2/M^2 so that neither limit loses digits.
public enum VectorMuonAnomaly {
    /// Delta a_mu for coupling `coupling` and vector mass `mass` (GeV, finite, > 0).
    public static func deltaAMu(mass: Double, coupling: Double) throws(TheoryError) -> Double {
        coupling * coupling * (try perUnitCouplingSquared(mass: mass))
    }

    /// Delta a_mu / g^2, the loop function at coupling 1.
    public static func perUnitCouplingSquared(mass: Double) throws(TheoryError) -> Double {
        try TheoryError.requirePositiveMass(mass, "vector mass")
        let m = ParticleData.muon.mass
        // Divide numerator and denominator by m^2: x^2 (1-x) / (x^2 + (1-x)/r), with 1/r = M^2/m^2.
        let inverseR = (mass / m) * (mass / m)
        let integrand: (Double) -> Double = { x in
            let y = 1 - x
            return x * x * y / (x * x + y * inverseR)
        }
        do {
            let result = try GaussKronrod.integrate(from: 0, to: 1, relativeTolerance: 1e-12, maxIntervals: 4000, integrand)
            return result.value / (4 * Double.pi * Double.pi)
        } catch {
            throw .numericalFailure(quantity: "the (g-2)_mu loop integral at M = \(mass) GeV", detail: "\(error)")
        }
    }

    /// The coupling g that gives `deltaAMu` at vector mass `mass`: sqrt(Delta a_mu / I(M)) with I the
    /// loop function at g = 1 (exact, since Delta a_mu is proportional to g^2). Requires
    /// deltaAMu >= 0 (a vector exchange only increases a_mu).
    public static func coupling(forDeltaAMu deltaAMu: Double, mass: Double) throws(TheoryError) -> Double {
        guard deltaAMu.isFinite, deltaAMu >= 0 else {
            throw .invalidCoupling(parameter: "Delta a_mu", value: deltaAMu, allowed: ">= 0 (a vector loop raises a_mu)")
        }
        return (deltaAMu / (try perUnitCouplingSquared(mass: mass))).squareRoot()
    }
}
