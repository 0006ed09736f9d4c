import ArgumentParser
import EventIO
import Foundation
import Reporting

/// `darkscan inspect`: what a DarkScan store holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a DarkScan store's metadata, columns, entry counts and quick statistics."
    )

    @Argument(help: "A DarkScan store (.dsev, .dsrec, .dsfeat).")
    var file: String

    @Flag(help: "Skip the statistics (reads only the header).")
    var headerOnly = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let info = try StoreInfo.read(from: url)
        print("\(info.path): DarkScan store, format version \(info.formatVersion), kind \(info.kind), \(info.fileSize) bytes")
        print("written by \(info.provenance.software) \(info.provenance.version)\(info.provenance.createdAt.map { " at \($0)" } ?? "")")
        for (key, value) in info.metadata.sorted(by: { $0.key < $1.key }) {
            print("  \(key): \(Self.describe(value))")
        }
        var table = Table(title: "columns", columns: [Table.Column("name"), Table.Column("type"), Table.Column("unit"),
                                                      Table.Column("entries"), Table.Column("min"), Table.Column("max"),
                                                      Table.Column("mean"), Table.Column("NaN")])
        if headerOnly {
            for c in info.columns {
                try table.append([.text(c.name), .text(c.type.rawValue), .text(c.unit ?? ""), .text("\(c.count)"),
                                  .missing(""), .missing(""), .missing(""), .missing("")])
            }
        } else {
            let stats = try MappedStore(contentsOf: url).statistics()
            for s in stats {
                try table.append([.text(s.name), .text(s.type.rawValue), .text(s.unit ?? ""), .text("\(s.count)"),
                                  s.min.map(Table.Cell.number) ?? .missing(""), s.max.map(Table.Cell.number) ?? .missing(""),
                                  s.mean.map(Table.Cell.number) ?? .missing(""), .text("\(s.nanCount)")])
            }
        }
        print(table.renderText(), terminator: "")
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case let .object(o):
            return "{" + o.sorted { $0.key < $1.key }.map { "\($0.key): \(describe($0.value))" }.joined(separator: ", ") + "}"
        case let .array(a): return "[" + a.map(describe).joined(separator: ", ") + "]"
        case let .string(s): return s
        case let .int(i): return "\(i)"
        case let .uint(u): return "\(u)"
        case let .double(d): return "\(d)"
        case let .bool(b): return "\(b)"
        case .null: return "null"
        }
    }
}
