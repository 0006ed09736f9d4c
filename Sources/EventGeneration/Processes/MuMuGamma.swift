import HEPCore
import RealModule

/// e+ e- -> mu+ mu- (gamma) at O(alpha): the Born process dressed with the soft and virtual
/// corrections below a photon-energy cut k0, plus the exact tree-level e+e- -> mu+ mu- gamma matrix
/// element (initial- and final-state radiation with their interference, gamma and Z exchange,
/// electron and muon masses) above it.
///
/// Soft + virtual (photon energy < k0 in the CM frame, E = sqrt(s)/2), per radiating pair with
/// L = ln(s/m^2): delta = (2 alpha/pi) [(L - 1) ln(k0/E) + (3/4) L - 1 + pi^2/6]
/// (G. Bonneau, F. Martin, Nucl. Phys. B 27, 381 (1971); F. A. Berends, R. Kleiss, S. Jadach,
/// Nucl. Phys. B 202, 63 (1982)), summed for the electrons (ISR) and the muons (FSR). The soft and
/// virtual initial-final interference (boxes) is not included: it is odd in cos theta, changes the
/// forward-backward asymmetry at O(alpha) and the total cross section only at O(alpha m^2/s); the
/// hard interference is in the 3-body matrix element. The s-channel photon carries the running of
/// alpha (``RunningAlpha``) when `vacuumPolarization` is on.
///
/// Generator cuts: none on angles (the photon may go down the beam pipe, which is how this
/// background fakes a missing mass); the hard photon has k > k0 in the CM frame.
public struct MuMuGamma: ScatteringProcess {
    public let softCut: Double
    public let vacuumPolarization: Bool
    let amplitudes: LeptonPairAmplitudes
    let mMu: Double

    public var key: String { "mumu-gamma" }
    public var name: String { "e+ e- -> mu+ mu- (gamma)" }

    /// - Parameter softCut: k0 in GeV, the photon energy separating the soft+virtual (Born
    ///   kinematics) part from the hard photons.
    public init(softCut: Double = 0.01, vacuumPolarization: Bool = true, couplings: StandardModelCouplings = .init()) throws(EventGenerationError) {
        guard softCut.isFinite, softCut > 0, softCut < 1 else {
            throw .invalidParameter(name: "soft photon cut k0 (GeV)", value: softCut, allowed: "0 < k0 < 1 GeV")
        }
        self.softCut = softCut
        self.vacuumPolarization = vacuumPolarization
        mMu = ParticleData.muon.mass
        amplitudes = LeptonPairAmplitudes(couplings: couplings, leptonMass: mMu, vacuumPolarization: vacuumPolarization)
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

    public func outgoingIDs(count: Int) -> [PDGID] {
        count == 2 ? [.muon, .antimuon] : [.muon, .antimuon, .photon]
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

    public func passesCuts(_ outgoing: [FourMomentum], sqrtS: Double) -> Bool {
        outgoing.count == 2 || outgoing[2].e > softCut
    }

    public var settings: [String: String] {
        ["soft photon cut k0 (GeV)": "\(softCut)", "vacuum polarisation": "\(vacuumPolarization)",
         "order": "O(alpha): Born x (1 + delta_SV(k0)) + exact tree-level mu mu gamma above k0",
         "sin2thetaW": "\(amplitudes.couplings.sin2W)", "alpha(0)": "\(amplitudes.couplings.alpha)"]
    }
}
