/// The JSON header of a store: building it for writing, and decoding and validating it.
///
/// ```json
/// {"columns":[{"byteLength":800,"count":100,"crc32":3421780262,"description":"energy",
///              "name":"e","offset":512,"type":"f64","unit":"GeV"}, ...],
///  "formatVersion":1,"kind":"event-sample","metadata":{...},
///  "provenance":{"createdAt":"2025-06-01T12:00:00Z","software":"DarkScan","version":"0.1.0"}}
/// ```
/// Keys are written sorted and without whitespace. Readers ignore keys they do not know
/// (additions that old readers may safely ignore do not change the format version); `unit` and
/// `description` may be absent or null.
enum StoreHeader {
    /// The header of a store with the given column entries.
    static func json(kind: String, metadata: [String: JSONValue], provenance: Provenance,
                     columns: [ColumnInfo]) -> JSONValue {
        .object([
            "formatVersion": .int(Int64(StoreFormat.version)),
            "kind": .string(kind),
            "metadata": .object(metadata),
            "provenance": .object([
                "software": .string(provenance.software),
                "version": .string(provenance.version),
                "createdAt": provenance.createdAt.map { .string($0) } ?? .null,
            ]),
            "columns": .array(columns.map { column in
                .object([
                    "name": .string(column.name),
                    "type": .string(column.type.rawValue),
                    "unit": column.unit.map { .string($0) } ?? .null,
                    "description": .string(column.description),
                    "count": .int(Int64(column.count)),
                    "offset": .uint(column.offset),
                    "byteLength": .uint(column.byteLength),
                    "crc32": .int(Int64(column.crc32)),
                ])
            }),
        ])
    }

    /// Decodes the header bytes of a file whose prelude is `prelude`: checksum, UTF-8 JSON, the
    /// fields and their types, then the column layout (``StoreLayout``).
    static func decode(_ bytes: [UInt8], prelude: StoreFormat.Prelude, fileSize: UInt64,
                       path: String) throws(EventIOError) -> StoreInfo {
        let crc = CRC32.checksum(bytes)
        guard crc == prelude.headerCRC else {
            throw .headerChecksumMismatch(path: path, stored: prelude.headerCRC, computed: crc)
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw .malformedHeader(path: path, reason: "invalid JSON at byte \(error.offset) of the header: \(error.message)")
        }
        let fields = FieldReader(path: path)
        guard let top = json.objectValue else { throw fields.failure("the header is \(json.typeName), not an object") }
        let version = try fields.unsigned(top, "formatVersion", in: "the header")
        guard version == UInt64(prelude.version) else {
            throw fields.failure("formatVersion \(version) differs from the version \(prelude.version) in the prelude")
        }
        let kind = try fields.string(top, "kind", in: "the header")
        guard !kind.isEmpty else { throw fields.failure("kind is empty") }
        let metadata = try fields.object(top, "metadata", in: "the header")
        let provenanceObject = try fields.object(top, "provenance", in: "the header")
        let provenance = Provenance(
            software: try fields.string(provenanceObject, "software", in: "provenance"),
            version: try fields.string(provenanceObject, "version", in: "provenance"),
            createdAt: try fields.optionalString(provenanceObject, "createdAt", in: "provenance"))
        guard let columnValues = top["columns"]?.arrayValue else {
            throw fields.failure("'columns' is missing or not an array")
        }
        var columns: [ColumnInfo] = []
        for (index, value) in columnValues.enumerated() {
            columns.append(try fields.column(value, index: index))
        }
        let info = StoreInfo(path: path, fileSize: fileSize, formatVersion: prelude.version,
                             headerLength: prelude.headerLength, kind: kind, metadata: metadata,
                             provenance: provenance, columns: columns)
        try StoreLayout.validate(info)
        return info
    }
}

/// Reads typed fields from header objects, with messages that say where a field is missing.
private struct FieldReader {
    let path: String

    func failure(_ reason: String) -> EventIOError {
        .malformedHeader(path: path, reason: reason)
    }

    func string(_ object: [String: JSONValue], _ key: String, in place: String) throws(EventIOError) -> String {
        guard let value = object[key] else { throw failure("\(place): '\(key)' is missing") }
        guard let s = value.stringValue else { throw failure("\(place): '\(key)' is \(value.typeName), not a string") }
        return s
    }

    func optionalString(_ object: [String: JSONValue], _ key: String, in place: String) throws(EventIOError) -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard let s = value.stringValue else { throw failure("\(place): '\(key)' is \(value.typeName), not a string or null") }
        return s
    }

    func unsigned(_ object: [String: JSONValue], _ key: String, in place: String) throws(EventIOError) -> UInt64 {
        guard let value = object[key] else { throw failure("\(place): '\(key)' is missing") }
        guard let u = value.uint64Value else {
            throw failure("\(place): '\(key)' is \(value.typeName), not a non-negative integer")
        }
        return u
    }

    func object(_ object: [String: JSONValue], _ key: String, in place: String) throws(EventIOError) -> [String: JSONValue] {
        guard let value = object[key] else { throw failure("\(place): '\(key)' is missing") }
        guard let o = value.objectValue else { throw failure("\(place): '\(key)' is \(value.typeName), not an object") }
        return o
    }

    func column(_ value: JSONValue, index: Int) throws(EventIOError) -> ColumnInfo {
        guard let object = value.objectValue else { throw failure("columns[\(index)] is \(value.typeName), not an object") }
        let place = "columns[\(index)]"
        let name = try string(object, "name", in: place)
        guard !name.isEmpty else { throw failure("\(place): 'name' is empty") }
        let named = "column '\(name)'"
        let typeName = try string(object, "type", in: named)
        guard let type = ColumnType(rawValue: typeName) else {
            let known = ColumnType.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure("\(named): unknown type '\(typeName)' (known: \(known))")
        }
        let count = try unsigned(object, "count", in: named)
        guard let countInt = Int(exactly: count) else { throw failure("\(named): count \(count) is too large") }
        let crc = try unsigned(object, "crc32", in: named)
        guard let crc32 = UInt32(exactly: crc) else { throw failure("\(named): crc32 \(crc) is not a 32-bit value") }
        return ColumnInfo(name: name, type: type, unit: try optionalString(object, "unit", in: named),
                          description: try optionalString(object, "description", in: named) ?? "",
                          count: countInt, offset: try unsigned(object, "offset", in: named),
                          byteLength: try unsigned(object, "byteLength", in: named), crc32: crc32)
    }
}
