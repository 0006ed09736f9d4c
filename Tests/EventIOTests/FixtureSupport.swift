import Foundation
import Testing
@testable import EventIO

/// The URL of fixture `name` (Tests/EventIOTests/Fixtures, written by
/// Validation/formats/make_fixtures.py).
func fixtureURL(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)
            ?? Bundle.module.resourceURL.map({ $0.appendingPathComponent("Fixtures").appendingPathComponent(name) }),
          FileManager.default.fileExists(atPath: url.path) else {
        throw TestSetupError("fixture \(name) is missing")
    }
    return url
}

/// The expected values of a ROOT fixture, as make_fixtures.py writes them from uproot:
/// {"tree", "entries", "branches": {name: {"type", "shape", "dims"?, "values": [strings], "offsets"?}}}.
struct ExpectedTree: Decodable {
    struct Branch: Decodable {
        var type: String
        var shape: String
        var dims: [Int]?
        var values: [String]
        var offsets: [Int64]?
    }
    var tree: String
    var entries: Int
    var branches: [String: Branch]

    static func load(_ name: String) throws -> ExpectedTree {
        try JSONDecoder().decode(ExpectedTree.self, from: Data(contentsOf: fixtureURL(name)))
    }
}

/// The values of `array` as bit-exact comparable keys (so NaN equals NaN and -0.0 differs from 0.0).
func bitKeys(_ array: ROOTArray) -> [String] {
    switch array {
    case .bool(let v): v.map { $0 ? "1" : "0" }
    case .int8(let v): v.map { "\($0)" }
    case .uint8(let v): v.map { "\($0)" }
    case .int16(let v): v.map { "\($0)" }
    case .uint16(let v): v.map { "\($0)" }
    case .int32(let v): v.map { "\($0)" }
    case .uint32(let v): v.map { "\($0)" }
    case .int64(let v): v.map { "\($0)" }
    case .uint64(let v): v.map { "\($0)" }
    case .float32(let v): v.map { "f\($0.bitPattern)" }
    case .float64(let v): v.map { "d\($0.bitPattern)" }
    }
}

/// The expected strings parsed to the same bit-exact keys.
func bitKeys(_ strings: [String], type: String) throws -> [String] {
    try strings.map { s in
        switch type {
        case _ where s.hasPrefix("nanbits:"):
            return (type == "float32" ? "f" : "d") + s.dropFirst(8)
        case "float32":
            guard let f = Float(s) else { throw TestSetupError("bad float32 '\(s)'") }
            return "f\(f.bitPattern)"
        case "float64":
            guard let d = Double(s) else { throw TestSetupError("bad float64 '\(s)'") }
            return "d\(d.bitPattern)"
        default:
            return s
        }
    }
}

/// Compares every branch of `expected` with DarkScan's columns, value by value.
func expectMatches(_ columns: [ROOTColumn], _ expected: ExpectedTree, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
    for (name, branch) in expected.branches.sorted(by: { $0.key < $1.key }) {
        guard let column = byName[name] else {
            Issue.record("no column \(name)", sourceLocation: sourceLocation)
            continue
        }
        #expect(column.type.rawValue == branch.type, "type of \(name)", sourceLocation: sourceLocation)
        #expect(column.entries == expected.entries, "entries of \(name)", sourceLocation: sourceLocation)
        switch branch.shape {
        case "scalar": #expect(column.shape == .scalar, "shape of \(name)", sourceLocation: sourceLocation)
        case "fixed": #expect(column.shape == .fixed(branch.dims ?? []), "shape of \(name)", sourceLocation: sourceLocation)
        default:
            if case .jagged = column.shape {} else { Issue.record("\(name) is not jagged", sourceLocation: sourceLocation) }
            #expect(column.offsets == branch.offsets, "offsets of \(name)", sourceLocation: sourceLocation)
        }
        let got = bitKeys(column.values), want = try bitKeys(branch.values, type: branch.type)
        #expect(got == want, "values of \(name)", sourceLocation: sourceLocation)
    }
}
