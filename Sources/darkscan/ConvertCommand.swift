import ArgumentParser
import EventIO
import Foundation
import HEPCore

/// `darkscan convert`: between event formats, and between flat column stores and ROOT trees.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert event files (.dsev, .lhe, .lhe.gz, .hepmc3) and flat tables (.dsfeat and other stores <-> ROOT TTree).",
        discussion: """
            Events: any of .dsev, .lhe, .lhe.gz, .hepmc, .hepmc3 to any other (see the EventIO documentation for \
            how statuses, mothers and weights map). Tables: a DarkScan store whose columns all have the same length \
            (.dsfeat, ...) to a ROOT file with one branch per column; a ROOT tree to a .dsfeat feature table \
            (scalar branches as Double features, fixed-size arrays as one feature per element, variable-length and \
            object branches skipped with a note; --weight names the branch holding the event weights in pb, else 1).
            """
    )

    @Argument(help: "Input file.")
    var input: String

    @Argument(help: "Output file; its extension selects the format.")
    var output: String

    @Option(help: "The tree to read (ROOT input, when the file has several) or to write (ROOT output).")
    var tree: String?

    @Option(help: "Basket compression of ROOT output: none, zlib[:level], lz4[:level], zstd[:level], lzma[:level].")
    var compression: String = "zlib:1"

    @Option(help: ArgumentHelp("ROOT input: the branch holding event weights in pb (default: weight 1 per entry).", valueName: "branch"))
    var weight: String?

    mutating func validate() throws {
        guard ROOTCompression(parsing: compression) != nil else {
            throw ValidationError("--compression must be none, zlib, lz4, zstd or lzma, optionally with :level")
        }
    }

    func run() async throws {
        let inURL = URL(fileURLWithPath: input), outURL = URL(fileURLWithPath: output)
        let inKind = try InspectCommand.kind(of: inURL)
        let outIsROOT = outURL.pathExtension.lowercased() == "root"
        switch (inKind, outIsROOT) {
        case (.root, false):
            guard outURL.pathExtension.lowercased() == "dsfeat" else {
                throw ValidationError("a ROOT tree converts to a .dsfeat feature table, not to '\(outURL.lastPathComponent)'")
            }
            try await rootToFeatures(inURL, outURL)
        case (.store, true):
            try await storeToROOT(inURL, outURL)
        case (.root, true):
            throw ValidationError("ROOT to ROOT: read and write with --compression through a .dsfeat table instead")
        case (_, true):
            throw ValidationError("only flat tables (a DarkScan store of equal-length columns such as .dsfeat) convert to ROOT; convert events to .dsev, .lhe or .hepmc3")
        default:
            let sample = try EventSample.read(anyFormatFrom: inURL)
            try sample.write(anyFormatTo: outURL)
            print("\(sample.count) events (\(sample.particleCount) particles, sigma \(sample.weights.reduce(0, +)) pb) written to \(output)")
        }
    }

    private func rootToFeatures(_ inURL: URL, _ outURL: URL) async throws {
        let file = try ROOTFile(contentsOf: inURL)
        let t = try file.tree(tree)
        var features: [Column] = []
        var skipped: [String] = []
        var names: [String] = []
        for b in t.branches {
            guard b.unsupportedReason == nil else { skipped.append("\(b.name) (\(b.typeDescription))"); continue }
            if case .jagged = b.shape { skipped.append("\(b.name) (variable-length \(b.typeDescription))"); continue }
            names.append(b.name)
        }
        let columns = try await t.read(names)
        let n = Int(t.entries)
        var weights = [Double](repeating: 1, count: n)
        for c in columns {
            let values = c.values.doubles
            let k = c.shape.valuesPerUnit
            if c.name == weight, k == 1 { weights = values; continue }
            if k == 1 {
                features.append(Column(name: c.name, description: "ROOT branch \(c.name) (\(c.type.cppName))", values: values))
            } else {
                for j in 0..<k {
                    features.append(Column(name: "\(c.name)[\(j)]", description: "element \(j) of ROOT branch \(c.name)",
                                           values: stride(from: j, to: values.count, by: k).map { values[$0] }))
                }
            }
        }
        if let weight, !columns.contains(where: { $0.name == weight }) {
            throw ValidationError("--weight \(weight): no readable scalar branch of that name in tree \(t.path)")
        }
        let generator = SampleMetadata(process: "ROOT tree \(t.path) of \(inURL.lastPathComponent)", processKey: "root", collider: "unknown",
                                       frame: "lab", crossSectionPicobarn: weights.reduce(0, +), crossSectionErrorPicobarn: 0,
                                       eventsTried: n, eventsKept: n, weighted: weight != nil, seed: 0,
                                       settings: ["source": inURL.path, "tree": t.path, "weightBranch": weight ?? "none"])
        let store = ColumnStore(kind: "feature-table", metadata: [
            "generator": try JSONValue(encoding: generator), "card": .string("none"),
            "preselection": .string("none (ROOT tree \(t.path))"), "eventsSeen": .int(Int64(n)),
        ], columns: [Column(name: "weights", unit: "pb", description: "event weight", values: weights),
                     Column(name: "eventIndex", description: "entry of the ROOT tree", values: (0..<Int64(n)).map { $0 })] + features)
        try store.write(to: outURL)
        print("\(n) entries, \(features.count) features of tree \(t.path) written to \(output)")
        for s in skipped { print("  skipped \(s)") }
    }

    private func storeToROOT(_ inURL: URL, _ outURL: URL) async throws {
        let store = try ColumnStore.read(from: inURL)
        guard let length = store.columns.first?.data.count else { throw ValidationError("\(input) has no columns") }
        var columns: [ROOTWriteColumn] = []
        for c in store.columns {
            guard c.data.count == length else {
                throw ValidationError("column '\(c.name)' has \(c.data.count) values, '\(store.columns[0].name)' \(length): only flat tables convert to a TTree")
            }
            let values: ROOTArray = switch c.data {
            case .i8(let v): .int8(v)
            case .u8(let v): .uint8(v)
            case .i32(let v): .int32(v)
            case .i64(let v): .int64(v)
            case .f32(let v): .float32(v)
            case .f64(let v): .float64(v)
            }
            // ROOT branch names cannot hold '/' or '[' (leaf-list syntax): "x[0]" becomes "x_0".
            let name = c.name.replacingOccurrences(of: "[", with: "_").replacingOccurrences(of: "]", with: "")
                .replacingOccurrences(of: "/", with: "_")
            columns.append(ROOTWriteColumn(name: name, values: values))
        }
        let setting = ROOTCompression(parsing: compression) ?? .zlib(level: 1)
        try await ROOTTreeWriter(treeName: tree ?? (store.kind == "feature-table" ? "features" : "tree"), treeTitle: store.kind,
                                 compression: setting).write(columns, to: outURL)
        print("\(length) entries, \(columns.count) branches written to \(output) (tree \(tree ?? (store.kind == "feature-table" ? "features" : "tree")), \(setting))")
    }
}
