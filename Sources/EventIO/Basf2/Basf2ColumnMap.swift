import Foundation
import HEPCore
import Yams

/// A map from basf2 variable names to DarkScan column names, for reading basf2 ntuples (flat
/// TTrees written by `modularAnalysis.variablesToNtuple`, one row per candidate or event) as
/// DarkScan feature tables. The YAML form (see the built-in ``zPrimeDefault()``):
///
/// ```yaml
/// version: 1
/// tree: variables            # the ntuple's tree
/// weight: null               # the basf2 variable with the per-row weight in pb, or null (weight 1)
/// columns:                   # variables of the candidate (or event)
///   - {basf2: "useCMSFrame(E)", name: dimuonEnergyCMS, unit: GeV, description: "..."}
/// daughters:                 # variables of daughters, read through aliases PREFIX_VARIABLE
///   prefixes: {mu1: muonPlus, mu2: muonMinus}
///   variables:
///     - {basf2: px, name: Px, unit: GeV}   # mu1_px -> muonPlusPx, mu2_px -> muonMinusPx
/// ```
///
/// basf2 stores a variable under its "ROOT-compatible" name (`Variable::makeROOTCompatible`,
/// see ``rootCompatible(_:)``): a candidate column is looked for as NAME, then ROOTNAME; a
/// daughter column as PREFIX_NAME, then PREFIX_ROOTNAME.
public struct Basf2ColumnMap: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var basf2: String
        public var name: String
        public var unit: String?
        public var description: String?
    }

    public struct Daughters: Sendable, Equatable, Codable {
        /// basf2 alias prefix -> DarkScan prefix.
        public var prefixes: [String: String]
        public var variables: [Entry]
    }

    public var version: Int
    public var tree: String?
    public var weight: String?
    public var columns: [Entry]
    public var daughters: Daughters?

    /// Parses the YAML form; `source` names it in errors.
    public static func parse(yaml: String, source: String) throws(EventIOError) -> Basf2ColumnMap {
        let map: Basf2ColumnMap
        do {
            map = try YAMLDecoder().decode(Basf2ColumnMap.self, from: yaml)
        } catch {
            throw .malformedFile(path: source, format: "YAML column map", place: "the document", reason: "\(error)")
        }
        guard map.version == 1 else {
            throw .unsupportedContent(path: source, format: "YAML column map", place: "version", reason: "version \(map.version); this DarkScan reads version 1")
        }
        var names = Set<String>()
        for name in map.outputNames.map(\.name) where !names.insert(name).inserted {
            throw .malformedFile(path: source, format: "YAML column map", place: "columns", reason: "DarkScan name '\(name)' appears twice")
        }
        return map
    }

    /// Reads a map from a YAML file.
    public static func load(from url: URL) throws(EventIOError) -> Basf2ColumnMap {
        let file = try ReadOnlyFile(url: url)
        defer { file.close() }
        return try parse(yaml: String(decoding: try file.read(count: file.size, at: 0), as: UTF8.self), source: file.path)
    }

    /// The built-in map of the Z' -> invisible search (resource zprime-basf2-columns.yaml).
    public static func zPrimeDefault() throws(EventIOError) -> Basf2ColumnMap {
        guard let url = Bundle.module.url(forResource: "zprime-basf2-columns", withExtension: "yaml") else {
            throw .fileNotFound(path: "zprime-basf2-columns.yaml (EventIO resource)")
        }
        return try load(from: url)
    }

    /// Every output column: DarkScan name, the branch names to try, unit and description.
    public var outputNames: [(name: String, candidates: [String], unit: String?, description: String)] {
        var out: [(String, [String], String?, String)] = []
        for e in columns {
            out.append((e.name, [e.basf2, Self.rootCompatible(e.basf2)], e.unit, e.description ?? "basf2 \(e.basf2)"))
        }
        if let d = daughters {
            for (prefix, renamed) in d.prefixes.sorted(by: { $0.key < $1.key }) {
                for e in d.variables {
                    out.append((renamed + e.name, [prefix + "_" + e.basf2, prefix + "_" + Self.rootCompatible(e.basf2)], e.unit,
                                (e.description ?? e.basf2) + " of \(prefix)"))
                }
            }
        }
        return out
    }

    /// basf2's `Variable::makeROOTCompatible` (framework/utilities): each character that ROOT
    /// branch names cannot hold becomes a two-letter code between "__" and nothing:
    /// space __sp, "," __cm, ":" __cl, "=" __eq, "<" __st, ">" __gt, "." __pt, "+" __pl,
    /// "-" __mi, "(" __bo, ")" __bc, "{" __co, "}" __cc, "[" __so, "]" __sc, "`" __to,
    /// "^" __ha, "$" __do, "%" __pr, "!" __em, "?" __qm, ";" __sm, "#" __hs, "*" __mu,
    /// "/" __sl, "\" __bs, "'" __sq, "&" __am, "@" __at, "|" __bl, "~" __tl, "\"" __dq.
    public static func rootCompatible(_ name: String) -> String {
        let codes: [Character: String] = [
            " ": "__sp", ",": "__cm", ":": "__cl", "=": "__eq", "<": "__st", ">": "__gt", ".": "__pt", "+": "__pl", "-": "__mi",
            "(": "__bo", ")": "__bc", "{": "__co", "}": "__cc", "[": "__so", "]": "__sc", "`": "__to", "^": "__ha", "$": "__do",
            "%": "__pr", "!": "__em", "?": "__qm", ";": "__sm", "#": "__hs", "*": "__mu", "/": "__sl", "\\": "__bs", "'": "__sq",
            "&": "__am", "@": "__at", "|": "__bl", "~": "__tl", "\"": "__dq",
        ]
        return name.reduce(into: "") { out, c in out += codes[c] ?? String(c) }
    }
}

