import Features
import Foundation
import Selection
import Synchronization
import Testing
@testable import Pipeline

/// A tiny analysis run end to end (seconds): every stage, the cache, resuming and the outputs.
@Suite("darkscan run, end to end", .serialized)
struct EndToEndTests {
    static let tinySpec = """
        version: 1
        name: tiny
        seed: 5
        luminosity: 10
        threads: 2
        generator: {adaptation-iterations: 2, points-per-iteration: 2000, integration-points: 4000}
        signal: {masses: [2, 4, 6], events: 400}
        backgrounds: [{process: mumu-gamma, events: 3000}, {process: mumumumu, events: 600}]
        scenarios: [vanilla]
        cuts: {candidates: 6, restarts: 0}
        network: {layers: [8], cross-entropy-epochs: 1, punzi-epochs: 2, batch: 256, held-out-masses: [4]}
        outputs: {png: false, recoil-plot-masses: [4]}
        """

    /// Records which stages ran and which came from the cache.
    final class Recorder: Sendable {
        let finished = Mutex<[(stage: String, cached: Bool)]>([])
        func observe(_ e: RunEvent) {
            if case let .finished(stage, _, _, cached) = e { finished.withLock { $0.append((stage, cached)) } }
        }
        var computed: [String] { finished.withLock { $0.filter { !$0.cached }.map(\.stage) } }
    }

    func run(_ spec: AnalysisSpec, in dir: URL) async throws -> (AnalysisResult, Recorder) {
        let recorder = Recorder()
        let result = try await AnalysisRun(spec: spec, outputDirectory: dir) { recorder.observe($0) }.run()
        return (result, recorder)
    }

