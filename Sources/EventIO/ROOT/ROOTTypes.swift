/// The basic types a ROOT branch can hold, as TLeaf subclasses encode them
/// (tree/tree/inc/TLeafO.h ... TLeafD.h): `TLeafO` bool, `TLeafB` 8-bit, `TLeafS` 16-bit,
/// `TLeafI` 32-bit, `TLeafL`/`TLeafG` 64-bit integers (unsigned when `TLeaf::fIsUnsigned`),
/// `TLeafF` float, `TLeafD` double. In baskets every value is big-endian.
public enum ROOTBasicType: String, Sendable, CaseIterable, Hashable {
    case bool, int8, uint8, int16, uint16, int32, uint32, int64, uint64, float32, float64

    /// Size of one value in bytes.
    public var byteWidth: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// The C++ type name ROOT users know.
    public var cppName: String {
        switch self {
        case .bool: "bool"
        case .int8: "Char_t"
        case .uint8: "UChar_t"
        case .int16: "Short_t"
        case .uint16: "UShort_t"
        case .int32: "Int_t"
        case .uint32: "UInt_t"
        case .int64: "Long64_t"
        case .uint64: "ULong64_t"
        case .float32: "Float_t"
        case .float64: "Double_t"
        }
    }

    /// The type letter of ROOT's leaf-list titles ("x/D"): O B b S s I i L l F D.
    public var leafCode: String {
        switch self {
        case .bool: "O"
        case .int8: "B"
        case .uint8: "b"
        case .int16: "S"
        case .uint16: "s"
        case .int32: "I"
        case .uint32: "i"
        case .int64: "L"
        case .uint64: "l"
        case .float32: "F"
        case .float64: "D"
        }
    }

    /// The TLeaf subclass that stores this type.
    public var leafClass: String {
        switch self {
        case .bool: "TLeafO"
        case .int8, .uint8: "TLeafB"
        case .int16, .uint16: "TLeafS"
        case .int32, .uint32: "TLeafI"
        case .int64, .uint64: "TLeafL"
        case .float32: "TLeafF"
        case .float64: "TLeafD"
        }
    }

    public var isUnsigned: Bool { self == .uint8 || self == .uint16 || self == .uint32 || self == .uint64 }

    /// The type stored by leaf class `leafClass` (with `fIsUnsigned`), or nil if it is not a basic type.
    static func fromLeaf(className: String, isUnsigned: Bool) -> ROOTBasicType? {
        switch className {
        case "TLeafO": .bool
        case "TLeafB": isUnsigned ? .uint8 : .int8
        case "TLeafS": isUnsigned ? .uint16 : .int16
        case "TLeafI": isUnsigned ? .uint32 : .int32
        case "TLeafL", "TLeafG": isUnsigned ? .uint64 : .int64
        case "TLeafF": .float32
        case "TLeafD": .float64
        default: nil
        }
    }
}

/// How many values a branch holds per entry.
public enum ROOTShape: Sendable, Hashable, CustomStringConvertible {
    /// One value per entry.
    case scalar
    /// A fixed-size (possibly multi-dimensional) array per entry, e.g. `x[3]` or `m[2][3]`;
    /// values are stored row-major.
    case fixed([Int])
    /// A variable-length array per entry whose length is the value of the counter leaf
    /// `counter` (title `x[n]`), optionally with further fixed dimensions (`x[n][3]`).
    case jagged(counter: String, inner: [Int])

    /// Values per entry for fixed shapes (1 for scalars); for jagged arrays, values per counter unit.
    public var valuesPerUnit: Int {
        switch self {
        case .scalar: 1
        case .fixed(let dims): dims.reduce(1, *)
        case .jagged(_, let inner): inner.reduce(1, *)
        }
    }

    public var description: String {
        switch self {
        case .scalar: ""
        case .fixed(let dims): dims.map { "[\($0)]" }.joined()
        case .jagged(let counter, let inner): "[\(counter)]" + inner.map { "[\($0)]" }.joined()
        }
    }
}

/// The values of one branch, as a contiguous Swift array of its type.
public enum ROOTArray: Sendable, Equatable {
    case bool([Bool])
    case int8([Int8])
    case uint8([UInt8])
    case int16([Int16])
    case uint16([UInt16])
    case int32([Int32])
    case uint32([UInt32])
    case int64([Int64])
    case uint64([UInt64])
    case float32([Float])
    case float64([Double])

    public var type: ROOTBasicType {
        switch self {
        case .bool: .bool
        case .int8: .int8
        case .uint8: .uint8
        case .int16: .int16
        case .uint16: .uint16
        case .int32: .int32
        case .uint32: .uint32
        case .int64: .int64
        case .uint64: .uint64
        case .float32: .float32
        case .float64: .float64
        }
    }

    public var count: Int {
        switch self {
        case .bool(let v): v.count
        case .int8(let v): v.count
        case .uint8(let v): v.count
        case .int16(let v): v.count
        case .uint16(let v): v.count
        case .int32(let v): v.count
        case .uint32(let v): v.count
        case .int64(let v): v.count
        case .uint64(let v): v.count
        case .float32(let v): v.count
        case .float64(let v): v.count
        }
    }

    /// Every value converted to Double (64-bit integers beyond 2^53 are rounded).
    public var doubles: [Double] {
        switch self {
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .int8(let v): v.map(Double.init)
        case .uint8(let v): v.map(Double.init)
        case .int16(let v): v.map(Double.init)
        case .uint16(let v): v.map(Double.init)
        case .int32(let v): v.map(Double.init)
        case .uint32(let v): v.map(Double.init)
        case .int64(let v): v.map(Double.init)
        case .uint64(let v): v.map(Double.init)
        case .float32(let v): v.map(Double.init)
        case .float64(let v): v
        }
    }
}

/// One branch read into memory: its values (all entries, contiguous) and, for variable-length
/// arrays, the offsets delimiting each entry's values.
public struct ROOTColumn: Sendable, Equatable {
    /// The branch name.
    public var name: String
    public var shape: ROOTShape
    /// Number of entries (rows of the tree).
    public var entries: Int
    /// The values: `entries` of them for scalars, `entries * product(dims)` for fixed arrays, and
    /// `offsets.last` for jagged arrays.
    public var values: ROOTArray
    /// For jagged arrays, `entries + 1` offsets into `values`: entry i holds values
    /// `offsets[i] ..< offsets[i + 1]`. Nil for scalars and fixed arrays.
    public var offsets: [Int64]?

    public init(name: String, shape: ROOTShape = .scalar, entries: Int, values: ROOTArray, offsets: [Int64]? = nil) {
        self.name = name
        self.shape = shape
        self.entries = entries
        self.values = values
        self.offsets = offsets
    }

    public var type: ROOTBasicType { values.type }
}
