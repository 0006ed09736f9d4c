import Foundation
import HEPCore
import Testing
@testable import EventIO

/// Damaged files: each must be refused with an error naming the file and the damaged part.
@Suite struct CorruptionTests {
    /// Writes the every-type store, lets `damage` edit its bytes, and returns the error of
    /// reading it back (checked to be the same for `ColumnStore.read` and, where the damage is
    /// in the header, `StoreInfo.read`), with the file's path.
    private func readError(headerOnly: Bool = true, _ damage: (inout [UInt8], StoreInfo) throws -> Void) throws
        -> (error: EventIOError?, path: String) {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("damaged.dscol")
            try everyTypeStore().write(to: url)
            let info = try StoreInfo.read(from: url)
            var file = try bytes(of: url)
            try damage(&file, info)
            try writeBytes(file, to: url)
            let error = #expect(throws: EventIOError.self) { try ColumnStore.read(from: url) }
            if headerOnly, let error {
                #expect(throws: error) { try StoreInfo.read(from: url) }
            }
            return (error, url.path(percentEncoded: false))
        }
    }

    @Test func truncatedFiles() throws {
        for (cut, section) in [(0, EventIOError.Section.prelude), (5, .prelude), (8, .prelude), (20, .prelude)] {
            let (error, path) = try readError { file, _ in file.removeSubrange(cut...) }
            #expect(error == .truncated(path: path, section: section, expectedSize: 24, actualSize: UInt64(cut)))
        }
        var expected: UInt64 = 0
        let (error, path) = try readError { file, info in
            expected = 24 + info.headerLength
            file.removeSubrange((24 + Int(info.headerLength) / 2)...)
        }
        #expect(error == .truncated(path: path, section: .header, expectedSize: expected,
                                    actualSize: 24 + expected / 2 - 12))
        var column = ColumnInfo(name: "", type: .i8, unit: nil, description: "", count: 0, offset: 0, byteLength: 0, crc32: 0)
        let (columnError, columnPath) = try readError { file, info in
            column = try #require(info.column(named: "f64"))
            file.removeSubrange(Int(column.offset + 3)...)
        }
        #expect(columnError == .truncated(path: columnPath, section: .column("f64"),
                                          expectedSize: column.offset + column.byteLength, actualSize: column.offset + 3))
        #expect(columnError?.description.contains("column 'f64'") == true)
        #expect(columnError?.description.contains(columnPath) == true)
    }

    @Test func corruptedColumnByte() throws {
        let (error, path) = try readError(headerOnly: false) { file, info in
            let column = try #require(info.column(named: "i32"))
            file[Int(column.offset) + 5] ^= 0x10
        }
        guard case .checksumMismatch(path, "i32", let stored, let computed)? = error else {
            Issue.record("expected a checksum error for column i32, got \(String(describing: error))")
            return
        }
        #expect(stored != computed)
        #expect(error?.description.contains("column 'i32' is corrupt") == true)
    }

    @Test func unverifiedMappingSkipsChecksums() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("x.dscol")
            try ColumnStore(kind: "k", columns: [Column(name: "x", values: [1.0])]).write(to: url)
            var file = try bytes(of: url)
            let offset = try #require(StoreInfo.read(from: url).column(named: "x")).offset
            file[Int(offset) + 6] = 0x00   // 1.0 (3FF0...) -> 2.0 (4000...)
            file[Int(offset) + 7] = 0x40
            try writeBytes(file, to: url)
            #expect(throws: EventIOError.self) { try MappedStore(contentsOf: url) }
            #expect(try MappedStore(contentsOf: url, verifyChecksums: false).array("x", as: Double.self) == [2.0])
        }
    }

    @Test func corruptedHeaderByte() throws {
        let (error, path) = try readError { file, _ in file[40] ^= 0x01 }
        guard case .headerChecksumMismatch(path, _, _)? = error else {
            Issue.record("expected a header checksum error, got \(String(describing: error))")
            return
        }
    }

    @Test func badMagic() throws {
        let (error, path) = try readError { file, _ in file[1] = UInt8(ascii: "X") }
        #expect(error == .badMagic(path: path, found: [0x89, 0x58, 0x53, 0x43, 0x4F, 0x4C, 0x0D, 0x0A]))
        let (text, textPath) = try readError { file, _ in file = Array("hello".utf8) }
        #expect(text == .badMagic(path: textPath, found: Array("hello".utf8)))
    }

    @Test func unsupportedVersions() throws {
        let (future, path) = try readError { file, _ in file[8] = 2 }
        #expect(future == .unsupportedVersion(path: path, found: 2, newestSupported: 1))
        #expect(future?.description.contains("newer") == true)
        let (zero, zeroPath) = try readError { file, _ in file[8] = 0 }
        #expect(zero == .unsupportedVersion(path: zeroPath, found: 0, newestSupported: 1))
    }

    /// Header edits that keep the length and re-stamp the header CRC, and the error they cause.
    @Test(arguments: [
        ("{\"columns\":[{", "[\"columns\":[{", "invalid JSON"),
        ("\"kind\":\"test-store\"", "\"kind\":17          ", "'kind' is integer, not a string"),
        ("\"formatVersion\":1", "\"formatVersion\":2", "differs from the version 1"),
        ("\"type\":\"f32\"", "\"type\":\"f16\"", "unknown type 'f16'"),
        ("\"name\":\"u8\"", "\"nome\":\"u8\"", "columns[1]: 'name' is missing"),
    ])
    func malformedHeaders(edit: (String, String, String)) throws {
        let (error, path) = try readError { file, _ in try patchHeader(&file, replacing: edit.0, with: edit.1) }
        guard case .malformedHeader(path, let reason)? = error, reason.contains(edit.2) else {
            Issue.record("expected a malformed header error containing \(edit.2), got \(String(describing: error))")
            return
        }
    }

    @Test func layoutViolations() throws {
        let (duplicate, path) = try readError { file, _ in try patchHeader(&file, replacing: "\"name\":\"u8\"", with: "\"name\":\"i8\"") }
        #expect(duplicate == .duplicateColumn(path: path, column: "i8"))

        var offset: UInt64 = 0
        let (misaligned, misalignedPath) = try readError { file, info in
            offset = try #require(info.column(named: "i64")).offset
            try patchHeader(&file, replacing: "\"offset\":\(offset)", with: "\"offset\":\(offset + 8)")
        }
        #expect(misaligned == .misalignedColumn(path: misalignedPath, column: "i64", offset: offset + 8, alignment: 64))

        let (length, lengthPath) = try readError { file, _ in try patchHeader(&file, replacing: "\"count\":256", with: "\"count\":255") }
        #expect(length == .columnLengthMismatch(path: lengthPath, column: "u8", type: .u8, count: 255, byteLength: 256))

        var previous: ColumnInfo?
        let (overlap, overlapPath) = try readError { file, info in
            previous = info.column(named: "i8")
            let u8 = try #require(info.column(named: "u8"))
            try patchHeader(&file, replacing: "\"offset\":\(u8.offset)", with: "\"offset\":\(try #require(previous).offset)")
        }
        let i8 = try #require(previous)
        #expect(overlap == .overlappingColumn(path: overlapPath, column: "u8", offset: i8.offset, previousEnd: i8.offset + i8.byteLength))
    }

    @Test func missingFileAndDirectory() throws {
        try withTemporaryDirectory { dir in
            let missing = dir.appendingPathComponent("nope.dsev")
            let path = missing.path(percentEncoded: false)
            #expect(throws: EventIOError.fileNotFound(path: path)) { try ColumnStore.read(from: missing) }
            #expect(throws: EventIOError.fileNotFound(path: path)) { try EventSample.read(from: missing) }
            #expect(throws: EventIOError.fileNotFound(path: path)) { try StoreInfo.read(from: missing) }
            #expect(EventIOError.fileNotFound(path: path).description == "\(path): no such file")
            #expect(throws: EventIOError.notARegularFile(path: dir.path(percentEncoded: false))) {
                try ColumnStore.read(from: dir)
            }
            let web = try #require(URL(string: "https://example.org/x.dsev"))
            #expect(throws: EventIOError.notAFileURL(url: "https://example.org/x.dsev")) { try ColumnStore.read(from: web) }
        }
    }
}
