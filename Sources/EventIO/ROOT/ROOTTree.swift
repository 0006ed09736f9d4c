import Foundation

/// Where one basket of a branch lies: its TKey at `seek`, `bytes` long (key included), holding
/// the entries `firstEntry ..< firstEntry + entries`.
public struct ROOTBasketLocation: Sendable, Equatable {
    public var seek: UInt64
    public var bytes: Int
    public var firstEntry: Int64
    public var entries: Int64
}

/// A branch of a TTree, as its metadata describes it, with the verdict whether DarkScan can read it.
public struct ROOTBranch: Sendable, Equatable {
    public var name: String
    public var title: String
    /// "TBranch" for branches of basic types; "TBranchElement", "TBranchObject" for objects.
    public var className: String
    /// The C++ class of an object branch (TBranchElement), if any.
    public var objectClass: String?
    public var leaves: [ROOTLeaf]
    public var entries: Int64
    /// The branch's compression setting (TBranch::fCompress; see ``ROOTCompression``).
    public var compression: Int
    /// Bytes before and after compression, as the branch records them.
    public var totalBytes: Int64
    public var zipBytes: Int64
    public var baskets: [ROOTBasketLocation]
    /// Baskets kept inside the TTree record itself (the last basket of trees written without a
    /// final flush, and of files not closed properly); they follow `baskets`.
    public var embeddedBaskets: Int { embedded.count }
    var embedded: [ROOTBasketPayload]
    /// The names of the branch's own sub-branches (split objects).
    public var subbranches: [String]
    /// The value type, for supported branches.
    public var type: ROOTBasicType?
    public var shape: ROOTShape
    /// Why the branch cannot be read, or nil when it can.
    public var unsupportedReason: String?

    /// "Double_t", "Float_t[3]", "Int_t[n]", or the class of an unsupported branch.
    public var typeDescription: String {
        if let type { return type.cppName + shape.description }
        if let objectClass, !objectClass.isEmpty { return "\(className) (\(objectClass))" }
        if leaves.count == 1 { return leaves[0].className }
        return leaves.isEmpty ? className : leaves.map(\.className).joined(separator: ":")
    }

    init(record r: ROOTBranchRecord, treeEntries: Int64) {
        name = r.name
        title = r.title
        className = r.className
        objectClass = r.objectClass
        leaves = r.leaves
        entries = r.entries
        compression = r.compression
        totalBytes = r.totalBytes
        zipBytes = r.zipBytes
        subbranches = r.branches.map(\.name)
        shape = .scalar
        baskets = Self.locations(r)
        // As uproot does: baskets kept in the record count only when the free ones do not already
        // hold all of the branch's entries.
        let free = baskets.last.map { $0.firstEntry &+ $0.entries } ?? 0
        embedded = free == r.entries ? [] : r.embeddedBaskets
        (type, shape, unsupportedReason) = Self.classify(r)
        if unsupportedReason == nil {
            let covered = (baskets.last.map { $0.firstEntry &+ $0.entries } ?? 0) &+ Int64(embedded.reduce(0) { $0 &+ $1.entries })
            if covered != r.entries {
                unsupportedReason = "inconsistent: its baskets hold \(covered) entries, the branch records \(r.entries) "
                    + "(a file not closed properly?)"
            }
        }
    }

    /// The normal (free-standing) baskets: the leading non-zero fBasketSeek entries before
    /// fWriteBasket; basket i holds entries fBasketEntry[i] ..< fBasketEntry[i + 1], the last one
    /// up to fBasketEntry[n] when recorded, else up to fEntries.
    private static func locations(_ r: ROOTBranchRecord) -> [ROOTBasketLocation] {
        var n = 0
        while n < r.basketSeek.count, n < r.basketBytes.count, n < r.basketEntry.count, r.basketSeek[n] > 0,
              n < r.writeBasket || r.writeBasket <= 0 && r.embeddedBaskets.isEmpty {
            n += 1
        }
        var result: [ROOTBasketLocation] = []
        for i in 0..<n {
            let first = r.basketEntry[i]
            let next = i + 1 < r.basketEntry.count && (i + 1 < n || r.basketEntry[i + 1] > first) ? r.basketEntry[i + 1] : r.entries
            result.append(ROOTBasketLocation(seek: UInt64(r.basketSeek[i]), bytes: Int(r.basketBytes[i]), firstEntry: first,
                                             entries: max(0, next &- first)))
        }
        return result
    }

