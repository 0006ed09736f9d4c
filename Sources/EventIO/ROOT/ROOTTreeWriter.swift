import Foundation

/// One branch for ``ROOTTreeWriter``: a name, the values of every entry and, for fixed-size
/// arrays, the dimensions (values stored row-major, `entries * product(dims)` of them).
public struct ROOTWriteColumn: Sendable {
    public var name: String
    public var values: ROOTArray
    public var dims: [Int]

    public init(name: String, values: ROOTArray, dims: [Int] = []) {
        self.name = name
        self.values = values
        self.dims = dims
    }

    var valuesPerEntry: Int { dims.reduce(1, *) }
}

/// Writes flat TTrees: one TBranch with one TLeaf per column, of basic types (bool, 8-64 bit
/// signed and unsigned integers, float, double) or fixed-size arrays of them, in baskets
/// compressed with ``compression`` (zlib, LZ4, ZSTD, LZMA, or none), readable by uproot and ROOT.
///
/// The file follows ROOT 6.24's layout (uproot 5 writes the same): the 100-byte file header, the
/// top directory (a TKey of class TFile and a TDirectory record), the baskets (TKeys of class
/// TBasket, branch by branch within each cluster of entries), the TTree (class version 20, its
/// TBranches version 13 and TLeaf* version 1 over TLeaf version 2), the StreamerInfo list (an
/// empty TList: every class written has ROOT's built-in version), the key list and the free-
/// segment list. Files of 2 GB and more get 64-bit seeks throughout (the "large file" header).
/// Writing goes to a temporary file renamed over the destination when complete.
public struct ROOTTreeWriter: Sendable {
    public var treeName: String
    public var treeTitle: String
    public var compression: ROOTCompression
    /// Uncompressed bytes per basket that the writer aims at (entries per basket are the same for
    /// all branches, so that baskets form clusters).
    public var basketBytes: Int
    /// Use the 64-bit layout even for a small file (for tests of that layout).
    public var forceLargeFile: Bool
    /// The time recorded in the keys (now, if nil).
    public var date: Date?

    public init(treeName: String = "tree", treeTitle: String = "", compression: ROOTCompression = .zlib(level: 1),
                basketBytes: Int = 256 * 1024, forceLargeFile: Bool = false, date: Date? = nil) {
        self.treeName = treeName
        self.treeTitle = treeTitle
        self.compression = compression
        self.basketBytes = basketBytes
        self.forceLargeFile = forceLargeFile
        self.date = date
    }

    static let startBigFile: UInt64 = 2_000_000_000
    static let rootVersion = 62400
    static let begin: UInt64 = 100
    /// Space reserved after the top directory's strings for its TDirectory record.
    static let directoryRecordSize = 60

    /// A written basket, for the branch's fBasketBytes/fBasketEntry/fBasketSeek.
    struct BasketRecord {
        var seek: UInt64
        var bytes: Int
        var firstEntry: Int
        var objectBytes: Int
    }

