import DetectorSimulation
import EventGeneration
import EventIO
import Features
import Foundation
import HEPCore

/// One Monte Carlo sample of a run: generated, simulated and turned into features, each step cached.
struct SampleRecipe: Sendable {
    /// "signal-m2.5" or the background's process key.
    var name: String
    var process: String
    var parameters: ProcessCatalog.Parameters
    var events: Int
    var mass: Double?
    /// Generator cuts in words (for the report), empty if none.
    var generatorCuts: String
    /// The settings that fix the generated events, in a stable order (part of the cache key).
    var settingsText: String
    /// The relative sampling probability outside the widened region (mumu-gamma, eemumu; 1: none).
    var generatorBias: Double = 1
    /// The relative sampling probability of points with a photon or electron the calorimeter sees (mumu-gamma, eemumu; 1: none).
    var vetoBias: Double = 1
    /// The factor on the widened region's margins (mumu-gamma, eemumu; ``SignalRegion/generatorBias(_:outsideProbability:vetoProbability:marginScale:collider:card:)``).
    var generatorMargins: Double = 1
    /// tautau-gamma, mumutautau: the background entry's tau -> mu nu nu probability (nil: the generator's).
    var tauMuonProbability: Double? = nil
    /// The background entry's unweighting event cost (nil: `generator.event-cost`).
    var eventCost: Double? = nil
    /// mumu-gamma: the simulation's forced photon loss above this energy (GeV; nil: off).
    var forcedPhotonLossEnergy: Double? = nil
    /// The simulation's forced muon identification (``SignalRegion/forcesMuonID(_:isSignal:_:)``).
    var forcedMuonIdentification = false
}

/// What the report says about each sample.
public struct SampleSummary: Sendable, Codable, Equatable {
    public var name: String
    public var process: String
    public var isSignal: Bool
    public var massGeV: Double?
    public var events: Int
    public var crossSectionPicobarn: Double
    public var crossSectionErrorPicobarn: Double
    /// The equivalent luminosity of the events in the signal-like region in fb^-1: sum w / sum w^2
    /// over them (N / sigma for unit weights; counts generator cuts and biased sampling).
    public var equivalentLuminosity: Double
    /// Events passing the preselection (two opposite-charge identified muons).
    public var preselected: Int
    /// Of those, events in the signal-like region (``AnalysisSpec/Region``).
    public var inRegion: Int
    public var generatorCuts: String
    public var seed: UInt64
    /// The key of the sample's feature table, and of its rows in the region (what the selections see).
    public var featureKey: CacheKey
    public var regionKey: CacheKey
}

extension AnalysisRun {
    /// The sample recipes of the spec: the signal at each mass, then the backgrounds.
    static func recipes(_ spec: AnalysisSpec) -> [SampleRecipe] {
        var out: [SampleRecipe] = []
        for m in spec.signal.masses {
            var p = ProcessCatalog.Parameters()
            p.zPrimeMass = m
            p.zPrimeDecay = spec.signal.decay == "chichi" ? .darkFermions : .neutrinos
            out.append(SampleRecipe(name: "signal-m\(m)", process: "mumu-zprime", parameters: p, events: spec.signal.events, mass: m,
                                    generatorCuts: "", settingsText: "mumu-zprime m=\(m) decay=\(spec.signal.decay)"))
        }
        for b in spec.backgrounds {
            var p = ProcessCatalog.Parameters()
            var cuts: [String] = []
            if let c = b.muonAcceptanceCos { p.muonAcceptanceCosine = c; if c < 1 { cuts.append("both muons at |cos theta*| < \(c) (CM)") } }
            if let m = b.minimumPairMass { p.minimumPairMass = m }
            if b.process == "eemumu" { cuts.append("m_mumu > \(p.minimumPairMass) GeV") }
            out.append(SampleRecipe(name: b.process, process: b.process, parameters: p, events: b.events, mass: nil,
                                    generatorCuts: cuts.joined(separator: "; "),
                                    settingsText: "\(b.process) acc=\(p.muonAcceptanceCosine) mmin=\(p.minimumPairMass)",
                                    generatorBias: b.generatorBias ?? spec.region.generatorBias, vetoBias: b.vetoBias ?? spec.region.vetoBias,
                                    generatorMargins: b.generatorMargins ?? 1, tauMuonProbability: b.tauMuonProbability, eventCost: b.eventCost))
        }
        return out
    }

