import HEPCore

/// A generated event as the simulation sees it: its final-state particles in the lab frame.
public struct GeneratedEvent: Sendable {
    public var particles: [EventSample.Particle]
    public init(particles: [EventSample.Particle]) { self.particles = particles }
}

/// One stage of the fast simulation (tracking, calorimeter, particle identification, trigger, ...).
/// Modules run in a fixed order on each event; each draws from its own random stream
/// (the simulation seed's child named after the module, stream = event index), so a module's
/// numbers do not depend on what other modules drew, nor on the thread that ran the event.
public protocol SimulationModule: Sendable {
    /// The module's name, which also names its random streams.
    var name: String { get }
    func simulate(_ generated: GeneratedEvent, _ event: inout RecoEvent, _ rng: inout RandomStream)
}

/// Charges (units of e) of the particles the detector can track; nil for neutral or unknown ones.
func trackableCharge(_ id: PDGID) -> Double? {
    guard let data = ParticleData.lookup(id), data.charge != 0, data.width < 1e-10 else { return nil }
    return data.charge
}

/// The logistic turn-on 1 / (1 + exp(-(x - x0)/w)), a step for w = 0.
func turnOn(_ x: Double, at x0: Double, width w: Double) -> Double {
    guard w > 0 else { return x >= x0 ? 1 : 0 }
    return 1 / (1 + Double.exp(-(x - x0) / w))
}
