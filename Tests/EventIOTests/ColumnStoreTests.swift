import Foundation
import Testing
@testable import EventIO
import HEPCore

@Suite struct ColumnStoreTests {
    @Test func roundTripOfEveryType() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("every.dscol")
            let store = everyTypeStore()
            try store.write(to: url)
            let back = try ColumnStore.read(from: url)
            #expect(back == store)
            #expect(back.columns.map(\.name) == store.columns.map(\.name))
            #expect(back["f64"]?.unit == "GeV")
            #expect(back["f64"]?.description == "doubles")
            #expect(back["i8"]?.unit == nil)
            #expect(back.values("i64", as: Int64.self) == [Int64.min, -1, Int64.max])
            #expect(back.values("i64", as: Double.self) == nil)
            #expect(back.metadata["seed"] == .uint(UInt64.max))
            #expect(back.metadata["scale"] == .double(1.0))
            #expect(try contents(of: dir) == ["every.dscol"])
        }
    }

    @Test func roundTripOfAnEmptyStore() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("empty.dscol")
            let store = ColumnStore(kind: "nothing")
            try store.write(to: url)
            #expect(try ColumnStore.read(from: url) == store)
            #expect(try bytes(of: url).count % StoreFormat.alignment == 0)
        }
    }

    @Test func layoutIsAlignedAndDescribedByTheHeader() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("layout.dscol")
            try everyTypeStore().write(to: url, createdAt: Date(timeIntervalSince1970: 1_700_000_000))
            let file = try bytes(of: url)
            #expect(Array(file[0..<8]) == [0x89, 0x44, 0x53, 0x43, 0x4F, 0x4C, 0x0D, 0x0A])
            #expect(file[8..<12] == [1, 0, 0, 0])
            #expect(file.count % 64 == 0)
            let info = try StoreInfo.read(from: url)
            #expect(info.kind == "test-store")
            #expect(info.formatVersion == 1)
            #expect(info.fileSize == UInt64(file.count))
            #expect(info.headerLength == UInt64(headerLength(of: file)))
            #expect(info.provenance == Provenance(software: "DarkScan", version: DarkScanVersion.string, createdAt: "2023-11-14T22:13:20Z"))
            #expect(info.columns.map(\.type) == [.i8, .u8, .i32, .i64, .f32, .f64, .f64, .i8])
            #expect(info.columns.map(\.count) == [5, 256, 3, 3, 4, 5, 0, 0])
            var end = UInt64(24 + headerLength(of: file))
            for column in info.columns {
                #expect(column.offset % 64 == 0)
                #expect(column.offset >= end && column.offset - end < 64, "\(column.name) follows with minimal padding")
                #expect(column.byteLength == UInt64(column.count * column.type.byteWidth))
                let data = file[Int(column.offset)..<Int(column.offset + column.byteLength)]
                #expect(CRC32.checksum(data) == column.crc32)
                end = column.offset + column.byteLength
            }
            // Padding is zero.
            #expect(file[(24 + headerLength(of: file))..<Int(info.columns[0].offset)].allSatisfy { $0 == 0 })
        }
    }

    @Test func deterministicOutputIsByteIdentical() throws {
        try withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.dscol"), b = dir.appendingPathComponent("b.dscol")
            let c = dir.appendingPathComponent("c.dscol"), d = dir.appendingPathComponent("d.dscol")
            let date = Date(timeIntervalSince1970: 1_750_000_000)
            try everyTypeStore().write(to: a, createdAt: date)
            try everyTypeStore().write(to: b, createdAt: date)
            try everyTypeStore().write(to: c, createdAt: nil)
            try everyTypeStore().write(to: d, createdAt: nil)
            #expect(try bytes(of: a) == bytes(of: b))
            #expect(try bytes(of: c) == bytes(of: d))
            #expect(try StoreInfo.read(from: c).provenance.createdAt == nil)
            #expect(try ColumnStore.read(from: a) == ColumnStore.read(from: c))
        }
    }

    @Test func overwritingReplacesTheFile() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("x.dscol")
            try everyTypeStore().write(to: url)
            let small = ColumnStore(kind: "small", columns: [Column(name: "x", values: [1.0, 2.0])])
            try small.write(to: url)
            #expect(try ColumnStore.read(from: url) == small)
            #expect(try contents(of: dir) == ["x.dscol"])
        }
    }

    @Test func mappedAccessInPlace() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("m.dscol")
            try everyTypeStore().write(to: url)
            let mapped = try MappedStore(contentsOf: url)
            let f64 = try mapped.buffer("f64", as: Double.self)
            #expect(f64.count == 5)
            #expect(f64[0] == 0.1)
            #expect(f64.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) % 64 } == 0)
            #expect(try mapped.array("u8", as: UInt8.self) == [UInt8](0...255))
            #expect(try mapped.buffer("empty-f64", as: Double.self).isEmpty)
            #expect(try mapped.column("i32") == everyTypeStore()["i32"])
            let mismatch = #expect(throws: EventIOError.self) { try mapped.buffer("f64", as: Float.self) }
            #expect(mismatch == .typeMismatch(path: url.path(percentEncoded: false), column: "f64", stored: .f64, requested: .f32))
            let missing = #expect(throws: EventIOError.self) { try mapped.array("nope", as: Int8.self) }
            #expect(missing == .missingColumn(path: url.path(percentEncoded: false), column: "nope"))
        }
    }

    @Test func bufferOutlivesItsStore() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("life.dscol")
            try ColumnStore(kind: "k", columns: [Column(name: "x", values: [3.0, 4.0])]).write(to: url)
            let buffer = try MappedStore(contentsOf: url).buffer("x", as: Double.self)
            #expect(Array(buffer) == [3.0, 4.0])
        }
    }

    @Test func largeColumnRoundTrip() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("large.dscol")
            let values = (0..<1_000_003).map { Double($0) * 0.5 - 7 }
            try ColumnStore(kind: "k", columns: [Column(name: "x", unit: "GeV", values: values)]).write(to: url)
            #expect(try MappedStore(contentsOf: url).array("x", as: Double.self) == values)
        }
    }
}
