import EventIO
import Foundation
import HEPCore

/// Per-event observables as columns (struct of arrays): the events that passed a preselection, each
/// with its weight (pb) and its index in the reconstructed sample, and one Double column per feature.
public struct FeatureTable: Sendable, Equatable {
    /// One feature's definition.
    public struct Definition: Sendable, Equatable, Hashable {
        public let name: String
        public let unit: String?
        public let description: String
        public init(_ name: String, unit: String?, _ description: String) {
            self.name = name
            self.unit = unit
            self.description = description
        }
    }

    public var generator: SampleMetadata
    public var cardName: String
    /// The preselection's name and the number of events it saw.
    public var preselection: String
    public var eventsSeen: Int
    public var definitions: [Definition]
    public var weights: [Double] = []
    public var eventIndex: [Int64] = []
    public var columns: [[Double]]

    public init(generator: SampleMetadata, cardName: String, preselection: String, eventsSeen: Int, definitions: [Definition]) {
        self.generator = generator
        self.cardName = cardName
        self.preselection = preselection
        self.eventsSeen = eventsSeen
        self.definitions = definitions
        columns = Array(repeating: [], count: definitions.count)
    }

    public var count: Int { weights.count }

    /// The column of feature `name`, or nil.
    public subscript(name: String) -> [Double]? {
        definitions.firstIndex { $0.name == name }.map { columns[$0] }
    }

    /// The rows `indices` (in that order) as a table with the same metadata and definitions (only the
    /// features named in `keeping`, when given, in their order), row i's weight replaced by `weight(i)`.
    public func rows(_ indices: [Int], keeping: Set<String>? = nil, weight: (Int) -> Double) -> FeatureTable {
        let kept = definitions.indices.filter { keeping?.contains(definitions[$0].name) ?? true }
        var out = FeatureTable(generator: generator, cardName: cardName, preselection: preselection, eventsSeen: eventsSeen,
                               definitions: kept.map { definitions[$0] })
        out.weights = indices.map(weight)
        out.eventIndex = indices.map { eventIndex[$0] }
        for (o, c) in kept.enumerated() { out.columns[o] = indices.map { columns[c][$0] } }
        return out
    }

    /// Appends the rows of another table with the same definitions.
    public mutating func append(contentsOf o: FeatureTable) {
        weights += o.weights
        eventIndex += o.eventIndex
        for i in columns.indices { columns[i] += o.columns[i] }
    }

    public static let storeKind = "feature-table"

    /// The table as a DarkScan store (kind "feature-table", conventionally `.dsfeat`).
    public func columnStore() throws(EventIOError) -> ColumnStore {
        let metadata: [String: JSONValue] = [
            "generator": try JSONValue(encoding: generator), "card": .string(cardName),
            "preselection": .string(preselection), "eventsSeen": .int(Int64(eventsSeen)),
        ]
        var cols = [Column(name: "weights", unit: "pb", description: "event weight", data: .f64(weights)),
                    Column(name: "eventIndex", unit: nil, description: "index of the event in the reconstructed sample", data: .i64(eventIndex))]
        for (d, c) in zip(definitions, columns) { cols.append(Column(name: d.name, unit: d.unit, description: d.description, data: .f64(c))) }
        return ColumnStore(kind: Self.storeKind, metadata: metadata, columns: cols)
    }

    public func write(to url: URL) throws(EventIOError) { try columnStore().write(to: url) }

    /// Reads a feature table written by ``write(to:)``.
    public static func read(from url: URL) throws(EventIOError) -> FeatureTable {
        let mapped = try MappedStore(contentsOf: url)
        let path = mapped.info.path
        let store = mapped.store()
        guard store.kind == storeKind else { throw .wrongKind(path: path, expected: storeKind, found: store.kind) }
        guard let g = store.metadata["generator"], let card = store.metadata["card"]?.stringValue,
              let pre = store.metadata["preselection"]?.stringValue, let seen = store.metadata["eventsSeen"]?.doubleValue else {
            throw .invalidMetadata(path: path, reason: "a feature table needs generator, card, preselection and eventsSeen")
        }
        let featureColumns = store.columns.filter { $0.name != "weights" && $0.name != "eventIndex" }
        var t = FeatureTable(generator: try g.decoded(as: SampleMetadata.self, path: path), cardName: card, preselection: pre,
                             eventsSeen: Int(seen), definitions: featureColumns.map { Definition($0.name, unit: $0.unit, $0.description) })
        t.weights = try store.require("weights", path: path)
        t.eventIndex = try store.require("eventIndex", path: path)
        for (i, c) in featureColumns.enumerated() {
            guard let values = c.data.values(as: Double.self) else {
                throw .typeMismatch(path: path, column: c.name, stored: c.data.type, requested: .f64)
            }
            guard values.count == t.weights.count else {
                throw .inconsistentSample(path: path, column: c.name, event: nil, reason: "has \(values.count) rows for \(t.weights.count) events")
            }
            t.columns[i] = values
        }
        return t
    }
}