    /// The generator's importance sampling towards the region for a background of mu mu (gamma) or
    /// e e mu mu with a generator-bias or veto-bias below 1, with its generator-margins; nil otherwise
    /// (the signal, the other processes, no biasing).
    static func generatorRegion(_ recipe: SampleRecipe, spec: AnalysisSpec, card: DetectorCard) throws(PipelineError) -> DimuonRegion? {
        guard recipe.mass == nil, recipe.generatorBias < 1 || recipe.vetoBias < 1, ProcessCatalog.dimuonRegionKeys.contains(recipe.process) else {
            return nil
        }
        return try SignalRegion.generatorBias(spec.region, outsideProbability: recipe.generatorBias, vetoProbability: recipe.vetoBias,
                                              marginScale: recipe.generatorMargins, collider: spec.collider, card: card)
    }

    /// Generates, simulates and computes the features of one sample, reusing cached steps.
    func produce(_ recipe: SampleRecipe, index: Int, of total: Int) async throws(PipelineError) -> (FeatureTable, SampleSummary) {
        let generatorSeed = derivedSeed(spec.seed, "generate/\(recipe.name)")
        let simulationSeed = derivedSeed(spec.seed, "simulate/\(recipe.name)")
        let acceptance = recipe.mass == nil && spec.generator.detectorAcceptanceCut && ProcessCatalog.labAcceptanceKeys.contains(recipe.process)
            ? try labAcceptance() : nil
        var recipe = recipe
        recipe.parameters.labAcceptance = acceptance
        let q = recipe.tauMuonProbability ?? spec.generator.tauMuonProbability
        if q > 0, ["tautau-gamma", "mumutautau"].contains(recipe.process) {
            recipe.parameters.tauMuonProbability = q
            recipe.generatorCuts += (recipe.generatorCuts.isEmpty ? "" : "; ") + "tau -> mu nu nu sampled with probability \(q) (weights BR/q)"
        }
        if let acceptance { recipe.generatorCuts += (recipe.generatorCuts.isEmpty ? "" : "; ") + acceptanceText(acceptance) }
        let regionCut = try Self.generatorRegion(recipe, spec: spec, card: card)
        recipe.parameters.dimuonRegion = regionCut
        if let regionCut { recipe.generatorCuts += (recipe.generatorCuts.isEmpty ? "" : "; ") + regionCut.summary }
        if recipe.mass == nil, spec.region.forcedPhotonLoss, SignalRegion.forcedPhotonLossKeys.contains(recipe.process) {
            recipe.forcedPhotonLossEnergy = try SignalRegion.forcedPhotonLossEnergy(spec.region, card: card)
        }
        recipe.forcedMuonIdentification = SignalRegion.forcesMuonID(recipe.process, isSignal: recipe.mass != nil, spec.region)
        let g = spec.generator
        // The adaptation the generator will use (the spec's, or the process's recommendation).
        let process: any ScatteringProcess
        do { process = try ProcessCatalog.make(recipe.process, recipe.parameters) } catch {
            throw .stageFailed(stage: "sample \(recipe.name)", detail: "generation: \(error)")
        }
        let recommended = process.recommendedAdaptation
        let adaptation = "\(g.adaptationIterations > 0 ? g.adaptationIterations : recommended.iterations)/"
            + "\(g.pointsPerIteration > 0 ? g.pointsPerIteration : recommended.points)"
            + "/event cost \(recipe.eventCost ?? (g.eventCost > 0 ? g.eventCost : process.recommendedEventCost))"
        // Backgrounds above the batch size are made in batches (``batchedRegion``); the signal is not.
        let batches = recipe.mass == nil ? Self.batchSizes(recipe.events, maximum: g.batchEvents) : [recipe.events]
        // The key holds what fixes the generated events: settings, generator cuts and biasing, adaptation, count, seed
        // (and the batches, which draw other streams; a sample of one batch keeps the key it had before batches).
        let generateKey = CacheKey(["generate", DarkScanVersion.string, spec.collider, recipe.settingsText, recipe.generatorCuts,
                                    acceptance.map { "\($0)" } ?? "", regionCut.map { "\($0)" } ?? "",
                                    "\(adaptation)/\(g.integrationPoints)",
                                    "\(recipe.events)", "\(generatorSeed)"] + (batches.count > 1 ? ["batches \(batches)"] : []))
        let simulateKey = CacheKey(["simulate", generateKey.hex, cardText, "\(simulationSeed)",
                                    recipe.forcedPhotonLossEnergy.map { "forced photon loss \($0)" } ?? "",
                                    recipe.forcedMuonIdentification ? "forced muon identification" : ""])
        // The simulation's weighting is reported with the generator's (after the generate key: the
        // generated events do not depend on it).
        if let e = recipe.forcedPhotonLossEnergy {
            recipe.generatorCuts += (recipe.generatorCuts.isEmpty ? "" : "; ")
                + String(format: "simulation: photons in the ECL above %.3g GeV forced lost, weight x %.3g", e, 1 - card.calorimeter.photonEfficiency)
        }
        if recipe.forcedMuonIdentification {
            recipe.generatorCuts += (recipe.generatorCuts.isEmpty ? "" : "; ")
                + "simulation: both tracks of two-track events forced identified as muons, weight x their muon-ID efficiencies or fake rates"
        }
        // The feature list is part of the key: a DarkScan that computes other features recomputes them.
        let featureKey = CacheKey(["features", simulateKey.hex, DarkScanVersion.string, ZPrimeFeatures.definitions.map(\.name).joined(separator: ",")])
        let stage = "sample \(index + 1)/\(total) \(recipe.name)"
        let r = spec.region
        let regionKey = CacheKey(["region", featureKey.hex, "\(r.dimuonPt)", "\(r.recoilCosTheta)", "\(r.recoilThetaLab)", "\(r.neutralEnergy)",
                                  SignalRegion.triggerText])
        let start = ContinuousClock.now
        observer(.started(stage: stage, detail: "\(recipe.events) events" + (batches.count > 1 ? " in \(batches.count) batches" : "")))
        // What the selections see: the rows in the signal-like region.
        let region: FeatureTable, preselected: Int, cached: Bool
        if batches.count > 1 {
            (region, preselected, cached) = try await batchedRegion(recipe, process: process, sizes: batches, regionKey: regionKey,
                                                                    generatorSeed: generatorSeed, stage: stage)
        } else {
            // One batch: every step is cached whole, and the full feature table stays cached.
            let featureURL = cache.url(stage: "features", name: recipe.name, key: featureKey, extension: "dsfeat")
            let table: FeatureTable
            if let t = cache.load(featureURL, { try FeatureTable.read(from: $0) }) {
                table = t
                cached = true
            } else {
                let reco = try await simulated(recipe, process: process, generateKey: generateKey, simulateKey: simulateKey, generatorSeed: generatorSeed,
                                               simulationSeed: simulationSeed, stage: stage)
                do {
                    table = try await ZPrimeFeatures.table(reco, threads: threads)
                    try table.write(to: featureURL)
                } catch {
                    throw .stageFailed(stage: stage, detail: "features: \(error)")
                }
                cached = false
            }
            region = try SignalRegion.filter(table, spec.region)
            preselected = table.count
        }
        let gen = region.generator
        // The equivalent luminosity in the region: sum w / sum w^2 (pb^-1), which is N / sigma for unit
        // weights and accounts for generator cuts and biased sampling (N_eff / sigma_region).
        let sumW = region.weights.reduce(0, +), sumW2 = region.weights.reduce(0) { $0 + $1 * $1 }
        let summary = SampleSummary(name: recipe.name, process: recipe.process, isSignal: recipe.mass != nil, massGeV: recipe.mass,
                                    events: gen.eventsKept, crossSectionPicobarn: gen.crossSectionPicobarn,
                                    crossSectionErrorPicobarn: gen.crossSectionErrorPicobarn,
                                    equivalentLuminosity: sumW2 > 0 ? sumW / sumW2 / 1000 : 0,
                                    preselected: preselected, inRegion: region.count, generatorCuts: recipe.generatorCuts, seed: generatorSeed,
                                    featureKey: featureKey, regionKey: regionKey)
        observer(.finished(stage: stage, detail: String(format: "sigma %.4g pb, %d events, %d preselected, %d in the region (equivalent %.4g fb^-1)",
                                                        gen.crossSectionPicobarn, gen.eventsKept, preselected, region.count,
                                                        summary.equivalentLuminosity),
                           seconds: seconds(since: start), cached: cached))
        return (region, summary)
    }

