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
    func run(_ process: any ScatteringProcess, weighted: Bool, seed: UInt64 = 7) async throws
        -> (sigma: Double, error: Double, backward: Double, backwardError: Double, backwardEvents: Int, weights: [Double]) {
        var options = GeneratorOptions(collider: .belle)
        options.seed = seed
        options.threads = 2
        options.adaptationIterations = 2
        options.pointsPerIteration = 4000
        options.frame = .cm
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

    @Test("a backward hemisphere sampled at 0.1 keeps sigma and the backward yield, unweighted and weighted", arguments: [false, true])
    func unbiasedYields(weighted: Bool) async throws {
        let plain = try await run(LeptonPairBorn(), weighted: weighted)
        let biased = try await run(BackwardBiased(backwardProbability: 0.1), weighted: weighted, seed: 8)
        let sigmaError = (plain.error * plain.error + biased.error * biased.error).squareRoot()
        #expect(abs(biased.sigma - plain.sigma) < 3 * sigmaError, "sigma: plain \(plain.sigma) +- \(plain.error), biased \(biased.sigma) +- \(biased.error) pb")
        let backwardError = (plain.backwardError * plain.backwardError + biased.backwardError * biased.backwardError).squareRoot()
        #expect(abs(biased.backward - plain.backward) < 3 * backwardError,
                "backward yield: plain \(plain.backward) +- \(plain.backwardError), biased \(biased.backward) +- \(biased.backwardError) pb")
        // The biasing is active: far fewer backward events, each weighted up (unweighted: about 10x
        // fewer; weighted events follow the VEGAS density, which two adaptation iterations move only
        // part of the way, about 4x).
        #expect(biased.backwardEvents * (weighted ? 2 : 5) < plain.backwardEvents, "\(biased.backwardEvents) vs \(plain.backwardEvents) backward events")
        // The error of sigma is a real Monte Carlo error: positive and a few per mille here.
        #expect(biased.error > 0 && biased.error < 0.02 * biased.sigma)
    }

    @Test("b = 1 everywhere reproduces the unbiased sample bit for bit")
    func noBiasIsIdentity() async throws {
        let plain = try await run(LeptonPairBorn(), weighted: false)
        let unit = try await run(BackwardBiased(backwardProbability: 1), weighted: false)
        #expect(plain.weights == unit.weights && plain.sigma == unit.sigma && plain.backward == unit.backward)
    }
}
