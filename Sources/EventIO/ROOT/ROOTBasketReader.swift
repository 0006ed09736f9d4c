import Foundation

/// The uncompressed content of one basket (tree/tree/src/TBasket.cxx).
///
/// A basket is a TKey whose header ends with the TBasket fields: fVersion (2), fBufferSize,
/// fNevBufSize, fNevBuf, fLast (4 each) and a flag byte, all counted in fKeylen. The payload
/// (fObjlen bytes, compressed when fNbytes - fKeylen < fObjlen) holds the values of fNevBuf
/// entries in its first fLast - fKeylen bytes ("border"); for variable-length entries an
/// entry-offset table follows: a 4-byte count, then one 4-byte offset per entry, each counted
/// from the start of the key (so fKeylen is subtracted), big-endian.
struct ROOTBasketPayload: Sendable, Equatable {
    /// Decompressed bytes, or nil when the payload is stored raw in the file mapping at `rawStart`.
    var storage: [UInt8]?
    var rawStart: Int
    /// Bytes of values ("border").
    var dataLength: Int
    var entries: Int
    /// For variable-length entries: entries + 1 byte offsets into the values.
    var entryOffsets: [Int]?
}

extension ROOTTree {
    /// Reads basket `index` of `branch` (on any thread).
    func loadBasket(of branch: ROOTBranch, _ index: Int) throws(EventIOError) -> ROOTBasketPayload {
        let location = branch.baskets[index]
        let path = file.path
        let what = "basket \(index) of branch '\(branch.name)' (key at byte \(location.seek))"
        let bytes = file.mapping.bytes
        guard location.seek < UInt64(bytes.count), location.bytes >= 0 else {
            throw .truncatedFile(path: path, format: "ROOT", place: what, expectedSize: location.seek &+ UInt64(max(location.bytes, 0)),
                                 actualSize: file.size)
        }
        var c = ROOTCursor(bytes: bytes, position: Int(location.seek), path: path, context: what)
        let key = try ROOTFile.readKey(&c, directory: "")
        let keyStart = Int(location.seek)
        guard key.keyLength >= 19, key.totalBytes == location.bytes || location.bytes == 0 else {
            throw c.malformed("the basket key says fNbytes = \(key.totalBytes), fKeylen = \(key.keyLength); the branch says \(location.bytes) bytes",
                              at: keyStart)
        }
        c.position = keyStart + key.keyLength - 19
        _ = try c.u16("TBasket::fVersion")
        _ = try c.i32("TBasket::fBufferSize")
        _ = try c.i32("TBasket::fNevBufSize")
        let entries = Int(try c.i32("TBasket::fNevBuf"))
        let last = Int(try c.i32("TBasket::fLast"))
        guard Int64(entries) == location.entries else {
            throw c.malformed("the basket holds \(entries) entries (fNevBuf), the branch expects \(location.entries)", at: keyStart)
        }
        let border = last - key.keyLength
        guard border >= 0, border <= key.objectLength else {
            throw c.malformed("fLast = \(last) lies outside the basket's \(key.objectLength) bytes (fKeylen \(key.keyLength))", at: keyStart)
        }
        let start = keyStart + key.keyLength
        let stored = key.totalBytes - key.keyLength
        guard start + stored <= bytes.count else {
            throw .truncatedFile(path: path, format: "ROOT", place: what, expectedSize: UInt64(start + stored), actualSize: file.size)
        }
        var payload = ROOTBasketPayload(storage: nil, rawStart: start, dataLength: border, entries: entries, entryOffsets: nil)
        if key.isCompressed {
            let region = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + stored)])
            payload.storage = try ROOTBlockCodec.decompress(region, uncompressedSize: key.objectLength, path: path) { offset in
                "\(what), compressed byte \(offset) (file byte \(start + offset))"
            }.bytes
        }
        if case .jagged = branch.shape {
            payload.entryOffsets = try entryOffsets(payload, keyLength: key.keyLength, objectLength: key.objectLength, what: what)
        }
        return payload
    }

    /// The entry-offset table after the values: count, then one offset per entry (from the key start).
    private func entryOffsets(_ p: ROOTBasketPayload, keyLength: Int, objectLength: Int, what: String) throws(EventIOError) -> [Int] {
        let available = (objectLength - p.dataLength) / 4
        func fail(_ reason: String) -> EventIOError {
            .malformedFile(path: file.path, format: "ROOT", place: "\(what), entry offsets at uncompressed byte \(p.dataLength)", reason: reason)
        }
        guard available >= 1 + p.entries else {
            throw fail("room for \(max(available - 1, 0)) entry offsets, \(p.entries) entries need them")
        }
        return withPayloadBytes(p, offset: p.dataLength, count: 4 * available) { raw in
            var offsets: [Int] = []
            offsets.reserveCapacity(p.entries + 1)
            for i in 0..<p.entries {
                offsets.append(Int(Int32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 + 4 * i, as: Int32.self))) - keyLength)
            }
            offsets.append(p.dataLength)
            return offsets
        }
    }

    /// Calls `body` with `count` payload bytes from `offset`.
    func withPayloadBytes<R>(_ p: ROOTBasketPayload, offset: Int, count: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let storage = p.storage {
            return storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
        }
        let start = p.rawStart + offset
        return body(UnsafeRawBufferPointer(rebasing: file.mapping.bytes[start..<(start + count)]))
    }

    /// Concatenates the baskets of `branch` into one column, checking every basket's size (and,
    /// for jagged arrays, its entry offsets) against the branch's type and shape.
    func assemble(_ branch: ROOTBranch, _ payloads: [ROOTBasketPayload]) throws(EventIOError) -> ROOTColumn {
        guard let type = branch.type else {
            throw .unsupportedContent(path: file.path, format: "ROOT", place: "branch '\(branch.name)'",
                                      reason: branch.unsupportedReason ?? "unsupported type")
        }
        let width = type.byteWidth
        let unit = width * branch.shape.valuesPerUnit
        var offsets: [Int64]? = nil
        var entries = 0
        for (i, p) in payloads.enumerated() {
            let what = "basket \(i) of branch '\(branch.name)' "
                + (i < branch.baskets.count ? "(key at byte \(branch.baskets[i].seek))" : "(embedded in the TTree record)")
            if let entryOffsets = p.entryOffsets {
                var previous = 0
                for (j, o) in entryOffsets.enumerated() {
                    if o < previous || o > p.dataLength || (o - previous) % unit != 0 || (j == 0 && o != 0) {
                        throw EventIOError.malformedFile(path: file.path, format: "ROOT", place: what,
                                                         reason: "entry \(j) starts at byte \(o), not a multiple of \(unit) bytes between \(previous) and \(p.dataLength)")
                    }
                    previous = o
                }
                if offsets == nil { offsets = [0] }
                let base = offsets?.last ?? 0
                for o in entryOffsets.dropFirst() { offsets?.append(base + Int64(o / width)) }
            } else if p.dataLength != p.entries * unit {
                throw EventIOError.malformedFile(path: file.path, format: "ROOT", place: what,
                                                 reason: "\(p.dataLength) bytes of values for \(p.entries) entries of \(unit) bytes each")
            }
            entries += p.entries
        }
        if case .jagged = branch.shape, offsets == nil { offsets = [0] }
        let values: ROOTArray = switch type {
        case .bool: Bool.wrap(concatenate(payloads, as: Bool.self))
        case .int8: Int8.wrap(concatenate(payloads, as: Int8.self))
        case .uint8: UInt8.wrap(concatenate(payloads, as: UInt8.self))
        case .int16: Int16.wrap(concatenate(payloads, as: Int16.self))
        case .uint16: UInt16.wrap(concatenate(payloads, as: UInt16.self))
        case .int32: Int32.wrap(concatenate(payloads, as: Int32.self))
        case .uint32: UInt32.wrap(concatenate(payloads, as: UInt32.self))
        case .int64: Int64.wrap(concatenate(payloads, as: Int64.self))
        case .uint64: UInt64.wrap(concatenate(payloads, as: UInt64.self))
        case .float32: Float.wrap(concatenate(payloads, as: Float.self))
        case .float64: Double.wrap(concatenate(payloads, as: Double.self))
        }
        return ROOTColumn(name: branch.name, shape: branch.shape, entries: entries, values: values, offsets: offsets)
    }

    /// The values of all baskets, decoded from big-endian, in one contiguous array.
    private func concatenate<T: ROOTElement>(_ payloads: [ROOTBasketPayload], as type: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        let total = payloads.reduce(0) { $0 + $1.dataLength / size }
        return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            var position = 0
            for p in payloads {
                let n = p.dataLength / size
                guard n > 0, let out = buffer.baseAddress else { continue }
                withPayloadBytes(p, offset: 0, count: n * size) { raw in
                    if let source = raw.baseAddress { T.decodeBigEndian(source, into: out + position, count: n) }
                }
                position += n
            }
            initialized = position
        }
    }
}
