import DetectorSimulation
import EventGeneration
import Features
import HEPCore
import Selection

/// The spec's signal-like region (``AnalysisSpec/Region``) as fixed cuts on the reconstructed
/// features, and as the generator's importance sampling on the true muons that spends the Monte
/// Carlo there.
///
/// The generator's "inside" is the region widened by margins on the same quantities computed from
/// the true muons: dimuon p_t lowered by 0.2 GeV, |cos theta*| raised by 0.03, the lab angle widened
/// by 3 degrees. The margins are not beyond every resolution tail (the pair p_t resolution is about
/// 80 MeV for back-to-back 5 GeV muons: sqrt(2) x 5.3 GeV x (0.0019 x 5.3 (+) 0.0030), the Belle
/// card's sigma(p_t)/p_t from NIM A 479, 117; the recoil direction of a soft recoil is poorly
/// measured), which is why points outside are not cut but sampled less often (`generator-bias`) and
/// weighted up: the yields stay unbiased, and the few events reconstructed inside the region from
/// outside the widened one (mu mu (gamma): Born-like events with a mismeasured p_t, 0.4% of the
/// region's yield with p_t > 0.3 GeV and a 0.5 GeV cap, 8.6% with 0.2 and a 0.1 GeV margin; none of the
/// e e mu mu region events; PipelineTests, "Generator cuts and biased sampling", which also measures
/// what the biasing gains) carry the larger weight.
enum SignalRegion {
    static let pairPtMargin = 0.2
    static let cosThetaMargin = 0.03
    static let thetaMarginDegrees = 3.0

    /// The factor on the neutral-energy cap above which the simulation of mu mu (gamma) forces a
    /// photon in the calorimeter to be lost (spec `region.forced-photon-loss`): for the Belle card and
    /// the default cap of 0.3 GeV a 0.33 GeV photon is measured below the cap 5.3 sigma down (sigma/E
    /// = 1.73% there; 5.5 sigma for 0.55 GeV at a 0.5 GeV cap), and other clusters only add energy, so
    /// the dropped branch (the photon seen) is outside the region but for a fraction of about 7e-8.
    /// ``forcedPhotonLossEnergy(_:card:)`` checks at least 5 sigma for any card and cap.
    static let clusterEnergyMargin = 1.1

    /// The forced-photon-loss energy for the region and card, 1.1 x the neutral-energy cap, after
    /// checking that a photon above it cannot be measured below the cap: at least 5 sigma of the
    /// card's energy resolution above it, and the cap above the cluster threshold (a photon measured
    /// below the threshold makes no cluster, and would be inside the region).
    static func forcedPhotonLossEnergy(_ r: AnalysisSpec.Region, card: DetectorCard) throws(PipelineError) -> Double {
        let e = clusterEnergyMargin * r.neutralEnergy
        let sigma = CalorimeterModule(card: card).energyResolution(e) * e
        guard r.neutralEnergy >= card.calorimeter.clusterThreshold, e - r.neutralEnergy >= 5 * sigma, card.calorimeter.photonEfficiency < 1 else {
            throw .invalidValue(source: "spec", path: "region.forced-photon-loss", value: "true",
                                allowed: String(format: "false with neutral-energy %.3g GeV and card %@ (forced loss needs the cap above the cluster threshold "
                                                + "%.3g GeV, 1.1 x the cap at least 5 sigma = %.3g GeV above it, and a photon efficiency below 1)",
                                                r.neutralEnergy, card.name, card.calorimeter.clusterThreshold, 5 * sigma))
        }
        return e
    }
    /// The processes whose simulation forces the photon loss: mu mu (gamma), where photons missed by
    /// the calorimeter (2% for Belle) give about half of the background that the low-mass selections keep.
    static let forcedPhotonLossKeys = ["mumu-gamma"]
    /// Whether the simulation of `process` forces the muon identification (spec `region.forced-muon-id`):
    /// every background whose photons are not forced lost. The gain is largest for soft muons (e e mu
    /// mu, tau decays; efficiencies 0.25-0.8 below 1 GeV) and hadrons faking muons (tau decays; about
    /// 1%). Measured on 400k tau pairs and 300k e e mu mu (release, default region): equivalent
    /// luminosity 4.96 -> 9.09 and 3.79 -> 5.56 fb^-1 (1.8x and 1.5x; muons alone 6.02 and 5.56), region
    /// rows 1.9x and 1.5x; in the default run 1.9x and 1.5x. Not with the forced photon loss (mu mu
    /// (gamma)): the network stage thins those rows to 1 - photon efficiency times an unweighted
    /// event's weight, which the identification's weights would blur, and its muons of about 5 GeV
    /// are identified with 0.92 (a gain of 1.2x at most).
    static func forcesMuonID(_ process: String, isSignal: Bool, _ r: AnalysisSpec.Region) -> Bool {
        !isSignal && r.forcedMuonID && !(r.forcedPhotonLoss && forcedPhotonLossKeys.contains(process))
    }

    /// The region's cuts on ``Features/ZPrimeFeatures`` columns.
    static func cuts(_ r: AnalysisSpec.Region) -> [Cut] {
        let degree = Double.pi / 180
        return [
            Cut("region: dimuon pt", "dimuonPt", .greaterThan, .constant(r.dimuonPt)),
            Cut("region: recoil cos theta*", "recoilCosThetaCMS", .absoluteLessThan, .constant(r.recoilCosTheta)),
            Cut("region: recoil theta_lab (min)", "recoilThetaLab", .greaterThan, .constant(r.recoilThetaLab[0] * degree)),
            Cut("region: recoil theta_lab (max)", "recoilThetaLab", .lessThan, .constant(r.recoilThetaLab[1] * degree)),
            Cut("region: neutral ECL energy", "neutralEnergySum", .lessThan, .constant(r.neutralEnergy)),
        ]
    }

