import Foundation
import HEPCore

/// A generator-level cut that keeps only events in which at least `minimumMuons` outgoing muons of
/// the hard process are inside a detector's acceptance in the lab frame: momentum above
/// `minimumMomentum` (GeV) and polar angle in (`minimumTheta`, `maximumTheta`) (radians).
///
/// Used for backgrounds whose selection requires two identified muons and whose charged particles
/// are all leptons of the hard process (mu mu (gamma), e e mu mu, 4 mu): with the acceptance taken
/// from the detector card (tracking acceptance widened by a margin, and the momentum below which the
/// card's muon identification and fake rates are all zero, lowered by a margin far beyond the
/// momentum resolution), an event the cut removes has no two true muons that can be identified. It
/// neglects events selected with an electron faking the second muon (e e mu mu: in 30,000 events with
/// |cos theta*_mu| < 0.95, 75 have one muon and an electron inside against 3950 with two muons inside;
/// times the Belle card's 0.2% electron fake rate that is about 5e-5 of the selected yield) and new
/// tracks from conversions or decays in flight (not simulated). Counting electrons too was tried: it
/// halved the e e mu mu unweighting efficiency for that 5e-5. The cut enters the integrand, so VEGAS
/// and the unweighting maximum adapt to it.
public struct LabAcceptance: Sendable, Equatable {
    public var cmToLab: LorentzTransform
    public var minimumMomentum: Double
    public var minimumTheta: Double
    public var maximumTheta: Double
    public var minimumMuons: Int
    /// Where the numbers come from (recorded in the sample's settings).
    public var source: String

    public init(cmToLab: LorentzTransform, minimumMomentum: Double, minimumTheta: Double, maximumTheta: Double,
                minimumMuons: Int = 2, source: String) {
        self.cmToLab = cmToLab
        self.minimumMomentum = minimumMomentum
        self.minimumTheta = minimumTheta
        self.maximumTheta = maximumTheta
        self.minimumMuons = minimumMuons
        self.source = source
    }

    /// Whether at least `minimumMuons` of the muons among `outgoing` (CM frame) are inside.
    func passes(_ outgoing: [FourMomentum], ids: [PDGID]) -> Bool {
        var inside = 0
        for (p, id) in zip(outgoing, ids) where id == .muon || id == .antimuon {
            let lab = cmToLab.apply(p)
            let theta = lab.theta
            if lab.p > minimumMomentum && theta > minimumTheta && theta < maximumTheta { inside += 1 }
        }
        return inside >= minimumMuons
    }

    var summary: String {
        let degrees: Double = 180 / Double.pi
        let low: Double = minimumTheta * degrees, high: Double = maximumTheta * degrees
        let text: String = String(format: ">= %d muons with p > %.4g GeV and %.4g deg < theta < %.4g deg in the lab",
                                  minimumMuons, minimumMomentum, low, high)
        return text + " (" + source + ")"
    }
}

/// A process with a generator-level ``LabAcceptance`` cut added to its own cuts and/or the
/// importance sampling of a ``DimuonRegion`` (either may be nil).
struct GeneratorCutProcess: ScatteringProcess {
    let base: any ScatteringProcess
    let acceptance: LabAcceptance?
    let region: DimuonRegion?

    var key: String { base.key }
    var name: String { base.name }
    var channels: [any PhaseSpaceChannel] { base.channels }
    func outgoingIDs(count: Int) -> [PDGID] { base.outgoingIDs(count: count) }
    func matrixElementSquared(p1: FourMomentum, p2: FourMomentum, outgoing: [FourMomentum]) -> Double {
        base.matrixElementSquared(p1: p1, p2: p2, outgoing: outgoing)
    }
    func passesCuts(_ outgoing: [FourMomentum], sqrtS: Double) -> Bool {
        guard base.passesCuts(outgoing, sqrtS: sqrtS) else { return false }
        let ids = base.outgoingIDs(count: outgoing.count)
        if let acceptance, !acceptance.passes(outgoing, ids: ids) { return false }
        return true
    }
    func samplingBias(_ outgoing: [FourMomentum], sqrtS: Double) -> Double {
        let base = self.base.samplingBias(outgoing, sqrtS: sqrtS)
        guard let region else { return base }
        return base * region.bias(outgoing, ids: self.base.outgoingIDs(count: outgoing.count), sqrtS: sqrtS)
    }
    func finalize(_ particles: inout [EventSample.Particle], p1: FourMomentum, p2: FourMomentum, outgoing: [FourMomentum],
                  toCM: LorentzTransform, rng: inout RandomStream) -> Double {
        base.finalize(&particles, p1: p1, p2: p2, outgoing: outgoing, toCM: toCM, rng: &rng)
    }
    var settings: [String: String] {
        var s = base.settings
        if let acceptance { s["lab acceptance cut"] = acceptance.summary }
        if let region { s["signal-region sampling"] = region.summary }
        return s
    }
    var recommendedAdaptation: (iterations: Int, points: Int) { base.recommendedAdaptation }
    var recommendedEventCost: Double { base.recommendedEventCost }
    var radiatesFromBeams: Bool { base.radiatesFromBeams }
}