    /// The lab acceptance of the run's detector card (``EventGeneration/LabAcceptance/init(card:collider:)``).
    func labAcceptance() throws(PipelineError) -> LabAcceptance {
        try LabAcceptance(card: card, collider: spec.collider)
    }

    func acceptanceText(_ a: LabAcceptance) -> String {
        String(format: "two muons with p_lab > %.3f GeV, %.0f < theta_lab < %.0f deg", a.minimumMomentum,
               a.minimumTheta * 180 / Double.pi, a.maximumTheta * 180 / Double.pi)
    }

    private func simulated(_ recipe: SampleRecipe, process: any ScatteringProcess, generateKey: CacheKey, simulateKey: CacheKey, generatorSeed: UInt64,
                           simulationSeed: UInt64, stage: String) async throws(PipelineError) -> RecoSample {
        let recoURL = cache.url(stage: "simulate", name: recipe.name, key: simulateKey, extension: "dsrec")
        if let reco = cache.load(recoURL, { try RecoSample.read(from: $0) }) { return reco }
        let eventsURL = cache.url(stage: "generate", name: recipe.name, key: generateKey, extension: "dsev")
        let sample: EventSample
        if let s = cache.load(eventsURL, { try EventSample.read(from: $0) }) {
            sample = s
        } else {
            do {
                let observer = self.observer
                let (generator, maxWeight) = try await integratedGenerator(process, seed: generatorSeed, eventCost: recipe.eventCost) { observer(.progress(stage: stage, fraction: 0.3 * $0)) }
                (sample, _) = try await generator.generate(events: recipe.events, weighted: false, maxWeight: maxWeight) {
                    observer(.progress(stage: stage, fraction: 0.3 + 0.6 * $0))
                }
                try sample.write(to: eventsURL)
            } catch {
                throw .stageFailed(stage: stage, detail: "generation: \(error)")
            }
        }
        do {
            let simulator = try DetectorSimulator(card: card, forcedPhotonLossEnergy: recipe.forcedPhotonLossEnergy,
                                                  forcedMuonIdentification: recipe.forcedMuonIdentification)
            let observer = self.observer
            let (reco, _) = try await simulator.simulate(sample, seed: simulationSeed, threads: threads) {
                observer(.progress(stage: stage, fraction: 0.9 + 0.1 * $0))
            }
            try reco.write(to: recoURL)
            return reco
        } catch {
            throw .stageFailed(stage: stage, detail: "detector simulation: \(error)")
        }
    }
}
