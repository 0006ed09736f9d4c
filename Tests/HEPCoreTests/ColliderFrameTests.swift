import HEPCore
import Testing

@Suite("Collider frames")
struct ColliderFrameTests {
    /// sqrt(s) = 10.58 GeV (shared/PHYSICS.md, "Beams") to 1e-4 relative (the nominal 7.998 on 3.5 GeV
    /// KEKB beams give 10.5810 GeV, basf2's 7.998213 on 3.499218 GeV give 10.5800); beta gamma 0.425
    /// (Belle) and 0.287 (Belle II) to 1e-3, as in the same table and as basf2's presets give
    /// (0.4254, 0.2868).
    @Test("Belle and Belle II give sqrt(s) = 10.58 GeV and the documented beta gamma",
          arguments: [(ColliderFrame.belle, 0.425), (ColliderFrame.belle2, 0.287)])
    func sqrtSAndBoost(frame: ColliderFrame, betaGamma: Double) {
        #expect(abs(frame.sqrtS - 10.58) < 1e-4 * 10.58)
        #expect(abs(frame.betaGamma - betaGamma) < 1e-3)
    }

    @Test("Crossing angles: 22 mrad (Belle), 83 mrad (Belle II)")
    func crossingAngles() {
        #expect(abs(ColliderFrame.belle.crossingAngle - 0.022) < 1e-15)
        #expect(abs(ColliderFrame.belle2.crossingAngle - 0.083) < 1e-15)
        // The angle between the electron beam and the reversed positron beam is the crossing angle.
        for f in ColliderFrame.known {
            let a = f.electronBeam.momentum.angle(to: -f.positronBeam.momentum)
            #expect(abs(a - f.crossingAngle) < 1e-9)
        }
    }

    @Test("Lab -> CM: the beams are back to back along z with sqrt(s)/2 each", arguments: ColliderFrame.known)
    func centreOfMass(frame: ColliderFrame) {
        let e = frame.labToCM.apply(frame.electronBeam)
        let p = frame.labToCM.apply(frame.positronBeam)
        let half = frame.sqrtS / 2
        #expect(abs(e.e - half) < 1e-10 && abs(p.e - half) < 1e-10)
        #expect(abs(e.px) < 1e-10 && abs(e.py) < 1e-10 && e.pz > 0)
        #expect(abs(p.px) < 1e-10 && abs(p.py) < 1e-10 && p.pz < 0)
        let total = frame.labToCM.apply(frame.total)
        #expect(abs(total.e - frame.sqrtS) < 1e-10 && total.p < 1e-10)
    }

    @Test("CM -> lab is the inverse of lab -> CM", arguments: ColliderFrame.known)
    func roundTrip(frame: ColliderFrame) {
        var rng = RandomStreams(seed: 3).stream(0)
        for _ in 0..<200 {
            let p = randomMomentum(&rng)
            let back = frame.cmToLab.apply(frame.labToCM.apply(p))
            #expect(abs(back.e - p.e) + abs(back.px - p.px) + abs(back.py - p.py) + abs(back.pz - p.pz) < 1e-11)
        }
    }

    @Test("Unknown colliders and bad beams are refused")
    func refused() {
        #expect(throws: HEPCoreError.self) { try ColliderFrame.named("lep") }
        #expect(throws: HEPCoreError.self) {
            try ColliderFrame(name: "x", electronEnergy: -1, positronEnergy: 3, electronAngle: 0, positronAngle: 0)
        }
        #expect(throws: HEPCoreError.self) {
            try ColliderFrame(name: "x", electronEnergy: 7, positronEnergy: .nan, electronAngle: 0, positronAngle: 0)
        }
        #expect((try? ColliderFrame.named("Belle2"))?.name == "belle2")
    }
}
