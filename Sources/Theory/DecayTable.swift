import HEPCore

/// A decay mode of a mediator.
public struct DecayChannel: Hashable, Sendable {
    /// A readable label, e.g. "mu+ mu-".
    public let label: String
    /// The final-state particles.
    public let products: [PDGID]
    /// True when no product is seen by the detector (neutrinos, dark fermions).
    public let isInvisible: Bool

    public init(label: String, products: [PDGID], isInvisible: Bool) {
        self.label = label
        self.products = products
        self.isInvisible = isInvisible
    }

    public static let muons = DecayChannel(label: "mu+ mu-", products: [.antimuon, .muon], isInvisible: false)
    public static let taus = DecayChannel(label: "tau+ tau-", products: [.antitau, .tau], isInvisible: false)
    public static let electrons = DecayChannel(label: "e+ e-", products: [.positron, .electron], isInvisible: false)
    public static let muonNeutrinos = DecayChannel(label: "nu_mu nubar_mu", products: [.muonNeutrino, PDGID(-14)], isInvisible: true)
    public static let tauNeutrinos = DecayChannel(label: "nu_tau nubar_tau", products: [.tauNeutrino, PDGID(-16)], isInvisible: true)
    public static let darkFermions = DecayChannel(label: "chi chibar", products: [.darkFermion, PDGID(-52)], isInvisible: true)
}

/// The decays of a mediator: each channel's partial width and branching ratio, and the total width.
///
/// A partial width may be unknown (nil) where a scenario fixes a branching ratio by assumption
/// rather than by its couplings: the fully invisible Z' has BR(chi chibar) = 1 in the limit
/// g_chi >> g', so Gamma(chi chibar) is not set by g'. The total width is then only bounded from
/// below by the known widths, and ``totalWidthIsLowerBound`` says so.
public struct DecayTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let channel: DecayChannel
        /// Partial width in GeV, or nil where the scenario does not fix it.
        public let width: Double?
        public let branchingRatio: Double
    }

    public let entries: [Entry]
    /// The total width in GeV (the sum of the known partial widths).
    public let totalWidth: Double
    /// True when some partial width is unknown, so the true total width is larger.
    public let totalWidthIsLowerBound: Bool

    /// A table from partial widths that are all known; BR_i = Gamma_i / Gamma_total.
    public init(widths: [(DecayChannel, Double)]) {
        let total = widths.reduce(0) { $0 + $1.1 }
        entries = widths.map { Entry(channel: $0.0, width: $0.1, branchingRatio: total > 0 ? $0.1 / total : 0) }
        totalWidth = total
        totalWidthIsLowerBound = false
    }

    /// A table whose branching ratios are fixed by assumption: `dominant` takes BR = 1 with an
    /// unknown width, the other channels keep their computed widths and BR = 0 (the limit).
    public init(knownWidths: [(DecayChannel, Double)], dominant: DecayChannel) {
        entries = knownWidths.map { Entry(channel: $0.0, width: $0.1, branchingRatio: 0) }
            + [Entry(channel: dominant, width: nil, branchingRatio: 1)]
        totalWidth = knownWidths.reduce(0) { $0 + $1.1 }
        totalWidthIsLowerBound = true
    }

    /// The branching ratio of a channel (0 for channels not in the table).
    public func branchingRatio(_ channel: DecayChannel) -> Double {
        entries.first { $0.channel == channel }?.branchingRatio ?? 0
    }

    /// The summed branching ratio of the invisible channels.
    public var invisibleBranchingRatio: Double {
        entries.filter(\.channel.isInvisible).reduce(0) { $0 + $1.branchingRatio }
    }

    /// The proper lifetime hbar / Gamma in seconds (an upper bound when the width is a lower bound).
    public var properLifetimeSeconds: Double { Units.lifetimeSeconds(fromWidthGeV: totalWidth) }
    /// The proper decay length c tau in metres (an upper bound when the width is a lower bound).
    public var properDecayLengthMetres: Double { Units.properDecayLengthMetres(fromWidthGeV: totalWidth) }

    /// The mean decay length in the lab, beta gamma c tau, for a mediator of mass `mass` and momentum
    /// `momentum` (both GeV), in metres.
    public func labDecayLengthMetres(mass: Double, momentum: Double) -> Double {
        momentum / mass * properDecayLengthMetres
    }
}
