import Features
import HEPCore
import Selection

/// The two folds of the cut optimisation's cross-application: every sample's rows are split once, by
/// a seeded stream, into two halves; the thresholds optimised on one half (weights doubled, since each
/// row is in it with probability 1/2) give the yields of the other. Every row's yield thus comes from
/// thresholds that were not chosen on it, so the limits do not profit from the fluctuations the
/// search picks (the same reasoning as the network's k-fold cross-application; with two folds every
/// row is still used at its own weight).
enum CutFolds {
    /// Whether each row of `table` is in the second fold (seeded by the spec's seed and the sample's label).
    static func assignment(_ table: FeatureTable, label: String, seed: UInt64) -> [Bool] {
        var rng = RandomStreams(seed: derivedSeed(seed, "cut-folds")).child(label).stream(0)
        return (0..<table.count).map { _ in rng.uniform() >= 0.5 }
    }

    /// The label of a signal sample's split.
    static func signalLabel(_ mass: Double) -> String { "signal-\(mass)" }

    /// The rows of one fold (`second`), their weights multiplied by `scale`.
    static func rows(_ table: FeatureTable, _ fold: [Bool], second: Bool, scale: Double) -> FeatureTable {
        table.rows(fold.indices.filter { fold[$0] == second }) { table.weights[$0] * scale }
    }

    /// The cross-applied pass mask of `table`: rows of the second fold pass `first`'s cuts (optimised
    /// on the first fold), rows of the first fold pass `second`'s.
    static func mask(_ table: FeatureTable, _ fold: [Bool], first: [Cut], second: [Cut], mass: Double) throws(SelectionError) -> [Bool] {
        let a = try CutFlow.mask(table, cuts: first, mass: mass), b = try CutFlow.mask(table, cuts: second, mass: mass)
        return fold.indices.map { fold[$0] ? a[$0] : b[$0] }
    }
}
