/// Writes a `JSONValue` as compact UTF-8 JSON (RFC 8259) with deterministic output: object keys
/// sorted, no whitespace, integers in decimal, doubles in Swift's shortest round-trip form (which
/// always contains a `.` or an exponent, so they read back as doubles), strings with `"`, `\` and
/// control characters escaped and everything else (including `/` and non-ASCII) written as is.
/// Values the format cannot hold are refused: NaN and infinities (JSON has none), and nesting
/// deeper than `JSONParser.maximumDepth` (which the parser would refuse to read back).
struct JSONSerializer {
    /// Thrown for a value that cannot be written, with its path ("$.metadata.x[2]").
    struct Unrepresentable: Error {
        var path: String
        var reason: String
    }

    private(set) var bytes: [UInt8] = []

    /// The UTF-8 JSON text of `value`.
    static func serialize(_ value: JSONValue) throws(Unrepresentable) -> [UInt8] {
        var serializer = JSONSerializer()
        try serializer.write(value, path: "$", depth: 0)
        return serializer.bytes
    }

    mutating func write(_ value: JSONValue, path: String, depth: Int) throws(Unrepresentable) {
        guard depth < JSONParser.maximumDepth else {
            throw Unrepresentable(path: path, reason: "nested deeper than \(JSONParser.maximumDepth) levels")
        }
        switch value {
        case .null: bytes += Array("null".utf8)
        case .bool(let b): bytes += Array((b ? "true" : "false").utf8)
        case .int(let i): bytes += Array(String(i).utf8)
        case .uint(let u): bytes += Array(String(u).utf8)
        case .double(let d):
            guard d.isFinite else {
                throw Unrepresentable(path: path, reason: "is not a finite number (JSON has no NaN or infinity)")
            }
            bytes += Array(d.description.utf8)
        case .string(let s): writeString(s)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(element, path: "\(path)[\(i)]", depth: depth + 1)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                if let member = members[key] { try write(member, path: "\(path).\(key)", depth: depth + 1) }
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
