import Foundation

/// The cache of a run's stages: each stage's output is a file in `directory` named after the stage
/// and a key computed from everything it depends on (its configuration, the keys of the stages it
/// reads, DarkScan's version). A changed input gives a new key, so the stage runs again; unchanged
/// stages are read back. Files appear only complete: the stores and ``writeAtomically(_:to:)``
/// write a temporary file and rename it, so a run killed mid-stage leaves no half-written file under
/// a key, and the next run resumes with that stage. A cached file that cannot be read back (a disk
/// problem, a foreign file) is removed and its stage redone.
public struct StageCache: Sendable {
    public let directory: URL

    public init(directory: URL) throws(PipelineError) {
        self.directory = directory
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw .fileSystem(path: directory.path, detail: "cannot create the cache directory: \(error.localizedDescription)")
        }
    }

    /// The file of a stage output: `<stage>-<name>-<key>.<ext>`.
    public func url(stage: String, name: String, key: CacheKey, extension ext: String) -> URL {
        directory.appendingPathComponent("\(stage)-\(name)-\(key.hex).\(ext)")
    }

    /// Whether a complete output exists.
    public func contains(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Reads a cached output with `read`; nil if there is none, or if it cannot be read (it is then
    /// removed, so the stage is redone).
    public func load<T>(_ url: URL, _ read: (URL) throws -> T) -> T? {
        guard contains(url) else { return nil }
        do { return try read(url) } catch {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
    }

    /// Writes `data` to a temporary file next to `url` and renames it into place.
    public static func writeAtomically(_ data: Data, to url: URL) throws(PipelineError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw .fileSystem(path: url.path, detail: "cannot write: \(error.localizedDescription)")
        }
    }

    /// A Codable value as JSON (sorted keys), written atomically.
    public static func writeJSON<T: Encodable>(_ value: T, to url: URL) throws(PipelineError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw .fileSystem(path: url.path, detail: "cannot encode: \(error)")
        }
        try writeAtomically(data, to: url)
    }

    /// A JSON file written by ``writeJSON(_:to:)``.
    public static func readJSON<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: try Data(contentsOf: url))
    }
}

/// A stage's cache key: a 128-bit hash (two FNV-1a 64-bit hashes with different offsets) of the
/// text that describes the stage's inputs. Not a cryptographic hash: it tells configurations apart,
/// it does not defend against crafted collisions.
public struct CacheKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public let hex: String

    /// The key of `parts` (joined with a separator that cannot appear in them unescaped).
    public init(_ parts: [String]) {
        let text = parts.map { $0.replacingOccurrences(of: "\u{1F}", with: "\\u1F") }.joined(separator: "\u{1F}")
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = b ^ (b >> 29)
        }
        hex = String(format: "%016llx%016llx", a, b).prefix(20).description
    }

    public var description: String { hex }
}
