/// One problem found in a HistFactory workspace: where it is (a JSON path such as
/// `channels[0].samples[2].modifiers[1]`) and what is wrong there.
public struct WorkspaceProblem: Sendable, Equatable, CustomStringConvertible {
    /// The JSON path of the offending element, in pyhf's spec layout.
    public let path: String
    /// What is wrong, in words.
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Errors of the Statistics target. Each case carries enough context to locate the problem: the
/// JSON path of a bad workspace element, the fit that failed and at which parameter of interest.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not JSON at all (a syntax error); `detail` is the parser's message.
    case invalidJSON(detail: String)
    /// The workspace (or a model built from it) breaks the pyhf 1.0.0 schema or HistFactory's
    /// rules; every problem found is listed, each with its path. Nothing is fitted before this check.
    case invalidWorkspace([WorkspaceProblem])
    /// A measurement name that the workspace does not define.
    case unknownMeasurement(name: String, known: [String])
    /// A function argument outside its allowed range.
    case invalidArgument(name: String, value: String, allowed: String)
    /// The model has no parameter of interest, or it is fixed, so no hypothesis test can be made.
    case noParameterOfInterest(detail: String)
    /// A maximum-likelihood fit did not converge. `fit` says which (e.g. "conditional fit to data
    /// at mu = 1.5"); `status` is the minimiser's verdict.
    case fitFailed(fit: String, status: String)
    /// A root (an upper limit) could not be bracketed or found.
    case limitNotFound(quantity: String, detail: String)
    /// A numerical step (integration, root finding) failed; `detail` is the underlying message.
    case numericalFailure(quantity: String, detail: String)
    /// A file could not be read or written.
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidJSON(detail):
            return "not valid JSON: \(detail)"
        case let .invalidWorkspace(problems):
            let noun = problems.count == 1 ? "problem" : "problems"
            return "invalid HistFactory workspace (\(problems.count) \(noun)):\n"
                + problems.map { "  " + $0.description }.joined(separator: "\n")
        case let .unknownMeasurement(name, known):
            return "no measurement named '\(name)'; the workspace has: \(known.joined(separator: ", "))"
        case let .invalidArgument(name, value, allowed):
            return "\(name) = \(value) is not allowed: it must be \(allowed)"
        case let .noParameterOfInterest(detail):
            return "no usable parameter of interest: \(detail)"
        case let .fitFailed(fit, status):
            return "the \(fit) failed: \(status)"
        case let .limitNotFound(quantity, detail):
            return "cannot find the \(quantity): \(detail)"
        case let .numericalFailure(quantity, detail):
            return "computing \(quantity) failed: \(detail)"
        case let .io(path, detail):
            return "\(path): \(detail)"
        }
    }
}
