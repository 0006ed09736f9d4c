import HEPCore
import RealModule

/// The Z' of a gauged L_mu - L_tau symmetry (X.-G. He, G. C. Joshi, H. Lew, R. R. Volkas,
/// Phys. Rev. D 44, 2118 (1991); W. Altmannshofer, S. Gori, M. Pospelov, I. Yavin, Phys. Rev. Lett.
/// 113, 091801 (2014)), with interaction
/// L = -g' Z'_a (mubar gamma^a mu - taubar gamma^a tau + nubar_mu,L gamma^a nu_mu,L - nubar_tau,L gamma^a nu_tau,L)
/// and no tree-level coupling to electrons (kinetic mixing neglected), optionally decaying to a Dirac
/// dark fermion chi.
public struct LmuLtauZPrime: MediatorModel, Hashable {
    /// What the Z' can decay to besides Standard Model leptons.
    public enum Scenario: Hashable, Sendable {
        /// "Vanilla" L_mu - L_tau: the invisible width is nu nubar only (Belle II, PRL 130, 231801 (2023)).
        case vanilla
        /// A Dirac dark fermion of mass `mass` (GeV) with coupling g_chi = `chargeRatio` * g', so every
        /// branching ratio is independent of g'.
        case darkFermion(mass: Double, chargeRatio: Double)
        /// "Fully invisible": Z' -> chi chibar with BR = 1, the limit g_chi >> g' with 2 m_chi < m_Z'
        /// (Belle II, PRL 130, 231801 (2023)); Gamma(chi chibar) is then not fixed by g'.
        case fullyInvisible

        /// The name used on the command line and in specs.
        public var name: String {
            switch self {
            case .vanilla: "vanilla"
            case .darkFermion: "dark-fermion"
            case .fullyInvisible: "fully-invisible"
            }
        }
    }

    public let mass: Double
    public let coupling: Double
    public let scenario: Scenario

    public var name: String { "L_mu - L_tau Z'" }
    public var mediatorID: PDGID { .vectorMediator }
    public var couplingSymbol: String { "g'" }

    /// A Z' of mass `mass` GeV (finite, > 0) and coupling g' in (0, sqrt(4 pi)].
    public init(mass: Double, coupling: Double, scenario: Scenario = .vanilla) throws(TheoryError) {
        try TheoryError.requirePositiveMass(mass, "m_Z'")
        try TheoryError.requirePerturbativeCoupling(coupling, "g'")
        if case let .darkFermion(mChi, q) = scenario {
            guard mChi.isFinite, mChi >= 0 else {
                throw .invalidMass(parameter: "m_chi", value: mChi, allowed: "a finite number >= 0")
            }
            guard q.isFinite, q > 0 else {
                throw .invalidCoupling(parameter: "g_chi / g'", value: q, allowed: "a finite number > 0")
            }
            try TheoryError.requirePerturbativeCoupling(q * coupling, "g_chi = (g_chi/g') g'")
        }
        self.mass = mass
        self.coupling = coupling
        self.scenario = scenario
    }

    public func withCoupling(_ coupling: Double) throws(TheoryError) -> LmuLtauZPrime {
        try LmuLtauZPrime(mass: mass, coupling: coupling, scenario: scenario)
    }

    /// Gamma(Z' -> f fbar) for a vector coupling g to a Dirac fermion of mass m_f:
    /// g^2 m/(12 pi) (1 + 2 m_f^2/m^2) sqrt(1 - 4 m_f^2/m^2), zero below threshold
    /// (the seed, "Z' decay width and BR"; shared/PHYSICS.md).
    public static func vectorWidth(mass m: Double, coupling g: Double, fermionMass mf: Double) -> Double {
        let r = mf * mf / (m * m)
        guard 4 * r < 1 else { return 0 }
        return g * g * m / (12 * Double.pi) * (1 + 2 * r) * (1 - 4 * r).squareRoot()
    }

    /// Gamma(Z' -> nu nubar) for one left-handed neutrino flavour with coupling g: g^2 m/(24 pi),
    /// half the massless Dirac width (shared/PHYSICS.md).
    public static func neutrinoWidth(mass m: Double, coupling g: Double) -> Double {
        g * g * m / (24 * Double.pi)
    }

    /// The partial widths to the Standard Model: mu mu, tau tau, nu_mu nu_mu, nu_tau nu_tau.
    public func standardModelWidths() -> [(DecayChannel, Double)] {
        [
            (.muons, Self.vectorWidth(mass: mass, coupling: coupling, fermionMass: ParticleData.muon.mass)),
            (.taus, Self.vectorWidth(mass: mass, coupling: coupling, fermionMass: ParticleData.tau.mass)),
            (.muonNeutrinos, Self.neutrinoWidth(mass: mass, coupling: coupling)),
            (.tauNeutrinos, Self.neutrinoWidth(mass: mass, coupling: coupling)),
        ]
    }

    public func decayTable() -> DecayTable {
        switch scenario {
        case .vanilla:
            return DecayTable(widths: standardModelWidths())
        case let .darkFermion(mChi, q):
            let chi = Self.vectorWidth(mass: mass, coupling: q * coupling, fermionMass: mChi)
            return DecayTable(widths: standardModelWidths() + [(.darkFermions, chi)])
        case .fullyInvisible:
            return DecayTable(knownWidths: standardModelWidths(), dominant: .darkFermions)
        }
    }

    /// Delta a_mu from the Z' loop; see ``VectorMuonAnomaly``.
    public func muonAnomaly() throws(TheoryError) -> Double {
        try VectorMuonAnomaly.deltaAMu(mass: mass, coupling: coupling)
    }
}
