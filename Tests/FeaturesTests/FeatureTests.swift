@testable import DetectorSimulation
import EventGeneration
import Features
import Foundation
import HEPCore
import RealModule
import Testing

@Suite("Z' features")
struct FeatureTests {
    let frame = ColliderFrame.belle
    let mMu = ParticleData.muon.mass

    /// A Belle card with perfect resolution and identification, no background.
    func perfectCard() throws -> DetectorCard {
        var card = try DetectorCard.named("belle")
        card.tracking.efficiency = 1
        card.tracking.ptResolutionCurvature = 0
        card.tracking.ptResolutionMultipleScattering = 0
        card.tracking.thetaResolution = .init(constant: 0, multipleScattering: 0, sinePower: 0)
        card.tracking.phiResolution = .init(constant: 0, multipleScattering: 0, sinePower: 0)
        card.muonIdentification.muonEfficiency = card.muonIdentification.muonEfficiency.map { $0.map { _ in 1 } }
        card.beamBackground.enabled = false
        return card
    }

    @Test("Thrust: 1 for back-to-back, 2/3 for a symmetric three-body star")
    func thrust() {
        let (t, axis) = Thrust.compute([ThreeVector(1, 2, 3), ThreeVector(-1, -2, -3)])
        #expect(abs(t - 1) < 1e-15)
        #expect(abs(abs(axis.dot(ThreeVector(1, 2, 3).unit)) - 1) < 1e-15)
        let star = (0..<3).map { k in ThreeVector(Double.cos(2 * Double.pi * Double(k) / 3), Double.sin(2 * Double.pi * Double(k) / 3), 0) }
        #expect(abs(Thrust.compute(star).thrust - 2.0 / 3) < 1e-12)
        #expect(Thrust.compute([]).thrust == 0)
    }

    @Test("Recoil mass of unsmeared signal equals m_Z' to 1e-9 (no ISR), event by event")
    func recoilMass() async throws {
        let mass = 1.7
        var options = GeneratorOptions(collider: .belle)
        options.adaptationIterations = 1
        options.pointsPerIteration = 1_000
        var generator = try MonteCarloGenerator(process: try MuMuZPrime(mass: mass), options: options)
        let sigma = try await generator.integrate(points: 1_000)
        let (sample, _) = try await generator.generate(events: 300, weighted: false, maxWeight: sigma.maxWeight)
        let (reco, _) = try await DetectorSimulator(card: try perfectCard()).simulate(sample, seed: 3)
        let table = try await ZPrimeFeatures.table(reco)
        #expect(table.count > 150)
        let m = try #require(table["recoilMass"]), m2 = try #require(table["recoilMassSquared"])
        for i in 0..<table.count {
            #expect(abs(m[i] - mass) < 1e-9)
            #expect(abs(m2[i] - mass * mass) < 1e-9)
        }
    }

    @Test("Boosting reconstructed muons to the CM frame recovers the generated CM momenta (before smearing)")
    func boostToCM() async throws {
        var options = GeneratorOptions(collider: .belle)
        options.adaptationIterations = 1
        options.pointsPerIteration = 1_000
        options.frame = .cm
        var generator = try MonteCarloGenerator(process: LeptonPairBorn(), options: options)
        let sigma = try await generator.integrate(points: 1_000)
        let (sample, _) = try await generator.generate(events: 200, weighted: false, maxWeight: sigma.maxWeight)
        let (reco, _) = try await DetectorSimulator(card: try perfectCard()).simulate(sample, seed: 4)
        let table = try await ZPrimeFeatures.table(reco)
        let pMinus = try #require(table["muonMinusPCMS"])
        for (row, i) in table.eventIndex.enumerated() {
            let generated = sample.particles(ofEvent: Int(i)).first { sample.pdg[$0] == 13 }!
            #expect(abs(pMinus[row] - sample.momentum(generated).p) < 1e-10)
        }
    }

    @Test("The vertex fit's p-value is uniform for correctly modelled tracks")
    func vertexPValue() async throws {
        var card = try perfectCard()
        card.tracking = try DetectorCard.named("belle").tracking // realistic impact parameters and momenta
        card.tracking.efficiency = 1
        var s = EventSample(metadata: SampleMetadata(process: "test", processKey: "test", collider: "belle", frame: "lab",
                                                     crossSectionPicobarn: 1, crossSectionErrorPicobarn: 0, eventsTried: 1,
                                                     eventsKept: 1, weighted: false, seed: 1, settings: [:]))
        var rng = RandomStreams(seed: 21).stream(0)
        for _ in 0..<20_000 {
            let a = FourMomentum(mass: mMu, p: rng.uniform(1, 5), theta: rng.uniform(0.5, 2.4), phi: rng.uniform(-3, 3))
            let b = FourMomentum(mass: mMu, p: rng.uniform(1, 5), theta: rng.uniform(0.5, 2.4), phi: rng.uniform(-3, 3))
            s.append(weight: 1, particles: [.init(id: .muon, momentum: a), .init(id: .antimuon, momentum: b)])
        }
        let (reco, _) = try await DetectorSimulator(card: card).simulate(s, seed: 5)
        let p = try #require(try await ZPrimeFeatures.table(reco)["vertexPValue"])
        var bins = [Int](repeating: 0, count: 10)
        for x in p { bins[min(Int(x * 10), 9)] += 1 }
        let expected = Double(p.count) / 10
        let chi2 = bins.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 9 degrees of freedom: the 99.9% quantile is 27.9.
        #expect(p.count > 15_000)
        #expect(chi2 < 27.9, "p-value histogram \(bins)")
    }

