@testable import EventGeneration
import HEPCore
import Foundation
import Testing

/// The unweighting maximum that minimises (trials + c x kept events) / effective events
/// (``CrossSection/unweightingMaximum(_:trials:eventCost:)``), against cases worked by hand and a
/// direct evaluation of the cost at every candidate maximum.
@Suite("Unweighting maximum")
struct UnweightingMaximumTests {
    /// The cost per effective event at maximum t, written out directly from its definition.
    static func cost(_ weights: [Double], trials: Int, eventCost c: Double, at t: Double) -> Double {
        let total = weights.reduce(0, +)
        let kept = weights.reduce(0) { $0 + min(1, $1 / t) }
        let squares = weights.reduce(0) { $0 + max($1, t) * $1 }
        return (Double(trials) + c * kept) / (total * total / squares)
    }

    @Test("one spike: kept as an overweight event when events are cheap, the maximum when they are dear")
    func spike() {
        // 1000 points of weight 1 and one of weight 100, 1001 trials. By hand:
        // w_max = 1: kept 1001, N_eff = 1100^2 / (1000 + 10^4) = 110, so cost (1001 + 1001 c) / 110;
        // w_max = 100: kept 1 + 1000 / 100 = 11, N_eff = 1100^2 / (100 x 1100) = 11, cost (1001 + 11 c) / 11.
        // c = 3: 36.4 against 94.0, the low maximum wins; c = 10^4: 91009 against 10091, the spike's.
        let weights = [Double](repeating: 1, count: 1000) + [100]
        #expect(CrossSection.unweightingMaximum(weights, trials: 1001, eventCost: 3) == 1)
        #expect(CrossSection.unweightingMaximum(weights, trials: 1001, eventCost: 1e4) == 100)
    }

    @Test("equal weights give that weight; free events give the smallest weight; dear events the largest")
    func limits() {
        #expect(CrossSection.unweightingMaximum([2, 2, 2, 2], trials: 10, eventCost: 3) == 2)
        var rng = RandomStream(seed: 11, stream: 0)
        let weights = (0..<5000).map { _ in -log(rng.uniformPositive()) * 3 }   // exponential, no ties
        #expect(CrossSection.unweightingMaximum(weights, trials: 6000, eventCost: 0) == weights.min())
        #expect(CrossSection.unweightingMaximum(weights, trials: 6000, eventCost: 1e12) == weights.max())
        #expect(CrossSection.unweightingMaximum([], trials: 10, eventCost: 3) == 0)
    }

    @Test("the scan finds the minimum of the cost over every candidate maximum", arguments: [0.5, 3.0, 20.0])
    func matchesDirectMinimum(eventCost: Double) {
        // A peaked distribution (a power law, like e e mu mu's two-photon spikes) with zero-weight trials.
        var rng = RandomStream(seed: 5, stream: 0)
        let weights = (0..<800).map { _ in pow(rng.uniformPositive(), -1.5) }
        let trials = 1200
        let found = CrossSection.unweightingMaximum(weights, trials: trials, eventCost: eventCost)
        let best = weights.min { Self.cost(weights, trials: trials, eventCost: eventCost, at: $0)
                                 < Self.cost(weights, trials: trials, eventCost: eventCost, at: $1) }!
        let foundCost = Self.cost(weights, trials: trials, eventCost: eventCost, at: found)
        let bestCost = Self.cost(weights, trials: trials, eventCost: eventCost, at: best)
        #expect(abs(foundCost - bestCost) <= 1e-12 * bestCost, "scan \(found) (cost \(foundCost)), direct \(best) (cost \(bestCost))")
        // A heavy tail is worth cutting into: the optimum is below the largest weight.
        #expect(found < weights.max()!)
    }
}
