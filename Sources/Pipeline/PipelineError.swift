/// Errors of the Pipeline target: a bad analysis spec (with the path of the offending element), a
/// stage that failed (with the stage and the underlying error), and file-system problems.
public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec is not valid YAML or does not have the expected shape.
    case malformedSpec(source: String, detail: String)
    /// A key the spec format does not know, with its path (e.g. `network.layer`).
    case unknownKey(source: String, path: String)
    /// A value outside its allowed range.
    case invalidValue(source: String, path: String, value: String, allowed: String)
    /// A spec written for another version of the format.
    case unsupportedVersion(source: String, version: Int, supported: Int)
    /// A stage of the run failed.
    case stageFailed(stage: String, detail: String)
    /// Reading or writing a file failed.
    case fileSystem(path: String, detail: String)

    public var description: String {
        switch self {
        case let .malformedSpec(source, detail): "analysis spec \(source): \(detail)"
        case let .unknownKey(source, path): "analysis spec \(source): unknown key '\(path)'"
        case let .invalidValue(source, path, value, allowed): "analysis spec \(source): \(path) = \(value) is not allowed (\(allowed))"
        case let .unsupportedVersion(source, version, supported):
            "analysis spec \(source): version \(version) is not supported (this DarkScan reads version \(supported))"
        case let .stageFailed(stage, detail): "stage '\(stage)' failed: \(detail)"
        case let .fileSystem(path, detail): "\(path): \(detail)"
        }
    }
}
