@testable import EventGeneration
import HEPCore
import RealModule
import Testing

/// Integration and sampling: exact scaling, kinematics of generated events, reproducibility.
@Suite("Event generation")
struct GenerationTests {
    func options(threads: Int = 1, seed: UInt64 = 5) -> GeneratorOptions {
        var o = GeneratorOptions(collider: .belle)
        o.adaptationIterations = 2
        o.pointsPerIteration = 2_000
        o.chunkSize = 500
        o.threads = threads
        o.seed = seed
        return o
    }

    @Test("The Z' matrix element scales exactly as g'^2")
    func couplingScaling() {
        let amps = LeptonPairAmplitudes(couplings: .init(), leptonMass: ParticleData.muon.mass, vacuumPolarization: true)
        var rng = RandomStreams(seed: 301).stream(0)
        for _ in 0..<20 {
            var out = [FourMomentum](repeating: .zero, count: 3)
            let channel = FinalStateRadiationChannel(emitter: 0, leptonMass: ParticleData.muon.mass, xMass: 2.5, minimumVirtuality: 0)
            let u = (0..<5).map { _ in rng.uniform() }
            guard channel.generate(u, sqrtS: 10.58, into: &out) else { continue }
            let (p1, p2) = beamMomenta(sqrtS: 10.58)
            let one = amps.radiativeSquared(p1: p1, p2: p2, p3: out[0], p4: out[1], k: out[2], xMass: 2.5, xLepton: .vector(1), xElectron: nil)
            let g = 3.7e-3
            let scaled = amps.radiativeSquared(p1: p1, p2: p2, p3: out[0], p4: out[1], k: out[2], xMass: 2.5, xLepton: .vector(g), xElectron: nil)
            #expect(abs(scaled / (g * g * one) - 1) < 1e-13)
        }
    }

