/// Mass, width, charge and spin of one particle species, in GeV and units of e.
///
/// Values from the PDG 2024 Review of Particle Physics (S. Navas et al., Phys. Rev. D 110, 030001
/// (2024)) listings; widths of long-lived particles are hbar / (mean life).
public struct ParticleData: Hashable, Sendable {
    public let id: PDGID
    /// A readable name, e.g. "mu-".
    public let name: String
    /// Mass in GeV.
    public let mass: Double
    /// Total width in GeV (0 for stable particles).
    public let width: Double
    /// Electric charge in units of the positron charge.
    public let charge: Double
    /// Twice the spin (1 for fermions, 2 for vectors).
    public let twiceSpin: Int

    /// The entry for the antiparticle: same mass, width and spin, opposite charge.
    public var antiparticle: ParticleData {
        ParticleData(id: id.antiparticle, name: Self.antiName(name), mass: mass, width: width,
                     charge: -charge, twiceSpin: twiceSpin)
    }

    /// Mean life in seconds, hbar / Gamma (+infinity for stable particles).
    public var lifetimeSeconds: Double { Units.lifetimeSeconds(fromWidthGeV: width) }

    /// The data of a particle or antiparticle, or nil for ids the project never meets. Dark-sector
    /// particles have model-dependent masses and are not in this table.
    public static func lookup(_ id: PDGID) -> ParticleData? {
        if let d = table[id] { return d }
        if let d = table[PDGID(-id.rawValue)], !isSelfConjugate(d.id) { return d.antiparticle }
        return nil
    }

    /// The data of a particle the project knows, or an error naming the id.
    public static func require(_ id: PDGID) throws(HEPCoreError) -> ParticleData {
        guard let d = lookup(id) else {
            throw .malformed(what: "particle", text: "PDG id \(id.rawValue)", expected: "a particle in DarkScan's table")
        }
        return d
    }

    /// True for particles that are their own antiparticle.
    public static func isSelfConjugate(_ id: PDGID) -> Bool {
        [22, 23, 111, 113, 130].contains(id.rawValue)
    }

    // MARK: The table (particles, not antiparticles)

    private static let hbar = Units.hbarGeVSeconds

    /// e-: m = 0.51099895000 MeV.
    public static let electron = ParticleData(id: .electron, name: "e-", mass: 0.51099895000e-3, width: 0, charge: -1, twiceSpin: 1)
    /// mu-: m = 105.6583755 MeV, tau = 2.1969811e-6 s.
    public static let muon = ParticleData(id: .muon, name: "mu-", mass: 0.1056583755, width: hbar / 2.1969811e-6, charge: -1, twiceSpin: 1)
    /// tau-: m = 1776.93 MeV, tau = 290.3e-15 s.
    public static let tau = ParticleData(id: .tau, name: "tau-", mass: 1.77693, width: hbar / 290.3e-15, charge: -1, twiceSpin: 1)
    public static let electronNeutrino = ParticleData(id: .electronNeutrino, name: "nu_e", mass: 0, width: 0, charge: 0, twiceSpin: 1)
    public static let muonNeutrino = ParticleData(id: .muonNeutrino, name: "nu_mu", mass: 0, width: 0, charge: 0, twiceSpin: 1)
    public static let tauNeutrino = ParticleData(id: .tauNeutrino, name: "nu_tau", mass: 0, width: 0, charge: 0, twiceSpin: 1)
    public static let photon = ParticleData(id: .photon, name: "gamma", mass: 0, width: 0, charge: 0, twiceSpin: 2)
    /// Z: m = 91.1876 GeV, Gamma = 2.4955 GeV.
    public static let zBoson = ParticleData(id: .zBoson, name: "Z", mass: 91.1876, width: 2.4955, charge: 0, twiceSpin: 2)
    /// W+: m = 80.3692 GeV, Gamma = 2.085 GeV.
    public static let wBoson = ParticleData(id: .wBoson, name: "W+", mass: 80.3692, width: 2.085, charge: 1, twiceSpin: 2)
    /// pi0: m = 134.9768 MeV, tau = 8.43e-17 s.
    public static let pi0 = ParticleData(id: .pi0, name: "pi0", mass: 0.1349768, width: hbar / 8.43e-17, charge: 0, twiceSpin: 0)
    /// pi+: m = 139.57039 MeV, tau = 2.6033e-8 s.
    public static let piPlus = ParticleData(id: .piPlus, name: "pi+", mass: 0.13957039, width: hbar / 2.6033e-8, charge: 1, twiceSpin: 0)
    /// rho(770): m = 775.26 MeV, Gamma = 149.1 MeV (shared/PHYSICS.md's values from PDG 2024; the
    /// width is the charged/tau-decay average used for tau -> rho nu).
    public static let rho0 = ParticleData(id: .rho0, name: "rho0", mass: 0.77526, width: 0.1491, charge: 0, twiceSpin: 2)
    public static let rhoPlus = ParticleData(id: .rhoPlus, name: "rho+", mass: 0.77526, width: 0.1491, charge: 1, twiceSpin: 2)
    /// K_L: m = 497.611 MeV, tau = 5.116e-8 s.
    public static let kLong = ParticleData(id: .kLong, name: "K_L0", mass: 0.497611, width: hbar / 5.116e-8, charge: 0, twiceSpin: 0)
    /// K+: m = 493.677 MeV, tau = 1.2380e-8 s.
    public static let kPlus = ParticleData(id: .kPlus, name: "K+", mass: 0.493677, width: hbar / 1.2380e-8, charge: 1, twiceSpin: 0)
    /// a1(1260)+: m = 1230 MeV, Gamma = 420 MeV (PDG 2024 estimates; the width is 250-600 MeV).
    public static let a1Plus = ParticleData(id: .a1Plus, name: "a1+", mass: 1.230, width: 0.420, charge: 1, twiceSpin: 2)

    public static let all: [ParticleData] = [
        electron, muon, tau, electronNeutrino, muonNeutrino, tauNeutrino, photon, zBoson, wBoson,
        pi0, piPlus, rho0, rhoPlus, kLong, kPlus, a1Plus,
    ]

    private static let table: [PDGID: ParticleData] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    private static func antiName(_ name: String) -> String {
        if name.hasSuffix("-") { return String(name.dropLast()) + "+" }
        if name.hasSuffix("+") { return String(name.dropLast()) + "-" }
        if name.hasPrefix("nu_") { return "anti-" + name }
        return name
    }
}
