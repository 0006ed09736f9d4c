/// The fixed parts of the DarkScan store format (docs/native-format.md).
///
/// ```
/// offset  size  field
///      0     8  magic 89 44 53 43 4F 4C 0D 0A  ("\x89DSCOL\r\n")
///      8     4  format version, UInt32 little-endian (currently 1)
///     12     4  CRC-32 of the header bytes, UInt32 little-endian
///     16     8  header length H in bytes, UInt64 little-endian
///     24     H  header: UTF-8 JSON
///             zero padding to the next multiple of 64
///             column data blocks, each at a multiple of 64, zero-padded to the next one
/// ```
public enum StoreFormat {
    /// The first eight bytes of every store. The non-ASCII first byte and the CR LF pair make
    /// text-mode transfers and line-ending conversions detectable, as in PNG.
    public static let magic: [UInt8] = [0x89, 0x44, 0x53, 0x43, 0x4F, 0x4C, 0x0D, 0x0A]
    /// The format version this code writes, and the newest it reads.
    public static let version: UInt32 = 1
    /// Every column's data starts at a multiple of this many bytes (a cache line; more than
    /// any column type's alignment, and what SIMD loads like best).
    public static let alignment = 64
    /// Size of the fixed prelude before the header.
    public static let preludeSize = 24
    /// The conventional file extension of event samples.
    public static let eventSampleExtension = "dsev"
    /// The `kind` of an event sample store.
    public static let eventSampleKind = "event-sample"

    /// `value` rounded up to a multiple of `alignment` (nil on overflow).
    static func aligned(_ value: UInt64) -> UInt64? {
        let a = UInt64(alignment)
        let (sum, overflow) = value.addingReportingOverflow(a - 1)
        return overflow ? nil : sum / a * a
    }

    /// The 24 prelude bytes for a header of `headerLength` bytes with checksum `headerCRC`.
    static func prelude(headerLength: UInt64, headerCRC: UInt32) -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: version.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: headerCRC.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: headerLength.littleEndian) { bytes += $0 }
        return bytes
    }

    /// The decoded prelude.
    struct Prelude {
        var version: UInt32
        var headerCRC: UInt32
        var headerLength: UInt64
    }

    /// Decodes and checks the prelude from the first bytes of a file of `fileSize` bytes
    /// (`bytes` holds min(24, fileSize) bytes): magic first, then the version, then that the
    /// header fits in the file.
    static func readPrelude(_ bytes: [UInt8], fileSize: UInt64, path: String) throws(EventIOError) -> Prelude {
        let magicCount = min(bytes.count, magic.count)
        guard Array(bytes.prefix(magicCount)) == Array(magic.prefix(magicCount)) else {
            throw .badMagic(path: path, found: Array(bytes.prefix(magicCount)))
        }
        guard bytes.count >= preludeSize else {
            throw .truncated(path: path, section: .prelude, expectedSize: UInt64(preludeSize), actualSize: fileSize)
        }
        let version = UInt32(truncatingIfNeeded: littleEndian(bytes, at: 8, count: 4))
        guard version >= 1 && version <= Self.version else {
            throw .unsupportedVersion(path: path, found: version, newestSupported: Self.version)
        }
        let crc = UInt32(truncatingIfNeeded: littleEndian(bytes, at: 12, count: 4))
        let length = littleEndian(bytes, at: 16, count: 8)
        let (end, overflow) = UInt64(preludeSize).addingReportingOverflow(length)
        guard !overflow && end <= fileSize else {
            throw .truncated(path: path, section: .header, expectedSize: overflow ? UInt64.max : end,
                             actualSize: fileSize)
        }
        return Prelude(version: version, headerCRC: crc, headerLength: length)
    }

    /// The little-endian unsigned integer in bytes[offset ..< offset + count] (count <= 8).
    private static func littleEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in (0..<count).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        return value
    }

    /// Refuses big-endian hosts: the format is little-endian and read in place.
    static func checkHost() throws(EventIOError) {
        #if _endian(big)
        throw .unsupportedHost(reason: "DarkScan stores are little-endian and memory-mapped; big-endian hosts are not supported")
        #endif
    }
}
