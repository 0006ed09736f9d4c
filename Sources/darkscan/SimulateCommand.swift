import ArgumentParser
import DetectorSimulation
import EventIO
import Foundation
import HEPCore

/// `darkscan simulate`: the fast detector simulation of a generated sample.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the Belle or Belle II detector on a generated sample (.dsev) and write reconstructed events (.dsrec).",
        discussion: "Built-in cards: belle, belle2; `darkscan simulate --print-card belle` prints one to copy and edit, then pass its path to --card."
    )

    @Option(help: "Detector card: belle, belle2 or a YAML file.")
    var card: String = "belle"

    @Option(help: ArgumentHelp("Print a built-in card's YAML and exit.", valueName: "name"))
    var printCard: String?

    @Option(help: "Random seed of the simulation.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads; results do not depend on it. (default: all cores)")
    var threads: Int?

    @Argument(help: "Generated sample: DarkScan store (.dsev), LHE (.lhe, .lhe.gz) or HepMC3 ASCII (.hepmc3).")
    var input: String?

    @Option(name: .shortAndLong, help: "Output file (.dsrec).")
    var output: String?

    mutating func validate() throws {
        if printCard != nil { return }
        guard input != nil, output != nil else { throw ValidationError("give an input sample and -o OUTPUT (or --print-card NAME)") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be >= 1") }
    }

    func run() async throws {
        if let name = printCard {
            print(try DetectorCard.builtInText(name), terminator: "")
            return
        }
        guard let input, let output else { return }
        let card = try DetectorCard.named(self.card)
        let sample = try EventSample.read(anyFormatFrom: URL(fileURLWithPath: input))
        let simulator = try DetectorSimulator(card: card)
        let bar = ProgressBar("simulate")
        let start = ContinuousClock.now
        let (reco, summary) = try await simulator.simulate(sample, seed: seed, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount) {
            bar.update($0)
        }
        bar.finish()
        let elapsed = ContinuousClock.now - start
        try reco.write(to: URL(fileURLWithPath: output))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        func pct(_ k: Int) -> String { String(format: "%6.2f%%", 100 * Double(k) / Double(max(summary.events, 1))) }
        print("""
            \(sample.metadata.process): \(summary.events) events simulated with the \(card.name) card (seed \(seed))
              >= 2 tracks:                 \(summary.twoOrMoreTracks)  \(pct(summary.twoOrMoreTracks))
              exactly 2, opposite charge:  \(summary.twoOppositeTracks)  \(pct(summary.twoOppositeTracks))
              triggered:                   \(summary.triggered)  \(pct(summary.triggered))
              tracks per event:            \(String(format: "%.3f", Double(summary.tracks) / Double(max(summary.events, 1))))
              neutral clusters per event:  \(String(format: "%.3f", Double(summary.clusters) / Double(max(summary.events, 1))))
              time:                        \(String(format: "%.2f s, %.0f events/s", seconds, Double(summary.events) / max(seconds, 1e-9)))
              written to \(output)
            """)
    }
}
