import CLZ4
import CLZMA
import CZlib
import CZstd

/// A ROOT compression setting: algorithm and level, as in `TFile::fCompress` and
/// `TBranch::fCompress` (ROOT's `ROOT::RCompressionSetting`, core/zip/inc/Compression.h):
/// `code = 100 * algorithm + level` with algorithm 1 = zlib, 2 = LZMA, 3 = zlib (old name),
/// 4 = LZ4, 5 = ZSTD, and level 0 meaning "uncompressed".
public enum ROOTCompression: Sendable, Hashable, CustomStringConvertible {
    case none
    case zlib(level: Int)
    case lzma(level: Int)
    case lz4(level: Int)
    case zstd(level: Int)

    /// The setting encoded by ROOT's `fCompress` integer, or nil for an unknown algorithm.
    public init?(code: Int) {
        let algorithm = code / 100, level = code % 100
        if level == 0 { self = .none; return }
        switch algorithm {
        case 0, 1, 3: self = .zlib(level: level)   // 0 is "global default", which has been zlib
        case 2: self = .lzma(level: level)
        case 4: self = .lz4(level: level)
        case 5: self = .zstd(level: level)
        default: return nil
        }
    }

    /// ROOT's `fCompress` integer for this setting.
    public var code: Int {
        switch self {
        case .none: 0
        case .zlib(let level): 100 + level
        case .lzma(let level): 200 + level
        case .lz4(let level): 400 + level
        case .zstd(let level): 500 + level
        }
    }

    /// The algorithm's name as ROOT's block headers spell it in messages.
    public var algorithmName: String {
        switch self {
        case .none: "none"
        case .zlib: "zlib"
        case .lzma: "LZMA"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        }
    }

    public var description: String {
        switch self {
        case .none: "uncompressed"
        case .zlib(let l), .lzma(let l), .lz4(let l), .zstd(let l): "\(algorithmName) level \(l)"
        }
    }

    /// Parses "none", "zlib", "zlib:6", "lz4", "zstd:3", "lzma:1" (default levels: zlib 1,
    /// LZ4 4, ZSTD 5, LZMA 1, as ROOT's defaults for each algorithm).
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return nil }
        var level: Int?
        if parts.count == 2 {
            guard let l = Int(parts[1]), (1...22).contains(l) else { return nil }
            level = l
        }
        switch name {
        case "none", "uncompressed": self = .none
        case "zlib", "zl": self = .zlib(level: min(level ?? 1, 9))
        case "lz4", "l4": self = .lz4(level: min(level ?? 4, 12))
        case "zstd", "zs": self = .zstd(level: level ?? 5)
        case "lzma", "xz": self = .lzma(level: min(level ?? 1, 9))
        default: return nil
        }
    }
}

/// ROOT's compressed-block format (core/zip/src/RZip.cxx, core/lz4/src/ZipLZ4.cxx,
/// core/zstd/src/ZipZSTD.cxx, core/lzma/src/ZipLZMA.c). A compressed object or basket payload is
/// a sequence of blocks, each at most 2^24 - 1 bytes uncompressed, each with a 9-byte header:
///
/// ```
/// bytes 0-1  algorithm: "ZL" (zlib stream, RFC 1950), "XZ" (xz stream), "L4" (LZ4 block),
///            "ZS" (Zstandard frame); "CS" (ROOT's pre-2000 algorithm) is not supported
/// byte  2    method (8 for deflate; informational)
/// bytes 3-5  compressed size c, little-endian, excluding the 9 header bytes
/// bytes 6-8  uncompressed size u, little-endian
/// ```
///
/// For "L4" the first 8 bytes of the c compressed bytes are the XXH64 checksum (big-endian) of
/// the remaining c - 8 bytes, which are one LZ4 block (github.com/lz4/lz4, doc/lz4_Block_format.md).
/// A payload whose compressed length equals its uncompressed length is stored raw.
enum ROOTBlockCodec {
    static let headerSize = 9
    static let maxBlockSize = (1 << 24) - 1
    /// The largest uncompressed object or basket accepted (ROOT's own limit is 1 GB, kMaxBufferSize).
    static let maxObjectSize = 1 << 30

