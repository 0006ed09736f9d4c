import ArgumentParser
import EventIO
import Foundation
import Reporting

/// `darkscan inspect`: what a DarkScan store, a ROOT file, an LHE or a HepMC3 file holds.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a DarkScan store's metadata, columns, entry counts and quick statistics.",
        discussion: """
            Also reads ROOT files (trees, branches, types, entries, compression), LHE files (.lhe, .lhe.gz: \
            the init block, events, particle content) and HepMC3 ASCII files (run info, events, particle \
            content). --json writes every value of a ROOT, LHE or HepMC3 file as JSON (numbers as strings \
            that read back exactly), for comparisons with other readers.
            """
    )

    @Argument(help: "A DarkScan store (.dsev, .dsrec, .dsfeat), a ROOT file, an LHE or a HepMC3 file.")
    var file: String

    @Flag(help: "Skip the statistics (reads only the header).")
    var headerOnly = false

    @Option(help: ArgumentHelp("Write every value of a ROOT, LHE or HepMC3 file as JSON to this file ('-' for standard output).",
                               valueName: "path"))
    var json: String?

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        switch try Self.kind(of: url) {
        case .store: try inspectStore(url)
        case .root: try await inspectROOT(url)
        case .lhe: try inspectLHE(url)
        case .hepmc: try inspectHepMC(url)
        }
    }

    enum Kind { case store, root, lhe, hepmc }

    static func kind(of url: URL) throws -> Kind {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let head = [UInt8]((try handle.read(upToCount: 4)) ?? Data())
        if head == Array("root".utf8) { return .root }
        switch try EventFileFormat.detect(url) {
        case .dsev: return .store
        case .lhe: return .lhe
        case .hepmc3: return .hepmc
        }
    }

    private func emit(_ bytes: [UInt8]) throws {
        guard let json else { return }
        if json == "-" {
            FileHandle.standardOutput.write(Data(bytes))
        } else {
            try Data(bytes).write(to: URL(fileURLWithPath: json))
        }
    }

    private func inspectStore(_ url: URL) throws {
        guard json == nil else { throw ValidationError("--json is for ROOT, LHE and HepMC3 files; a DarkScan store is already self-describing") }
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

    private func inspectROOT(_ url: URL) async throws {
        let root = try ROOTFile(contentsOf: url)
        if json != nil {
            try emit(try await FormatDump.root(root))
            if json == "-" { return }
        }
        let h = root.header
        print("\(root.path): ROOT file written by ROOT \(h.rootVersionString), \(h.isLarge ? "large (64-bit)" : "small (32-bit)") layout, "
              + "\(root.size) bytes, default compression \(ROOTCompression(code: h.compression)?.description ?? "code \(h.compression)")")
        for key in root.latestKeys {
            print("  \(key.path);\(key.cycle)  \(key.className)  \(key.title)")
        }
        for path in root.treePaths {
            let tree: ROOTTree
            do { tree = try root.tree(path) } catch {
                print("\ntree \(path): cannot be read: \(error)")
                continue
            }
            print("\ntree \(path) (\"\(tree.title)\", TTree version \(tree.classVersion)): \(tree.entries) entries, \(tree.branches.count) branches")
            var table = Table(title: "branches", columns: [Table.Column("name"), Table.Column("type"), Table.Column("entries"),
                                                           Table.Column("baskets"), Table.Column("compression"), Table.Column("bytes"),
                                                           Table.Column("stored"), Table.Column("readable")])
            for b in tree.branches {
                try table.append([.text(b.name), .text(b.typeDescription), .text("\(b.entries)"),
                                  .text("\(b.baskets.count)\(b.embeddedBaskets > 0 ? " + \(b.embeddedBaskets) embedded" : "")"),
                                  .text(tree.basketCompression(of: b) ?? "-"), .text("\(b.totalBytes)"), .text("\(b.zipBytes)"),
                                  .text(b.unsupportedReason == nil ? "yes" : "no")])
            }
            print(table.renderText(), terminator: "")
            for b in tree.branches { if let why = b.unsupportedReason { print("  \(b.name): \(why)") } }
        }
    }

    private func inspectLHE(_ url: URL) throws {
        let lhe = try LHEFile.read(from: url)
        if json != nil {
            try emit(try FormatDump.lhe(lhe, path: url.path))
            if json == "-" { return }
        }
        let i = lhe.initialization
        print("\(url.path): LHE version \(lhe.version), \(lhe.events.count) events")
        print("  beams: \(i.beamIDs.map(String.init).joined(separator: " + ")) at \(i.beamEnergies.map { "\($0)" }.joined(separator: " + ")) GeV, "
              + "PDF groups \(i.pdfGroups) sets \(i.pdfSets), IDWTUP \(i.weightingStrategy)")
        for p in i.processes {
            print("  process \(p.id): sigma = \(p.crossSection) +- \(p.crossSectionError) pb, max weight \(p.maxWeight)")
        }
        if !lhe.weightNames.isEmpty { print("  alternative weights: \(lhe.weightNames.joined(separator: ", "))") }
        let weights = lhe.events.map(\.weight)
        print("  XWGTUP: sum \(weights.reduce(0, +)), min \(weights.min() ?? 0), max \(weights.max() ?? 0)")
        Self.printParticleContent(lhe.events.flatMap { $0.particles.map { ($0.pdg, $0.status) } }, events: lhe.events.count)
    }

    private func inspectHepMC(_ url: URL) throws {
        let hepmc = try HepMCFile.read(from: url)
        if json != nil {
            try emit(try FormatDump.hepmc(hepmc, path: url.path))
            if json == "-" { return }
        }
        print("\(url.path): HepMC3 ASCII (version \(hepmc.version)), \(hepmc.events.count) events")
        if !hepmc.weightNames.isEmpty { print("  weights: \(hepmc.weightNames.joined(separator: ", "))") }
        for t in hepmc.tools { print("  tool: \(t)") }
        for a in hepmc.runAttributes { print("  \(a.name): \(a.value.prefix(200))") }
        if let units = hepmc.events.first.map({ "\($0.momentumUnit) \($0.lengthUnit)" }) { print("  units: \(units)") }
        if let xs = hepmc.events.last?.crossSection { print("  cross section (last event): \(xs.value) +- \(xs.error) pb") }
        Self.printParticleContent(hepmc.events.flatMap { $0.particles.map { ($0.pdg, $0.status) } }, events: hepmc.events.count)
    }

    /// A table of the particle species with their counts by status.
    static func printParticleContent(_ particles: [(pdg: Int, status: Int)], events: Int) {
        var counts: [Int: [Int: Int]] = [:]
        for p in particles { counts[p.pdg, default: [:]][p.status, default: 0] += 1 }
        print("  particles: \(particles.count) in \(events) events")
        let total = { (c: [Int: Int]) in c.values.reduce(0, +) }
        for (pdg, byStatus) in counts.sorted(by: { total($0.value) != total($1.value) ? total($0.value) > total($1.value) : $0.key < $1.key }) {
            let detail = byStatus.sorted { $0.key < $1.key }.map { "status \($0.key): \($0.value)" }.joined(separator: ", ")
            print("    PDG \(pdg): \(byStatus.values.reduce(0, +)) (\(detail))")
        }
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
