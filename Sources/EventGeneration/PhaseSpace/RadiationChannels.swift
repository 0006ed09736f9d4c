import HEPCore
import RealModule

/// Three-body channel for a photon radiated from a beam: the photon energy k (log-distributed in
/// k, "soft", or in the dilepton mass squared s' = s - 2 sqrt(s) k, "radiative return") and its
/// polar angle peaked along the emitting beam (1/(1 - beta_e cos theta)), the lepton pair decaying
/// isotropically in its rest frame.
///
/// dPhi_3 = (k/2) dk dOmega_k * |p*|/(4 sqrt s') dOmega*, so the density is
/// h(k) f(cos) / (2 pi) / (4 pi) / ((k/2) |p*|/(4 sqrt s')).
public struct InitialStateRadiationChannel: PhaseSpaceChannel {
    public enum EnergySampling: Sendable { case soft, radiativeReturn }
    public let sampling: EnergySampling
    /// +1: radiated by the electron (+z); -1: by the positron.
    public let beamSign: Double
    public let leptonMass: Double
    /// Smallest photon energy (the soft/hard separation), GeV.
    public let minimumEnergy: Double

    public var name: String {
        "ISR \(beamSign > 0 ? "e-" : "e+") (\(sampling == .soft ? "soft" : "radiative return"))"
    }
    public var dimensions: Int { 5 }
    public var outgoingCount: Int { 3 }

    public init(sampling: EnergySampling, beamSign: Double, leptonMass: Double, minimumEnergy: Double) {
        self.sampling = sampling
        self.beamSign = beamSign
        self.leptonMass = leptonMass
        self.minimumEnergy = minimumEnergy
    }

    /// The largest photon energy at sqrt(s): the lepton pair at threshold.
    func maximumEnergy(_ sqrtS: Double) -> Double {
        (sqrtS * sqrtS - 4 * leptonMass * leptonMass) / (2 * sqrtS)
    }

    func angular(_ sqrtS: Double) -> Mapping.Peaked {
        let me = ParticleData.electron.mass
        let e = sqrtS / 2
        let p = (e * e - me * me).squareRoot()
        return Mapping.Peaked(oneMinusBeta: me * me / (e * (e + p)), sign: beamSign)
    }

    /// The energy variable's mapping and the photon energy for a value of it.
    func energyMapping(_ sqrtS: Double) -> Mapping.Logarithmic? {
        let kMax = maximumEnergy(sqrtS)
        guard kMax > minimumEnergy else { return nil }
        switch sampling {
        case .soft:
            return Mapping.Logarithmic(lo: minimumEnergy, hi: kMax)
        case .radiativeReturn:
            let s = sqrtS * sqrtS
            return Mapping.Logarithmic(lo: s - 2 * sqrtS * kMax, hi: s - 2 * sqrtS * minimumEnergy)
        }
    }

    public func generate(_ u: [Double], sqrtS: Double, into out: inout [FourMomentum]) -> Bool {
        guard let map = energyMapping(sqrtS) else { return false }
        let x = map.map(u[0])
        let k = sampling == .soft ? x : (sqrtS * sqrtS - x) / (2 * sqrtS)
        let c = angular(sqrtS).map(u[1])
        let st = max(0, 1 - c * c).squareRoot(), phi = 2 * Double.pi * u[2]
        let photon = FourMomentum(e: k, px: k * st * Double.cos(phi), py: k * st * Double.sin(phi), pz: k * c)
        let system = FourMomentum(e: sqrtS - k, px: -photon.px, py: -photon.py, pz: -photon.pz)
        guard let (l1, l2) = TwoBody.decay(system, m1: leptonMass, m2: leptonMass, cosTheta: 2 * u[3] - 1, phi: 2 * Double.pi * u[4]) else {
            return false
        }
        out[0] = l1
        out[1] = l2
        out[2] = photon
        return true
    }

