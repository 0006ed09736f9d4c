/// Errors of the HEPCore target. Each case names the offending input and why it was refused.
public enum HEPCoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A quantity that must be finite was NaN or infinite.
    case notFinite(quantity: String, value: Double)
    /// A quantity was outside its allowed range, stated in words.
    case outOfRange(quantity: String, value: Double, allowed: String)
    /// Text that should describe something (a mass grid, a PDG id) could not be parsed.
    case malformed(what: String, text: String, expected: String)
    /// A Lorentz boost with |beta| >= 1 was requested.
    case superluminalBoost(beta: Double)
    /// Two histograms with different binning were combined.
    case incompatibleBinning(String)
    /// A bracket [a, b] given to a root finder does not change sign.
    case rootNotBracketed(a: Double, b: Double, fa: Double, fb: Double)
    /// An iterative method did not reach its tolerance.
    case notConverged(method: String, iterations: Int, estimate: Double, error: Double)

    public var description: String {
        switch self {
        case let .notFinite(quantity, value):
            return "\(quantity) must be a finite number, got \(value)"
        case let .outOfRange(quantity, value, allowed):
            return "\(quantity) = \(value) is outside the allowed range \(allowed)"
        case let .malformed(what, text, expected):
            return "cannot read \(what) from '\(text)': expected \(expected)"
        case let .superluminalBoost(beta):
            return "a Lorentz boost needs |beta| < 1, got |beta| = \(beta)"
        case let .incompatibleBinning(detail):
            return "histograms have different binning: \(detail)"
        case let .rootNotBracketed(a, b, fa, fb):
            return "root is not bracketed: f(\(a)) = \(fa) and f(\(b)) = \(fb) have the same sign"
        case let .notConverged(method, iterations, estimate, error):
            return "\(method) did not converge after \(iterations) iterations (estimate \(estimate), error \(error))"
        }
    }
}

extension HEPCoreError {
    /// Throws ``notFinite`` unless `value` is finite.
    static func requireFinite(_ value: Double, _ quantity: String) throws(HEPCoreError) {
        guard value.isFinite else { throw .notFinite(quantity: quantity, value: value) }
    }
}
