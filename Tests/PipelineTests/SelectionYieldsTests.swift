import Features
import HEPCore
import Testing
@testable import Pipeline

@Suite("Selection yields")
struct SelectionYieldsTests {
    /// Two events of weight 1 pb and fifty of 0.02 pb (one event's worth split up, as the forced photon
    /// loss does), all at M^2 = 4 GeV^2: effective weight (2 + 50 x 0.0004) / 3 = 0.6733 pb.
    func table() -> FeatureTable {
        let meta = SampleMetadata(process: "test", processKey: "test", collider: "belle", frame: "lab", crossSectionPicobarn: 3,
                                  crossSectionErrorPicobarn: 0, eventsTried: 52, eventsKept: 52, weighted: true, seed: 1, settings: [:])
        var t = FeatureTable(generator: meta, cardName: "belle", preselection: "test", eventsSeen: 52,
                             definitions: [.init("recoilMassSquared", unit: "GeV^2", "M^2")])
        for (i, w) in ([1.0, 1.0] + [Double](repeating: 0.02, count: 50)).enumerated() {
            t.weights.append(w)
            t.eventIndex.append(Int64(i))
            t.columns[0].append(4)
        }
        return t
    }

    @Test("A process passing less than its Monte Carlo bound (a few light events) counts the bound; above it, its weight")
    func boundFloor() {
        let counter = YieldCounter(mass: 2, halfWidth: 0.5, bins: 2, luminosity: 1)
        let bound = 1.14 * (2 + 50 * 0.0004) / 3 * 1000
        // One light event passes: 20 events measured, below the bound of 767.6: the bound, 100% error, split over the bins.
        let light = counter.background("p", table()) { $0 == 10 }
        #expect(light.isBound && light.count == 1)
        #expect(abs(light.events.reduce(0, +) - bound) < 1e-9 && light.events == light.errors && light.events[0] == light.events[1])
        // Nothing passes: the same bound.
        let none = counter.background("p", table()) { _ in false }
        #expect(none.isBound && none.count == 0 && none.events == light.events)
        // Both heavy events pass: 2000 events measured (all in the upper bin), error sqrt(2) x 1000.
        let heavy = counter.background("p", table()) { $0 < 2 }
        #expect(!heavy.isBound && heavy.count == 2 && heavy.events == [0, 2000] && abs(heavy.errors[1] - 2.squareRoot() * 1000) < 1e-9)
    }
}
