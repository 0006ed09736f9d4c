import HEPCore
import RealModule

/// Four-body channels for e+e- -> l1 lbar1 l2 lbar2. Outgoing momenta are indexed 0...3 in the
/// process's order; each channel names the roles it gives them. Densities are w.r.t. dPhi_4 (no 2 pi
/// factors), built from the recursive split dPhi_n = dPhi_{n-1} ds dPhi_2 with
/// dPhi_2(M -> a b) = |p*|/(4M) dOmega*.

/// Pair emission from a final lepton: the primary pair (i-, i+) comes from the s channel, the
/// emitter e (one of them) radiates a virtual photon of mass^2 s2 (density 1/s2, the photon
/// propagator) that converts into the secondary pair (j-, j+). Variables: s2, s_eX - m^2 (density
/// 1/(s_eX - m^2), the emitter's propagator), the (e X) direction, X in the (e X) frame, j- in the X frame.
public struct PairEmissionChannel: PhaseSpaceChannel {
    public let primary: (Int, Int)
    public let secondary: (Int, Int)
    /// 0: the primary lepton emits, 1: the primary antilepton.
    public let emitterSide: Int
    public let primaryMass: Double, secondaryMass: Double
    public var name: String { "pair emission \(primary) -> \(secondary) from \(emitterSide == 0 ? "lepton" : "antilepton")" }
    public var dimensions: Int { 8 }
    public var outgoingCount: Int { 4 }

    public init(primary: (Int, Int), secondary: (Int, Int), emitterSide: Int, primaryMass: Double, secondaryMass: Double) {
        self.primary = primary
        self.secondary = secondary
        self.emitterSide = emitterSide
        self.primaryMass = primaryMass
        self.secondaryMass = secondaryMass
    }

    var emitter: Int { emitterSide == 0 ? primary.0 : primary.1 }
    var spectator: Int { emitterSide == 0 ? primary.1 : primary.0 }

    func massMapping(_ sqrtS: Double) -> Mapping.Logarithmic? {
        let lo = 4 * secondaryMass * secondaryMass, hi = (sqrtS - 2 * primaryMass) * (sqrtS - 2 * primaryMass)
        return hi > lo ? Mapping.Logarithmic(lo: lo, hi: hi) : nil
    }

    func emitterMapping(_ sqrtS: Double, s2: Double) -> Mapping.Logarithmic? {
        let m = primaryMass, mx = s2.squareRoot()
        let lo = (m + mx) * (m + mx) - m * m, hi = (sqrtS - m) * (sqrtS - m) - m * m
        return hi > lo ? Mapping.Logarithmic(lo: lo, hi: hi) : nil
    }

    public func generate(_ u: [Double], sqrtS: Double, into out: inout [FourMomentum]) -> Bool {
        guard let m2 = massMapping(sqrtS) else { return false }
        let s2 = m2.map(u[0])
        guard let me = emitterMapping(sqrtS, s2: s2) else { return false }
        let sEX = me.map(u[1]) + primaryMass * primaryMass
        let q = FourMomentum(e: sqrtS, px: 0, py: 0, pz: 0)
        guard let (system, other) = TwoBody.decay(q, m1: sEX.squareRoot(), m2: primaryMass, cosTheta: 2 * u[2] - 1, phi: 2 * Double.pi * u[3]),
              let (x, lepton) = TwoBody.decay(system, m1: s2.squareRoot(), m2: primaryMass, cosTheta: 2 * u[4] - 1, phi: 2 * Double.pi * u[5]),
              let (a, b) = TwoBody.decay(x, m1: secondaryMass, m2: secondaryMass, cosTheta: 2 * u[6] - 1, phi: 2 * Double.pi * u[7])
        else { return false }
        out[emitter] = lepton
        out[spectator] = other
        out[secondary.0] = a
        out[secondary.1] = b
        return true
    }

    public func inverse(_ momenta: [FourMomentum], sqrtS: Double, into u: inout [Double]) -> Double {
        let x = momenta[secondary.0] + momenta[secondary.1]
        let s2 = x.massSquared
        guard let m2 = massMapping(sqrtS), s2 > 0, let me = emitterMapping(sqrtS, s2: s2) else { return 0 }
        let system = momenta[emitter] + x
        let sEX = system.massSquared
        let h = m2.density(s2) * me.density(sEX - primaryMass * primaryMass)
        guard h > 0, sEX > 0,
              let p1 = twoBodyMomentum(parentMass: sqrtS, sEX.squareRoot(), primaryMass),
              let p2 = twoBodyMomentum(parentMass: sEX.squareRoot(), s2.squareRoot(), primaryMass),
              let p3 = twoBodyMomentum(parentMass: s2.squareRoot(), secondaryMass, secondaryMass), p1 > 0, p2 > 0, p3 > 0 else { return 0 }
        u[0] = m2.inverse(s2)
        u[1] = me.inverse(sEX - primaryMass * primaryMass)
        u[2] = (system.cosTheta + 1) / 2
        u[3] = TwoBodyChannel.unitPhi(system.phi)
        let (cx, px) = TwoBody.angles(of: x, in: system)
        u[4] = (cx + 1) / 2
        u[5] = TwoBodyChannel.unitPhi(px)
        let (ca, pa) = TwoBody.angles(of: momenta[secondary.0], in: x)
        u[6] = (ca + 1) / 2
        u[7] = TwoBodyChannel.unitPhi(pa)
        let jacobian = p1 / (4 * sqrtS) * p2 / (4 * sEX.squareRoot()) * p3 / (4 * s2.squareRoot())
        return h / (64 * Double.pi * Double.pi * Double.pi) / jacobian
    }
}

