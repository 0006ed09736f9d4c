import DetectorSimulation
@testable import EventGeneration
import Features
import Foundation
import HEPCore
import Testing
@testable import Pipeline

/// The detector-acceptance generator cut (spec `generator.detector-acceptance-cut`) must not change
/// what the selection keeps: mu mu (gamma) generated with and without it gives the same preselected
/// cross section (two identified muons) within the Monte Carlo errors, while the cut sample spends
/// fewer events outside the preselection.
@Suite("Generator cuts and biased sampling")
struct AcceptanceCutTests {
    func preselected(_ acceptance: LabAcceptance?, seed: UInt64, process key: String = "mumu-gamma", tauMuonProbability: Double? = nil,
                     events: Int = 8000, regionCut: DimuonRegion? = nil, region: AnalysisSpec.Region? = nil)
        async throws -> (sigma: Double, error: Double, fraction: Double, generated: Double, sampleSum: Double) {
        var p = ProcessCatalog.Parameters()
        p.labAcceptance = acceptance
        p.dimuonRegion = regionCut
        p.tauMuonProbability = tauMuonProbability
        let process = try ProcessCatalog.make(key, p)
        var options = GeneratorOptions(collider: .belle)
        options.seed = seed
        options.threads = 2
        options.adaptationIterations = 3
        options.pointsPerIteration = 5000
        var generator = try MonteCarloGenerator(process: process, options: options)
        let sigma = try await generator.integrate(points: 20000)
        let (sample, _) = try await generator.generate(events: events, weighted: false, maxWeight: sigma.unweightingMaxWeight)
        let (reco, _) = try await DetectorSimulator(card: .named("belle")).simulate(sample, seed: seed + 1, threads: 2)
        var table = try await ZPrimeFeatures.table(reco, threads: 2)
        if let region { table = try SignalRegion.filter(table, region) }
        let w = table.weights
        let sum = w.reduce(0, +), sum2 = w.map { $0 * $0 }.reduce(0, +)
        return (sum, sum2.squareRoot(), Double(table.count) / Double(sample.count), sample.metadata.crossSectionPicobarn,
                sample.weights.reduce(0, +))
    }

    @Test("tau pairs: tau -> mu nu nu sampled at 0.5 keeps the weighted yields and multiplies the two-muon events")
    func biasedTauDecays() async throws {
        let plain = try await preselected(nil, seed: 21, process: "tautau-gamma", events: 6000)
        let biased = try await preselected(nil, seed: 22, process: "tautau-gamma", tauMuonProbability: 0.5, events: 6000)
        // The weights still sum to the cross section (the factors BR/q have mean one).
        #expect(abs(biased.sampleSum / biased.generated - 1) < 0.05)
        let combined = (plain.error * plain.error + biased.error * biased.error).squareRoot()
        #expect(abs(biased.sigma - plain.sigma) < 2 * combined, "plain \(plain.sigma) +- \(plain.error) pb, biased \(biased.sigma) +- \(biased.error) pb")
        // Two muons in (0.5 / 0.1739)^2 = 8.3 times more events: the preselected fraction grows several-fold.
        #expect(biased.fraction > 4 * plain.fraction)
        #expect(biased.error < plain.error)
    }

    @Test("biased tau decays: each mode carries the weight BR / q, and q = 0 is no biasing")
    func modeWeights() throws {
        let standard = TauPairDecayer.standard
        #expect(!standard.isBiased && !standard.biased(muonProbability: 0).isBiased && standard.modes.count == standard.modes.count)
        let biased = standard.biased(muonProbability: 0.5)
        #expect(biased.isBiased)
        #expect(biased.summary.contains("biased"))
        let mu = try #require(biased.modes.firstIndex { $0.name.hasPrefix("mu-") })
        let brMu = biased.modes[mu].branchingRatio
        for (k, w) in biased.modeWeights.enumerated() {
            // BR_mu / 0.5 for the muon mode; (1 - BR_mu) / (1 - 0.5) for every other (they share 1 - q in proportion).
            #expect(abs(w - (k == mu ? brMu / 0.5 : (1 - brMu) / 0.5)) < 1e-12)
        }
        // The sampling probabilities sum to one, with q for the muon mode.
        #expect(abs((biased.sampling.last ?? 0) - 1) < 1e-12)
        #expect(abs(biased.sampling[mu] - (mu > 0 ? biased.sampling[mu - 1] : 0) - 0.5) < 1e-12)
    }

    @Test("mu mu (gamma): the preselected cross section is unchanged by the cut within its Monte Carlo error")
    func unchangedSelection() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-acc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try AnalysisRun(spec: try AnalysisSpec.defaultSpec(), outputDirectory: dir)
        let acceptance = try run.labAcceptance()
        // The Belle card: muon identification starts at 0.6 GeV; tracking covers 17-150 degrees.
        #expect(abs(acceptance.minimumMomentum - 0.97 * 0.6) < 1e-12)
        #expect(abs(acceptance.minimumTheta * 180 / .pi - 16) < 1e-9 && abs(acceptance.maximumTheta * 180 / .pi - 151) < 1e-9)
        let uncut = try await preselected(nil, seed: 11)
        let cut = try await preselected(acceptance, seed: 12)
        let combined = (uncut.error * uncut.error + cut.error * cut.error).squareRoot()
        // Independent samples: the difference is a statistical fluctuation, within 2 combined sigma.
        #expect(abs(cut.sigma - uncut.sigma) < 2 * combined, "uncut \(uncut.sigma) +- \(uncut.error) pb, cut \(cut.sigma) +- \(cut.error) pb")
        // The cut removes part of the cross section, and a larger fraction of its events is preselected.
        #expect(cut.generated < 0.95 * uncut.generated)
        #expect(cut.fraction > uncut.fraction)
    }

    @Test("mu mu (gamma): the signal-region generator cut leaves the region's yield unchanged within its Monte Carlo error")
    func signalRegionCut() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-region-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try AnalysisSpec.defaultSpec()
        let run = try AnalysisRun(spec: spec, outputDirectory: dir)
        let acceptance = try run.labAcceptance()
        let cut = try SignalRegion.generatorCut(spec.region, collider: spec.collider)
        // The default region widened by the margins.
        #expect(abs(cut.minimumPairPt - (spec.region.dimuonPt - 0.1)) < 1e-12)
        #expect(abs(cut.maximumRecoilCosTheta - (spec.region.recoilCosTheta + 0.03)) < 1e-12)
        #expect(abs(cut.minimumRecoilTheta * 180 / .pi - (spec.region.recoilThetaLab[0] - 3)) < 1e-9)
        // Both samples with the (validated) acceptance cut; the second also with the region cut.
        let plain = try await preselected(acceptance, seed: 31, events: 16000, region: spec.region)
        let regionOnly = try await preselected(acceptance, seed: 32, events: 4000, regionCut: cut, region: spec.region)
        let combined = (plain.error * plain.error + regionOnly.error * regionOnly.error).squareRoot()
        #expect(abs(regionOnly.sigma - plain.sigma) < 2 * combined,
                "without \(plain.sigma) +- \(plain.error) pb, with the region cut \(regionOnly.sigma) +- \(regionOnly.error) pb")
        // The cut removes most of the cross section and multiplies the events that land in the region.
        #expect(regionOnly.generated < 0.3 * plain.generated)
        #expect(regionOnly.fraction > 3 * plain.fraction)
        #expect(regionOnly.error < plain.error)
    }
}
