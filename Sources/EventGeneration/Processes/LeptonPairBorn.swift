import HEPCore

/// e+ e- -> gamma*/Z* -> mu+ mu- at Born level (no radiation): the reference process whose cross
/// section has a closed form (checked in the tests) and the kinematics of the soft part of
/// ``LeptonPairGamma``. Generator cuts: none.
public struct LeptonPairBorn: ScatteringProcess {
    let amplitudes: LeptonPairAmplitudes
    let mMu = ParticleData.muon.mass

    public var key: String { "mumu-born" }
    public var name: String { "e+ e- -> mu+ mu- (Born)" }

    public init(vacuumPolarization: Bool = true, couplings: StandardModelCouplings = .init()) {
        amplitudes = LeptonPairAmplitudes(couplings: couplings, leptonMass: ParticleData.muon.mass, vacuumPolarization: vacuumPolarization)
    }

    public var channels: [any PhaseSpaceChannel] { [TwoBodyChannel(m1: mMu, m2: mMu)] }
    public func outgoingIDs(count: Int) -> [PDGID] { [.muon, .antimuon] }
    public func matrixElementSquared(p1: FourMomentum, p2: FourMomentum, outgoing: [FourMomentum]) -> Double {
        amplitudes.bornSquared(p1: p1, p2: p2, p3: outgoing[0], p4: outgoing[1])
    }
    public func passesCuts(_ outgoing: [FourMomentum], sqrtS: Double) -> Bool { true }
    public var settings: [String: String] {
        ["order": "Born (gamma + Z)", "vacuum polarisation": "\(amplitudes.vacuumPolarization)", "generator cuts": "none"]
    }
}
