import HEPCore
import RealModule

/// The multiperipheral (two-photon) region of e+e- -> e+e- X: each beam keeps energy E(1 - y) and
/// scatters by momentum transfer t; y is sampled as 1/y (the equivalent-photon spectrum) and |t|
/// logarithmically between its kinematic limits (the photon propagator 1/|t|), so the very forward
/// electrons of two-photon events, with |t| down to m_e^2 y^2/(1 - y), are sampled where they are.
/// X (outgoing indices `pair`) decays in its rest frame with the pair.0 direction peaked along +z
/// (`pairPeak` +1) or -z (-1) as 1/(1 - beta cos theta*) (the lepton exchanged between the two nearly
/// beam-collinear photons: gamma gamma -> l+ l- peaks along the photon axis), or isotropically (nil).
///
/// With d^3p/(2E) = dE d|t| dphi/(4 p_beam) for fixed beam momentum p_beam, the density w.r.t.
/// dPhi_4 is h(y1) h(t1) h(y2) h(t2) / (2 pi)^2 / (4 pi) / [(E/(4 p_beam))^2 |p*|/(4 W)].
/// Outgoing order: index `electron` (e-), `positron` (e+), pair.0 and pair.1 (the X daughters).
public struct TwoPhotonChannel: PhaseSpaceChannel {
    public let electron: Int, positron: Int
    public let pair: (Int, Int)
    public let pairMass: Double
    /// Smallest invariant mass of X considered (GeV), from the generator cut.
    public let minimumPairMass: Double
    public let pairPeak: Double?
    public var name: String { "two-photon" + (pairPeak.map { $0 > 0 ? " (l- forward)" : " (l- backward)" } ?? "") }
    public var dimensions: Int { 8 }
    public var outgoingCount: Int { 4 }

    public init(electron: Int, positron: Int, pair: (Int, Int), pairMass: Double, minimumPairMass: Double, pairPeak: Double? = nil) {
        self.pairPeak = pairPeak
        self.electron = electron
        self.positron = positron
        self.pair = pair
        self.pairMass = pairMass
        self.minimumPairMass = max(minimumPairMass, 2 * pairMass)
    }

    /// The peaked decay-angle mapping at pair mass w (beta of the leptons in the pair frame).
    func decayAngle(w: Double) -> Mapping.Peaked? {
        guard let sign = pairPeak, w > 2 * pairMass else { return nil }
        let r = 4 * pairMass * pairMass / (w * w)
        let beta = (1 - r).squareRoot()
        return Mapping.Peaked(oneMinusBeta: r / (1 + beta), sign: sign)
    }

    struct Beam {
        let e: Double, p: Double, m: Double
        /// Range of y = 1 - E'/E.
        func yMapping(minimumW: Double, s: Double) -> Mapping.Logarithmic {
            Mapping.Logarithmic(lo: max(0.5 * minimumW * minimumW / s, 1e-9), hi: 1 - m / e)
        }
        /// |t| limits for scattered energy e3: |t0| at theta = 0, |tmax| at theta = pi.
        func tLimits(e3: Double) -> (Double, Double) {
            let p3 = max(e3 * e3 - m * m, 0).squareRoot()
            let d = m * m * (1 / (e3 + p3) - 1 / (e + p))   // -[(E - p) - (E3 - p3)] > 0
            let t0 = d * (e - e3 + p - p3)                  // |t| at theta = 0
            return (t0, t0 + 4 * p * p3)
        }
    }

    func beam(_ sqrtS: Double) -> Beam {
        let me = ParticleData.electron.mass
        let e = sqrtS / 2
        return Beam(e: e, p: (e * e - me * me).squareRoot(), m: me)
    }

    /// The scattered lepton of a beam moving along `sign` z.
    func scattered(_ b: Beam, y: Double, absT: Double, phi: Double, sign: Double) -> FourMomentum? {
        let e3 = b.e * (1 - y)
        let p3 = (e3 * e3 - b.m * b.m).squareRoot()
        let (t0, tmax) = b.tLimits(e3: e3)
        guard absT >= t0, absT <= tmax, p3 > 0 else { return nil }
        let oneMinusCos = (absT - t0) / (2 * b.p * p3)
        let c = 1 - oneMinusCos
        let st = max(0, oneMinusCos * (2 - oneMinusCos)).squareRoot()
        return FourMomentum(e: e3, px: p3 * st * Double.cos(phi), py: p3 * st * Double.sin(phi), pz: sign * p3 * c)
    }

