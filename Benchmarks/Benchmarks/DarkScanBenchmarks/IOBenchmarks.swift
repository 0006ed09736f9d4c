import Benchmark
import EventIO
import Foundation

/// Reading a flat ntuple of 10^7 entries and 10 branches (5 Float, 5 Double: 600 MB of values)
/// with DarkScan's ROOT reader, one benchmark per basket compression. Each benchmark's setup
/// writes the file with DarkScan's ROOT writer (256 KiB baskets) into the temporary directory,
/// not timed; its teardown removes it. One iteration reads every branch into contiguous arrays
/// (baskets decompressed in parallel on all cores).
///
/// With DARKSCAN_IO_BENCHMARK_DIR=DIR in the environment the files are written to DIR (once:
/// existing ones are reused) and kept, so that uproot can read the very same files:
/// `python3 Validation/formats/make_fixtures.py validate --benchmark-file DIR/io-benchmark-zlib-1.root`
/// prints uproot's time.
func ioBenchmarks() {
    let entries = 10_000_000
    let keep = ProcessInfo.processInfo.environment["DARKSCAN_IO_BENCHMARK_DIR"].map { URL(fileURLWithPath: $0) }
    let cases: [(String, ROOTCompression)] = [
        ("uncompressed", .none), ("zlib-1", .zlib(level: 1)), ("LZ4-4", .lz4(level: 4)), ("ZSTD-5", .zstd(level: 5)), ("LZMA-1", .lzma(level: 1)),
    ]
    for (name, compression) in cases {
        let url = keep?.appendingPathComponent("io-benchmark-\(name).root")
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-io-benchmark-\(name)-\(getpid()).root")
        Benchmark(
            "Read a 1e7-entry flat ntuple (5 float + 5 double branches), \(name)",
            configuration: .init(metrics: [.wallClock, .peakMemoryResident], scalingFactor: .one, maxDuration: .seconds(30), maxIterations: 5),
            closure: { benchmark in
                let tree = try ROOTFile(contentsOf: url).tree("ntuple")
                let columns = try await tree.read()
                blackHole(columns.reduce(0) { $0 + $1.values.count })
            },
            setup: {
                if keep != nil && FileManager.default.fileExists(atPath: url.path) { return }
                try await writeBenchmarkNtuple(to: url, entries: entries, compression: compression)
            },
            teardown: { if keep == nil { try? FileManager.default.removeItem(at: url) } }
        )
    }
}

/// Five Float and five Double branches of smooth values with a few bits of deterministic noise
/// (compressible like real kinematic variables, not like constants).
func writeBenchmarkNtuple(to url: URL, entries: Int, compression: ROOTCompression) async throws {
    var columns: [ROOTWriteColumn] = []
    for b in 0..<10 {
        var state = UInt64(b + 1) &* 0x9E37_79B9_7F4A_7C15
        let values = (0..<entries).map { i -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(state >> 44) / Double(1 << 20)
            return 5 * Double.sin(Double(i) * 1e-4 * Double(b + 1)) + noise
        }
        columns.append(b < 5 ? ROOTWriteColumn(name: "f\(b)", values: .float32(values.map { Float($0) }))
                             : ROOTWriteColumn(name: "d\(b)", values: .float64(values)))
    }
    try await ROOTTreeWriter(treeName: "ntuple", compression: compression).write(columns, to: url)
}
