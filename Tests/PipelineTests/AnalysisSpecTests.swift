import Foundation
import Testing
@testable import Pipeline

@Suite("Analysis spec")
struct AnalysisSpecTests {
    @Test("the embedded default spec loads, validates and describes the seed's analysis")
    func defaultLoads() throws {
        let spec = try AnalysisSpec.defaultSpec()
        #expect(spec.version == 1)
        #expect(spec.luminosity == 977)
        #expect(spec.collider == "belle")
        #expect(spec.network.layers == [32, 64, 64, 32, 16, 8])
        #expect(spec.cuts.windowSigmas == 3)
        #expect(spec.signal.masses.first! < 0.5 && spec.signal.masses.last! >= 8.5)
    }

    @Test("round trip: the spec written as YAML reads back equal, and a partial spec overrides only its keys")
    func roundTrip() throws {
        var spec = try AnalysisSpec.defaultSpec()
        spec.seed = 99
        spec.signal.masses = [1, 2]
        spec.network.heldOutMasses = [2]
        spec.network.splitMasses = []
        let back = try AnalysisSpec.load(yaml: spec.yaml(), source: "round trip")
        #expect(back == spec)
        let partial = try AnalysisSpec.load(yaml: "version: 1\nluminosity: 500\nnetwork: {punzi-epochs: 3}\n", source: "partial")
        var expected = try AnalysisSpec.defaultSpec()
        expected.luminosity = 500
        expected.network.punziEpochs = 3
        #expect(partial == expected)
    }

