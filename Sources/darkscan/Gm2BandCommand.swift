import ArgumentParser
import HEPCore
import Reporting
import Theory

/// `darkscan gm2-band`: the g' range that explains the measured (g-2)_mu discrepancy.
struct Gm2BandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gm2-band",
        abstract: "Print the (g-2)_mu favoured band of g' versus the Z' mass.",
        discussion: """
            Inputs: 2021 = (251 +- 59)e-11 (PRL 126, 141801), 2023 = (249 +- 48)e-11 (PRL 131, 161802), \
            2025 = (38 +- 63)e-11 (final Fermilab average, PRL 135, 101802, against the 2025 Theory \
            Initiative prediction). Where Delta a_mu - n sigma <= 0 the output is an upper bound on g', \
            not a band, and says so.
            """
    )

    @Option(help: "Measurement of Delta a_mu: 2021, 2023 or 2025.")
    var input: String = "2023"

    @Option(help: ArgumentHelp("Half-width of the band in standard deviations.", valueName: "n"))
    var sigmas: Double = 2

    @OptionGroup var masses: MassOptions
    @OptionGroup var output: FormatOptions

    mutating func validate() throws {
        do {
            _ = try MuonAnomalyInput.named(input)
        } catch {
            throw ValidationError("--input: \(error)")
        }
        guard sigmas.isFinite, sigmas > 0 else { throw ValidationError("--sigmas must be a finite number > 0, got \(sigmas)") }
    }

    func run() throws {
        let table = try BandReport.table(grid: masses.grid(), input: MuonAnomalyInput.named(input), sigmas: sigmas)
        print(table.render(output.format), terminator: "")
    }
}
