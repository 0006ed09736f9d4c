/// Errors of the DetectorSimulation target, naming the card, key path or sample at fault.
public enum DetectorSimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The card is not valid YAML or does not have the card's shape.
    case malformedCard(source: String, detail: String)
    /// A key the card format does not have, with its path (e.g. "tracking.ptResolution").
    case unknownKey(source: String, path: String)
    /// A value outside its allowed range.
    case invalidValue(source: String, path: String, value: String, allowed: String)
    /// A card name that is neither built in nor a readable file.
    case unknownCard(name: String, known: [String])
    /// A sample that cannot be simulated (e.g. its collider differs from the card's).
    case incompatibleSample(String)

    public var description: String {
        switch self {
        case let .malformedCard(source, detail): return "detector card \(source): \(detail)"
        case let .unknownKey(source, path): return "detector card \(source): unknown key '\(path)'"
        case let .invalidValue(source, path, value, allowed):
            return "detector card \(source): \(path) = \(value) is not allowed (\(allowed))"
        case let .unknownCard(name, known):
            return "unknown detector card '\(name)': give a built-in card (\(known.joined(separator: ", "))) or a YAML file"
        case let .incompatibleSample(detail): return detail
        }
    }
}