    /// Golden error messages: each bad spec gives exactly this message (the path of the problem).
    @Test("bad specs are rejected with messages that name the path", arguments: [
        ("version: 1\nnetwork: {layer: [3]}\n", "analysis spec test: unknown key 'network.layer'"),
        ("version: 1\nbackgrounds: [{process: eemumu, events: 1000, muon-acceptance: 0.9}]\n",
         "analysis spec test: unknown key 'backgrounds[0].muon-acceptance'"),
        ("version: 1\nluminosity: -3\n", "analysis spec test: luminosity = -3.0 is not allowed (> 0 fb^-1)"),
        ("version: 1\nsignal: {masses: [1, 3, 2]}\n",
         "analysis spec test: signal.masses[2] = 2.0 is not allowed (greater than the previous mass (strictly increasing))"),
        ("version: 1\nsignal: {masses: [1, 11]}\n",
         "analysis spec test: signal.masses[1] = 11.0 is not allowed (in (0, 10.3697) GeV: sqrt(s) - 2 m_mu at belle)"),
        ("version: 1\nbackgrounds: [{process: qcd, events: 1000}]\n",
         "analysis spec test: backgrounds[0].process = qcd is not allowed (mumu-gamma, tautau-gamma, eemumu, mumumumu, mumutautau, mumu-born)"),
        ("version: 1\nbackgrounds: [{process: tautau-gamma, events: 1000, muon-acceptance-cos: 0.9}]\n",
         "analysis spec test: backgrounds[0].muon-acceptance-cos = 0.9 is not allowed (a generator cut of eemumu only)"),
        ("version: 1\nbackgrounds: [{process: mumu-gamma, events: 1000, tau-muon-probability: 0.5}]\n",
         "analysis spec test: backgrounds[0].tau-muon-probability = 0.5 is not allowed (a setting of tautau-gamma and mumutautau only)"),
        ("version: 1\ngenerator: {event-cost: -1}\n",
         "analysis spec test: generator.event-cost = -1.0 is not allowed (>= 0 (0: the process's recommendation))"),
        ("version: 1\nnetwork: {folds: 1}\n", "analysis spec test: network.folds = 1 is not allowed (2 ... 10)"),
        ("version: 1\ncuts: {figure-of-merit: fancy}\n",
         "analysis spec test: cuts.figure-of-merit = fancy is not allowed (significance, punzi or uncertainties)"),
        ("version: 1\nnetwork: {held-out-masses: [2.7]}\n",
         "analysis spec test: network.held-out-masses[0] = 2.7 is not allowed (a mass of signal.masses)"),
        ("version: 1\nnetwork: {split-masses: [2, 1]}\n",
         "analysis spec test: network.split-masses[1] = 1.0 is not allowed (greater than the previous split (increasing))"),
        ("version: 1\nnetwork: {split-masses: [0.3], held-out-masses: [0.25]}\n",
         "analysis spec test: network.split-masses = [0.3] is not allowed (splits that leave a mass to train on in every range (0.25 GeV are all held out))"),
        ("version: 1\nstatistics: {confidence-level: 1.5}\n",
         "analysis spec test: statistics.confidence-level = 1.5 is not allowed (in (0, 1))"),
        ("version: 1\nscenarios: [vanilla, dark]\n", "analysis spec test: scenarios[1] = dark is not allowed (vanilla or fully-invisible)"),
        ("version: 1\nregion: {recoil-theta-lab: [150, 17]}\n",
         "analysis spec test: region.recoil-theta-lab = [150.0, 17.0] is not allowed ([min, max] in degrees, 0 <= min < max <= 180)"),
        ("version: 1\nregion: {dimuon-pts: 0.3}\n", "analysis spec test: unknown key 'region.dimuon-pts'"),
        ("version: 1\nregion: {neutral-energy: 0}\n", "analysis spec test: region.neutral-energy = 0.0 is not allowed (> 0 GeV)"),
        ("version: 1\ncuts: {minimum-signal-events: -5}\n", "analysis spec test: cuts.minimum-signal-events = -5 is not allowed (>= 0)"),
        ("version: 1\nregion: {veto-bias: 0}\n", "analysis spec test: region.veto-bias = 0.0 is not allowed (in (0, 1] (1: no biasing))"),
        ("version: 1\nbackgrounds: [{process: tautau-gamma, events: 1000, veto-bias: 0.1}]\n",
         "analysis spec test: backgrounds[0].veto-bias = 0.1 is not allowed (importance sampling of mumu-gamma and eemumu only)"),
        ("version: 1\nbackgrounds: [{process: eemumu, events: 1000, veto-bias: 1.5}]\n",
         "analysis spec test: backgrounds[0].veto-bias = 1.5 is not allowed (in (0, 1] (1: no biasing))"),
        ("version: 1\nbackgrounds: [{process: eemumu, events: 1000, veto-bais: 0.1}]\n", "analysis spec test: unknown key 'backgrounds[0].veto-bais'"),
        ("version: 1\ngenerator: {batch-events: 500}\n", "analysis spec test: generator.batch-events = 500 is not allowed (>= 1000)"),
        ("version: 1\nbackgrounds: [{process: mumu-gamma, events: 1000, event-cost: 0}]\n",
         "analysis spec test: backgrounds[0].event-cost = 0.0 is not allowed (> 0, finite (omit it for generator.event-cost))"),
        ("version: 1\nbackgrounds: [{process: eemumu, events: 1000, generator-margins: 0}]\n",
         "analysis spec test: backgrounds[0].generator-margins = 0.0 is not allowed (in (0, 10] (1: the default margins))"),
        ("version: 1\nbackgrounds: [{process: eemumu, events: 1000, generator-bias: 1, generator-margins: 0.5}]\n",
         "analysis spec test: backgrounds[0].generator-margins = 0.5 is not allowed (with a generator-bias below 1 only (at 1 nothing outside the widened region is sampled less often))"),
        ("version: 1\nbackgrounds: [{process: eemumu, events: 1000, generator-margins: 11}]\n",
         "analysis spec test: backgrounds[0].generator-margins = 11.0 is not allowed (in (0, 10] (1: the default margins))"),
        ("version: 1\nbackgrounds: [{process: tautau-gamma, events: 1000, generator-margins: 0.5}]\n",
         "analysis spec test: backgrounds[0].generator-margins = 0.5 is not allowed (importance sampling of mumu-gamma and eemumu only)"),
        ("version: 2\n", "analysis spec test: version 2 is not supported (this DarkScan reads version 1)"),
        ("version: 1\nluminosity: lots\n", "analysis spec test: wrong type at 'luminosity': expected Double"),
        ("- 1\n- 2\n", "analysis spec test: the top level must be a mapping of keys to values"),
        ("version: 1\nnetwork: {layers: [32, nan]}\n", "analysis spec test: wrong type at 'network.layers[1]': expected Int"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect { try AnalysisSpec.load(yaml: text, source: "test") } throws: { error in
            (error as? PipelineError)?.description == message
        }
    }

    @Test("the quick spec keeps the grid's ends, divides the statistics and stays valid")
    func quick() throws {
        let spec = try AnalysisSpec.defaultSpec()
        let q = spec.quick()
        try q.validate(source: "quick")
        #expect(q.signal.masses.first == spec.signal.masses.first && q.signal.masses.last == spec.signal.masses.last)
        #expect(q.signal.masses.count < spec.signal.masses.count)
        #expect(zip(q.backgrounds, spec.backgrounds).allSatisfy { $0.events < $1.events })
        // Its held-out mass (4 GeV on the thinned grid) would leave the network range [3.5, 4.5) without
        // a mass to train on: the quick spec keeps it in training.
        let split = try AnalysisSpec.load(yaml: "version: 1\nnetwork: {split-masses: [3.5, 4.5]}\n", source: "split").quick()
        try split.validate(source: "quick split")
        #expect(split.networkRanges.contains([4]) && !split.network.heldOutMasses.contains(4))
    }
}
