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
    /// `events` unweighted events of process `key` with `p` (short adaptation).
    func generate(_ key: String, _ p: ProcessCatalog.Parameters, events: Int, seed: UInt64, eventCost: Double? = nil) async throws -> EventSample {
        var options = GeneratorOptions(collider: .belle)
        options.seed = seed
        options.threads = 2
        options.adaptationIterations = 3
        options.pointsPerIteration = 5000
        options.unweightingEventCost = eventCost
        var generator = try MonteCarloGenerator(process: try ProcessCatalog.make(key, p), options: options)
        let sigma = try await generator.integrate(points: 20000)
        return try await generator.generate(events: events, weighted: false, maxWeight: sigma.unweightingMaxWeight).0
    }

    /// Generates `events` unweighted events of process `key` with `p`, simulates them with the Belle
    /// card and computes the features of the preselected ones.
    func generateAndSelect(_ key: String, _ p: ProcessCatalog.Parameters, events: Int, seed: UInt64) async throws -> (EventSample, FeatureTable) {
        let sample = try await generate(key, p, events: events, seed: seed)
        let (reco, _) = try await DetectorSimulator(card: .named("belle")).simulate(sample, seed: seed + 1, threads: 2)
        return (sample, try await ZPrimeFeatures.table(reco, threads: 2))
    }

    /// The lab acceptance cut of the default spec's card (the run's own is checked in `unchangedSelection`).
    func defaultAcceptance() throws -> LabAcceptance {
        try LabAcceptance(card: .named("belle"), collider: "belle")
    }

    func preselected(_ acceptance: LabAcceptance?, seed: UInt64, process key: String = "mumu-gamma", tauMuonProbability: Double? = nil,
                     events: Int = 8000, regionCut: DimuonRegion? = nil, region: AnalysisSpec.Region? = nil, forcedMuonID: Bool = false)
        async throws -> (sigma: Double, error: Double, fraction: Double, generated: Double, sampleSum: Double, generatedError: Double) {
        var p = ProcessCatalog.Parameters()
        p.labAcceptance = acceptance
        p.dimuonRegion = regionCut
        p.tauMuonProbability = tauMuonProbability
        let sample = try await generate(key, p, events: events, seed: seed)
        let (reco, _) = try await DetectorSimulator(card: .named("belle"), forcedMuonIdentification: forcedMuonID).simulate(sample, seed: seed + 1, threads: 2)
        let preselectedTable = try await ZPrimeFeatures.table(reco, threads: 2)
        var table = preselectedTable
        if let region { table = try SignalRegion.filter(table, region) }
        let w = table.weights
        let sum = w.reduce(0, +), sum2 = w.map { $0 * $0 }.reduce(0, +)
        return (sum, sum2.squareRoot(), Double(table.count) / Double(sample.count), sample.metadata.crossSectionPicobarn,
                sample.weights.reduce(0, +), sample.metadata.crossSectionErrorPicobarn)
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

    /// The default's q = 0.95 weights the hadronic decays by (1 - BR_mu) / 0.05 = 16.5 each; with the
    /// forced muon identification a pion faking a muon enters at its fake rate (about 0.012), so those
    /// weights stay small. Against an unbiased, plain sample: the same preselected cross section, a
    /// smaller error for fewer events (measured: 0.32 against 1.44 pb, 3000 against 6000 events).
    @Test("tau pairs: the default's tau -> mu nu nu at 0.95 with the forced muon identification keeps the preselected yield")
    func defaultTauDecays() async throws {
        let spec = try AnalysisSpec.defaultSpec()
        #expect(spec.generator.tauMuonProbability == 0.95 && spec.region.forcedMuonID)
        let plain = try await preselected(nil, seed: 21, process: "tautau-gamma", events: 6000)
        let biased = try await preselected(nil, seed: 23, process: "tautau-gamma", tauMuonProbability: spec.generator.tauMuonProbability,
                                           events: 3000, forcedMuonID: true)
        // The weights sum to the cross section within their spread: per tau the factor BR/q or
        // (1 - BR)/(1 - q) has mean 1 and second moment BR^2/q + (1 - BR)^2/(1 - q) = 13.7 at q = 0.95,
        // so the mean over N events of the pair's factor has the error sqrt((13.7^2 - 1) / N): 25% at N = 3000
        // (the hadronic decays, rare and heavy, which the two-muon preselection seldom keeps).
        let br = 0.1739, q = spec.generator.tauMuonProbability
        let second = br * br / q + (1 - br) * (1 - br) / (1 - q)
        #expect(abs(biased.sampleSum / biased.generated - 1) < 3 * ((second * second - 1) / 3000).squareRoot())
        let combined = (plain.error * plain.error + biased.error * biased.error).squareRoot()
        #expect(abs(biased.sigma - plain.sigma) < 2 * combined, "plain \(plain.sigma) +- \(plain.error) pb, biased \(biased.sigma) +- \(biased.error) pb")
        #expect(biased.error < 0.6 * plain.error, "plain error \(plain.error), biased and forced \(biased.error) pb")
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

    /// Generates an unbiased sample (the acceptance cut only, which is validated above), simulates it
    /// and measures what the generator's importance sampling towards the default region gains. With
    /// sampling probability q (1 inside the widened region, `generator-bias` outside) a biased sample
    /// spends <q> (the mean over the unbiased sample) of the unbiased one's events per unit cross
    /// section, and its region events carry weights 1 / q, which inflate sum w^2 / sum w by
    /// I = sum_region w / q / sum_region w. Its equivalent luminosity in the region per generated event
    /// is therefore 1 / (<q> I) times the unbiased sample's. Also returns the share of the region's
    /// yield from outside the widened region, with the true values of those events.
    func biasingGain(process key: String, events: Int, seed: UInt64) async throws
        -> (inRegion: Int, meanQ: Double, inflation: Double, gain: Double, outsideShare: Double, listing: String) {
        let spec = try AnalysisSpec.defaultSpec()
        var p = ProcessCatalog.Parameters()
        p.labAcceptance = try defaultAcceptance()
        if key == "eemumu" { p.muonAcceptanceCosine = 0.95 }
        let (sample, preselected) = try await generateAndSelect(key, p, events: events, seed: seed)
        let table = try SignalRegion.filter(preselected, spec.region)
        let entry = spec.backgrounds.first { $0.process == key }
        // The region's factor alone (the calorimeter veto has its own test, calorimeterVetoUnbiased).
        let bias = try SignalRegion.generatorBias(spec.region, outsideProbability: entry?.generatorBias ?? spec.region.generatorBias,
                                                  marginScale: entry?.generatorMargins ?? 1, collider: spec.collider, card: .named("belle"))
        let frame = ColliderFrame.belle
        /// The sampling factor of generated event `index` (region and calorimeter veto).
        func q(_ index: Int) -> Double {
            let particles = sample.event(index).filter { $0.status == .finalState }
            return bias.bias(particles.map { frame.labToCM.apply($0.momentum) }, ids: particles.map(\.id), sqrtS: frame.sqrtS)
        }
        /// Whether its true muons are outside the widened region.
        func outside(_ index: Int) -> Bool {
            let particles = sample.event(index).filter { $0.status == .finalState }
            return !bias.passes(particles.map { frame.labToCM.apply($0.momentum) }, ids: particles.map(\.id), sqrtS: frame.sqrtS)
        }
        var sumW = 0.0, sumWQ = 0.0
        for i in 0..<sample.count { sumW += sample.weights[i]; sumWQ += sample.weights[i] * q(i) }
        var regionW = 0.0, regionWOverQ = 0.0, outsideW = 0.0, listing = ""
        for (row, index) in table.eventIndex.enumerated() {
            let w = table.weights[row], qi = q(Int(index))
            regionW += w
            regionWOverQ += w / qi
            guard outside(Int(index)) else { continue }
            outsideW += w
            let particles = sample.event(Int(index)).filter { $0.status == .finalState }
            let cm = particles.map { frame.labToCM.apply($0.momentum) }
            let pair = zip(particles, cm).filter { $0.0.id == .muon || $0.0.id == .antimuon }.map(\.1).reduce(FourMomentum.zero, +)
            let recoil = FourMomentum(e: frame.sqrtS, px: 0, py: 0, pz: 0) - pair
            listing += String(format: "[true pt %.3f cos %.3f theta_lab %.1f deg] ", pair.pt, recoil.cosTheta,
                              frame.cmToLab.apply(recoil).theta * 180 / .pi)
        }
        let meanQ = sumWQ / sumW, inflation = regionW > 0 ? regionWOverQ / regionW : 0
        return (table.count, meanQ, inflation, inflation > 0 ? 1 / (meanQ * inflation) : 0, regionW > 0 ? outsideW / regionW : 0, listing)
    }

    /// DARKSCAN_REGION_EVENTS=N sizes a larger one-off run of the checks below (release build
    /// recommended: `swift test -c release --filter biasingPays`).
    var migrationEvents: Int? { ProcessInfo.processInfo.environment["DARKSCAN_REGION_EVENTS"].flatMap { Int($0) } }

    @Test("mu mu (gamma): the importance sampling towards the region pays (more equivalent luminosity per generated event)")
    func biasingPays() async throws {
        let g = try await biasingGain(process: "mumu-gamma", events: migrationEvents ?? 50000, seed: 43)
        #expect(g.inRegion > 100, "\(g.inRegion) events in the region")
        // Here (the default region, p_t > 0.4 GeV and E_neutral < 0.3 GeV, and mu mu (gamma)'s generator-bias
        // 0.02): 156 region events, <q> = 0.155, none from outside the widened region, gain 6.5 (5.5 at 0.05).
        // Release, 400000 events: 1218 region events, 3 from outside (0.23% of the yield: true p_t 0.18, 0.20
        // and 0.09 GeV), <q> = 0.155, I = 1.11, gain 5.8 (0.180, 1.043 and 5.3 at 0.05; the calorimeter veto,
        // not in q here, makes the pipeline's gain from 0.05 -> 0.02 larger: 1.67x the equivalent luminosity
        // per generated event at 2M events). With p_t > 0.3 GeV and a 0.5 GeV cap (release,
        // 100000 events): <q> = 0.211, I = 1.08 (0.41% of the region's yield from outside the widened
        // region, Born-like events with true p_t below 0.1 GeV reconstructed above 0.3 GeV by the p_t
        // resolution's tail, each weighted x 20), gain 4.4; with p_t > 0.2 GeV and a 0.1 GeV margin the
        // outside share was 8.6% and the gain 1.80. A gain below 3 would mean the margins or
        // generator-bias no longer suit the region.
        #expect(g.gain > 3, "gain \(g.gain): <q> \(g.meanQ), inflation \(g.inflation), \(g.outsideShare) of the region's yield from outside: \(g.listing.prefix(2000))")
    }

    @Test("e e mu mu: the importance sampling towards the region pays (one-off, DARKSCAN_REGION_EVENTS)",
          .enabled(if: ProcessInfo.processInfo.environment["DARKSCAN_REGION_EVENTS"] != nil))
    func biasingPaysEEMuMu() async throws {
        let g = try await biasingGain(process: "eemumu", events: migrationEvents ?? 0, seed: 45)
        // Release, 100000 events at generator-bias 0.01 for e e mu mu: none of the region's events from
        // outside the widened region (I = 1), <q> = 0.085, gain 11.8 (0.122 and 8.2 at 0.05; the same with
        // the region at p_t > 0.2 GeV and a 0.1 GeV margin). With the calorimeter veto (veto-bias 0.1 for
        // e e mu mu), which q includes: <q> = 0.0575, I = 1, gain 17.4 (1.47x). With the spec's
        // generator-margins 0.5 and generator-bias 0.003, 1500000 events: none of the 18804 region events from
        // outside (I = 1), <q> = 0.0627, gain 16.0 (300000 events, the same seed: 3719 region events, gain 12.0
        // at margins 1 and 0.01, 14.4 at 0.5 and 0.01, 15.9 at 0.5 and 0.003; at margins 0.1 one event came from
        // outside, true theta_lab 16.4 deg).
        #expect(g.inRegion > 300, "\(g.inRegion) events in the region")
        #expect(g.gain > 4, "gain \(g.gain): <q> \(g.meanQ), inflation \(g.inflation), \(g.outsideShare) of the region's yield from outside: \(g.listing.prefix(2000))")
    }

    @Test("mu mu (gamma): the simulation's forced photon loss keeps the region's yields and multiplies the missed-photon events")
    func forcedPhotonLoss() async throws {
        let spec = try AnalysisSpec.defaultSpec()
        var p = ProcessCatalog.Parameters()
        p.labAcceptance = try defaultAcceptance()
        p.dimuonRegion = try SignalRegion.generatorBias(spec.region, collider: spec.collider, card: .named("belle"))
        let sample = try await generate("mumu-gamma", p, events: 20000, seed: 51)
        // The same events simulated twice with the same seed: as usual, and with the forced loss. Every
        // event draws from its own streams, so an event without a photon to force is simulated bit for
        // bit the same; the events with one are compared as a whole (2% of them are missed and reach
        // the region in the plain run, each weighted x 0.02 in the forced one).
        let card = try DetectorCard.named("belle")
        let energy = try SignalRegion.forcedPhotonLossEnergy(spec.region, card: card)
        #expect(abs(energy - 1.1 * spec.region.neutralEnergy) < 1e-12)
        let (plainReco, _) = try await DetectorSimulator(card: card).simulate(sample, seed: 52, threads: 2)
        let (forcedReco, _) = try await DetectorSimulator(card: card, forcedPhotonLossEnergy: energy).simulate(sample, seed: 52, threads: 2)
        let plain = try SignalRegion.filter(try await ZPrimeFeatures.table(plainReco, threads: 2), spec.region)
        let forced = try SignalRegion.filter(try await ZPrimeFeatures.table(forcedReco, threads: 2), spec.region)
        let calorimeter = CalorimeterModule(card: card)
        /// Whether generated event i (lab frame) has a photon the forced loss acts on.
        func hasForcedPhoton(_ i: Int64) -> Bool {
            sample.event(Int(i)).contains { $0.status == .finalState && $0.id == .photon && $0.momentum.e > energy && calorimeter.covers(theta: $0.momentum.theta) }
        }
        /// (sum w, sqrt(sum w^2), rows) of the region's events with or without such a photon.
        func yields(_ t: FeatureTable, forcedPhoton: Bool) -> (sum: Double, error: Double, rows: [Int64: Double]) {
            var sum = 0.0, sum2 = 0.0, rows: [Int64: Double] = [:]
            for (row, index) in t.eventIndex.enumerated() where hasForcedPhoton(index) == forcedPhoton {
                sum += t.weights[row]; sum2 += t.weights[row] * t.weights[row]; rows[index] = t.weights[row]
            }
            return (sum, sum2.squareRoot(), rows)
        }
        // Without a photon to force: the same events with the same weights.
        let plainOther = yields(plain, forcedPhoton: false), forcedOther = yields(forced, forcedPhoton: false)
        #expect(plainOther.rows == forcedOther.rows && !plainOther.rows.isEmpty)
        // With one: the plain run's missed photons (binomial, about 2% of them) against every such event
        // at 0.02 of its weight, within 2.5 sigma of the plain run's error.
        let plainForced = yields(plain, forcedPhoton: true), forcedForced = yields(forced, forcedPhoton: true)
        #expect(plainForced.rows.count >= 50, "\(plainForced.rows.count) plain region events with a missed photon")
        let error = (plainForced.error * plainForced.error + forcedForced.error * forcedForced.error).squareRoot()
        #expect(abs(plainForced.sum - forcedForced.sum) < 2.5 * error,
                "missed photons: plain \(plainForced.sum) +- \(plainForced.error) pb (\(plainForced.rows.count) events), forced \(forcedForced.sum) +- \(forcedForced.error) pb (\(forcedForced.rows.count) events)")
        // The forced run knows that part far better: about 50x the events.
        #expect(forcedForced.rows.count > 20 * plainForced.rows.count && forcedForced.error < 0.3 * plainForced.error)
    }

    @Test("e e mu mu: the simulation's forced muon identification keeps the region's yield and adds the events with an unidentified muon")
    func forcedMuonIdentification() async throws {
        let spec = try AnalysisSpec.defaultSpec()
        #expect(SignalRegion.forcesMuonID("eemumu", isSignal: false, spec.region) && SignalRegion.forcesMuonID("tautau-gamma", isSignal: false, spec.region))
        #expect(!SignalRegion.forcesMuonID("mumu-gamma", isSignal: false, spec.region) && !SignalRegion.forcesMuonID("mumu-zprime", isSignal: true, spec.region))
        // Without the forced photon loss, mu mu (gamma) gets the forced identification too.
        var noLoss = spec.region
        noLoss.forcedPhotonLoss = false
        #expect(SignalRegion.forcesMuonID("mumu-gamma", isSignal: false, noLoss))
        var p = ProcessCatalog.Parameters()
        p.labAcceptance = try defaultAcceptance()
        p.muonAcceptanceCosine = 0.95
        p.dimuonRegion = try SignalRegion.generatorBias(spec.region, outsideProbability: 0.01, collider: spec.collider, card: .named("belle"))
        let sample = try await generate("eemumu", p, events: 10000, seed: 61)
        // The same events simulated twice with the same seed, as usual and with the forced
        // identification. Every track draws its number either way, so an event whose two tracks the
        // plain run identifies is the same event in the forced run, at p_1 p_2 of its weight; the
        // forced run adds the events with a track the plain run did not identify.
        let card = try DetectorCard.named("belle")
        let (plainReco, _) = try await DetectorSimulator(card: card).simulate(sample, seed: 62, threads: 2)
        let (forcedReco, _) = try await DetectorSimulator(card: card, forcedMuonIdentification: true).simulate(sample, seed: 62, threads: 2)
        let plain = try SignalRegion.filter(try await ZPrimeFeatures.table(plainReco, threads: 2), spec.region)
        let forced = try SignalRegion.filter(try await ZPrimeFeatures.table(forcedReco, threads: 2), spec.region)
        var forcedRows: [Int64: (weight: Double, pt: Double)] = [:]
        let forcedPt = forced["dimuonPt"] ?? [], plainPt = plain["dimuonPt"] ?? []
        for (row, index) in forced.eventIndex.enumerated() { forcedRows[index] = (forced.weights[row], forcedPt[row]) }
        var contained = true
        for (row, index) in plain.eventIndex.enumerated() {
            guard let f = forcedRows[index], f.pt == plainPt[row], f.weight <= plain.weights[row] * 0.93, f.weight >= plain.weights[row] * 0.0625 else {
                contained = false; break
            }
        }
        #expect(contained, "every plain region event is in the forced run, with the same features, at 0.0625-0.86 of its weight (two muons)")
        // The yields agree within 2.5 sigma; the forced run has more events and a smaller error.
        func sums(_ t: FeatureTable) -> (sum: Double, error: Double) {
            (t.weights.reduce(0, +), t.weights.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        let a = sums(plain), b = sums(forced)
        #expect(plain.count > 1000, "\(plain.count) plain region events")
        #expect(abs(a.sum - b.sum) < 2.5 * (a.error * a.error + b.error * b.error).squareRoot(),
                "region: plain \(a.sum) +- \(a.error) pb (\(plain.count) events), forced \(b.sum) +- \(b.error) pb (\(forced.count) events)")
        // (Measured here: 0.78, 2333 events against 1510. The default run's e e mu mu: 1.5x the equivalent luminosity, an error 0.83x as large for the same yield.)
        #expect(forced.count > plain.count * 5 / 4 && b.error < 0.9 * a.error,
                "forced \(forced.count) events, error \(b.error); plain \(plain.count), \(a.error)")
    }

    @Test("The calorimeter veto applies to a photon or electron above its energy inside the calorimeter's regions, not in the gaps or to muons")
    func calorimeterVetoGeometry() throws {
        let spec = try AnalysisSpec.defaultSpec()
        let card = try DetectorCard.named("belle")
        let veto = SignalRegion.calorimeterVeto(spec.region, probability: 0.1, card: card)
        #expect(abs(veto.minimumEnergy - 1.1 * spec.region.neutralEnergy) < 1e-12 && veto.probability == 0.1)
        #expect(veto.thetaRanges.count == card.calorimeter.regions.count)
        let frame = ColliderFrame.belle
        /// A particle of lab energy e at lab polar angle theta (degrees), in the CM frame.
        func cm(_ e: Double, _ thetaDegrees: Double) -> FourMomentum {
            let t = thetaDegrees * Double.pi / 180
            return frame.labToCM.apply(FourMomentum(e: e, px: e * Double.sin(t), py: 0, pz: e * Double.cos(t)))
        }
        // Barrel, both endcaps; the gaps at 31.4-32.2 and 128.7-130.7 degrees and beyond 155.1 are not covered.
        for theta in [20.0, 90, 140] {
            #expect(veto.applies([cm(1, theta)], ids: [.photon], cmToLab: frame.cmToLab), "photon at \(theta) deg")
            #expect(veto.applies([cm(1, theta)], ids: [.positron], cmToLab: frame.cmToLab), "positron at \(theta) deg")
            #expect(!veto.applies([cm(1, theta)], ids: [.muon], cmToLab: frame.cmToLab), "muon at \(theta) deg")
            #expect(!veto.applies([cm(0.9 * veto.minimumEnergy, theta)], ids: [.photon], cmToLab: frame.cmToLab), "photon below the energy at \(theta) deg")
        }
        for theta in [31.8, 129.5, 160, 8] { #expect(!veto.applies([cm(1, theta)], ids: [.electron], cmToLab: frame.cmToLab), "electron at \(theta) deg") }
        // The region's factor times the veto's: muons inside the widened region (p_t* about 8 GeV, recoil
        // in the barrel) and outside it (back to back in the CM frame, p_t* = 0), with a photon in the
        // barrel (vetoed) or in a gap (not).
        var region = try SignalRegion.generatorBias(spec.region, vetoProbability: 0.1, collider: spec.collider, card: card)
        region.outsideProbability = 0.05
        let ids: [PDGID] = [.muon, .antimuon, .photon]
        let insideMuons = [cm(5, 60), cm(4, 110)]
        let t = 60 * Double.pi / 180, e = frame.sqrtS / 2
        let outsideMuons = [FourMomentum(e: e, px: e * Double.sin(t), py: 0, pz: e * Double.cos(t)),
                            FourMomentum(e: e, px: -e * Double.sin(t), py: 0, pz: -e * Double.cos(t))]
        #expect(region.passes(insideMuons + [cm(1, 90)], ids: ids, sqrtS: frame.sqrtS))
        #expect(!region.passes(outsideMuons + [cm(1, 90)], ids: ids, sqrtS: frame.sqrtS))
        for (muons, factor) in [(insideMuons, 1.0), (outsideMuons, 0.05)] {
            #expect(abs(region.bias(muons + [cm(1, 90)], ids: ids, sqrtS: frame.sqrtS) - factor * 0.1) < 1e-15)
            #expect(abs(region.bias(muons + [cm(1, 31.8)], ids: ids, sqrtS: frame.sqrtS) - factor) < 1e-15)
        }
        // A veto probability outside (0, 1] in the spec is rejected with its path.
        var bad = spec
        bad.region.vetoBias = 0
        #expect(throws: PipelineError.self) { try bad.validate(source: "test") }
    }

    /// The region's events of `key` generated with the default spec's region bias and margins for it and the calorimeter veto at
    /// `veto` (1: none), simulated as the pipeline does (mu mu (gamma) with the forced photon loss,
    /// e e mu mu with the forced muon identification): (sum w, error, N_eff, rows).
    func vetoedRegion(_ key: String, veto: Double, events: Int, seed: UInt64) async throws -> (sum: Double, error: Double, effective: Double, rows: Int) {
        let spec = try AnalysisSpec.defaultSpec()
        let card = try DetectorCard.named("belle")
        var p = ProcessCatalog.Parameters()
        p.labAcceptance = try defaultAcceptance()
        if key == "eemumu" { p.muonAcceptanceCosine = 0.95 }
        let entry = spec.backgrounds.first { $0.process == key }
        p.dimuonRegion = try SignalRegion.generatorBias(spec.region, outsideProbability: entry?.generatorBias ?? spec.region.generatorBias,
                                                        vetoProbability: veto, marginScale: entry?.generatorMargins ?? 1,
                                                        collider: spec.collider, card: card)
        let sample = try await generate(key, p, events: events, seed: seed, eventCost: spec.backgrounds.first { $0.process == key }?.eventCost)
        let simulator = key == "mumu-gamma"
            ? try DetectorSimulator(card: card, forcedPhotonLossEnergy: try SignalRegion.forcedPhotonLossEnergy(spec.region, card: card))
            : try DetectorSimulator(card: card, forcedMuonIdentification: true)
        let (reco, _) = try await simulator.simulate(sample, seed: seed + 1, threads: 2)
        let w = try SignalRegion.filter(try await ZPrimeFeatures.table(reco, threads: 2), spec.region).weights
        let sum = w.reduce(0, +), sum2 = w.reduce(0) { $0 + $1 * $1 }
        return (sum, sum2.squareRoot(), sum * sum / sum2, w.count)
    }

    @Test("The calorimeter veto keeps the region's yield; e e mu mu gets more region rows, mu mu (gamma) fewer for as many effective events",
          arguments: [("eemumu", 8000, 75 as UInt64), ("mumu-gamma", 12000, 71)])
    func calorimeterVetoUnbiased(_ key: String, _ events: Int, _ seed: UInt64) async throws {
        let plain = try await vetoedRegion(key, veto: 1, events: events, seed: seed)
        let vetoed = try await vetoedRegion(key, veto: 0.1, events: events, seed: seed + 2)
        let combined = (plain.error * plain.error + vetoed.error * vetoed.error).squareRoot()
        // Independent samples within 3 sigma (here 1.6 sigma for mu mu (gamma), 1.7 for e e mu mu).
        #expect(abs(plain.sum - vetoed.sum) < 3 * combined, "\(key) region: without \(plain.sum) +- \(plain.error) pb, with the veto \(vetoed.sum) +- \(vetoed.error) pb")
        if key == "eemumu" {
            // More of the generated events in the region, each with its weight (release, through the
            // pipeline, 2M events: 513k -> 769k region rows, equivalent luminosity 39.7 -> 57.4 fb^-1).
            // Here (the spec's margins 0.5 and generator-bias 0.003) 2590 -> 4315 rows, N_eff 234 -> 252 (with the
            // full margins and 0.01: 1682 -> 2903 rows). N_eff itself is no test at this size: one event from
            // outside the widened region (x 333) can set it.
            #expect(vetoed.rows > plain.rows * 13 / 10, "\(key) region rows without \(plain.rows), with the veto \(vetoed.rows)")
        } else {
            // The region's rows fall (the forced-lost photons, sampled less often) and its effective
            // events do not: at this size a few events above the unweighting maximum set N_eff (here
            // with the default region, event cost 10 and generator-bias 0.02: rows 6612 -> 2860, N_eff 492 ->
            // 1058; at generator-bias 0.05, N_eff 437 -> 435). Release, through the pipeline,
            // 2M events at event cost 3: 965k -> 299k rows, 26.9 -> 33.5 fb^-1 (1.25x, in 1.08x the time).
            #expect(vetoed.rows < plain.rows / 2 && vetoed.effective > 0.8 * plain.effective,
                    "\(key) rows without \(plain.rows), with the veto \(vetoed.rows); N_eff without \(plain.effective), with \(vetoed.effective)")
        }
    }

    @Test("A background's generator-margins scales the three margins of the generator's region, and the default's e e mu mu takes 0.5")
    func generatorMargins() throws {
        let spec = try AnalysisSpec.defaultSpec()
        let r = spec.region
        let half = try SignalRegion.generatorBias(r, outsideProbability: 0.003, marginScale: 0.5, collider: spec.collider, card: .named("belle"))
        #expect(abs(half.minimumPairPt - (r.dimuonPt - 0.1)) < 1e-12)
        #expect(abs(half.maximumRecoilCosTheta - (r.recoilCosTheta + 0.015)) < 1e-12)
        #expect(abs(half.minimumRecoilTheta * 180 / .pi - (r.recoilThetaLab[0] - 1.5)) < 1e-9)
        #expect(abs(half.maximumRecoilTheta * 180 / .pi - (r.recoilThetaLab[1] + 1.5)) < 1e-9)
        #expect(half.summary.contains("widened by 0.1 GeV, 0.015, 1.5 deg"))
        // The recipes carry each background's factor (1 where the spec gives none), and the sample stage's
        // generator region applies it.
        let recipes = AnalysisRun.recipes(spec)
        let card = try DetectorCard.named("belle")
        let ee = try #require(recipes.first { $0.name == "eemumu" }), mm = try #require(recipes.first { $0.name == "mumu-gamma" })
        #expect(ee.generatorMargins == 0.5 && mm.generatorMargins == 1)
        let eeRegion = try #require(try AnalysisRun.generatorRegion(ee, spec: spec, card: card))
        #expect(abs(eeRegion.minimumPairPt - (r.dimuonPt - 0.1)) < 1e-12 && eeRegion.outsideProbability == 0.003)
        let mmRegion = try #require(try AnalysisRun.generatorRegion(mm, spec: spec, card: card))
        #expect(abs(mmRegion.minimumPairPt - (r.dimuonPt - 0.2)) < 1e-12 && mmRegion.outsideProbability == 0.02)
        #expect(try AnalysisRun.generatorRegion(try #require(recipes.first { $0.name == "tautau-gamma" }), spec: spec, card: card) == nil)
    }

    @Test("mu mu (gamma): importance sampling towards the region leaves the cross section and the region's yield unbiased")
    func signalRegionBias() async throws {
        let spec = try AnalysisSpec.defaultSpec()
        let acceptance = try defaultAcceptance()
        let bias = try SignalRegion.generatorBias(spec.region, collider: spec.collider, card: .named("belle"))
        // The default region widened by the margins; outside sampled at the spec's probability.
        #expect(abs(bias.minimumPairPt - (spec.region.dimuonPt - 0.2)) < 1e-12)
        #expect(abs(bias.maximumRecoilCosTheta - (spec.region.recoilCosTheta + 0.03)) < 1e-12)
        #expect(abs(bias.minimumRecoilTheta * 180 / .pi - (spec.region.recoilThetaLab[0] - 3)) < 1e-9)
        #expect(bias.outsideProbability == spec.region.generatorBias && bias.outsideProbability < 1)
        // Both samples with the (validated) acceptance cut; the second also with the biasing.
        let plain = try await preselected(acceptance, seed: 31, events: 16000, region: spec.region)
        let biased = try await preselected(acceptance, seed: 32, events: 10000, regionCut: bias, region: spec.region)
        // Within 3 sigma (2.3 sigma apart with these seeds; release, 10x the events of each: 9.514 +- 0.254
        // unbiased against 9.527 +- 0.144 pb biased).
        let combined = (plain.error * plain.error + biased.error * biased.error).squareRoot()
        #expect(abs(biased.sigma - plain.sigma) < 3 * combined,
                "region: unbiased \(plain.sigma) +- \(plain.error) pb, biased \(biased.sigma) +- \(biased.error) pb")
        // The weights still estimate the process's cross section, within the combined error (the
        // biased sample's includes the spread of the 1 / b factors).
        let sigmaError = (plain.generatedError * plain.generatedError + biased.generatedError * biased.generatedError).squareRoot()
        #expect(abs(biased.generated - plain.generated) < 2 * sigmaError,
                "sigma: unbiased \(plain.generated) +- \(plain.generatedError) pb, biased \(biased.generated) +- \(biased.generatedError) pb")
        #expect(biased.generatedError > plain.generatedError)
        // The biasing multiplies the events that land in the region and lowers the region's error.
        #expect(biased.fraction > 3 * plain.fraction)
        #expect(biased.error < plain.error)
    }
}
