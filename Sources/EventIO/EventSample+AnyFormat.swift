import Foundation
import HEPCore

/// The event-file formats DarkScan reads and writes as ``EventSample``s.
public enum EventFileFormat: String, Sendable, CaseIterable {
    /// DarkScan's native store (`.dsev`).
    case dsev
    /// Les Houches Event files (`.lhe`, `.lhe.gz`).
    case lhe
    /// HepMC3 ASCII (`.hepmc`, `.hepmc3`, gzipped as `.gz`).
    case hepmc3

    /// The format of `url`: from its first bytes (the store magic, "<LesHouchesEvents" after
    /// optional XML prologue, "HepMC::", or gzip), then from its extension.
    public static func detect(_ url: URL) throws(EventIOError) -> EventFileFormat {
        let file = try ReadOnlyFile(url: url)
        defer { file.close() }
        let head = try file.read(count: min(file.size, 4096), at: 0)
        if head.starts(with: StoreFormat.magic) { return .dsev }
        var text = head
        if Gzip.isGzip(head) {
            let whole = try file.read(count: file.size, at: 0)
            text = Array(((try? Gzip.decompress(whole, path: file.path)) ?? []).prefix(4096))
        }
        let start = String(decoding: text, as: UTF8.self)
        if start.contains("<LesHouchesEvents") { return .lhe }
        if start.hasPrefix("HepMC::") { return .hepmc3 }
        var name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".gz") { name = String(name.dropLast(3)) }
        if name.hasSuffix(".dsev") { return .dsev }
        if name.hasSuffix(".lhe") || name.hasSuffix(".lhef") { return .lhe }
        if name.hasSuffix(".hepmc") || name.hasSuffix(".hepmc3") { return .hepmc3 }
        throw .unknownFormat(path: file.path, reason: "neither a DarkScan store, an LHE file nor HepMC3 ASCII (by content and extension: .dsev, .lhe, .lhe.gz, .hepmc, .hepmc3)")
    }

    /// The format for writing to `url`, from its extension.
    public static func forWriting(_ url: URL) throws(EventIOError) -> EventFileFormat {
        var name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".gz") { name = String(name.dropLast(3)) }
        if name.hasSuffix(".dsev") { return .dsev }
        if name.hasSuffix(".lhe") { return .lhe }
        if name.hasSuffix(".hepmc") || name.hasSuffix(".hepmc3") { return .hepmc3 }
        throw .unknownFormat(path: url.path(percentEncoded: false), reason: "cannot tell the event format to write from the extension (.dsev, .lhe, .lhe.gz, .hepmc3)")
    }
}

extension EventSample {
    /// Reads an event sample from a `.dsev` store, an LHE file (`.lhe`, `.lhe.gz`) or a HepMC3
    /// ASCII file (`.hepmc`, `.hepmc3`), telling them apart by their first bytes, then by extension.
    /// See ``LHEFile/eventSample(path:sumNormalised:)`` and ``HepMCFile/eventSample(path:)`` for how
    /// foreign files map onto samples.
    public static func read(anyFormatFrom url: URL) throws(EventIOError) -> EventSample {
        let path = url.path(percentEncoded: false)
        switch try EventFileFormat.detect(url) {
        case .dsev: return try read(from: url)
        case .lhe: return try LHEFile.read(from: url).eventSample(path: path)
        case .hepmc3: return try HepMCFile.read(from: url).eventSample(path: path)
        }
    }

    /// Writes the sample in the format of `url`'s extension (`.dsev`, `.lhe`, `.lhe.gz`, `.hepmc3`).
    public func write(anyFormatTo url: URL) throws(EventIOError) {
        switch try EventFileFormat.forWriting(url) {
        case .dsev: try write(to: url)
        case .lhe: try LHEFile(eventSample: self).write(to: url)
        case .hepmc3: try HepMCFile(eventSample: self).write(to: url)
        }
    }
}
