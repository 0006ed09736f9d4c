import ArgumentParser
import EventGeneration
import HEPCore
import Reporting

/// `darkscan xsec`: cross sections with Monte Carlo errors, for one process or a Z' mass scan.
struct XsecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xsec",
        abstract: "Integrate a process: sigma (pb) with its Monte Carlo error, or sigma(e+e- -> mu mu Z') vs mass at g' = 1."
    )

    @OptionGroup var processOptions: ProcessOptions

    @Option(help: ArgumentHelp("Z' masses START:STOP:COUNT for mumu-zprime.", valueName: "start:stop:count"))
    var massScan: String?

    @Option(help: ArgumentHelp("A single Z' mass for mumu-zprime.", valueName: "GeV"))
    var mass: Double?

    @Option(help: "Spacing of the mass scan: log or linear.")
    var spacing: MassGrid.Spacing = .linear

    @Option(help: "Points of the final integration pass (after adaptation).")
    var points: Int = 100_000

    @OptionGroup var output: FormatOptions

    mutating func validate() throws {
        if processOptions.process == "mumu-zprime" {
            guard (mass == nil) != (massScan == nil) else { throw ValidationError("mumu-zprime needs --mass or --mass-scan (one of them)") }
            _ = try masses()
        } else if mass != nil || massScan != nil {
            throw ValidationError("--mass and --mass-scan apply to mumu-zprime only")
        }
        guard points >= 100 else { throw ValidationError("--points must be >= 100") }
    }

    func masses() throws -> [Double?] {
        guard processOptions.process == "mumu-zprime" else { return [nil] }
        if let m = mass {
            guard m.isFinite, m > 0 else { throw ValidationError("--mass must be a finite mass > 0 GeV") }
            return [m]
        }
        do {
            return try MassGrid(parsing: massScan ?? "", spacing: spacing).masses
        } catch {
            throw ValidationError("--mass-scan: \(error)")
        }
    }

    func run() async throws {
        let grid = try masses()
        let options = try processOptions.generatorOptions(for: ProcessCatalog.make(processOptions.process, processOptions.parameters(mass: grid.first ?? nil)))
        let isScan = processOptions.process == "mumu-zprime"
        var table = Table(title: "", columns: [])
        var rows: [[Table.Cell]] = []
        var name = ""
        let bar = ProgressBar("xsec")
        for (i, m) in grid.enumerated() {
            let process = try ProcessCatalog.make(processOptions.process, processOptions.parameters(mass: m))
            name = process.name
            var generator = try MonteCarloGenerator(process: process, options: options)
            let base = Double(i) / Double(grid.count), share = 1 / Double(grid.count)
            let sigma = try await generator.integrate(points: points) { f in bar.update(base + f * share) }
            var row: [Table.Cell] = isScan ? [.number(m ?? .nan)] : []
            row += [.number(sigma.picobarn), .number(sigma.errorPicobarn), .number(sigma.unweightingEfficiency)]
            rows.append(row)
        }
        bar.finish()
        let columns = (isScan ? [Table.Column("m_Z'", unit: "GeV")] : [])
            + [Table.Column("sigma", unit: "pb"), Table.Column("MC error", unit: "pb"), Table.Column("unweighting efficiency")]
        table = Table(title: "\(name) at \(options.collider.name), sqrt(s) = \(options.collider.sqrtS) GeV"
                        + (isScan ? ", g' = 1 (sigma scales as g'^2; Z' branching ratio not applied)" : ""),
                      columns: columns)
        let process = try ProcessCatalog.make(processOptions.process, processOptions.parameters(mass: grid.first ?? nil))
        for (k, v) in process.settings.sorted(by: { $0.key < $1.key }) where k != "m_Z' (GeV)" { table.note("\(k): \(v)") }
        table.note("ISR structure function: \(options.initialStateRadiation); seed \(options.seed); \(points) points after \(options.adaptationIterations) x \(options.pointsPerIteration) adaptation points")
        for r in rows { try table.append(r) }
        print(table.render(output.format), terminator: "")
    }
}
