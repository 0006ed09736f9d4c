/// Observed or expected counts: the main measurement (every bin of every channel, channels in
/// name order) and the auxiliary data of the constraint terms (in parameter order), pyhf's layout.
public struct Dataset: Sendable, Equatable {
    public var main: [Double]
    public var auxiliary: [Double]

    public init(main: [Double], auxiliary: [Double]) {
        self.main = main
        self.auxiliary = auxiliary
    }

    /// main followed by auxiliary, as pyhf's data tensor.
    public var flattened: [Double] { main + auxiliary }
}

/// A binned HistFactory probability model built from a ``Workspace`` measurement, with pyhf 0.7's
/// conventions (default interpolation codes 4 and 4p, pyhf's parameter defaults and order):
///
/// L(n, a | theta) = prod_b Pois(n_b | nu_b(theta)) prod_c p_c(a_c | theta_c)
///
/// (the HistFactory likelihood of CERN-OPEN-2012-016; pyhf docs, "Likelihood Specification"), where the expected count of bin b is
/// nu_b = sum_s [prod of multiplicative modifiers] (nominal_sb + sum of histosys shifts), the
/// Poisson term uses the continuous form n ln(nu) - nu - ln Gamma(n + 1), and each constrained
/// parameter has a Gaussian or Poisson constraint p_c against its auxiliary datum a_c.
public struct HistFactoryModel: Sendable {
    /// Channel names in the model's (alphabetical) order and their bin counts.
    public let channelNames: [String]
    public let channelBinCounts: [Int]
    /// The parameter sets, in pyhf's order; ``parameterNames`` flattens them.
    public let parameterSets: [ParameterSet]
    public let parameterNames: [String]
    /// The parameter of interest's index and name (nil when the model has none).
    public let poiIndex: Int?
    public let poiName: String?
    public let suggestedInit: [Double]
    public let suggestedBounds: [Bounds]
    public let suggestedFixed: [Bool]
    /// The nominal auxiliary data (pyhf `config.auxdata`).
    public let auxiliaryData: [Double]
    /// The name of the measurement the model was built from.
    public let measurementName: String

    let samples: [CompiledSample]
    let gaussian: [GaussianConstraint]
    let poisson: [PoissonConstraint]

    public var parameterCount: Int { suggestedInit.count }
    public var mainBinCount: Int { channelBinCounts.reduce(0, +) }

    /// Builds the model of measurement `measurement` (the first one when nil, as pyhf does).
    ///
    /// - Throws: ``StatisticsError/invalidWorkspace(_:)`` with every problem of the workspace
    ///   (``Workspace/validate()``); ``StatisticsError/unknownMeasurement(name:known:)``.
    public init(workspace: Workspace, measurement: String? = nil) throws(StatisticsError) {
        let problems = workspace.validate()
        guard problems.isEmpty else { throw .invalidWorkspace(problems) }
        let chosen = try workspace.measurement(named: measurement)
        guard let mIndex = workspace.measurements.firstIndex(of: chosen) else {
            throw .unknownMeasurement(name: measurement ?? "", known: workspace.measurements.map(\.name))
        }
        let layout = ModelLayout.parameterSets(of: workspace, measurementIndex: mIndex)
        guard layout.problems.isEmpty else { throw .invalidWorkspace(layout.problems) }
        let channels = ModelLayout.sortedChannels(workspace)
        channelNames = channels.map(\.channel.name)
        channelBinCounts = channels.map { $0.channel.samples.first?.data.count ?? 0 }
        parameterSets = layout.sets
        parameterNames = layout.sets.flatMap(\.parameterNames)
        poiIndex = layout.poiIndex
        poiName = layout.poiIndex == nil ? nil : chosen.poi
        suggestedInit = layout.sets.flatMap(\.inits)
        suggestedBounds = layout.sets.flatMap(\.bounds)
        suggestedFixed = layout.sets.flatMap(\.fixed)
        measurementName = chosen.name
        var aux: [Double] = []
        var gaussian: [GaussianConstraint] = []
        var poisson: [PoissonConstraint] = []
        for set in layout.sets {
            switch set.constraint {
            case .none: continue
            case let .gaussian(sigmas):
                for i in 0..<set.count {
                    gaussian.append(GaussianConstraint(parameter: set.offset + i, auxIndex: aux.count + i, sigma: sigmas[i]))
                }
            case let .poisson(factors):
                for i in 0..<set.count {
                    poisson.append(PoissonConstraint(parameter: set.offset + i, auxIndex: aux.count + i, factor: factors[i]))
                }
            }
            aux += set.auxdata
        }
        auxiliaryData = aux
        self.gaussian = gaussian
        self.poisson = poisson
        samples = CompiledSample.compile(workspace, channels: channels, sets: layout.sets)
    }

    /// The observed data of the workspace in this model's layout, with the nominal auxiliary data
    /// (pyhf `workspace.data(model)`).
    ///
    /// - Throws: ``StatisticsError/invalidWorkspace(_:)`` when a channel has no observation of
    ///   the right size (a workspace other than the one the model came from).
    public func observedData(in workspace: Workspace) throws(StatisticsError) -> Dataset {
        var main: [Double] = []
        for (name, bins) in zip(channelNames, channelBinCounts) {
            guard let obs = workspace.observation(named: name), obs.data.count == bins else {
                throw .invalidWorkspace([WorkspaceProblem(path: "observations", message: "no observation of \(bins) bins for channel '\(name)'")])
            }
            main += obs.data
        }
        return Dataset(main: main, auxiliary: auxiliaryData)
    }

    /// The index of parameter `name` (pyhf's naming: `name` or `name[i]`), if the model has it.
    public func parameterIndex(_ name: String) -> Int? { parameterNames.firstIndex(of: name) }
}

extension Workspace {
    /// The model of a measurement; see ``HistFactoryModel/init(workspace:measurement:)``.
    public func model(measurement: String? = nil) throws(StatisticsError) -> HistFactoryModel {
        try HistFactoryModel(workspace: self, measurement: measurement)
    }
}

/// A Gaussian constraint of one parameter.
struct GaussianConstraint: Sendable {
    let parameter: Int
    let auxIndex: Int
    let sigma: Double
}

/// A Poisson constraint Pois(a | gamma * factor) of one parameter.
struct PoissonConstraint: Sendable {
    let parameter: Int
    let auxIndex: Int
    let factor: Double
}