/// Double conversion: e+ e- -> gamma* gamma* by electron exchange, each virtual photon converting
/// into a pair: X1 = (a-, a+) and X2 = (b-, b+) with masses^2 s1, s2 (densities 1/s), the X1
/// direction peaked along the electron (`sign` +1, t channel) or the positron (-1, u channel) as the
/// electron propagator 1/(a - b cos theta) is, and each pair isotropic in its rest frame.
public struct DoubleConversionChannel: PhaseSpaceChannel {
    public let first: (Int, Int), second: (Int, Int)
    public let firstMass: Double, secondMass: Double
    public let sign: Double
    public var name: String { "double conversion \(first) \(second) \(sign > 0 ? "forward" : "backward")" }
    public var dimensions: Int { 8 }
    public var outgoingCount: Int { 4 }

    public init(first: (Int, Int), second: (Int, Int), firstMass: Double, secondMass: Double, sign: Double) {
        self.first = first
        self.second = second
        self.firstMass = firstMass
        self.secondMass = secondMass
        self.sign = sign
    }

    func mappings(_ sqrtS: Double, s1: Double?) -> (Mapping.Logarithmic, Mapping.Logarithmic?)? {
        let lo1 = 4 * firstMass * firstMass, hi1 = (sqrtS - 2 * secondMass) * (sqrtS - 2 * secondMass)
        guard hi1 > lo1 else { return nil }
        let m1 = Mapping.Logarithmic(lo: lo1, hi: hi1)
        guard let s1 else { return (m1, nil) }
        let lo2 = 4 * secondMass * secondMass, hi2 = (sqrtS - s1.squareRoot()) * (sqrtS - s1.squareRoot())
        return (m1, hi2 > lo2 ? Mapping.Logarithmic(lo: lo2, hi: hi2) : nil)
    }

    /// The peaked angular mapping of X1 for pair masses s1, s2: 1/(a - b c) with
    /// a = 2 E E_X1 - s1, b = 2 p p_X1 (electron propagator (p1 - X1)^2 - m_e^2 = s1 - a + b c).
    func angular(_ sqrtS: Double, s1: Double, s2: Double) -> Mapping.Peaked? {
        guard let pX = twoBodyMomentum(parentMass: sqrtS, s1.squareRoot(), s2.squareRoot()) else { return nil }
        let me = ParticleData.electron.mass
        let e = sqrtS / 2, p = (e * e - me * me).squareRoot()
        let eX = (s1 + pX * pX).squareRoot()
        let a = 2 * e * eX - s1, b = 2 * p * pX
        guard a > 0, b > 0, b < a else { return nil }
        return Mapping.Peaked(oneMinusBeta: (a - b) / a, sign: sign)
    }

    public func generate(_ u: [Double], sqrtS: Double, into out: inout [FourMomentum]) -> Bool {
        guard let (m1, _) = mappings(sqrtS, s1: nil) else { return false }
        let s1 = m1.map(u[0])
        guard let (_, m2o) = mappings(sqrtS, s1: s1), let m2 = m2o else { return false }
        let s2 = m2.map(u[1])
        guard let ang = angular(sqrtS, s1: s1, s2: s2) else { return false }
        let c = ang.map(u[2])
        let q = FourMomentum(e: sqrtS, px: 0, py: 0, pz: 0)
        guard let (x1, x2) = TwoBody.decay(q, m1: s1.squareRoot(), m2: s2.squareRoot(), cosTheta: c, phi: 2 * Double.pi * u[3]),
              let (a, ab) = TwoBody.decay(x1, m1: firstMass, m2: firstMass, cosTheta: 2 * u[4] - 1, phi: 2 * Double.pi * u[5]),
              let (b, bb) = TwoBody.decay(x2, m1: secondMass, m2: secondMass, cosTheta: 2 * u[6] - 1, phi: 2 * Double.pi * u[7])
        else { return false }
        out[first.0] = a; out[first.1] = ab
        out[second.0] = b; out[second.1] = bb
        return true
    }

    public func inverse(_ momenta: [FourMomentum], sqrtS: Double, into u: inout [Double]) -> Double {
        let x1 = momenta[first.0] + momenta[first.1], x2 = momenta[second.0] + momenta[second.1]
        let s1 = x1.massSquared, s2 = x2.massSquared
        guard s1 > 0, s2 > 0, let (m1, m2o) = mappings(sqrtS, s1: s1), let m2 = m2o,
              let ang = angular(sqrtS, s1: s1, s2: s2) else { return 0 }
        let h = m1.density(s1) * m2.density(s2)
        guard h > 0, let pX = twoBodyMomentum(parentMass: sqrtS, s1.squareRoot(), s2.squareRoot()),
              let pa = twoBodyMomentum(parentMass: s1.squareRoot(), firstMass, firstMass),
              let pb = twoBodyMomentum(parentMass: s2.squareRoot(), secondMass, secondMass), pX > 0, pa > 0, pb > 0 else { return 0 }
        let c = x1.cosTheta
        u[0] = m1.inverse(s1)
        u[1] = m2.inverse(s2)
        u[2] = ang.inverse(c)
        u[3] = TwoBodyChannel.unitPhi(x1.phi)
        let (ca, phia) = TwoBody.angles(of: momenta[first.0], in: x1)
        u[4] = (ca + 1) / 2
        u[5] = TwoBodyChannel.unitPhi(phia)
        let (cb, phib) = TwoBody.angles(of: momenta[second.0], in: x2)
        u[6] = (cb + 1) / 2
        u[7] = TwoBodyChannel.unitPhi(phib)
        let jacobian = pX / (4 * sqrtS) * pa / (4 * s1.squareRoot()) * pb / (4 * s2.squareRoot())
        return h * ang.density(c) / (2 * Double.pi) / (16 * Double.pi * Double.pi) / jacobian
    }
}
