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
