import Foundation
import Testing
@testable import Pipeline

@Suite("Stage cache")
struct StageCacheTests {
    @Test("keys change with every input and are stable for equal inputs")
    func keys() {
        let a = CacheKey(["generate", "mumu-gamma", "1000", "7"])
        #expect(a == CacheKey(["generate", "mumu-gamma", "1000", "7"]))
        #expect(a != CacheKey(["generate", "mumu-gamma", "1001", "7"]))
        #expect(a != CacheKey(["generate", "mumu-gamma", "1000", "8"]))
        // The separator cannot be forged by moving text between parts.
        #expect(CacheKey(["ab", "c"]) != CacheKey(["a", "bc"]))
        #expect(a.hex.count == 20)
    }

    @Test("a cached file that cannot be read is removed and reported missing")
    func corruptFileIsDropped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = try StageCache(directory: dir)
        let url = cache.url(stage: "select", name: "cuts", key: CacheKey(["x"]), extension: "json")
        try StageCache.writeJSON(["a": 1.0], to: url)
        #expect(cache.load(url) { try StageCache.readJSON([String: Double].self, from: $0) } == ["a": 1.0])
        try Data("{ half-written".utf8).write(to: url)
        #expect(cache.load(url) { try StageCache.readJSON([String: Double].self, from: $0) } == nil)
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("derived seeds differ per label and are reproducible")
    func seeds() {
        #expect(derivedSeed(1, "generate/eemumu") == derivedSeed(1, "generate/eemumu"))
        #expect(derivedSeed(1, "generate/eemumu") != derivedSeed(1, "generate/mumu-gamma"))
        #expect(derivedSeed(1, "generate/eemumu") != derivedSeed(2, "generate/eemumu"))
    }
}

@Suite("Limit stage")
struct LimitStageTests {
    /// A mass at which the selection keeps no signal has no model: the run goes on, that mass gets
    /// NaN limits and a note saying why, and the other masses get finite limits.
    @Test("a mass with no selected signal gets a note, not a failed run")
    func zeroEfficiency() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-limits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var spec = try AnalysisSpec.defaultSpec()
        spec.scenarios = ["vanilla"]
        spec.signal.masses = [1, 2]
        let run = try AnalysisRun(spec: spec, outputDirectory: dir)
        func point(_ m: Double, efficiency: Double) -> MassPointYields {
            MassPointYields(massGeV: m, resolution: 0.3, windowHalfWidth: 0.9, signalCrossSection: 50, efficiency: [efficiency],
                            efficiencyErrors: [0.01 * efficiency],
                            backgrounds: [.init(name: "bkg", events: [400], errors: [20], count: 400, isBound: false)], threshold: nil)
        }
        let selection = SelectionResult(name: "cuts", label: "cuts", points: [point(1, efficiency: 0), point(2, efficiency: 0.3)],
                                        heldOutMasses: [], notes: [], history: [], cutFlows: [], smoothedCuts: [], crossAppliedCuts: [], key: CacheKey(["test"]))
        let curves = try await run.limits(for: [selection])
        #expect(curves.count == 1)
        #expect(curves[0].expected[0].allSatisfy { $0.isNaN })
        #expect(curves[0].expected[1].allSatisfy { $0.isFinite && $0 > 0 })
        #expect(curves[0].notes.count == 1 && curves[0].notes[0].contains("m = 1.0 GeV"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pyhf/cuts/zprime_m1GeV.json").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pyhf/cuts/zprime_m2GeV.json").path))
    }
}
