import Foundation

/// The HistFactory model of one mass point of the e+e- -> mu+ mu- Z', Z' -> invisible search:
/// a counting experiment in the recoil-mass window (one bin) or the binned recoil-mass spectrum,
/// with a signal scaled by the POI mu, backgrounds with their Monte Carlo statistical errors, and
/// named relative systematic uncertainties.
///
/// Since the signal rate is proportional to g'^2 (times BR(Z' -> invisible), which does not depend
/// on g'), the POI is mu = g'^2 / g'_ref^2 for the signal yield computed at g'_ref, and a limit
/// mu_UL gives g'_UL = g'_ref sqrt(mu_UL) (``CouplingLimit``). The builder picks g'_ref so that the
/// signal totals ``referenceSignalEvents`` events, which keeps mu_UL of order one for the fits.
public struct ZPrimeSearchModel: Sendable {
    /// A background process: its expected yield per bin and the Monte Carlo statistical error of it.
    public struct Background: Sendable, Equatable {
        public var name: String
        public var yields: [Double]
        public var monteCarloErrors: [Double]
        public init(name: String, yields: [Double], monteCarloErrors: [Double]) {
            self.name = name
            self.yields = yields
            self.monteCarloErrors = monteCarloErrors
        }
    }

    /// A relative systematic uncertainty on the normalisation of some samples.
    public struct Systematic: Sendable, Equatable {
        public enum Source: Sendable, Equatable {
            case luminosity, tracking, muonID, trigger, signalEfficiency
            case other(String)

            /// The modifier name in the workspace ("lumi" for the luminosity, a lumi modifier).
            public var modifierName: String {
                switch self {
                case .luminosity: "lumi"
                case .tracking: "tracking"
                case .muonID: "muon_id"
                case .trigger: "trigger"
                case .signalEfficiency: "signal_efficiency"
                case let .other(name): name
                }
            }
        }

        public var source: Source
        /// The relative size (0.014 for 1.4%): a normsys with hi = 1 + size, lo = 1 - size, or the
        /// lumi constraint's width.
        public var relativeSize: Double
        public var appliesToSignal: Bool
        public var appliesToBackgrounds: Bool

        public init(_ source: Source, relativeSize: Double, signal: Bool = true, backgrounds: Bool = true) {
            self.source = source
            self.relativeSize = relativeSize
            appliesToSignal = signal
            appliesToBackgrounds = backgrounds
        }

        /// The usual assignment: luminosity, tracking, muon ID and trigger act on every simulated
        /// sample; the signal efficiency on the signal only.
        public static func luminosity(_ size: Double) -> Systematic { Systematic(.luminosity, relativeSize: size) }
        public static func tracking(_ size: Double) -> Systematic { Systematic(.tracking, relativeSize: size) }
        public static func muonID(_ size: Double) -> Systematic { Systematic(.muonID, relativeSize: size) }
        public static func trigger(_ size: Double) -> Systematic { Systematic(.trigger, relativeSize: size) }
        public static func signalEfficiency(_ size: Double) -> Systematic {
            Systematic(.signalEfficiency, relativeSize: size, signal: true, backgrounds: false)
        }
    }

    /// The Z' mass in GeV (names the measurement).
    public var massGeV: Double
    /// Expected signal events per bin at g' = 1: efficiency x luminosity x sigma(g' = 1) x BR(inv)
    /// (see ``ZPrimeSignal/expectedEvents(crossSectionAtUnitCouplingPicobarn:efficiency:luminosityInverseFemtobarn:invisibleBranchingRatio:)``).
    public var signalAtUnitCoupling: [Double]
    /// Monte Carlo statistical errors of the signal at g' = 1 (nil: none).
    public var signalMonteCarloErrors: [Double]?
    public var backgrounds: [Background]
    public var systematics: [Systematic]
    /// Observed counts per bin; nil builds the background-only Asimov counts (sum of backgrounds).
    public var observed: [Double]?
    public var channelName = "recoil_window"
    /// The total signal at g'_ref.
    public var referenceSignalEvents = 10.0

    public init(massGeV: Double, signalAtUnitCoupling: [Double], signalMonteCarloErrors: [Double]? = nil,
                backgrounds: [Background], systematics: [Systematic], observed: [Double]?) {
        self.massGeV = massGeV
        self.signalAtUnitCoupling = signalAtUnitCoupling
        self.signalMonteCarloErrors = signalMonteCarloErrors
        self.backgrounds = backgrounds
        self.systematics = systematics
        self.observed = observed
    }

    /// g'_ref: the coupling at which the signal totals ``referenceSignalEvents``.
    public var referenceCoupling: Double {
        (referenceSignalEvents / signalAtUnitCoupling.reduce(0, +)).squareRoot()
    }

