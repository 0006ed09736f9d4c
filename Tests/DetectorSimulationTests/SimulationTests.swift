@testable import DetectorSimulation
import EventIO
import Foundation
import HEPCore
import RealModule
import Testing

@Suite("Fast simulation")
struct SimulationTests {
    let belle: DetectorCard

    init() throws { belle = try DetectorCard.named("belle") }

    func muon(p: Double, theta: Double, phi: Double = 0.3, charge: Int = -1) -> EventSample.Particle {
        EventSample.Particle(id: charge < 0 ? .muon : .antimuon, momentum: FourMomentum(mass: ParticleData.muon.mass, p: p, theta: theta, phi: phi))
    }

    /// Pulls (measured - true)/sigma of 1e5 tracks have unit width within 2%: transverse momentum,
    /// angles, and the transverse and longitudinal displacement of the reference point from the
    /// true line.
    @Test("Smeared tracks have the card's resolutions (pull widths within 2% on 1e5 tracks)")
    func pulls() {
        let tracking = TrackingModule(card: belle)
        let region = InteractionRegionModule(card: belle)
        var gen = RandomStreams(seed: 401).stream(0)
        var sums = [Double](repeating: 0, count: 5), squares = sums
        var n = 0
        for i in 0..<100_000 {
            let truth = muon(p: gen.uniform(0.3, 5), theta: gen.uniform(0.5, 2.4), phi: gen.uniform(-3, 3))
            var event = RecoEvent()
            var rng = RandomStreams(seed: 402).stream(UInt64(i))
            region.simulate(GeneratedEvent(particles: [truth]), &event, &rng)
            tracking.simulate(GeneratedEvent(particles: [truth]), &event, &rng)
            guard let t = event.tracks.first else { continue }
            let p = truth.momentum
            let measured = FourMomentum(e: t.momentum.magnitude, p: t.momentum)
            var dphi = measured.phi - p.phi
            if dphi > Double.pi { dphi -= 2 * Double.pi } else if dphi < -Double.pi { dphi += 2 * Double.pi }
            // Displacement of the reference point from the true line through the vertex.
            let d = t.referencePoint - event.vertex
            let dir = t.momentum.unit
            let (u1, u2) = TrackingModule.measurementAxes(direction: dir)
            let pulls = [(measured.pt - p.pt) / (t.sigmaPtOverPt * p.pt), (measured.theta - p.theta) / t.sigmaTheta, dphi / t.sigmaPhi,
                         d.dot(u1) / t.sigmaD0, d.dot(u2) / (t.sigmaZ0 * Double.sin(measured.theta))]
            for (k, x) in pulls.enumerated() { sums[k] += x; squares[k] += x * x }
            n += 1
        }
        #expect(n > 98_000)
        for k in 0..<5 {
            let mean = sums[k] / Double(n), width = (squares[k] / Double(n) - mean * mean).squareRoot()
            #expect(abs(width - 1) < 0.02, "pull \(k): width \(width)")
            #expect(abs(mean) < 0.02, "pull \(k): mean \(mean)")
        }
    }

