import Foundation

/// A store file mapped into memory (mmap, read-only), validated, whose columns are read in place.
///
/// Opening checks, in order: the magic, the format version (0 or newer than
/// `StoreFormat.version` is refused), that the header lies within the file, the header CRC-32,
/// that the header is valid UTF-8 JSON with the required fields, the layout (see
/// ``StoreLayout``: unique names, byteLength == count * size, 64-byte aligned offsets, blocks
/// within the file and not overlapping), and, unless `verifyChecksums` is false, every column's
/// CRC-32. Any failure throws an ``EventIOError`` naming the file (and column); nothing is
/// trusted before it is checked.
///
/// Columns come out as ``ColumnBuffer``s pointing into the mapping (which they keep alive) or
/// copied into arrays. The mapping is released when the store and all its buffers are gone.
public struct MappedStore: Sendable {
    /// The validated prelude and header.
    public let info: StoreInfo
    let mapping: FileMapping

    /// Maps and validates the store at `url`.
    public init(contentsOf url: URL, verifyChecksums: Bool = true) throws(EventIOError) {
        try StoreFormat.checkHost()
        let file = try ReadOnlyFile(url: url)
        defer { file.close() }
        let preludeBytes = try file.read(count: min(UInt64(StoreFormat.preludeSize), file.size), at: 0)
        let prelude = try StoreFormat.readPrelude(preludeBytes, fileSize: file.size, path: file.path)
        mapping = try FileMapping(descriptor: file.descriptor, size: file.size, path: file.path)
        let headerStart = StoreFormat.preludeSize
        let header = Array(mapping.bytes[headerStart..<(headerStart + Int(prelude.headerLength))])
        info = try StoreHeader.decode(header, prelude: prelude, fileSize: file.size, path: file.path)
        if verifyChecksums {
            for column in info.columns {
                let computed = CRC32.checksum(bytes(of: column))
                guard computed == column.crc32 else {
                    throw .checksumMismatch(path: info.path, column: column.name, stored: column.crc32, computed: computed)
                }
            }
        }
    }

    /// The raw bytes of a column (validated to lie within the mapping).
    func bytes(of column: ColumnInfo) -> UnsafeRawBufferPointer {
        guard column.byteLength > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let start = Int(column.offset)
        return UnsafeRawBufferPointer(rebasing: mapping.bytes[start..<(start + Int(column.byteLength))])
    }

    /// The header entry of column `name`, or `.missingColumn`.
    public func columnInfo(_ name: String) throws(EventIOError) -> ColumnInfo {
        guard let column = info.column(named: name) else { throw .missingColumn(path: info.path, column: name) }
        return column
    }

    /// Column `name` in place, as `T`; `.missingColumn` or `.typeMismatch` when it cannot be.
    public func buffer<T: ColumnElement>(_ name: String, as type: T.Type = T.self) throws(EventIOError) -> ColumnBuffer<T> {
        let column = try columnInfo(name)
        guard T.matches(column.type) else {
            throw .typeMismatch(path: info.path, column: name, stored: column.type, requested: T.columnType)
        }
        let raw = bytes(of: column)
        guard let base = raw.baseAddress else { return ColumnBuffer(owner: mapping, elements: UnsafeBufferPointer(start: nil, count: 0)) }
        // The offset is a multiple of 64 and the mapping page-aligned: the pointer is aligned for T.
        let typed = base.bindMemory(to: T.self, capacity: column.count)
        return ColumnBuffer(owner: mapping, elements: UnsafeBufferPointer(start: typed, count: column.count))
    }

    /// Column `name` copied into an array of `T`.
    public func array<T: ColumnElement>(_ name: String, as type: T.Type = T.self) throws(EventIOError) -> [T] {
        try buffer(name, as: T.self).copyToArray()
    }

    /// Column `name` copied into memory, with its unit and description.
    public func column(_ name: String) throws(EventIOError) -> Column {
        try column(for: columnInfo(name))
    }

    /// The whole store copied into memory.
    public func store() -> ColumnStore {
        var columns: [Column] = []
        for info in info.columns {
            // Cannot fail: the name exists and `column(for:)` asks for the stored type.
            if let column = try? column(for: info) { columns.append(column) }
        }
        return ColumnStore(kind: info.kind, metadata: info.metadata, columns: columns)
    }

    private func column(for column: ColumnInfo) throws(EventIOError) -> Column {
        let data: ColumnData = switch column.type {
        case .i8: .i8(try array(column.name, as: Int8.self))
        case .u8: .u8(try array(column.name, as: UInt8.self))
        case .i32: .i32(try array(column.name, as: Int32.self))
        case .i64: .i64(try array(column.name, as: Int64.self))
        case .f32: .f32(try array(column.name, as: Float.self))
        case .f64: .f64(try array(column.name, as: Double.self))
        }
        return Column(name: column.name, unit: column.unit, description: column.description, data: data)
    }
}
