import HEPCore
import RealModule

/// Overlays beam-background clusters: a Poisson number with the card's mean, energies the cluster
/// threshold plus an exponential with the card's mean, directions uniform in solid angle over the
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
        // Uniform in solid angle over the union of the regions: pick a region by its cos-theta length.
        let intervals = calorimeter.card.regions.map { r in
            (Double.cos(r.maxDegrees * Double.pi / 180), Double.cos(r.minDegrees * Double.pi / 180))
        }
        let total = intervals.reduce(0) { $0 + ($1.1 - $1.0) }
        guard total > 0 else { return }
        for _ in 0..<n {
            let e = calorimeter.card.clusterThreshold + rng.exponential(mean: card.meanEnergy)
            var c = rng.uniform() * total
            var cosTheta = intervals[0].0
            for (lo, hi) in intervals {
                if c <= hi - lo { cosTheta = lo + c; break }
                c -= hi - lo
            }
            let phi = rng.uniform(-Double.pi, Double.pi)
            event.clusters.append(RecoCluster(energy: e, theta: Double.acos(min(max(cosTheta, -1), 1)), phi: phi, truthPDG: 0))
        }
    }
}
