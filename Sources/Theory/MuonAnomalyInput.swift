/// A measured discrepancy Delta a_mu = a_mu(exp) - a_mu(SM) with its 1 sigma uncertainty, in units
/// of 1e-11, as the inputs a (g-2)_mu favoured band is drawn from.
public struct MuonAnomalyInput: Hashable, Sendable {
    /// The name used on the command line ("2021", "2023", "2025").
    public let name: String
    /// Delta a_mu in units of 1e-11.
    public let deltaE11: Double
    /// Its 1 sigma uncertainty in units of 1e-11.
    public let sigmaE11: Double
    /// Where the numbers come from.
    public let source: String

    /// Delta a_mu as a plain number.
    public var delta: Double { deltaE11 * 1e-11 }
    /// Its uncertainty as a plain number.
    public var sigma: Double { sigmaE11 * 1e-11 }

    /// Fermilab Run 1 with BNL E821 against the 2020 Theory Initiative prediction: (251 +- 59)e-11,
    /// 4.2 sigma (Muon g-2 Collaboration, Phys. Rev. Lett. 126, 141801 (2021), arXiv:2104.03281).
    public static let fnal2021 = MuonAnomalyInput(
        name: "2021", deltaE11: 251, sigmaE11: 59,
        source: "Muon g-2, PRL 126, 141801 (2021): world average 116592061(41)e-11 vs WP20 116591810(43)e-11")
    /// Fermilab Runs 1-3 with BNL against the 2020 prediction: (249 +- 48)e-11, 5.1 sigma (Muon g-2
    /// Collaboration, Phys. Rev. Lett. 131, 161802 (2023), arXiv:2308.06230), as quoted in the seed.
    public static let fnal2023 = MuonAnomalyInput(
        name: "2023", deltaE11: 249, sigmaE11: 48,
        source: "Muon g-2, PRL 131, 161802 (2023): world average 116592059(22)e-11 vs WP20 116591810(43)e-11")
    /// The final Fermilab result (Runs 1-6) averaged with BNL, a_mu(exp) = 116592071.5(14.5)e-11
    /// (Muon g-2 Collaboration, Phys. Rev. Lett. 135, 101802 (2025), arXiv:2506.03069), against the
    /// 2025 Theory Initiative prediction a_mu(SM) = 116592033(62)e-11 (R. Aliberti et al., Phys. Rep.
    /// 1143, 1 (2025), arXiv:2505.21476): Delta a_mu = (38 +- 63)e-11, no significant discrepancy.
    public static let final2025 = MuonAnomalyInput(
        name: "2025", deltaE11: 38, sigmaE11: 63,
        source: "Muon g-2 final, PRL 135, 101802 (2025): world average 116592071.5(14.5)e-11 vs WP25 116592033(62)e-11")

    public static let known: [MuonAnomalyInput] = [fnal2021, fnal2023, final2025]

    /// Looks an input up by name.
    public static func named(_ name: String) throws(TheoryError) -> MuonAnomalyInput {
        guard let input = known.first(where: { $0.name == name }) else {
            throw .unknownName(kind: "(g-2)_mu input", name: name, known: known.map(\.name))
        }
        return input
    }
}
