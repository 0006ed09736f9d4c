/// Errors of the NeuralSelection target.
public enum NeuralSelectionError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidArchitecture(String)
    case invalidInput(String)
    /// Writing an export failed.
    case fileSystem(path: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidArchitecture(detail): return "invalid network architecture: \(detail)"
        case let .invalidInput(detail): return "invalid training input: \(detail)"
        case let .fileSystem(path, detail): return "\(path): \(detail)"
        }
    }
}