    public func generate(_ u: [Double], sqrtS: Double, into out: inout [FourMomentum]) -> Bool {
        let b = beam(sqrtS), s = sqrtS * sqrtS
        let ym = b.yMapping(minimumW: minimumPairMass, s: s)
        func lepton(_ k: Int, sign: Double) -> FourMomentum? {
            let y = ym.map(u[k])
            let (t0, tmax) = b.tLimits(e3: b.e * (1 - y))
            guard tmax > t0, t0 > 0 else { return nil }
            let absT = Mapping.Logarithmic(lo: t0, hi: tmax).map(u[k + 1])
            return scattered(b, y: y, absT: absT, phi: 2 * Double.pi * u[k + 2], sign: sign)
        }
        guard let electronOut = lepton(0, sign: 1), let positronOut = lepton(3, sign: -1) else { return false }
        let x = FourMomentum(e: sqrtS, px: 0, py: 0, pz: 0) - electronOut - positronOut
        guard x.e > 0, x.massSquared > minimumPairMass * minimumPairMass,
              let (a, c) = TwoBody.decay(x, m1: pairMass, m2: pairMass, cosTheta: decayAngle(w: x.mass)?.map(u[6]) ?? 2 * u[6] - 1,
                                         phi: 2 * Double.pi * u[7]) else { return false }
        out[electron] = electronOut
        out[positron] = positronOut
        out[pair.0] = a
        out[pair.1] = c
        return true
    }

    public func inverse(_ momenta: [FourMomentum], sqrtS: Double, into u: inout [Double]) -> Double {
        let b = beam(sqrtS), s = sqrtS * sqrtS
        let ym = b.yMapping(minimumW: minimumPairMass, s: s)
        var density = 1.0
        for side in 0..<2 {
            let (k, index, axis) = side == 0 ? (0, electron, ThreeVector(0, 0, 1)) : (3, positron, ThreeVector(0, 0, -1))
            let l = momenta[index]
            let y = 1 - l.e / b.e
            let (t0, tmax) = b.tLimits(e3: l.e)
            guard tmax > t0, t0 > 0 else { return 0 }
            let theta = l.momentum.angle(to: axis)
            let oneMinusCos = 2 * Double.sin(theta / 2) * Double.sin(theta / 2)
            let absT = t0 + 2 * b.p * l.p * oneMinusCos
            let tm = Mapping.Logarithmic(lo: t0, hi: tmax)
            let h = ym.density(y) * tm.density(absT)
            guard h > 0 else { return 0 }
            density *= h
            u[k] = ym.inverse(y)
            u[k + 1] = tm.inverse(absT)
            // Azimuth about the beam: the positron's is measured the same way (x, y components).
            u[k + 2] = TwoBodyChannel.unitPhi(Double.atan2(y: l.py, x: l.px))
        }
        let x = momenta[pair.0] + momenta[pair.1]
        let w = x.mass
        guard w > minimumPairMass, let pStar = twoBodyMomentum(parentMass: w, pairMass, pairMass), pStar > 0 else { return 0 }
        let (ca, pa) = TwoBody.angles(of: momenta[pair.0], in: x)
        let peaked = decayAngle(w: w)
        u[6] = peaked?.inverse(ca) ?? (ca + 1) / 2
        u[7] = TwoBodyChannel.unitPhi(pa)
        if let peaked { density *= 2 * peaked.density(ca) } // relative to the isotropic 1/2 in cos
        let perLepton = b.e / (4 * b.p) // d^3p/(2E) = E dy d|t| dphi / (4 p_beam)
        let jacobian = perLepton * perLepton * pStar / (4 * w)
        return density / (4 * Double.pi * Double.pi) / (4 * Double.pi) / jacobian
    }
}
