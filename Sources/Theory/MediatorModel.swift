import HEPCore

/// A light dark-sector mediator that an e+e- search can produce: the L_mu - L_tau Z', and later the
/// dark photon and the leptophilic scalar. A model knows its mass, its coupling, its decays and its
/// one-loop contribution to the muon anomalous magnetic moment; everything is in GeV.
///
/// For every model here the partial widths and Delta a_mu are proportional to the coupling squared,
/// so quantities computed at coupling 1 scale exactly as coupling^2 (``withCoupling(_:)``).
public protocol MediatorModel: Sendable {
    /// The model's name, e.g. "L_mu - L_tau Z'".
    var name: String { get }
    /// The mediator's particle id.
    var mediatorID: PDGID { get }
    /// The mediator's mass in GeV.
    var mass: Double { get }
    /// The coupling that sets every rate (g' for the Z').
    var coupling: Double { get }
    /// The coupling's symbol for output, e.g. "g'".
    var couplingSymbol: String { get }
    /// Partial widths and branching ratios.
    func decayTable() -> DecayTable
    /// One-loop contribution Delta a_mu to the muon anomaly (g - 2)/2, dimensionless.
    func muonAnomaly() throws(TheoryError) -> Double
    /// The same model with another coupling.
    func withCoupling(_ coupling: Double) throws(TheoryError) -> Self
}
