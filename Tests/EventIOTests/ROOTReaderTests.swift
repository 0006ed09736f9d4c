import Foundation
import Testing
@testable import EventIO

/// The ROOT fixtures (written by uproot 5 and by ROOT 6, see Validation/formats/make_fixtures.py)
/// read by DarkScan and compared, value by value, with uproot's values stored next to them.
@Suite("ROOT reader")
struct ROOTReaderTests {
    static let uprootFixtures = ["uproot-none.root", "uproot-zlib.root", "uproot-lz4.root", "uproot-zstd.root", "uproot-lzma.root"]
    static let rootWritten = ["rootwritten-sample-6.20.04-zlib.root", "rootwritten-issue21.root"]

    @Test("every branch of every fixture equals uproot's values", arguments: uprootFixtures + rootWritten)
    func fixtureValues(name: String) async throws {
        let file = try ROOTFile(contentsOf: fixtureURL(name))
        let expected = try JSONDecoder().decode(ExpectedFile.self, from: Data(contentsOf: fixtureURL(name + ".expected.json")))
        #expect(!expected.trees.isEmpty)
        for (path, tree) in expected.trees {
            let t = try file.tree(path)
            #expect(t.entries == Int64(tree.entries))
            let columns = try await t.read(Array(tree.branches.keys).sorted())
            try expectMatches(columns, tree)
        }
    }

    @Test("uproot's baskets are compressed with the algorithm asked for", arguments: [
        ("uproot-zlib.root", "zlib"), ("uproot-lz4.root", "LZ4"), ("uproot-zstd.root", "ZSTD"), ("uproot-lzma.root", "LZMA"), ("uproot-none.root", "none"),
    ])
    func compressionAlgorithms(name: String, algorithm: String) throws {
        let tree = try ROOTFile(contentsOf: fixtureURL(name)).tree("events")
        let branch = try tree.branch("f8")
        #expect(branch.baskets.count == 2)
        #expect(tree.basketCompression(of: branch) == algorithm)
    }

    @Test("the metadata of the uproot fixture: types, shapes, counters")
    func metadata() throws {
        let file = try ROOTFile(contentsOf: fixtureURL("uproot-zlib.root"))
        #expect(file.treePaths == ["events"])
        #expect(!file.header.isLarge)
        let tree = try file.tree()
        #expect(tree.title == "DarkScan fixture")
        #expect(try tree.branch("u8").type == .uint64)
        #expect(try tree.branch("b").type == .bool)
        #expect(try tree.branch("af4").shape == .fixed([3]))
        #expect(try tree.branch("mi4").shape == .fixed([2, 3]))
        #expect(try tree.branch("jf8").shape == .jagged(counter: "njf8", inner: []))
        #expect(try tree.branch("jf8").typeDescription == "Double_t[njf8]")
        #expect(tree.readableBranchNames.count == tree.branches.count)
    }

    @Test("a ROOT-written tree whose last basket is embedded in the TTree record")
    func embeddedBaskets() async throws {
        let tree = try ROOTFile(contentsOf: fixtureURL("rootwritten-issue21.root")).tree("nllscan")
        let branch = try tree.branch("mH")
        #expect(branch.embeddedBaskets > 0)
        let column = try await tree.read(["mH"])
        #expect(column[0].entries == Int(tree.entries))
    }

    @Test("object and leaf-list branches are refused with the branch and its type")
    func unsupportedBranches() async throws {
        let leafList = try ROOTFile(contentsOf: fixtureURL("rootwritten-leaflist.root")).tree("tree")
        await #expect(throws: EventIOError.self) { try await leafList.read(["leaflist"]) }
        do {
            _ = try await leafList.read(["leaflist"])
        } catch {
            #expect("\(error)".contains("leaflist") && "\(error)".contains("leaf list"))
        }
        let vector = try ROOTFile(contentsOf: fixtureURL("rootwritten-issue-60a.root")).tree("tree")
        do {
            _ = try await vector.read(["silver"])
            Issue.record("a vector<Long64_t> branch was read")
        } catch {
            let message = "\(error)"
            #expect(message.contains("silver") && message.contains("TBranchElement") && message.contains("vector<Long64_t>"), "\(message)")
        }
        let sample = try ROOTFile(contentsOf: fixtureURL("rootwritten-sample-6.20.04-zlib.root")).tree("sample")
        #expect(try sample.branch("str").unsupportedReason?.contains("TLeafC") == true)
    }

    @Test("unknown trees and branches are named with what the file has")
    func notFound() throws {
        let file = try ROOTFile(contentsOf: fixtureURL("uproot-zlib.root"))
        #expect(throws: EventIOError.self) { try file.tree("nope") }
        do { _ = try file.tree().branch("nope") } catch {
            #expect("\(error)".contains("nope") && "\(error)".contains("jf8"))
        }
    }

    @Test("XXH64 of known inputs")
    func xxhash() {
        #expect([UInt8]().withUnsafeBytes { XXHash64.hash($0) } == 0xEF46_DB37_51D8_E999)
        #expect(Array("a".utf8).withUnsafeBytes { XXHash64.hash($0) } == 0xD24E_C4F1_A98C_6E5B)
        #expect(Array("The quick brown fox jumps over the lazy dog".utf8).withUnsafeBytes { XXHash64.hash($0) } == 0x0B24_2D36_1FDA_71BC)
    }
}

/// An expected-values file of a ROOT fixture: {"format": "ROOT", "trees": {path: ExpectedTree}}.
struct ExpectedFile: Decodable {
    var trees: [String: ExpectedTree]
}
