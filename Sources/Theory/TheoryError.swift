/// Errors of the Theory target; each case names the parameter and the allowed range.
public enum TheoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A mass (GeV) that is not finite and positive, or outside a model's range.
    case invalidMass(parameter: String, value: Double, allowed: String)
    /// A coupling outside its allowed range.
    case invalidCoupling(parameter: String, value: Double, allowed: String)
    /// A numerical step (an integral) failed; `detail` carries the underlying message.
    case numericalFailure(quantity: String, detail: String)
    /// A name (scenario, input set) that the model does not know.
    case unknownName(kind: String, name: String, known: [String])

    public var description: String {
        switch self {
        case let .invalidMass(parameter, value, allowed):
            return "\(parameter) = \(value) GeV is not allowed: it must be \(allowed)"
        case let .invalidCoupling(parameter, value, allowed):
            return "\(parameter) = \(value) is not allowed: it must be \(allowed)"
        case let .numericalFailure(quantity, detail):
            return "computing \(quantity) failed: \(detail)"
        case let .unknownName(kind, name, known):
            return "unknown \(kind) '\(name)'; known: \(known.joined(separator: ", "))"
        }
    }

    /// Checks that a mass is finite and positive.
    static func requirePositiveMass(_ value: Double, _ parameter: String) throws(TheoryError) {
        guard value.isFinite, value > 0 else {
            throw .invalidMass(parameter: parameter, value: value, allowed: "a finite number > 0")
        }
    }

    /// Checks that a gauge or Yukawa coupling lies in (0, sqrt(4 pi)], the perturbative range
    /// (alpha' = g^2 / 4 pi <= 1).
    static func requirePerturbativeCoupling(_ value: Double, _ parameter: String) throws(TheoryError) {
        guard value.isFinite, value > 0, value <= (4 * Double.pi).squareRoot() else {
            throw .invalidCoupling(parameter: parameter, value: value, allowed: "in (0, sqrt(4 pi)] = (0, 3.5449]")
        }
    }
}