    @Test("Acceptance edges: drift chamber 17-150 degrees, calorimeter regions and gaps, beam pipe")
    func acceptance() throws {
        var card = belle
        card.tracking.efficiency = 1
        card.calorimeter.photonEfficiency = 1
        card.beamBackground.enabled = false
        let tracking = TrackingModule(card: card), calorimeter = CalorimeterModule(card: card)
        func tracked(_ thetaDegrees: Double) -> Bool {
            var event = RecoEvent()
            var rng = RandomStreams(seed: 1).stream(0)
            tracking.simulate(GeneratedEvent(particles: [muon(p: 2, theta: thetaDegrees * Double.pi / 180)]), &event, &rng)
            return !event.tracks.isEmpty
        }
        #expect(!tracked(16.9) && tracked(17.1) && tracked(149.9) && !tracked(150.1))
        func photonSeen(_ thetaDegrees: Double) -> Bool {
            var event = RecoEvent()
            var rng = RandomStreams(seed: 2).stream(0)
            let photon = EventSample.Particle(id: .photon, momentum: FourMomentum(mass: 0, p: 1, theta: thetaDegrees * Double.pi / 180, phi: 0))
            calorimeter.simulate(GeneratedEvent(particles: [photon]), &event, &rng)
            return !event.clusters.isEmpty
        }
        #expect(!photonSeen(0.5))    // down the beam pipe
        #expect(!photonSeen(12.0) && photonSeen(13.0))
        #expect(photonSeen(31.0) && !photonSeen(31.8) && photonSeen(32.5))   // forward gap 31.4-32.2
        #expect(photonSeen(128.0) && !photonSeen(129.5) && photonSeen(131.0)) // backward gap 128.7-130.7
        #expect(photonSeen(155.0) && !photonSeen(155.5))
        // Below threshold: a 10 MeV photon in the barrel is not a cluster.
        var event = RecoEvent()
        var rng = RandomStreams(seed: 3).stream(0)
        calorimeter.simulate(GeneratedEvent(particles: [EventSample.Particle(id: .photon, momentum: FourMomentum(mass: 0, p: 0.01, theta: 1.5, phi: 0))]), &event, &rng)
        #expect(event.clusters.isEmpty)
    }

    @Test("Forced photon loss: photons in the calorimeter above the energy are lost with weight 1 - efficiency each")
    func forcedPhotonLoss() async throws {
        let calorimeter = CalorimeterModule(card: belle, forcedLossEnergy: 0.55)
        func simulate(_ photons: [(e: Double, thetaDegrees: Double)]) -> RecoEvent {
            var event = RecoEvent()
            var rng = RandomStreams(seed: 4).stream(0)
            let particles = photons.map { EventSample.Particle(id: .photon, momentum: FourMomentum(mass: 0, p: $0.e, theta: $0.thetaDegrees * Double.pi / 180, phi: 0)) }
            calorimeter.simulate(GeneratedEvent(particles: particles), &event, &rng)
            return event
        }
        // In the barrel above the energy: lost, weight x 0.02 (Belle's 98% photon efficiency); two: x 0.02^2.
        let one = simulate([(1, 90)])
        #expect(one.clusters.isEmpty && abs(one.weightFactor - 0.02) < 1e-15)
        let two = simulate([(1, 90), (3, 40)])
        #expect(two.clusters.isEmpty && abs(two.weightFactor - 0.0004) < 1e-15)
        // Below the energy, in a gap, down the beam pipe: simulated as usual, weight unchanged.
        #expect(simulate([(0.4, 90)]).weightFactor == 1)
        #expect(simulate([(1, 31.8)]).weightFactor == 1 && simulate([(1, 31.8)]).clusters.isEmpty)
        #expect(simulate([(2, 5)]).weightFactor == 1)
        // The simulator applies the factor to the event weights and records the setting; a bad energy is refused.
        let input = sample(events: 2000)
        let (plain, _) = try await DetectorSimulator(card: belle).simulate(input, seed: 8)
        let (forced, _) = try await DetectorSimulator(card: belle, forcedPhotonLossEnergy: 0.55).simulate(input, seed: 8)
        #expect(plain.weights == input.weights)
        #expect(forced.weights.contains { abs($0 / (1.0 / 2000) - 0.02) < 1e-9 } && forced.weights.allSatisfy { $0 <= 1.0 / 2000 })
        #expect(forced.generator.settings["simulation: forced photon loss"] != nil && plain.generator.settings["simulation: forced photon loss"] == nil)
        #expect(throws: DetectorSimulationError.self) { try DetectorSimulator(card: belle, forcedPhotonLossEnergy: -1) }
    }

