/// Summary numbers of one column, for `darkscan inspect`.
///
/// `min`, `max` and `mean` are over the non-NaN values (nil when there are none); infinities
/// count, so the mean may be infinite, or NaN when both signs of infinity occur. Integer values
/// are converted to Double (Int64 beyond 2^53 rounded). The mean is summed with Neumaier's
/// compensation.
public struct ColumnStatistics: Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    public var unit: String?
    /// Number of values, NaNs included.
    public var count: Int
    public var min: Double?
    public var max: Double?
    public var mean: Double?
    /// Number of NaN values (always 0 for integer columns).
    public var nanCount: Int

    public init(name: String, type: ColumnType, unit: String?, count: Int,
                min: Double?, max: Double?, mean: Double?, nanCount: Int) {
        self.name = name
        self.type = type
        self.unit = unit
        self.count = count
        self.min = min
        self.max = max
        self.mean = mean
        self.nanCount = nanCount
    }

    /// The statistics of `values`.
    public static func of<T: ColumnElement>(_ values: UnsafeBufferPointer<T>, name: String,
                                           unit: String? = nil) -> ColumnStatistics {
        var lo = Double.infinity, hi = -Double.infinity
        var sum = 0.0, compensation = 0.0
        var nans = 0
        for value in values {
            let x = value.statisticsValue
            if x.isNaN { nans += 1; continue }
            lo = Swift.min(lo, x)
            hi = Swift.max(hi, x)
            let t = sum + x
            compensation += Swift.abs(sum) >= Swift.abs(x) ? (sum - t) + x : (x - t) + sum
            sum = t
        }
        let n = values.count - nans
        let total = sum.isFinite ? sum + compensation : sum
        return ColumnStatistics(name: name, type: T.columnType, unit: unit, count: values.count,
                                min: n > 0 ? lo : nil, max: n > 0 ? hi : nil,
                                mean: n > 0 ? total / Double(n) : nil, nanCount: nans)
    }

    /// The statistics of an in-memory column.
    public static func of(_ column: Column) -> ColumnStatistics {
        switch column.data {
        case .i8(let v): v.withUnsafeBufferPointer { of($0, name: column.name, unit: column.unit) }
        case .u8(let v): v.withUnsafeBufferPointer { of($0, name: column.name, unit: column.unit) }
        case .i32(let v): v.withUnsafeBufferPointer { of($0, name: column.name, unit: column.unit) }
        case .i64(let v): v.withUnsafeBufferPointer { of($0, name: column.name, unit: column.unit) }
        case .f32(let v): v.withUnsafeBufferPointer { of($0, name: column.name, unit: column.unit) }
        case .f64(let v): v.withUnsafeBufferPointer { of($0, name: column.name, unit: column.unit) }
        }
    }
}

extension ColumnStore {
    /// The statistics of every column, in store order.
    public func statistics() -> [ColumnStatistics] {
        columns.map { ColumnStatistics.of($0) }
    }
}

extension MappedStore {
    /// The statistics of every column, in header order, read in place (no copies).
    public func statistics() -> [ColumnStatistics] {
        info.columns.compactMap { column in
            // Cannot fail: the names exist and each is read as its stored type.
            switch column.type {
            case .i8: try? statistics(of: column, Int8.self)
            case .u8: try? statistics(of: column, UInt8.self)
            case .i32: try? statistics(of: column, Int32.self)
            case .i64: try? statistics(of: column, Int64.self)
            case .f32: try? statistics(of: column, Float.self)
            case .f64: try? statistics(of: column, Double.self)
            }
        }
    }

    private func statistics<T: ColumnElement>(of column: ColumnInfo, _ type: T.Type) throws(EventIOError) -> ColumnStatistics {
        try buffer(column.name, as: T.self).withUnsafeBufferPointer { values in
            ColumnStatistics.of(values, name: column.name, unit: column.unit)
        }
    }
}
