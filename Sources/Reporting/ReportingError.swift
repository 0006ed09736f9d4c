/// Errors of the Reporting target.
public enum ReportingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A table row with the wrong number of cells.
    case rowWidth(table: String, expected: Int, got: Int)
    /// A plot with nothing to draw: no finite data (positive data on a log axis) and no fixed range
    /// on the named axis. Carries the plot's axis labels.
    case emptyPlot(xLabel: String, yLabel: String)
    /// A plot series whose arrays disagree in length: `what` names the array that has `got` entries
    /// where `expected` were needed (e.g. "ys" against the xs, "counts" against the edges).
    case seriesLength(series: String, what: String, expected: Int, got: Int)
    /// An axis range that cannot be drawn (empty, not finite, or not positive on a log axis).
    case invalidAxisRange(axis: String, lower: Double, upper: Double, reason: String)
    /// A plot size that is not positive and finite, or too small for the frame.
    case invalidPlotSize(width: Double, height: Double)
    /// A HEPData value that is NaN or infinite: the table, the variable and the point's index.
    case hepdataNonFinite(table: String, variable: String, index: Int)
    /// A HEPData variable whose values (or errors) disagree in length with the independent variable.
    case hepdataLength(table: String, variable: String, expected: Int, got: Int)
    /// A HEPData table that the format does not accept (empty or duplicate name, too long, no
    /// dependent variables).
    case hepdataTable(name: String, reason: String)
    /// A HEPData keyword the submission schema does not know, or a value it does not accept.
    case hepdataKeyword(table: String, keyword: String, reason: String)

    public var description: String {
        switch self {
        case let .rowWidth(table, expected, got):
            return "table '\(table)': a row has \(got) cells but the table has \(expected) columns"
        case let .emptyPlot(x, y):
            return "plot '\(y)' vs '\(x)': nothing to draw (no finite data and no fixed axis range)"
        case let .seriesLength(series, what, expected, got):
            return "plot series '\(series)': \(got) \(what) but \(expected) expected"
        case let .invalidAxisRange(axis, lower, upper, reason):
            return "plot axis '\(axis)': range \(lower)...\(upper) \(reason)"
        case let .invalidPlotSize(width, height):
            return "plot size \(width) x \(height) is not drawable"
        case let .hepdataNonFinite(table, variable, index):
            return "HEPData table '\(table)': '\(variable)' has a non-finite value at index \(index)"
        case let .hepdataLength(table, variable, expected, got):
            return "HEPData table '\(table)': '\(variable)' has \(got) entries but the independent variable has \(expected)"
        case let .hepdataTable(name, reason):
            return "HEPData table '\(name)': \(reason)"
        case let .hepdataKeyword(table, keyword, reason):
            return "HEPData table '\(table)': keyword '\(keyword)' \(reason)"
        }
    }
}