    /// The workspace: channel ``channelName`` with the signal (normfactor "mu") and each background,
    /// two staterror modifiers from the Monte Carlo errors (one shared by the backgrounds, one for the
    /// signal: a background known only to its Monte Carlo bound must not let the fit scale the
    /// signal away with it, as one shared Barlow-Beeston-lite parameter would), a lumi modifier for the luminosity
    /// (auxdata 1, sigma = its relative size) and a normsys for each other systematic.
    ///
    /// - Throws: ``StatisticsError/invalidArgument(name:value:allowed:)`` for inconsistent inputs
    ///   (bin counts, negative yields, a relative size outside [0, 1)).
    public func workspace() throws(StatisticsError) -> Workspace {
        let bins = signalAtUnitCoupling.count
        func check(_ ok: Bool, _ name: String, _ value: String, _ allowed: String) throws(StatisticsError) {
            if !ok { throw .invalidArgument(name: name, value: value, allowed: allowed) }
        }
        try check(bins >= 1, "signal bins", "\(bins)", ">= 1")
        try check(massGeV.isFinite && massGeV > 0, "Z' mass", "\(massGeV)", "a finite mass > 0 GeV")
        let total = signalAtUnitCoupling.reduce(0, +)
        try check(signalAtUnitCoupling.allSatisfy { $0.isFinite && $0 >= 0 } && total > 0 && total.isFinite, "signal yields",
                  "\(signalAtUnitCoupling)", "finite, >= 0, with a positive sum")
        try check(referenceSignalEvents > 0 && referenceSignalEvents.isFinite, "reference signal events", "\(referenceSignalEvents)", "> 0")
        if let e = signalMonteCarloErrors { try check(e.count == bins, "signal Monte Carlo errors", "\(e.count) values", "\(bins) values") }
        try check(!backgrounds.isEmpty, "backgrounds", "none", "at least one background process")
        for b in backgrounds {
            try check(b.yields.count == bins && b.monteCarloErrors.count == bins, "background '\(b.name)'",
                      "\(b.yields.count) yields, \(b.monteCarloErrors.count) errors", "\(bins) of each")
            try check(b.yields.allSatisfy { $0.isFinite && $0 >= 0 }, "background '\(b.name)' yields", "\(b.yields)", "finite and >= 0")
        }
        for s in systematics {
            try check(s.relativeSize >= 0 && s.relativeSize < 1, "systematic '\(s.source.modifierName)'", "\(s.relativeSize)", "a relative size in [0, 1)")
        }
        if let o = observed { try check(o.count == bins && o.allSatisfy { $0.isFinite && $0 >= 0 }, "observed counts", "\(o)", "\(bins) finite counts >= 0") }

        let staterror = "staterror_\(channelName)"
        func modifiers(signal: Bool, mcErrors: [Double]?) -> [Workspace.Modifier] {
            var out: [Workspace.Modifier] = signal ? [Workspace.Modifier(name: "mu", kind: .normfactor)] : []
            for s in systematics where (signal ? s.appliesToSignal : s.appliesToBackgrounds) && s.relativeSize > 0 {
                if s.source == .luminosity {
                    out.append(Workspace.Modifier(name: "lumi", kind: .lumi))
                } else {
                    out.append(Workspace.Modifier(name: s.source.modifierName, kind: .normsys(hi: 1 + s.relativeSize, lo: 1 - s.relativeSize)))
                }
            }
            if let e = mcErrors { out.append(Workspace.Modifier(name: signal ? "staterror_signal_\(channelName)" : staterror, kind: .staterror(e))) }
            return out
        }
        let reference = referenceSignalEvents
        var samples = [Workspace.Sample(name: "signal", data: signalAtUnitCoupling.map { $0 * reference / total },
                                        modifiers: modifiers(signal: true, mcErrors: signalMonteCarloErrors?.map { $0 * reference / total }))]
        for b in backgrounds {
            samples.append(Workspace.Sample(name: b.name, data: b.yields, modifiers: modifiers(signal: false, mcErrors: b.monteCarloErrors)))
        }
        let counts = observed ?? (0..<bins).map { i in backgrounds.reduce(0) { $0 + $1.yields[i] } }
        var parameters: [Workspace.ParameterConfig] = []
        if let lumi = systematics.first(where: { $0.source == .luminosity && $0.relativeSize > 0 }) {
            parameters.append(Workspace.ParameterConfig(name: "lumi", inits: [1], bounds: [Bounds(0, 10)], auxdata: [1], sigmas: [lumi.relativeSize]))
        }
        let measurement = Workspace.Measurement(name: String(format: "zprime_m%.4gGeV", massGeV), poi: "mu", parameters: parameters)
        return Workspace(channels: [Workspace.Channel(name: channelName, samples: samples)],
                         observations: [Workspace.Observation(name: channelName, data: counts)],
                         measurements: [measurement])
    }
}
