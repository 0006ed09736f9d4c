import ArgumentParser
import EventGeneration
import EventIO
import Foundation
import HEPCore

extension GeneratorOptions.EventFrame: ExpressibleByArgument {}

/// `darkscan generate`: events of one process written to the native store.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate events of a process and write them to a DarkScan store (.dsev)."
    )

    @OptionGroup var processOptions: ProcessOptions

    @Option(help: ArgumentHelp("Z' mass for mumu-zprime.", valueName: "GeV"))
    var mass: Double?

    @Option(help: "Number of events to write.")
    var events: Int

    @Flag(help: "Keep weighted events (every trial with a non-zero weight) instead of unit-weight events.")
    var weighted = false

    @Option(help: "Points of the pass that fixes the cross section and the maximum weight before sampling.")
    var points: Int = 100_000

    @Option(help: "Frame of the written four-momenta: lab (the collider's) or cm (e+e- centre of mass, e- along +z).")
    var frame: GeneratorOptions.EventFrame = .lab

    @Option(name: .shortAndLong, help: "Output file (.dsev).")
    var output: String

    mutating func validate() throws {
        guard events >= 1 else { throw ValidationError("--events must be >= 1") }
        if processOptions.process == "mumu-zprime" {
            guard let m = mass, m.isFinite, m > 0 else { throw ValidationError("mumu-zprime needs --mass with a finite mass > 0 GeV") }
        } else if mass != nil {
            throw ValidationError("--mass applies to mumu-zprime only")
        }
        guard points >= 100 else { throw ValidationError("--points must be >= 100") }
    }

    func run() async throws {
        let process = try ProcessCatalog.make(processOptions.process, processOptions.parameters(mass: mass))
        var options = try processOptions.generatorOptions(for: process)
        options.frame = frame
        var generator = try MonteCarloGenerator(process: process, options: options)
        let clock = ContinuousClock()
        let startIntegration = clock.now
        let bar = ProgressBar("integrate")
        let sigma = try await generator.integrate(points: points) { bar.update($0) }
        bar.finish()
        let integrationTime = clock.now - startIntegration
        let startSampling = clock.now
        let sampleBar = ProgressBar("generate ")
        let (sample, summary) = try await generator.generate(events: events, weighted: weighted, maxWeight: sigma.unweightingMaxWeight) { sampleBar.update($0) }
        sampleBar.finish()
        let samplingTime = clock.now - startSampling
        try sample.write(to: URL(fileURLWithPath: output))
        let seconds = Double(samplingTime.components.seconds) + Double(samplingTime.components.attoseconds) * 1e-18
        print("""
            \(process.name) at \(options.collider.name) (sqrt(s) = \(String(format: "%.4f", options.collider.sqrtS)) GeV), seed \(options.seed), \(options.threads) thread(s)
              cross section (integration):  \(String(format: "%.6g", sigma.picobarn)) +- \(String(format: "%.2g", sigma.errorPicobarn)) pb
              cross section (sample):       \(String(format: "%.6g", summary.crossSectionPicobarn)) +- \(String(format: "%.2g", summary.crossSectionErrorPicobarn)) pb
              generator cuts:               \(String(format: "%.4f", Double(sigma.nonZero) / Double(max(sigma.points, 1)))) of the integration points pass (cuts and kinematic limits)
              events:                       \(summary.eventsKept) \(weighted ? "weighted" : "unweighted") of \(summary.eventsTried) tried
              \(weighted ? "kept fraction" : "unweighting efficiency"):        \(String(format: "%.4f", summary.efficiency))\(summary.overweightEvents > 0 ? " (\(summary.overweightEvents) overweight events kept with weight > 1)" : "")
              integration:                  \(integrationTime.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))
              sampling:                     \(String(format: "%.1f s, %.0f events/s", seconds, Double(summary.eventsKept) / max(seconds, 1e-9)))
              written to \(output)
            """)
    }
}
