/// The seed's hand-crafted Z' -> invisible selection (the talk's "Z' invisible selection criteria
/// list" and "Diagonal cut"), as cuts on ``Features/ZPrimeFeatures``. Cut 1 (two opposite-charge
/// tracks, both identified as muons) is the feature tables' preselection. The talk gives the
/// variables, not the values: the thresholds below are loose, physics-motivated starting values set
/// by hand (not tuned) for the per-mass optimiser to replace; the mass-dependent cuts (3, 5, 6.1)
/// take their thresholds per mass.
public enum SeedCuts {
    /// The cuts at the given recoil-window half-width (GeV^2) in M^2 (cut 3: "energy conservation
    /// dependent on M^2_Z'", the +-k sigma window of the seed's optimisation).
    public static func zPrimeInvisible(windowHalfWidth: Threshold) -> [Cut] {
        [
            Cut("2 vertex fit CL", "vertexPValue", .greaterThan, .constant(1e-3)),
            Cut.massSquaredWindow("3 energy conservation (M^2 window)", "recoilMassSquared", halfWidth: windowHalfWidth),
            Cut("4 neutral ECL energy", "neutralEnergySum", .lessThan, .constant(0.4)),
            Cut("5 dimuon pt", "dimuonPt", .greaterThan, .constant(0.2)),
            Cut("6.1 mass conservation", "deltaMGamma", .lessThan, .constant(0.5)),
            Cut("6.2 opening angle", "openingAngleCMS", .lessThan, .constant(3.0)),
            Cut("7 recoil polar angle", "recoilCosThetaCMS", .absoluteLessThan, .constant(0.9)),
            Cut("8 recoil-cluster azimuth", "clusterRecoilDeltaPhi", .greaterThan, .constant(0.3)),
            Cut("9a missing angle (forward)", "recoilThetaLab", .greaterThan, .constant(0.297)),   // 17 degrees
            Cut("9b missing angle (backward)", "recoilThetaLab", .lessThan, .constant(2.618)),     // 150 degrees
            Cut("10 diagonal cut", terms: [Cut.Term("recoilPtProjectionMax"), Cut.Term("recoilPtProjectionMin")], .greaterThan, .constant(0.5)),
        ]
    }

    /// The named preselections that can precede the cuts: none, or Belle's tau skims (the seed's
    /// tauskimA and tauskimB, two-track branch; ``Features/TauSkim`` computes the decisions).
    public static let preselections: [String: [Cut]] = [
        "none": [],
        "tauskimA": [Cut("tauskimA", "tauSkimA", .greaterThan, .constant(0.5))],
        "tauskimB": [Cut("tauskimB", "tauSkimB", .greaterThan, .constant(0.5))],
    ]
}
