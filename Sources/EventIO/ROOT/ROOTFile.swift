import Foundation

/// The header at the start of every ROOT file (ROOT's io/doc/TFile/header.md): big-endian,
///
/// ```
/// "root" magic (4) | fVersion (4) | fBEGIN (4) |
/// small files (fVersion < 1000000):  fEND (4) fSeekFree (4) fNbytesFree (4) nfree (4)
///     fNbytesName (4) fUnits (1) fCompress (4) fSeekInfo (4) fNbytesInfo (4) fUUID (18)
/// large files (fVersion >= 1000000): fEND (8) fSeekFree (8) fNbytesFree (4) nfree (4)
///     fNbytesName (4) fUnits (1) fCompress (4) fSeekInfo (8) fNbytesInfo (4) fUUID (18)
/// ```
///
/// fVersion is the ROOT version that wrote the file (e.g. 63004 for 6.30/04), plus 1000000 when
/// the file uses 64-bit seeks. The top directory's record is at fBEGIN + fNbytesName.
public struct ROOTFileHeader: Sendable, Equatable {
    /// The ROOT version that wrote the file (without the large-file flag), e.g. 62400.
    public var rootVersion: Int
    /// True for the 64-bit ("large file") layout.
    public var isLarge: Bool
    public var begin: UInt64
    public var end: UInt64
    public var seekFree: UInt64
    public var nbytesName: Int
    /// The file's default compression (`fCompress`).
    public var compression: Int
    public var seekInfo: UInt64
    public var nbytesInfo: Int

    /// "6.24/00" for 62400.
    public var rootVersionString: String {
        let major = rootVersion / 10000, minor = rootVersion / 100 % 100, patch = rootVersion % 100
        return "\(major).\(minor < 10 ? "0" : "")\(minor)/\(patch < 10 ? "0" : "")\(patch)"
    }
}

/// A TKey: the header in front of every object in a ROOT file (io/io/src/TKey.cxx,
/// io/doc/TFile/tkey.md). Big-endian:
///
/// ```
/// fNbytes (4) fVersion (2) fObjlen (4) fDatime (4) fKeylen (2) fCycle (2)
/// fSeekKey, fSeekPdir (4 each, or 8 each when fVersion > 1000)
/// fClassName, fName, fTitle (TStrings)
/// ```
///
/// The object's bytes follow at fSeekKey + fKeylen: fNbytes - fKeylen bytes, compressed when that
/// is less than fObjlen (see ``ROOTBlockCodec``).
public struct ROOTKey: Sendable, Equatable {
    public var className: String
    public var name: String
    public var title: String
    public var cycle: Int
    public var seekKey: UInt64
    public var keyLength: Int
    /// fNbytes: key plus (compressed) object.
    public var totalBytes: Int
    /// fObjlen: the uncompressed object length.
    public var objectLength: Int
    /// The directory holding the key: "" for the top directory, "dir/sub" below.
    public var directory: String

    /// "dir/name" (or "name" in the top directory).
    public var path: String { directory.isEmpty ? name : directory + "/" + name }
    /// True when the object's bytes are compressed.
    public var isCompressed: Bool { objectLength != totalBytes - keyLength }
}

/// A ROOT file opened for reading: memory-mapped, its header decoded and every directory's key
/// list read (recursively). Objects are read on demand: ``tree(_:)`` reads a TTree's metadata,
/// ``ROOTTree/read(_:)`` the baskets of the branches asked for.
///
/// Files written by ROOT 6 (and ROOT 5.26 and later: TTree class versions 16 to 20, TBranch 10 to
/// 13) and by uproot 5 are supported, small and large (64-bit seeks). Where a name has several
/// cycles ("tree;1", "tree;2"), the highest cycle is the one read.
public struct ROOTFile: Sendable {
    public let path: String
    public let size: UInt64
    public let header: ROOTFileHeader
    /// Every key of every directory, all cycles, in file order per directory.
    public let keys: [ROOTKey]
    let mapping: FileMapping

    /// Opens and indexes the ROOT file at `url`.
    public init(contentsOf url: URL) throws(EventIOError) {
        let file = try ReadOnlyFile(url: url)
        defer { file.close() }
        path = file.path
        size = file.size
        guard size >= 4 else {
            throw .truncatedFile(path: path, format: "ROOT", place: "the file header", expectedSize: 63, actualSize: size)
        }
        mapping = try FileMapping(descriptor: file.descriptor, size: file.size, path: file.path)
        let bytes = mapping.bytes
        guard bytes[0] == 0x72, bytes[1] == 0x6F, bytes[2] == 0x6F, bytes[3] == 0x74 else {
            throw .malformedFile(path: path, format: "ROOT", place: "byte 0",
                                 reason: "the file does not start with the ROOT magic \"root\"")
        }
        header = try Self.readHeader(bytes, path: path)
        guard header.end <= size else {
            throw .truncatedFile(path: path, format: "ROOT", place: "the file header (fEND = \(header.end))",
                                 expectedSize: header.end, actualSize: size)
        }
        var collected: [ROOTKey] = []
        var visited = Set<UInt64>()
        try Self.readDirectory(at: header.begin + UInt64(header.nbytesName), named: "", bytes: bytes, path: path,
                               depth: 0, visited: &visited, into: &collected)
        keys = collected
    }

