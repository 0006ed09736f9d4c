import ComplexModule
@testable import EventGeneration
import HEPCore
import RealModule
import Testing

/// Matrix elements against analytic results, gauge invariance and Lorentz invariance.
@Suite("Matrix elements")
struct MatrixElementTests {
    let mMu = ParticleData.muon.mass
    let sqrtS = 10.58

    /// A random 3-body point e-(+z) e+ -> mu- mu+ X in the CM frame: X with energy in
    /// [0.05, 0.9 kmax] and random direction, the dimuon decaying isotropically in its rest frame.
    func threeBody(_ rng: inout RandomStream, xMass: Double, leptonMass: Double = ParticleData.muon.mass) -> [FourMomentum] {
        let mMu = leptonMass
        let s = sqrtS * sqrtS
        let me = ParticleData.electron.mass
        let pBeam = (sqrtS * sqrtS / 4 - me * me).squareRoot()
        let p1 = FourMomentum(e: sqrtS / 2, px: 0, py: 0, pz: pBeam)
        let p2 = FourMomentum(e: sqrtS / 2, px: 0, py: 0, pz: -pBeam)
        let kMax = twoBodyMomentum(parentMass: sqrtS, xMass, 2 * mMu)!
        let kp = rng.uniform(0.05, 0.9) * kMax
        let k = FourMomentum(mass: xMass, p: kp * rng.isotropicDirection())
        let system = FourMomentum(e: sqrtS - k.e, px: -k.px, py: -k.py, pz: -k.pz)
        let pStar = twoBodyMomentum(parentMass: system.mass, mMu, mMu)!
        let d = rng.isotropicDirection()
        let boost = try! LorentzTransform.boost(beta: system.beta)
        let p3 = boost.apply(FourMomentum(mass: mMu, p: pStar * d))
        let p4 = boost.apply(FourMomentum(mass: mMu, p: -pStar * d))
        _ = s
        return [p1, p2, p3, p4, k]
    }

    /// e+e- -> mu+ mu- through gamma and Z with massless electrons and massive muons
    /// (beta = sqrt(1 - 4 m^2/s)): per electron chirality i, with G_ij = sum_V g^e_Vi g^mu_Vj D_V(s),
    /// C_V = (G_iR + G_iL)/2, C_A = (G_iR - G_iL)/2,
    /// (1/4) sum |M|^2 = (s^2/2) sum_i [ |C_V|^2 (2 - beta^2 sin^2) + |C_A|^2 beta^2 (1 + c^2)
    ///                                   + 4 eta_i beta c Re(C_V C_A*) ],  eta_L = -1, eta_R = +1,
    /// (the standard massive-fermion result, e.g. for e+e- -> t tbar; the QED part reduces to
    /// Peskin-Schroeder Eq. 5.12), dsigma/dcos = beta/(32 pi s) (1/4) sum |M|^2, so
    /// sigma = beta/(32 pi s) (s^2/2) sum_i [ |C_V|^2 (4 - 4 beta^2/3) + |C_A|^2 8 beta^2/3 ].
    func analytic(cosTheta c: Double?, couplings sm: StandardModelCouplings) -> Double {
        let s = sqrtS * sqrtS
        let beta = (1 - 4 * mMu * mMu / s).squareRoot()
        let dZ = 1 / Cplx(s - sm.zMass * sm.zMass, sm.zMass * sm.zWidth)
        let dA = Cplx(1 / s)
        let ga = sm.photonChargedLepton, gz = sm.zChargedLepton
        var total = 0.0
        for (eta, ge, gze) in [(-1.0, ga.left, gz.left), (1.0, ga.right, gz.right)] {
            let gL = Cplx(ge * ga.left) * dA + Cplx(gze * gz.left) * dZ
            let gR = Cplx(ge * ga.right) * dA + Cplx(gze * gz.right) * dZ
            let cv = (gR + gL) * 0.5, ca = (gR - gL) * 0.5
            let interference = (cv * ca.conjugate).real
            if let c {
                total += cv.lengthSquared * (2 - beta * beta * (1 - c * c)) + ca.lengthSquared * beta * beta * (1 + c * c)
                    + 4 * eta * beta * c * interference
            } else {
                total += cv.lengthSquared * (4 - 4 * beta * beta / 3) + ca.lengthSquared * 8 * beta * beta / 3
            }
        }
        return beta / (32 * Double.pi * s) * s * s / 2 * total
    }

