/// The TLeaf record of a branch (tree/tree/src/TLeaf.cxx, class version 2): TNamed, fLen (values
/// per entry, or per counter unit), fLenType (bytes per value), fOffset, fIsRange, fIsUnsigned and
/// fLeafCount (a pointer to the counter leaf of a variable-length array, or null).
public struct ROOTLeaf: Sendable, Equatable {
    public var name: String
    public var title: String
    public var className: String
    public var length: Int
    public var lengthType: Int
    public var isUnsigned: Bool
    public var isRange: Bool
    /// The name of the counter leaf (variable-length arrays), nil without one.
    public var countLeaf: String?
    /// True when fLeafCount points to an object this reader could not resolve.
    public var countLeafUnresolved: Bool
}

/// What `TBufferFile::ReadObjectAny` yields, reduced to what a tree reader needs.
enum ROOTObject {
    case null
    case branch(ROOTBranchRecord)
    case leaf(ROOTLeaf)
    /// A basket kept inside its TBranch record.
    case basket(ROOTBasketPayload)
    /// An object of another class, skipped by its byte count.
    case other(className: String)
    /// A reference to an object that was skipped or lies outside this buffer.
    case unresolved
}

/// A TBranch as streamed (tree/tree/src/TBranch.cxx, class versions 10 to 13).
struct ROOTBranchRecord {
    var className: String
    var name: String
    var title: String
    /// For TBranchElement/TBranchObject: the C++ class of the object stored.
    var objectClass: String?
    var compression: Int
    var basketSize: Int
    var entryOffsetLength: Int
    var writeBasket: Int
    var entries: Int64
    var totalBytes: Int64
    var zipBytes: Int64
    var branches: [ROOTBranchRecord]
    var leaves: [ROOTLeaf]
    var embeddedBaskets: [ROOTBasketPayload]
    var basketBytes: [Int32]
    var basketEntry: [Int64]
    var basketSeek: [Int64]
}

/// The part of a TTree record that the reader uses.
struct ROOTTreeRecord {
    var name: String
    var title: String
    var version: Int
    var entries: Int64
    var branches: [ROOTBranchRecord]
}

/// Deserialises TTree, TBranch, TLeaf and TObjArray records from an object buffer, following
/// `TBufferFile::ReadObjectAny` (io/io/src/TBufferFile.cxx) for pointers:
///
/// A pointer starts with a 32-bit word. With bit 30 set (kByteCountMask 0x40000000) it is a byte
/// count and the tag is the next word; otherwise the word is the tag. Tag 0 is a null pointer;
/// a tag without bit 31 (kClassMask 0x80000000) refers to an object read before at that
/// displacement + 2 (kMapOffset); 0xFFFFFFFF (kNewClassTag) is followed by a NUL-terminated class
/// name and then the object; any other tag with bit 31 refers to a class named before, whose tag
/// sat at displacement (tag & ~kClassMask) - 2. Objects and class names are registered at their
/// displacement + 2, displacements counting from the start of the key (``ROOTCursor/origin``).
///
/// Classes other than TBranch and TLeaf* are skipped by their byte count, so a tree holding
/// object branches can still be listed; those branches are refused when read.
struct ROOTObjectReader {
    var cursor: ROOTCursor
    private var classes: [Int: String] = [:]
    private var objects: [Int: ROOTObject] = [:]
    /// Where each leaf object was registered, to resolve fLeafCount references.
    private var leafNames: [Int: String] = [:]

    init(cursor: ROOTCursor) { self.cursor = cursor }

    private static let byteCountMask: UInt32 = 0x4000_0000
    private static let classMask: UInt32 = 0x8000_0000
    private static let newClassTag: UInt32 = 0xFFFF_FFFF
    private static let mapOffset = 2