    private static func readHeader(_ bytes: UnsafeRawBufferPointer, path: String) throws(EventIOError) -> ROOTFileHeader {
        var c = ROOTCursor(bytes: bytes, position: 4, path: path, context: "the file header")
        func truncated(_ needed: UInt64) -> EventIOError {
            .truncatedFile(path: path, format: "ROOT", place: "the file header", expectedSize: needed, actualSize: UInt64(bytes.count))
        }
        guard bytes.count >= 63 else { throw truncated(63) }
        let version = Int(try c.i32("fVersion"))
        // ROOT writes fVersion as the release code (e.g. 62406 for 6.24/06), plus 1000000 for
        // files with 64-bit seek pointers; anything else means this is not a ROOT file.
        guard version > 0, version < 2_000_000 else {
            throw .malformedFile(path: path, format: "ROOT", place: "byte 4",
                                 reason: "starts with \"root\" but fVersion = \(version) is no ROOT release code: not a ROOT file")
        }
        let isLarge = version >= 1_000_000
        if isLarge && bytes.count < 75 { throw truncated(75) }
        let begin = UInt64(try c.u32("fBEGIN"))
        let end = isLarge ? UInt64(bitPattern: try c.i64("fEND")) : UInt64(try c.u32("fEND"))
        let seekFree = isLarge ? UInt64(bitPattern: try c.i64("fSeekFree")) : UInt64(try c.u32("fSeekFree"))
        _ = try c.i32("fNbytesFree")
        _ = try c.i32("nfree")
        let nbytesName = Int(try c.i32("fNbytesName"))
        _ = try c.u8("fUnits")
        let compression = Int(try c.i32("fCompress"))
        let seekInfo = isLarge ? UInt64(bitPattern: try c.i64("fSeekInfo")) : UInt64(try c.u32("fSeekInfo"))
        let nbytesInfo = Int(try c.i32("fNbytesInfo"))
        guard begin >= 4, nbytesName >= 0 else {
            throw c.malformed("fBEGIN = \(begin), fNbytesName = \(nbytesName) do not locate the top directory", at: 8)
        }
        return ROOTFileHeader(rootVersion: version % 1_000_000, isLarge: isLarge, begin: begin, end: end, seekFree: seekFree,
                              nbytesName: nbytesName, compression: compression, seekInfo: seekInfo, nbytesInfo: nbytesInfo)
    }

    /// Reads the TDirectory record at `offset` (io/doc/TFile/tdirectory.md: fVersion (2),
    /// fDatimeC, fDatimeM (4 each), fNbytesKeys, fNbytesName (4 each), fSeekDir, fSeekParent,
    /// fSeekKeys (4 each, or 8 each when fVersion > 1000)), then its key list at fSeekKeys (a
    /// header TKey, a 4-byte key count, the keys), and recurses into subdirectories.
    private static func readDirectory(at offset: UInt64, named name: String, bytes: UnsafeRawBufferPointer, path: String,
                                      depth: Int, visited: inout Set<UInt64>, into keys: inout [ROOTKey]) throws(EventIOError) {
        let what = name.isEmpty ? "the top directory" : "directory '\(name)'"
        guard depth < 64, visited.insert(offset).inserted else {
            throw .malformedFile(path: path, format: "ROOT", place: "\(what), byte \(offset)", reason: "directories nest in a loop")
        }
        guard offset <= UInt64(bytes.count), UInt64(bytes.count) - offset >= 42 else {
            throw .truncatedFile(path: path, format: "ROOT", place: "the record of \(what) at byte \(offset)",
                                 expectedSize: offset &+ 42, actualSize: UInt64(bytes.count))
        }
        var c = ROOTCursor(bytes: bytes, position: Int(offset), path: path, context: "the record of \(what)")
        let version = Int(try c.i16("TDirectory::fVersion"))
        _ = try c.u32("fDatimeC")
        _ = try c.u32("fDatimeM")
        let nbytesKeys = Int(try c.i32("fNbytesKeys"))
        _ = try c.i32("fNbytesName")
        let big = version > 1000
        func seek() throws(EventIOError) -> UInt64 {
            big ? UInt64(bitPattern: try c.i64("a directory seek")) : UInt64(try c.u32("a directory seek"))
        }
        _ = try seek()  // fSeekDir
        _ = try seek()  // fSeekParent
        let seekKeys = try seek()
        guard seekKeys != 0 else { return }  // an empty directory
        guard seekKeys < UInt64(bytes.count), nbytesKeys >= 0 else {
            throw .truncatedFile(path: path, format: "ROOT", place: "the key list of \(what) (fSeekKeys = \(seekKeys))",
                                 expectedSize: seekKeys &+ UInt64(max(nbytesKeys, 0)), actualSize: UInt64(bytes.count))
        }
        var k = ROOTCursor(bytes: bytes, position: Int(seekKeys), path: path, context: "the key list of \(what)")
        _ = try readKey(&k, directory: name)
        let count = Int(try k.i32("the number of keys"))
        guard count >= 0, count <= (bytes.count - k.position) / 26 else {
            throw k.malformed("\(count) keys cannot fit in the file")
        }
        var directoryKeys: [ROOTKey] = []
        for _ in 0..<count { directoryKeys.append(try readKey(&k, directory: name)) }
        keys += directoryKeys
        for key in directoryKeys where key.className == "TDirectory" || key.className == "TDirectoryFile" {
            let sub = name.isEmpty ? key.name : name + "/" + key.name
            try readDirectory(at: key.seekKey &+ UInt64(key.keyLength), named: sub, bytes: bytes, path: path,
                              depth: depth + 1, visited: &visited, into: &keys)
        }
    }

