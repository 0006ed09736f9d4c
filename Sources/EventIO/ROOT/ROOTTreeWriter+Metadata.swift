import Foundation

extension ROOTTreeWriter {
    /// Writes the TTree, the StreamerInfo list, the key list and the free segments after the
    /// baskets, then fills in the file header and the top directory.
    func finish(_ out: ROOTOutputFile, columns: [ROOTWriteColumn], records: [[BasketRecord]], entries: Int, perBasket: Int,
                fileName: String, nbytesName: Int, datime: UInt32) throws(EventIOError) {
        let metadataEstimate = UInt64(4096 + columns.count * (600 + 24 * ((records.first?.count ?? 0) + 10)))
        let large = forceLargeFile || out.size + metadataEstimate >= Self.startBigFile
        func appendKey(_ header: ROOTKeyHeader, _ stored: [UInt8]) throws(EventIOError) {
            var s = ROOTSerializer()
            header.serialize(into: &s)
            try out.append(s.bytes + stored)
        }

        let treeSeek = out.size
        var treeKey = ROOTKeyHeader(className: "TTree", name: treeName, title: treeTitle, objectLength: 0, storedLength: 0,
                                    datime: datime, seekKey: treeSeek, seekParent: Self.begin, large: large)
        let treeBytes = serializeTree(columns: columns, records: records, entries: entries, perBasket: perBasket, origin: treeKey.keyLength)
        let treeStored = treeBytes.withUnsafeBytes { ROOTBlockCodec.compress($0, compression) } ?? treeBytes
        treeKey.objectLength = treeBytes.count
        treeKey.storedLength = treeStored.count
        try appendKey(treeKey, treeStored)

        // StreamerInfo: an empty TList (version 5): TObject, fName "", no objects.
        var list = ROOTSerializer()
        let listStart = list.beginObject(version: 5)
        list.tobject(bits: 0x0200_0000)
        list.string("")
        list.i32(0)
        list.endObject(listStart)
        let infoSeek = out.size
        let infoKey = ROOTKeyHeader(className: "TList", name: "StreamerInfo", title: "Doubly linked list", objectLength: list.bytes.count,
                                    storedLength: list.bytes.count, datime: datime, seekKey: infoSeek, seekParent: Self.begin, large: large)
        try appendKey(infoKey, list.bytes)

        // The top directory's key list: a header key, the number of keys, the TTree's key.
        var keyList = ROOTSerializer()
        keyList.i32(1)
        treeKey.serialize(into: &keyList)
        let keysSeek = out.size
        let keysKey = ROOTKeyHeader(className: "TFile", name: fileName, title: treeTitle, objectLength: keyList.bytes.count,
                                    storedLength: keyList.bytes.count, datime: datime, seekKey: keysSeek, seekParent: Self.begin, large: large)
        try appendKey(keysKey, keyList.bytes)

        // Free segments: one, from the end of the file to kStartBigFile (or beyond for large files).
        let freeSeek = out.size
        var freeKey = ROOTKeyHeader(className: "TFile", name: fileName, title: treeTitle, objectLength: large ? 18 : 10,
                                    storedLength: large ? 18 : 10, datime: datime, seekKey: freeSeek, seekParent: Self.begin, large: large)
        let end = freeSeek + UInt64(freeKey.keyLength + freeKey.objectLength)
        var free = ROOTSerializer()
        if large {
            var infinity = Self.startBigFile
            while infinity <= end { infinity *= 2 }
            free.u16(1001); free.u64(end); free.u64(infinity)
        } else {
            free.u16(1); free.u32(UInt32(end)); free.u32(UInt32(Self.startBigFile))
        }
        freeKey.objectLength = free.bytes.count
        try appendKey(freeKey, free.bytes)

        // The top directory at fBEGIN: its key, name, title and TDirectory record.
        let uuid = withUnsafeBytes(of: UUID().uuid) { Array($0) }
        var top = ROOTSerializer()
        let stringsLength = ROOTSerializer.stringSize(fileName) + ROOTSerializer.stringSize(treeTitle)
        let topKey = ROOTKeyHeader(className: "TFile", name: fileName, title: treeTitle,
                                   objectLength: stringsLength + Self.directoryRecordSize, storedLength: stringsLength + Self.directoryRecordSize,
                                   datime: datime, seekKey: Self.begin, seekParent: 0, large: false)
        topKey.serialize(into: &top)
        top.string(fileName)
        top.string(treeTitle)
        top.i16(large ? 1005 : 5)
        top.u32(datime)
        top.u32(datime)
        top.i32(keysKey.keyLength + keysKey.objectLength)
        top.i32(nbytesName)
        if large { top.u64(Self.begin); top.u64(0); top.u64(keysSeek) } else { top.u32(UInt32(Self.begin)); top.u32(0); top.u32(UInt32(keysSeek)) }
        top.u16(1)
        top.raw(uuid)
        if !large { top.raw([UInt8](repeating: 0, count: 12)) }
        try out.write(top.bytes, at: Self.begin)

        // The file header.
        var h = ROOTSerializer()
        h.raw(Array("root".utf8))
        h.i32(large ? 1_000_000 + Self.rootVersion : Self.rootVersion)
        h.i32(Int(Self.begin))
        let freeBytes = freeKey.keyLength + freeKey.objectLength
        if large {
            h.u64(end); h.u64(freeSeek); h.i32(freeBytes); h.i32(1); h.i32(nbytesName); h.u8(8); h.i32(compression.code)
            h.u64(infoSeek); h.i32(infoKey.keyLength + infoKey.objectLength)
        } else {
            h.u32(UInt32(end)); h.u32(UInt32(freeSeek)); h.i32(freeBytes); h.i32(1); h.i32(nbytesName); h.u8(4)
            h.i32(compression.code); h.u32(UInt32(infoSeek)); h.i32(infoKey.keyLength + infoKey.objectLength)
        }
        h.u16(1)
        h.raw(uuid)
        try out.write(h.bytes, at: 0)
    }

