/// The processes the generator knows, by command-line key, with their parameters.
public enum ProcessCatalog {
    /// Parameters a process may need; each process reads the ones it uses.
    public struct Parameters: Sendable {
        /// m_Z' in GeV (mumu-zprime).
        public var zPrimeMass: Double? = nil
        /// The Z' decay generated (mumu-zprime).
        public var zPrimeDecay: MuMuZPrime.Decay = .neutrinos
        /// m_chi in GeV for Z' -> chi chibar.
        public var darkFermionMass: Double = 0
        /// The soft/hard photon separation k0 in GeV (mumu-gamma).
        public var softPhotonCut: Double = 0.01
        /// Running alpha on the s-channel photon.
        public var vacuumPolarization: Bool = true
        /// Decay the taus (tautau-gamma, mumutautau).
        public var decayTaus: Bool = true
        /// Smallest mu+ mu- mass of eemumu (GeV).
        public var minimumPairMass: Double = 0.5
        /// Largest |cos theta| of either muon in the CM frame for eemumu (1: no cut).
        public var muonAcceptanceCosine: Double = 1
        /// A lab-frame acceptance cut on the outgoing muons (mumu-gamma, eemumu, mumumumu: processes
        /// whose muons are all in the hard process); nil: none.
        public var labAcceptance: LabAcceptance? = nil
        /// Importance sampling towards a region of the true mu+ mu- pair's recoil (mumu-gamma, eemumu:
        /// one mu- and one mu+ in the hard process); nil: none.
        public var dimuonRegion: DimuonRegion? = nil
        /// tautau-gamma, mumutautau: draw tau -> mu nu nu with this probability instead of its branching
        /// ratio, weighting events by BR / probability (``TauPairDecayer/biased(muonProbability:)``); nil: none.
        public var tauMuonProbability: Double? = nil
        public init() {}
    }

    /// The keys with a one-line description each.
    public static let processes: [(key: String, description: String)] = [
        ("mumu-zprime", "e+ e- -> mu+ mu- Z' (signal, g' = 1; needs the Z' mass)"),
        ("mumu-gamma", "e+ e- -> mu+ mu- (gamma) at O(alpha): Born + soft/virtual below k0, exact mu mu gamma above"),
        ("tautau-gamma", "e+ e- -> tau+ tau- (gamma) at O(alpha), taus decayed with spin correlations"),
        ("eemumu", "e+ e- -> e+ e- mu+ mu- (two-photon dominated), all tree graphs, m(mu mu) > 0.5 GeV"),
        ("mumumumu", "e+ e- -> mu+ mu- mu+ mu-, all tree graphs"),
        ("mumutautau", "e+ e- -> mu+ mu- tau+ tau-, all tree graphs, taus decayed"),
        ("mumu-born", "e+ e- -> mu+ mu- at Born level (reference)"),
    ]

    public static var keys: [String] { processes.map(\.key) }

    /// The processes that take a ``LabAcceptance`` cut.
    public static let labAcceptanceKeys = ["mumu-gamma", "eemumu", "mumumumu"]

    /// The processes that take a ``DimuonRegion`` cut.
    public static let dimuonRegionKeys = ["mumu-gamma", "eemumu"]

    /// Builds the process for `key`.
    public static func make(_ key: String, _ p: Parameters) throws(EventGenerationError) -> any ScatteringProcess {
        let process = try makeBare(key, p)
        guard p.labAcceptance != nil || p.dimuonRegion != nil else { return process }
        if p.labAcceptance != nil, !labAcceptanceKeys.contains(key) {
            throw .invalidParameter(name: "lab acceptance cut for \(key)", value: .nan,
                                    allowed: "only for \(labAcceptanceKeys.joined(separator: ", ")) (muons of the hard process)")
        }
        if p.dimuonRegion != nil, !dimuonRegionKeys.contains(key) {
            throw .invalidParameter(name: "signal-region sampling for \(key)", value: .nan,
                                    allowed: "only for \(dimuonRegionKeys.joined(separator: ", ")) (one mu+ mu- pair in the hard process)")
        }
        return GeneratorCutProcess(base: process, acceptance: p.labAcceptance, region: p.dimuonRegion)
    }

    static func makeBare(_ key: String, _ p: Parameters) throws(EventGenerationError) -> any ScatteringProcess {
        switch key {
        case "mumu-zprime":
            guard let m = p.zPrimeMass else {
                throw .invalidParameter(name: "m_Z' (GeV)", value: .nan, allowed: "give the Z' mass for mumu-zprime")
            }
            return try MuMuZPrime(mass: m, decay: p.zPrimeDecay, darkFermionMass: p.darkFermionMass, vacuumPolarization: p.vacuumPolarization)
        case "mumu-gamma":
            return try LeptonPairGamma(lepton: .muon, softCut: p.softPhotonCut, vacuumPolarization: p.vacuumPolarization)
        case "tautau-gamma":
            return try LeptonPairGamma(lepton: .tau, softCut: p.softPhotonCut, vacuumPolarization: p.vacuumPolarization, decayTaus: p.decayTaus,
                                       tauMuonProbability: p.tauMuonProbability)
        case "eemumu", "mumumumu", "mumutautau":
            guard let kind = FourLepton.Kind(rawValue: key) else { throw .unknownProcess(key: key, known: keys) }
            return try FourLepton(kind: kind, minimumPairMass: p.minimumPairMass, muonAcceptanceCosine: p.muonAcceptanceCosine,
                                  vacuumPolarization: p.vacuumPolarization, decayTaus: p.decayTaus, tauMuonProbability: p.tauMuonProbability)
        case "mumu-born":
            return LeptonPairBorn(vacuumPolarization: p.vacuumPolarization)
        default:
            throw .unknownProcess(key: key, known: keys)
        }
    }
}
