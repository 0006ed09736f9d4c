import HEPCore
import RealModule

/// Charged particles inside the drift-chamber acceptance and above the pt threshold become tracks
/// with the card's efficiency. The momentum is smeared in pt (sigma(pt)/pt = a pt (+) b/beta), theta
/// and phi; the track's reference point is the point of closest approach of the true straight line
/// from the vertex to the beam axis, displaced by Gaussian errors sigma_d0 in the transverse
/// direction perpendicular to the track and sigma_z0 sin(theta) in the direction perpendicular to
/// both (the measurement a straight-line vertex fit uses; curvature over the micrometre scale of
/// the interaction region is neglected).
public struct TrackingModule: SimulationModule {
    public let card: DetectorCard.Tracking
    public var name: String { "tracking" }

    public init(card: DetectorCard) { self.card = card.tracking }

    /// sigma(pt)/pt at transverse momentum pt (GeV) and velocity beta.
    public func ptResolution(pt: Double, beta: Double) -> Double {
        let a = card.ptResolutionCurvature * pt, b = card.ptResolutionMultipleScattering / beta
        return (a * a + b * b).squareRoot()
    }

    /// The two unit vectors perpendicular to a track direction t: u1 transverse (in the x-y plane),
    /// u2 = t x u1.
    public static func measurementAxes(direction t: ThreeVector) -> (ThreeVector, ThreeVector) {
        let tp = t.perp
        let u1 = tp > 0 ? ThreeVector(-t.y / tp, t.x / tp, 0) : ThreeVector(1, 0, 0)
        return (u1, t.unit.cross(u1))
    }

    public func simulate(_ generated: GeneratedEvent, _ event: inout RecoEvent, _ rng: inout RandomStream) {
        for (index, particle) in generated.particles.enumerated() where particle.status == .finalState {
            guard let charge = trackableCharge(particle.id) else { continue }
            let p = particle.momentum
            // Draw every number first, so each particle consumes the same amount of the stream.
            let gauss = (rng.gaussian(), rng.gaussian(), rng.gaussian(), rng.gaussian(), rng.gaussian())
            let accept = rng.uniform()
            guard card.acceptance.contains(theta: p.theta), p.pt >= card.minimumTransverseMomentum, accept < card.efficiency else { continue }
            let beta = p.p / p.e
            let sigmaPt = ptResolution(pt: p.pt, beta: beta)
            let sigmaTheta = card.thetaResolution.sigma(p: p.p, beta: beta, theta: p.theta)
            let sigmaPhi = card.phiResolution.sigma(p: p.p, beta: beta, theta: p.theta)
            let pt = p.pt * (1 + sigmaPt * gauss.0)
            let theta = min(max(p.theta + sigmaTheta * gauss.1, 1e-6), Double.pi - 1e-6)
            let phi = p.phi + sigmaPhi * gauss.2
            let momentum = ThreeVector(pt * Double.cos(phi), pt * Double.sin(phi), pt / Double.tan(theta))
            // Point of closest approach to the z axis of the true line from the vertex.
            let t = p.momentum.unit
            let tt = t.x * t.x + t.y * t.y
            let lambda = tt > 0 ? -(event.vertex.x * t.x + event.vertex.y * t.y) / tt : 0
            let pca = event.vertex + lambda * t
            let sigmaD0 = 1e-6 * card.d0Resolution.sigma(p: p.p, beta: beta, theta: p.theta)
            let sigmaZ0 = 1e-6 * card.z0Resolution.sigma(p: p.p, beta: beta, theta: p.theta)
            let (u1, u2) = Self.measurementAxes(direction: momentum.unit)
            let reference = pca + (sigmaD0 * gauss.3) * u1 + (sigmaZ0 * Double.sin(theta) * gauss.4) * u2
            event.tracks.append(RecoTrack(charge: charge > 0 ? 1 : -1, momentum: momentum, referencePoint: reference,
                                          sigmaD0: sigmaD0, sigmaZ0: sigmaZ0, sigmaPtOverPt: sigmaPt,
                                          sigmaTheta: sigmaTheta, sigmaPhi: sigmaPhi, muonID: false,
                                          truthPDG: particle.id.rawValue, truthIndex: index, calorimeterEnergy: 0))
        }
    }
}
