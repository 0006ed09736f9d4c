import Features
import HEPCore
import Selection
import Testing

@Suite("Cut optimiser")
struct OptimizerTests {
    func table(_ x: [Double], _ y: [Double], weight: Double) -> FeatureTable {
        var t = FeatureTable(generator: SampleMetadata(process: "toy", processKey: "toy", collider: "belle", frame: "lab",
                                                       crossSectionPicobarn: 1, crossSectionErrorPicobarn: 0, eventsTried: x.count,
                                                       eventsKept: x.count, weighted: true, seed: 1, settings: [:]),
                             cardName: "toy", preselection: "none", eventsSeen: x.count,
                             definitions: [.init("x", unit: nil, "x"), .init("y", unit: nil, "y")])
        t.weights = Array(repeating: weight, count: x.count)
        t.eventIndex = x.indices.map { Int64($0) }
        t.columns = [x, y]
        return t
    }

    /// The analytic toy below: 8000 signal events with x of density 2x on [0, 1], 8000 background
    /// events uniform in x (100x the signal's total weight), y uniform for both; cuts x > 0.9, y > 0.5.
    func analyticToy() -> (signal: FeatureTable, background: FeatureTable, cuts: [Cut]) {
        var rng = RandomStreams(seed: 701).stream(0)
        let n = 8_000
        let signal = table((0..<n).map { _ in rng.uniform().squareRoot() }, (0..<n).map { _ in rng.uniform() }, weight: 1.0 / Double(n))
        let background = table((0..<n).map { _ in rng.uniform() }, (0..<n).map { _ in rng.uniform() }, weight: 100.0 / Double(n))
        return (signal, background, [Cut("x", "x", .greaterThan, .constant(0.9)), Cut("y", "y", .greaterThan, .constant(0.5))])
    }

    /// Signal density 2x on [0, 1], background uniform: for x > t, eps = 1 - t^2 and B proportional to
    /// 1 - t, so eps/sqrt(B) is proportional to (1 + t) sqrt(1 - t), maximal at t = 1/3. A second cut
    /// on a feature y distributed alike for both can only lose: its optimum is to cut nothing.
    @Test("Finds the known optimum of an analytic toy (t = 1/3), and leaves an irrelevant cut open")
    func analyticOptimum() throws {
        let (signal, background, cuts) = analyticToy()
        let result = try CutOptimizer(candidates: 60, restarts: 2).optimise(cuts: cuts, free: [0, 1], mass: 1, signal: signal, signalCrossSection: 1,
                                                               backgrounds: [background], luminosityInverseFemtobarn: 1)
        let t = result.cuts[0].threshold.value(at: 1), s = result.cuts[1].threshold.value(at: 1)
        // The maximum is flat ((1 + t) sqrt(1 - t) changes by 0.3% between t = 0.28 and 1/3), so with
        // 8000 events per sample the location is known to about +-0.1; the value is checked below.
        #expect(abs(t - 1.0 / 3) < 0.1, "x threshold \(t)")
        #expect(s < 0.03, "y threshold \(s)")
        // The FOM at the optimum: (1 + t) sqrt(1 - t) / sqrt(1e5) at t = 1/3, within the sampling error.
        let expected = (4.0 / 3) * (2.0 / 3).squareRoot() / (1e5).squareRoot()
        #expect(abs(result.figureOfMerit / expected - 1) < 0.03)
        #expect(!result.backgroundFromMonteCarloBound)
    }

    /// The toy above keeps about 89% of its 8000 signal events at its optimum (t = 1/3). With a minimum
    /// of 7500 signal events the search, which starts at thresholds keeping about 760, ends at
    /// t <= 0.25 (1 - t^2 >= 0.9375); with a minimum above the sample nothing is allowed, and it ends
    /// (an equal value is no improvement) at thresholds keeping every event, one short.
    @Test("A minimum number of signal events bounds the search from a start below it; one that nothing meets comes closest")
    func minimumSignalEvents() throws {
        let (signal, background, cuts) = analyticToy()
        func optimum(_ minimum: Int) throws -> CutOptimizer.Result {
            try CutOptimizer(candidates: 60, restarts: 2, minimumSignalEvents: minimum).optimise(
                cuts: cuts, free: [0, 1], mass: 1, signal: signal, signalCrossSection: 1, backgrounds: [background], luminosityInverseFemtobarn: 1)
        }
        func kept(_ r: CutOptimizer.Result) throws -> Int { try CutFlow.mask(signal, cuts: r.cuts, mass: 1).filter { $0 }.count }
        let free = try optimum(0), bounded = try optimum(7500)
        let keptFree = try kept(free), keptBounded = try kept(bounded)
        #expect(keptFree < 7500, "the unbounded optimum keeps \(keptFree)")
        #expect(keptBounded >= 7500 && bounded.figureOfMerit.isFinite && bounded.figureOfMerit < free.figureOfMerit)
        #expect(bounded.cuts[0].threshold.value(at: 1) <= 0.25 + 1e-9)
        let impossible = try optimum(signal.count + 1)
        #expect(impossible.figureOfMerit == -1, "\(impossible.figureOfMerit)")
        #expect(try kept(impossible) == signal.count)
    }

