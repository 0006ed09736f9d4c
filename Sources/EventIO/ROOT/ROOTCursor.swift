/// A big-endian reader over a byte buffer of a ROOT file: the whole mapped file, or the
/// uncompressed payload of one keyed object. Every read is bounds-checked and fails with an
/// ``EventIOError`` that names the file, what is being read and the byte offset.
///
/// ROOT serialises with `TBufferFile` (io/io/src/TBufferFile.cxx): big-endian numbers, `TString`
/// as a one-byte length (255 announcing a four-byte length) followed by the bytes, and most
/// objects preceded by a byte count and a class version (see ``versionHeader()``).
///
/// `origin` is the displacement ROOT adds to positions within an object buffer: the length of the
/// object's key (`fKeylen`), since references between objects in the buffer (class tags, object
/// tags) count bytes from the start of the key.
struct ROOTCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    /// Added to `position` to give ROOT's reference displacement.
    let origin: Int
    /// The file path, for errors.
    let path: String
    /// What the buffer holds, e.g. "TTree 'events' (key at byte 1234)", for errors.
    let context: String

    init(bytes: UnsafeRawBufferPointer, position: Int = 0, origin: Int = 0, path: String, context: String) {
        self.bytes = bytes
        self.position = position
        self.origin = origin
        self.path = path
        self.context = context
    }

    /// The reference displacement of the current position.
    var displacement: Int { position + origin }

    /// "context, byte N" for messages.
    func place(_ at: Int? = nil) -> String { "\(context), byte \(at ?? position)" }

    func malformed(_ reason: String, at: Int? = nil) -> EventIOError {
        .malformedFile(path: path, format: "ROOT", place: place(at), reason: reason)
    }

    /// Fails unless `count` more bytes are available.
    func need(_ count: Int, for what: String) throws(EventIOError) {
        guard count >= 0, position <= bytes.count, count <= bytes.count - position else {
            throw malformed("\(what) needs \(count) bytes, only \(max(0, bytes.count - position)) remain")
        }
    }

    mutating func skip(_ count: Int, what: String = "data") throws(EventIOError) {
        try need(count, for: what)
        position += count
    }

    /// Moves to `target`, which must lie within the buffer.
    mutating func seek(_ target: Int, what: String) throws(EventIOError) {
        guard target >= 0, target <= bytes.count else {
            throw malformed("\(what) points to byte \(target), outside the \(bytes.count)-byte buffer")
        }
        position = target
    }

    @inline(__always)
    private mutating func load<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws(EventIOError) -> T {
        try need(MemoryLayout<T>.size, for: what)
        let value = T(bigEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
        position += MemoryLayout<T>.size
        return value
    }

    mutating func u8(_ what: String = "a byte") throws(EventIOError) -> UInt8 { try load(UInt8.self, what) }
    mutating func i16(_ what: String = "a 16-bit integer") throws(EventIOError) -> Int16 { try load(Int16.self, what) }
    mutating func u16(_ what: String = "a 16-bit integer") throws(EventIOError) -> UInt16 { try load(UInt16.self, what) }
    mutating func i32(_ what: String = "a 32-bit integer") throws(EventIOError) -> Int32 { try load(Int32.self, what) }
    mutating func u32(_ what: String = "a 32-bit integer") throws(EventIOError) -> UInt32 { try load(UInt32.self, what) }
    mutating func i64(_ what: String = "a 64-bit integer") throws(EventIOError) -> Int64 { try load(Int64.self, what) }
    mutating func f32(_ what: String = "a float") throws(EventIOError) -> Float { Float(bitPattern: try load(UInt32.self, what)) }
    mutating func f64(_ what: String = "a double") throws(EventIOError) -> Double { Double(bitPattern: try load(UInt64.self, what)) }

    /// A `TString`: a one-byte length (255: a four-byte length follows) and that many bytes.
    mutating func string(_ what: String = "a string") throws(EventIOError) -> String {
        var length = Int(try u8(what))
        if length == 255 { length = Int(try u32(what)) }
        try need(length, for: what)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
        position += length
        return text
    }

    /// A NUL-terminated C string (class names after a new-class tag).
    mutating func cString(_ what: String = "a class name") throws(EventIOError) -> String {
        let start = position
        while position < bytes.count, bytes[position] != 0 { position += 1 }
        guard position < bytes.count else { throw malformed("\(what) has no terminating NUL", at: start) }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        position += 1
        return text
    }

    /// `count` big-endian values of `T` (fBasketBytes and similar arrays).
    mutating func array<T: FixedWidthInteger>(_ count: Int, of type: T.Type, _ what: String) throws(EventIOError) -> [T] {
        guard count >= 0 else { throw malformed("\(what) has a negative length \(count)") }
        try need(count * MemoryLayout<T>.size, for: what)
        var values = [T]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try load(T.self, what)) }
        return values
    }

    /// The byte count and version in front of a streamed object (`TBufferFile::ReadVersion`):
    /// a 32-bit word with bit 30 (kByteCountMask, 0x40000000) set holds the number of bytes that
    /// follow it, then comes a 16-bit version; without that bit, the first 16 bits are the
    /// version and there is no byte count. Returns the version and the end of the object (nil
    /// without a byte count).
    mutating func versionHeader(_ what: String) throws(EventIOError) -> (version: Int, end: Int?) {
        let start = position
        let word = try u32("the byte count of \(what)")
        if word & 0x4000_0000 != 0 {
            let count = Int(word & ~UInt32(0x4000_0000))
            let end = start + 4 + count
            guard end <= bytes.count, count >= 2 else {
                throw malformed("\(what) claims \(count) bytes, past the end of the \(bytes.count)-byte buffer", at: start)
            }
            let version = Int(try u16("the version of \(what)"))
            return (version, end)
        }
        position = start
        let version = Int(try u16("the version of \(what)"))
        return (version, nil)
    }

    /// Moves to the end of an object read with ``versionHeader(_:)`` (no-op without a byte count).
    mutating func finish(_ end: Int?, _ what: String) throws(EventIOError) {
        guard let end else { return }
        guard end >= position else { throw malformed("\(what) was read past its byte count (ends at byte \(end))") }
        position = end
    }

    /// A streamed `TObject` (core/base/src/TObject.cxx, `TObject::Streamer`): version (with an
    /// optional byte count when bit 14 of the version is set), fUniqueID, fBits and, when fBits has
    /// kIsReferenced (bit 4), a 16-bit process id.
    mutating func skipTObject() throws(EventIOError) {
        let version = try i16("the version of a TObject")
        if UInt16(bitPattern: version) & 0x4000 != 0 { try skip(4, what: "a TObject") }
        _ = try u32("TObject::fUniqueID")
        let bits = try u32("TObject::fBits")
        if bits & (1 << 4) != 0 { try skip(2, what: "a TObject's process id") }
    }

    /// A streamed `TNamed`: byte count and version, TObject, fName, fTitle.
    mutating func named(_ what: String) throws(EventIOError) -> (name: String, title: String) {
        let header = try versionHeader("the TNamed of \(what)")
        try skipTObject()
        let name = try string("the name of \(what)")
        let title = try string("the title of \(what)")
        try finish(header.end, "the TNamed of \(what)")
        return (name, title)
    }

    /// Skips a base-class record (TAttLine, TAttFill, TAttMarker) by its byte count, or by its
    /// known size `bytesWithoutCount` (after the version) in files that wrote none.
    mutating func skipBase(_ what: String, bytesWithoutCount: Int) throws(EventIOError) {
        let header = try versionHeader(what)
        if let end = header.end { try seek(end, what: what) } else { try skip(bytesWithoutCount, what: what) }
    }
}
