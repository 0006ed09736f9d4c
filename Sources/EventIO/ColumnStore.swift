import Foundation

/// A DarkScan store in memory: a kind, a JSON metadata object and ordered named columns.
///
/// The columns are independent arrays; they need not have the same length (an event sample
/// keeps per-event and per-particle columns side by side). Write one with ``write(to:createdAt:)``
/// and read it back, validated, with ``read(from:)``; ``MappedStore`` reads columns in place
/// without copying, and ``StoreInfo`` reads only the header.
public struct ColumnStore: Sendable, Equatable {
    /// What the store holds, e.g. "event-sample"; readers of a specific kind check it.
    public var kind: String
    /// Arbitrary JSON metadata (for event samples: the encoded `SampleMetadata`).
    public var metadata: [String: JSONValue]
    /// The columns, in file order. Names must be unique and non-empty to be written.
    public var columns: [Column]

    public init(kind: String, metadata: [String: JSONValue] = [:], columns: [Column] = []) {
        self.kind = kind
        self.metadata = metadata
        self.columns = columns
    }

    /// The column named `name`, if any.
    public subscript(name: String) -> Column? {
        columns.first { $0.name == name }
    }

    /// The values of column `name` as `T`; nil when there is no such column or it holds another
    /// type (``MappedStore`` has throwing accessors that say which).
    public func values<T: ColumnElement>(_ name: String, as type: T.Type = T.self) -> [T]? {
        self[name]?.data.values(as: T.self)
    }

    /// Reads and validates the store at `url` (see ``MappedStore/init(contentsOf:verifyChecksums:)``
    /// for the checks), copying every column into memory.
    public static func read(from url: URL) throws(EventIOError) -> ColumnStore {
        try MappedStore(contentsOf: url).store()
    }

    /// Writes the store to `url` atomically: the bytes go to a temporary file next to the
    /// destination, which is flushed to disk and renamed over the destination; on failure the
    /// temporary file is removed and an existing destination is left as it was.
    ///
    /// - Parameter createdAt: the creation time recorded in the provenance (ISO 8601, UTC, whole
    ///   seconds), or nil to record none. Two writes of equal stores with the same `createdAt`
    ///   (or both nil) produce byte-identical files.
    /// - Throws: `.invalidStore` for an empty kind or column name, `.duplicateColumn`,
    ///   `.invalidMetadata` for a NaN or infinity in the metadata, `.io` when the file system
    ///   refuses (e.g. a missing directory), `.notARegularFile` when `url` is a directory.
    public func write(to url: URL, createdAt: Date? = Date()) throws(EventIOError) {
        try StoreWriter.write(self, to: url, createdAt: createdAt)
    }
}
