/// Errors of the EventGeneration target; each names the process, option or value at fault.
public enum EventGenerationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A process key the generator does not know.
    case unknownProcess(key: String, known: [String])
    /// A parameter outside its allowed range (mass above the kinematic limit, negative cut, ...).
    case invalidParameter(name: String, value: Double, allowed: String)
    /// The integration found no phase-space point with non-zero weight.
    case noAcceptedPoints(process: String, tried: Int)
    /// A non-finite weight appeared; generation stops rather than propagating it.
    case nonFiniteWeight(process: String, detail: String)
    /// A model error surfaced while setting up a process.
    case model(String)

    public var description: String {
        switch self {
        case let .unknownProcess(key, known):
            return "unknown process '\(key)'; known: \(known.joined(separator: ", "))"
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed: \(allowed)"
        case let .noAcceptedPoints(process, tried):
            return "\(process): none of \(tried) phase-space points passed the generator cuts with a non-zero weight"
        case let .nonFiniteWeight(process, detail):
            return "\(process): non-finite event weight (\(detail))"
        case let .model(message):
            return message
        }
    }
}
