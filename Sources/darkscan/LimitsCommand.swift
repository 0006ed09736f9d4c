import ArgumentParser
import Foundation
import HEPCore
import Pipeline
import Reporting
import Statistics

/// `darkscan limits`: CL_s at a POI value and the upper limit with its expected band, for a pyhf
/// JSON workspace (what `pyhf cls` prints, and pyhf's `upper_limit`).
struct LimitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "CLs and upper limits (with expected bands) for a HistFactory workspace in pyhf JSON.",
        discussion: """
            Asymptotic CLs uses qtilde_mu and the Asimov dataset (Cowan, Cranmer, Gross, Vitells, \
            EPJC 71, 1554 (2011)), as pyhf.infer.hypotest; toys draw pseudo-data with seeded streams, \
            identical for any thread count. Expected values are listed for -2, -1, 0, +1, +2 sigma \
            (pyhf's order: smallest first).
            """
    )

    enum Calculator: String, ExpressibleByArgument, CaseIterable { case asymptotic, toys }
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: ArgumentHelp("The workspace (pyhf JSON, schema 1.0.0).", valueName: "workspace.json"))
    var workspace: String?

    @Option(help: ArgumentHelp("Instead of a workspace: the mass scan of an analysis spec (samples, selections and limits, "
                               + "cached as in `darkscan run`; the spec's confidence level applies).", valueName: "spec.yaml|default"))
    var spec: String?

    @Option(name: .shortAndLong, help: "With --spec: the output directory (cache, pyhf workspaces, results.json).")
    var output: String = "darkscan-output"

    @Flag(help: "With --spec: the reduced statistics of `darkscan run --quick`.")
    var quick = false

    @Option(name: .customLong("cl"), help: "Confidence level of the upper limit, in (0, 1). (default: 0.95; with --spec, the spec's)")
    var clOption: Double?

    /// The confidence level for a workspace.
    var cl: Double { clOption ?? 0.95 }

    @Option(help: "asymptotic or toys.")
    var calculator: Calculator = .asymptotic

    @Option(help: "Number of toys per hypothesis (signal plus background, and background only) for --calculator toys.")
    var toys: Int = 1000

    @Option(help: "Seed of the toys' random streams.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("POI value at which CLs is printed (pyhf cls --test-poi).", valueName: "mu"))
    var poiValue: Double = 1

    @Option(help: "Measurement to use (default: the first).")
    var measurement: String?

    @Option(help: "Output format: table or json (pyhf's keys).")
    var format: OutputFormat = .table

    mutating func validate() throws {
        guard (workspace == nil) != (spec == nil) else { throw ValidationError("give a workspace file or --spec SPEC (not both)") }
        if let c = clOption, !(c > 0 && c < 1) { throw ValidationError("--cl must be in (0, 1), got \(c)") }
        if spec != nil {
            guard calculator == .asymptotic else { throw ValidationError("--calculator toys applies to a workspace; the --spec scan is asymptotic") }
            return
        }
        guard cl > 0, cl < 1 else { throw ValidationError("--cl must be in (0, 1), got \(cl)") }
        guard toys >= 1 else { throw ValidationError("--toys must be >= 1, got \(toys)") }
        guard poiValue.isFinite, poiValue >= 0 else { throw ValidationError("--poi-value must be a finite value >= 0, got \(poiValue)") }
        _ = try load()
    }

    /// The workspace, its model and observed data, with input problems as usage errors.
    func load() throws -> (Workspace, HistFactoryModel, Dataset) {
        do {
            let ws = try Workspace.read(from: URL(fileURLWithPath: workspace ?? ""))
            let model = try ws.model(measurement: measurement)
            return (ws, model, try model.observedData(in: ws))
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        if let spec {
            try await scan(spec)
            return
        }
        let (_, model, data) = try load()
        let test: HypothesisTestResult
        let limit: UpperLimitResult
        var failedToys = 0
        switch calculator {
        case .asymptotic:
            test = try AsymptoticCalculator(model: model, data: data).hypotest(poi: poiValue)
            limit = try UpperLimit.asymptotic(model: model, data: data, confidenceLevel: cl)
        case .toys:
            let toyCalculator = try ToyCalculator(model: model, data: data, toys: toys, seed: RandomStreams(seed: seed))
            let toyTest = try await toyCalculator.hypotest(poi: poiValue)
            test = toyTest.result
            failedToys = toyTest.failedToys
            limit = try await UpperLimit.toys(calculator: toyCalculator, confidenceLevel: cl)
        }
        print(format == .json ? json(test, limit) : table(model, test, limit, failedToys: failedToys), terminator: "")
    }

    /// The expected limits of a spec's mass scan (every mass and selection fitted in parallel).
    func scan(_ path: String) async throws {
        var analysis: AnalysisSpec
        do {
            analysis = try path == "default" ? AnalysisSpec.defaultSpec() : AnalysisSpec.load(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("\(error)")
        }
        if quick { analysis = analysis.quick() }
        if let c = clOption { analysis.statistics.confidenceLevel = c }
        let log = RunLog()
        let result = try await AnalysisRun(spec: analysis, outputDirectory: URL(fileURLWithPath: output)) { log.handle($0) }.run(report: false)
        var t = Table(title: "Expected \(Self.percent(analysis.statistics.confidenceLevel)) CL upper limits on g' (median [-1 sigma, +1 sigma]), \(analysis.luminosity) fb^-1",
                      columns: [Table.Column("m_Z'", unit: "GeV")] + result.limits.map { Table.Column("\($0.selection), \($0.scenario)") })
        t.note("asymptotic CLs (qtilde_mu), background-only Asimov data; pyhf workspaces in \(output)/pyhf/")
        if let first = result.limits.first {
            for i in first.masses.indices {
                try t.append([.number(first.masses[i])] + result.limits.map { c in
                    .text(String(format: "%.4g [%.4g, %.4g]", c.expected[i][2], c.expected[i][1], c.expected[i][3]))
                })
            }
        }
        print(t.render(format == .json ? .json : .table), terminator: "")
    }

    func json(_ test: HypothesisTestResult, _ limit: UpperLimitResult) -> String {
        func list(_ xs: [Double]) -> String { "[\n" + xs.map { "        \($0)" }.joined(separator: ",\n") + "\n    ]" }
        return """
            {
                "CLs_exp": \(list(test.clsExpected)),
                "CLs_obs": \(test.clsObserved),
                "cl": \(cl),
                "poi_value": \(poiValue),
                "upper_limit_exp": \(list(limit.expected)),
                "upper_limit_obs": \(limit.observed)
            }

            """
    }

    func table(_ model: HistFactoryModel, _ test: HypothesisTestResult, _ limit: UpperLimitResult, failedToys: Int) -> String {
        let poi = model.poiName ?? "mu"
        var t = Table(title: "CLs and \(Self.percent(cl)) CL upper limit on \(poi) for \(URL(fileURLWithPath: workspace ?? "").lastPathComponent)",
                      columns: [Table.Column("quantity"), Table.Column("observed"), Table.Column("exp -2sigma"), Table.Column("exp -1sigma"),
                                Table.Column("exp median"), Table.Column("exp +1sigma"), Table.Column("exp +2sigma")])
        t.note("measurement '\(model.measurementName)', \(model.parameterCount) parameters, \(model.mainBinCount) bins")
        t.note(calculator == .asymptotic ? "asymptotic calculator, qtilde_mu (pyhf hypotest defaults)" : "toys: \(toys) per hypothesis, seed \(seed)")
        if failedToys > 0 { t.note("\(failedToys) toys at \(poi) = \(poiValue) failed to fit and were left out") }
        // Toy and asymptotic rows are well-formed by construction; a failed append cannot happen.
        try? t.append([.text("CLs at \(poi) = \(poiValue)"), .number(test.clsObserved)] + test.clsExpected.map { .number($0) })
        try? t.append([.text("upper limit on \(poi)"), .number(limit.observed)] + limit.expected.map { .number($0) })
        return t.render(.table)
    }

    static func percent(_ cl: Double) -> String {
        let p = cl * 100
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
}
