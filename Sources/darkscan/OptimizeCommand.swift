import ArgumentParser
import Features
import Foundation
import HEPCore
import Reporting
import Selection

/// The figures of merit `--fom` names.
enum FigureOfMeritChoice: String, ExpressibleByArgument, CaseIterable {
    case significance, punzi, uncertainties
}

/// `darkscan optimize`: the seed's cut set optimised per Z' mass on feature tables.
struct OptimizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Optimise the seed's Z' -> invisible cuts per mass (eps/sqrt(B), Punzi or with the background's uncertainties) on signal and background feature tables.",
        discussion: """
            Each --signal file is the feature table (.dsfeat) of e+e- -> mu+ mu- Z' generated at one mass (read from its \
            metadata); --background files are weighted background feature tables. For each mass: the M^2 resolution, the \
            +-k sigma window, and the thresholds of the other cuts by coordinate search; thresholds are then smoothed across \
            masses. Prints the per-mass results and the cut flow at one mass. The thresholds are optimised and counted on \
            the same events, so the printed yields are optimistic by the fluctuations the search picks (darkscan run \
            cross-applies two halves instead).
            """
    )

    @Option(name: .customLong("signal"), help: "Signal feature table at one mass (repeat for each mass).")
    var signals: [String] = []

    @Option(name: .customLong("background"), help: "Background feature table (repeat).")
    var backgrounds: [String] = []

    @Option(help: ArgumentHelp("Integrated luminosity.", valueName: "fb^-1"))
    var luminosity: Double = 977

    @Option(help: "Figure of merit: significance (eps/sqrt(B)), punzi (eps/(3/2 + sqrt(B))) or uncertainties (eps/sqrt(B + (r B)^2 + sigma_MC^2)).")
    var fom: FigureOfMeritChoice = .uncertainties

    @Option(help: ArgumentHelp("For --fom uncertainties: the relative normalisation uncertainty r of the background (the default spec's systematics in quadrature, as darkscan run uses).",
                               valueName: "r"))
    var backgroundUncertainty: Double = 0.0323

    /// The chosen figure of merit.
    var figureOfMerit: FigureOfMerit {
        switch fom {
        case .significance: .significance
        case .punzi: .punzi(sigmas: 3)
        case .uncertainties: .significanceWithUncertainty(relative: backgroundUncertainty)
        }
    }

    @Option(help: "Half-width of the recoil window in units of the M^2 resolution.")
    var windowSigmas: Double = 3

    @Option(help: ArgumentHelp("Never choose thresholds that keep fewer signal Monte Carlo events than this (0: no minimum; darkscan run takes 50 of each half).",
                               valueName: "n"))
    var minimumSignalEvents: Int = 0

    @Option(help: ArgumentHelp("Mass whose cut flow is printed (default: the first).", valueName: "GeV"))
    var cutFlowMass: Double?

    mutating func validate() throws {
        guard !signals.isEmpty else { throw ValidationError("give at least one --signal feature table") }
        guard luminosity.isFinite, luminosity > 0 else { throw ValidationError("--luminosity must be > 0 fb^-1") }
        guard windowSigmas.isFinite, windowSigmas > 0 else { throw ValidationError("--window-sigmas must be > 0") }
        guard minimumSignalEvents >= 0 else { throw ValidationError("--minimum-signal-events must be >= 0") }
        guard backgroundUncertainty.isFinite, backgroundUncertainty >= 0, backgroundUncertainty < 1 else {
            throw ValidationError("--background-uncertainty must be in [0, 1)")
        }
    }

    func run() async throws {
        var signalTables: [(mass: Double, table: FeatureTable)] = []
        for path in signals {
            let t = try FeatureTable.read(from: URL(fileURLWithPath: path))
            guard let text = t.generator.settings["m_Z' (GeV)"], let m = Double(text) else {
                throw ValidationError("\(path): not a signal sample (no m_Z' in its generator settings)")
            }
            signalTables.append((m, t))
        }
        signalTables.sort { $0.mass < $1.mass }
        let backgroundTables = try backgrounds.map { try FeatureTable.read(from: URL(fileURLWithPath: $0)) }
        let cuts = SeedCuts.zPrimeInvisible(windowHalfWidth: .constant(1))
        let free = Array(cuts.indices).filter { $0 != 1 }
        let scan = try MassScanOptimisation(masses: signalTables.map(\.mass),
                                            signals: signalTables.map { ($0.table, $0.table.generator.crossSectionPicobarn) },
                                            backgrounds: backgroundTables, cuts: cuts, windowIndex: 1, free: free,
                                            windowSigmas: windowSigmas, optimiser: CutOptimizer(figureOfMerit: figureOfMerit, minimumSignalEvents: minimumSignalEvents),
                                            luminosityInverseFemtobarn: luminosity)
        var table = Table(title: "Per-mass optimisation of the seed's cuts, \(luminosity) fb^-1",
                          columns: [Table.Column("m_Z'", unit: "GeV"), Table.Column("sigma(M^2)", unit: "GeV^2"), Table.Column("eps"),
                                    Table.Column("B", unit: "events"), Table.Column("FOM"), Table.Column("B mostly MC bounds")])
        table.note("figure of merit: \(["significance": "eps/sqrt(B)", "punzi": "Punzi eps/(3/2 + sqrt(B))", "uncertainties": "eps/sqrt(B + (\(backgroundUncertainty) B)^2 + sigma_MC^2)"][fom.rawValue] ?? fom.rawValue); window +-\(windowSigmas) sigma(M^2)")
        for p in scan.points {
            try table.append([.number(p.mass), .number(p.resolution), .number(p.result.efficiency), .number(p.result.background),
                              .number(p.result.figureOfMerit), .text(p.result.backgroundFromMonteCarloBound ? "yes" : "no")])
        }
        print(table.renderText())
        let mass = cutFlowMass ?? signalTables[0].mass
        var samples: [(process: String, table: FeatureTable)] = [("signal (g' = 1)", signalTables.min { abs($0.mass - mass) < abs($1.mass - mass) }!.table)]
        samples += backgroundTables.map { ($0.generator.processKey, $0) }
        let flow = try CutFlow(samples: samples, cuts: scan.smoothedCuts, mass: mass, luminosityInverseFemtobarn: luminosity)
        var flowTable = Table(title: "Cut flow at m_Z' = \(mass) GeV with the smoothed thresholds (events in \(luminosity) fb^-1 +- MC error)",
                              columns: [Table.Column("cut"), Table.Column("requirement")] + flow.processes.map { Table.Column($0) })
        for step in flow.steps {
            try flowTable.append([.text(step.label), .text(step.requirement)]
                + step.entries.map { .text(String(format: "%.4g +- %.2g (%d)", $0.yield, $0.error, $0.count)) })
        }
        print(flowTable.renderText(), terminator: "")
    }
}
