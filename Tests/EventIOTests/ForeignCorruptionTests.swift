import Foundation
import HEPCore
import Testing
@testable import EventIO

/// Truncated and corrupted ROOT, LHE and HepMC3 files give errors that name the file and the
/// place; none crashes.
@Suite("Truncated and corrupted foreign files")
struct ForeignCorruptionTests {
    /// Reads everything DarkScan can from a ROOT file.
    static func readROOT(_ url: URL) async throws(EventIOError) {
        let file = try ROOTFile(contentsOf: url)
        for path in file.treePaths {
            let tree = try file.tree(path)
            _ = try await tree.read(tree.readableBranchNames)
        }
    }

    @Test("every truncation of a ROOT file is an error naming the file", arguments: ["uproot-zlib.root", "uproot-lz4.root", "rootwritten-sample-6.20.04-zlib.root"])
    func truncatedROOT(name: String) async throws {
        let full = try bytes(of: fixtureURL(name))
        try await withTemporaryDirectoryAsync { dir in
            let url = dir.appendingPathComponent("cut.root")
            for size in stride(from: 0, to: full.count, by: max(1, full.count / 97)) {
                try writeBytes(Array(full.prefix(size)), to: url)
                do {
                    try await Self.readROOT(url)
                    Issue.record("\(name) cut at \(size) bytes was read")
                } catch {
                    #expect("\(error)".contains(url.path), "\(error)")
                }
            }
        }
    }

    @Test("corrupted bytes in a ROOT file never crash; damaged compressed data is an error", arguments: ["uproot-zlib.root", "uproot-lz4.root", "uproot-zstd.root", "uproot-lzma.root"])
    func corruptedROOT(name: String) async throws {
        let full = try bytes(of: fixtureURL(name))
        try await withTemporaryDirectoryAsync { dir in
            let url = dir.appendingPathComponent("bad.root")
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for _ in 0..<150 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                var damaged = full
                let position = Int(state >> 33) % full.count
                damaged[position] ^= UInt8(truncatingIfNeeded: state >> 20) | 1
                try writeBytes(damaged, to: url)
                do { try await Self.readROOT(url) } catch { #expect("\(error)".contains(url.path)) }
            }
        }
    }

    @Test("a damaged LZ4 checksum and a wrong magic are reported")
    func specificROOTDamage() async throws {
        var file = try bytes(of: fixtureURL("uproot-lz4.root"))
        let tree = try ROOTFile(contentsOf: fixtureURL("uproot-lz4.root")).tree("events")
        let basket = try tree.branch("f8").baskets[0]
        let keyLength = try file.withUnsafeBytes { raw throws in
            var cursor = ROOTCursor(bytes: raw, position: Int(basket.seek), path: "x", context: "x")
            return try ROOTFile.readKey(&cursor, directory: "").keyLength
        }
        file[Int(basket.seek) + keyLength + 9] ^= 0xFF  // first byte of the stored XXH64
        try await withTemporaryDirectoryAsync { dir in
            let url = dir.appendingPathComponent("lz4.root")
            try writeBytes(file, to: url)
            do {
                _ = try await ROOTFile(contentsOf: url).tree("events").read(["f8"])
                Issue.record("a damaged checksum was not noticed")
            } catch {
                #expect("\(error)".contains("checksum") && "\(error)".contains("basket 0 of branch 'f8'"), "\(error)")
            }
            try writeBytes(Array("ROOT".utf8) + Array(file.dropFirst(4)), to: url)
            #expect(throws: EventIOError.self) { try ROOTFile(contentsOf: url) }
            // A text file that merely begins with "root" (an /etc/passwd line) is not a ROOT file.
            try writeBytes(Array(("root:x:0:0:root:/root:/bin/bash\n" + String(repeating: "daemon:x:1:1::/:/bin/sh\n", count: 4)).utf8), to: url)
            do {
                _ = try ROOTFile(contentsOf: url)
                Issue.record("a text file starting with 'root' was opened as ROOT")
            } catch {
                #expect("\(error)".contains("not a ROOT file") && "\(error)".contains(url.path), "\(error)")
            }
        }
    }

    @Test("truncated LHE and HepMC3 files name the line", arguments: ["lhe10.lhe", "lhe30.lhe.gz", "events.hepmc3"])
    func truncatedText(name: String) throws {
        var full = try bytes(of: fixtureURL(name))
        if Gzip.isGzip(full) { full = try Gzip.decompress(full, path: name) }
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent(name.hasSuffix("hepmc3") ? "cut.hepmc3" : "cut.lhe")
            for size in stride(from: 0, to: full.count - 2, by: max(1, full.count / 53)) {
                try writeBytes(Array(full.prefix(size)), to: url)
                do {
                    _ = try EventSample.read(anyFormatFrom: url)
                    Issue.record("\(name) cut at \(size) bytes was read")
                } catch let error as EventIOError {
                    #expect("\(error)".contains(url.path) && ("\(error)".contains("line") || size == 0 || "\(error)".contains("format")), "\(error)")
                }
            }
            // A cut gzip stream.
            let gz = try Gzip.compress(full, path: "x")
            try writeBytes(Array(gz.prefix(gz.count / 2)), to: dir.appendingPathComponent("cut.lhe.gz"))
            #expect(throws: EventIOError.self) { try LHEFile.read(from: dir.appendingPathComponent("cut.lhe.gz")) }
        }
    }

    @Test("malformed lines are errors with their line number")
    func malformedText() {
        let lhe = "<LesHouchesEvents version=\"1.0\">\n<init>\n11 -11 5 5 0 0 0 0 3 1\n1 0 1 1\n</init>\n<event>\n1 1 1 0 0 0\n13 1 0 0 0 0 x 0 0 1 0 0 9\n</event>\n</LesHouchesEvents>\n"
        do { _ = try LHEFile.parse(text: lhe, path: "m.lhe"); Issue.record("read") } catch {
            #expect("\(error)".contains("m.lhe") && "\(error)".contains("line 8") && "\(error)".contains("px"), "\(error)")
        }
        let hepmc2 = "HepMC::Version 2.06.09\nHepMC::IO_GenEvent-START_EVENT_LISTING\nE 0 -1 -1\n"
        do { _ = try HepMCFile.parse(text: hepmc2, path: "h.hepmc"); Issue.record("read") } catch {
            #expect("\(error)".contains("HepMC2") && "\(error)".contains("line 2"), "\(error)")
        }
        let badParent = "HepMC::Version 3.02.05\nHepMC::Asciiv3-START_EVENT_LISTING\nE 0 0 1\nU GEV MM\nP 1 5 11 0 0 1 1 0 1\nHepMC::Asciiv3-END_EVENT_LISTING\n"
        #expect(throws: EventIOError.self) { try HepMCFile.parse(text: badParent, path: "p.hepmc3") }
    }
}
