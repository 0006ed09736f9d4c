import HEPCore

/// Draws the event's true vertex from the Gaussian interaction region of the card (the generated
/// particles all come from it).
public struct InteractionRegionModule: SimulationModule {
    public let sigma: ThreeVector
    public var name: String { "interaction-region" }

    public init(card: DetectorCard) {
        let s = card.beams.spotSizeMicrons
        sigma = 1e-6 * ThreeVector(s[0], s[1], s[2])
    }

    public func simulate(_ generated: GeneratedEvent, _ event: inout RecoEvent, _ rng: inout RandomStream) {
        event.vertex = ThreeVector(sigma.x * rng.gaussian(), sigma.y * rng.gaussian(), sigma.z * rng.gaussian())
    }
}
