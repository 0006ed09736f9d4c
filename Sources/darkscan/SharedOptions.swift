import ArgumentParser
import HEPCore
import Reporting

extension Table.Format: ExpressibleByArgument {}
extension MassGrid.Spacing: ExpressibleByArgument {}

/// Selects one mass or a scan of masses.
struct MassOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A single mediator mass.", valueName: "GeV"))
    var mass: Double?

    @Option(help: ArgumentHelp("Scan masses START:STOP:COUNT (GeV), e.g. 0.01:10:200.", valueName: "start:stop:count"))
    var massScan: String?

    @Option(help: "Spacing of the scan's masses: log or linear.")
    var spacing: MassGrid.Spacing = .log

    /// The scan used when neither --mass nor --mass-scan is given.
    static let defaultScan = "0.01:10:16"

    mutating func validate() throws {
        if mass != nil, massScan != nil { throw ValidationError("give either --mass or --mass-scan, not both") }
        if let m = mass, !(m.isFinite && m > 0) {
            throw ValidationError("--mass must be a finite mass in GeV greater than 0, got \(m)")
        }
        _ = try grid()
    }

    /// The grid to evaluate: the single mass, the scan, or the default scan.
    func grid() throws -> MassGrid {
        do {
            if let m = mass { return try MassGrid(start: m, stop: m, count: 1, spacing: spacing) }
            return try MassGrid(parsing: massScan ?? Self.defaultScan, spacing: spacing)
        } catch {
            throw ValidationError("--mass-scan: \(error)")
        }
    }
}

/// The output format option shared by commands that print tables.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: Table.Format = .table
}
