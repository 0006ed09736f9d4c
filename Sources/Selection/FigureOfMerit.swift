/// Figures of merit for choosing cuts: eps/sqrt(B) (the seed's) and Punzi's eps/(a/2 + sqrt(B))
/// (G. Punzi, arXiv:physics/0308063; a the number of sigmas), with eps the signal efficiency
/// and B the expected background.
public enum FigureOfMerit: Sendable, Equatable, Codable {
    case significance
    case punzi(sigmas: Double)

    public func value(efficiency eps: Double, background b: Double) -> Double {
        switch self {
        case .significance: return b > 0 ? eps / b.squareRoot() : .infinity
        case let .punzi(a): return eps / (a / 2 + max(b, 0).squareRoot())
        }
    }
}
