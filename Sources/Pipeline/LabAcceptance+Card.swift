import DetectorSimulation
import EventGeneration
import HEPCore

extension LabAcceptance {
    /// The lab acceptance of a detector card: its tracking acceptance widened by 1 degree on each
    /// side, and 0.97 times the lowest momentum at which any of its muon-identification or fake-rate
    /// tables is non-zero (the card's momentum resolution there is a few per mille, so no event below
    /// can be identified as two muons). For the Belle card: p > 0.582 GeV, 16 < theta < 151 degrees.
    public init(card: DetectorCard, collider: String) throws(PipelineError) {
        let id = card.muonIdentification
        let tables = [id.muonEfficiency, id.pionFakeRate, id.electronFakeRate, id.kaonFakeRate]
        var threshold = id.momentumEdges.last ?? 0
        for row in 0..<(id.momentumEdges.count - 1) where tables.contains(where: { $0[row].contains { $0 > 0 } }) {
            threshold = id.momentumEdges[row]
            break
        }
        let frame: ColliderFrame
        do { frame = try ColliderFrame.named(collider) } catch {
            throw .invalidValue(source: "spec", path: "collider", value: collider, allowed: "belle or belle2")
        }
        let degree = Double.pi / 180
        self.init(cmToLab: frame.cmToLab, minimumMomentum: 0.97 * threshold,
                  minimumTheta: max(0, card.tracking.acceptance.minDegrees - 1) * degree,
                  maximumTheta: min(180, card.tracking.acceptance.maxDegrees + 1) * degree,
                  minimumMuons: 2, source: "from the \(card.name) card")
    }
}
