import HEPCore

/// The trigger as the card parametrises it: a track trigger (at least `minimumTracks` tracks, with
/// a logistic turn-on in the largest track pt) OR an energy trigger (a turn-on in the summed
/// calorimeter energy), each at its plateau: P = 1 - (1 - P_tracks)(1 - P_energy). The event keeps
/// its probability (for reweighting) and a decision drawn from it.
public struct TriggerModule: SimulationModule {
    public let card: DetectorCard.Trigger
    public var name: String { "trigger" }

    public init(card: DetectorCard) { self.card = card.trigger }

    public func probability(_ event: RecoEvent) -> Double {
        var pTracks = 0.0
        if event.tracks.count >= card.minimumTracks, let ptMax = event.tracks.map({ $0.momentum.perp }).max() {
            pTracks = card.trackPlateau * turnOn(ptMax, at: card.trackTurnOnPt, width: card.trackTurnOnWidth)
        }
        let pEnergy = card.energyPlateau * turnOn(event.calorimeterEnergy, at: card.energyTurnOn, width: card.energyTurnOnWidth)
        return 1 - (1 - pTracks) * (1 - pEnergy)
    }

    public func simulate(_ generated: GeneratedEvent, _ event: inout RecoEvent, _ rng: inout RandomStream) {
        event.triggerProbability = probability(event)
        event.triggered = rng.uniform() < event.triggerProbability
    }
}
