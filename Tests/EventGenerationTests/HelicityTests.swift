import ComplexModule
@testable import EventGeneration
import HEPCore
import RealModule
import Testing

/// Checks of the external states and Dirac blocks against their defining properties.
@Suite("Helicity building blocks")
struct HelicityTests {
    let one = ChiralCoupling(left: 1, right: 1)

    func randomMomentum(_ rng: inout RandomStream, mass: Double) -> FourMomentum {
        FourMomentum(mass: mass, p: rng.uniform(0.1, 6) * rng.isotropicDirection())
    }

    func norm(_ s: Spinor) -> Double {
        (s.s0.lengthSquared + s.s1.lengthSquared + s.s2.lengthSquared + s.s3.lengthSquared).squareRoot()
    }

    @Test("Spinors solve the Dirac equation and are normalised (ubar u = 2m, u^dagger u = 2E)")
    func diracEquation() {
        var rng = RandomStreams(seed: 101).stream(0)
        for mass in [0.0, ParticleData.muon.mass, 1.7] {
            for _ in 0..<200 {
                let p = randomMomentum(&rng, mass: mass)
                for h in [-1, 1] {
                    let u = ExternalStates.u(p, mass: mass, helicity: h)
                    let v = ExternalStates.v(p, mass: mass, helicity: h)
                    // (pslash - m) u = 0, (pslash + m) v = 0, ubar (pslash - m) = 0
                    let pu = Dirac.slash(CVector(p), one, u) + Cplx(-mass) * u
                    let pv = Dirac.slash(CVector(p), one, v) + Cplx(mass) * v
                    let up = Dirac.slash(u.bar, CVector(p), one) + Cplx(-mass) * u.bar
                    let scale = p.e
                    #expect(norm(pu) < 1e-12 * scale && norm(pv) < 1e-12 * scale && norm(up) < 1e-12 * scale)
                    #expect(abs(Dirac.product(u.bar, u).real - 2 * mass) < 1e-12 * scale)
                    #expect(abs(Dirac.product(v.bar, v).real + 2 * mass) < 1e-12 * scale)
                    #expect(abs(norm(u) * norm(u) - 2 * p.e) < 1e-12 * scale)
                }
            }
        }
    }

    @Test("Massless spinors have chirality equal to helicity")
    func chirality() {
        let p = FourMomentum(mass: 0, p: ThreeVector(1, -2, 0.5))
        let uR = ExternalStates.u(p, mass: 0, helicity: 1), uL = ExternalStates.u(p, mass: 0, helicity: -1)
        #expect(uR.s0.length == 0 && uR.s1.length == 0)
        #expect(uL.s2.length == 0 && uL.s3.length == 0)
        // A positive-helicity antifermion sits in the left-chiral block.
        let vPlus = ExternalStates.v(p, mass: 0, helicity: 1)
        #expect(vPlus.s2.length == 0 && vPlus.s3.length == 0)
    }

    @Test("Spinors along -z and at the poles stay finite and correct")
    func poles() {
        for p in [FourMomentum(mass: 0.1, p: ThreeVector(0, 0, -3)), FourMomentum(mass: 0.1, p: ThreeVector(1e-12, 0, -3)),
                  FourMomentum(mass: 0.1, p: ThreeVector(0, 0, 3))] {
            for h in [-1, 1] {
                let u = ExternalStates.u(p, mass: 0.1, helicity: h)
                let pu = Dirac.slash(CVector(p), one, u) + Cplx(-0.1) * u
                #expect(norm(pu) < 1e-12 && abs(norm(u) * norm(u) - 2 * p.e) < 1e-12)
            }
        }
    }

    @Test("Polarisation vectors: transverse, normalised, complete")
    func polarisations() {
        var rng = RandomStreams(seed: 102).stream(0)
        for mass in [0.0, 2.0] {
            for _ in 0..<100 {
                let k = randomMomentum(&rng, mass: mass)
                let hs = mass > 0 ? [-1, 0, 1] : [-1, 1]
                var completeness = [[Cplx]](repeating: [Cplx](repeating: .zero, count: 4), count: 4)
                for h in hs {
                    let e = ExternalStates.epsilon(k, mass: mass, helicity: h)
                    #expect(e.dot(k).length < 1e-12 * k.e)
                    #expect(abs(e.dot(e.conjugate).real + 1) < 1e-12)
                    let c = [e.t, e.x, e.y, e.z]
                    for i in 0..<4 { for j in 0..<4 { completeness[i][j] += c[i] * c[j].conjugate } }
                }
                if mass > 0 {
                    // sum eps^mu eps^nu* = -g^{mu nu} + k^mu k^nu / M^2
                    let kv = [k.e, k.px, k.py, k.pz]
                    for i in 0..<4 {
                        for j in 0..<4 {
                            let g: Double = i != j ? 0 : (i == 0 ? 1 : -1)
                            let expected = -g + kv[i] * kv[j] / (mass * mass)
                            #expect((completeness[i][j] - Cplx(expected)).length < 1e-10 * max(1, abs(expected)))
                        }
                    }
                }
            }
        }
    }

    @Test("The current contracted with a vector equals the sandwich")
    func currentConsistency() {
        var rng = RandomStreams(seed: 103).stream(0)
        let c = ChiralCoupling(left: 0.3, right: -1.1)
        for _ in 0..<100 {
            let p = randomMomentum(&rng, mass: 0.5), q = randomMomentum(&rng, mass: 0.2)
            let bar = ExternalStates.ubar(p, mass: 0.5, helicity: 1)
            let psi = ExternalStates.v(q, mass: 0.2, helicity: -1)
            let v = CVector(Cplx(rng.uniform(), rng.uniform()), Cplx(rng.uniform(), 0.3), Cplx(-0.2, rng.uniform()), Cplx(rng.uniform(), -1))
            let a = Dirac.current(bar, c, psi).dot(v)
            let b = Dirac.sandwich(bar, v, c, psi)
            // and the row form
            let r = Dirac.product(Dirac.slash(bar, v, c), psi)
            #expect((a - b).length < 1e-12 * max(1, b.length))
            #expect((r - b).length < 1e-12 * max(1, b.length))
        }
    }
}
