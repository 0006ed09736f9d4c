import Foundation
import Testing
@testable import EventIO

/// DarkScan's TTree writer read back by DarkScan's reader (Validation/formats/make_fixtures.py
/// checks that uproot reads it too).
@Suite("ROOT writer")
struct ROOTWriterTests {
    static func columns(_ n: Int) -> [ROOTWriteColumn] {
        [
            .init(name: "b", values: .bool((0..<n).map { $0 % 3 == 0 })),
            .init(name: "i1", values: .int8((0..<n).map { Int8(truncatingIfNeeded: $0) })),
            .init(name: "u1", values: .uint8((0..<n).map { UInt8(truncatingIfNeeded: $0) })),
            .init(name: "i2", values: .int16((0..<n).map { Int16(truncatingIfNeeded: $0 * 77) })),
            .init(name: "u2", values: .uint16((0..<n).map { UInt16(truncatingIfNeeded: $0 * 77) })),
            .init(name: "i4", values: .int32((0..<n).map { Int32($0) - 500 })),
            .init(name: "u4", values: .uint32((0..<n).map { UInt32($0) * 4_000_000 })),
            .init(name: "i8", values: .int64((0..<n).map { $0 == 1 ? .min : Int64($0) * -1_000_000_000_000 })),
            .init(name: "u8", values: .uint64((0..<n).map { UInt64.max - UInt64($0) })),
            .init(name: "f4", values: .float32((0..<n).map { $0 == 2 ? .nan : Float($0) * 0.1 })),
            .init(name: "f8", values: .float64((0..<n).map { $0 == 3 ? -.infinity : Double($0) * 0.01 })),
            .init(name: "a3", values: .float64((0..<(3 * n)).map { Double($0) / 3 }), dims: [3]),
            .init(name: "m23", values: .int32((0..<(6 * n)).map { Int32($0) }), dims: [2, 3]),
        ]
    }

    @Test("round trip of every type, fixed arrays and every compression", arguments: [
        ROOTCompression.none, .zlib(level: 1), .zlib(level: 9), .lz4(level: 1), .lz4(level: 9), .zstd(level: 3), .lzma(level: 1),
    ])
    func roundTrip(compression: ROOTCompression) async throws {
        try await withTemporaryDirectoryAsync { dir in
            let url = dir.appendingPathComponent("t.root")
            let written = Self.columns(1000)
            try await ROOTTreeWriter(treeName: "t", treeTitle: "title", compression: compression, basketBytes: 1000).write(written, to: url)
            let file = try ROOTFile(contentsOf: url)
            #expect(file.header.compression == compression.code)
            let tree = try file.tree("t")
            #expect(tree.entries == 1000 && tree.title == "title")
            #expect(try tree.branch("i8").baskets.count > 1)
            let back = try await tree.read()
            for (a, b) in zip(written, back) {
                #expect(bitKeys(a.values) == bitKeys(b.values), "\(a.name)")
                #expect(b.shape == (a.dims.isEmpty ? .scalar : .fixed(a.dims)))
            }
            if compression != .none {
                #expect(tree.basketCompression(of: try tree.branch("i8")) == compression.algorithmName)
            }
        }
    }

    @Test("the 64-bit (large file) layout")
    func largeLayout() async throws {
        try await withTemporaryDirectoryAsync { dir in
            let url = dir.appendingPathComponent("big.root")
            try await ROOTTreeWriter(treeName: "t", compression: .zstd(level: 1), forceLargeFile: true).write(Self.columns(100), to: url)
            let file = try ROOTFile(contentsOf: url)
            #expect(file.header.isLarge)
            let back = try await file.tree("t").read(["u8", "m23"])
            #expect(back[0].values == .uint64((0..<100).map { UInt64.max - UInt64($0) }))
        }
    }

    @Test("inconsistent columns are refused before anything is written")
    func refusals() async throws {
        try await withTemporaryDirectoryAsync { dir in
            let url = dir.appendingPathComponent("bad.root")
            let writer = ROOTTreeWriter()
            await #expect(throws: EventIOError.self) { try await writer.write([], to: url) }
            await #expect(throws: EventIOError.self) {
                try await writer.write([.init(name: "a", values: .int32([1, 2])), .init(name: "b", values: .int32([1]))], to: url)
            }
            await #expect(throws: EventIOError.self) {
                try await writer.write([.init(name: "a", values: .int32([1])), .init(name: "a", values: .int32([1]))], to: url)
            }
            await #expect(throws: EventIOError.self) { try await writer.write([.init(name: "x/F", values: .int32([1]))], to: url) }
            let left = try contents(of: dir)
            #expect(left.isEmpty)
        }
    }

    @Test("compression settings parse and encode as ROOT's fCompress")
    func settings() {
        #expect(ROOTCompression(parsing: "zlib:6") == .zlib(level: 6))
        #expect(ROOTCompression(parsing: "lz4")?.code == 404)
        #expect(ROOTCompression(parsing: "zstd")?.code == 505)
        #expect(ROOTCompression(code: 207) == .lzma(level: 7))
        #expect(ROOTCompression(code: 100) == ROOTCompression.none)
        #expect(ROOTCompression(parsing: "brotli") == nil)
    }
}

/// Runs `body` with a fresh empty directory, removed afterwards.
func withTemporaryDirectoryAsync(_ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("EventIOTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
}