/// A basf2 ntuple read through a ``Basf2ColumnMap``.
public struct Basf2Ntuple: Sendable {
    /// A feature table (kind "feature-table": weights, eventIndex and one f64 column per mapped
    /// variable found), readable by Features' `FeatureTable.read` once written.
    public var store: ColumnStore
    /// The DarkScan names whose basf2 branches the ntuple does not have.
    public var missing: [String]
    public var entries: Int
}

extension Basf2ColumnMap {
    /// Reads the basf2 ntuple at `url` (tree `tree`, else the map's tree, else the file's only
    /// tree) into a feature table with the mapped names. Mapped branches that are absent are
    /// listed in ``Basf2Ntuple/missing`` (or refused when `requireAll`); the mapped branches must
    /// be scalars of basic types.
    public func read(ntupleAt url: URL, tree: String? = nil, requireAll: Bool = false) async throws(EventIOError) -> Basf2Ntuple {
        let plan = try plan(url, tree: tree, requireAll: requireAll)
        let columns = try await plan.tree.read(plan.branches)
        return try assemble(plan, columns, url: url)
    }

    /// What to read: the tree, the branch of each mapped name found, the names not found.
    struct Plan {
        var tree: ROOTTree
        var wanted: [(name: String, branch: String, unit: String?, description: String)]
        var missing: [String]
        var branches: [String]
    }

    func plan(_ url: URL, tree: String?, requireAll: Bool) throws(EventIOError) -> Plan {
        let file = try ROOTFile(contentsOf: url)
        let name = tree ?? self.tree.flatMap { t in file.treePaths.contains(t) ? t : nil }
        let t = try file.tree(name)
        let available = Set(t.branches.map(\.name))
        var wanted: [(name: String, branch: String, unit: String?, description: String)] = []
        var missing: [String] = []
        for o in outputNames {
            if let branch = o.candidates.first(where: { available.contains($0) }) {
                wanted.append((o.name, branch, o.unit, o.description))
            } else {
                missing.append(o.name)
            }
        }
        if requireAll, let first = missing.first {
            throw .objectNotFound(path: file.path, name: "basf2 variable for '\(first)' (and \(missing.count - 1) more)", available: t.branches.map(\.name))
        }
        var branches = wanted.map(\.branch)
        if let weight { branches.append(weight) }
        return Plan(tree: t, wanted: wanted, missing: missing, branches: Array(Set(branches)).sorted())
    }

    func assemble(_ plan: Plan, _ columns: [ROOTColumn], url: URL) throws(EventIOError) -> Basf2Ntuple {
        let t = plan.tree
        var byName: [String: ROOTColumn] = [:]
        for c in columns {
            guard c.shape == .scalar else {
                throw .unsupportedContent(path: url.path(percentEncoded: false), format: "ROOT", place: "branch '\(c.name)'",
                                          reason: "a basf2 variable must be a scalar, this is \(c.type.cppName)\(c.shape)")
            }
            byName[c.name] = c
        }
        let n = Int(t.entries)
        var weights = [Double](repeating: 1, count: n)
        if let weight, let column = byName[weight] { weights = column.values.doubles }
        let generator = SampleMetadata(process: "basf2 ntuple \(t.path) of \(url.lastPathComponent)", processKey: "basf2", collider: "unknown",
                                       frame: "lab", crossSectionPicobarn: weights.reduce(0, +), crossSectionErrorPicobarn: 0,
                                       eventsTried: n, eventsKept: n, weighted: weight != nil, seed: 0,
                                       settings: ["source": url.path(percentEncoded: false), "tree": t.path])
        let generatorJSON = try JSONValue(encoding: generator)
        var out = [Column(name: "weights", unit: "pb", description: "event weight", values: weights),
                   Column(name: "eventIndex", description: "row of the basf2 ntuple", values: (0..<Int64(n)).map { $0 })]
        for w in plan.wanted {
            guard let c = byName[w.branch] else { continue }
            out.append(Column(name: w.name, unit: w.unit, description: "\(w.description) (basf2 branch \(w.branch))", values: c.values.doubles))
        }
        let store = ColumnStore(kind: "feature-table", metadata: [
            "generator": generatorJSON, "card": .string("basf2"), "preselection": .string("basf2 ntuple \(t.path)"),
            "eventsSeen": .int(Int64(n)),
        ], columns: out)
        return Basf2Ntuple(store: store, missing: plan.missing, entries: n)
    }
}