    mutating func readObjectAny(_ what: String) throws(EventIOError) -> ROOTObject {
        let begin = cursor.displacement
        let beginPosition = cursor.position
        let first = try cursor.u32("the pointer to \(what)")
        var tag = first
        var end: Int?
        var tagDisplacement = begin
        if first & Self.byteCountMask != 0 && first != Self.newClassTag {
            end = beginPosition + 4 + Int(first & ~Self.byteCountMask)
            guard let end, end <= cursor.bytes.count else {
                throw cursor.malformed("\(what) claims \(first & ~Self.byteCountMask) bytes, past the end of the buffer", at: beginPosition)
            }
            tagDisplacement = cursor.displacement
            tag = try cursor.u32("the class tag of \(what)")
        }
        if tag & Self.classMask == 0 {
            if let end { try cursor.seek(end, what: what) }
            if tag == 0 { return .null }
            return objects[Int(tag)] ?? .unresolved
        }
        let className: String
        if tag == Self.newClassTag {
            className = try cursor.cString("the class name of \(what)")
            classes[tagDisplacement + Self.mapOffset] = className
        } else if let known = classes[Int(tag & ~Self.classMask)] {
            className = known
        } else {
            guard let end else {
                throw cursor.malformed("\(what) refers to an unknown class tag \(tag & ~Self.classMask)")
            }
            try cursor.seek(end, what: what)
            return .unresolved
        }
        let object = try readObject(className: className, end: end, what: what)
        if let end { try cursor.seek(end, what: what) }
        objects[begin + Self.mapOffset] = object
        if case .leaf(let leaf) = object { leafNames[begin + Self.mapOffset] = leaf.name }
        return object
    }

    private mutating func readObject(className: String, end: Int?, what: String) throws(EventIOError) -> ROOTObject {
        switch className {
        case "TBranch":
            return .branch(try readBranch(className: className))
        case "TBranchElement", "TBranchObject", "TBranchSTL":
            let header = try cursor.versionHeader(className)
            var branch = try readBranch(className: className)
            branch.objectClass = try? cursor.string("the class name of \(className) '\(branch.name)'")
            try cursor.finish(header.end, className)
            return .branch(branch)
        case _ where className.hasPrefix("TLeaf"):
            return .leaf(try readLeaf(className: className, end: end))
        case "TBasket":
            return .basket(try readEmbeddedBasket(what: what))
        default:
            guard end != nil else {
                throw cursor.malformed("\(what) is a \(className) without a byte count, which cannot be skipped")
            }
            return .other(className: className)
        }
    }

    /// A TBasket kept inside its branch's record (`TBasket::Streamer`, tree/tree/src/TBasket.cxx;
    /// uproot's models/TBasket.py): the TKey fields (fNbytes, fVersion, fObjlen, fDatime, fKeylen,
    /// ...: fKeylen bytes in all, ending with the TBasket fields fVersion, fBufferSize,
    /// fNevBufSize, fNevBuf, fLast and a flag byte); then, for variable-size entries (recognised,
    /// as uproot does, by fNevBufSize * fNevBuf + fKeylen != fLast), the entry offsets: a count
    /// and one offset per entry, counted from the key start; then the buffer: a copy of the key
    /// (fKeylen bytes) and the values (fLast - fKeylen bytes).
    private mutating func readEmbeddedBasket(what: String) throws(EventIOError) -> ROOTBasketPayload {
        let start = cursor.position
        _ = try cursor.i32("fNbytes of \(what)")
        _ = try cursor.i16("the key version of \(what)")
        _ = try cursor.i32("fObjlen of \(what)")
        _ = try cursor.u32("fDatime of \(what)")
        let keyLength = Int(try cursor.i16("fKeylen of \(what)"))
        guard keyLength >= 19 + 18 else { throw cursor.malformed("\(what) has fKeylen = \(keyLength)", at: start) }
        try cursor.seek(start + keyLength - 19, what: "the TBasket fields of \(what)")
        _ = try cursor.u16("TBasket::fVersion of \(what)")
        _ = try cursor.i32("fBufferSize of \(what)")
        let entrySize = Int(try cursor.i32("fNevBufSize of \(what)"))
        let entries = Int(try cursor.i32("fNevBuf of \(what)"))
        let last = Int(try cursor.i32("fLast of \(what)"))
        _ = try cursor.u8("the flag of \(what)")
        let border = last - keyLength
        guard entries >= 0, border >= 0 else {
            throw cursor.malformed("\(what) has fNevBuf = \(entries), fLast = \(last), fKeylen = \(keyLength)", at: start)
        }
        var offsets: [Int]?
        if entrySize * entries + keyLength != last {
            let count = Int(try cursor.i32("the entry-offset count of \(what)"))
            guard count >= entries else { throw cursor.malformed("\(what) has \(count) entry offsets for \(entries) entries") }
            let raw = try cursor.array(entries, of: Int32.self, "the entry offsets of \(what)")
            offsets = raw.map { Int($0) - keyLength } + [border]
        }
        try cursor.skip(keyLength, what: "the key copy of \(what)")
        try cursor.need(border, for: "the values of \(what)")
        let data = Array(cursor.bytes[cursor.position..<(cursor.position + border)])
        cursor.position += border
        return ROOTBasketPayload(storage: data, rawStart: 0, dataLength: border, entries: entries, entryOffsets: offsets)
    }

