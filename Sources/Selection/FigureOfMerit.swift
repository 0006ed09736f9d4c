/// Figures of merit for choosing cuts, with eps the signal efficiency and B the expected background
/// (events):
/// - `significance`: eps/sqrt(B), the seed's;
/// - `punzi`: Punzi's eps/(a/2 + sqrt(B)) (G. Punzi, arXiv:physics/0308063; a the number of sigmas);
/// - `significanceWithUncertainty`: eps/sqrt(B + (r B)^2 + sigma_MC^2), the significance with the
///   background's uncertainties added in quadrature to its Poisson variance: S/sqrt(B + sigma_B^2),
///   the leading term for S << B of the Asimov median significance of a counting experiment whose
///   background has an uncertainty sigma_B (G. Cowan, "Discovery sensitivity for a counting
///   experiment with background uncertainty", RHUL note (2012), built on the Asimov data set of
///   G. Cowan, K. Cranmer, E. Gross, O. Vitells, Eur. Phys. J. C 71, 1554 (2011)): r is the relative normalisation uncertainty of the background (the systematics the limit
///   applies to it), sigma_MC its Monte Carlo error (a bound counts 100%). The limits carry both; with
///   B of 10^5-10^6 events at low masses and r = 3.2%, (r B)^2 outweighs B by 10^2-10^3, and eps/sqrt(B)
///   keeps cuts far looser than the limit wants.
public enum FigureOfMerit: Sendable, Equatable, Codable {
    case significance
    case punzi(sigmas: Double)
    case significanceWithUncertainty(relative: Double)

    /// The figure of merit of efficiency `eps` and background `b` (events) with Monte Carlo variance
    /// `variance` (events^2; only `significanceWithUncertainty` uses it).
    public func value(efficiency eps: Double, background b: Double, variance: Double = 0) -> Double {
        switch self {
        case .significance: return b > 0 ? eps / b.squareRoot() : .infinity
        case let .punzi(a): return eps / (a / 2 + max(b, 0).squareRoot())
        case let .significanceWithUncertainty(r):
            let d = b + r * r * b * b + max(variance, 0)
            return d > 0 ? eps / d.squareRoot() : .infinity
        }
    }

    /// The figure of merit of `eps` and an expected background with its Monte Carlo variance.
    public func value(efficiency eps: Double, background b: ExpectedBackground) -> Double {
        value(efficiency: eps, background: b.events, variance: b.variance)
    }
}
