import HEPCore

/// Muon identification: each track is flagged as a muon with the card's probability for its true
/// species (muon efficiency, or the pion, kaon, electron fake rates), looked up in lab momentum and
/// polar angle.
public struct ParticleIDModule: SimulationModule {
    public let card: DetectorCard.MuonIdentification
    public var name: String { "particle-id" }

    public init(card: DetectorCard) { self.card = card.muonIdentification }

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
        for k in event.tracks.indices {
            let t = event.tracks[k]
            let p = t.momentum.magnitude
            let theta = FourMomentum(e: p, p: t.momentum).theta
            event.tracks[k].muonID = rng.uniform() < muonProbability(pdg: t.truthPDG, p: p, theta: theta)
        }
    }
}
