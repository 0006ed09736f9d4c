import HEPCore
import RealModule

/// A process e+ e- -> X that the generator can integrate and sample.
///
/// Momenta passed to a process are in the hard-scattering centre-of-mass frame, electron along +z:
/// `p1` the electron, `p2` the positron, `outgoing` in the order of ``outgoingIDs(count:)``. The
/// matrix element is |M|^2 summed over final and averaged over initial helicities, in GeV^(4 - 2n)
/// for n outgoing particles; the generator turns it into pb with the flux 1/(2 s) and the phase-space
/// factor (2 pi)^(4 - 3n).
public protocol ScatteringProcess: Sendable {
    /// The key used on the command line, e.g. "mumu-gamma".
    var key: String { get }
    /// The process as physicists write it.
    var name: String { get }
    /// The phase-space channels (all multiplicities the process has).
    var channels: [any PhaseSpaceChannel] { get }
    /// The ids of the outgoing particles for a point with `count` outgoing momenta.
    func outgoingIDs(count: Int) -> [PDGID]
    /// |M|^2 (see the protocol's documentation).
    func matrixElementSquared(p1: FourMomentum, p2: FourMomentum, outgoing: [FourMomentum]) -> Double
    /// Generator-level cuts on the outgoing momenta in the e+e- centre-of-mass frame.
    func passesCuts(_ outgoing: [FourMomentum], sqrtS: Double) -> Bool
    /// Importance sampling: the factor b in (0, 1] by which the integrand is multiplied at a point
    /// (outgoing momenta in the e+e- CM frame), so that the generator samples regions with b < 1
    /// less often; every event is then weighted by 1 / b and the weights still estimate the cross
    /// section. The default is 1 (no biasing).
    func samplingBias(_ outgoing: [FourMomentum], sqrtS: Double) -> Double
    /// Appends decay products and the like to a kept event (particles in the e+e- CM frame, the
    /// hard momenta given in the hard frame for spin correlations) and returns the factor by which
    /// biased sampling of the decays multiplies the event's weight (1 without). The default does nothing.
    func finalize(_ particles: inout [EventSample.Particle], p1: FourMomentum, p2: FourMomentum,
                  outgoing: [FourMomentum], toCM: LorentzTransform, rng: inout RandomStream) -> Double
    /// The full configuration, recorded in every sample's metadata.
    var settings: [String: String] { get }
    /// Adaptation iterations and points per iteration that suit this process's integrand.
    var recommendedAdaptation: (iterations: Int, points: Int) { get }
    /// The cost of one kept event in integrand evaluations (``GeneratorOptions/unweightingEventCost``):
    /// 3 by default, an estimate of what simulating, storing and selecting an event costs against one
    /// matrix element here (the choice is not critical: through the pipeline, mu mu (gamma)'s equivalent
    /// luminosity per second at 1, 3 and 10 was 0.29, 0.28 and 0.25 fb^-1/s); processes that decay taus
    /// in ``finalize`` spend more per event (tau pairs: 0.092 at 3, 0.099 at 20, 0.080 without overweights).
    var recommendedEventCost: Double { get }
    /// True when the matrix element already radiates photons from the beams (then the ISR structure
    /// function would count initial-state radiation twice and is refused).
    var radiatesFromBeams: Bool { get }
}

extension ScatteringProcess {
    public var recommendedAdaptation: (iterations: Int, points: Int) { (6, 20_000) }
    public var recommendedEventCost: Double { 3 }
    public var radiatesFromBeams: Bool { false }
    public func samplingBias(_ outgoing: [FourMomentum], sqrtS: Double) -> Double { 1 }

    public func finalize(_ particles: inout [EventSample.Particle], p1: FourMomentum, p2: FourMomentum,
                         outgoing: [FourMomentum], toCM: LorentzTransform, rng: inout RandomStream) -> Double { 1 }
}

/// The beams of the hard process in their CM frame for a given sqrt(s): electron along +z.
public func beamMomenta(sqrtS: Double) -> (FourMomentum, FourMomentum) {
    let me = ParticleData.electron.mass
    let p = max(0, sqrtS * sqrtS / 4 - me * me).squareRoot()
    return (FourMomentum(e: sqrtS / 2, px: 0, py: 0, pz: p), FourMomentum(e: sqrtS / 2, px: 0, py: 0, pz: -p))
}
