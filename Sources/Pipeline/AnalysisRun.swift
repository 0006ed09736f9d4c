import DetectorSimulation
import Features
import Foundation
import HEPCore

/// `darkscan run`: the whole analysis of a spec, stage by stage: generate -> simulate -> features
/// for every sample, the per-mass cut optimisation, the Punzi-loss network, the limits of both
/// selections, then the report and the exports. Every stage's output is cached in
/// `<output>/cache` under a key of its inputs (``StageCache``), so a re-run redoes only what
/// changed and an interrupted run resumes. Progress goes to the observer; nothing is printed.
public struct AnalysisRun: Sendable {
    public let spec: AnalysisSpec
    public let outputDirectory: URL
    public let threads: Int
    let cache: StageCache
    let card: DetectorCard
    /// The card's full text (part of the simulation's cache key).
    let cardText: String
    let observer: RunObserver

    public init(spec: AnalysisSpec, outputDirectory: URL, observer: @escaping RunObserver = { _ in }) throws(PipelineError) {
        self.spec = spec
        self.outputDirectory = outputDirectory
        self.threads = spec.threads > 0 ? spec.threads : max(1, ProcessInfo.processInfo.activeProcessorCount)
        self.observer = observer
        cache = try StageCache(directory: outputDirectory.appendingPathComponent("cache"))
        do {
            card = try DetectorCard.named(spec.detector)
            cardText = DetectorCard.builtInNames.contains(spec.detector)
                ? try DetectorCard.builtInText(spec.detector) : try String(contentsOfFile: spec.detector, encoding: .utf8)
        } catch {
            throw .invalidValue(source: "spec", path: "detector", value: spec.detector, allowed: "belle, belle2 or a readable card file (\(error))")
        }
        guard card.beams.collider == spec.collider else {
            throw .invalidValue(source: "spec", path: "detector", value: spec.detector,
                                allowed: "a card for the spec's collider '\(spec.collider)' (this card simulates '\(card.beams.collider)')")
        }
    }

    /// Runs every stage and, with `report`, writes the report and exports; returns the results
    /// (also written as results.json). Without `report` the run stops after the limits (and the
    /// pyhf workspaces): `darkscan limits --spec`.
    public func run(report: Bool = true) async throws(PipelineError) -> AnalysisResult {
        let begin = ContinuousClock.now
        var timings: [AnalysisResult.Timing] = []
        func timed<T>(_ name: String, _ body: () async throws(PipelineError) -> T) async throws(PipelineError) -> T {
            let start = ContinuousClock.now
            let value = try await body()
            timings.append(.init(stage: name, seconds: seconds(since: start)))
            return value
        }
        // 1. Samples.
        let recipes = Self.recipes(spec)
        let produced = try await timed("samples (generate, simulate, features)") { () async throws(PipelineError) -> [(FeatureTable, SampleSummary)] in
            var out: [(FeatureTable, SampleSummary)] = []
            for (i, r) in recipes.enumerated() { out.append(try await produce(r, index: i, of: recipes.count)) }
            return out
        }
        let signals = produced.filter { $0.1.isSignal }.map { (mass: $0.1.massGeV ?? 0, table: $0.0) }
        let backgrounds = produced.filter { !$0.1.isSignal }.map { (name: $0.1.name, table: $0.0) }
        for s in signals where s.table.count < 10 {
            throw .stageFailed(stage: "samples", detail: "the signal at m = \(s.mass) GeV has \(s.table.count) events in the signal-like region (at least 10 needed for its resolution)")
        }
        let sampleKeys = produced.map(\.1.regionKey.hex)
        // 2. Selections.
        var selections: [SelectionResult] = []
        if spec.cuts.enabled {
            selections.append(try await timed("cut optimisation") { () async throws(PipelineError) in
                try await cutSelection(signals: signals, backgrounds: backgrounds, sampleKeys: sampleKeys)
            })
        }
        if spec.network.enabled {
            selections.append(try await timed("network training") { () async throws(PipelineError) in
                try await networkSelection(signals: signals, backgrounds: backgrounds, sampleKeys: sampleKeys)
            })
        } else {
            try copyModels([], names: [])   // removes an earlier run's models
        }
        // 3. Limits.
        let limitCurves = try await timed("limits") { () async throws(PipelineError) in try await self.limits(for: selections) }
        var result = AnalysisResult(spec: spec, version: DarkScanVersion.string, samples: produced.map(\.1), selections: selections,
                                    limits: limitCurves, timings: timings, totalSeconds: 0, createdAt: ISO8601DateFormatter().string(from: Date()))
        // 4. Report and exports.
        guard report else {
            result.totalSeconds = seconds(since: begin)
            try StageCache.writeJSON(result, to: outputDirectory.appendingPathComponent("results.json"))
            return result
        }
        let start = ContinuousClock.now
        observer(.started(stage: "report", detail: "plots, HTML, exports"))
        result.timings.append(.init(stage: "report", seconds: 0))
        result.totalSeconds = seconds(since: begin)
        try ReportWriter(result: result, signals: signals, backgrounds: backgrounds, directory: outputDirectory, observer: observer).write()
        result.timings[result.timings.count - 1].seconds = seconds(since: start)
        result.totalSeconds = seconds(since: begin)
        try StageCache.writeJSON(result, to: outputDirectory.appendingPathComponent("results.json"))
        observer(.finished(stage: "report", detail: outputDirectory.appendingPathComponent("report.html").path, seconds: seconds(since: start), cached: false))
        return result
    }
}