    @Test("Features of a hand-made event match a hand computation")
    func handMade() throws {
        // In the CM frame: mu- (2, 1, 0.5), mu+ (-1, 0.5, -2.5) GeV/c, one photon of 0.8 GeV along (0, -1, 0).
        let muMinusCM = FourMomentum(mass: mMu, p: ThreeVector(2, 1, 0.5))
        let muPlusCM = FourMomentum(mass: mMu, p: ThreeVector(-1, 0.5, -2.5))
        let photonCM = FourMomentum(e: 0.8, px: 0, py: -0.8, pz: 0)
        let toLab = frame.cmToLab
        var reco = RecoSample(generator: SampleMetadata(process: "hand", processKey: "hand", collider: "belle", frame: "lab",
                                                        crossSectionPicobarn: 1, crossSectionErrorPicobarn: 0, eventsTried: 1,
                                                        eventsKept: 1, weighted: false, seed: 1, settings: [:]),
                              cardName: "belle", simulationSeed: 1)
        var event = RecoEvent()
        for (p, q) in [(muMinusCM, Int8(-1)), (muPlusCM, Int8(1))] {
            let lab = toLab.apply(p)
            event.tracks.append(RecoTrack(charge: q, momentum: lab.momentum, referencePoint: .zero, sigmaD0: 1e-5, sigmaZ0: 1e-5,
                                          sigmaPtOverPt: 0.01, sigmaTheta: 0.001, sigmaPhi: 0.001, muonID: true, truthPDG: 13, truthIndex: 0,
                                          calorimeterEnergy: 0.2))
        }
        let photonLab = toLab.apply(photonCM)
        event.clusters.append(RecoCluster(energy: photonLab.e, theta: photonLab.theta, phi: photonLab.phi, truthPDG: 22))
        reco.append(event, weight: 1)
        let values = try #require(ZPrimeFeatures.compute(reco, event: 0, frame: frame))
        func value(_ name: String) -> Double { values[ZPrimeFeatures.index(name)!] }

        let s = frame.s, sqrtS = frame.sqrtS
        let eMuMu = muMinusCM.e + muPlusCM.e
        let pMuMu = muMinusCM.momentum + muPlusCM.momentum
        let mMuMu2 = eMuMu * eMuMu - pMuMu.magnitudeSquared
        #expect(abs(value("dimuonEnergyCMS") - eMuMu) < 1e-12)
        #expect(abs(value("recoilMassSquared") - (s + mMuMu2 - 2 * eMuMu * sqrtS)) < 1e-10)
        #expect(abs(value("dimuonMass") - mMuMu2.squareRoot()) < 1e-12)
        #expect(abs(value("recoilCosThetaCMS") - (-pMuMu.z / pMuMu.magnitude)) < 1e-12)
        #expect(abs(value("dimuonPt") - (1.0 * 1.0 + 1.5 * 1.5).squareRoot()) < 1e-12)
        #expect(abs(value("neutralEnergySum") - photonLab.e) < 1e-12)
        #expect(abs(value("openingAngleCMS") - Double.acos(muMinusCM.momentum.unit.dot(muPlusCM.momentum.unit))) < 1e-12)
        // Recoil transverse momentum (-1, -1.5); the higher-momentum muon is mu+ (2.74 > 2.29 GeV).
        let recoilT = ThreeVector(-1, -1.5, 0)
        let (hi, lo) = muMinusCM.p >= muPlusCM.p ? (muMinusCM, muPlusCM) : (muPlusCM, muMinusCM)
        func perp(_ m: FourMomentum) -> Double {
            let u = ThreeVector(m.px, m.py, 0).unit
            return abs(recoilT.x * u.y - recoilT.y * u.x)
        }
        #expect(abs(value("recoilPtProjectionMax") - perp(hi)) < 1e-12)
        #expect(abs(value("recoilPtProjectionMin") - perp(lo)) < 1e-12)
        // The photon's azimuth (-90 degrees) against the recoil's (atan2(-1.5, -1)).
        var dphi = abs(-Double.pi / 2 - Double.atan2(y: -1.5, x: -1))
        if dphi > Double.pi { dphi = 2 * Double.pi - dphi }
        #expect(abs(value("clusterRecoilDeltaPhi") - dphi) < 1e-12)
        // Delta M_gamma: recoil mass against the dimuon minus recoil mass against dimuon + photon.
        let recoil = FourMomentum(e: sqrtS, px: 0, py: 0, pz: 0) - muMinusCM - muPlusCM
        #expect(abs(value("deltaMGamma") - (recoil.mass - (recoil - photonCM).mass)) < 1e-10)
        #expect(value("neutralClusterCount") == 1)
        // The missing four-momentum: CM beams minus the two muons and the photon.
        let missing = recoil - photonCM
        #expect(abs(value("missingMassSquared") - missing.massSquared) < 1e-9)
        #expect(abs(value("missingEnergyCMS") - missing.e) < 1e-10)
        #expect(abs(value("missingPtCMS") - missing.pt) < 1e-10)
        // Events failing the preselection give no features.
        var failing = reco
        failing.trackMuonID[1] = 0
        #expect(ZPrimeFeatures.compute(failing, event: 0, frame: frame) == nil)
    }
}
