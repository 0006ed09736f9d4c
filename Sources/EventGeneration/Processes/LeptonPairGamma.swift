import HEPCore
import RealModule

/// e+ e- -> l+ l- (gamma), l = mu or tau, at O(alpha): the Born process dressed with the soft and
/// virtual corrections below a photon-energy cut k0, plus the exact tree-level e+e- -> l+ l- gamma
/// matrix element (initial- and final-state radiation with their interference, gamma and Z exchange,
/// electron and lepton masses) above it. Taus are decayed with their spin correlations
/// (``TauPairDecayer``).
///
/// Soft + virtual (photon energy < k0 in the CM frame, E = sqrt(s)/2), per radiating pair with
/// L = ln(s/m^2): delta = (2 alpha/pi) [(L - 1) ln(k0/E) + (3/4) L - 1 + pi^2/6]
/// (G. Bonneau, F. Martin, Nucl. Phys. B 27, 381 (1971); F. A. Berends, R. Kleiss, S. Jadach,
/// Nucl. Phys. B 202, 63 (1982)), summed for the electrons (ISR) and the leptons (FSR). This is the
/// ultra-relativistic form; for taus (beta = 0.94 at 10.58 GeV) its ln(k0) coefficient differs from
/// the massive one, (alpha/pi)[(1 + beta^2)/beta ln((1 + beta)/(1 - beta)) - 2], by 2%, a 0.2% effect
/// on the cross section at k0 = 10 MeV (the hard part is exact for any mass). The soft and
/// virtual initial-final interference (boxes) is not included: it is odd in cos theta, changes the
/// forward-backward asymmetry at O(alpha) and the total cross section only at O(alpha m^2/s); the
/// hard interference is in the 3-body matrix element. The s-channel photon carries the running of
/// alpha (``RunningAlpha``) when `vacuumPolarization` is on.
///
/// Generator cuts: none on angles (the photon may go down the beam pipe, which is how this
/// background fakes a missing mass); the hard photon has k > k0 in the CM frame.
public struct LeptonPairGamma: ScatteringProcess {
    /// The produced lepton.
    public enum Lepton: String, Sendable { case muon, tau }

    public let lepton: Lepton
    public let softCut: Double
    public let vacuumPolarization: Bool
    /// The tau decays (taus only).
    public let decayer: TauPairDecayer?
    let amplitudes: LeptonPairAmplitudes
    let mMu: Double
    let leptonID: PDGID

    public var key: String { lepton == .muon ? "mumu-gamma" : "tautau-gamma" }
    public var name: String { lepton == .muon ? "e+ e- -> mu+ mu- (gamma)" : "e+ e- -> tau+ tau- (gamma)" }

    /// - Parameters:
    ///   - lepton: mu or tau.
    ///   - softCut: k0 in GeV, the photon energy separating the soft+virtual (Born kinematics) part
    ///     from the hard photons.
    ///   - decayTaus: decay the taus (with spin correlations); off leaves them as final-state particles.
    public init(lepton: Lepton = .muon, softCut: Double = 0.01, vacuumPolarization: Bool = true, decayTaus: Bool = true,
                tauMuonProbability: Double? = nil,
                couplings: StandardModelCouplings = .init()) throws(EventGenerationError) {
        guard softCut.isFinite, softCut > 0, softCut < 1 else {
            throw .invalidParameter(name: "soft photon cut k0 (GeV)", value: softCut, allowed: "0 < k0 < 1 GeV")
        }
        self.lepton = lepton
        self.softCut = softCut
        self.vacuumPolarization = vacuumPolarization
        let data = lepton == .muon ? ParticleData.muon : ParticleData.tau
        mMu = data.mass
        leptonID = data.id
        amplitudes = LeptonPairAmplitudes(couplings: couplings, leptonMass: mMu, vacuumPolarization: vacuumPolarization)
        decayer = lepton == .tau && decayTaus ? TauPairDecayer.standard.biased(muonProbability: tauMuonProbability ?? 0) : nil
    }

