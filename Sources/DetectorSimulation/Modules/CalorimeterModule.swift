import HEPCore
import RealModule

/// The electromagnetic calorimeter. A photon inside one of the card's polar-angle regions gives a
/// cluster with the card's efficiency, smeared energy (sigma/E = noise/E (+) stochastic/E^(1/4) (+)
/// constant) and direction, if the smeared energy passes the threshold; photons in the gaps between
/// regions or outside (down the beam pipe) are lost. Charged particles deposit their energy
/// (electrons) or a minimum-ionising 0.2 GeV (others): on their track when they were tracked, as a
/// neutral cluster when they were not (e.g. an electron in an endcap outside the drift chamber).
///
/// Forced photon loss (importance sampling of the photon inefficiency): with `forcedLossEnergy` set,
/// a photon inside a region with more energy than it is always lost, and the event's weight is
/// multiplied by the card's 1 - photon efficiency (0.02 for Belle). The branch dropped, in which
/// the photon makes a cluster, has a summed neutral energy above the energy less a few times the
/// resolution (with Belle's card a 0.55 GeV photon lies 5.5 sigma above a cap of 0.5 GeV): for
/// quantities that require the summed neutral energy below such a cap the weighting is exact, and every event with such a photon
/// enters them with the weight 0.02 instead of 2% of them with weight 1 (the standard forced-outcome
/// technique, e.g. forced interactions in J. Spanier and E. M. Gelbard, Monte Carlo Principles and
/// Neutron Transport Problems, Addison-Wesley (1969), Sec. 3.3). Quantities that see events above
/// the cap (the preselected table before the region) lose the dropped branch.
public struct CalorimeterModule: SimulationModule {
    public let card: DetectorCard.Calorimeter
    public var name: String { "calorimeter" }
    /// Photons inside the calorimeter above this lab energy (GeV) are forced lost (nil: off).
    public let forcedLossEnergy: Double?
    /// Energy a minimum-ionising particle leaves in 16 radiation lengths of CsI(Tl) (GeV, approx.).
    public static let minimumIonisingDeposit = 0.2

    public init(card: DetectorCard, forcedLossEnergy: Double? = nil) {
        self.card = card.calorimeter
        self.forcedLossEnergy = forcedLossEnergy
    }

    /// Whether polar angle theta (radians) is inside a calorimeter region.
    public func covers(theta: Double) -> Bool { card.regions.contains { $0.contains(theta: theta) } }

    /// sigma(E)/E at energy E (GeV).
    public func energyResolution(_ e: Double) -> Double {
        let a = card.energyResolutionNoise / e, b = card.energyResolutionStochastic / Double.pow(e, 0.25)
        let c = card.energyResolutionConstant
        return (a * a + b * b + c * c).squareRoot()
    }

    /// A smeared cluster for a deposit of `energy` at direction (theta, phi), or nil below threshold.
    func cluster(energy: Double, theta: Double, phi: Double, truth: Int32, _ rng: inout RandomStream) -> RecoCluster? {
        let g = (rng.gaussian(), rng.gaussian(), rng.gaussian())
        let e = energy * (1 + energyResolution(energy) * g.0)
        guard e >= card.clusterThreshold else { return nil }
        let sigmaAngle = (card.angularResolutionConstant * card.angularResolutionConstant
            + card.angularResolutionStochastic * card.angularResolutionStochastic / e).squareRoot()
        let th = min(max(theta + sigmaAngle * g.1, 0), Double.pi)
        return RecoCluster(energy: e, theta: th, phi: phi + sigmaAngle * g.2 / max(Double.sin(th), 1e-3), truthPDG: truth)
    }

    public func simulate(_ generated: GeneratedEvent, _ event: inout RecoEvent, _ rng: inout RandomStream) {
        for (index, particle) in generated.particles.enumerated() where particle.status == .finalState {
            let p = particle.momentum
            let accept = rng.uniform()
            guard covers(theta: p.theta) else { continue }
            if particle.id == .photon {
                if let forcedLossEnergy, p.e > forcedLossEnergy {
                    event.weightFactor *= 1 - card.photonEfficiency
                    continue
                }
                guard accept < card.photonEfficiency, let c = cluster(energy: p.e, theta: p.theta, phi: p.phi, truth: 22, &rng) else { continue }
                event.clusters.append(c)
            } else if trackableCharge(particle.id) != nil {
                let deposit = abs(particle.id.rawValue) == 11 ? p.e : min(p.e, Self.minimumIonisingDeposit)
                if let t = event.tracks.firstIndex(where: { $0.truthIndex == index }) {
                    event.tracks[t].calorimeterEnergy = deposit
                } else if let c = cluster(energy: deposit, theta: p.theta, phi: p.phi, truth: particle.id.rawValue, &rng) {
                    event.clusters.append(c)
                }
            }
        }
    }
}
