import HEPCore
import RealModule
import Testing

@Suite("FourMomentum")
struct FourMomentumTests {
    @Test("Kinematic quantities of a hand-made momentum")
    func handMade() {
        // p = (E, px, py, pz) = (5, 1, 2, 2): |p| = 3, m = 4, pt = sqrt 5.
        let p = FourMomentum(e: 5, px: 1, py: 2, pz: 2)
        #expect(p.mass == 4)
        #expect(p.massSquared == 16)
        #expect(p.p == 3)
        #expect(abs(p.pt - 5.0.squareRoot()) < 1e-15)
        #expect(abs(p.cosTheta - 2.0 / 3.0) < 1e-15)
        #expect(abs(p.theta - Double.acos(2.0 / 3.0)) < 1e-15)
        #expect(abs(p.phi - Double.atan2(y: 2, x: 1)) < 1e-15)
        #expect(abs(p.rapidity - 0.5 * Double.log(7.0 / 3.0)) < 1e-15)
        #expect(abs(p.betaGamma - 0.75) < 1e-15)
        #expect(p.dot(FourMomentum(e: 1, px: 1, py: 1, pz: 1)) == 0)
    }

    @Test("Space-like momenta report a negative mass")
    func spaceLike() {
        let q = FourMomentum(e: 1, px: 0, py: 0, pz: 2)
        #expect(q.massSquared == -3)
        #expect(abs(q.mass + 3.0.squareRoot()) < 1e-15)
    }

    @Test("Construction from mass and angles puts the particle on shell")
    func onShell() {
        let p = FourMomentum(mass: ParticleData.muon.mass, p: 3, theta: 0.7, phi: -2.1)
        #expect(abs(p.mass - ParticleData.muon.mass) < 1e-12)
        #expect(abs(p.p - 3) < 1e-14)
        #expect(abs(p.theta - 0.7) < 1e-14)
        #expect(abs(p.phi + 2.1) < 1e-14)
    }

    @Test("Two-body momentum: Z -> mu mu and threshold")
    func twoBody() throws {
        let m = ParticleData.muon.mass
        // p* = (M/2) sqrt(1 - 4 m^2/M^2) for equal masses.
        let expected = 45.0 * (1 - 4 * m * m / (90.0 * 90.0)).squareRoot()
        let got = try #require(twoBodyMomentum(parentMass: 90, m, m))
        #expect(abs(got - expected) < 1e-12)
        #expect(twoBodyMomentum(parentMass: 0.2, m, m) == nil)
        #expect(twoBodyMomentum(parentMass: 2 * m, m, m) == 0)
    }

    @Test("ThreeVector angle is accurate for nearly parallel vectors")
    func angle() {
        let a = ThreeVector(1, 0, 0), b = ThreeVector(1, 1e-9, 0)
        #expect(abs(a.angle(to: b) - 1e-9) < 1e-20)
        #expect(abs(a.angle(to: -a) - Double.pi) < 1e-15)
    }
}
