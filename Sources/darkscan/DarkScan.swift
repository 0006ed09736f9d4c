import ArgumentParser
import HEPCore

/// The `darkscan` command: a thin layer of subcommands over the DarkScan libraries.
@main
struct DarkScan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkscan",
        abstract: "A dark-sector search at an e+e- B-factory: L_mu - L_tau Z' theory, (g-2)_mu and more.",
        discussion: """
            Units: GeV for masses, energies and widths (c = hbar = 1), seconds and metres for lifetimes \
            and decay lengths, pb for cross sections, fb^-1 for luminosity.
            """,
        version: DarkScanVersion.string,
        subcommands: [ModelCommand.self, Gm2BandCommand.self, XsecCommand.self, GenerateCommand.self,
                      SimulateCommand.self, FeaturesCommand.self, InspectCommand.self, ConvertCommand.self, ResolutionCommand.self,
                      OptimizeCommand.self, TrainCommand.self, LimitsCommand.self, SpecCommand.self, RunCommand.self]
    )
}
