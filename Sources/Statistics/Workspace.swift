/// A HistFactory workspace in the layout of pyhf's JSON schema 1.0.0 (L. Heinrich, M. Feickert,
/// G. Stark, K. Cranmer, "pyhf: pure-Python implementation of HistFactory statistical models",
/// JOSS 6, 2823 (2021); the HistFactory model is K. Cranmer, G. Lewis, L. Moneta, A. Shibata,
/// W. Verkerke, CERN-OPEN-2012-016): channels of binned samples whose yields are changed by
/// modifiers, the observed counts per channel, and measurements that name the parameter of
/// interest and configure parameters.
///
/// Read one with ``Workspace/init(json:)`` and write one with ``Workspace/jsonText()``; both
/// follow pyhf's key names, so files round-trip between DarkScan and pyhf.
public struct Workspace: Sendable, Equatable {
    public var channels: [Channel]
    public var observations: [Observation]
    public var measurements: [Measurement]
    /// The schema version; only "1.0.0" is defined.
    public var version: String

    public init(channels: [Channel], observations: [Observation], measurements: [Measurement], version: String = "1.0.0") {
        self.channels = channels
        self.observations = observations
        self.measurements = measurements
        self.version = version
    }

    /// A channel (a region): samples with the same binning.
    public struct Channel: Sendable, Equatable {
        public var name: String
        public var samples: [Sample]
        public init(name: String, samples: [Sample]) {
            self.name = name
            self.samples = samples
        }
    }

    /// A sample: its nominal yield per bin and the modifiers acting on it.
    public struct Sample: Sendable, Equatable {
        public var name: String
        public var data: [Double]
        public var modifiers: [Modifier]
        public init(name: String, data: [Double], modifiers: [Modifier] = []) {
            self.name = name
            self.data = data
            self.modifiers = modifiers
        }
    }

    /// A modifier: a named parameter (or set of parameters, one per bin) and how it changes a sample.
    /// Modifiers of the same name share their parameters across samples and channels.
    public struct Modifier: Sendable, Equatable {
        public var name: String
        public var kind: Kind
        public init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }

        /// The seven HistFactory modifier types of pyhf (docs "HistFactory modifiers").
        public enum Kind: Sendable, Equatable {
            /// Free normalisation factor mu, unconstrained (init 1, bounds [0, 10]).
            case normfactor
            /// Luminosity: a Gaussian-constrained normalisation; auxdata and sigma come from the
            /// measurement's parameter config.
            case lumi
            /// Free per-bin factors, unconstrained (init 1, bounds [0, 10]).
            case shapefactor
            /// Normalisation uncertainty: factors `hi`, `lo` at alpha = +-1, interpolated with
            /// pyhf's default code 4; Gaussian constraint on alpha.
            case normsys(hi: Double, lo: Double)
            /// Shape uncertainty: yields `hiData`, `loData` at alpha = +-1, interpolated with pyhf's
            /// default code 4p; Gaussian constraint on alpha.
            case histosys(hiData: [Double], loData: [Double])
            /// Uncorrelated per-bin uncertainty (absolute, per bin) with a Poisson constraint,
            /// tau = (nominal / sigma)^2 (Barlow-Beeston).
            case shapesys([Double])
            /// Monte Carlo statistical uncertainty (absolute, per bin); one Gaussian-constrained
            /// gamma per bin shared by all samples with this modifier (Barlow-Beeston lite).
            case staterror([Double])

            /// The type name in pyhf's JSON.
            public var typeName: String {
                switch self {
                case .normfactor: "normfactor"
                case .lumi: "lumi"
                case .shapefactor: "shapefactor"
                case .normsys: "normsys"
                case .histosys: "histosys"
                case .shapesys: "shapesys"
                case .staterror: "staterror"
                }
            }

            /// The type names pyhf knows, in its own order (`pyhf.modifiers.histfactory_set`).
            public static let typeNames = ["histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror"]
        }
    }

    /// The observed counts of one channel.
    public struct Observation: Sendable, Equatable {
        public var name: String
        public var data: [Double]
        public init(name: String, data: [Double]) {
            self.name = name
            self.data = data
        }
    }

    /// A measurement: the parameter of interest and the parameter configurations.
    public struct Measurement: Sendable, Equatable {
        public var name: String
        public var poi: String
        public var parameters: [ParameterConfig]
        public init(name: String, poi: String, parameters: [ParameterConfig] = []) {
            self.name = name
            self.poi = poi
            self.parameters = parameters
        }
    }

    /// Overrides of a parameter set's defaults; nil keeps pyhf's default for the modifier type.
    public struct ParameterConfig: Sendable, Equatable {
        public var name: String
        public var inits: [Double]?
        public var bounds: [Bounds]?
        public var auxdata: [Double]?
        public var factors: [Double]?
        public var sigmas: [Double]?
        public var fixed: Bool?

        public init(name: String, inits: [Double]? = nil, bounds: [Bounds]? = nil, auxdata: [Double]? = nil,
                    factors: [Double]? = nil, sigmas: [Double]? = nil, fixed: Bool? = nil) {
            self.name = name
            self.inits = inits
            self.bounds = bounds
            self.auxdata = auxdata
            self.factors = factors
            self.sigmas = sigmas
            self.fixed = fixed
        }
    }

    /// The observed counts of channel `name`, if the workspace has them.
    public func observation(named name: String) -> Observation? {
        observations.first { $0.name == name }
    }

    /// The measurement called `name`, or the first one when `name` is nil (pyhf's rule).
    ///
    /// - Throws: ``StatisticsError/unknownMeasurement(name:known:)``.
    public func measurement(named name: String?) throws(StatisticsError) -> Measurement {
        if let name {
            guard let m = measurements.first(where: { $0.name == name }) else {
                throw .unknownMeasurement(name: name, known: measurements.map(\.name))
            }
            return m
        }
        guard let first = measurements.first else {
            throw .invalidWorkspace([WorkspaceProblem(path: "measurements", message: "no measurement is defined")])
        }
        return first
    }
}

/// A closed interval [lower, upper] for a parameter.
public struct Bounds: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double
    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ x: Double) -> Bool { x >= lower && x <= upper }
    public func clamp(_ x: Double) -> Double { Swift.min(Swift.max(x, lower), upper) }
    public var description: String { "[\(lower), \(upper)]" }
}
