import HEPCore
import Theory

/// The table of the (g-2)_mu favoured band of a vector mediator over a mass grid.
public enum BandReport {
    /// Rows of (mass, lower, central, upper coupling); a missing lower edge reads "none" and the
    /// notes say that the band is then an upper bound only.
    public static func table(grid: MassGrid, input: MuonAnomalyInput, sigmas: Double) throws -> Table {
        let bands = try grid.masses.map { try FavouredBand(vectorMass: $0, input: input, sigmas: sigmas) }
        var table = Table(title: "(g-2)_mu favoured g' band (+-\(sigmas) sigma) for a vector coupling to muons: \(grid.summary)",
                          columns: [Table.Column("m_Z'", unit: "GeV"), Table.Column("g'_low"), Table.Column("g'_central"), Table.Column("g'_high")])
        table.note("input \(input.name): Delta a_mu = (\(input.deltaE11) +- \(input.sigmaE11))e-11; \(input.source)")
        let low = input.deltaE11 - sigmas * input.sigmaE11
        if low <= 0 {
            table.note("Delta a_mu - \(sigmas) sigma = \(low)e-11 <= 0: the interval reaches g' = 0, so this is an upper bound on g', not a band")
        }
        if input.deltaE11 + sigmas * input.sigmaE11 <= 0 {
            table.note("Delta a_mu + \(sigmas) sigma <= 0: no coupling of a vector mediator is favoured")
        }
        for b in bands {
            try table.append([
                .number(b.mass),
                b.lowerCoupling.map(Table.Cell.number) ?? .missing("none"),
                b.centralCoupling.map(Table.Cell.number) ?? .missing("none"),
                b.upperCoupling.map(Table.Cell.number) ?? .missing("none"),
            ])
        }
        return table
    }
}
