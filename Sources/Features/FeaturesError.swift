/// Errors of the Features target.
public enum FeaturesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sample's collider is not one DarkScan knows, so the CM frame is unknown.
    case unknownCollider(String)

    public var description: String {
        switch self {
        case let .unknownCollider(name): return "unknown collider '\(name)' in the sample's metadata: the CM frame is not defined"
        }
    }
}
