import HEPCore
import Testing

/// Property tests over 2000 random momenta and boosts drawn from a fixed DarkScan stream.
@Suite("Lorentz transformations")
struct LorentzTransformTests {
    @Test("Boosts are invertible and preserve invariant masses and products")
    func invertibleAndInvariant() throws {
        var rng = RandomStreams(seed: 20_241_126).stream(0)
        for _ in 0..<2000 {
            let p = randomMomentum(&rng), q = randomMomentum(&rng)
            let boost = try LorentzTransform.boost(beta: randomBeta(&rng))
            let bp = boost.apply(p), bq = boost.apply(q)
            // Invariants: m^2 and p.q (scale ~ E^2, gamma up to ~7 -> E' up to ~150 GeV).
            #expect(abs(bp.massSquared - p.massSquared) < 1e-9 * max(1, bp.e * bp.e))
            #expect(abs(bp.dot(bq) - p.dot(q)) < 1e-9 * max(1, bp.e * bq.e))
            let back = boost.inverse.apply(bp)
            for (x, y) in [(back.e, p.e), (back.px, p.px), (back.py, p.py), (back.pz, p.pz)] {
                #expect(abs(x - y) < 1e-10 * max(1, bp.e))
            }
        }
    }

    @Test("A particle at rest acquires the boost velocity")
    func restFrame() throws {
        var rng = RandomStreams(seed: 7).stream(1)
        for _ in 0..<500 {
            let beta = randomBeta(&rng)
            let m = rng.uniform(0.1, 10)
            let moved = try FourMomentum(e: m, px: 0, py: 0, pz: 0).boosted(by: beta)
            let v = moved.beta
            #expect((v - beta).magnitude < 1e-12)
            #expect(abs(moved.mass - m) < 1e-12 * m * 10)
            // And boosting by -beta brings it back to rest.
            let rest = try moved.boosted(by: -beta)
            #expect(rest.p < 1e-11 * moved.e)
        }
    }

    @Test("Rotations preserve energy and |p|; rotation(from:to:) aligns directions")
    func rotations() {
        var rng = RandomStreams(seed: 8).stream(0)
        for _ in 0..<500 {
            let p = randomMomentum(&rng)
            let target = rng.isotropicDirection()
            let r = LorentzTransform.rotation(from: p.momentum, to: target)
            let rp = r.apply(p)
            #expect(abs(rp.e - p.e) < 1e-12 * p.e)
            #expect(abs(rp.p - p.p) < 1e-12 * p.e)
            #expect((rp.momentum.unit - target).magnitude < 1e-10)
        }
        // Antiparallel case: a rotation by pi.
        let z = FourMomentum(e: 2, px: 0, py: 0, pz: 1)
        let flipped = LorentzTransform.rotation(from: ThreeVector(0, 0, 1), to: ThreeVector(0, 0, -1)).apply(z)
        #expect(abs(flipped.pz + 1) < 1e-15)
    }

    @Test("Composition applies right to left")
    func composition() throws {
        let b1 = try LorentzTransform.boost(beta: ThreeVector(0.3, 0, 0))
        let r = LorentzTransform.rotation(axis: ThreeVector(0, 0, 1), angle: 0.4)
        let p = FourMomentum(e: 3, px: 1, py: -0.5, pz: 2)
        let composed = r.after(b1).apply(p)
        let sequential = r.apply(b1.apply(p))
        #expect(abs(composed.e - sequential.e) + abs(composed.px - sequential.px) + abs(composed.py - sequential.py)
            + abs(composed.pz - sequential.pz) < 1e-14)
    }

    @Test("Collinear boosts add velocities relativistically")
    func velocityAddition() throws {
        // u (+) v = (u + v)/(1 + u v) along one axis.
        let u = 0.6, v = 0.7
        let moved = try FourMomentum(e: 1, px: 0, py: 0, pz: 0).boosted(by: ThreeVector(0, 0, u)).boosted(by: ThreeVector(0, 0, v))
        #expect(abs(moved.beta.z - (u + v) / (1 + u * v)) < 1e-14)
    }

    @Test("Superluminal or non-finite boosts are refused")
    func refused() {
        #expect(throws: HEPCoreError.superluminalBoost(beta: 1)) { try LorentzTransform.boost(beta: ThreeVector(0, 0, 1)) }
        #expect(throws: HEPCoreError.self) { try LorentzTransform.boost(beta: ThreeVector(.nan, 0, 0)) }
    }
}
