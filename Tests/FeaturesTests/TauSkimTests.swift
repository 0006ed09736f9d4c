import Features
import Testing

/// Belle's tau skims (the seed's tauskimA / tauskimB lists), two-track branch.
@Suite("Tau skims")
struct TauSkimTests {
    /// A two-muon event with missing energy, well inside both skims.
    func typical() -> TauSkim.Variables {
        TauSkim.Variables(ptMax: 2.0, vertexR: 0.01, vertexZ: 0.2, momentumSum: 6.0, eclSum: 0.1, missingTheta: 60,
                          visibleEnergyCMS: 6.2, visibleEnergyLab: 7.0, openingAngle: 150, barrelTracks: 2)
    }

    @Test("a typical two-muon event with missing energy passes both skims")
    func typicalPasses() {
        #expect(TauSkim.passesA(typical()) && TauSkim.passesB(typical()))
    }

    @Test("each requirement can fail the event, A tighter than B where the lists differ", arguments: [
        // (change, passes A, passes B)
        ("pt", false, false), ("vertexR 0.7 cm", false, true), ("vertexR 1.2 cm", false, false), ("vertexZ", false, false),
        ("momentum sum 9.5", false, false), ("ECL sum 9.5", false, true), ("missing theta 3 deg", false, false),
        ("low E_rec and pt", false, false), ("back-to-back, high E_tot", false, false), ("back-to-back, E_tot high, ECL 3 GeV", false, true),
        ("NaN vertex", false, false),
    ])
    func requirements(_ change: String, _ a: Bool, _ b: Bool) {
        var v = typical()
        switch change {
        case "pt": v.ptMax = 0.4
        case "vertexR 0.7 cm": v.vertexR = 0.7
        case "vertexR 1.2 cm": v.vertexR = 1.2
        case "vertexZ": v.vertexZ = -3.5
        case "momentum sum 9.5": v.momentumSum = 9.5
        case "ECL sum 9.5": v.eclSum = 9.5
        case "missing theta 3 deg": v.missingTheta = 3
        case "low E_rec and pt": v.visibleEnergyCMS = 2.5; v.ptMax = 0.8
        case "back-to-back, high E_tot": v.openingAngle = 178; v.visibleEnergyLab = 9.5
        case "back-to-back, E_tot high, ECL 3 GeV": v.openingAngle = 178; v.visibleEnergyLab = 9.5; v.eclSum = 3
        case "NaN vertex": v.vertexR = .nan; v.vertexZ = .nan
        default: Issue.record("unknown change \(change)")
        }
        #expect(TauSkim.passesA(v) == a, "A: \(change)")
        #expect(TauSkim.passesB(v) == b, "B: \(change)")
    }
}
