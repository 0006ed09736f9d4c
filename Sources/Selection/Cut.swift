/// A threshold that may depend on the mass hypothesis m_Z' (GeV): constant, or interpolated linearly
/// in a table of (mass, value) points and held constant beyond its ends (the seed's mass-dependent
/// cuts 3, 5 and 6.1).
public enum Threshold: Sendable, Equatable, Codable {
    case constant(Double)
    case massTable(masses: [Double], values: [Double])

    /// The threshold at mass hypothesis `mass`.
    public func value(at mass: Double) -> Double {
        switch self {
        case let .constant(v): return v
        case let .massTable(masses, values):
            guard let first = masses.first, let last = masses.last else { return .nan }
            if mass <= first { return values[0] }
            if mass >= last { return values[values.count - 1] }
            var i = 1
            while masses[i] < mass { i += 1 }
            let t = (mass - masses[i - 1]) / (masses[i] - masses[i - 1])
            return values[i - 1] + t * (values[i] - values[i - 1])
        }
    }

    func validate(cut: String) throws(SelectionError) {
        switch self {
        case let .constant(v):
            guard !v.isNaN else { throw .invalidThreshold(cut: cut, detail: "NaN") }
        case let .massTable(masses, values):
            guard !masses.isEmpty, masses.count == values.count else {
                throw .invalidThreshold(cut: cut, detail: "\(masses.count) masses for \(values.count) values")
            }
            guard zip(masses, masses.dropFirst()).allSatisfy({ $0 < $1 }), (masses + values).allSatisfy(\.isFinite) else {
                throw .invalidThreshold(cut: cut, detail: "masses must increase and every number be finite")
            }
        }
    }
}

/// One requirement on an event's features: a linear combination sum_i c_i x_i of feature values
/// (one term for an ordinary cut; two for the seed's "diagonal cut" in the plane of the two
/// projections of the missing transverse momentum) compared with a threshold.
public struct Cut: Sendable, Equatable, Codable {
    public enum Relation: String, Sendable, Codable {
        /// Keep events with value > threshold.
        case greaterThan = ">"
        /// Keep events with value < threshold.
        case lessThan = "<"
        /// Keep events with |value| < threshold.
        case absoluteLessThan = "|x| <"
    }

    public var label: String
    /// (feature name, coefficient) terms of the combination.
    public var terms: [Term]
    public var relation: Relation
    public var threshold: Threshold
    /// When true the combination is taken relative to the mass hypothesis: value - m_Z'^2 (for a
    /// window in the recoil mass squared around m_Z'^2).
    public var relativeToMassSquared: Bool = false

    public struct Term: Sendable, Equatable, Codable {
        public var feature: String
        public var coefficient: Double
        public init(_ feature: String, _ coefficient: Double = 1) {
            self.feature = feature
            self.coefficient = coefficient
        }
    }

    public init(_ label: String, _ feature: String, _ relation: Relation, _ threshold: Threshold) {
        self.init(label, terms: [Term(feature)], relation, threshold)
    }

    public init(_ label: String, terms: [Term], _ relation: Relation, _ threshold: Threshold) {
        self.label = label
        self.terms = terms
        self.relation = relation
        self.threshold = threshold
    }

    /// A window |x - m_Z'^2| < half-width(m) in a feature x (GeV^2), e.g. the recoil mass squared.
    public static func massSquaredWindow(_ label: String, _ feature: String, halfWidth: Threshold) -> Cut {
        var cut = Cut(label, feature, .absoluteLessThan, halfWidth)
        cut.relativeToMassSquared = true
        return cut
    }

    /// Whether a value passes at mass hypothesis `mass`. NaN values (a failed vertex fit) fail.
    public func passes(_ rawValue: Double, mass: Double) -> Bool {
        let value = relativeToMassSquared ? rawValue - mass * mass : rawValue
        let t = threshold.value(at: mass)
        switch relation {
        case .greaterThan: return value > t
        case .lessThan: return value < t
        case .absoluteLessThan: return abs(value) < t
        }
    }

    /// A readable form, e.g. "vertexPValue > 0.001" or "|recoilCosThetaCMS| < 0.9" at a mass.
    public func describe(at mass: Double) -> String {
        var expression = terms.map { $0.coefficient == 1 ? $0.feature : "\($0.coefficient) \($0.feature)" }.joined(separator: " + ")
        if relativeToMassSquared { expression += " - m_Z'^2" }
        let t = threshold.value(at: mass)
        switch relation {
        case .absoluteLessThan: return "|\(expression)| < \(t)"
        default: return "\(expression) \(relation.rawValue) \(t)"
        }
    }
}