    /// Decompresses `source` (a sequence of blocks) into exactly `uncompressedSize` bytes.
    /// `place(offset)` describes the position of a block (relative to `source`) for errors.
    /// Returns the bytes and the algorithm of the first block.
    static func decompress(_ source: UnsafeRawBufferPointer, uncompressedSize: Int, path: String,
                           place: (Int) -> String) throws(EventIOError) -> (bytes: [UInt8], algorithm: String) {
        guard uncompressedSize >= 0, uncompressedSize <= maxObjectSize else {
            throw .unsupportedContent(path: path, format: "ROOT", place: place(0),
                                      reason: "\(uncompressedSize) uncompressed bytes, more than the \(maxObjectSize) this reader accepts")
        }
        var failure: EventIOError?
        var firstAlgorithm = "none"
        let output = [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, initialized in
            var input = 0, filled = 0
            do throws(EventIOError) {
                while filled < uncompressedSize {
                    guard input + headerSize <= source.count else {
                        throw .malformedFile(path: path, format: "ROOT", place: place(input),
                                             reason: "compressed data ends after \(filled) of \(uncompressedSize) bytes, before a block header")
                    }
                    let tag = String(decoding: [source[input], source[input + 1]], as: UTF8.self)
                    let c = Int(source[input + 3]) | Int(source[input + 4]) << 8 | Int(source[input + 5]) << 16
                    let u = Int(source[input + 6]) | Int(source[input + 7]) << 8 | Int(source[input + 8]) << 16
                    let start = input + headerSize
                    guard start + c <= source.count else {
                        throw .malformedFile(path: path, format: "ROOT", place: place(input),
                                             reason: "\(tag) block of \(c) compressed bytes runs past the end of the compressed data (\(source.count - start) bytes left)")
                    }
                    guard filled + u <= uncompressedSize else {
                        throw .malformedFile(path: path, format: "ROOT", place: place(input),
                                             reason: "\(tag) block of \(u) bytes overflows the object's \(uncompressedSize) uncompressed bytes")
                    }
                    let block = UnsafeRawBufferPointer(rebasing: source[start..<(start + c)])
                    let destination = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[filled..<(filled + u)])
                    let algorithm = try decodeBlock(tag: tag, block, into: destination, path: path, place: place(input))
                    if filled == 0 { firstAlgorithm = algorithm }
                    filled += u
                    input = start + c
                }
            } catch {
                failure = error
            }
            // Zero whatever a failure left unwritten, so the array is always fully initialised.
            if filled < uncompressedSize, let base = buffer.baseAddress {
                (base + filled).initialize(repeating: 0, count: uncompressedSize - filled)
            }
            initialized = uncompressedSize
        }
        if let failure { throw failure }
        return (output, firstAlgorithm)
    }

    /// Decodes one block into `destination` (whose size is the block's uncompressed size).
    private static func decodeBlock(tag: String, _ block: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
                                    path: String, place: String) throws(EventIOError) -> String {
        func fail(_ algorithm: String, _ reason: String) -> EventIOError {
            .compressionFailed(path: path, place: place, algorithm: algorithm, reason: reason)
        }
        let u = destination.count
        guard let out = destination.baseAddress, let input = block.baseAddress, u > 0 else {
            if u == 0 { return tag }
            throw fail(tag, "empty block")
        }
        switch tag {
        case "ZL":
            var length = uLongf(u)
            let status = uncompress(out.assumingMemoryBound(to: Bytef.self), &length,
                                    input.assumingMemoryBound(to: Bytef.self), uLong(block.count))
            guard status == Z_OK else { throw fail("zlib", "inflate failed (zlib status \(status))") }
            guard Int(length) == u else { throw fail("zlib", "inflated to \(length) bytes, the header says \(u)") }
            return "zlib"
        case "L4":
            guard block.count >= 8 else { throw fail("LZ4", "block of \(block.count) bytes has no room for its 8-byte checksum") }
            var stored: UInt64 = 0
            for i in 0..<8 { stored = stored << 8 | UInt64(block[i]) }
            let payload = UnsafeRawBufferPointer(rebasing: block[8...])
            let computed = XXHash64.hash(payload)
            guard computed == stored else {
                throw fail("LZ4", "xxhash64 checksum mismatch (stored \(hex(stored)), computed \(hex(computed)))")
            }
            guard let data = payload.baseAddress else { throw fail("LZ4", "no compressed bytes") }
            let n = LZ4_decompress_safe(data.assumingMemoryBound(to: CChar.self), out.assumingMemoryBound(to: CChar.self),
                                        Int32(payload.count), Int32(u))
            guard n == Int32(u) else { throw fail("LZ4", n < 0 ? "corrupt LZ4 block (code \(n))" : "decoded \(n) bytes, the header says \(u)") }
            return "LZ4"
        case "ZS":
            let n = ZSTD_decompress(out, u, input, block.count)
            guard ZSTD_isError(n) == 0 else {
                throw fail("ZSTD", String(cString: ZSTD_getErrorName(n)))
            }
            guard n == u else { throw fail("ZSTD", "decoded \(n) bytes, the header says \(u)") }
            return "ZSTD"
        case "XZ":
            var memoryLimit = UInt64.max
            var inPosition = 0, outPosition = 0
            let status = lzma_stream_buffer_decode(&memoryLimit, 0, nil, input.assumingMemoryBound(to: UInt8.self), &inPosition,
                                                   block.count, out.assumingMemoryBound(to: UInt8.self), &outPosition, u)
            guard status == LZMA_OK else { throw fail("LZMA", "xz stream decoding failed (lzma_ret \(status.rawValue))") }
            guard outPosition == u else { throw fail("LZMA", "decoded \(outPosition) bytes, the header says \(u)") }
            return "LZMA"
        case "CS":
            throw EventIOError.unsupportedContent(path: path, format: "ROOT", place: place,
                                                  reason: "block compressed with ROOT's old \"CS\" algorithm (ROOT < 3), not supported")
        default:
            let printable = tag.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && $0.value < 127 }
            throw EventIOError.malformedFile(path: path, format: "ROOT", place: place,
                                             reason: "unknown compression algorithm tag \(printable ? "\"\(tag)\"" : "(not text)")")
        }
    }

    private static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

    /// Compresses `data` into ROOT blocks with `setting`; nil when the setting is `.none` or the
    /// result would not be smaller than the input (ROOT then stores the payload raw).
    static func compress(_ data: UnsafeRawBufferPointer, _ setting: ROOTCompression) -> [UInt8]? {
        if case .none = setting { return nil }
        guard data.count > 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(data.count)
        var position = 0
        while position < data.count {
            let n = min(maxBlockSize, data.count - position)
            let chunk = UnsafeRawBufferPointer(rebasing: data[position..<(position + n)])
            guard let block = compressBlock(chunk, setting), block.body.count + block.prefix.count < n,
                  block.body.count + block.prefix.count <= maxBlockSize else { return nil }
            let c = block.body.count + block.prefix.count
            output += Array(block.tag.utf8) + [block.method]
            output += [UInt8(c & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c >> 16 & 0xFF)]
            output += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF)]
            output += block.prefix
            output += block.body
            position += n
        }
        return output.count < data.count ? output : nil
    }

    private static func compressBlock(_ chunk: UnsafeRawBufferPointer, _ setting: ROOTCompression)
        -> (tag: String, method: UInt8, prefix: [UInt8], body: [UInt8])? {
        guard let input = chunk.baseAddress else { return nil }
        switch setting {
        case .none:
            return nil
        case .zlib(let level):
            var length = compressBound(uLong(chunk.count))
            var body = [UInt8](repeating: 0, count: Int(length))
            let status = body.withUnsafeMutableBufferPointer { out in
                compress2(out.baseAddress, &length, input.assumingMemoryBound(to: Bytef.self), uLong(chunk.count), Int32(level))
            }
            guard status == Z_OK else { return nil }
            return ("ZL", 8, [], Array(body.prefix(Int(length))))
        case .lz4(let level):
            let bound = Int(LZ4_compressBound(Int32(chunk.count)))
            var body = [UInt8](repeating: 0, count: bound)
            let n = body.withUnsafeMutableBytes { out in
                let src = input.assumingMemoryBound(to: CChar.self), dst = out.baseAddress!.assumingMemoryBound(to: CChar.self)
                return level >= 4 ? LZ4_compress_HC(src, dst, Int32(chunk.count), Int32(bound), Int32(level))
                    : LZ4_compress_default(src, dst, Int32(chunk.count), Int32(bound))
            }
            guard n > 0 else { return nil }
            body.removeSubrange(Int(n)...)
            let checksum = body.withUnsafeBytes { XXHash64.hash($0) }
            let prefix = (0..<8).map { UInt8(truncatingIfNeeded: checksum >> (56 - 8 * UInt64($0))) }
            return ("L4", 1, prefix, body)
        case .zstd(let level):
            let bound = ZSTD_compressBound(chunk.count)
            var body = [UInt8](repeating: 0, count: bound)
            let n = body.withUnsafeMutableBytes { out in ZSTD_compress(out.baseAddress, bound, input, chunk.count, Int32(level)) }
            guard ZSTD_isError(n) == 0 else { return nil }
            return ("ZS", 1, [], Array(body.prefix(n)))
        case .lzma(let level):
            let bound = lzma_stream_buffer_bound(chunk.count)
            var body = [UInt8](repeating: 0, count: bound)
            var position = 0
            let status = body.withUnsafeMutableBufferPointer { out in
                lzma_easy_buffer_encode(UInt32(level), LZMA_CHECK_CRC32, nil, input.assumingMemoryBound(to: UInt8.self),
                                        chunk.count, out.baseAddress, &position, bound)
            }
            guard status == LZMA_OK else { return nil }
            return ("XZ", 0, [], Array(body.prefix(position)))
        }
    }
}
