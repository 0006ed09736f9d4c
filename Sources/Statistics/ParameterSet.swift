/// A named set of model parameters (one for a scalar modifier such as a normfactor or normsys, one
/// per bin for shapesys, staterror and shapefactor), with pyhf's defaults or the measurement's
/// overrides: initial values, bounds, fixed flags and, for constrained sets, the auxiliary data and
/// the constraint's width.
public struct ParameterSet: Sendable, Equatable {
    /// The constraint term attached to each parameter of the set.
    public enum Constraint: Sendable, Equatable {
        /// No constraint (normfactor, shapefactor).
        case none
        /// Gaussian: -ln L = (a - theta)^2 / (2 sigma^2) + ln(sqrt(2 pi) sigma) per parameter
        /// (normsys, histosys, lumi, staterror; pyhf `constrained_by_normal`).
        case gaussian(sigmas: [Double])
        /// Poisson with rate gamma * tau: -ln L = gamma tau - a ln(gamma tau) + ln Gamma(a + 1)
        /// (shapesys; pyhf `constrained_by_poisson`, tau = (nominal / sigma)^2).
        case poisson(factors: [Double])
    }

    public let name: String
    /// The modifier type that created the set (the first one, for names shared by normsys and histosys).
    public let modifierType: String
    /// Index of the first parameter in the model's parameter vector.
    public let offset: Int
    public let isScalar: Bool
    public let inits: [Double]
    public let bounds: [Bounds]
    public let fixed: [Bool]
    /// Auxiliary data, one per parameter (empty for unconstrained sets).
    public let auxdata: [Double]
    public let constraint: Constraint

    public var count: Int { inits.count }
    public var indices: Range<Int> { offset..<(offset + count) }

    /// pyhf's parameter names: the set's name for a scalar, `name[i]` for each bin otherwise.
    public var parameterNames: [String] {
        isScalar ? [name] : (0..<count).map { "\(name)[\($0)]" }
    }
}

/// What one modifier type asks of its parameter set before the measurement's overrides
/// (pyhf's `required_parset` of each modifier, pyhf 0.7).
struct ParameterRequirement: Equatable {
    var modifierType: String
    var count: Int
    var isScalar: Bool
    var inits: [Double]?
    var bounds: [Bounds]?
    var fixed: [Bool]
    var auxdata: [Double]?
    /// nil: unconstrained; otherwise "normal" or "poisson".
    var constraintType: String?
    var sigmas: [Double]?
    var factors: [Double]?

    static func unconstrained(_ type: String, count: Int, scalar: Bool) -> ParameterRequirement {
        ParameterRequirement(modifierType: type, count: count, isScalar: scalar, inits: Array(repeating: 1, count: count),
                             bounds: Array(repeating: Bounds(0, 10), count: count), fixed: Array(repeating: false, count: count),
                             auxdata: nil, constraintType: nil, sigmas: nil, factors: nil)
    }

    /// normsys and histosys: alpha with init 0, bounds [-5, 5], auxdata 0, width 1.
    static func alpha(_ type: String) -> ParameterRequirement {
        ParameterRequirement(modifierType: type, count: 1, isScalar: true, inits: [0], bounds: [Bounds(-5, 5)], fixed: [false],
                             auxdata: [0], constraintType: "normal", sigmas: [1], factors: nil)
    }

    /// lumi: everything but the constraint type comes from the measurement.
    static let lumi = ParameterRequirement(modifierType: "lumi", count: 1, isScalar: true, inits: nil, bounds: nil, fixed: [false],
                                           auxdata: nil, constraintType: "normal", sigmas: nil, factors: nil)

    /// shapesys: per bin, tau = (nominal / sigma)^2 where both are > 0, else the bin's gamma is
    /// fixed at 1 with tau = 1 (pyhf `shapesys.required_parset`).
    static func shapesys(nominal: [Double], uncertainty: [Double]) -> ParameterRequirement {
        let valid = zip(nominal, uncertainty).map { $0 > 0 && $1 > 0 }
        let factors = zip(valid, zip(nominal, uncertainty)).map { ok, p in ok ? (p.0 * p.0) / (p.1 * p.1) : 1 }
        let n = nominal.count
        return ParameterRequirement(modifierType: "shapesys", count: n, isScalar: false, inits: Array(repeating: 1, count: n),
                                    bounds: Array(repeating: Bounds(1e-10, 10), count: n), fixed: valid.map { !$0 },
                                    auxdata: factors, constraintType: "poisson", sigmas: nil, factors: factors)
    }