    /// A cut listed twice among the free ones is one cut: the search (which keeps one bit per
    /// distinct free cut for the rows it fails) gives the same thresholds and figure of merit.
    @Test("A free cut listed twice is searched as one")
    func duplicatedFreeCut() throws {
        var rng = RandomStreams(seed: 702).stream(0)
        let n = 4_000
        let signal = table((0..<n).map { _ in rng.uniform().squareRoot() }, (0..<n).map { _ in rng.uniform() }, weight: 1.0 / Double(n))
        let background = table((0..<n).map { _ in rng.uniform() }, (0..<n).map { _ in rng.uniform().squareRoot() }, weight: 100.0 / Double(n))
        let cuts = [Cut("x", "x", .greaterThan, .constant(0.9)), Cut("y", "y", .lessThan, .constant(0.5))]
        let optimiser = CutOptimizer(candidates: 40, restarts: 2)
        let once = try optimiser.optimise(cuts: cuts, free: [0, 1], mass: 1, signal: signal, signalCrossSection: 1,
                                          backgrounds: [background], luminosityInverseFemtobarn: 1)
        let twice = try optimiser.optimise(cuts: cuts, free: [0, 1, 0], mass: 1, signal: signal, signalCrossSection: 1,
                                           backgrounds: [background], luminosityInverseFemtobarn: 1)
        #expect(once.figureOfMerit > 0)
        #expect(twice.figureOfMerit >= once.figureOfMerit * (1 - 1e-12))
        // Both cuts bite: the background's y leans to 1, the signal's does not.
        #expect(once.cuts[1].threshold.value(at: 1) < 1)
    }

    /// The same toy with B = 1e5 events before the cut and a 10% normalisation uncertainty:
    /// eps/sqrt(B + (0.1 B)^2 + sigma_MC^2) with u = 1 - t is (2 - u) sqrt(u) / sqrt(a + b u),
    /// a = B0 + B0^2 / n (the Monte Carlo variance of n = 20000 events), b = (0.1 B0)^2, maximal at
    /// u = (-3a + sqrt(9a^2 + 16ab)) / 4b = 0.0731 (t = 0.927), where eps/sqrt(B) wants t = 1/3.
    @Test("The figure of merit with uncertainties finds its known optimum of the toy (t = 0.927), far from eps/sqrt(B)'s")
    func uncertaintyOptimum() throws {
        var rng = RandomStreams(seed: 703).stream(0)
        let n = 20_000
        let signal = table((0..<n).map { _ in rng.uniform().squareRoot() }, (0..<n).map { _ in 0.5 }, weight: 1.0 / Double(n))
        let background = table((0..<n).map { _ in rng.uniform() }, (0..<n).map { _ in 0.5 }, weight: 100.0 / Double(n))
        let cuts = [Cut("x", "x", .greaterThan, .constant(0.5))]
        func optimum(_ fom: FigureOfMerit) throws -> CutOptimizer.Result {
            try CutOptimizer(figureOfMerit: fom, candidates: 200, restarts: 2).optimise(cuts: cuts, free: [0], mass: 1, signal: signal, signalCrossSection: 1,
                                                                                  backgrounds: [background], luminosityInverseFemtobarn: 1)
        }
        let plain = try optimum(.significance), uncertain = try optimum(.significanceWithUncertainty(relative: 0.1))
        let b0 = 1e5, a = b0 + b0 * b0 / Double(n), b = 0.01 * b0 * b0
        let u = (-3 * a + (9 * a * a + 16 * a * b).squareRoot()) / (4 * b)
        // The maximum is flat (0.4% between t = 0.90 and 0.95): the location to +-0.05, the value to 3%.
        let t = uncertain.cuts[0].threshold.value(at: 1)
        #expect(abs(t - (1 - u)) < 0.05, "threshold \(t) against \(1 - u)")
        #expect(abs(uncertain.figureOfMerit / ((2 - u) * (u / (a + b * u)).squareRoot()) - 1) < 0.03)
        #expect(abs(plain.cuts[0].threshold.value(at: 1) - 1.0 / 3) < 0.1)
        // The value itself: eps 0.5, B 100 events, r 0.1, Monte Carlo variance 25: 0.5 / sqrt(100 + 100 + 25).
        #expect(abs(FigureOfMerit.significanceWithUncertainty(relative: 0.1).value(efficiency: 0.5, background: 100, variance: 25) - 0.5 / 15) < 1e-15)
    }