    @Test("Every channel's inverse reproduces its point and density")
    func channelInverse() {
        let m = ParticleData.muon.mass
        let channels: [any PhaseSpaceChannel] = [
            TwoBodyChannel(m1: m, m2: m),
            InitialStateRadiationChannel(sampling: .soft, beamSign: 1, leptonMass: m, minimumEnergy: 0.01),
            InitialStateRadiationChannel(sampling: .radiativeReturn, beamSign: -1, leptonMass: m, minimumEnergy: 0.01),
            FinalStateRadiationChannel(emitter: 1, leptonMass: m, xMass: 0, minimumVirtuality: 1e-7),
            FinalStateRadiationChannel(emitter: 0, leptonMass: m, xMass: 1.2, minimumVirtuality: 0),
            PairEmissionChannel(primary: (0, 1), secondary: (2, 3), emitterSide: 1, primaryMass: m, secondaryMass: ParticleData.tau.mass),
            DoubleConversionChannel(first: (0, 3), second: (2, 1), firstMass: m, secondMass: m, sign: -1),
            TwoPhotonChannel(electron: 0, positron: 1, pair: (2, 3), pairMass: m, minimumPairMass: 0.5),
            TwoPhotonChannel(electron: 0, positron: 1, pair: (2, 3), pairMass: m, minimumPairMass: 0.5, pairPeak: 1),
        ]
        var rng = RandomStreams(seed: 302).stream(0)
        for ch in channels {
            for _ in 0..<50 {
                let u = (0..<ch.dimensions).map { _ in rng.uniform(0.01, 0.99) }
                var out = [FourMomentum](repeating: .zero, count: ch.outgoingCount)
                guard ch.generate(u, sqrtS: 10.58, into: &out) else { continue }
                // Momentum conservation.
                let total = out.reduce(FourMomentum.zero, +)
                #expect(abs(total.e - 10.58) < 1e-9 && total.p < 1e-9, "\(ch.name)")
                var back = [Double](repeating: 0, count: ch.dimensions)
                let density = ch.inverse(out, sqrtS: 10.58, into: &back)
                #expect(density > 0, "\(ch.name)")
                for d in 0..<ch.dimensions { #expect(abs(back[d] - u[d]) < 1e-5, "\(ch.name) dimension \(d): \(back[d]) vs \(u[d])") }
            }
        }
    }

    @Test("Channel densities integrate to 1 over phase space (flat integrand gives the phase-space volume)")
    func phaseSpaceVolume() async throws {
        // For a massless 3-body final state dPhi_3 integrates to pi^2 s / 8 (no 2 pi factors); with the
        // lepton masses and the photon cut it is slightly smaller: compare two channels against each other.
        let m = ParticleData.muon.mass
        let chA = InitialStateRadiationChannel(sampling: .soft, beamSign: 1, leptonMass: m, minimumEnergy: 0.5)
        let chB = FinalStateRadiationChannel(emitter: 0, leptonMass: m, xMass: 0, minimumVirtuality: 1e-9)
        var rng = RandomStreams(seed: 303).stream(0)
        var sums = [0.0, 0.0]
        let n = 200_000
        for (i, ch) in [chA as any PhaseSpaceChannel, chB].enumerated() {
            var out = [FourMomentum](repeating: .zero, count: 3)
            var scratch = [Double](repeating: 0, count: 5)
            for _ in 0..<n {
                let u = (0..<5).map { _ in rng.uniform() }
                guard ch.generate(u, sqrtS: 10.58, into: &out), out[2].e > 0.5 else { continue }
                sums[i] += 1 / ch.inverse(out, sqrtS: 10.58, into: &scratch)
            }
        }
        // Channel B covers the region k > 0.5 GeV only partly (its s_{mu gamma} range is complete, so
        // it does cover it): both estimate the same volume.
        let a = sums[0] / Double(n), b = sums[1] / Double(n)
        #expect(abs(a / b - 1) < 0.02)
    }

    /// The 4-body volume of e+e- -> e+e-mu+mu- with m(mu mu) > 0.5 GeV estimated with three different
    /// channels (each a complete parametrisation) must agree: checks every Jacobian.
    @Test("Four-body channels estimate the same phase-space volume")
    func fourBodyVolume() {
        let me = ParticleData.electron.mass, mm = ParticleData.muon.mass
        let channels: [any PhaseSpaceChannel] = [
            TwoPhotonChannel(electron: 0, positron: 1, pair: (2, 3), pairMass: mm, minimumPairMass: 0.5),
            TwoPhotonChannel(electron: 0, positron: 1, pair: (2, 3), pairMass: mm, minimumPairMass: 0.5, pairPeak: -1),
            PairEmissionChannel(primary: (2, 3), secondary: (0, 1), emitterSide: 0, primaryMass: mm, secondaryMass: me),
            DoubleConversionChannel(first: (0, 1), second: (2, 3), firstMass: me, secondMass: mm, sign: 1),
        ]
        var rng = RandomStreams(seed: 304).stream(0)
        let n = 100_000
        var estimates: [(Double, Double)] = []
        for ch in channels {
            var out = [FourMomentum](repeating: .zero, count: 4)
            var scratch = [Double](repeating: 0, count: 8)
            var sum = 0.0, sum2 = 0.0
            for _ in 0..<n {
                let u = (0..<8).map { _ in rng.uniform() }
                guard ch.generate(u, sqrtS: 10.58, into: &out), (out[2] + out[3]).mass > 0.5 else { continue }
                let w = 1 / ch.inverse(out, sqrtS: 10.58, into: &scratch)
                sum += w; sum2 += w * w
            }
            let mean = sum / Double(n)
            estimates.append((mean, ((sum2 / Double(n) - mean * mean) / Double(n)).squareRoot()))
        }
        let (ref, refErr) = estimates[0]
        for (k, (v, e)) in estimates.enumerated().dropFirst() {
            #expect(abs(v - ref) < 5 * (e * e + refErr * refErr).squareRoot(), "channel \(k): \(v) +- \(e) vs \(ref) +- \(refErr)")
        }
    }

    @Test("Signal recoil mass equals m_Z' event by event (no ISR), in the lab frame")
    func recoilMass() async throws {
        let mass = 2.0
        var generator = try MonteCarloGenerator(process: try MuMuZPrime(mass: mass, decay: .neutrinos), options: options())
        let sigma = try await generator.integrate(points: 2_000)
        let (sample, _) = try await generator.generate(events: 200, weighted: false, maxWeight: sigma.maxWeight)
        #expect(sample.count == 200)
        let frame = ColliderFrame.belle
        for i in 0..<sample.count {
            var dimuon = FourMomentum.zero
            for k in sample.particles(ofEvent: i) where abs(sample.pdg[k]) == 13 { dimuon += sample.momentum(k) }
            let recoil = (frame.total - dimuon).massSquared
            #expect(abs(recoil - mass * mass) < 1e-8)
            // Four-momentum conservation with the neutrinos.
            var visibleAndInvisible = FourMomentum.zero
            for k in sample.particles(ofEvent: i) where sample.status[k] == 1 { visibleAndInvisible += sample.momentum(k) }
            #expect(abs(visibleAndInvisible.e - frame.total.e) < 1e-9 && (visibleAndInvisible.momentum - frame.total.momentum).magnitude < 1e-9)
        }
        // Neutrino daughters point at their Z'.
        let first = sample.particles(ofEvent: 0)
        let zIndex = first.first { sample.pdg[$0] == PDGID.vectorMediator.rawValue }!
        #expect(sample.status[zIndex] == 2)
        #expect(first.filter { sample.mother[$0] == Int32(zIndex - first.lowerBound) }.count == 2)
        // Weights sum to the cross section.
        #expect(abs(sample.weights.reduce(0, +) / sample.metadata.crossSectionPicobarn - 1) < 1e-12)
    }

    @Test("Identical samples at 1 and 2 threads", arguments: ["mumu-gamma", "tautau-gamma", "eemumu"])
    func threadIndependence(process key: String) async throws {
        func run(_ threads: Int) async throws -> EventSample {
            var g = try MonteCarloGenerator(process: try ProcessCatalog.make(key, .init()), options: options(threads: threads))
            let sigma = try await g.integrate(points: 2_000)
            return try await g.generate(events: 300, weighted: false, maxWeight: sigma.maxWeight).0
        }
        let one = try await run(1), two = try await run(2)
        let same = one == two
        #expect(same, "\(key) samples differ: sigma \(one.metadata.crossSectionPicobarn) / \(two.metadata.crossSectionPicobarn)")
    }

    /// Fixed-seed regression: the photon-energy histogram of 400 unweighted mu mu gamma events with
    /// seed 5 (recorded from this implementation; a change means the generator's random sequence or
    /// physics changed and must be explained).
    @Test("Fixed-seed regression of a small sample's photon spectrum")
    func regression() async throws {
        var g = try MonteCarloGenerator(process: try LeptonPairGamma(), options: options())
        let sigma = try await g.integrate(points: 2_000)
        let (sample, _) = try await g.generate(events: 400, weighted: false, maxWeight: sigma.maxWeight)
        var h = Histogram1D(axis: try BinAxis(count: 5, lower: 0, upper: 5))
        let toCM = ColliderFrame.belle.labToCM
        for i in 0..<sample.count {
            let photons = sample.particles(ofEvent: i).filter { sample.pdg[$0] == 22 }
            h.fill(photons.isEmpty ? -1 : toCM.apply(sample.momentum(photons[0])).e)
        }
        let counts = [h.underflow] + Array(h.contents) + [h.overflow]
        #expect(counts == GenerationTests.recordedPhotonCounts, "counts \(counts)")
        #expect(abs(sample.metadata.crossSectionPicobarn - GenerationTests.recordedSigma) < 1e-6 * GenerationTests.recordedSigma,
                "sigma \(sample.metadata.crossSectionPicobarn)")
    }