    /// staterror: per covered bin, sigma = relative uncertainty; bins with sigma = 0 are fixed and
    /// get sigma 1 (pyhf `staterror_builder.finalize`).
    static func staterror(relativeErrors: [Double]) -> ParameterRequirement {
        let n = relativeErrors.count
        return ParameterRequirement(modifierType: "staterror", count: n, isScalar: false, inits: Array(repeating: 1, count: n),
                                    bounds: Array(repeating: Bounds(1e-10, 10), count: n), fixed: relativeErrors.map { $0 == 0 },
                                    auxdata: Array(repeating: 1, count: n), constraintType: "normal",
                                    sigmas: relativeErrors.map { $0 == 0 ? 1 : $0 }, factors: nil)
    }

    /// Applies a measurement's parameter config, reporting each inconsistency under `path`
    /// (pyhf `reduce_paramsets_requirements`). lumi needs auxdata and sigmas from the config; its
    /// init defaults to the auxdata and its bounds to [0, 10 auxdata] where the config omits them.
    func resolved(name: String, offset: Int, config: Workspace.ParameterConfig?, path: String,
                  problems: inout [WorkspaceProblem]) -> ParameterSet? {
        var ok = true
        func take(_ key: String, _ user: [Double]?, _ def: [Double]?, used: Bool) -> [Double]? {
            guard let user else { return def }
            guard used else {
                problems.append(WorkspaceProblem(path: path, message: "'\(key)' does not apply to '\(name)' (a \(modifierType) parameter)"))
                ok = false
                return def
            }
            guard user.count == count else {
                problems.append(WorkspaceProblem(path: "\(path).\(key)", message: "'\(name)' has \(count) parameter(s) but \(user.count) \(key) were given"))
                ok = false
                return def
            }
            return user
        }
        let constrained = constraintType != nil
        var aux = take("auxdata", config?.auxdata, auxdata, used: constrained)
        let sig = take("sigmas", config?.sigmas, sigmas, used: constraintType == "normal")
        let fac = take("factors", config?.factors, factors, used: constraintType == "poisson")
        var ini = take("inits", config?.inits, inits, used: true)
        var bnd = bounds
        if let user = config?.bounds {
            if user.count == count { bnd = user } else {
                problems.append(WorkspaceProblem(path: "\(path).bounds", message: "'\(name)' has \(count) parameter(s) but \(user.count) bounds were given"))
                ok = false
            }
        }
        if modifierType == "lumi" {
            if aux == nil || sig == nil {
                problems.append(WorkspaceProblem(path: path, message: "the lumi parameter needs 'auxdata' and 'sigmas' in the measurement's parameter config"))
                return nil
            }
            if ini == nil { ini = aux }
            if bnd == nil, let a = aux { bnd = a.map { Bounds(0, 10 * $0) } }
        }
        guard ok, let ini, let bnd else {
            if ok { problems.append(WorkspaceProblem(path: path, message: "'\(name)' needs inits and bounds")) }
            return nil
        }
        for (i, b) in bnd.enumerated() where !(b.lower <= b.upper) {
            problems.append(WorkspaceProblem(path: "\(path).bounds[\(i)]", message: "lower bound \(b.lower) is above upper bound \(b.upper)"))
            ok = false
        }
        for (i, (x, b)) in zip(ini, bnd).enumerated() where !b.contains(x) {
            problems.append(WorkspaceProblem(path: path, message: "init \(x) of '\(parameterName(name, i))' lies outside its bounds \(b)"))
            ok = false
        }
        if let s = sig {
            for (i, x) in s.enumerated() where !(x > 0) {
                problems.append(WorkspaceProblem(path: "\(path).sigmas[\(i)]", message: "a constraint width must be > 0, got \(x)"))
                ok = false
            }
        }
        guard ok else { return nil }
        let fixedFlags = config?.fixed.map { Array(repeating: $0, count: count) } ?? fixed
        let constraint: ParameterSet.Constraint
        switch constraintType {
        case "normal": constraint = .gaussian(sigmas: sig ?? Array(repeating: 1, count: count))
        case "poisson": constraint = .poisson(factors: fac ?? Array(repeating: 1, count: count))
        default:
            constraint = .none
            aux = []
        }
        return ParameterSet(name: name, modifierType: modifierType, offset: offset, isScalar: isScalar, inits: ini, bounds: bnd,
                            fixed: fixedFlags, auxdata: aux ?? [], constraint: constraint)
    }

    private func parameterName(_ name: String, _ i: Int) -> String { isScalar ? name : "\(name)[\(i)]" }
}
