import Foundation
import HEPCore

/// Importance sampling towards an analysis's signal-like region, on the true mu+ mu- pair of the
/// hard process: a point is "inside" when the dimuon transverse momentum in the e+e- CM frame is
/// above `minimumPairPt` (GeV), the recoil direction -p*_mumu at |cos theta*| below
/// `maximumRecoilCosTheta`, and the lab polar angle of the recoil momentum (beams minus the dimuon)
/// inside (`minimumRecoilTheta`, `maximumRecoilTheta`) (radians). Points outside are sampled with
/// the relative probability `outsideProbability` and their events weighted by 1 / outsideProbability
/// (``ScatteringProcess/samplingBias(_:sqrtS:)``): nothing is cut, the weights estimate every yield
/// without bias, and the events go where the region is.
///
/// The quantities are those of the reconstructed features `dimuonPt`, `recoilCosThetaCMS` and
/// `recoilThetaLab` (``Features/ZPrimeFeatures``) computed from the true muons; the caller widens the
/// reconstructed region by margins (DarkScan's pipeline: `SignalRegion.generatorBias`) so that few
/// events reconstructed inside come from outside (those that do carry the larger weight). For
/// processes with exactly one mu- and one mu+ in the hard process (mu mu (gamma), e e mu mu); the
/// factor enters the integrand, so VEGAS and the unweighting maximum adapt to it.
public struct DimuonRegion: Sendable, Equatable {
    public var cmToLab: LorentzTransform
    public var minimumPairPt: Double
    public var maximumRecoilCosTheta: Double
    public var minimumRecoilTheta: Double
    public var maximumRecoilTheta: Double
    /// The relative sampling probability of points outside, in (0, 1].
    public var outsideProbability: Double
    /// Where the numbers come from (recorded in the sample's settings).
    public var source: String

    /// `outsideProbability` must be in (0, 1] (the pipeline validates it; a value outside is clamped
    /// into [1e-6, 1] so that nothing is ever cut).
    public init(cmToLab: LorentzTransform, minimumPairPt: Double, maximumRecoilCosTheta: Double,
                minimumRecoilTheta: Double, maximumRecoilTheta: Double, outsideProbability: Double, source: String) {
        self.cmToLab = cmToLab
        self.minimumPairPt = minimumPairPt
        self.maximumRecoilCosTheta = maximumRecoilCosTheta
        self.minimumRecoilTheta = minimumRecoilTheta
        self.maximumRecoilTheta = maximumRecoilTheta
        self.outsideProbability = outsideProbability.isNaN ? 1 : min(1, max(1e-6, outsideProbability))
        self.source = source
    }

    /// Whether the mu- and mu+ among `outgoing` (e+e- CM frame, total energy `sqrtS`) are inside.
    /// An event without exactly one of each fails.
    func passes(_ outgoing: [FourMomentum], ids: [PDGID], sqrtS: Double) -> Bool {
        var minus: FourMomentum?, plus: FourMomentum?
        for (p, id) in zip(outgoing, ids) {
            if id == .muon { guard minus == nil else { return false }; minus = p }
            if id == .antimuon { guard plus == nil else { return false }; plus = p }
        }
        guard let minus, let plus else { return false }
        let pair = minus + plus
        guard pair.pt > minimumPairPt else { return false }
        let recoil = FourMomentum(e: sqrtS, px: 0, py: 0, pz: 0) - pair
        guard abs(recoil.cosTheta) < maximumRecoilCosTheta else { return false }
        let theta = cmToLab.apply(recoil).theta
        return theta > minimumRecoilTheta && theta < maximumRecoilTheta
    }

    /// The sampling in words (recorded in the sample's settings and the report).
    public var summary: String {
        let degrees: Double = 180 / Double.pi
        return String(format: "true mu mu outside p_t* > %.4g GeV, |cos theta*_recoil| < %.4g, %.4g < theta_recoil,lab < %.4g deg sampled with probability %.4g, weight x %.4g",
                      minimumPairPt, maximumRecoilCosTheta, minimumRecoilTheta * degrees, maximumRecoilTheta * degrees,
                      outsideProbability, 1 / outsideProbability)
            + " (" + source + ")"
    }
}
