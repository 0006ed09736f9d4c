@testable import EventGeneration
import HEPCore
import Testing

/// Importance sampling (``ScatteringProcess/samplingBias(_:sqrtS:)``) on a case with a known answer:
/// e+e- -> mu+ mu- at Born level with the backward hemisphere of the mu- (cos theta < 0, CM frame)
/// sampled ten times less often. The weights must still give the unbiased cross section and the
/// unbiased backward yield, where a missing or wrong 1/b would be off by a factor up to ten.
@Suite("Importance sampling")
struct ImportanceSamplingTests {
    /// LeptonPairBorn with b = 0.1 for a backward mu-.
    struct BackwardBiased: ScatteringProcess {
        let base = LeptonPairBorn()
        let backwardProbability: Double
        var key: String { base.key }
        var name: String { base.name }
        var channels: [any PhaseSpaceChannel] { base.channels }
        func outgoingIDs(count: Int) -> [PDGID] { base.outgoingIDs(count: count) }
        func matrixElementSquared(p1: FourMomentum, p2: FourMomentum, outgoing: [FourMomentum]) -> Double {
            base.matrixElementSquared(p1: p1, p2: p2, outgoing: outgoing)
        }
        func passesCuts(_ outgoing: [FourMomentum], sqrtS: Double) -> Bool { true }
        func samplingBias(_ outgoing: [FourMomentum], sqrtS: Double) -> Double { outgoing[0].cosTheta < 0 ? backwardProbability : 1 }
        var settings: [String: String] { base.settings }
    }

    /// (sigma, its error, backward yield, its error, backward events) of a sample: the backward
    /// yield is the sum of the weights of events with a backward mu- (lab frame would mix the
    /// hemispheres, so the sample is written in the CM frame).
    func run(_ process: any ScatteringProcess, weighted: Bool, eventCost: Double? = nil, seed: UInt64 = 7) async throws
        -> (sigma: Double, error: Double, backward: Double, backwardError: Double, backwardEvents: Int, weights: [Double]) {
        var options = GeneratorOptions(collider: .belle)
        options.seed = seed
        options.threads = 2
        options.adaptationIterations = 2
        options.pointsPerIteration = 4000
        options.frame = .cm
        options.unweightingEventCost = eventCost
        var generator = try MonteCarloGenerator(process: process, options: options)
        let sigma = try await generator.integrate(points: 20000)
        let (sample, _) = try await generator.generate(events: 20000, weighted: weighted, maxWeight: sigma.unweightingMaxWeight)
        var backward = 0.0, backward2 = 0.0, count = 0
        for i in 0..<sample.count {
            let muon = sample.event(i).first { $0.id == .muon }
            guard let muon, muon.momentum.cosTheta < 0 else { continue }
            backward += sample.weights[i]
            backward2 += sample.weights[i] * sample.weights[i]
            count += 1
        }
        return (sample.metadata.crossSectionPicobarn, sample.metadata.crossSectionErrorPicobarn, backward, backward2.squareRoot(), count, sample.weights)
    }

    /// (weighted, event cost): unweighted at the cost-optimal maximum (many overweight events) and at
    /// (practically) the largest weight (event cost 1e9: the cleanest view of the biasing), and weighted.
    static let modes: [(Bool, Double?)] = [(false, nil), (false, 1e9), (true, nil)]

    @Test("a backward hemisphere sampled at 0.1 keeps sigma and the backward yield, unweighted and weighted", arguments: modes)
    func unbiasedYields(weighted: Bool, eventCost: Double?) async throws {
        let plain = try await run(LeptonPairBorn(), weighted: weighted, eventCost: eventCost)
        let biased = try await run(BackwardBiased(backwardProbability: 0.1), weighted: weighted, eventCost: eventCost, seed: 8)
        let sigmaError = (plain.error * plain.error + biased.error * biased.error).squareRoot()
        #expect(abs(biased.sigma - plain.sigma) < 3 * sigmaError, "sigma: plain \(plain.sigma) +- \(plain.error), biased \(biased.sigma) +- \(biased.error) pb")
        let backwardError = (plain.backwardError * plain.backwardError + biased.backwardError * biased.backwardError).squareRoot()
        #expect(abs(biased.backward - plain.backward) < 3 * backwardError,
                "backward yield: plain \(plain.backward) +- \(plain.backwardError), biased \(biased.backward) +- \(biased.backwardError) pb")
        // The biasing is active: far fewer backward events, each weighted up. Unweighted at the largest
        // weight about 10x fewer; at the cost-optimal maximum, where most forward points are kept as
        // overweight events, about 5x (measured 4.9x); weighted events follow the VEGAS density, which
        // two adaptation iterations move only part of the way, about 4x.
        let factor = weighted ? 2 : eventCost == nil ? 3 : 5
        #expect(biased.backwardEvents * factor < plain.backwardEvents, "\(biased.backwardEvents) vs \(plain.backwardEvents) backward events")
        // The error of sigma is a real Monte Carlo error: positive and a few per mille here.
        #expect(biased.error > 0 && biased.error < 0.02 * biased.sigma)
    }

    /// A known answer for a sample unweighted at the cost-optimal maximum (overweight events included):
    /// sigma and the backward yield against the Born matrix element integrated over cos theta with
    /// Gauss-Kronrod, d sigma / d cos = beta / (32 pi s) |M|^2 (hbar c)^2.
    @Test("the unweighted Born sample's sigma and backward yield match the integrated matrix element")
    func knownAnswer() async throws {
        let born = LeptonPairBorn()
        let sample = try await run(born, weighted: false)
        let sqrtS = ColliderFrame.belle.sqrtS, s = sqrtS * sqrtS
        let (p1, p2) = beamMomenta(sqrtS: sqrtS)
        let m = ParticleData.muon.mass
        let p = (s / 4 - m * m).squareRoot()
        func dsigma(_ c: Double) -> Double {
            let sine = (1 - c * c).squareRoot()
            let mu = FourMomentum(e: sqrtS / 2, px: p * sine, py: 0, pz: p * c)
            let anti = FourMomentum(e: sqrtS / 2, px: -mu.px, py: 0, pz: -mu.pz)
            return 2 * p / sqrtS / (32 * Double.pi * s) * born.matrixElementSquared(p1: p1, p2: p2, outgoing: [mu, anti])
                * Units.hbarC2GeV2Picobarn
        }
        let total = try GaussKronrod.integrate(from: -1, to: 1, dsigma).value
        let backward = try GaussKronrod.integrate(from: -1, to: 0, dsigma).value
        #expect(abs(sample.sigma - total) < 3 * sample.error, "sigma \(sample.sigma) +- \(sample.error) against \(total) pb")
        #expect(abs(sample.backward - backward) < 3 * sample.backwardError,
                "backward \(sample.backward) +- \(sample.backwardError) against \(backward) pb")
        // The sample did use overweight events (the case this checks).
        #expect(sample.weights.contains { $0 > 1.001 * sample.weights.min()! })
    }

    @Test("b = 1 everywhere reproduces the unbiased sample bit for bit")
    func noBiasIsIdentity() async throws {
        let plain = try await run(LeptonPairBorn(), weighted: false)
        let unit = try await run(BackwardBiased(backwardProbability: 1), weighted: false)
        #expect(plain.weights == unit.weights && plain.sigma == unit.sigma && plain.backward == unit.backward)
    }
}
