/// Errors of the Reporting target.
public enum ReportingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A table row with the wrong number of cells.
    case rowWidth(table: String, expected: Int, got: Int)

    public var description: String {
        switch self {
        case let .rowWidth(table, expected, got):
            return "table '\(table)': a row has \(got) cells but the table has \(expected) columns"
        }
    }
}