    /// Writes `columns` as the tree's branches to `url`.
    ///
    /// - Throws: `.invalidStore` when columns are empty-named, repeated, or do not all hold the same
    ///   number of entries; `.io` when the file system refuses.
    public func write(_ columns: [ROOTWriteColumn], to url: URL) async throws(EventIOError) {
        let path = url.path(percentEncoded: false)
        let entries = try Self.check(columns, path: path)
        let datime = ROOTSerializer.datime(date ?? Date())
        let fileName = url.lastPathComponent
        let out = try ROOTOutputFile(destination: url)
        do throws(EventIOError) {
            try out.append([UInt8](repeating: 0, count: Int(Self.begin)))
            let topKey = ROOTKeyHeader(className: "TFile", name: fileName, title: treeTitle, objectLength: 0, storedLength: 0,
                                       datime: datime, seekKey: Self.begin, seekParent: 0, large: false)
            let nbytesName = topKey.keyLength + ROOTSerializer.stringSize(fileName) + ROOTSerializer.stringSize(treeTitle)
            try out.append([UInt8](repeating: 0, count: nbytesName + Self.directoryRecordSize))

            let maxEntrySize = columns.map { $0.values.type.byteWidth * $0.valuesPerEntry }.max() ?? 1
            let perBasket = max(1, basketBytes / max(1, maxEntrySize))
            var records: [[BasketRecord]] = Array(repeating: [], count: columns.count)
            var first = 0
            while first < entries {
                let count = min(perBasket, entries - first)
                let baskets = try await compressCluster(columns, first: first, count: count, path: path)
                for (b, basket) in baskets.enumerated() {
                    let seek = out.size
                    let key = Self.basketKey(columns[b], tree: treeName, payload: basket, entries: count, datime: datime, seek: seek,
                                             large: forceLargeFile || seek + UInt64(basket.stored.count) + 4096 >= Self.startBigFile)
                    var s = ROOTSerializer()
                    key.serialize(into: &s)
                    try out.append(s.bytes)
                    try out.append(basket.stored)
                    records[b].append(BasketRecord(seek: seek, bytes: key.keyLength + basket.stored.count, firstEntry: first,
                                                   objectBytes: key.keyLength + basket.dataLength))
                }
                first += count
            }
            try finish(out, columns: columns, records: records, entries: entries, perBasket: perBasket,
                       fileName: fileName, nbytesName: nbytesName, datime: datime)
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
    }

    private static func check(_ columns: [ROOTWriteColumn], path: String) throws(EventIOError) -> Int {
        guard let firstColumn = columns.first else { throw .invalidStore(path: path, reason: "a tree needs at least one column") }
        var names = Set<String>()
        let entries = firstColumn.values.count / max(1, firstColumn.valuesPerEntry)
        for c in columns {
            guard !c.name.isEmpty, !c.name.contains("/"), !c.name.contains("[") else {
                throw .invalidStore(path: path, reason: "column name '\(c.name)' is empty or contains '/' or '['")
            }
            guard names.insert(c.name).inserted else { throw .duplicateColumn(path: path, column: c.name) }
            guard c.dims.allSatisfy({ $0 > 0 }), c.values.count == entries * c.valuesPerEntry else {
                throw .invalidStore(path: path, reason: "column '\(c.name)' has \(c.values.count) values, not \(entries) entries of \(c.valuesPerEntry)")
            }
        }
        return entries
    }

    /// One basket's payload: the stored (possibly compressed) bytes and the uncompressed length.
    struct BasketPayload: Sendable {
        var stored: [UInt8]
        var dataLength: Int
    }

    /// The baskets of entries `first ..< first + count` of every column, compressed in parallel.
    private func compressCluster(_ columns: [ROOTWriteColumn], first: Int, count: Int,
                                 path: String) async throws(EventIOError) -> [BasketPayload] {
        let setting = compression
        var result = [BasketPayload?](repeating: nil, count: columns.count)
        await withTaskGroup(of: (Int, BasketPayload).self) { group in
            for (i, column) in columns.enumerated() {
                group.addTask {
                    let k = column.valuesPerEntry
                    let data = column.values.withElements { $0.bigEndianBytes((first * k)..<((first + count) * k)) }
                    let compressed = data.withUnsafeBytes { ROOTBlockCodec.compress($0, setting) }
                    return (i, BasketPayload(stored: compressed ?? data, dataLength: data.count))
                }
            }
            for await (i, payload) in group { result[i] = payload }
        }
        return result.compactMap { $0 }
    }

    /// The TKey of a basket, with the TBasket fields (fVersion 3, fBufferSize, fNevBufSize = the
    /// bytes per entry, fNevBuf = the entries, fLast = fKeylen + data bytes, flag 0) in its last
    /// 19 bytes.
    private static func basketKey(_ column: ROOTWriteColumn, tree: String, payload: BasketPayload, entries: Int, datime: UInt32,
                                  seek: UInt64, large: Bool) -> BasketKey {
        var header = ROOTKeyHeader(className: "TBasket", name: column.name, title: tree, objectLength: payload.dataLength,
                                   storedLength: payload.stored.count, datime: datime, seekKey: seek, seekParent: begin, large: large)
        header.extraLength = 19
        return BasketKey(header: header, entrySize: column.values.type.byteWidth * column.valuesPerEntry, entries: entries)
    }

    struct BasketKey {
        var header: ROOTKeyHeader
        var entrySize: Int
        var entries: Int
        var keyLength: Int { header.keyLength }

        func serialize(into s: inout ROOTSerializer) {
            header.serialize(into: &s)
            s.u16(3)
            s.i32(max(32000, header.objectLength + header.keyLength))
            s.i32(entrySize)
            s.i32(entries)
            s.i32(header.keyLength + header.objectLength)
            s.u8(0)
        }
    }
}
