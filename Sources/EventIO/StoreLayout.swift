/// Checks that a header's column entries describe a sound layout of the file:
///
/// 1. names are unique;
/// 2. byteLength == count * size of the type (no overflow);
/// 3. every offset is a multiple of `StoreFormat.alignment`;
/// 4. every block lies within the file (offset + byteLength <= file size), else the file is
///    truncated in that column (the first such column in header order is named);
/// 5. no block starts inside the prelude and header or inside another block.
///
/// Padding bytes between blocks and any bytes after the last block are not examined.
enum StoreLayout {
    static func validate(_ info: StoreInfo) throws(EventIOError) {
        let path = info.path
        var seen = Set<String>()
        for column in info.columns where !seen.insert(column.name).inserted {
            throw .duplicateColumn(path: path, column: column.name)
        }
        for column in info.columns {
            let (expected, overflow) = UInt64(column.count).multipliedReportingOverflow(by: UInt64(column.type.byteWidth))
            guard !overflow && expected == column.byteLength else {
                throw .columnLengthMismatch(path: path, column: column.name, type: column.type,
                                            count: UInt64(column.count), byteLength: column.byteLength)
            }
            guard column.offset % UInt64(StoreFormat.alignment) == 0 else {
                throw .misalignedColumn(path: path, column: column.name, offset: column.offset,
                                        alignment: StoreFormat.alignment)
            }
            let (end, endOverflow) = column.offset.addingReportingOverflow(column.byteLength)
            guard !endOverflow && end <= info.fileSize else {
                throw .truncated(path: path, section: .column(column.name),
                                 expectedSize: endOverflow ? UInt64.max : end, actualSize: info.fileSize)
            }
        }
        var previousEnd = UInt64(StoreFormat.preludeSize) + info.headerLength
        for column in info.columns.sorted(by: { ($0.offset, $0.byteLength) < ($1.offset, $1.byteLength) }) {
            guard column.offset >= previousEnd else {
                throw .overlappingColumn(path: path, column: column.name, offset: column.offset, previousEnd: previousEnd)
            }
            previousEnd = column.offset + column.byteLength
        }
    }
}