    /// The value type and shape of a branch, or why it is not supported.
    private static func classify(_ r: ROOTBranchRecord) -> (ROOTBasicType?, ROOTShape, String?) {
        guard r.className == "TBranch" else {
            let what = r.objectClass.map { $0.isEmpty ? "" : " of class \($0)" } ?? ""
            return (nil, .scalar, "a \(r.className)\(what): objects, STL containers, TClonesArray, strings and split classes are not supported; only branches of basic types (bool, integers, float, double) and arrays of them")
        }
        guard r.branches.isEmpty else {
            return (nil, .scalar, "a branch with \(r.branches.count) sub-branches; read the sub-branches instead")
        }
        guard r.leaves.count == 1, let leaf = r.leaves.first else {
            return (nil, .scalar, r.leaves.isEmpty ? "a branch without leaves"
                : "a leaf list of \(r.leaves.count) leaves (\(r.title)); only one leaf per branch is supported")
        }
        guard let type = ROOTBasicType.fromLeaf(className: leaf.className, isUnsigned: leaf.isUnsigned) else {
            let why: String = switch leaf.className {
            case "TLeafC": "a string leaf (TLeafC, char*)"
            case "TLeafF16": "a Float16_t leaf (TLeafF16, truncated float)"
            case "TLeafD32": "a Double32_t leaf (TLeafD32, truncated double)"
            case "TLeafElement": "an object leaf (TLeafElement)"
            default: "a leaf of class \(leaf.className)"
            }
            return (nil, .scalar, why + " is not supported")
        }
        guard leaf.lengthType == 0 || leaf.lengthType == type.byteWidth else {
            return (nil, .scalar, "leaf '\(leaf.name)' of type \(type.cppName) declares \(leaf.lengthType) bytes per value")
        }
        let (counter, dims) = parseDimensions(leaf.title)
        if leaf.countLeafUnresolved {
            return (nil, .scalar, "its counter leaf (fLeafCount) could not be resolved")
        }
        if let count = leaf.countLeaf ?? counter {
            let inner = counter == nil ? (leaf.length > 1 ? [leaf.length] : []) : dims
            return (type, .jagged(counter: count, inner: inner), nil)
        }
        if leaf.length > 1 || !dims.isEmpty {
            let shape = dims.reduce(1, *) == leaf.length && !dims.isEmpty ? dims : [leaf.length]
            return (type, .fixed(shape), nil)
        }
        guard leaf.length == 1 else { return (nil, .scalar, "leaf '\(leaf.name)' has fLen = \(leaf.length)") }
        return (type, .scalar, nil)
    }

    /// The dimensions written in a leaf title: "x[3][2]" gives (nil, [3, 2]); "x[n][3]" gives
    /// ("n", [3]) (the counter can only be the first dimension).
    static func parseDimensions(_ title: String) -> (counter: String?, dims: [Int]) {
        var counter: String?
        var dims: [Int] = []
        var rest = Substring(title)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            let inside = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if let n = Int(inside) { dims.append(n) } else if dims.isEmpty && counter == nil { counter = inside }
            rest = rest[rest.index(after: close)...]
        }
        return (counter, dims)
    }
}

/// A TTree's metadata: its entries and branches (sub-branches included, flattened in order).
/// ``read(_:maxConcurrency:)`` reads branches into columns.
public struct ROOTTree: Sendable {
    public let name: String
    public let title: String
    /// The tree's path in the file ("events", "dir/events").
    public let path: String
    public let entries: Int64
    /// The TTree class version (16 to 20).
    public let classVersion: Int
    public let branches: [ROOTBranch]
    let file: ROOTFile

    /// The branch named `name`, or `.objectNotFound` listing the branches there are.
    public func branch(_ name: String) throws(EventIOError) -> ROOTBranch {
        guard let b = branches.first(where: { $0.name == name }) else {
            throw .objectNotFound(path: file.path, name: "branch '\(name)' of tree '\(path)'", available: branches.map(\.name))
        }
        return b
    }
}

extension ROOTFile {
    /// The TTree at `objectPath` ("name", "dir/name" or "name;cycle"), or the only tree of the file
    /// when nil. TNtuple and TNtupleD are read as the trees they are.
    public func tree(_ objectPath: String? = nil) throws(EventIOError) -> ROOTTree {
        let key: ROOTKey
        if let objectPath {
            key = try self.key(objectPath)
        } else {
            let trees = latestKeys.filter { Self.treeClasses.contains($0.className) }
            guard trees.count == 1, let only = trees.first else {
                throw .objectNotFound(path: path, name: trees.isEmpty ? "TTree" : "a single TTree (name one)",
                                      available: trees.map(\.path))
            }
            key = only
        }
        guard Self.treeClasses.contains(key.className) else {
            throw .unsupportedContent(path: path, format: "ROOT", place: "key '\(key.path)' at byte \(key.seekKey)",
                                      reason: "'\(key.path)' is a \(key.className), not a TTree")
        }
        let bytes = try payload(of: key)
        let result: Result<ROOTTreeRecord, EventIOError> = bytes.withUnsafeBytes { raw in
            let cursor = ROOTCursor(bytes: raw, origin: key.keyLength, path: path,
                                    context: "\(key.className) '\(key.path)' (key at byte \(key.seekKey))")
            var reader = ROOTObjectReader(cursor: cursor)
            do throws(EventIOError) { return .success(try reader.readTree(className: key.className)) } catch { return .failure(error) }
        }
        let record = try result.get()
        var flat: [ROOTBranch] = []
        func visit(_ r: ROOTBranchRecord) {
            flat.append(ROOTBranch(record: r, treeEntries: record.entries))
            r.branches.forEach(visit)
        }
        record.branches.forEach(visit)
        return ROOTTree(name: record.name, title: record.title, path: key.path, entries: record.entries,
                        classVersion: record.version, branches: flat, file: self)
    }
}
