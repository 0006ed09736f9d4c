import Foundation

extension JSONValue {
    /// The JSON value of an `Encodable` (encoded with sorted keys, so the result is deterministic).
    public init<T: Encodable>(encoding value: T) throws(EventIOError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            self = try JSONParser.parse(Array(try encoder.encode(value)))
        } catch {
            throw .invalidMetadata(path: "<memory>", reason: "cannot encode \(T.self) as JSON: \(error)")
        }
    }

    /// This value decoded as `T`; `path` names the store in errors.
    public func decoded<T: Decodable>(as type: T.Type, path: String) throws(EventIOError) -> T {
        do {
            let bytes = try JSONSerializer.serialize(self)
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw .invalidMetadata(path: path, reason: "not a \(T.self): \(error)")
        }
    }
}

extension ColumnStore {
    /// The values of column `name` as `T`, or an error naming the store and the column when the
    /// column is missing or has another type.
    public func require<T: ColumnElement>(_ name: String, as type: T.Type = T.self, path: String) throws(EventIOError) -> [T] {
        guard let column = self[name] else { throw .missingColumn(path: path, column: name) }
        guard let values = column.data.values(as: T.self) else {
            throw .typeMismatch(path: path, column: name, stored: column.data.type, requested: T.columnType)
        }
        return values
    }
}
