import Foundation
import HEPCore

/// Event samples as DarkScan stores (kind "event-sample", extension `.dsev`).
///
/// Columns, in this order:
///
/// | name            | type | unit | length                |
/// |-----------------|------|------|-----------------------|
/// | weights         | f64  | pb   | events                |
/// | particleOffsets | i64  |      | events + 1            |
/// | pdg             | i32  |      | particles             |
/// | status          | i8   |      | particles             |
/// | mother          | i32  |      | particles             |
/// | e, px, py, pz   | f64  | GeV  | particles             |
///
/// The metadata is the `SampleMetadata` encoded with `JSONEncoder` (sorted keys). Readers
/// ignore extra columns and, through `JSONDecoder`, unknown metadata keys.
extension EventSample {
    /// The column names, units and descriptions of an event sample.
    static let columnLayout: [(name: String, unit: String?, description: String)] = [
        ("weights", "pb", "event weight; the sum over kept events estimates the cross section"),
        ("particleOffsets", nil, "event i owns particles particleOffsets[i] ..< particleOffsets[i + 1]"),
        ("pdg", nil, "PDG Monte Carlo particle id"),
        ("status", nil, "HepMC status: 1 final state, 2 decayed, 4 beam"),
        ("mother", nil, "index of the mother within the event, or -1"),
        ("e", "GeV", "energy"),
        ("px", "GeV", "momentum x component"),
        ("py", "GeV", "momentum y component"),
        ("pz", "GeV", "momentum z component"),
    ]

    /// The sample as a store (after checking its consistency, see ``validate(path:)``); `path`
    /// names the sample in errors.
    public func columnStore(path: String = "<memory>") throws(EventIOError) -> ColumnStore {
        try validate(path: path)
        guard let metadataObject = try JSONValue(encoding: metadata).objectValue else {
            throw .invalidMetadata(path: path, reason: "SampleMetadata did not encode as a JSON object")
        }
        let data: [ColumnData] = [.f64(weights), .i64(particleOffsets), .i32(pdg), .i8(status), .i32(mother),
                                  .f64(e), .f64(px), .f64(py), .f64(pz)]
        let columns = zip(Self.columnLayout, data).map { layout, data in
            Column(name: layout.name, unit: layout.unit, description: layout.description, data: data)
        }
        return ColumnStore(kind: StoreFormat.eventSampleKind, metadata: metadataObject, columns: columns)
    }

    /// The sample held by `store` (kind "event-sample"), checked for consistency; `path` names
    /// the store in errors.
    public init(columnStore store: ColumnStore, path: String = "<memory>") throws(EventIOError) {
        guard store.kind == StoreFormat.eventSampleKind else {
            throw .wrongKind(path: path, expected: StoreFormat.eventSampleKind, found: store.kind)
        }
        let metadata = try JSONValue.object(store.metadata).decoded(as: SampleMetadata.self, path: path)
        func values<T: ColumnElement>(_ name: String, _ type: T.Type) throws(EventIOError) -> [T] {
            try store.require(name, as: T.self, path: path)
        }
        self.init(metadata: metadata)
        weights = try values("weights", Double.self)
        particleOffsets = try values("particleOffsets", Int64.self)
        pdg = try values("pdg", Int32.self)
        status = try values("status", Int8.self)
        mother = try values("mother", Int32.self)
        e = try values("e", Double.self)
        px = try values("px", Double.self)
        py = try values("py", Double.self)
        pz = try values("pz", Double.self)
        try validate(path: path)
    }

    /// Writes the sample to `url` (conventionally `*.dsev`) atomically; see
    /// ``ColumnStore/write(to:createdAt:)``. An inconsistent sample is refused before anything
    /// is written.
    public func write(to url: URL, createdAt: Date? = Date()) throws(EventIOError) {
        try columnStore(path: url.path(percentEncoded: false)).write(to: url, createdAt: createdAt)
    }

    /// Reads and validates the event sample at `url`: the store checks of ``MappedStore``, then
    /// the kind, the metadata, the columns' presence and types, and the sample's consistency.
    public static func read(from url: URL) throws(EventIOError) -> EventSample {
        let mapped = try MappedStore(contentsOf: url)
        return try EventSample(columnStore: mapped.store(), path: mapped.info.path)
    }
}