    /// A TObjArray (core/cont/src/TObjArray.cxx): version header, TObject (version > 2), fName
    /// (version > 1), the number of objects, the lower bound, then each object as a pointer.
    mutating func readObjArray(_ what: String) throws(EventIOError) -> [ROOTObject] {
        let header = try cursor.versionHeader(what)
        if header.version > 2 { try cursor.skipTObject() }
        if header.version > 1 { _ = try cursor.string("the name of \(what)") }
        let count = Int(try cursor.i32("the size of \(what)"))
        _ = try cursor.i32("the lower bound of \(what)")
        guard count >= 0, count <= (cursor.bytes.count - cursor.position) / 4 else {
            throw cursor.malformed("\(what) claims \(count) objects, more than the buffer can hold")
        }
        var objects: [ROOTObject] = []
        for i in 0..<count { objects.append(try readObjectAny("object \(i) of \(what)")) }
        try cursor.finish(header.end, what)
        return objects
    }

    /// A TLeaf subclass: its own version header, the TLeaf base (version header, TNamed, fLen,
    /// fLenType, fOffset, fIsRange, fIsUnsigned, fLeafCount), then fMinimum and fMaximum, which
    /// are skipped through the byte count.
    private mutating func readLeaf(className: String, end: Int?) throws(EventIOError) -> ROOTLeaf {
        let outer = try cursor.versionHeader(className)
        let base = try cursor.versionHeader("the TLeaf base of a \(className)")
        let (name, title) = try cursor.named("a \(className)")
        let length = Int(try cursor.i32("TLeaf::fLen of '\(name)'"))
        let lengthType = Int(try cursor.i32("TLeaf::fLenType of '\(name)'"))
        _ = try cursor.i32("TLeaf::fOffset of '\(name)'")
        let isRange = try cursor.u8("TLeaf::fIsRange of '\(name)'") != 0
        let isUnsigned = try cursor.u8("TLeaf::fIsUnsigned of '\(name)'") != 0
        let countPosition = cursor.position
        var countName: String?
        var unresolved = false
        // fLeafCount: a pointer to the counter leaf, usually a reference to a leaf read before.
        let peek = try cursor.u32("TLeaf::fLeafCount of '\(name)'")
        cursor.position = countPosition
        if peek != 0 && peek & Self.classMask == 0 && peek & Self.byteCountMask == 0 {
            _ = try cursor.u32("TLeaf::fLeafCount of '\(name)'")
            countName = leafNames[Int(peek)]
            unresolved = countName == nil
        } else {
            switch try readObjectAny("TLeaf::fLeafCount of '\(name)'") {
            case .null: break
            case .leaf(let leaf): countName = leaf.name
            default: unresolved = true
            }
        }
        try cursor.finish(base.end, "the TLeaf base of '\(name)'")
        if outer.end == nil && end == nil {
            throw cursor.malformed("leaf '\(name)' (\(className)) has no byte count")
        }
        try cursor.finish(outer.end, "leaf '\(name)'")
        return ROOTLeaf(name: name, title: title, className: className, length: length, lengthType: lengthType,
                        isUnsigned: isUnsigned, isRange: isRange, countLeaf: countName, countLeafUnresolved: unresolved)
    }

