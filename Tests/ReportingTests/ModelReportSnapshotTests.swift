import HEPCore
import Reporting
import SnapshotTesting
import Testing
import Theory

/// Golden output of the tables `darkscan model` and `darkscan gm2-band` print. The stored snapshots
/// (__Snapshots__/ModelReportSnapshotTests) were reviewed by hand: widths against
/// g'^2 m/(12 pi) (1 + 2r) sqrt(1 - 4r), BRs summing to 1, Delta a_mu against its heavy-mass limit.
/// Delete a snapshot file and rerun to re-record it after an intended change.
@Suite("Model report golden output")
struct ModelReportSnapshotTests {
    @Test("Single-mass table for m_Z' = 1.5 GeV, g' = 1e-3, vanilla, Belle")
    func singleMass() throws {
        let grid = try MassGrid(start: 1.5, stop: 1.5, count: 1, spacing: .log)
        let report = ModelReport(models: [try LmuLtauZPrime(mass: 1.5, coupling: 1e-3)], grid: grid,
                                 collider: .belle, momentum: nil)
        assertSnapshot(of: try report.singleMassTable().renderText(), as: .lines)
    }

    @Test("Scan table, fully invisible, fixed momentum")
    func scan() throws {
        let grid = try MassGrid(parsing: "0.1:8:5", spacing: .log)
        let models = try grid.masses.map { try LmuLtauZPrime(mass: $0, coupling: 5e-4, scenario: .fullyInvisible) }
        let report = ModelReport(models: models, grid: grid, collider: .belle2, momentum: 3)
        assertSnapshot(of: try report.scanTable().renderText(), as: .lines)
    }

    @Test("(g-2)_mu band, 2025 input: an upper bound only")
    func band2025() throws {
        let table = try BandReport.table(grid: try MassGrid(parsing: "0.01:10:4", spacing: .log), input: .final2025, sigmas: 2)
        assertSnapshot(of: table.renderCSV(), as: .lines)
    }
}
