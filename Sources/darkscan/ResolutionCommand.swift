import ArgumentParser
import DetectorSimulation
import EventGeneration
import Features
import Foundation
import HEPCore
import Reporting

/// `darkscan resolution`: the signal's recoil-mass resolution versus m_Z' for a detector card.
struct ResolutionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolution",
        abstract: "Print the Z' signal's recoil-mass resolution vs m_Z' (generate, simulate, preselect, measure).",
        discussion: """
            For each mass: e+e- -> mu+ mu- Z' (Z' -> nu nu) events are generated, simulated with the card and \
            preselected (two opposite-charge tracks identified as muons); the widths are half the central \
            68.27% intervals of the recoil mass squared M^2 and of the signed recoil mass M.
            """
    )

    @Option(help: "Detector card: belle, belle2 or a YAML file.")
    var card: String = "belle"

    @Option(help: ArgumentHelp("Z' masses START:STOP:COUNT (GeV).", valueName: "start:stop:count"))
    var massScan: String = "0.05:9:10"

    @Option(help: "Spacing of the mass scan: log or linear.")
    var spacing: MassGrid.Spacing = .linear

    @Option(help: "Generated events per mass.")
    var events: Int = 20_000

    @Flag(help: "Initial-state radiation by the electron structure function.")
    var isr = false

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads. (default: all cores)")
    var threads: Int?

    @OptionGroup var output: FormatOptions

    func run() async throws {
        let card = try DetectorCard.named(self.card)
        let simulator = try DetectorSimulator(card: card)
        let grid: MassGrid
        do { grid = try MassGrid(parsing: massScan, spacing: spacing) } catch { throw ValidationError("--mass-scan: \(error)") }
        let threads = self.threads ?? ProcessInfo.processInfo.activeProcessorCount
        var table = Table(title: "Recoil-mass resolution of e+e- -> mu+ mu- Z' (Z' -> invisible), \(card.name) card, \(grid.summary)",
                          columns: [Table.Column("m_Z'", unit: "GeV"), Table.Column("preselected"), Table.Column("median M^2", unit: "GeV^2"),
                                    Table.Column("sigma(M^2)", unit: "GeV^2"), Table.Column("median M", unit: "GeV"), Table.Column("sigma(M)", unit: "GeV"),
                                    Table.Column("sigma(M^2)/(2 m)", unit: "GeV")])
        table.note("widths: half the central 68.27% interval; \(events) generated events per mass, seed \(seed), ISR \(isr ? "on" : "off")")
        let bar = ProgressBar("resolution")
        for (k, mass) in grid.masses.enumerated() {
            var options = GeneratorOptions(collider: simulator.frame)
            options.seed = seed
            options.threads = threads
            options.initialStateRadiation = isr
            var generator = try MonteCarloGenerator(process: try MuMuZPrime(mass: mass), options: options)
            let sigma = try await generator.integrate(points: 50_000)
            let (sample, _) = try await generator.generate(events: events, weighted: false, maxWeight: sigma.unweightingMaxWeight)
            let (reco, _) = try await simulator.simulate(sample, seed: seed, threads: threads)
            let features = try await ZPrimeFeatures.table(reco, threads: threads)
            bar.update(Double(k + 1) / Double(grid.count))
            guard let m2 = features["recoilMassSquared"], let m = features["recoilMass"],
                  let w2 = RobustWidth.medianAndWidth(m2, weights: features.weights),
                  let w1 = RobustWidth.medianAndWidth(m, weights: features.weights) else {
                try table.append([.number(mass), .text("0"), .missing("-"), .missing("-"), .missing("-"), .missing("-"), .missing("-")])
                continue
            }
            try table.append([.number(mass), .text("\(features.count)"), .number(w2.median), .number(w2.width),
                              .number(w1.median), .number(w1.width), .number(w2.width / (2 * mass))])
        }
        bar.finish()
        print(table.render(output.format), terminator: "")
    }
}
