import Foundation
import HEPCore
import Testing
@testable import EventIO

/// Runs `body` with a fresh empty directory, removed afterwards.
func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("EventIOTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// The names in `directory`, sorted (hidden files included).
func contents(of directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false)).sorted()
}

/// The file bytes.
func bytes(of url: URL) throws -> [UInt8] {
    Array(try Data(contentsOf: url))
}

/// Writes `bytes` to `url` (plainly, for crafted files).
func writeBytes(_ bytes: [UInt8], to url: URL) throws {
    try Data(bytes).write(to: url)
}

/// The header length stored in a file's prelude.
func headerLength(of file: [UInt8]) -> Int {
    var length = 0
    for i in (16..<24).reversed() { length = length << 8 | Int(file[i]) }
    return length
}

/// The header text of a store file.
func headerText(of file: [UInt8]) -> String {
    String(decoding: file[24..<(24 + headerLength(of: file))], as: UTF8.self)
}

/// Replaces `old` by `new` (of the same UTF-8 length) in the header of `file` and re-stamps the
/// header CRC, so that the header checksum passes and later checks see the edit.
func patchHeader(_ file: inout [UInt8], replacing old: String, with new: String) throws {
    guard old.utf8.count == new.utf8.count else { throw TestSetupError("patches must keep the header length") }
    let patched = headerText(of: file).replacingOccurrences(of: old, with: new)
    guard patched != headerText(of: file) else { throw TestSetupError("'\(old)' is not in the header") }
    file.replaceSubrange(24..<(24 + headerLength(of: file)), with: Array(patched.utf8))
    restampHeaderCRC(&file)
}

/// A mistake in a test's own setup.
struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Recomputes the header CRC in the prelude of `file`.
func restampHeaderCRC(_ file: inout [UInt8]) {
    let crc = CRC32.checksum(file[24..<(24 + headerLength(of: file))])
    for i in 0..<4 { file[12 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
}

/// A small store with one column of every type, two of them empty.
func everyTypeStore() -> ColumnStore {
    ColumnStore(
        kind: "test-store",
        metadata: ["name": .string("every type"), "seed": .uint(UInt64.max), "scale": .double(1.0),
                   "count": .int(-3), "tags": .array([.string("a"), .null, .bool(true)]),
                   "nested": .object(["x": .double(0.1), "unicode": .string("µ→ \"q\"\n")])],
        columns: [
            Column(name: "i8", description: "signed bytes", values: [Int8.min, -1, 0, 1, Int8.max]),
            Column(name: "u8", values: [UInt8](0...255)),
            Column(name: "i32", unit: "count", values: [Int32.min, 0, Int32.max]),
            Column(name: "i64", values: [Int64.min, -1, Int64.max]),
            Column(name: "f32", unit: "GeV", values: [Float(1.5), -.infinity, .nan, -0.0]),
            Column(name: "f64", unit: "GeV", description: "doubles", values: [0.1, -2.5e300, .infinity, .nan, .leastNonzeroMagnitude]),
            Column(name: "empty-f64", unit: "pb", values: [Double]()),
            Column(name: "empty-i8", values: [Int8]()),
        ])
}

/// A fixed metadata for event samples.
func sampleMetadata(seed: UInt64 = 0xDEAD_BEEF_CAFE_F00D) -> SampleMetadata {
    SampleMetadata(process: "e+ e- -> mu+ mu- Z'", processKey: "mumu-zprime", collider: "belle", frame: "cm",
                   crossSectionPicobarn: 0.123456789, crossSectionErrorPicobarn: 1.0e-4,
                   eventsTried: 1000, eventsKept: 3, weighted: true, seed: seed,
                   settings: ["mass": "1.5", "coupling": "0.001", "path": "a/b"])
}

/// A hand-built sample of three events: mu mu Z', an empty event, and tau tau with decays.
func smallSample() -> EventSample {
    var sample = EventSample(metadata: sampleMetadata())
    let mu = PDGID(13), antiMu = PDGID(-13), tau = PDGID(15), antiTau = PDGID(-15)
    sample.append(weight: 0.5, particles: [
        .init(id: mu, momentum: FourMomentum(e: 5.0, px: 1.0, py: 2.0, pz: 4.0)),
        .init(id: antiMu, momentum: FourMomentum(e: 4.0, px: -1.0, py: -2.0, pz: -3.0)),
        .init(id: PDGID(9_900_023), status: .decayed, momentum: FourMomentum(e: 1.58, px: 0.0, py: 0.0, pz: -0.5)),
    ])
    sample.append(weight: 0.25, particles: [])
    sample.append(weight: 0.125, particles: [
        .init(id: tau, status: .decayed, momentum: FourMomentum(e: 5.29, px: 0.1, py: 0.2, pz: 4.9)),
        .init(id: antiTau, status: .decayed, momentum: FourMomentum(e: 5.29, px: -0.1, py: -0.2, pz: -4.9)),
        .init(id: PDGID(16), mother: 0, momentum: FourMomentum(e: 2.0, px: 0.0, py: 0.1, pz: 1.99)),
        .init(id: PDGID(-16), mother: 1, momentum: FourMomentum(e: 2.0, px: 0.0, py: -0.1, pz: -1.99)),
    ])
    return sample
}