    @Test("Muon identification and fake rates follow the card's tables")
    func particleID() {
        let pid = ParticleIDModule(card: belle)
        #expect(pid.muonProbability(pdg: 13, p: 2.0, theta: 1.5) == 0.92)
        #expect(pid.muonProbability(pdg: -211, p: 2.0, theta: 1.5) == 0.012)
        #expect(pid.muonProbability(pdg: 13, p: 0.5, theta: 1.5) == 0)
        #expect(pid.muonProbability(pdg: 13, p: 2.0, theta: 0.1) == 0) // outside the KLM table
        var rng = RandomStreams(seed: 5).stream(0)
        var identified = 0
        for _ in 0..<20_000 {
            var event = RecoEvent()
            event.tracks = [RecoTrack(charge: -1, momentum: ThreeVector(2, 0, 0), referencePoint: .zero, sigmaD0: 1, sigmaZ0: 1,
                                      sigmaPtOverPt: 0, sigmaTheta: 0, sigmaPhi: 0, muonID: false, truthPDG: 13, truthIndex: 0, calorimeterEnergy: 0)]
            pid.simulate(GeneratedEvent(particles: []), &event, &rng)
            if event.tracks[0].muonID { identified += 1 }
        }
        // 0.92 +- sqrt(0.92 * 0.08 / 20000) = 0.0019: 5 sigma.
        #expect(abs(Double(identified) / 20_000 - 0.92) < 0.01)
    }

    @Test("Forced muon identification: both tracks of two-track events identified with their probability as weight, exact for 'both identified'")
    func forcedMuonIdentification() async throws {
        let forced = ParticleIDModule(card: belle, forcedMuonIdentification: true)
        let plain = ParticleIDModule(card: belle)
        func track(_ pdg: Int32, p: Double, charge: Int8 = -1) -> RecoTrack {
            RecoTrack(charge: charge, momentum: ThreeVector(p, 0, 0), referencePoint: .zero, sigmaD0: 1, sigmaZ0: 1,
                      sigmaPtOverPt: 0, sigmaTheta: 0, sigmaPhi: 0, muonID: false, truthPDG: pdg, truthIndex: 0, calorimeterEnergy: 0)
        }
        func run(_ module: ParticleIDModule, _ tracks: [RecoTrack], seed: UInt64) -> RecoEvent {
            var event = RecoEvent()
            event.tracks = tracks
            var rng = RandomStreams(seed: seed).stream(0)
            module.simulate(GeneratedEvent(particles: []), &event, &rng)
            return event
        }
        // Two muons at 0.7 and 2 GeV in the barrel (Belle card: 0.25 and 0.92): both identified, weight 0.23 exactly.
        let two = run(forced, [track(13, p: 0.7), track(-13, p: 2, charge: 1)], seed: 1)
        #expect(two.tracks.allSatisfy(\.muonID) && abs(two.weightFactor - 0.25 * 0.92) < 1e-15)
        // A pion at its fake rate (0.012 at 2 GeV).
        let pion = run(forced, [track(13, p: 2), track(211, p: 2, charge: 1)], seed: 2)
        #expect(pion.tracks.allSatisfy(\.muonID) && abs(pion.weightFactor - 0.92 * 0.012) < 1e-15)
        // Below the table's 0.6 GeV (efficiency 0) nothing is forced; three tracks: drawn as usual.
        let soft = run(forced, [track(13, p: 0.5), track(-13, p: 2, charge: 1)], seed: 3)
        #expect(!soft.tracks[0].muonID && abs(soft.weightFactor - 0.92) < 1e-15)
        let three = run(forced, [track(13, p: 2), track(-13, p: 2, charge: 1), track(13, p: 2)], seed: 4)
        #expect(three.weightFactor == 1 && three.tracks.map(\.muonID) == run(plain, three.tracks, seed: 4).tracks.map(\.muonID))
        // Exactness: the weighted number of two-muon events with both identified is the same in
        // expectation, eps_1 eps_2 per event: binomial in the plain module (1e5 events at 0.7 and 0.9 GeV,
        // 0.25 x 0.70 = 0.175 +- 0.0012; 5 sigma), and exactly that weight in the forced one (the
        // identification adds no variance).
        var both = 0
        let pair = [track(13, p: 0.7), track(-13, p: 0.9, charge: 1)]
        for seed in 0..<100_000 where run(plain, pair, seed: UInt64(seed)).tracks.allSatisfy(\.muonID) { both += 1 }
        #expect(abs(Double(both) / 100_000 - 0.175) < 0.006)
        #expect(abs(run(forced, pair, seed: 9).weightFactor - 0.175) < 1e-15)
        // The simulator records the setting.
        let input = sample(events: 200)
        let (reco, _) = try await DetectorSimulator(card: belle, forcedMuonIdentification: true).simulate(input, seed: 8)
        #expect(reco.generator.settings[DetectorSimulator.forcedMuonIdentificationSetting] != nil)
        #expect(reco.weights.allSatisfy { $0 <= 1.0 / 200 + 1e-15 } && reco.weights.contains { $0 < 0.95 / 200 })
    }