    /// Reads a TKey header at the cursor (see ``ROOTKey``).
    static func readKey(_ c: inout ROOTCursor, directory: String) throws(EventIOError) -> ROOTKey {
        let start = c.position
        let nbytes = Int(try c.i32("TKey::fNbytes"))
        let version = Int(try c.i16("TKey::fVersion"))
        let objlen = Int(try c.i32("TKey::fObjlen"))
        _ = try c.u32("TKey::fDatime")
        let keylen = Int(try c.i16("TKey::fKeylen"))
        let cycle = Int(try c.i16("TKey::fCycle"))
        let seekKey = version > 1000 ? UInt64(bitPattern: try c.i64("TKey::fSeekKey")) : UInt64(try c.u32("TKey::fSeekKey"))
        _ = version > 1000 ? try c.i64("TKey::fSeekPdir") : Int64(try c.u32("TKey::fSeekPdir"))
        let className = try c.string("TKey::fClassName")
        let name = try c.string("TKey::fName")
        let title = try c.string("TKey::fTitle")
        guard nbytes >= keylen, keylen > 0, objlen >= 0 else {
            throw c.malformed("the key of '\(name)' has fNbytes = \(nbytes), fKeylen = \(keylen), fObjlen = \(objlen)", at: start)
        }
        return ROOTKey(className: className, name: name, title: title, cycle: cycle, seekKey: seekKey, keyLength: keylen,
                       totalBytes: nbytes, objectLength: objlen, directory: directory)
    }

    /// The keys with the highest cycle of each name, per directory, in file order.
    public var latestKeys: [ROOTKey] {
        var best: [String: ROOTKey] = [:]
        for key in keys where (best[key.path]?.cycle ?? Int.min) < key.cycle { best[key.path] = key }
        return keys.filter { best[$0.path] == $0 }
    }

    /// The paths of the TTrees (and TNtuples) in the file, highest cycles only.
    public var treePaths: [String] {
        latestKeys.filter { Self.treeClasses.contains($0.className) }.map(\.path)
    }

    static let treeClasses: Set<String> = ["TTree", "TNtuple", "TNtupleD"]

    /// The key of `objectPath` ("dir/name", optionally ";cycle"), the highest cycle unless one is given.
    public func key(_ objectPath: String) throws(EventIOError) -> ROOTKey {
        var name = objectPath.hasPrefix("/") ? String(objectPath.dropFirst()) : objectPath
        var cycle: Int?
        if let semicolon = name.lastIndex(of: ";"), let c = Int(name[name.index(after: semicolon)...]) {
            cycle = c
            name = String(name[..<semicolon])
        }
        let matches = keys.filter { $0.path == name && (cycle == nil || $0.cycle == cycle) }
        guard let key = matches.max(by: { $0.cycle < $1.cycle }) else {
            throw .objectNotFound(path: path, name: objectPath, available: latestKeys.map { "\($0.path) (\($0.className))" })
        }
        return key
    }

    /// The uncompressed object bytes of `key`.
    func payload(of key: ROOTKey) throws(EventIOError) -> [UInt8] {
        let what = "\(key.className) '\(key.path)' (key at byte \(key.seekKey))"
        let start = key.seekKey &+ UInt64(key.keyLength)
        let stored = UInt64(key.totalBytes - key.keyLength)
        guard key.seekKey < UInt64(mapping.bytes.count), start <= UInt64(mapping.bytes.count),
              stored <= UInt64(mapping.bytes.count) - start else {
            throw .truncatedFile(path: path, format: "ROOT", place: what, expectedSize: start &+ stored, actualSize: size)
        }
        guard key.objectLength <= ROOTBlockCodec.maxObjectSize else {
            throw .unsupportedContent(path: path, format: "ROOT", place: what,
                                      reason: "an object of \(key.objectLength) bytes, more than the \(ROOTBlockCodec.maxObjectSize) this reader accepts")
        }
        let region = UnsafeRawBufferPointer(rebasing: mapping.bytes[Int(start)..<Int(start + stored)])
        if !key.isCompressed { return Array(region) }
        return try ROOTBlockCodec.decompress(region, uncompressedSize: key.objectLength, path: path) { offset in
            "\(what), compressed byte \(offset) (file byte \(start + UInt64(offset)))"
        }.bytes
    }
}