    /// How the region counts the trigger, in words.
    static let triggerText = "each event weighted by its trigger probability"

    /// The region in words (the feature tables' preselection text and the report).
    static func describe(_ r: AnalysisSpec.Region) -> String {
        String(format: "p_t*(mu mu) > %.3g GeV, |cos theta*_recoil| < %.3g, %.3g < theta_recoil,lab < %.3g deg, E_neutral < %.3g GeV",
               r.dimuonPt, r.recoilCosTheta, r.recoilThetaLab[0], r.recoilThetaLab[1], r.neutralEnergy)
    }

    /// The generator's importance sampling on the true muons: the region widened by the margins,
    /// points outside sampled with the relative probability `outsideProbability` (default: the
    /// region's `generator-bias`).
    /// With `vetoProbability` below 1, points with a photon or electron above the forced-photon-loss
    /// energy (1.1 x the neutral-energy cap) inside the card's calorimeter regions are sampled with
    /// that relative probability (``EventGeneration/CalorimeterVeto``).
    /// `marginScale` multiplies the three margins (a background's `generator-margins`).
    static func generatorBias(_ r: AnalysisSpec.Region, outsideProbability: Double? = nil, vetoProbability: Double = 1,
                              marginScale: Double = 1, collider: String, card: DetectorCard) throws(PipelineError) -> DimuonRegion {
        let frame: ColliderFrame
        do { frame = try ColliderFrame.named(collider) } catch {
            throw .invalidValue(source: "spec", path: "collider", value: collider, allowed: "belle or belle2")
        }
        let degree = Double.pi / 180
        let pt = marginScale * pairPtMargin, cos = marginScale * cosThetaMargin, theta = marginScale * thetaMarginDegrees
        return DimuonRegion(cmToLab: frame.cmToLab, minimumPairPt: max(0, r.dimuonPt - pt),
                            maximumRecoilCosTheta: min(1, r.recoilCosTheta + cos),
                            minimumRecoilTheta: max(0, r.recoilThetaLab[0] - theta) * degree,
                            maximumRecoilTheta: min(180, r.recoilThetaLab[1] + theta) * degree,
                            outsideProbability: outsideProbability ?? r.generatorBias, source: String(format: "the spec's region widened by %g GeV, %g, %g deg", pt, cos, theta),
                            veto: vetoProbability < 1 ? calorimeterVeto(r, probability: vetoProbability, card: card) : nil)
    }

    /// The generator's calorimeter veto: the card's calorimeter regions, at 1.1 x the neutral-energy
    /// cap (the forced-photon-loss energy). Being importance sampling, it leaves every yield unbiased
    /// whatever the energy; it pays because a photon or electron there is measured above the cap
    /// (with the Belle card 5.5 sigma), or tracked, and its event is outside the region.
    static func calorimeterVeto(_ r: AnalysisSpec.Region, probability: Double, card: DetectorCard) -> CalorimeterVeto {
        let e = clusterEnergyMargin * r.neutralEnergy
        let degree = Double.pi / 180
        return CalorimeterVeto(thetaRanges: card.calorimeter.regions.map { ($0.minDegrees * degree)...($0.maxDegrees * degree) },
                               minimumEnergy: e, probability: probability)
    }

    /// The features the stages after the region read: the seed's cuts' and every preselection's, the
    /// network's inputs, the trigger probability. The region's rows keep only these: at real scale
    /// they are tens of millions, and the other features would double their memory (21 of the 42 features).
    static let selectionColumns: Set<String> = {
        let cuts = SeedCuts.preselections.values.flatMap { $0 } + SeedCuts.zPrimeInvisible(windowHalfWidth: .constant(1))
        return Set(cuts.flatMap { $0.terms.map(\.feature) } + NetworkInputs.seed + ["triggerProbability"])
    }()

    /// The rows of `table` inside the region (weights, indices and the ``selectionColumns``), with the region
    /// added to the table's preselection text. Each row's weight is multiplied by its trigger
    /// probability (the card's two-track OR calorimeter-energy trigger, ``DetectorSimulation/TriggerModule``):
    /// the expectation of requiring the trigger decision, without the variance of drawing it (0.95
    /// for the signal and the backgrounds at the track trigger's plateau; 0.90 for the soft muons
    /// of the 9 GeV signal).
    static func filter(_ table: FeatureTable, _ r: AnalysisSpec.Region) throws(PipelineError) -> FeatureTable {
        let mask: [Bool]
        do { mask = try CutFlow.mask(table, cuts: cuts(r), mass: 1) } catch {
            throw .stageFailed(stage: "signal-like region", detail: "\(error)")
        }
        guard let trigger = table["triggerProbability"] else {
            throw .stageFailed(stage: "signal-like region", detail: "the feature table of \(table.generator.processKey) has no triggerProbability column")
        }
        var out = table.rows(mask.indices.filter { mask[$0] }, keeping: selectionColumns) { table.weights[$0] * trigger[$0] }
        out.preselection += "; " + describe(r) + "; " + triggerText
        return out
    }
}