    @Test("Trigger probability: track OR energy trigger")
    func trigger() {
        let trigger = TriggerModule(card: belle)
        var event = RecoEvent()
        #expect(abs(trigger.probability(event) - 0.9 / (1 + Double.exp(10))) < 1e-12) // no tracks, no energy
        event.tracks = (0..<2).map { _ in RecoTrack(charge: 1, momentum: ThreeVector(3, 0, 1), referencePoint: .zero, sigmaD0: 1, sigmaZ0: 1,
                                                     sigmaPtOverPt: 0, sigmaTheta: 0, sigmaPhi: 0, muonID: true, truthPDG: 13, truthIndex: 0, calorimeterEnergy: 0.2) }
        let pTracks = 0.95 / (1 + Double.exp(-(3 - 0.5) / 0.05))
        let pEnergy = 0.9 / (1 + Double.exp(-(0.4 - 1.0) / 0.1))
        #expect(abs(trigger.probability(event) - (1 - (1 - pTracks) * (1 - pEnergy))) < 1e-12)
    }

    func sample(events: Int) -> EventSample {
        var s = EventSample(metadata: SampleMetadata(process: "test", processKey: "test", collider: "belle", frame: "lab",
                                                     crossSectionPicobarn: 1, crossSectionErrorPicobarn: 0, eventsTried: events,
                                                     eventsKept: events, weighted: false, seed: 1, settings: [:]))
        var rng = RandomStreams(seed: 9).stream(0)
        for _ in 0..<events {
            let a = muon(p: rng.uniform(1, 5), theta: rng.uniform(0.4, 2.5), phi: rng.uniform(-3, 3), charge: -1)
            let b = muon(p: rng.uniform(1, 5), theta: rng.uniform(0.4, 2.5), phi: rng.uniform(-3, 3), charge: 1)
            let g = EventSample.Particle(id: .photon, momentum: FourMomentum(mass: 0, p: rng.uniform(0.01, 2), theta: rng.uniform(0, 3.1), phi: 0))
            s.append(weight: 1.0 / Double(events), particles: [a, b, g])
        }
        return s
    }

    @Test("Identical output at 1 and 3 threads; the reco store round-trips")
    func threadsAndStore() async throws {
        let sim = try DetectorSimulator(card: belle)
        let input = sample(events: 3_000)
        let (one, s1) = try await sim.simulate(input, seed: 7, threads: 1, chunkSize: 500)
        let (three, s3) = try await sim.simulate(input, seed: 7, threads: 3, chunkSize: 500)
        #expect(one == three && s1 == s3)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reco-\(UUID().uuidString).dsrec")
        defer { try? FileManager.default.removeItem(at: url) }
        try one.write(to: url)
        #expect(try RecoSample.read(from: url) == one)
        // A sample for another collider is refused.
        var other = input
        other.metadata.collider = "belle2"
        await #expect(throws: DetectorSimulationError.self) { try await sim.simulate(other, seed: 1) }
    }

    @Test("Beam background: Poisson number of clusters with the card's mean")
    func beamBackground() {
        let module = BeamBackgroundModule(card: belle)
        var total = 0
        let n = 20_000
        for i in 0..<n {
            var event = RecoEvent()
            var rng = RandomStreams(seed: 11).stream(UInt64(i))
            module.simulate(GeneratedEvent(particles: []), &event, &rng)
            total += event.clusters.count
            #expect(event.clusters.allSatisfy { $0.energy >= belle.calorimeter.clusterThreshold })
        }
        // Poisson mean 1: the sample mean of 20,000 events is 1 +- 0.007.
        let mean = Double(total) / Double(n)
        #expect(abs(mean - 1) < 0.035)
    }
}