    /// Recorded 2026-11-26 (no photon / 0-1 / ... / 4-5 / above 5 GeV): 28% of events are the soft
    /// part without a photon, as the O(alpha) split with k0 = 10 MeV predicts (delta_SV = -0.68).
    static let recordedPhotonCounts: [Double] = [111, 148, 23, 9, 10, 29, 70]

    /// Fixed-seed regression of tau tau: the number of taus decaying to each of the first five modes in
    /// 300 events with seed 5, and sigma (recorded 2026-11-26 from this implementation; the mode counts
    /// re-recorded when the decayer's bound safety factor went from 2.5 to 1.5, and again when the
    /// bound became rho's largest eigenvalue instead of its trace and the amplitudes became J . A
    /// (rounding that moves the bounds by ulps): all change the random sequence, not the
    /// distribution; the expectation from the branching ratios is about 107, 104, 65, 153, 171).
    @Test("Fixed-seed regression of tau tau decays")
    func tauRegression() async throws {
        var g = try MonteCarloGenerator(process: try LeptonPairGamma(lepton: .tau), options: options())
        let sigma = try await g.integrate(points: 2_000)
        let (sample, _) = try await g.generate(events: 300, weighted: false, maxWeight: sigma.maxWeight)
        var counts = [0, 0, 0, 0, 0] // e, mu, pi, rho, other
        for i in 0..<sample.count {
            let range = sample.particles(ofEvent: i)
            for t in range where abs(sample.pdg[t]) == 15 {
                let kids = range.filter { sample.mother[$0] == Int32(t - range.lowerBound) }.map { abs(sample.pdg[$0]) }
                if kids.contains(11) { counts[0] += 1 } else if kids.contains(13) { counts[1] += 1 }
                else if kids.count == 2, kids.contains(211) { counts[2] += 1 }
                else if kids.count == 3, kids.contains(211), kids.contains(111) { counts[3] += 1 } else { counts[4] += 1 }
            }
        }
        #expect(counts == GenerationTests.recordedTauModes, "counts \(counts)")
        #expect(abs(sample.metadata.crossSectionPicobarn - GenerationTests.recordedTauSigma) < 1e-6 * GenerationTests.recordedTauSigma,
                "sigma \(sample.metadata.crossSectionPicobarn)")
    }

    static let recordedTauModes: [Int] = [89, 106, 75, 170, 160]
    static let recordedTauSigma = 929.1349876725383
    static let recordedSigma = 1143.9471720233173

    @Test("Masses above the kinematic limit and bad options are refused")
    func refused() throws {
        #expect(throws: EventGenerationError.self) { try MonteCarloGenerator(process: try MuMuZPrime(mass: 10.5), options: options()) }
        #expect(throws: EventGenerationError.self) { try MuMuZPrime(mass: -1) }
        #expect(throws: EventGenerationError.self) { try MuMuZPrime(mass: 0.1, decay: .muons) }
        #expect(throws: EventGenerationError.self) { try LeptonPairGamma(softCut: 0) }
        #expect(throws: EventGenerationError.self) { try ProcessCatalog.make("bhabha", .init()) }
        var bad = options()
        bad.threads = 0
        #expect(throws: EventGenerationError.self) { try MonteCarloGenerator(process: LeptonPairBorn(), options: bad) }
    }
}