    /// A TBranch record (versions 10 to 13; see uproot's models/TBranch.py for the member
    /// order): TNamed, TAttFill, fCompress, fBasketSize, fEntryOffsetLen, fWriteBasket,
    /// fEntryNumber, [fIOFeatures (13)], fOffset, fMaxBaskets, fSplitLevel, fEntries,
    /// [fFirstEntry (11+)], fTotBytes, fZipBytes, fBranches, fLeaves, fBaskets, then three arrays
    /// of fMaxBaskets values, each after a one-byte flag: fBasketBytes (Int32), fBasketEntry and
    /// fBasketSeek (Int64); then fFileName.
    private mutating func readBranch(className: String) throws(EventIOError) -> ROOTBranchRecord {
        let start = cursor.position
        let header = try cursor.versionHeader("a TBranch")
        let (name, title) = try cursor.named("a TBranch")
        guard (10...13).contains(header.version) else {
            throw EventIOError.unsupportedContent(path: cursor.path, format: "ROOT", place: cursor.place(start),
                                                  reason: "branch '\(name)' has TBranch class version \(header.version); versions 10-13 (ROOT >= 5.x) are supported")
        }
        let what = "branch '\(name)'"
        try cursor.skipBase("the TAttFill of \(what)", bytesWithoutCount: 4)
        let compression = Int(try cursor.i32("fCompress of \(what)"))
        let basketSize = Int(try cursor.i32("fBasketSize of \(what)"))
        let entryOffsetLength = Int(try cursor.i32("fEntryOffsetLen of \(what)"))
        let writeBasket = Int(try cursor.i32("fWriteBasket of \(what)"))
        _ = try cursor.i64("fEntryNumber of \(what)")
        if header.version >= 13 {
            let io = try cursor.versionHeader("the fIOFeatures of \(what)")
            guard io.end != nil else { throw cursor.malformed("the fIOFeatures of \(what) has no byte count") }
            try cursor.finish(io.end, "the fIOFeatures of \(what)")
        }
        _ = try cursor.i32("fOffset of \(what)")
        let maxBaskets = Int(try cursor.i32("fMaxBaskets of \(what)"))
        _ = try cursor.i32("fSplitLevel of \(what)")
        let entries = try cursor.i64("fEntries of \(what)")
        if header.version >= 11 { _ = try cursor.i64("fFirstEntry of \(what)") }
        let totalBytes = try cursor.i64("fTotBytes of \(what)")
        let zipBytes = try cursor.i64("fZipBytes of \(what)")
        var branches: [ROOTBranchRecord] = []
        for object in try readObjArray("the sub-branches of \(what)") {
            if case .branch(let b) = object { branches.append(b) }
        }
        var leaves: [ROOTLeaf] = []
        for object in try readObjArray("the leaves of \(what)") {
            if case .leaf(let l) = object { leaves.append(l) }
        }
        var embedded: [ROOTBasketPayload] = []
        for object in try readObjArray("the embedded baskets of \(what)") {
            if case .basket(let payload) = object { embedded.append(payload) }
        }
        guard maxBaskets >= 0, maxBaskets <= (cursor.bytes.count - cursor.position) / 20 else {
            throw cursor.malformed("fMaxBaskets = \(maxBaskets) of \(what) does not fit in the buffer")
        }
        _ = try cursor.u8("the array flag of fBasketBytes of \(what)")
        let basketBytes = try cursor.array(maxBaskets, of: Int32.self, "fBasketBytes of \(what)")
        _ = try cursor.u8("the array flag of fBasketEntry of \(what)")
        let basketEntry = try cursor.array(maxBaskets, of: Int64.self, "fBasketEntry of \(what)")
        _ = try cursor.u8("the array flag of fBasketSeek of \(what)")
        let basketSeek = try cursor.array(maxBaskets, of: Int64.self, "fBasketSeek of \(what)")
        if let end = header.end { try cursor.seek(end, what: what) } else { _ = try cursor.string("fFileName of \(what)") }
        return ROOTBranchRecord(className: className, name: name, title: title, objectClass: nil, compression: compression,
                                basketSize: basketSize, entryOffsetLength: entryOffsetLength, writeBasket: writeBasket,
                                entries: entries, totalBytes: totalBytes, zipBytes: zipBytes, branches: branches, leaves: leaves,
                                embeddedBaskets: embedded, basketBytes: basketBytes, basketEntry: basketEntry, basketSeek: basketSeek)
    }