    @Test("A window without background Monte Carlo is bounded, not rewarded")
    func zeroBackground() throws {
        var rng = RandomStreams(seed: 702).stream(0)
        let signal = table((0..<1000).map { _ in rng.uniform(0.6, 1) }, (0..<1000).map { _ in 0.5 }, weight: 0.001)
        let background = table((0..<1000).map { _ in rng.uniform(0, 0.5) }, (0..<1000).map { _ in 0.5 }, weight: 0.01)
        let result = try CutOptimizer().optimise(cuts: [Cut("x", "x", .greaterThan, .constant(0))], free: [0], mass: 1,
                                                 signal: signal, signalCrossSection: 1, backgrounds: [background], luminosityInverseFemtobarn: 1)
        #expect(result.figureOfMerit.isFinite)
        #expect(result.backgroundFromMonteCarloBound)
        // B is the 1.14-event bound of the (equal, so effective) weight: 1.14 x 0.01 pb x 1000 = 11.4 events.
        #expect(abs(result.background - 11.4) < 1e-9)
        #expect(abs(result.efficiency - 1) < 1e-9)
    }

    @Test("Expected background: passing weights per process, the 1.14-event bound of a process's effective weight where less passes")
    func expectedBackground() {
        // sum w^2 / sum w: (0.0001 + 0.0001 + 0.0016) / 0.06 = 0.03; one weight: itself; none: 0.
        let effective = ExpectedBackground.effectiveWeights([[0.01, 0.01, 0.04], [0.05], []])
        #expect(abs(effective[0] - 0.03) < 1e-15 && abs(effective[1] - 0.05) < 1e-15 && effective[2] == 0)
        // Two events of weight 1 and fifty of 0.02 (one event's worth split up, as the forced photon loss
        // does): the mean weight is 3 / 52 = 0.058, the effective weight (2 + 50 x 0.0004) / 3 = 0.673
        // stays near the unsplit events'.
        let split = ExpectedBackground.effectiveWeights([[1, 1] + [Double](repeating: 0.02, count: 50)])[0]
        #expect(abs(split - (2 + 50 * 0.0004) / 3) < 1e-12)
        let means = [0.02, 0.05, 0]
        // Nothing passes: the sum of the bounds, 1.14 x (0.02 + 0.05) pb x 2 fb^-1 x 1000.
        let empty = ExpectedBackground(passedWeightSums: [0, 0, 0], passedCounts: [0, 0, 0], effectiveWeights: means, luminosityInverseFemtobarn: 2)
        #expect(abs(empty.events - 1.14 * 0.07 * 2000) < 1e-9)
        #expect(empty.isMonteCarloBound && empty.events == empty.boundEvents)
        // The first process passes 0.03 pb: 60 events measured plus the second's bound 114 events.
        let some = ExpectedBackground(passedWeightSums: [0.03, 0, 0], passedCounts: [2, 0, 0], effectiveWeights: means, luminosityInverseFemtobarn: 2)
        #expect(abs(some.events - (60 + 114)) < 1e-9)
        #expect(abs(some.boundEvents - 114) < 1e-9 && some.isMonteCarloBound)
        // A process whose passing weight is below its bound counts the bound: keeping one light event
        // (0.01 pb < 1.14 x 0.02 pb) is no better than emptying it (22.8 events either way, plus the
        // second process's 60 measured); above the bound the passing weight counts.
        let one = ExpectedBackground(passedWeightSums: [0.01, 0.06], passedCounts: [1, 1], effectiveWeights: [0.02, 0.05], luminosityInverseFemtobarn: 1)
        let none = ExpectedBackground(passedWeightSums: [0, 0.06], passedCounts: [0, 1], effectiveWeights: [0.02, 0.05], luminosityInverseFemtobarn: 1)
        #expect(abs(one.events - none.events) < 1e-9 && abs(one.events - 82.8) < 1e-9 && abs(one.boundEvents - 22.8) < 1e-9)
        let heavier = ExpectedBackground(passedWeightSums: [0.03, 0.06], passedCounts: [1, 1], effectiveWeights: [0.02, 0.05], luminosityInverseFemtobarn: 1)
        #expect(abs(heavier.events - 90) < 1e-9 && heavier.boundEvents == 0 && !heavier.isMonteCarloBound)
        // The Monte Carlo variance: sum w^2 of measured processes, each bound squared (events^2):
        // 0.0005 pb^2 x 1000^2 + (1.14 x 0.05 pb x 1000)^2.
        let variance = ExpectedBackground(passedWeightSums: [0.03, 0], passedCounts: [2, 0], effectiveWeights: [0.02, 0.05],
                                          passedWeightSquareSums: [0.0005, 0], luminosityInverseFemtobarn: 1)
        #expect(abs(variance.variance - (500 + 57 * 57)) < 1e-6)
    }

    @Test("Punzi's figure of merit")
    func punzi() {
        #expect(FigureOfMerit.punzi(sigmas: 3).value(efficiency: 0.5, background: 4) == 0.5 / 3.5)
        #expect(FigureOfMerit.significance.value(efficiency: 0.5, background: 4) == 0.25)
    }
}
