import HEPCore
import RealModule

/// Overlays beam-background clusters: a Poisson number with the card's mean, energies the cluster
/// threshold plus an exponential with the card's mean, directions uniform in solid angle inside the
/// calorimeter regions (Poisson numbers by counting exponential waiting times: exact, no tables).
public struct BeamBackgroundModule: SimulationModule {
    public let card: DetectorCard.BeamBackground
    public let calorimeter: CalorimeterModule
    public var name: String { "beam-background" }

    public init(card: DetectorCard) {
        self.card = card.beamBackground
        calorimeter = CalorimeterModule(card: card)
    }

    public func simulate(_ generated: GeneratedEvent, _ event: inout RecoEvent, _ rng: inout RandomStream) {
        guard card.enabled, card.meanClusters > 0 else { return }
        var n = 0, t = rng.exponential(mean: 1)
        while t < card.meanClusters, n < 1000 { n += 1; t += rng.exponential(mean: 1) }
        let regions = calorimeter.card.regions
        guard let lo = regions.map(\.minDegrees).min(), let hi = regions.map(\.maxDegrees).max() else { return }
        let cMax = Double.cos(lo * Double.pi / 180), cMin = Double.cos(hi * Double.pi / 180)
        for _ in 0..<n {
            let e = calorimeter.card.clusterThreshold + rng.exponential(mean: card.meanEnergy)
            let theta = Double.acos(rng.uniform(cMin, cMax))
            let phi = rng.uniform(-Double.pi, Double.pi)
            guard calorimeter.covers(theta: theta) else { continue }
            event.clusters.append(RecoCluster(energy: e, theta: theta, phi: phi, truthPDG: 0))
        }
    }
}