    public func inverse(_ momenta: [FourMomentum], sqrtS: Double, into u: inout [Double]) -> Double {
        guard let map = energyMapping(sqrtS) else { return 0 }
        let photon = momenta[2]
        let k = photon.e
        let s = sqrtS * sqrtS
        let sPrime = s - 2 * sqrtS * k
        let x = sampling == .soft ? k : sPrime
        let h = map.density(x) * (sampling == .soft ? 1 : 2 * sqrtS)
        guard h > 0, let pStar = twoBodyMomentum(parentMass: sPrime.squareRoot(), leptonMass, leptonMass), pStar > 0 else { return 0 }
        let ang = angular(sqrtS)
        let c = photon.pz / k
        u[0] = map.inverse(x)
        u[1] = ang.inverse(c)
        u[2] = TwoBodyChannel.unitPhi(photon.phi)
        let (cs, ps) = TwoBody.angles(of: momenta[0], in: momenta[0] + momenta[1])
        u[3] = (cs + 1) / 2
        u[4] = TwoBodyChannel.unitPhi(ps)
        let jacobian = (k / 2) * pStar / (4 * sPrime.squareRoot())
        return h * ang.density(c) / (2 * Double.pi) / (4 * Double.pi) / jacobian
    }
}

/// Three-body channel for a particle X (photon or Z') radiated from final lepton `emitter` (0 for
/// l-, 1 for l+): the invariant mass s_iX = (p_i + k)^2 with density 1/(s_iX - m^2) (the emitter
/// propagator), the (i X) system recoiling isotropically against the other lepton, and X isotropic
/// in the (i X) rest frame.
///
/// dPhi_3 = |p1*|/(4 sqrt s) dOmega_1 ds_iX |p2*|/(4 sqrt s_iX) dOmega_2.
public struct FinalStateRadiationChannel: PhaseSpaceChannel {
    public let emitter: Int
    public let leptonMass: Double
    public let xMass: Double
    /// Lower end of s_iX - m^2 (GeV^2) for a massless X, which has no kinematic lower limit.
    public let minimumVirtuality: Double

    public var name: String { "FSR from \(emitter == 0 ? "l-" : "l+")" }
    public var dimensions: Int { 5 }
    public var outgoingCount: Int { 3 }

    public init(emitter: Int, leptonMass: Double, xMass: Double, minimumVirtuality: Double) {
        self.emitter = emitter
        self.leptonMass = leptonMass
        self.xMass = xMass
        self.minimumVirtuality = minimumVirtuality
    }

    func mapping(_ sqrtS: Double) -> Mapping.Logarithmic? {
        let m = leptonMass
        let lo = xMass > 0 ? (m + xMass) * (m + xMass) - m * m : minimumVirtuality
        let hi = (sqrtS - m) * (sqrtS - m) - m * m
        return hi > lo ? Mapping.Logarithmic(lo: lo, hi: hi) : nil
    }

    public func generate(_ u: [Double], sqrtS: Double, into out: inout [FourMomentum]) -> Bool {
        guard let map = mapping(sqrtS) else { return false }
        let sIX = map.map(u[0]) + leptonMass * leptonMass
        let q = FourMomentum(e: sqrtS, px: 0, py: 0, pz: 0)
        guard let (system, other) = TwoBody.decay(q, m1: sIX.squareRoot(), m2: leptonMass, cosTheta: 2 * u[1] - 1, phi: 2 * Double.pi * u[2]),
              let (x, lepton) = TwoBody.decay(system, m1: xMass, m2: leptonMass, cosTheta: 2 * u[3] - 1, phi: 2 * Double.pi * u[4])
        else { return false }
        out[emitter] = lepton
        out[1 - emitter] = other
        out[2] = x
        return true
    }

    public func inverse(_ momenta: [FourMomentum], sqrtS: Double, into u: inout [Double]) -> Double {
        guard let map = mapping(sqrtS) else { return 0 }
        let system = momenta[emitter] + momenta[2]
        let sIX = system.massSquared
        let h = map.density(sIX - leptonMass * leptonMass)
        guard h > 0, sIX > 0,
              let p1 = twoBodyMomentum(parentMass: sqrtS, sIX.squareRoot(), leptonMass),
              let p2 = twoBodyMomentum(parentMass: sIX.squareRoot(), xMass, leptonMass), p1 > 0, p2 > 0 else { return 0 }
        u[0] = map.inverse(sIX - leptonMass * leptonMass)
        u[1] = (system.cosTheta + 1) / 2
        u[2] = TwoBodyChannel.unitPhi(system.phi)
        let (cx, px) = TwoBody.angles(of: momenta[2], in: system)
        u[3] = (cx + 1) / 2
        u[4] = TwoBodyChannel.unitPhi(px)
        let jacobian = p1 / (4 * sqrtS) * p2 / (4 * sIX.squareRoot())
        return h / (16 * Double.pi * Double.pi) / jacobian
    }
}