    @Test("e+e- -> mu+ mu-: dsigma/dcos and sigma with Z interference and muon mass, to 1e-4")
    func bornAnalytic() throws {
        let sm = StandardModelCouplings()
        let amps = LeptonPairAmplitudes(couplings: sm, leptonMass: mMu, vacuumPolarization: false)
        let s = sqrtS * sqrtS
        let me = ParticleData.electron.mass
        let pBeam = (s / 4 - me * me).squareRoot()
        let p1 = FourMomentum(e: sqrtS / 2, px: 0, py: 0, pz: pBeam)
        let p2 = FourMomentum(e: sqrtS / 2, px: 0, py: 0, pz: -pBeam)
        let pMu = (s / 4 - mMu * mMu).squareRoot()
        let beta = 2 * pMu / sqrtS
        func dsigma(_ c: Double) -> Double {
            let st = (1 - c * c).squareRoot()
            let p3 = FourMomentum(e: sqrtS / 2, px: pMu * st * 0.6, py: pMu * st * 0.8, pz: pMu * c)
            let p4 = FourMomentum(e: sqrtS / 2, px: -p3.px, py: -p3.py, pz: -p3.pz)
            return beta / (32 * Double.pi * s) * amps.bornSquared(p1: p1, p2: p2, p3: p3, p4: p4)
        }
        for c in [-0.95, -0.5, 0, 0.3, 0.9] {
            #expect(abs(dsigma(c) / analytic(cosTheta: c, couplings: sm) - 1) < 1e-4, "cos theta = \(c)")
        }
        let sigma = try GaussKronrod.integrate(from: -1, to: 1, relativeTolerance: 1e-10) { dsigma($0) }.value
        let exact = analytic(cosTheta: nil, couplings: sm)
        #expect(abs(sigma / exact - 1) < 1e-4)
        // The numbers themselves: sigma ~ 4 pi alpha^2/(3 s) = 0.776 nb, times beta(3 - beta^2)/2 and
        // the small Z interference.
        let nb = Units.picobarn(fromInverseGeV2: sigma) / 1000
        #expect(nb > 0.77 && nb < 0.78)
        // The forward-backward asymmetry below the Z is negative (gamma-Z interference).
        let forward = try GaussKronrod.integrate(from: 0, to: 1) { dsigma($0) }.value
        #expect(forward < sigma / 2)
    }

    @Test("e+e- -> l+ l- gamma and l+ l- Z' are gauge invariant: eps -> k gives zero (l = mu, tau)",
          arguments: [ParticleData.muon.mass, ParticleData.tau.mass])
    func gaugeInvariance(leptonMass: Double) {
        let sm = StandardModelCouplings()
        let amps = LeptonPairAmplitudes(couplings: sm, leptonMass: leptonMass, vacuumPolarization: true)
        var rng = RandomStreams(seed: 201).stream(0)
        for _ in 0..<50 {
            let p = threeBody(&rng, xMass: 0, leptonMass: leptonMass)
            var largest = 0.0, gauge = 0.0
            amps.forEachRadiativeAmplitude(p1: p[0], p2: p[1], p3: p[2], p4: p[3], k: p[4], xMass: 0,
                                           xLepton: sm.photonChargedLepton, xElectron: sm.photonChargedLepton) { _, a in
                largest = max(largest, a.length)
            }
            // Scale k to unit energy so "eps -> k" has the size of a polarisation vector.
            let kHat = (1 / p[4].e) * CVector(p[4])
            amps.forEachRadiativeAmplitude(p1: p[0], p2: p[1], p3: p[2], p4: p[3], k: p[4], xMass: 0,
                                           xLepton: sm.photonChargedLepton, xElectron: sm.photonChargedLepton,
                                           replacingPolarizationWith: kHat) { _, a in
                gauge = max(gauge, a.length)
            }
            #expect(gauge < 1e-9 * largest)
        }
        // The Z' couples to the conserved muon current: its k^mu k^nu/M^2 part drops, i.e. eps -> k
        // gives zero for the Z' emitted from the muon line too.
        for _ in 0..<50 {
            let p = threeBody(&rng, xMass: 1.3, leptonMass: leptonMass)
            var largest = 0.0, gauge = 0.0
            amps.forEachRadiativeAmplitude(p1: p[0], p2: p[1], p3: p[2], p4: p[3], k: p[4], xMass: 1.3,
                                           xLepton: .vector(1), xElectron: nil) { _, a in largest = max(largest, a.length) }
            amps.forEachRadiativeAmplitude(p1: p[0], p2: p[1], p3: p[2], p4: p[3], k: p[4], xMass: 1.3,
                                           xLepton: .vector(1), xElectron: nil,
                                           replacingPolarizationWith: (1 / p[4].e) * CVector(p[4])) { _, a in gauge = max(gauge, a.length) }
            #expect(gauge < 1e-9 * largest)
        }
    }