    public var channels: [any PhaseSpaceChannel] {
        // FSR channels reach virtualities (s_mu gamma - m^2) down to k0 m^2 / E, below which k < k0.
        let minimumVirtuality = softCut * mMu * mMu / 10
        return [
            TwoBodyChannel(m1: mMu, m2: mMu),
            InitialStateRadiationChannel(sampling: .soft, beamSign: 1, leptonMass: mMu, minimumEnergy: softCut),
            InitialStateRadiationChannel(sampling: .soft, beamSign: -1, leptonMass: mMu, minimumEnergy: softCut),
            InitialStateRadiationChannel(sampling: .radiativeReturn, beamSign: 1, leptonMass: mMu, minimumEnergy: softCut),
            InitialStateRadiationChannel(sampling: .radiativeReturn, beamSign: -1, leptonMass: mMu, minimumEnergy: softCut),
            FinalStateRadiationChannel(emitter: 0, leptonMass: mMu, xMass: 0, minimumVirtuality: minimumVirtuality),
            FinalStateRadiationChannel(emitter: 1, leptonMass: mMu, xMass: 0, minimumVirtuality: minimumVirtuality),
        ]
    }

    /// The O(alpha) matrix element radiates from the beams: no structure function on top.
    public var radiatesFromBeams: Bool { true }

    public func outgoingIDs(count: Int) -> [PDGID] {
        count == 2 ? [leptonID, leptonID.antiparticle] : [leptonID, leptonID.antiparticle, .photon]
    }

    /// delta_SV for one radiating pair of mass m at s (see the type's documentation).
    public static func softVirtualDelta(s: Double, mass m: Double, softCut k0: Double) -> Double {
        let l = Double.log(s / (m * m))
        let e = s.squareRoot() / 2
        return 2 * PhysicalConstants.alpha / Double.pi * ((l - 1) * Double.log(k0 / e) + 0.75 * l - 1 + Double.pi * Double.pi / 6)
    }

    public func matrixElementSquared(p1: FourMomentum, p2: FourMomentum, outgoing: [FourMomentum]) -> Double {
        if outgoing.count == 2 {
            let s = (p1 + p2).massSquared
            let delta = Self.softVirtualDelta(s: s, mass: ParticleData.electron.mass, softCut: softCut)
                + Self.softVirtualDelta(s: s, mass: mMu, softCut: softCut)
            return amplitudes.bornSquared(p1: p1, p2: p2, p3: outgoing[0], p4: outgoing[1]) * (1 + delta)
        }
        let photon = amplitudes.couplings.photonChargedLepton
        return amplitudes.radiativeSquared(p1: p1, p2: p2, p3: outgoing[0], p4: outgoing[1], k: outgoing[2],
                                           xMass: 0, xLepton: photon, xElectron: photon)
    }

    public var recommendedEventCost: Double { decayer == nil ? 3 : TauPairDecayer.eventCost }

    public func passesCuts(_ outgoing: [FourMomentum], sqrtS: Double) -> Bool {
        outgoing.count == 2 || outgoing[2].e > softCut
    }

    public func finalize(_ particles: inout [EventSample.Particle], p1: FourMomentum, p2: FourMomentum,
                         outgoing: [FourMomentum], toCM: LorentzTransform, rng: inout RandomStream) -> Double {
        guard let decayer else { return 1 }
        // Production amplitudes per (tau-, tau+) helicity for every other helicity configuration.
        var amplitudes: [Cplx] = []
        amplitudes.reserveCapacity(64)
        if outgoing.count == 2 {
            self.amplitudes.forEachBornAmplitude(p1: p1, p2: p2, p3: outgoing[0], p4: outgoing[1]) { _, _, a in amplitudes.append(a) }
        } else {
            // Reorder (h1, h2, h3, h4, hX) into groups of four (h3, h4) per (h1, h2, hX).
            var raw: [Cplx] = []
            raw.reserveCapacity(32)
            let photon = self.amplitudes.couplings.photonChargedLepton
            self.amplitudes.forEachRadiativeAmplitude(p1: p1, p2: p2, p3: outgoing[0], p4: outgoing[1], k: outgoing[2],
                                                      xMass: 0, xLepton: photon, xElectron: photon) { _, a in raw.append(a) }
            for e in 0..<4 { for x in 0..<2 { for t in 0..<4 { amplitudes.append(raw[(e * 4 + t) * 2 + x]) } } }
        }
        return decayer.decay(&particles, tauMinus: outgoing[0], tauPlus: outgoing[1], indices: (0, 1),
                      production: amplitudes, toCM: toCM, rng: &rng)
    }

    public var settings: [String: String] {
        var out = ["lepton": lepton.rawValue, "soft photon cut k0 (GeV)": "\(softCut)", "vacuum polarisation": "\(vacuumPolarization)",
         "order": "O(alpha): Born x (1 + delta_SV(k0)) + exact tree-level mu mu gamma above k0",
         "sin2thetaW": "\(amplitudes.couplings.sin2W)", "alpha(0)": "\(amplitudes.couplings.alpha)"]
        if let decayer { out["tau decays"] = decayer.summary }
        return out
    }
}
