import HEPCore

/// How a process is integrated and sampled.
public struct GeneratorOptions: Sendable {
    /// The collider: its beams fix sqrt(s) and the lab frame the events are written in.
    public var collider: ColliderFrame
    /// Initial-state radiation by the electron structure function (``ElectronStructureFunction``).
    /// Leave it off for processes whose matrix element already radiates from the beams (mu mu gamma).
    public var initialStateRadiation: Bool = false
    /// Gaussian beam-energy spread (GeV) of the electron and positron beams, or nil for none.
    public var beamEnergySpread: (electron: Double, positron: Double)? = nil
    /// VEGAS and channel-weight adaptation: iterations and points per iteration.
    public var adaptationIterations: Int = 6
    public var pointsPerIteration: Int = 20_000
    /// Phase-space points per work unit: each unit has its own random stream, so results depend on
    /// the seed and this size, never on the number of threads.
    public var chunkSize: Int = 2_000
    /// Worker threads (tasks run concurrently).
    public var threads: Int = 1
    /// The seed of every random stream.
    public var seed: UInt64 = 1
    /// The cost of one kept event (decays, detector simulation, storage, selection) in integrand
    /// evaluations: it fixes the unweighting maximum (``CrossSection/unweightingMaximum(_:trials:eventCost:)``).
    /// nil takes the process's ``ScatteringProcess/recommendedEventCost``. A sample's metadata records the
    /// value used.
    public var unweightingEventCost: Double? = nil
    /// VEGAS bins per dimension.
    public var vegasBins: Int = 40
    /// The frame the events are written in: the collider's lab frame (default) or the e+e- CM frame
    /// with the electron beam along +z.
    public var frame: EventFrame = .lab

    /// The frames events can be written in.
    public enum EventFrame: String, Sendable, CaseIterable { case lab, cm }

    public init(collider: ColliderFrame) { self.collider = collider }

    /// The options as text for a sample's metadata.
    public var settings: [String: String] {
        var out = [
            "collider": collider.name, "sqrt(s) (GeV)": "\(collider.sqrtS)",
            "ISR structure function": "\(initialStateRadiation)",
            "adaptation": "\(adaptationIterations) iterations x \(pointsPerIteration) points, \(vegasBins) VEGAS bins",
            "chunk size": "\(chunkSize)", "seed": "\(seed)", "frame": frame.rawValue,
        ]
        if let spread = beamEnergySpread { out["beam energy spread (GeV)"] = "e- \(spread.electron), e+ \(spread.positron)" }
        return out
    }
}
