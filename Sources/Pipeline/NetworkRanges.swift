/// The network's mass ranges (spec `network.split-masses`, ``AnalysisSpec/networkRanges``): the
/// range of each signal sample, and each range's span in the recoil mass squared, the union of its
/// masses' windows m^2 +- k sigma(M^2), outside which no event counts for its masses.
struct NetworkRanges: Sendable, Equatable {
    /// The range of each signal sample.
    let rangeOfSignal: [Int]
    /// Each range's span of M^2 (GeV^2).
    let spans: [ClosedRange<Double>]

    /// - Parameters:
    ///   - ranges: the masses of each range, from ``AnalysisSpec/networkRanges``.
    ///   - signalMasses: the mass of each signal sample, and `resolutions` its sigma(M^2) in GeV^2.
    ///   - windowSigmas: the half-width of the widest window in sigma(M^2) (the Punzi loss's or the yields').
    init(ranges: [[Double]], signalMasses: [Double], resolutions: [Double], windowSigmas: Double) {
        let rangeOfSignal = signalMasses.map { m in ranges.firstIndex { $0.contains(m) } ?? 0 }
        self.rangeOfSignal = rangeOfSignal
        spans = ranges.indices.map { g -> ClosedRange<Double> in
            let members = signalMasses.indices.filter { rangeOfSignal[$0] == g }
            let lo = members.map { signalMasses[$0] * signalMasses[$0] - windowSigmas * resolutions[$0] }.min() ?? 0
            let hi = members.map { signalMasses[$0] * signalMasses[$0] + windowSigmas * resolutions[$0] }.max() ?? 0
            return lo...max(lo, hi)
        }
    }

    /// Whether each value of `recoilMassSquared` lies in range g's span.
    func inSpan(_ g: Int, _ recoilMassSquared: [Double]) -> [Bool] {
        recoilMassSquared.map { spans[g].contains($0) }
    }
}
