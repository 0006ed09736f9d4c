import Features
import Foundation
import Testing
@testable import Pipeline

/// Background samples larger than `generator.batch-events`, made batch by batch (``AnalysisRun/batchedRegion``).
@Suite("Samples made in batches", .serialized)
struct BatchedSampleTests {
    @Test("the events are split into batches as equal as can be")
    func sizes() {
        #expect(AnalysisRun.batchSizes(10, maximum: 3) == [3, 3, 2, 2])
        #expect(AnalysisRun.batchSizes(5, maximum: 10) == [5])
        #expect(AnalysisRun.batchSizes(2_000_001, maximum: 1_000_000) == [666_667, 666_667, 666_667])
        #expect(AnalysisRun.batchSizes(6_000_000, maximum: 2_000_000) == [2_000_000, 2_000_000, 2_000_000])
    }

    static func spec(batch: Int, threads: Int = 2) throws -> AnalysisSpec {
        try AnalysisSpec.load(yaml: """
            version: 1
            seed: 7
            threads: \(threads)
            generator: {adaptation-iterations: 2, points-per-iteration: 2000, integration-points: 4000, batch-events: \(batch)}
            signal: {masses: [2], events: 400}
            backgrounds: [{process: mumu-gamma, events: 30000}]
            network: {enabled: false}
            """, source: "test")
    }

    /// The mu mu (gamma) sample of `spec`, in the region, produced with the cache in `dir`.
    func produce(_ spec: AnalysisSpec, in dir: URL) async throws -> (FeatureTable, SampleSummary) {
        let run = try AnalysisRun(spec: spec, outputDirectory: dir)
        let recipe = try #require(AnalysisRun.recipes(spec).first { $0.mass == nil })
        return try await run.produce(recipe, index: 0, of: 1)
    }

    func batchFiles(_ dir: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: dir.appendingPathComponent("cache"), includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("region-mumu-gamma-batch") }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("a batched sample estimates what one batch does, caches each batch's region rows, resumes at a batch and does not depend on threads")
    func batchedSample() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-batches-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (batched, summary) = try await produce(try Self.spec(batch: 10_000), in: dir.appendingPathComponent("batched"))
        #expect(summary.events == 30_000)
        #expect(batched.generator.eventsKept == 30_000)
        #expect(summary.inRegion == batched.count && batched.count > 1000)
        #expect(summary.preselected > batched.count)
        #expect(batched.generator.settings["batches"]?.hasPrefix("3 of 10000 events") == true)
        let files = try batchFiles(dir.appendingPathComponent("batched"))
        #expect(files.count == 3)
        for (i, f) in files.enumerated() { #expect(f.lastPathComponent.hasPrefix("region-mumu-gamma-batch\(i + 1)of3-")) }

        // The same sample in one batch (other streams): the cross sections and the region's yields
        // agree within 4 sigma of their Monte Carlo errors.
        let (single, _) = try await produce(try Self.spec(batch: 100_000), in: dir.appendingPathComponent("single"))
        #expect(try batchFiles(dir.appendingPathComponent("single")).isEmpty)
        let a = batched.generator, b = single.generator
        #expect(abs(a.crossSectionPicobarn - b.crossSectionPicobarn)
                < 4 * (a.crossSectionErrorPicobarn * a.crossSectionErrorPicobarn + b.crossSectionErrorPicobarn * b.crossSectionErrorPicobarn).squareRoot())
        func sum(_ w: [Double]) -> Double { w.reduce(0, +) }
        let error = (sum(batched.weights.map { $0 * $0 }) + sum(single.weights.map { $0 * $0 })).squareRoot()
        #expect(abs(sum(batched.weights) - sum(single.weights)) < 4 * error)
        #expect(batched.weights != single.weights)

        // Resume: a lost batch is made again, bit for bit; a corrupt one is dropped and made again.
        try FileManager.default.removeItem(at: files[1])
        try Data("not a store".utf8).write(to: files[2])
        let (resumed, resumedSummary) = try await produce(try Self.spec(batch: 10_000), in: dir.appendingPathComponent("batched"))
        #expect(resumed == batched)
        #expect(resumedSummary.preselected == summary.preselected)
        #expect(try batchFiles(dir.appendingPathComponent("batched")).count == 3)

        // One thread gives the same bits.
        let (oneThread, _) = try await produce(try Self.spec(batch: 10_000, threads: 1), in: dir.appendingPathComponent("one-thread"))
        #expect(oneThread == batched)
    }
}