    @Test("a tiny run writes the report and exports; a re-run is fully cached; changes redo only what they touch")
    func tinyRun() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try AnalysisSpec.load(yaml: Self.tinySpec, source: "tiny")
        let (first, r1) = try await run(spec, in: dir)
        // Every stage ran; the outputs exist.
        #expect(r1.computed.contains("cut optimisation") && r1.computed.contains("network training") && r1.computed.contains("limits"))
        for path in ["report.html", "results.json", "spec.yaml", "plots/limit-vanilla.svg", "plots/fom.svg", "csv/comparison.csv",
                     "hepdata/submission.yaml", "pyhf/cuts/zprime_m2GeV.json", "pyhf/network/zprime_m6GeV.json", "network-model-fold1.json", "network-model-fold2.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path), "missing \(path)")
        }
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("id=\"limit-vanilla\"") && html.contains("<svg"))
        // The Monte Carlo after each selection: one row per mass, each entry L_data x B / sigma_B^2 of that
        // mass point's yields, or empty for a bound (in this tiny run no background event passes any
        // selection's window, so the entries are all bounds: the rows and their emptiness are checked).
        for selection in first.selections {
            let lines = try String(contentsOf: dir.appendingPathComponent("csv/mc-after-\(selection.name).csv"), encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(lines.count == 1 + spec.signal.masses.count && lines[0].hasPrefix("m_Z' [GeV],"))
            for (row, point) in selection.points.enumerated() {
                let cells = lines[row + 1].split(separator: ",", omittingEmptySubsequences: false)
                for (k, process) in point.backgrounds.enumerated() {
                    guard !process.isBound else { #expect(cells[k + 1].isEmpty); continue }
                    let expected = spec.luminosity * process.events.reduce(0, +) / process.errors.reduce(0) { $0 + $1 * $1 }
                    let value = try #require(Double(cells[k + 1]))
                    #expect(abs(value / expected - 1) < 1e-9, "\(process.name) at \(point.massGeV) GeV: \(value) against \(expected) fb^-1")
                }
            }
        }
        // Both selections count every event at its own weight (the network by cross-application): a
        // background below its bound has the same bound, 1.14 x its effective weight, in both.
        let cuts = try #require(first.selections.first { $0.name == "cuts" }), network = try #require(first.selections.first { $0.name == "network" })
        var compared = 0
        for (c, n) in zip(cuts.points, network.points) {
            for (pc, pn) in zip(c.backgrounds, n.backgrounds) where pc.isBound && pn.isBound {
                let bc = pc.events.reduce(0, +), bn = pn.events.reduce(0, +)
                #expect(abs(bn / bc - 1) < 1e-9, "\(pc.name) at \(c.massGeV) GeV: network bound \(bn), cuts \(bc)")
                compared += 1
            }
        }
        #expect(compared > 0)
        // The cuts are cross-applied: each fold's signal rows through the other fold's thresholds give the
        // reported efficiency (recomputed from the cached features), and each fold's own thresholds would not.
        #expect(cuts.smoothedCuts != cuts.crossAppliedCuts && network.crossAppliedCuts.isEmpty)
        #expect(cuts.notes.contains { $0.hasPrefix("2-fold cross-application") })
        let flow = try #require(cuts.cutFlows.first)
        #expect(flow.steps[0].counts[0] == first.samples.first { $0.massGeV == flow.massGeV }?.inRegion)
        let signalFile = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("cache").path)
            .first { $0.hasPrefix("features-signal-m4.0-") })
        let signal = try SignalRegion.filter(try FeatureTable.read(from: dir.appendingPathComponent("cache").appendingPathComponent(signalFile)), spec.region)
        let point = try #require(cuts.points.first { $0.massGeV == 4 })
        let fold = CutFolds.assignment(signal, label: CutFolds.signalLabel(4), seed: spec.seed)
        let counter = YieldCounter(mass: 4, halfWidth: point.windowHalfWidth, bins: 1, luminosity: spec.luminosity)
        func efficiency(first a: [Cut], second b: [Cut]) throws -> Double {
            let mask = try CutFolds.mask(signal, fold, first: a.filter { !$0.relativeToMassSquared }, second: b.filter { !$0.relativeToMassSquared }, mass: 4)
            return counter.signal(signal, crossSection: signal.generator.crossSectionPicobarn) { mask[$0] }.0.reduce(0, +)
        }
        let crossApplied = try efficiency(first: cuts.smoothedCuts, second: cuts.crossAppliedCuts)
        let sameFold = try efficiency(first: cuts.crossAppliedCuts, second: cuts.smoothedCuts)
        #expect(abs(crossApplied - point.efficiency.reduce(0, +)) < 1e-12 && crossApplied > 0, "\(crossApplied) against \(point.efficiency)")
        #expect(abs(sameFold - crossApplied) > 1e-6, "each fold through its own thresholds: \(sameFold)")
        try checkInBrowser(dir.appendingPathComponent("report.html"))
        // The limits are finite and positive; the +-1 sigma band brackets the median.
        for curve in first.limits {
            #expect(curve.masses == [2, 4, 6])
            for q in curve.expected { #expect(q.allSatisfy { $0.isFinite && $0 > 0 } && q[1] <= q[2] && q[2] <= q[3]) }
        }
        // The re-run reads every stage back and gives the same numbers.
        let (second, r2) = try await run(spec, in: dir)
        #expect(r2.computed == ["report"])
        #expect(second.limits == first.limits)
        // A sample whose feature file was cut short (a killed write that bypassed the rename) is redone
        // from its cached simulation, and the run resumes with identical results.
        let cache = dir.appendingPathComponent("cache")
        let features = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("features-mumumumu-") }
        #expect(features.count == 1)
        let path = cache.appendingPathComponent(features[0])
        let bytes = try Data(contentsOf: path)
        try bytes.prefix(bytes.count / 2).write(to: path)
        let (third, r3) = try await run(spec, in: dir)
        #expect(r3.computed.contains { $0.hasSuffix("mumumumu") })
        #expect(!r3.computed.contains("cut optimisation"))
        #expect(third.limits == first.limits)
        // One thread (samples, masses and the network's folds in turn) gives the same bits.
        let serialDir = dir.appendingPathComponent("one-thread")
        var serial = spec
        serial.threads = 1
        let (one, _) = try await run(serial, in: serialDir)
        #expect(one.limits == first.limits && one.selections.map(\.points) == first.selections.map(\.points))
        // A new mass generates only that signal; the backgrounds come from the cache.
        var wider = spec
        wider.signal.masses = [2, 4, 6, 7]
        let (_, r4) = try await run(wider, in: dir)
        let samples = r4.computed.filter { $0.hasPrefix("sample") }
        #expect(samples.count == 1 && samples[0].hasSuffix("signal-m7.0"))
        #expect(r4.computed.contains("cut optimisation") && r4.computed.contains("limits"))
        // The network split into mass ranges ([2] and [4, 6] at 3 GeV): only the network is retrained,
        // two folds per range, each mass's outputs from its range's networks; the limits stay finite.
        var split = spec
        split.network.splitMasses = [3]
        let (ranged, r5) = try await run(split, in: dir)
        #expect(r5.computed.contains("network training") && !r5.computed.contains("cut optimisation") && !r5.computed.contains { $0.hasPrefix("sample") })
        for name in ["network-model-range1-fold1", "network-model-range1-fold2", "network-model-range2-fold1", "network-model-range2-fold2"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name + ".json").path), "missing \(name).json")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("network-model-fold1.json").path), "the unsplit run's model is left")
        let rangedNetwork = try #require(ranged.selections.first { $0.name == "network" })
        #expect(rangedNetwork.notes.contains { $0.contains("2 mass ranges (2.0; 4.0, 6.0 GeV)") })
        for curve in ranged.limits { for q in curve.expected { #expect(q.allSatisfy { $0.isFinite && $0 > 0 }) } }
        // With the ranges too, one thread (the four networks in turn) gives the same bits: the samples
        // come from a copy of the cache, the network and limits are redone.
        let splitSerialDir = dir.appendingPathComponent("one-thread-split")
        let serialCache = splitSerialDir.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: serialCache, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: cache.path)
            where !file.hasPrefix("select-network") && !file.hasPrefix("limits-") {
            try FileManager.default.copyItem(at: cache.appendingPathComponent(file), to: serialCache.appendingPathComponent(file))
        }
        var splitSerial = split
        splitSerial.threads = 1
        let (rangedOne, r6) = try await run(splitSerial, in: splitSerialDir)
        #expect(r6.computed.contains("network training"))
        #expect(rangedOne.limits == ranged.limits && rangedOne.selections.map(\.points) == ranged.selections.map(\.points))
    }

    /// The report opens in headless Chromium without console errors and shows the limit plot: the
    /// figure is in the DOM with its drawing, and the screenshot is far from blank. The same checks
    /// run on a page with a script error and on a blank page, to show that they can fail.
    func checkInBrowser(_ report: URL) throws {
        let rendering = try HeadlessChromium.render(report)
        #expect(rendering.consoleMessages.isEmpty, "console: \(rendering.consoleMessages)")
        #expect(rendering.dom.contains("id=\"limit-vanilla\""))
        let figure = rendering.dom.components(separatedBy: "id=\"limit-vanilla\"").last ?? ""
        #expect(figure.contains("<svg") && figure.contains("<path"))
        let dir = report.deletingLastPathComponent()
        let blank = dir.appendingPathComponent("blank.html"), broken = dir.appendingPathComponent("broken.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blank)
        try Data("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>".utf8).write(to: broken)
        let blankShot = try HeadlessChromium.render(blank).screenshot
        #expect(rendering.screenshot.count > 10 * max(blankShot.count, 1), "report \(rendering.screenshot.count) bytes, blank \(blankShot.count)")
        #expect(!(try HeadlessChromium.render(broken).consoleMessages.isEmpty))
    }
}
