import ArgumentParser
import HEPCore
import Reporting
import Theory

/// The Z' scenarios by their command-line names.
enum ScenarioName: String, CaseIterable, ExpressibleByArgument {
    case vanilla
    case fullyInvisible = "fully-invisible"
    case darkFermion = "dark-fermion"
}

/// `darkscan model`: widths, branching ratios, lifetime and Delta a_mu of the L_mu - L_tau Z'.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the L_mu - L_tau Z' widths, branching ratios, lifetime and Delta a_mu.",
        discussion: """
            Without --mass or --mass-scan, scans \(MassOptions.defaultScan) (log-spaced). The lab decay \
            length uses --momentum, or else the largest Z' momentum in e+e- -> mu+ mu- Z' at the \
            collider's sqrt(s) (centre-of-mass frame).
            """
    )

    @OptionGroup var masses: MassOptions

    @Option(help: ArgumentHelp("The Z' coupling g', in (0, sqrt(4 pi)].", valueName: "g'"))
    var coupling: Double = 1e-3

    @Option(help: "vanilla (invisible = neutrinos), fully-invisible (BR(chi chibar) = 1), or dark-fermion (--chi-mass, --chi-charge).")
    var scenario: ScenarioName = .vanilla

    @Option(help: ArgumentHelp("Dark fermion mass for --scenario dark-fermion.", valueName: "GeV"))
    var chiMass: Double = 0

    @Option(help: ArgumentHelp("g_chi / g' for --scenario dark-fermion.", valueName: "ratio"))
    var chiCharge: Double = 1

    @Option(help: "Collider whose sqrt(s) sets the default Z' momentum: belle or belle2.")
    var collider: String = "belle"

    @Option(help: ArgumentHelp("Z' momentum for the lab decay length (overrides the kinematic maximum).", valueName: "GeV"))
    var momentum: Double?

    @OptionGroup var output: FormatOptions

    mutating func validate() throws {
        do {
            _ = try ColliderFrame.named(collider)
        } catch {
            throw ValidationError("--collider: \(error)")
        }
        if let p = momentum, !(p.isFinite && p >= 0) {
            throw ValidationError("--momentum must be a finite momentum in GeV >= 0, got \(p)")
        }
        _ = try models()
    }

    /// The Z' models on the requested grid, with input errors turned into usage errors.
    func models() throws -> [LmuLtauZPrime] {
        let scenario: LmuLtauZPrime.Scenario = switch self.scenario {
        case .vanilla: .vanilla
        case .fullyInvisible: .fullyInvisible
        case .darkFermion: .darkFermion(mass: chiMass, chargeRatio: chiCharge)
        }
        do {
            return try masses.grid().masses.map { m in try LmuLtauZPrime(mass: m, coupling: coupling, scenario: scenario) }
        } catch let error as TheoryError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let frame = try ColliderFrame.named(collider)
        let grid = try masses.grid()
        let report = try ModelReport(models: models(), grid: grid, collider: frame, momentum: momentum)
        let table = grid.count == 1 ? try report.singleMassTable() : try report.scanTable()
        print(table.render(output.format), terminator: "")
    }
}
