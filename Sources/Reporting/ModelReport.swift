import HEPCore
import Theory

/// Tables of a Z' model's decays, lifetime and Delta a_mu, for one mass or a scan.
public struct ModelReport: Sendable {
    public let models: [LmuLtauZPrime]
    public let grid: MassGrid
    public let collider: ColliderFrame
    /// A fixed Z' momentum (GeV) for the lab decay length, or nil for the kinematic maximum.
    public let momentum: Double?

    public init(models: [LmuLtauZPrime], grid: MassGrid, collider: ColliderFrame, momentum: Double?) {
        self.models = models
        self.grid = grid
        self.collider = collider
        self.momentum = momentum
    }

    /// The Z' momentum used for the lab decay length: the fixed one, or the largest momentum of the
    /// Z' in e+e- -> mu+ mu- Z' at the collider's sqrt(s), when the dimuon is at threshold:
    /// p = sqrt(lambda(s, m^2, 4 m_mu^2)) / (2 sqrt s) (PDG 2024, "Kinematics", Eq. 49.17).
    /// Nil when the Z' is too heavy to be produced.
    public func zPrimeMomentum(mass: Double) -> Double? {
        if let p = momentum { return p }
        return twoBodyMomentum(parentMass: collider.sqrtS, mass, 2 * ParticleData.muon.mass)
    }

    private var momentumNote: String {
        if let p = momentum { return "lab decay length beta gamma c tau at p = \(p) GeV" }
        return String(format: "lab decay length beta gamma c tau at the largest Z' momentum in e+e- -> mu+ mu- Z' at sqrt(s) = %.4f GeV (%@, CM frame)", collider.sqrtS, collider.name)
    }

    private var scenarioNotes: [String] {
        guard let first = models.first else { return [] }
        var notes = ["\(first.name), scenario \(first.scenario.name), g' = \(first.coupling)"]
        switch first.scenario {
        case .vanilla: notes.append("invisible = nu_mu nubar_mu + nu_tau nubar_tau")
        case let .darkFermion(mChi, q): notes.append("dark fermion chi: m_chi = \(mChi) GeV, g_chi = \(q) g'")
        case .fullyInvisible:
            notes.append("fully invisible: BR(chi chibar) = 1 by assumption (g_chi >> g'); Gamma(chi chibar) is not fixed by g',")
            notes.append("so the total width shown is a lower bound and the lifetime and decay lengths are upper bounds")
        }
        return notes
    }

    /// The channels present in the tables, in order.
    private var channels: [DecayChannel] {
        models.first?.decayTable().entries.map(\.channel) ?? []
    }

    /// One row per mass: partial widths, total width, BRs, lifetime, decay lengths and Delta a_mu.
    public func scanTable() throws -> Table {
        var columns = [Table.Column("m_Z'", unit: "GeV")]
        columns += channels.map { Table.Column("Gamma(\($0.label))", unit: "GeV") }
        columns += [Table.Column("Gamma_total", unit: "GeV")]
        columns += channels.filter { !$0.isInvisible }.map { Table.Column("BR(\($0.label))") }
        columns += [Table.Column("BR(invisible)"), Table.Column("tau", unit: "s"), Table.Column("c tau", unit: "m"),
                    Table.Column("p_Z'", unit: "GeV"), Table.Column("beta gamma c tau", unit: "m"), Table.Column("Delta a_mu")]
        var table = Table(title: "L_mu - L_tau Z': \(grid.summary)", columns: columns)
        for note in scenarioNotes { table.note(note) }
        table.note(momentumNote)
        for model in models {
            let decays = model.decayTable()
            var row: [Table.Cell] = [.number(model.mass)]
            row += decays.entries.map { $0.width.map(Table.Cell.number) ?? .missing("unknown") }
            row.append(.number(decays.totalWidth))
            row += decays.entries.filter { !$0.channel.isInvisible }.map { .number($0.branchingRatio) }
            row += [.number(decays.invisibleBranchingRatio), .number(decays.properLifetimeSeconds), .number(decays.properDecayLengthMetres)]
            if let p = zPrimeMomentum(mass: model.mass) {
                row += [.number(p), .number(decays.labDecayLengthMetres(mass: model.mass, momentum: p))]
            } else {
                row += [.missing("not produced"), .missing("-")]
            }
            row.append(.number(try model.muonAnomaly()))
            try table.append(row)
        }
        return table
    }

    /// A vertical table (quantity, value, unit) for a single mass.
    public func singleMassTable() throws -> Table {
        guard let model = models.first else { return Table(title: "no model", columns: []) }
        let decays = model.decayTable()
        var table = Table(title: "L_mu - L_tau Z' at m_Z' = \(model.mass) GeV",
                          columns: [Table.Column("quantity"), Table.Column("value"), Table.Column("unit")])
        for note in scenarioNotes { table.note(note) }
        func add(_ name: String, _ value: Table.Cell, _ unit: String) throws {
            try table.append([.text(name), value, .text(unit)])
        }
        for e in decays.entries {
            try add("Gamma(Z' -> \(e.channel.label))", e.width.map(Table.Cell.number) ?? .missing("unknown"), "GeV")
        }
        let bound = decays.totalWidthIsLowerBound
        try add(bound ? "Gamma_total (lower bound)" : "Gamma_total", .number(decays.totalWidth), "GeV")
        for e in decays.entries { try add("BR(Z' -> \(e.channel.label))", .number(e.branchingRatio), "") }
        try add("BR(Z' -> invisible)", .number(decays.invisibleBranchingRatio), "")
        try add(bound ? "tau (upper bound)" : "tau", .number(decays.properLifetimeSeconds), "s")
        try add(bound ? "c tau (upper bound)" : "c tau", .number(decays.properDecayLengthMetres), "m")
        if let p = zPrimeMomentum(mass: model.mass) {
            try add("p_Z'", .number(p), "GeV")
            try add(bound ? "beta gamma c tau (upper bound)" : "beta gamma c tau",
                    .number(decays.labDecayLengthMetres(mass: model.mass, momentum: p)), "m")
        } else {
            try add("p_Z'", .missing("not produced at this sqrt(s)"), "GeV")
        }
        try add("Delta a_mu", .number(try model.muonAnomaly()), "")
        table.note(momentumNote)
        return table
    }
}
