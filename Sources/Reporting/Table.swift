import Foundation

/// A table of results, rendered as aligned text for terminals, as CSV, or as JSON.
///
/// Columns carry their units, so every rendering states them: the text and CSV headers as
/// "name [unit]", the JSON as a separate `unit` field. Notes (the grid used, the scenario, caveats)
/// travel with the table: as leading lines in text, `#` comment lines in CSV, a `notes` array in JSON.
public struct Table: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public let name: String
        public let unit: String?
        public init(_ name: String, unit: String? = nil) {
            self.name = name
            self.unit = unit
        }
        var header: String { unit.map { "\(name) [\($0)]" } ?? name }
    }

    /// One cell: a number, a text, or a missing value with an optional reason shown in text output.
    public enum Cell: Sendable, Equatable {
        case number(Double)
        case text(String)
        case missing(String)
    }

    public let title: String
    public let columns: [Column]
    public private(set) var rows: [[Cell]] = []
    public private(set) var notes: [String] = []
    /// Significant digits of numbers in text output (CSV and JSON keep full precision).
    public var significantDigits: Int = 5

    public init(title: String, columns: [Column]) {
        self.title = title
        self.columns = columns
    }

    /// Appends a row; it must have one cell per column.
    public mutating func append(_ row: [Cell]) throws(ReportingError) {
        guard row.count == columns.count else {
            throw .rowWidth(table: title, expected: columns.count, got: row.count)
        }
        rows.append(row)
    }

    /// Adds a note printed with the table.
    public mutating func note(_ text: String) { notes.append(text) }

    /// The formats a table renders to.
    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .table: renderText()
        case .csv: renderCSV()
        case .json: renderJSON()
        }
    }

    // MARK: Text

    /// Aligned columns: columns holding numbers right-aligned (numbers in scientific notation with
    /// ``significantDigits``), text columns left-aligned; no trailing spaces.
    public func renderText() -> String {
        let headers = columns.map(\.header)
        let body = rows.map { $0.map(textCell) }
        var widths = headers.map(\.count)
        for row in body { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        let numeric = columns.indices.map { i in
            rows.contains { row in if case .number = row[i] { true } else { false } }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return numeric[i] ? pad + c : c + pad
            }
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = [title]
        out += notes.map { "  " + $0 }
        out.append(line(headers))
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        out += body.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    private func textCell(_ c: Cell) -> String {
        switch c {
        case let .number(x): Self.scientific(x, digits: significantDigits)
        case let .text(s): s
        case let .missing(reason): reason.isEmpty ? "-" : reason
        }
    }

    /// A number in C's %.{digits-1}e notation; "nan", "inf" for non-finite values.
    public static func scientific(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.\(max(digits - 1, 0))e", x)
    }

    // MARK: CSV

    /// RFC 4180 CSV with a header row; numbers in shortest round-trip form, missing cells empty.
    public func renderCSV() -> String {
        var out = ["# " + title] + notes.map { "# " + $0 }
        out.append(columns.map { csvQuote($0.header) }.joined(separator: ","))
        for row in rows {
            out.append(row.map { c in
                switch c {
                case let .number(x): x.isFinite ? "\(x)" : ""
                case let .text(s): csvQuote(s)
                case .missing: ""
                }
            }.joined(separator: ","))
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func csvQuote(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    // MARK: JSON

    /// {"title", "notes", "columns": [{"name", "unit"}], "rows": [{name: value}]}; numbers in shortest
    /// round-trip form, missing and non-finite values as null.
    public func renderJSON() -> String {
        var out = "{\n  \"title\": \(jsonString(title)),\n  \"notes\": ["
        out += notes.map(jsonString).joined(separator: ", ") + "],\n  \"columns\": [\n"
        out += columns.map { c in
            "    {\"name\": \(jsonString(c.name)), \"unit\": \(c.unit.map(jsonString) ?? "null")}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"rows\": [\n"
        out += rows.map { row in
            "    {" + zip(columns, row).map { col, cell in
                let value: String = switch cell {
                case let .number(x): x.isFinite ? "\(x)" : "null"
                case let .text(s): jsonString(s)
                case .missing: "null"
                }
                return "\(jsonString(col.name)): \(value)"
            }.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        out += rows.isEmpty ? "  ]\n}\n" : "\n  ]\n}\n"
        return out
    }

    private func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
