import ComplexModule
@testable import EventGeneration
import HEPCore
import RealModule
import Testing

/// The four-lepton amplitudes: Lorentz invariance, antisymmetry of identical muons, the Ward identity
/// of the photon on the central line, and the cross sections' physics.
@Suite("Four-lepton processes")
struct FourLeptonTests {
    let sqrtS = 10.58

    /// A random 4-body point from a channel (the channel is tested separately).
    func point(_ rng: inout RandomStream, channel: any PhaseSpaceChannel) -> [FourMomentum]? {
        var out = [FourMomentum](repeating: .zero, count: 4)
        let u = (0..<8).map { _ in rng.uniform(0.05, 0.95) }
        return channel.generate(u, sqrtS: sqrtS, into: &out) ? out : nil
    }

    @Test("|M|^2 is Lorentz invariant", arguments: [(0, 1), (1, 1), (1, 2)])
    func lorentz(flavours: (Int, Int)) throws {
        let amps = FourFermionAmplitudes(flavours: flavours)
        let masses = amps.outgoingMasses
        let channel = PairEmissionChannel(primary: (0, 1), secondary: (2, 3), emitterSide: 0, primaryMass: masses[0], secondaryMass: masses[2])
        let (p1, p2) = beamMomenta(sqrtS: sqrtS)
        var rng = RandomStreams(seed: 501).stream(0)
        var tested = 0
        for _ in 0..<40 {
            guard let o = point(&rng, channel: channel) else { continue }
            let t = try LorentzTransform.boost(beta: rng.uniform(0, 0.5) * rng.isotropicDirection())
                .after(LorentzTransform.rotation(axis: rng.isotropicDirection(), angle: rng.uniform(0, 3)))
            let a = amps.squared(p1: p1, p2: p2, outgoing: o)
            let b = amps.squared(p1: t.apply(p1), p2: t.apply(p2), outgoing: o.map { t.apply($0) })
            #expect(a > 0 && abs(a / b - 1) < 1e-7)
            tested += 1
        }
        #expect(tested > 20)
    }

    /// Gauge invariance of the four-lepton graphs: replacing the boson a side line emits by its
    /// momentum (eps -> q, vector coupling) makes the sum of the two attachment orders on the central
    /// line vanish (Ward identity), for every line, at random points.
    @Test("Four-lepton amplitudes satisfy the Ward identity", arguments: [(0, 1), (1, 1), (1, 2)])
    func ward(flavours: (Int, Int)) {
        let amps = FourFermionAmplitudes(flavours: flavours)
        let masses = amps.outgoingMasses
        let channel = DoubleConversionChannel(first: (0, 1), second: (2, 3), firstMass: masses[0], secondMass: masses[2], sign: 1)
        let (p1, p2) = beamMomenta(sqrtS: sqrtS)
        var rng = RandomStreams(seed: 503).stream(0)
        var tested = 0
        for _ in 0..<30 {
            guard let o = point(&rng, channel: channel) else { continue }
            var normal = [Cplx](repeating: .zero, count: 64)
            amps.accumulate(p1: p1, p2: p2, outgoing: o, into: &normal)
            #expect((normal.map(\.length).max() ?? 0) > 0)
            for line in 0..<3 {
                var shifted = [Cplx](repeating: .zero, count: 64)
                amps.accumulate(p1: p1, p2: p2, outgoing: o, into: &shifted, wardLine: line)
                // Baseline: the same graphs with one attachment order only, which do not cancel.
                var oneOrder = [Cplx](repeating: .zero, count: 64)
                amps.accumulate(p1: p1, p2: p2, outgoing: o, into: &oneOrder, wardLine: line, singleOrder: true)
                let largest = shifted.map(\.length).max() ?? 0, baseline = oneOrder.map(\.length).max() ?? 0
                #expect(baseline > 0 && largest < 1e-8 * baseline, "line \(line): \(largest) vs \(baseline)")
            }
            tested += 1
        }
        #expect(tested > 15)
    }

