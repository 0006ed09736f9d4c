/// A particle's identity in the Monte Carlo particle numbering scheme (PDG 2024, "Monte Carlo
/// particle numbering scheme"); antiparticles carry the negative number.
@frozen
public struct PDGID: RawRepresentable, Hashable, Sendable, Codable, Comparable {
    public var rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
    @inlinable public init(_ value: Int32) { rawValue = value }

    /// The antiparticle's id (the same id for self-conjugate particles: gamma, Z, Z', pi0, rho0).
    public var antiparticle: PDGID {
        ParticleData.isSelfConjugate(self) ? self : PDGID(-rawValue)
    }

    public static func < (a: PDGID, b: PDGID) -> Bool { a.rawValue < b.rawValue }

    public static let electron = PDGID(11), positron = PDGID(-11)
    public static let electronNeutrino = PDGID(12)
    public static let muon = PDGID(13), antimuon = PDGID(-13)
    public static let muonNeutrino = PDGID(14)
    public static let tau = PDGID(15), antitau = PDGID(-15)
    public static let tauNeutrino = PDGID(16)
    public static let photon = PDGID(22)
    public static let zBoson = PDGID(23)
    public static let wBoson = PDGID(24)
    /// Spin-1/2 dark-matter particle chi (scheme's dark-sector range 51-60: 52 = spin-1/2 DM).
    public static let darkFermion = PDGID(52)
    /// Spin-0 dark-sector mediator (54), used for the leptophilic scalar phi_L.
    public static let scalarMediator = PDGID(54)
    /// Spin-1 dark-sector mediator (55), used for the L_mu - L_tau Z' and the dark photon.
    public static let vectorMediator = PDGID(55)
    public static let pi0 = PDGID(111), piPlus = PDGID(211), piMinus = PDGID(-211)
    public static let rho0 = PDGID(113), rhoPlus = PDGID(213), rhoMinus = PDGID(-213)
    public static let kLong = PDGID(130), kPlus = PDGID(321), kMinus = PDGID(-321)
    public static let a1Plus = PDGID(20213), a1Minus = PDGID(-20213)
}

extension PDGID: CustomStringConvertible {
    public var description: String { ParticleData.lookup(self)?.name ?? "pdg(\(rawValue))" }
}
