import ArgumentParser
import DetectorSimulation
import EventIO
import Features
import Foundation

/// `darkscan features`: the Z' search's observables of a reconstructed sample.
struct FeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute the Z' search's features (recoil mass, thrust, vertex fit, network inputs) of a reconstructed sample.",
        discussion: """
            Keeps the events with exactly two opposite-charge tracks both identified as muons; `darkscan features --list` \
            prints every feature's definition. A basf2 ntuple (.root) is read directly through a column map \
            (--column-map, default: the built-in Z' map) from basf2 variable names to DarkScan's.
            """
    )

    @Flag(help: "List the features with their units and definitions, and exit.")
    var list = false

    @Option(help: "Worker threads. (default: all cores)")
    var threads: Int?

    @Argument(help: "Reconstructed sample (.dsrec) or basf2 ntuple (.root).")
    var input: String?

    @Option(help: ArgumentHelp("Column map (YAML) from basf2 variables to DarkScan names, for .root input.", valueName: "file"))
    var columnMap: String?

    @Option(help: "Tree to read in a .root input (default: the map's, or the file's only tree).")
    var tree: String?

    @Option(name: .shortAndLong, help: "Output file (.dsfeat).")
    var output: String?

    mutating func validate() throws {
        if list { return }
        guard input != nil, output != nil else { throw ValidationError("give an input sample and -o OUTPUT (or --list)") }
    }

    func run() async throws {
        if list {
            for d in ZPrimeFeatures.definitions { print("\(d.name) [\(d.unit ?? "-")]: \(d.description)") }
            return
        }
        guard let input, let output else { return }
        if input.hasSuffix(".root") {
            let map = try columnMap.map { try Basf2ColumnMap.load(from: URL(fileURLWithPath: $0)) } ?? Basf2ColumnMap.zPrimeDefault()
            let ntuple = try await map.read(ntupleAt: URL(fileURLWithPath: input), tree: tree)
            try ntuple.store.write(to: URL(fileURLWithPath: output))
            print("""
                basf2 ntuple \(input): \(ntuple.entries) entries, \(ntuple.store.columns.count - 2) mapped columns written to \(output)
                \(ntuple.missing.isEmpty ? "  every mapped variable found" : "  not in the ntuple: " + ntuple.missing.joined(separator: ", "))
                """)
            return
        }
        let reco = try RecoSample.read(from: URL(fileURLWithPath: input))
        let bar = ProgressBar("features")
        let table = try await ZPrimeFeatures.table(reco, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount) { bar.update($0) }
        bar.finish()
        try table.write(to: URL(fileURLWithPath: output))
        let selectedWeight = table.weights.reduce(0, +), totalWeight = reco.weights.reduce(0, +)
        print("""
            \(reco.generator.process), \(reco.cardName) card: \(table.count) of \(reco.count) events pass "\(ZPrimeFeatures.preselection)"
              efficiency (weighted):  \(String(format: "%.4f", totalWeight > 0 ? selectedWeight / totalWeight : 0))
              cross section passing:  \(String(format: "%.5g", selectedWeight)) pb
              \(table.definitions.count) features written to \(output)
            """)
    }
}
