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
    /// Importance sampling against a second, independent property of the point: a photon or
    /// electron that the calorimeter would see (nil: none). Its factor multiplies the region's.
    public var veto: CalorimeterVeto?

    /// `outsideProbability` must be in (0, 1] (the pipeline validates it; a value outside is clamped
    /// into [1e-6, 1] so that nothing is ever cut).
    public init(cmToLab: LorentzTransform, minimumPairPt: Double, maximumRecoilCosTheta: Double,
                minimumRecoilTheta: Double, maximumRecoilTheta: Double, outsideProbability: Double, source: String,
                veto: CalorimeterVeto? = nil) {
        self.veto = veto
        self.cmToLab = cmToLab
        self.minimumPairPt = minimumPairPt
        self.maximumRecoilCosTheta = maximumRecoilCosTheta
        self.minimumRecoilTheta = minimumRecoilTheta
        self.maximumRecoilTheta = maximumRecoilTheta
        self.outsideProbability = outsideProbability.isNaN ? 1 : min(1, max(1e-6, outsideProbability))
        self.source = source
    }

    /// The sampling factor of a point: `outsideProbability` outside (1 inside), times the veto's
    /// probability when it applies.
    func bias(_ outgoing: [FourMomentum], ids: [PDGID], sqrtS: Double) -> Double {
        let region = passes(outgoing, ids: ids, sqrtS: sqrtS) ? 1 : outsideProbability
        guard let veto, veto.applies(outgoing, ids: ids, cmToLab: cmToLab) else { return region }
        return region * veto.probability
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
            + " (" + source + ")" + (veto.map { "; " + $0.summary } ?? "")
    }
}

/// Importance sampling against a photon or electron that the calorimeter would see: a point with an
/// outgoing photon, electron or positron of lab energy above `minimumEnergy` (GeV) at a lab polar
/// angle inside one of `thetaRanges` (radians: the calorimeter's regions, gaps excluded) is sampled
/// with the relative probability `probability` and its event weighted by 1 / probability.
///
/// Used with a region that caps the neutral calorimeter energy below `minimumEnergy` (DarkScan's
/// pipeline: `SignalRegion.generatorBias`, at the forced-photon-loss energy, 1.1 x the cap). Such a
/// photon is then either seen (the event is outside) or, in mu mu (gamma)'s simulation, always lost
/// with weight 1 - photon efficiency (``DetectorSimulation/CalorimeterModule``): every one of those
/// events is in the region at 0.02 of an unweighted event's weight, far more of them than of the
/// events that carry most of the region's yield (soft photons seen below the cap, photons in the
/// gaps), and sampling them less often evens the weights. Such an electron is tracked (inside the
/// drift chamber, a third track) or makes a neutral cluster above the cap (outside it), so its event
/// is outside but for the tracking inefficiency. Nothing is cut: the weights keep every yield unbiased.
public struct CalorimeterVeto: Sendable, Equatable {
    /// Lab polar-angle ranges (radians) of the calorimeter's regions.
    public var thetaRanges: [ClosedRange<Double>]
    /// Lab energy (GeV) above which a photon or electron counts.
    public var minimumEnergy: Double
    /// The relative sampling probability of points with such a particle, in (0, 1].
    public var probability: Double

    /// `probability` is clamped into [1e-6, 1] (the pipeline validates it), NaN to 1.
    public init(thetaRanges: [ClosedRange<Double>], minimumEnergy: Double, probability: Double) {
        self.thetaRanges = thetaRanges
        self.minimumEnergy = minimumEnergy
        self.probability = probability.isNaN ? 1 : min(1, max(1e-6, probability))
    }

    /// Whether a photon, electron or positron among `outgoing` (CM frame) is above the energy inside a range in the lab.
    func applies(_ outgoing: [FourMomentum], ids: [PDGID], cmToLab: LorentzTransform) -> Bool {
        for (p, id) in zip(outgoing, ids) where id == .photon || id == .electron || id == .positron {
            let lab = cmToLab.apply(p)
            guard lab.e > minimumEnergy else { continue }
            let theta = lab.theta
            if thetaRanges.contains(where: { $0.contains(theta) }) { return true }
        }
        return false
    }

    /// The sampling in words.
    public var summary: String {
        let degrees: Double = 180 / Double.pi
        let ranges = thetaRanges.map { String(format: "%.4g-%.4g", $0.lowerBound * degrees, $0.upperBound * degrees) }.joined(separator: ", ")
        return String(format: "a photon or electron above %.4g GeV (lab) at theta_lab in %@ deg sampled with probability %.4g, weight x %.4g",
                      minimumEnergy, ranges, probability, 1 / probability)
    }
}
