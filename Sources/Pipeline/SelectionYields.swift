import Features
import HEPCore
import Selection

/// What one selection keeps at one mass: the signal efficiency and the expected background per
/// process, in the recoil window (one bin, or `bins` bins of M^2 across it), with Monte Carlo errors.
public struct MassPointYields: Sendable, Codable, Equatable {
    public struct Process: Sendable, Codable, Equatable {
        public var name: String
        /// Expected events per bin at the luminosity, and their Monte Carlo errors.
        public var events: [Double]
        public var errors: [Double]
        /// Monte Carlo events passing.
        public var count: Int
        /// True when the passing weight is below the process's 68% Monte Carlo bound (1.14 x effective
        /// weight, ``Selection/ExpectedBackground``; no passing event, or a few light ones): `events`
        /// is then the bound, spread evenly over the bins, with a 100% error.
        public var isBound: Bool
    }

    public var massGeV: Double
    /// sigma(M^2) of the signal (GeV^2) and the window half-width (GeV^2).
    public var resolution: Double
    public var windowHalfWidth: Double
    /// sigma(e+e- -> mu+ mu- Z') at g' = 1 (pb), before any cut.
    public var signalCrossSection: Double
    /// Signal efficiency per bin (fraction of the generated cross section) and its Monte Carlo error.
    public var efficiency: [Double]
    public var efficiencyErrors: [Double]
    public var backgrounds: [Process]
    /// The selection's own parameter at this mass (the network's output threshold; nil for cuts).
    public var threshold: Double?

    public var totalEfficiency: Double { efficiency.reduce(0, +) }
    public var totalBackground: Double { backgrounds.reduce(0) { $0 + $1.events.reduce(0, +) } }
    /// eps / sqrt(B), the seed's figure of merit.
    public var figureOfMerit: Double { totalBackground > 0 ? totalEfficiency / totalBackground.squareRoot() : 0 }
    /// True when more than half of B is Monte Carlo bounds.
    public var backgroundIsMostlyBound: Bool {
        backgrounds.filter(\.isBound).reduce(0) { $0 + $1.events.reduce(0, +) } > 0.5 * totalBackground
    }
}

/// Counts passing events of a selection into window bins.
struct YieldCounter {
    let mass: Double
    let halfWidth: Double
    let bins: Int
    let luminosity: Double

    /// The bin of a recoil mass squared inside the window, or nil outside.
    func bin(_ m2: Double) -> Int? {
        let d = m2 - mass * mass
        guard abs(d) < halfWidth else { return nil }
        return min(bins - 1, max(0, Int((d + halfWidth) / (2 * halfWidth) * Double(bins))))
    }

    /// The signal efficiency per bin and its errors for the rows where `passes` is true.
    func signal(_ table: FeatureTable, crossSection: Double, passes: (Int) -> Bool) -> ([Double], [Double]) {
        var sw = [Double](repeating: 0, count: bins), sw2 = sw
        let m2 = table["recoilMassSquared"] ?? []
        for i in 0..<table.count where passes(i) {
            guard let b = bin(m2[i]) else { continue }
            sw[b] += table.weights[i]
            sw2[b] += table.weights[i] * table.weights[i]
        }
        return (sw.map { $0 / crossSection }, sw2.map { $0.squareRoot() / crossSection })
    }

    /// One background process's yields.
    func background(_ name: String, _ table: FeatureTable, passes: (Int) -> Bool) -> MassPointYields.Process {
        var sw = [Double](repeating: 0, count: bins), sw2 = sw
        var count = 0
        let m2 = table["recoilMassSquared"] ?? []
        for i in 0..<table.count where passes(i) {
            guard let b = bin(m2[i]) else { continue }
            sw[b] += table.weights[i]
            sw2[b] += table.weights[i] * table.weights[i]
            count += 1
        }
        let toEvents = { (pb: Double) in Units.expectedEvents(crossSectionPicobarn: pb, luminosityInverseFemtobarn: luminosity) }
        let effective = Self.effectiveWeight(table)
        if ExpectedBackground.countsBound(passedWeight: sw.reduce(0, +), passedCount: count, effectiveWeight: effective) {
            let bound = toEvents(ExpectedBackground.bound(effectiveWeight: effective)) / Double(bins)
            return .init(name: name, events: [Double](repeating: bound, count: bins), errors: [Double](repeating: bound, count: bins),
                         count: count, isBound: true)
        }
        return .init(name: name, events: sw.map(toEvents), errors: sw2.map { toEvents($0.squareRoot()) }, count: count, isBound: false)
    }

    /// The effective event weight (pb, sum w^2 / sum w) of a background table; for a table with no event (in the region), the
    /// generated sample's sigma / N (an empty table must not make its bound zero).
    static func effectiveWeight(_ table: FeatureTable) -> Double {
        ExpectedBackground.effectiveWeights(tables: [table])[0]
    }
}
