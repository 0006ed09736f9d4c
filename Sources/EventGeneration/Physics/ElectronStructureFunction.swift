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

    /// An energy fraction and its weight D(x) / (leading term), from one uniform number.
    public func sample(_ u: Double) -> (x: Double, weight: Double) {
        // y uniform in (0, 1]: 1 - x = y^(2/beta) has density (beta/2)(1 - x)^(beta/2 - 1).
        let y = 1 - u
        let oneMinusX = Double.pow(y, 2 / beta)
        let x = 1 - oneMinusX
        let leading = beta / 2 * Double.pow(oneMinusX, beta / 2 - 1)
        return (x, leading > 0 && leading.isFinite ? density(x) / leading : 1 + 3 * beta / 8)
    }
}
