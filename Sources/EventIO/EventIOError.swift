#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything that can go wrong reading or writing a DarkScan store. Every case names the file
/// (`path`: the file read, or the destination written) and, where one is involved, the column,
/// with the numbers needed to see what is wrong. Sizes and offsets are in bytes.
public enum EventIOError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A part of a store file, for messages.
    public enum Section: Equatable, Sendable, CustomStringConvertible {
        /// The fixed 24 bytes at the start: magic, version, header checksum, header length.
        case prelude
        /// The JSON header.
        case header
        /// The data block of a column.
        case column(String)

        public var description: String {
            switch self {
            case .prelude: "the prelude (magic, version, header checksum, header length)"
            case .header: "the header"
            case .column(let name): "column '\(name)'"
            }
        }
    }

    /// The URL is not a file URL.
    case notAFileURL(url: String)
    /// No file at `path`.
    case fileNotFound(path: String)
    /// `path` exists but is not a regular file (e.g. a directory).
    case notARegularFile(path: String)
    /// A system call failed: `operation` says which ("open", "write", "rename", ...), `code` is
    /// the errno value.
    case io(path: String, operation: String, code: Int32)
    /// The file does not start with the store magic; `found` holds its first (up to 8) bytes.
    case badMagic(path: String, found: [UInt8])
    /// The format version in the file is not one this reader understands (0, or newer).
    case unsupportedVersion(path: String, found: UInt32, newestSupported: UInt32)
    /// The file ends before `section` does: `expectedSize` is the size the section needs the
    /// file to have at least, `actualSize` the size it has.
    case truncated(path: String, section: Section, expectedSize: UInt64, actualSize: UInt64)
    /// The header bytes do not match the header checksum in the prelude.
    case headerChecksumMismatch(path: String, stored: UInt32, computed: UInt32)
    /// The header is not valid UTF-8 JSON or misses or mistypes a field; `reason` says where.
    case malformedHeader(path: String, reason: String)
    /// A column's offset is not a multiple of the alignment.
    case misalignedColumn(path: String, column: String, offset: UInt64, alignment: Int)
    /// A column's data starts at `offset`, before the end (`previousEnd`) of the header or of
    /// another column's data.
    case overlappingColumn(path: String, column: String, offset: UInt64, previousEnd: UInt64)
    /// byteLength != count * size of the column type.
    case columnLengthMismatch(path: String, column: String, type: ColumnType, count: UInt64, byteLength: UInt64)
    /// The CRC-32 of a column's data does not match the header's.
    case checksumMismatch(path: String, column: String, stored: UInt32, computed: UInt32)
    /// Two columns with the same name (reading or writing).
    case duplicateColumn(path: String, column: String)
    /// A column the caller asked for is not in the store.
    case missingColumn(path: String, column: String)
    /// A column holds a different type than the one asked for.
    case typeMismatch(path: String, column: String, stored: ColumnType, requested: ColumnType)
    /// The store's kind is not the expected one (e.g. not "event-sample").
    case wrongKind(path: String, expected: String, found: String)
    /// The metadata cannot be encoded, or does not decode as what the kind requires.
    case invalidMetadata(path: String, reason: String)
    /// An event sample's columns contradict each other; `event` is the event index, if one.
    case inconsistentSample(path: String, column: String, event: Int?, reason: String)
    /// A store that cannot be written as it is (an empty kind or column name, ...).
    case invalidStore(path: String, reason: String)
    /// This machine cannot read or write the format (big-endian hosts).
    case unsupportedHost(reason: String)
    /// A file of a foreign format (`format`: "ROOT", "LHE", "HepMC3", "YAML") is malformed:
    /// `place` says where (a byte offset and the object being read, or a line number), `reason`
    /// what is wrong.
    case malformedFile(path: String, format: String, place: String, reason: String)
    /// A foreign-format file ends before a structure that `place` names: the structure needs a
    /// file of at least `expectedSize` bytes, the file has `actualSize`.
    case truncatedFile(path: String, format: String, place: String, expectedSize: UInt64, actualSize: UInt64)
    /// Content that is understood but not supported (an object branch, a HepMC2 file, ...).
    case unsupportedContent(path: String, format: String, place: String, reason: String)
    /// A compressed block that cannot be decompressed (or data that cannot be compressed);
    /// `algorithm` is "zlib", "LZ4", "ZSTD", "LZMA" or "gzip".
    case compressionFailed(path: String, place: String, algorithm: String, reason: String)
    /// A named object (tree, branch, directory, column) that the file does not hold.
    case objectNotFound(path: String, name: String, available: [String])
    /// A file whose format cannot be told from its first bytes and its extension.
    case unknownFormat(path: String, reason: String)

    public var description: String {
        switch self {
        case .notAFileURL(let url):
            "\(url): not a file URL"
        case .fileNotFound(let path):
            "\(path): no such file"
        case .notARegularFile(let path):
            "\(path): not a regular file"
        case .io(let path, let operation, let code):
            "\(path): \(operation) failed: \(Self.message(errno: code)) (errno \(code))"
        case .badMagic(let path, let found):
            "\(path): not a DarkScan store (first bytes \(found.map { Self.hex($0) }.joined(separator: " ")), "
                + "expected \(StoreFormat.magic.map { Self.hex($0) }.joined(separator: " ")))"
        case .unsupportedVersion(let path, let found, let newest):
            found > newest
                ? "\(path): format version \(found) is newer than this DarkScan reads (up to \(newest)); upgrade DarkScan"
                : "\(path): invalid format version \(found)"
        case .truncated(let path, let section, let expected, let actual):
            "\(path): truncated in \(section): needs a file of at least \(expected) bytes, the file has \(actual)"
        case .headerChecksumMismatch(let path, let stored, let computed):
            "\(path): header is corrupt (CRC-32 \(Self.hex(computed)), expected \(Self.hex(stored)))"
        case .malformedHeader(let path, let reason):
            "\(path): malformed header: \(reason)"
        case .misalignedColumn(let path, let column, let offset, let alignment):
            "\(path): column '\(column)' starts at byte \(offset), not a multiple of \(alignment)"
        case .overlappingColumn(let path, let column, let offset, let previousEnd):
            "\(path): column '\(column)' starts at byte \(offset), inside data that ends at byte \(previousEnd)"
        case .columnLengthMismatch(let path, let column, let type, let count, let byteLength):
            "\(path): column '\(column)' has \(byteLength) bytes, but \(count) values of \(type.rawValue) "
                + "need \(count.multipliedReportingOverflow(by: UInt64(type.byteWidth)).partialValue)"
        case .checksumMismatch(let path, let column, let stored, let computed):
            "\(path): column '\(column)' is corrupt (CRC-32 \(Self.hex(computed)), expected \(Self.hex(stored)))"
        case .duplicateColumn(let path, let column):
            "\(path): more than one column named '\(column)'"
        case .missingColumn(let path, let column):
            "\(path): no column named '\(column)'"
        case .typeMismatch(let path, let column, let stored, let requested):
            "\(path): column '\(column)' holds \(stored.rawValue), not \(requested.rawValue)"
        case .wrongKind(let path, let expected, let found):
            "\(path): the store holds '\(found)', expected '\(expected)'"
        case .invalidMetadata(let path, let reason):
            "\(path): invalid metadata: \(reason)"
        case .inconsistentSample(let path, let column, let event, let reason):
            "\(path): column '\(column)'\(event.map { ", event \($0)" } ?? ""): \(reason)"
        case .invalidStore(let path, let reason):
            "\(path): cannot write the store: \(reason)"
        case .unsupportedHost(let reason):
            "unsupported host: \(reason)"
        case .malformedFile(let path, let format, let place, let reason):
            "\(path): malformed \(format) file at \(place): \(reason)"
        case .truncatedFile(let path, let format, let place, let expected, let actual):
            "\(path): truncated \(format) file at \(place): needs a file of at least \(expected) bytes, the file has \(actual)"
        case .unsupportedContent(let path, let format, let place, let reason):
            "\(path): unsupported \(format) content at \(place): \(reason)"
        case .compressionFailed(let path, let place, let algorithm, let reason):
            "\(path): \(algorithm) block at \(place): \(reason)"
        case .objectNotFound(let path, let name, let available):
            "\(path): no '\(name)'" + (available.isEmpty ? "" : " (the file has: \(available.prefix(20).joined(separator: ", "))\(available.count > 20 ? ", ..." : ""))")
        case .unknownFormat(let path, let reason):
            "\(path): unknown file format: \(reason)"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    private static func message(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "unknown error" }
        return String(cString: text)
    }
}
