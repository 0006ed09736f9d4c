import Features
import HEPCore
@testable import Pipeline
import Testing

@Suite("Signal-like region")
struct SignalRegionTests {
    /// Four rows: two inside the default region, one below its p_t cut, one above its neutral-energy
    /// cap; each with its own weight and trigger probability.
    @Test("The region keeps the rows inside it, each weighted by its trigger probability")
    func triggerWeighting() throws {
        let spec = try AnalysisSpec.defaultSpec()
        let definitions = ZPrimeFeatures.definitions
        var t = FeatureTable(generator: SampleMetadata(process: "toy", processKey: "toy", collider: "belle", frame: "lab",
                                                       crossSectionPicobarn: 1, crossSectionErrorPicobarn: 0, eventsTried: 4,
                                                       eventsKept: 4, weighted: true, seed: 1, settings: [:]),
                             cardName: "belle", preselection: "toy", eventsSeen: 4, definitions: definitions)
        t.weights = [0.1, 0.2, 0.3, 0.4]
        t.eventIndex = [0, 1, 2, 3]
        let inside: [String: [Double]] = [
            "dimuonPt": [1.0, 2.0, 0.1, 1.0], "recoilCosThetaCMS": [0.1, -0.5, 0.1, 0.1], "recoilThetaLab": [1.2, 1.5, 1.2, 1.2],
            "neutralEnergySum": [0, 0.2, 0, 0.9], "triggerProbability": [0.95, 0.5, 0.95, 0.95],
        ]
        t.columns = definitions.map { inside[$0.name] ?? [0, 0, 0, 0] }
        let region = try SignalRegion.filter(t, spec.region)
        #expect(region.eventIndex == [0, 1])
        #expect(abs(region.weights[0] - 0.1 * 0.95) < 1e-15 && abs(region.weights[1] - 0.2 * 0.5) < 1e-15)
        #expect(region.preselection.hasSuffix(SignalRegion.triggerText))
        // Without the trigger probabilities the region refuses the table.
        var bare = FeatureTable(generator: t.generator, cardName: "belle", preselection: "toy", eventsSeen: 4,
                                definitions: definitions.filter { $0.name != "triggerProbability" })
        bare.weights = t.weights
        bare.eventIndex = t.eventIndex
        bare.columns = bare.definitions.map { inside[$0.name] ?? [0, 0, 0, 0] }
        #expect(throws: PipelineError.self) { try SignalRegion.filter(bare, spec.region) }
    }
}

@Suite("Network mass ranges")
struct NetworkRangesTests {
    /// Two ranges, [0.25, 0.5] and [2, 4] GeV, with sigma(M^2) = 0.1, 0.1, 0.2, 0.4 GeV^2 and windows
    /// of 3 sigma: spans [0.0625 - 0.3, 0.25 + 0.3] and [4 - 0.6, 16 + 1.2]; a row at M^2 = 0.4 counts
    /// for the low range only, one at 10 for the high range only, one at 2 for neither.
    @Test("Each signal sample belongs to its range; each range's span is the union of its masses' windows")
    func routing() throws {
        var spec = try AnalysisSpec.defaultSpec()
        spec.signal.masses = [0.25, 0.5, 2, 4]
        spec.network.splitMasses = [1]
        spec.network.heldOutMasses = []
        #expect(spec.networkRanges == [[0.25, 0.5], [2, 4]])
        let r = NetworkRanges(ranges: spec.networkRanges, signalMasses: spec.signal.masses, resolutions: [0.1, 0.1, 0.2, 0.4], windowSigmas: 3)
        #expect(r.rangeOfSignal == [0, 0, 1, 1])
        #expect(abs(r.spans[0].lowerBound - (0.0625 - 0.3)) < 1e-12 && abs(r.spans[0].upperBound - (0.25 + 0.3)) < 1e-12)
        #expect(abs(r.spans[1].lowerBound - (4 - 0.6)) < 1e-12 && abs(r.spans[1].upperBound - (16 + 1.2)) < 1e-12)
        #expect(r.inSpan(0, [0.4, 10, 2]) == [true, false, false])
        #expect(r.inSpan(1, [0.4, 10, 2]) == [false, true, false])
        // An empty range (no grid mass below the split) is left out.
        spec.network.splitMasses = [0.1, 1]
        #expect(spec.networkRanges == [[0.25, 0.5], [2, 4]])
    }
}
