import Foundation
import HEPCore

/// Who wrote a store and when.
public struct Provenance: Sendable, Equatable {
    /// The writing program, "DarkScan" for this library.
    public var software: String
    /// Its version (`DarkScanVersion.string` for this library).
    public var version: String
    /// The creation time as ISO 8601 UTC text ("2025-06-01T12:00:00Z"), nil if not recorded.
    public var createdAt: String?

    public init(software: String, version: String, createdAt: String?) {
        self.software = software
        self.version = version
        self.createdAt = createdAt
    }

    /// This library's provenance for a store created at `date` (whole seconds, UTC).
    public static func current(createdAt date: Date?) -> Provenance {
        Provenance(software: "DarkScan", version: DarkScanVersion.string,
                   createdAt: date.map { $0.formatted(Date.ISO8601FormatStyle(timeZone: .gmt)) })
    }
}

/// The header entry of one column: what it holds and where its bytes are.
public struct ColumnInfo: Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    public var unit: String?
    public var description: String
    /// Number of values.
    public var count: Int
    /// Absolute byte offset of the data in the file, a multiple of `StoreFormat.alignment`.
    public var offset: UInt64
    /// Length of the data, count * type.byteWidth.
    public var byteLength: UInt64
    /// CRC-32 (zlib) of the data bytes.
    public var crc32: UInt32

    public init(name: String, type: ColumnType, unit: String?, description: String, count: Int,
                offset: UInt64, byteLength: UInt64, crc32: UInt32) {
        self.name = name
        self.type = type
        self.unit = unit
        self.description = description
        self.count = count
        self.offset = offset
        self.byteLength = byteLength
        self.crc32 = crc32
    }
}

/// Everything about a store except its column data: the decoded prelude and header. Reading it
/// costs two small reads whatever the file size; the layout (alignment, lengths, bounds against
/// the file size, overlaps, duplicate names) is validated, the column checksums are not.
public struct StoreInfo: Sendable, Equatable {
    /// The file the header was read from.
    public var path: String
    public var fileSize: UInt64
    public var formatVersion: UInt32
    /// Length of the JSON header in bytes.
    public var headerLength: UInt64
    public var kind: String
    public var metadata: [String: JSONValue]
    public var provenance: Provenance
    /// The columns in header order.
    public var columns: [ColumnInfo]

    /// The column named `name`, if any.
    public func column(named name: String) -> ColumnInfo? {
        columns.first { $0.name == name }
    }

    /// Reads and validates the prelude and header of the store at `url`, without reading or
    /// checksumming column data.
    public static func read(from url: URL) throws(EventIOError) -> StoreInfo {
        try StoreFormat.checkHost()
        let file = try ReadOnlyFile(url: url)
        defer { file.close() }
        let preludeBytes = try file.read(count: min(UInt64(StoreFormat.preludeSize), file.size), at: 0)
        let prelude = try StoreFormat.readPrelude(preludeBytes, fileSize: file.size, path: file.path)
        let header = try file.read(count: prelude.headerLength, at: UInt64(StoreFormat.preludeSize))
        return try StoreHeader.decode(header, prelude: prelude, fileSize: file.size, path: file.path)
    }
}
