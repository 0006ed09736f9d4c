import Foundation
import Testing
@testable import EventIO

/// Failed writes throw and leave nothing behind (no temporary file, the old destination intact).
@Suite struct WriteFailureTests {
    @Test func missingDirectory() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("absent").appendingPathComponent("x.dsev")
            let error = #expect(throws: EventIOError.self) { try everyTypeStore().write(to: url) }
            guard case .io(url.path(percentEncoded: false), _, ENOENT)? = error else {
                Issue.record("expected an ENOENT io error, got \(String(describing: error))")
                return
            }
            let remaining = try contents(of: dir)
            #expect(remaining.isEmpty)
        }
    }

    @Test func destinationIsADirectory() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("taken.dsev", isDirectory: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            let path = url.path(percentEncoded: false)
            let error = #expect(throws: EventIOError.self) { try everyTypeStore().write(to: url) }
            #expect(error == .notARegularFile(path: path) || error == .notARegularFile(path: String(path.dropLast())))
            #expect(try contents(of: dir) == ["taken.dsev"])
            let remaining = try contents(of: url)
            #expect(remaining.isEmpty)
        }
    }

    @Test func invalidStoresAreRefusedBeforeWriting() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("x.dscol")
            let path = url.path(percentEncoded: false)
            try ColumnStore(kind: "old", columns: [Column(name: "a", values: [Int8(1)])]).write(to: url)
            let before = try bytes(of: url)

            let twice = ColumnStore(kind: "k", columns: [Column(name: "a", values: [1.0]), Column(name: "a", values: [2.0])])
            #expect(throws: EventIOError.duplicateColumn(path: path, column: "a")) { try twice.write(to: url) }
            let unnamed = ColumnStore(kind: "k", columns: [Column(name: "", values: [1.0])])
            #expect(throws: EventIOError.invalidStore(path: path, reason: "column 0 has an empty name")) { try unnamed.write(to: url) }
            #expect(throws: EventIOError.invalidStore(path: path, reason: "the kind is empty")) { try ColumnStore(kind: "").write(to: url) }
            let nan = ColumnStore(kind: "k", metadata: ["x": .object(["y": .double(.infinity)])])
            #expect(throws: EventIOError.invalidMetadata(path: path, reason: "$.metadata.x.y is not a finite number (JSON has no NaN or infinity)")) {
                try nan.write(to: url)
            }

            #expect(try bytes(of: url) == before)
            #expect(try contents(of: dir) == ["x.dscol"])
        }
    }

    @Test func readOnlyDirectory() throws {
        guard getuid() != 0 else { return }   // root may write anywhere
        try withTemporaryDirectory { dir in
            let locked = dir.appendingPathComponent("locked", isDirectory: true)
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path(percentEncoded: false))
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path(percentEncoded: false)) }
            let error = #expect(throws: EventIOError.self) { try everyTypeStore().write(to: locked.appendingPathComponent("x.dscol")) }
            guard case .io(_, _, EACCES)? = error else {
                Issue.record("expected EACCES, got \(String(describing: error))")
                return
            }
            let remaining = try contents(of: locked)
            #expect(remaining.isEmpty)
        }
    }
}
