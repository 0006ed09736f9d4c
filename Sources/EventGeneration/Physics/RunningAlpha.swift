import HEPCore
import RealModule

/// The running electromagnetic coupling alpha(q^2) = alpha(0) / (1 - Delta alpha(q^2)) for the
/// s-channel photon (vacuum polarisation), as a real factor 1 / (1 - Re Delta alpha).
///
/// - Leptons (e, mu, tau): the exact one-loop result for |q^2| = s (M. E. Peskin, D. V. Schroeder,
///   "An Introduction to QFT", Eq. 7.90 integrated in closed form):
///   Delta alpha_l(s) = alpha/(3 pi) [ -5/3 - 4 r + (1 + 2 r) F ], r = m^2/s, with
///   F = beta ln((1 + beta)/(1 - beta)) for s > 4 m^2 (beta = sqrt(1 - 4 r)), and
///   F = 2 b atan(1/b) with b = sqrt(4 r - 1) below threshold (real part).
/// - Hadrons: the parametrisation Delta alpha_had(s) = A + B ln(1 + C |s|) of H. Burkhardt,
///   F. Jegerlehner, G. Penso, C. Verzegnassi, Z. Phys. C 43, 497 (1989) (the form PYTHIA uses),
///   piecewise in sqrt|s| (GeV): [0, 0.3): (0, 0.00835, 1); [0.3, 3): (0, 0.00238, 3.927);
///   [3, 100): (0.00165, 0.00299, 1); >= 100: (0.00221, 0.00293, 1). It is a smooth average over
///   the resonances (rho, omega, phi, J/psi, Upsilon are not resolved): good to about 10% of
///   Delta alpha_had, i.e. about 0.2% of alpha at sqrt(s) = 10.58 GeV.
public enum RunningAlpha {
    /// Re Delta alpha of one lepton of mass m at s (GeV^2, s > 0).
    public static func leptonic(s: Double, mass m: Double, alpha: Double = PhysicalConstants.alpha) -> Double {
        let r = m * m / s
        let f: Double
        if 4 * r < 1 {
            let beta = (1 - 4 * r).squareRoot()
            f = beta * Double.log((1 + beta) / (1 - beta))
        } else {
            let b = (4 * r - 1).squareRoot()
            f = 2 * b * Double.atan(1 / b)
        }
        return alpha / (3 * Double.pi) * (-5.0 / 3 - 4 * r + (1 + 2 * r) * f)
    }

    /// Delta alpha_had(s) of the Burkhardt et al. parametrisation.
    public static func hadronic(s: Double) -> Double {
        let q = abs(s).squareRoot()
        let (a, b, c): (Double, Double, Double) =
            q < 0.3 ? (0, 0.00835, 1) : q < 3 ? (0, 0.00238, 3.927) : q < 100 ? (0.00165, 0.00299, 1) : (0.00221, 0.00293, 1)
        return a + b * Double.log(1 + c * abs(s))
    }

    /// The total Delta alpha(s) from e, mu, tau and hadrons.
    public static func deltaAlpha(s: Double) -> Double {
        leptonic(s: s, mass: ParticleData.electron.mass) + leptonic(s: s, mass: ParticleData.muon.mass)
            + leptonic(s: s, mass: ParticleData.tau.mass) + hadronic(s: s)
    }

    /// The factor alpha(s)/alpha(0) = 1 / (1 - Delta alpha(s)).
    public static func ratio(s: Double) -> Double { 1 / (1 - deltaAlpha(s: s)) }
}