    /// A TTree record (versions 16 to 20; uproot's models/TTree.py lists the members of each):
    /// TNamed, TAttLine, TAttFill, TAttMarker, fEntries, fTotBytes, fZipBytes, fSavedBytes,
    /// [fFlushedBytes (18+)], fWeight, fTimerInterval, fScanField, fUpdate,
    /// [fDefaultEntryOffsetLen (17+)], [fNClusterRange (19+)], fMaxEntries, fMaxEntryLoop,
    /// fMaxVirtualSize, fAutoSave, [fAutoFlush (18+)], fEstimate, [fClusterRangeEnd and
    /// fClusterSize arrays (19+)], [fIOFeatures (20)], fBranches, ... (the rest is not needed).
    /// A TNtuple or TNtupleD record wraps the TTree in one more version header.
    mutating func readTree(className: String) throws(EventIOError) -> ROOTTreeRecord {
        if className != "TTree" { _ = try cursor.versionHeader(className) }
        let start = cursor.position
        let header = try cursor.versionHeader("the TTree")
        let (name, title) = try cursor.named("the TTree")
        let v = header.version
        guard (16...20).contains(v) else {
            throw EventIOError.unsupportedContent(path: cursor.path, format: "ROOT", place: cursor.place(start),
                                                  reason: "TTree '\(name)' has class version \(v); versions 16-20 (ROOT 5.26 to 6) are supported")
        }
        try cursor.skipBase("the TAttLine of the TTree", bytesWithoutCount: 6)
        try cursor.skipBase("the TAttFill of the TTree", bytesWithoutCount: 4)
        try cursor.skipBase("the TAttMarker of the TTree", bytesWithoutCount: 8)
        let entries = try cursor.i64("TTree::fEntries")
        try cursor.skip(v >= 18 ? 32 : 24, what: "fTotBytes to fFlushedBytes")
        try cursor.skip(8 + 12, what: "fWeight, fTimerInterval, fScanField, fUpdate")
        if v >= 17 { try cursor.skip(4, what: "fDefaultEntryOffsetLen") }
        var clusterRanges = 0
        if v >= 19 { clusterRanges = Int(try cursor.i32("fNClusterRange")) }
        try cursor.skip(v >= 18 ? 48 : 40, what: "fMaxEntries to fEstimate")
        if v >= 19 {
            guard clusterRanges >= 0 else { throw cursor.malformed("fNClusterRange = \(clusterRanges)") }
            try cursor.skip(1 + 8 * clusterRanges, what: "fClusterRangeEnd")
            try cursor.skip(1 + 8 * clusterRanges, what: "fClusterSize")
        }
        if v >= 20 {
            let io = try cursor.versionHeader("the fIOFeatures of the TTree")
            guard io.end != nil else { throw cursor.malformed("the fIOFeatures of the TTree has no byte count") }
            try cursor.finish(io.end, "the fIOFeatures of the TTree")
        }
        var branches: [ROOTBranchRecord] = []
        for object in try readObjArray("the branches of TTree '\(name)'") {
            if case .branch(let b) = object { branches.append(b) }
        }
        return ROOTTreeRecord(name: name, title: title, version: v, entries: entries, branches: branches)
    }
}
