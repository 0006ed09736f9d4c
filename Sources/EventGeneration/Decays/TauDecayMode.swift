import HEPCore

/// A decay mode of the tau- (the tau+ decays to the charge conjugates), with its hadronic or
/// leptonic current model.
public struct TauDecayMode: Sendable, Equatable {
    /// How the charged current of the decay is modelled.
    public enum Current: Sendable, Equatable {
        /// tau -> l nubar_l nu_tau: the V-A lepton current (exact).
        case leptonic
        /// tau -> h nu (h = pi, K): J = p_h (exact up to the decay constant).
        case pseudoscalar
        /// tau -> h h' nu through a vector resonance (rho -> pi pi0, K* -> K pi):
        /// J = BW(q^2) (p_h - p_h'), with an energy-dependent P-wave width (J. H. Kuehn, A. Santamaria,
        /// Z. Phys. C 48, 445 (1990), rho only).
        case vectorResonance(mass: Double, width: Double)
        /// tau -> 3 pi nu through the a1: J = BW_a1(Q^2) [BW_rho(s_13) V_1 + BW_rho(s_23) V_2], V_i the part of
        /// (p_i - p_3) transverse to Q (J. H. Kuehn, E. Mirkes, Z. Phys. C 56, 661 (1992), without their
        /// form-factor refinements); p_3 is the odd pion.
        case axialThreePion
        /// Four-pion modes: J = (p_1 + p_2 - p_3 - p_4) transverse to Q, a crude model (documented as such).
        case fourPion
    }

    public let name: String
    /// Branching ratio used by the generator (PDG 2024 values; hadronic ones rescaled, see ``TauPairDecayer``).
    public let branchingRatio: Double
    /// The decay products of a tau-, the nu_tau first.
    public let products: [PDGID]
    public let current: Current
    /// The products' masses (GeV), looked up once: the decays' accept-reject loop needs them every try.
    public let masses: [Double]

    public init(name: String, branchingRatio: Double, products: [PDGID], current: Current) {
        self.name = name
        self.branchingRatio = branchingRatio
        self.products = products
        self.current = current
        masses = products.map { ParticleData.lookup($0)?.mass ?? 0 }
    }

    /// PDG 2024 branching fractions (Review of Particle Physics, tau branching-fraction fit) of the modes
    /// DarkScan generates. Leptonic and pi nu values as in shared/PHYSICS.md; the others from the same
    /// listings. Together they cover 97.4% of tau decays; the rest (eta, K*, 5-pion, ... modes, 2.6%) is
    /// not generated and the hadronic modes are scaled up to absorb it.
    public static let pdg2024: [TauDecayMode] = [
        TauDecayMode(name: "e- nubar_e nu_tau", branchingRatio: 0.1782, products: [.tauNeutrino, .electron, PDGID(-12)], current: .leptonic),
        TauDecayMode(name: "mu- nubar_mu nu_tau", branchingRatio: 0.1739, products: [.tauNeutrino, .muon, PDGID(-14)], current: .leptonic),
        TauDecayMode(name: "pi- nu_tau", branchingRatio: 0.1082, products: [.tauNeutrino, .piMinus], current: .pseudoscalar),
        TauDecayMode(name: "K- nu_tau", branchingRatio: 0.00696, products: [.tauNeutrino, .kMinus], current: .pseudoscalar),
        TauDecayMode(name: "pi- pi0 nu_tau", branchingRatio: 0.2549, products: [.tauNeutrino, .piMinus, .pi0],
                     current: .vectorResonance(mass: ParticleData.rhoPlus.mass, width: ParticleData.rhoPlus.width)),
        TauDecayMode(name: "K- pi0 nu_tau", branchingRatio: 0.00433, products: [.tauNeutrino, .kMinus, .pi0],
                     current: .vectorResonance(mass: 0.89167, width: 0.0514)),
        TauDecayMode(name: "Kbar0 pi- nu_tau", branchingRatio: 0.00838, products: [.tauNeutrino, .kLong, .piMinus],
                     current: .vectorResonance(mass: 0.89167, width: 0.0514)),
        TauDecayMode(name: "pi- pi0 pi0 nu_tau", branchingRatio: 0.0926, products: [.tauNeutrino, .pi0, .pi0, .piMinus], current: .axialThreePion),
        TauDecayMode(name: "pi- pi- pi+ nu_tau", branchingRatio: 0.0899, products: [.tauNeutrino, .piMinus, .piMinus, .piPlus], current: .axialThreePion),
        TauDecayMode(name: "pi- pi- pi+ pi0 nu_tau", branchingRatio: 0.0462, products: [.tauNeutrino, .piMinus, .piMinus, .piPlus, .pi0], current: .fourPion),
        TauDecayMode(name: "pi- 3pi0 nu_tau", branchingRatio: 0.0104, products: [.tauNeutrino, .piMinus, .pi0, .pi0, .pi0], current: .fourPion),
    ]
}
