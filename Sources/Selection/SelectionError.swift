/// Errors of the Selection target, naming the cut, feature or sample at fault.
public enum SelectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A cut refers to a feature the table does not have.
    case unknownFeature(cut: String, feature: String, available: [String])
    /// A threshold table that cannot be interpolated (no points, unsorted masses, lengths differ).
    case invalidThreshold(cut: String, detail: String)
    /// A non-finite or out-of-range parameter (luminosity, mass).
    case invalidParameter(name: String, value: Double, allowed: String)

    public var description: String {
        switch self {
        case let .unknownFeature(cut, feature, available):
            return "cut '\(cut)' uses feature '\(feature)', which the sample does not have (available: \(available.joined(separator: ", ")))"
        case let .invalidThreshold(cut, detail):
            return "cut '\(cut)': invalid threshold: \(detail)"
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed (\(allowed))"
        }
    }
}