    /// ROOT's ROOT::TIOFeatures record: byte count 7, version 0, the class checksum, fIOBits 0.
    private func ioFeatures(_ s: inout ROOTSerializer) {
        let start = s.bytes.count
        s.u32(0)
        s.u16(0)
        s.u32(0x1AA1_2F10)
        s.u8(0)
        s.endObject(start)
    }

    /// The TTree record (class version 20; member order in ``ROOTObjectReader/readTree(className:)``).
    private func serializeTree(columns: [ROOTWriteColumn], records: [[BasketRecord]], entries: Int, perBasket: Int,
                               origin: Int) -> [UInt8] {
        var s = ROOTSerializer(origin: origin)
        let totBytes = records.joined().reduce(0) { $0 + $1.objectBytes }
        let zipBytes = records.joined().reduce(0) { $0 + $1.bytes }
        let tree = s.beginObject(version: 20)
        s.named(treeName, treeTitle)
        let line = s.beginObject(version: 2); s.i16(602); s.i16(1); s.i16(1); s.endObject(line)
        let fill = s.beginObject(version: 2); s.i16(0); s.i16(1001); s.endObject(fill)
        let marker = s.beginObject(version: 2); s.i16(1); s.i16(1); s.f32(1); s.endObject(marker)
        s.i64(entries); s.i64(totBytes); s.i64(zipBytes); s.i64(zipBytes); s.i64(0)
        s.f64(1); s.i32(0); s.i32(25); s.i32(5); s.i32(1000); s.u32(0)
        s.i64(1_000_000_000_000); s.i64(1_000_000_000_000); s.i64(0); s.i64(-300_000_000); s.i64(perBasket); s.i64(1_000_000)
        s.u8(0); s.u8(0)
        ioFeatures(&s)
        let branches = s.beginObjArray(count: columns.count)
        var leafReferences: [Int] = []
        for (column, baskets) in zip(columns, records) {
            leafReferences.append(serializeBranch(&s, column, baskets: baskets, entries: entries))
        }
        s.endObject(branches)
        let leaves = s.beginObjArray(count: leafReferences.count)
        for r in leafReferences { s.u32(UInt32(r)) }
        s.endObject(leaves)
        s.raw([UInt8](repeating: 0, count: 28))  // fAliases, fIndexValues, fIndex, fTreeIndex, fFriends, fUserInfo, fBranchRef
        s.endObject(tree)
        return s.bytes
    }

    /// A TBranch (version 13) with its one leaf; returns the leaf's reference tag for fLeaves.
    /// fCompress is written as 0 as uproot does (ROOT decompresses by comparing each basket's
    /// fObjlen with its stored size, and complains about uncompressed baskets of a branch that
    /// claims compression).
    private func serializeBranch(_ s: inout ROOTSerializer, _ column: ROOTWriteColumn, baskets: [BasketRecord], entries: Int) -> Int {
        let type = column.values.type
        let dims = column.dims.map { "[\($0)]" }.joined()
        let maxBaskets = max(10, baskets.count + 1)
        let pointer = s.beginPointer(className: "TBranch")
        let branch = s.beginObject(version: 13)
        s.named(column.name, column.name + dims + "/" + type.leafCode)
        let fill = s.beginObject(version: 2); s.i16(0); s.i16(1001); s.endObject(fill)
        s.i32(0); s.i32(32000); s.i32(0); s.i32(baskets.count); s.i64(entries)
        ioFeatures(&s)
        s.i32(0); s.i32(maxBaskets); s.i32(0); s.i64(entries); s.i64(0)
        s.i64(baskets.reduce(0) { $0 + $1.objectBytes }); s.i64(baskets.reduce(0) { $0 + $1.bytes })
        let sub = s.beginObjArray(count: 0); s.endObject(sub)
        let leaves = s.beginObjArray(count: 1)
        let leafPointer = s.beginPointer(className: type.leafClass)
        let reference = s.displacement(leafPointer) + 2
        let leaf = s.beginObject(version: 1)
        let base = s.beginObject(version: 2)
        s.named(column.name, column.name + dims)
        s.i32(column.valuesPerEntry); s.i32(type.byteWidth); s.i32(0); s.u8(0); s.u8(type.isUnsigned ? 1 : 0); s.u32(0)
        s.endObject(base)
        s.raw(column.values.withElements { $0.minimumMaximumBytes() })
        s.endObject(leaf)
        s.endPointer(leafPointer)
        s.endObject(leaves)
        let embedded = s.beginObjArray(count: 0); s.endObject(embedded)
        s.u8(1)
        for i in 0..<maxBaskets { s.i32(i < baskets.count ? baskets[i].bytes : 0) }
        s.u8(1)
        for i in 0..<maxBaskets { s.i64(i < baskets.count ? baskets[i].firstEntry : i == baskets.count ? entries : 0) }
        s.u8(1)
        for i in 0..<maxBaskets { s.u64(i < baskets.count ? baskets[i].seek : 0) }
        s.string("")
        s.endObject(branch)
        s.endPointer(pointer)
        return reference
    }
}
