import HEPCore
import RealModule

/// Initial-state radiation by the electron structure function D(x, s) of E. A. Kuraev, V. S. Fadin,
/// Sov. J. Nucl. Phys. 41, 466 (1985), to first order in beta beyond the soft exponentiation:
///
///     D(x) = (beta/2) (1 - x)^(beta/2 - 1) [1 + 3 beta/8] - (beta/4) (1 + x),
///     beta = (2 alpha/pi) (ln(s/m_e^2) - 1),
///
/// for the energy fraction x each beam keeps after radiating collinear photons. x is sampled from
/// the leading term exactly (x = 1 - y^(2/beta)) and the rest is a weight, positive for all x.
/// The radiated photons are collinear with their beam (no transverse momentum): an approximation that
/// is good for the recoil system's energy, not for the photons' angles.
public struct ElectronStructureFunction: Sendable {
    public let beta: Double

    /// The structure function at s (GeV^2).
    public init(s: Double) {
        let me = ParticleData.electron.mass
        beta = 2 * PhysicalConstants.alpha / Double.pi * (Double.log(s / (me * me)) - 1)
    }

    /// D(x) as above.
    public func density(_ x: Double) -> Double {
        beta / 2 * Double.pow(1 - x, beta / 2 - 1) * (1 + 3 * beta / 8) - beta / 4 * (1 + x)
    }

    /// An energy fraction, 1 - x (kept separately: x rounds to 1 for most draws), and the weight
    /// D(x) / (leading term) from one uniform number.
    ///
    /// 1 - x = y^(2/beta) with y uniform in (0, 1] has density (beta/2)(1 - x)^(beta/2 - 1); the weight
    /// in closed form, (1 + 3 beta/8) - (1/2)(1 + x)(1 - x)^(1 - beta/2), has no cancellation, is positive
    /// and has mean exactly 1 (the first-order D integrates to 1).
    public func sample(_ u: Double) -> (x: Double, oneMinusX: Double, weight: Double) {
        let y = 1 - u
        let oneMinusX = y > 0 ? Double.exp(2 / beta * Double.log(y)) : 0
        let x = 1 - oneMinusX
        let weight = 1 + 3 * beta / 8 - 0.5 * (2 - oneMinusX) * Double.pow(oneMinusX, 1 - beta / 2)
        return (x, oneMinusX, weight)
    }
}
