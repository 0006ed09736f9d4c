import HEPCore

/// What a simulation run counted.
public struct SimulationSummary: Sendable, Equatable {
    public var events = 0
    /// Events with at least two tracks, with exactly two opposite-charge tracks, and triggered.
    public var twoOrMoreTracks = 0
    public var twoOppositeTracks = 0
    public var triggered = 0
    public var tracks = 0
    public var clusters = 0
    mutating func add(_ o: SimulationSummary) {
        events += o.events; twoOrMoreTracks += o.twoOrMoreTracks; twoOppositeTracks += o.twoOppositeTracks
        triggered += o.triggered; tracks += o.tracks; clusters += o.clusters
    }
}

/// The fast simulation: an ordered chain of modules run on every event (interaction region,
/// tracking, calorimeter, beam background, particle identification, trigger). Events are processed
/// in chunks on `threads` tasks; every module draws from its own stream per event, so the output
/// does not depend on the number of threads.
public struct DetectorSimulator: Sendable {
    public let card: DetectorCard
    public let modules: [any SimulationModule]
    public let frame: ColliderFrame

    /// The key of the generator settings under which a simulation with forced photon loss says so.
    public static let forcedPhotonLossSetting = "simulation: forced photon loss"
    /// Photons inside the calorimeter above this lab energy (GeV) are forced lost, their events
    /// weighted by 1 - photon efficiency (``CalorimeterModule``; nil: off).
    public let forcedPhotonLossEnergy: Double?
    /// The key of the generator settings under which a simulation with forced muon identification says so.
    public static let forcedMuonIdentificationSetting = "simulation: forced muon identification"
    /// The tracks of two-track events are always identified as muons, their events weighted by the
    /// tracks' muon-ID probabilities (``ParticleIDModule``).
    public let forcedMuonIdentification: Bool

    /// A simulator for `card`; `forcedPhotonLossEnergy` (GeV, > 0) turns on the calorimeter's forced
    /// photon loss, exact for selections that cap the summed neutral energy several resolutions below it;
    /// `forcedMuonIdentification` the particle identification's forced muon identification, exact for
    /// selections that require both tracks of a two-track event identified as muons.
    public init(card: DetectorCard, forcedPhotonLossEnergy: Double? = nil, forcedMuonIdentification: Bool = false) throws(DetectorSimulationError) {
        try card.validate(source: card.name)
        self.card = card
        do { frame = try ColliderFrame.named(card.beams.collider) } catch {
            throw .invalidValue(source: card.name, path: "beams.collider", value: card.beams.collider, allowed: "belle or belle2")
        }
        if let e = forcedPhotonLossEnergy, !(e.isFinite && e > 0) {
            throw .invalidValue(source: card.name, path: "forced photon loss energy", value: "\(e)", allowed: "> 0 GeV")
        }
        if forcedPhotonLossEnergy != nil, card.calorimeter.photonEfficiency >= 1 {
            throw .invalidValue(source: card.name, path: "calorimeter.photonEfficiency", value: "\(card.calorimeter.photonEfficiency)",
                                allowed: "< 1 with forced photon loss (the weight would be 0)")
        }
        self.forcedPhotonLossEnergy = forcedPhotonLossEnergy
        self.forcedMuonIdentification = forcedMuonIdentification
        modules = [InteractionRegionModule(card: card), TrackingModule(card: card), CalorimeterModule(card: card, forcedLossEnergy: forcedPhotonLossEnergy),
                   BeamBackgroundModule(card: card), ParticleIDModule(card: card, forcedMuonIdentification: forcedMuonIdentification),
                   TriggerModule(card: card)]
    }

    /// Simulates one generated event (particles in the lab frame) with the streams of `streams`.
    public func simulate(_ generated: GeneratedEvent, index: Int, streams: [RandomStreams]) -> RecoEvent {
        var event = RecoEvent()
        for (module, s) in zip(modules, streams) {
            var rng = s.stream(UInt64(index))
            module.simulate(generated, &event, &rng)
        }
        return event
    }

    /// Simulates every event of `sample` (lab or CM frame; the CM is turned into this card's lab
    /// frame) with seed `seed`.
    public func simulate(_ sample: EventSample, seed: UInt64, threads: Int = 1, chunkSize: Int = 4096,
                         progress: (@Sendable (Double) -> Void)? = nil) async throws(DetectorSimulationError) -> (RecoSample, SimulationSummary) {
        guard sample.metadata.collider == frame.name else {
            throw .incompatibleSample("the sample was generated for '\(sample.metadata.collider)' but the card '\(card.name)' simulates '\(frame.name)': generate the sample for the card's collider")
        }
        let toLab: LorentzTransform? = sample.metadata.frame == "cm" ? frame.cmToLab : nil
        let root = RandomStreams(seed: seed).child("simulation")
        let streams = modules.map { root.child($0.name) }
        let n = sample.count
        let units = max(1, (n + chunkSize - 1) / chunkSize)
        var parts = [(RecoSample, SimulationSummary)?](repeating: nil, count: units)
        let template = RecoSample(generator: sample.metadata, cardName: card.name, simulationSeed: seed)
        await withTaskGroup(of: (Int, RecoSample, SimulationSummary).self) { group in
            var next = 0, done = 0
            func submit(_ u: Int) {
                group.addTask {
                    var out = template
                    var summary = SimulationSummary()
                    for i in (u * chunkSize)..<min(n, (u + 1) * chunkSize) {
                        var particles = sample.event(i)
                        if let toLab { for k in particles.indices { particles[k].momentum = toLab.apply(particles[k].momentum) } }
                        let event = simulate(GeneratedEvent(particles: particles), index: i, streams: streams)
                        out.append(event, weight: sample.weights[i] * event.weightFactor)
                        summary.events += 1
                        summary.tracks += event.tracks.count
                        summary.clusters += event.clusters.count
                        if event.tracks.count >= 2 { summary.twoOrMoreTracks += 1 }
                        if event.tracks.count == 2, event.tracks[0].charge != event.tracks[1].charge { summary.twoOppositeTracks += 1 }
                        if event.triggered { summary.triggered += 1 }
                    }
                    return (u, out, summary)
                }
            }
            while next < min(units, max(1, threads)) { submit(next); next += 1 }
            for await (u, out, summary) in group {
                parts[u] = (out, summary)
                done += 1
                progress?(Double(done) / Double(units))
                if next < units { submit(next); next += 1 }
            }
        }
        var result = template
        if let e = forcedPhotonLossEnergy {
            result.generator.settings[Self.forcedPhotonLossSetting] = String(
                format: "photons in the calorimeter above %.4g GeV always lost, event weight x %.4g (1 - photon efficiency) per photon; "
                    + "exact for events required to have a summed neutral energy well below it", e, 1 - card.calorimeter.photonEfficiency)
        }
        if forcedMuonIdentification {
            result.generator.settings[Self.forcedMuonIdentificationSetting] =
                "both tracks of two-track events always identified as muons, event weight x their muon-ID probabilities "
                + "(efficiency or fake rate); "
                + "exact for events required to have both tracks identified as muons"
        }
        var total = SimulationSummary()
        for case let (part, summary)? in parts {
            result.append(contentsOf: part)
            total.add(summary)
        }
        return (result, total)
    }
}