    @Test("Summed |M|^2 is Lorentz invariant (random boosts and rotations; l = mu, tau)",
          arguments: [ParticleData.muon.mass, ParticleData.tau.mass])
    func lorentzInvariance(leptonMass: Double) throws {
        let sm = StandardModelCouplings()
        let amps = LeptonPairAmplitudes(couplings: sm, leptonMass: leptonMass, vacuumPolarization: true)
        var rng = RandomStreams(seed: 202).stream(0)
        for xMass in [0.0, 0.7] {
            for _ in 0..<30 {
                let p = threeBody(&rng, xMass: xMass, leptonMass: leptonMass)
                let t = try LorentzTransform.boost(beta: rng.uniform(0, 0.6) * rng.isotropicDirection())
                    .after(LorentzTransform.rotation(axis: rng.isotropicDirection(), angle: rng.uniform(0, 3)))
                let q = p.map { t.apply($0) }
                let xe: ChiralCoupling? = xMass == 0 ? sm.photonChargedLepton : nil
                let xl: ChiralCoupling = xMass == 0 ? sm.photonChargedLepton : .vector(1)
                let a = amps.radiativeSquared(p1: p[0], p2: p[1], p3: p[2], p4: p[3], k: p[4], xMass: xMass, xLepton: xl, xElectron: xe)
                let b = amps.radiativeSquared(p1: q[0], p2: q[1], p3: q[2], p4: q[3], k: q[4], xMass: xMass, xLepton: xl, xElectron: xe)
                #expect(abs(a / b - 1) < 1e-8)
                let born = amps.bornSquared(p1: p[0], p2: p[1], p3: p[2], p4: p[3])
                let bornBoosted = amps.bornSquared(p1: q[0], p2: q[1], p3: q[2], p4: q[3])
                #expect(abs(born / bornBoosted - 1) < 1e-8)
            }
        }
    }

    /// Soft-photon theorem (e.g. Peskin-Schroeder Eq. 6.14 summed over polarisations): as k -> 0,
    /// (1/4) sum |M(ee -> mu mu gamma)|^2 -> -e^2 J.J (1/4) sum |M(ee -> mu mu)|^2 with
    /// J^mu = sum_i eta_i Q_i p_i^mu / (p_i.k), eta = +1 outgoing, -1 incoming, Q the charges
    /// (e- and mu- -1, e+ and mu+ +1). Checked at photon energies 1e-5 GeV in several directions.
    @Test("e+e- -> mu+ mu- gamma reduces to the eikonal factor times the Born in the soft limit")
    func softLimit() {
        let sm = StandardModelCouplings()
        let amps = LeptonPairAmplitudes(couplings: sm, leptonMass: mMu, vacuumPolarization: false)
        let s = sqrtS * sqrtS
        let (p1, p2) = beamMomenta(sqrtS: sqrtS)
        var rng = RandomStreams(seed: 204).stream(0)
        for _ in 0..<20 {
            let kE = 1e-5
            let k = FourMomentum(mass: 0, p: kE * rng.isotropicDirection())
            // mu pair recoiling against k, decaying at a random angle in its rest frame.
            let system = FourMomentum(e: sqrtS - k.e, px: -k.px, py: -k.py, pz: -k.pz)
            let pStar = twoBodyMomentum(parentMass: system.mass, mMu, mMu)!
            let d = rng.isotropicDirection()
            let boost = LorentzTransform.boost(validBeta: system.beta)
            let p3 = boost.apply(FourMomentum(mass: mMu, p: pStar * d)), p4 = boost.apply(FourMomentum(mass: mMu, p: -pStar * d))
            let legs: [(FourMomentum, Double)] = [(p1, -1 * -1), (p2, -1 * 1), (p3, 1 * -1), (p4, 1 * 1)] // eta * Q
            var jj = 0.0
            for (pi, ci) in legs { for (pj, cj) in legs { jj += ci * cj * pi.dot(pj) / (pi.dot(k) * pj.dot(k)) } }
            let eikonal = -sm.e * sm.e * jj
            let radiative = amps.radiativeSquared(p1: p1, p2: p2, p3: p3, p4: p4, k: k, xMass: 0,
                                                  xLepton: sm.photonChargedLepton, xElectron: sm.photonChargedLepton)
            let born = amps.bornSquared(p1: p1, p2: p2, p3: p3, p4: p4)
            #expect(abs(radiative / (eikonal * born) - 1) < 1e-3)
            _ = s
        }
    }
}
