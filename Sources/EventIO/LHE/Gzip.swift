import CZlib

/// gzip streams (RFC 1952) through zlib, for `.lhe.gz` files (and `.hepmc3.gz`).
enum Gzip {
    /// True when `bytes` start with the gzip magic 1F 8B.
    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Decompresses one or more concatenated gzip members.
    static func decompress(_ input: [UInt8], path: String) throws(EventIOError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var stream = z_stream()
        guard darkscan_inflate_init_auto(&stream) == Z_OK else {
            throw .compressionFailed(path: path, place: "byte 0", algorithm: "gzip", reason: "zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var consumed = 0
        var failure: EventIOError?
        var ended = false
        input.withUnsafeBufferPointer { inBuffer in
            guard let inBase = inBuffer.baseAddress else { return }
            while consumed < input.count {
                stream.next_in = UnsafeMutablePointer(mutating: inBase + consumed)
                stream.avail_in = uInt(min(input.count - consumed, Int(UInt32.max)))
                let before = Int(stream.avail_in)
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output += chunk.prefix(produced)
                consumed += before - Int(stream.avail_in)
                if status == Z_STREAM_END {
                    ended = true
                    // Another member may follow (zero padding after the last one is ignored).
                    while consumed < input.count && input[consumed] == 0 { consumed += 1 }
                    if consumed < input.count { inflateReset(&stream); ended = false }
                } else if status != Z_OK || (before == Int(stream.avail_in) && produced == 0) {
                    failure = .compressionFailed(path: path, place: "compressed byte \(consumed)", algorithm: "gzip",
                                                 reason: "corrupt gzip data (zlib status \(status))")
                    return
                }
            }
        }
        if failure == nil && !ended {
            failure = .compressionFailed(path: path, place: "compressed byte \(consumed) (the end of the file)", algorithm: "gzip",
                                         reason: "the gzip stream is truncated")
        }
        if let failure { throw failure }
        return output
    }

    /// Compresses `input` into one gzip member at `level` (1-9).
    static func compress(_ input: [UInt8], level: Int = 6, path: String) throws(EventIOError) -> [UInt8] {
        var stream = z_stream()
        guard darkscan_deflate_init_gzip(&stream, Int32(level)) == Z_OK else {
            throw .compressionFailed(path: path, place: "byte 0", algorithm: "gzip", reason: "zlib could not be initialised")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        let status: Int32 = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw .compressionFailed(path: path, place: "byte \(stream.total_in)", algorithm: "gzip", reason: "deflate failed (zlib status \(status))")
        }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
