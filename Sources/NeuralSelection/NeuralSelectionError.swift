/// Errors of the NeuralSelection target.
public enum NeuralSelectionError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidArchitecture(String)
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .invalidArchitecture(detail): return "invalid network architecture: \(detail)"
        case let .invalidInput(detail): return "invalid training input: \(detail)"
        }
    }
}
