import HEPCore

/// Muon identification: each track is flagged as a muon with the card's probability for its true
/// species (muon efficiency, or the pion, kaon, electron fake rates), looked up in lab momentum and
/// polar angle.
///
/// Forced identification (importance sampling of the muon-ID decision, the forced-outcome technique
/// of ``CalorimeterModule``'s forced photon loss): with `forcedMuonIdentification` on, in an event
/// with exactly two tracks each track with a non-zero probability (a muon's efficiency, a pion's,
/// kaon's or electron's fake rate) is always identified, and the event's weight is multiplied by
/// that probability. The branch dropped (a track not identified) cannot have two identified tracks,
/// so for selections that require both tracks of a two-track event identified as muons (the Z'
/// preselection, ``Features/ZPrimeFeatures``) the weighting is exact: such an event enters with the
/// weight p_1 p_2 instead of a fraction p_1 p_2 of them with weight 1, which removes the
/// identification's share of the Monte Carlo variance (the variance of a yield falls by the
/// weighted mean of p_1 p_2: 0.5-0.85 for muons, about 0.01 for a pion faking one). Selections that
/// keep events with an unidentified track lose that branch.
public struct ParticleIDModule: SimulationModule {
    public let card: DetectorCard.MuonIdentification
    public var name: String { "particle-id" }
    /// The tracks of two-track events are always identified, with their probability as a weight.
    public let forcedMuonIdentification: Bool

    public init(card: DetectorCard, forcedMuonIdentification: Bool = false) {
        self.card = card.muonIdentification
        self.forcedMuonIdentification = forcedMuonIdentification
    }

    /// The table value at momentum p (GeV) and polar angle theta (radians); 0 outside the table.
    public func lookup(_ table: [[Double]], p: Double, theta: Double) -> Double {
        let deg = theta * 180 / Double.pi
        guard let i = Self.bin(card.momentumEdges, p), let j = Self.bin(card.polarAngleEdgesDegrees, deg) else { return 0 }
        return table[i][j]
    }

    static func bin(_ edges: [Double], _ x: Double) -> Int? {
        guard let first = edges.first, let last = edges.last, x >= first, x < last else { return nil }
        return (edges.lastIndex { $0 <= x } ?? 0)
    }

    /// The probability that a track of true species `pdg` is identified as a muon.
    public func muonProbability(pdg: Int32, p: Double, theta: Double) -> Double {
        switch abs(pdg) {
        case 13: lookup(card.muonEfficiency, p: p, theta: theta)
        case 211: lookup(card.pionFakeRate, p: p, theta: theta)
        case 321: lookup(card.kaonFakeRate, p: p, theta: theta)
        case 11: lookup(card.electronFakeRate, p: p, theta: theta)
        default: 0
        }
    }

    public func simulate(_ generated: GeneratedEvent, _ event: inout RecoEvent, _ rng: inout RandomStream) {
        let force = forcedMuonIdentification && event.tracks.count == 2
        for k in event.tracks.indices {
            let t = event.tracks[k]
            let p = t.momentum.magnitude
            let theta = FourMomentum(e: p, p: t.momentum).theta
            let probability = muonProbability(pdg: t.truthPDG, p: p, theta: theta)
            // Every track draws, forced or not, so that a forced simulation sees the plain one's numbers.
            let u = rng.uniform()
            if force, probability > 0 {
                event.tracks[k].muonID = true
                event.weightFactor *= probability
            } else {
                event.tracks[k].muonID = u < probability
            }
        }
    }
}