    @Test("Identical muons: |M|^2 is symmetric under exchanging the two mu- (or the two mu+)")
    func identicalMuons() {
        let amps = FourFermionAmplitudes(flavours: (1, 1))
        let mm = ParticleData.muon.mass
        let channel = DoubleConversionChannel(first: (0, 1), second: (2, 3), firstMass: mm, secondMass: mm, sign: 1)
        let (p1, p2) = beamMomenta(sqrtS: sqrtS)
        var rng = RandomStreams(seed: 502).stream(0)
        for _ in 0..<30 {
            guard let o = point(&rng, channel: channel) else { continue }
            let a = amps.squared(p1: p1, p2: p2, outgoing: o)
            let swappedMinus = amps.squared(p1: p1, p2: p2, outgoing: [o[2], o[1], o[0], o[3]])
            let swappedPlus = amps.squared(p1: p1, p2: p2, outgoing: [o[0], o[3], o[2], o[1]])
            #expect(abs(swappedMinus / a - 1) < 1e-10 && abs(swappedPlus / a - 1) < 1e-10)
        }
        // Without antisymmetrisation the two pairings would add incoherently: the amplitude has two.
        #expect(amps.pairings.count == 2 && amps.pairings.map(\.1).reduce(0, +) == 0)
        #expect(FourFermionAmplitudes(flavours: (0, 1)).pairings.count == 2) // e e mu mu: s- and t-channel electron pairings
        #expect(FourFermionAmplitudes(flavours: (1, 2)).pairings.count == 1)
    }

    @Test("Cross sections: mu mu tau tau < mu mu mu mu, both tiny; e e mu mu near the AAFH value", .timeLimit(.minutes(1)))
    func crossSections() async throws {
        var options = GeneratorOptions(collider: .belle)
        options.adaptationIterations = 3
        options.pointsPerIteration = 4_000
        options.chunkSize = 1_000
        var four = try MonteCarloGenerator(process: try FourLepton(kind: .muMuMuMu), options: options)
        let s4 = try await four.integrate(points: 4_000)
        var tau = try MonteCarloGenerator(process: try FourLepton(kind: .muMuTauTau, decayTaus: false), options: options)
        let sTau = try await tau.integrate(points: 4_000)
        // O(alpha^2) suppressed relative to sigma(mu mu) ~ 1 nb: between 0.01 and 10 pb.
        #expect(s4.picobarn > 0.01 && s4.picobarn < 10)
        #expect(sTau.picobarn > 0.001 && sTau.picobarn < s4.picobarn)
    }
}

@Suite("e e mu mu generator cuts")
struct EEMuMuCutTests {
    /// The CM acceptance cut on the muons keeps only events inside it and lowers the cross section;
    /// the cut sample's cross section must equal the uncut one times the fraction of the uncut
    /// (weighted) sample that passes, within Monte Carlo errors.
    @Test("Muon acceptance in the CM frame: events inside, cross section = uncut x passing fraction", .timeLimit(.minutes(2)))
    func muonAcceptance() async throws {
        var options = GeneratorOptions(collider: .belle)
        options.adaptationIterations = 3
        options.pointsPerIteration = 6_000
        options.chunkSize = 1_000
        options.frame = .cm
        let cosine = 0.95
        var cut = try MonteCarloGenerator(process: try FourLepton(kind: .eeMuMu, muonAcceptanceCosine: cosine), options: options)
        let sCut = try await cut.integrate(points: 20_000)
        var all = try MonteCarloGenerator(process: try FourLepton(kind: .eeMuMu), options: options)
        let sAll = try await all.integrate(points: 20_000)
        let (weighted, _) = try await all.generate(events: 20_000, weighted: true, maxWeight: 0)
        var passing = 0.0, total = 0.0
        for i in weighted.weights.indices {
            let muons = weighted.particles(ofEvent: i).filter { abs(weighted.pdg[$0]) == 13 }
            #expect(muons.count == 2)
            total += weighted.weights[i]
            if muons.allSatisfy({ abs(weighted.momentum($0).cosTheta) < cosine }) { passing += weighted.weights[i] }
        }
        let fraction = passing / total
        #expect(fraction > 0.05 && fraction < 0.9, "passing fraction \(fraction)")
        // Expected sCut = sAll x fraction; errors: both integrals' and the fraction's (binomial-like, generous).
        let expected = sAll.picobarn * fraction
        let tolerance = 4 * (sCut.errorPicobarn + sAll.errorPicobarn * fraction) + 0.1 * expected
        #expect(abs(sCut.picobarn - expected) < tolerance, "fraction \(fraction), cut \(sCut.picobarn) pb, uncut x fraction \(expected) pb")
        #expect(throws: EventGenerationError.self) { try FourLepton(kind: .eeMuMu, muonAcceptanceCosine: 0) }
        #expect(try FourLepton(kind: .eeMuMu, muonAcceptanceCosine: 0.9).settings["generator cuts"]?.contains("0.9") == true)
    }
}
