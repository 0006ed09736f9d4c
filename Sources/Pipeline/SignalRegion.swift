import EventGeneration
import Features
import HEPCore
import Selection

/// The spec's signal-like region (``AnalysisSpec/Region``) as fixed cuts on the reconstructed
/// features, and as the generator-level cut on the true muons that spends the Monte Carlo there.
///
/// The generator cut is the region widened by margins well beyond the Belle card's resolution on
/// the same quantities, so that an event it removes cannot be reconstructed inside the region:
/// dimuon p_t lowered by 0.1 GeV (the p_t resolution of the pair is sigma(p_t)/p_t = 0.0019 p_t (+)
/// 0.003 per muon, about 20-30 MeV for 5 GeV muons, plus the track angles' 1-2 mrad), |cos theta*|
/// raised by 0.03 and the lab angle widened by 3 degrees (the recoil direction is measured to a few
/// mrad for a recoil momentum above 1 GeV; below, the p_t cut leaves little room). A test on
/// unbiased mu mu (gamma) and e e mu mu samples (PipelineTests, "signal-region generator cut")
/// shows that the region's yield is unchanged within its Monte Carlo error.
enum SignalRegion {
    static let pairPtMargin = 0.1
    static let cosThetaMargin = 0.03
    static let thetaMarginDegrees = 3.0

    /// The region's cuts on ``Features/ZPrimeFeatures`` columns.
    static func cuts(_ r: AnalysisSpec.Region) -> [Cut] {
        let degree = Double.pi / 180
        return [
            Cut("region: dimuon pt", "dimuonPt", .greaterThan, .constant(r.dimuonPt)),
            Cut("region: recoil cos theta*", "recoilCosThetaCMS", .absoluteLessThan, .constant(r.recoilCosTheta)),
            Cut("region: recoil theta_lab (min)", "recoilThetaLab", .greaterThan, .constant(r.recoilThetaLab[0] * degree)),
            Cut("region: recoil theta_lab (max)", "recoilThetaLab", .lessThan, .constant(r.recoilThetaLab[1] * degree)),
        ]
    }

    /// The region in words (the feature tables' preselection text and the report).
    static func describe(_ r: AnalysisSpec.Region) -> String {
        String(format: "p_t*(mu mu) > %.3g GeV, |cos theta*_recoil| < %.3g, %.3g < theta_recoil,lab < %.3g deg",
               r.dimuonPt, r.recoilCosTheta, r.recoilThetaLab[0], r.recoilThetaLab[1])
    }

    /// The generator-level cut on the true muons: the region widened by the margins.
    static func generatorCut(_ r: AnalysisSpec.Region, collider: String) throws(PipelineError) -> DimuonRegion {
        let frame: ColliderFrame
        do { frame = try ColliderFrame.named(collider) } catch {
            throw .invalidValue(source: "spec", path: "collider", value: collider, allowed: "belle or belle2")
        }
        let degree = Double.pi / 180
        return DimuonRegion(cmToLab: frame.cmToLab, minimumPairPt: max(0, r.dimuonPt - pairPtMargin),
                            maximumRecoilCosTheta: min(1, r.recoilCosTheta + cosThetaMargin),
                            minimumRecoilTheta: max(0, r.recoilThetaLab[0] - thetaMarginDegrees) * degree,
                            maximumRecoilTheta: min(180, r.recoilThetaLab[1] + thetaMarginDegrees) * degree,
                            source: "the spec's region widened by 0.1 GeV, 0.03, 3 deg")
    }

    /// The rows of `table` inside the region (weights, indices and every column), with the region
    /// added to the table's preselection text.
    static func filter(_ table: FeatureTable, _ r: AnalysisSpec.Region) throws(PipelineError) -> FeatureTable {
        let mask: [Bool]
        do { mask = try CutFlow.mask(table, cuts: cuts(r), mass: 1) } catch {
            throw .stageFailed(stage: "signal-like region", detail: "\(error)")
        }
        var out = FeatureTable(generator: table.generator, cardName: table.cardName,
                               preselection: table.preselection + "; " + describe(r), eventsSeen: table.eventsSeen,
                               definitions: table.definitions)
        let kept = mask.indices.filter { mask[$0] }
        out.weights = kept.map { table.weights[$0] }
        out.eventIndex = kept.map { table.eventIndex[$0] }
        for c in table.columns.indices { out.columns[c] = kept.map { table.columns[c][$0] } }
        return out
    }
}
