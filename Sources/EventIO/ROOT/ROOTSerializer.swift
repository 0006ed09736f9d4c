import Foundation

/// Builds big-endian ROOT records (the writing side of ``ROOTCursor``): numbers, TStrings,
/// byte-counted objects and class tags, with positions counted as ROOT references need them.
struct ROOTSerializer {
    var bytes: [UInt8] = []
    /// Added to positions in `bytes` to give ROOT's reference displacement (the key length).
    var origin: Int

    init(origin: Int = 0) { self.origin = origin }

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { bytes.append(UInt8(v >> 8)); bytes.append(UInt8(v & 0xFF)) }
    mutating func i16(_ v: Int16) { u16(UInt16(bitPattern: v)) }
    mutating func u32(_ v: UInt32) { for s in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) } }
    mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    mutating func i32(_ v: Int) { i32(Int32(truncatingIfNeeded: v)) }
    mutating func u64(_ v: UInt64) { for s in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(s))) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func i64(_ v: Int) { i64(Int64(v)) }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func f64(_ v: Double) { u64(v.bitPattern) }
    mutating func raw(_ v: [UInt8]) { bytes += v }

    /// A TString: one length byte (255 and a four-byte length for 255 bytes or more), then the bytes.
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        if utf8.count < 255 { u8(UInt8(utf8.count)) } else { u8(255); u32(UInt32(utf8.count)) }
        bytes += utf8
    }

    /// The size of `s` as a TString.
    static func stringSize(_ s: String) -> Int { s.utf8.count + (s.utf8.count < 255 ? 1 : 5) }

    /// Starts a byte-counted object of class version `version`; returns the position to pass to
    /// ``endObject(_:)``, which fills in the count.
    mutating func beginObject(version: UInt16) -> Int {
        let position = bytes.count
        u32(0)
        u16(version)
        return position
    }

    /// Writes the byte count (with kByteCountMask) of the object begun at `position`.
    mutating func endObject(_ position: Int) {
        let count = UInt32(bytes.count - position - 4) | 0x4000_0000
        for i in 0..<4 { bytes[position + i] = UInt8(truncatingIfNeeded: count >> UInt32(24 - 8 * i)) }
    }

    /// Starts a pointer to a new object of class `className` (byte count, kNewClassTag, the NUL-
    /// terminated name); returns its position (for ``endPointer(_:)``). ROOT registers the object
    /// at ``displacement(_:)`` of that position + 2, which is what references to it hold.
    mutating func beginPointer(className: String) -> Int {
        let position = bytes.count
        u32(0)
        u32(0xFFFF_FFFF)
        bytes += Array(className.utf8) + [0]
        return position
    }

    mutating func endPointer(_ position: Int) { endObject(position) }

    /// ROOT's reference displacement of buffer position `position`.
    func displacement(_ position: Int) -> Int { origin + position }

    /// A TObject: version 1, fUniqueID 0, fBits (kNotDeleted | kIsOnHeap by default).
    mutating func tobject(bits: UInt32 = 0x0300_0000) {
        u16(1)
        u32(0)
        u32(bits)
    }

    /// A TNamed (version 1).
    mutating func named(_ name: String, _ title: String, bits: UInt32 = 0x0300_0000) {
        let start = beginObject(version: 1)
        tobject(bits: bits)
        string(name)
        string(title)
        endObject(start)
    }

    /// A TObjArray (version 3) header with `count` objects (the objects follow, as pointers).
    mutating func beginObjArray(count: Int) -> Int {
        let start = beginObject(version: 3)
        tobject(bits: 0x0300_0000)
        string("")
        i32(count)
        i32(0)
        return start
    }

    /// ROOT's `TDatime` encoding of `date` (UTC): (year - 1995) << 26 | month << 22 | day << 17 |
    /// hour << 12 | minute << 6 | second.
    static func datime(_ date: Date) -> UInt32 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(0, min(63, (c.year ?? 1995) - 1995))
        return UInt32(year) << 26 | UInt32(c.month ?? 1) << 22 | UInt32(c.day ?? 1) << 17
            | UInt32(c.hour ?? 0) << 12 | UInt32(c.minute ?? 0) << 6 | UInt32(c.second ?? 0)
    }
}

/// A TKey header (see ``ROOTKey`` for the layout): small (fVersion 4, 32-bit seeks) or large
/// (fVersion 1004, 64-bit seeks), with `extra` bytes that belong to the key (the TBasket fields).
struct ROOTKeyHeader {
    var className: String
    var name: String
    var title: String
    var objectLength: Int
    var storedLength: Int
    var datime: UInt32
    var cycle: Int16 = 1
    var seekKey: UInt64
    var seekParent: UInt64
    var large: Bool
    var extraLength = 0

    var keyLength: Int {
        (large ? 34 : 26) + ROOTSerializer.stringSize(className) + ROOTSerializer.stringSize(name)
            + ROOTSerializer.stringSize(title) + extraLength
    }

    func serialize(into s: inout ROOTSerializer) {
        s.i32(keyLength + storedLength)
        s.i16(large ? 1004 : 4)
        s.i32(objectLength)
        s.u32(datime)
        s.i16(Int16(keyLength))
        s.i16(cycle)
        if large { s.u64(seekKey); s.u64(seekParent) } else { s.u32(UInt32(seekKey)); s.u32(UInt32(seekParent)) }
        s.string(className)
        s.string(name)
        s.string(title)
    }
}
