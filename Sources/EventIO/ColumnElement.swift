/// A Swift type that can be a column element: Int8 (i8), UInt8 (u8), Int32 (i32), Int64 (i64),
/// Float (f32) and Double (f64). Other conformances are not supported: readers check that the
/// element's size matches its `columnType` and refuse the access otherwise.
public protocol ColumnElement: BitwiseCopyable, Sendable {
    /// The column type storing this element type.
    static var columnType: ColumnType { get }
    /// Wraps values of this type as column data.
    static func columnData(_ values: [Self]) -> ColumnData
    /// The values held by `data`, if it holds this type.
    static func values(in data: ColumnData) -> [Self]?
    /// The value as a Double, for statistics (Int64 values beyond 2^53 are rounded).
    var statisticsValue: Double { get }
}

extension Int8: ColumnElement {
    public static var columnType: ColumnType { .i8 }
    public static func columnData(_ values: [Int8]) -> ColumnData { .i8(values) }
    public static func values(in data: ColumnData) -> [Int8]? {
        if case .i8(let v) = data { return v }
        return nil
    }
    public var statisticsValue: Double { Double(self) }
}

extension UInt8: ColumnElement {
    public static var columnType: ColumnType { .u8 }
    public static func columnData(_ values: [UInt8]) -> ColumnData { .u8(values) }
    public static func values(in data: ColumnData) -> [UInt8]? {
        if case .u8(let v) = data { return v }
        return nil
    }
    public var statisticsValue: Double { Double(self) }
}

extension Int32: ColumnElement {
    public static var columnType: ColumnType { .i32 }
    public static func columnData(_ values: [Int32]) -> ColumnData { .i32(values) }
    public static func values(in data: ColumnData) -> [Int32]? {
        if case .i32(let v) = data { return v }
        return nil
    }
    public var statisticsValue: Double { Double(self) }
}

extension Int64: ColumnElement {
    public static var columnType: ColumnType { .i64 }
    public static func columnData(_ values: [Int64]) -> ColumnData { .i64(values) }
    public static func values(in data: ColumnData) -> [Int64]? {
        if case .i64(let v) = data { return v }
        return nil
    }
    public var statisticsValue: Double { Double(self) }
}

extension Float: ColumnElement {
    public static var columnType: ColumnType { .f32 }
    public static func columnData(_ values: [Float]) -> ColumnData { .f32(values) }
    public static func values(in data: ColumnData) -> [Float]? {
        if case .f32(let v) = data { return v }
        return nil
    }
    public var statisticsValue: Double { Double(self) }
}

extension Double: ColumnElement {
    public static var columnType: ColumnType { .f64 }
    public static func columnData(_ values: [Double]) -> ColumnData { .f64(values) }
    public static func values(in data: ColumnData) -> [Double]? {
        if case .f64(let v) = data { return v }
        return nil
    }
    public var statisticsValue: Double { self }
}

extension ColumnElement {
    /// True when `Self` can stand for `type` in memory (same size; see the protocol).
    static func matches(_ type: ColumnType) -> Bool {
        columnType == type && MemoryLayout<Self>.size == type.byteWidth
            && MemoryLayout<Self>.stride == type.byteWidth
    }
}
