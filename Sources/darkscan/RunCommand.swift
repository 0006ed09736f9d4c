import ArgumentParser
import Foundation
import Pipeline
import Reporting
import Synchronization

/// `darkscan run`: the whole analysis of a spec (the embedded default if none is given).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole analysis of a spec: generate, simulate, select (cuts and network), limits, report.",
        discussion: """
            Without SPEC, runs the embedded default analysis (`darkscan spec --default`): the L_mu - L_tau Z' -> invisible \
            search with Belle's 977 fb^-1. Every stage's output is cached in OUTDIR/cache under a key of its inputs: a re-run \
            redoes only what changed, and an interrupted run resumes. The report is OUTDIR/report.html.
            """
    )

    @Argument(help: ArgumentHelp("Analysis spec (YAML); its keys override the default's.", valueName: "spec.yaml"))
    var spec: String?

    @Option(name: .shortAndLong, help: "Output directory.")
    var output: String = "darkscan-output"

    @Flag(help: "A reduced run for a first look (about a minute): fewer events, every other mass, fewer epochs.")
    var quick = false

    @Option(help: "Worker threads, overriding the spec's (0: all cores). Results do not depend on it.")
    var threads: Int?

    mutating func validate() throws {
        if let t = threads, t < 0 { throw ValidationError("--threads must be >= 0") }
    }

    func run() async throws {
        var analysis: AnalysisSpec
        do {
            analysis = try spec.map { try AnalysisSpec.load(contentsOf: URL(fileURLWithPath: $0)) } ?? AnalysisSpec.defaultSpec()
        } catch {
            throw ValidationError("\(error)")
        }
        if quick { analysis = analysis.quick() }
        if let threads { analysis.threads = threads }
        let directory = URL(fileURLWithPath: output)
        let log = RunLog()
        FileHandle.standardError.write(Data("darkscan run: \(analysis.title), output in \(output)\n".utf8))
        let run = try AnalysisRun(spec: analysis, outputDirectory: directory) { log.handle($0) }
        let result = try await run.run()
        print(summary(result, directory: directory), terminator: "")
    }

    func summary(_ result: AnalysisResult, directory: URL) -> String {
        var t = Table(title: "Expected \(Int((result.spec.statistics.confidenceLevel * 100).rounded()))% CL limits on g' (median), \(result.spec.luminosity) fb^-1",
                      columns: [Table.Column("m_Z'", unit: "GeV")] + result.limits.map { Table.Column("\($0.selection), \($0.scenario)") })
        if let first = result.limits.first {
            for i in first.masses.indices {
                try? t.append([.number(first.masses[i])] + result.limits.map { .number($0.expected[i][2]) })
            }
        }
        return t.renderText() + String(format: "finished in %.1f s; report: %@\n", result.totalSeconds,
                                       directory.appendingPathComponent("report.html").path)
    }
}

/// Stage lines on standard error, with a progress bar for the running stage when it is a terminal.
final class RunLog: Sendable {
    private let bar = Mutex<ProgressBar?>(nil)

    func handle(_ event: RunEvent) {
        switch event {
        case let .started(stage, detail):
            bar.withLock { $0 = ProgressBar(stage) }
            _ = detail
        case let .progress(_, fraction):
            bar.withLock { $0?.update(fraction) }
        case let .finished(stage, detail, seconds, cached):
            bar.withLock { $0?.finish(); $0 = nil }
            FileHandle.standardError.write(Data(String(format: "%@ %@: %@ (%.1f s)\n", cached ? "[cached]" : "[done]  ", stage, detail, seconds).utf8))
        case let .note(text):
            FileHandle.standardError.write(Data("note: \(text)\n".utf8))
        }
    }
}
