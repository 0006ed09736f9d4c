import Features

/// The fourteen inputs of the seed's Punzi-loss network ("The Punzi Loss Neural Net selection"
/// slide), as DarkScan feature names in the slide's order: E*_mumu, cos theta*_rec, E_sum, p-value,
/// Delta M, Delta M_g, thrust, p_l (min), p_l (max), p*_t(Z') sin alpha_M, p*_t(Z') sin alpha_m,
/// p_t(mumu), and the angles of the mu- and mu+ transverse momenta to the thrust axis.
public enum NetworkInputs {
    public static let seed: [String] = [
        "dimuonEnergyCMS", "recoilCosThetaCMS", "neutralEnergySum", "vertexPValue", "deltaM", "deltaMGamma", "thrust",
        "pLongitudinalMin", "pLongitudinalMax", "recoilPtProjectionMax", "recoilPtProjectionMin", "dimuonPt",
        "angleMuMinusPtThrust", "angleMuPlusPtThrust",
    ]

    /// Row-major values of `names` for every row of `table`; NaN (a failed vertex fit) becomes 0.
    public static func matrix(_ table: FeatureTable, names: [String]) throws(SelectionError) -> [Float] {
        var columns: [[Double]] = []
        for name in names {
            guard let c = table[name] else {
                throw .unknownFeature(cut: "network input", feature: name, available: table.definitions.map(\.name))
            }
            columns.append(c)
        }
        var out = [Float](repeating: 0, count: table.count * names.count)
        for r in 0..<table.count {
            for (j, c) in columns.enumerated() { out[r * names.count + j] = c[r].isFinite ? Float(c[r]) : 0 }
        }
        return out
    }
}
