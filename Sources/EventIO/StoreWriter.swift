import Foundation

/// Lays out and writes a `ColumnStore` (format: docs/native-format.md).
///
/// Layout: the header is followed by zero padding to a multiple of 64; the columns follow in
/// store order, each at the next multiple of 64 and zero-padded up to the next one, so the file
/// size is a multiple of 64. Column offsets are written in the header, whose length depends on
/// them; the layout is iterated to a fixed point (see `layout`). Column bytes are written straight
/// from the arrays' storage, after one pass computing their CRC-32.
enum StoreWriter {
    private static let zeros = [UInt8](repeating: 0, count: StoreFormat.alignment)

    static func write(_ store: ColumnStore, to url: URL, createdAt: Date?) throws(EventIOError) {
        try StoreFormat.checkHost()
        guard url.isFileURL else { throw .notAFileURL(url: url.absoluteString) }
        let path = url.path(percentEncoded: false)
        try check(store, path: path)
        let (header, columns) = try layout(store, provenance: .current(createdAt: createdAt), path: path)
        let prelude = StoreFormat.prelude(headerLength: UInt64(header.count), headerCRC: CRC32.checksum(header))

        let file = try TemporaryFile(destination: url)
        do throws(EventIOError) {
            var position = UInt64(prelude.count + header.count)
            try file.write(prelude + header)
            for (column, info) in zip(store.columns, columns) {
                try file.write(Array(zeros.prefix(Int(info.offset - position))))
                try column.data.withUnsafeBytes { (raw) throws(EventIOError) in try file.write(raw) }
                position = info.offset + info.byteLength
            }
            let end = StoreFormat.aligned(position) ?? position
            try file.write(Array(zeros.prefix(Int(end - position))))
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Refuses stores the format cannot hold: an empty kind, empty or repeated column names.
    private static func check(_ store: ColumnStore, path: String) throws(EventIOError) {
        guard !store.kind.isEmpty else { throw .invalidStore(path: path, reason: "the kind is empty") }
        var seen = Set<String>()
        for (index, column) in store.columns.enumerated() {
            guard !column.name.isEmpty else {
                throw .invalidStore(path: path, reason: "column \(index) has an empty name")
            }
            guard seen.insert(column.name).inserted else { throw .duplicateColumn(path: path, column: column.name) }
        }
    }

    /// The header bytes and the column entries. The data start D = aligned(24 + H) depends on the
    /// header length H, which depends on the offsets written in it. With f(D) the data start
    /// implied by the header built for start D, f is non-decreasing (larger offsets never have
    /// fewer digits) and bounded, so D0 = f(0), D(n+1) = f(Dn) increases to a fixed point within
    /// a few steps.
    private static func layout(_ store: ColumnStore, provenance: Provenance,
                               path: String) throws(EventIOError) -> ([UInt8], [ColumnInfo]) {
        let checksums = store.columns.map { column in
            column.data.withUnsafeBytes { CRC32.checksum($0) }
        }
        var dataStart: UInt64 = 0
        while true {
            var position = dataStart
            var infos: [ColumnInfo] = []
            for (column, crc) in zip(store.columns, checksums) {
                let byteLength = UInt64(column.data.count) * UInt64(column.data.type.byteWidth)
                infos.append(ColumnInfo(name: column.name, type: column.data.type, unit: column.unit,
                                        description: column.description, count: column.data.count,
                                        offset: position, byteLength: byteLength, crc32: crc))
                position = StoreFormat.aligned(position + byteLength) ?? position
            }
            let json = StoreHeader.json(kind: store.kind, metadata: store.metadata, provenance: provenance, columns: infos)
            let header: [UInt8]
            do {
                header = try JSONSerializer.serialize(json)
            } catch {
                throw .invalidMetadata(path: path, reason: "\(error.path) \(error.reason)")
            }
            let needed = StoreFormat.aligned(UInt64(StoreFormat.preludeSize + header.count)) ?? 0
            if needed == dataStart { return (header, infos) }
            dataStart = needed
        }
    }
}
