/// The values of a column: one typed Swift array.
///
/// Equality compares the stored bytes (type, count and bit patterns), which is what a storage
/// format preserves: a NaN equals the same NaN, and 0.0 differs from -0.0.
public enum ColumnData: Sendable {
    case i8([Int8])
    case u8([UInt8])
    case i32([Int32])
    case i64([Int64])
    case f32([Float])
    case f64([Double])

    /// The element type.
    public var type: ColumnType {
        switch self {
        case .i8: .i8
        case .u8: .u8
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }

    /// The number of values.
    public var count: Int {
        switch self {
        case .i8(let v): v.count
        case .u8(let v): v.count
        case .i32(let v): v.count
        case .i64(let v): v.count
        case .f32(let v): v.count
        case .f64(let v): v.count
        }
    }

    /// The values as `T`, or nil if the column holds another type.
    public func values<T: ColumnElement>(as type: T.Type = T.self) -> [T]? {
        T.values(in: self)
    }

    /// Calls `body` with the values' bytes in memory order (little-endian on supported hosts).
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        switch self {
        case .i8(let v): return try Self.bytes(of: v, body)
        case .u8(let v): return try Self.bytes(of: v, body)
        case .i32(let v): return try Self.bytes(of: v, body)
        case .i64(let v): return try Self.bytes(of: v, body)
        case .f32(let v): return try Self.bytes(of: v, body)
        case .f64(let v): return try Self.bytes(of: v, body)
        }
    }

    private static func bytes<T, R, E: Error>(of array: [T],
                                              _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        // Array.withUnsafeBytes is rethrows (untyped); keep the typed error with a Result.
        let result: Result<R, E> = array.withUnsafeBytes { raw in
            do throws(E) { return .success(try body(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

extension ColumnData: Equatable {
    public static func == (lhs: ColumnData, rhs: ColumnData) -> Bool {
        guard lhs.type == rhs.type, lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }
}

/// A named column: its values, their unit and a description.
public struct Column: Sendable, Equatable {
    /// The column's name, unique within a store (any non-empty string).
    public var name: String
    /// The unit of the values ("GeV", "pb", ...), nil for dimensionless values or indices.
    public var unit: String?
    /// What the column holds, for people reading the header.
    public var description: String
    /// The values.
    public var data: ColumnData

    public init(name: String, unit: String? = nil, description: String = "", data: ColumnData) {
        self.name = name
        self.unit = unit
        self.description = description
        self.data = data
    }

    /// A column of `values`.
    public init<T: ColumnElement>(name: String, unit: String? = nil, description: String = "", values: [T]) {
        self.init(name: name, unit: unit, description: description, data: T.columnData(values))
    }
}
