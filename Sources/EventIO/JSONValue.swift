/// A JSON value, as stored in a DarkScan store's header (the `metadata` object).
///
/// Numbers keep the distinction the text makes: a literal without fraction or exponent is an
/// integer (`.int` when it fits in Int64, `.uint` when it only fits in UInt64, e.g. a 64-bit
/// seed), anything else is a `.double`. So integers up to 2^64 - 1 survive a round trip exactly,
/// and a double written as `1.0` reads back as `.double(1.0)`, not as an integer.
/// JSON has no NaN or infinity: writing a store whose metadata holds one is an error.
///
/// Equality is structural: `.int(1) != .double(1)`. Objects are unordered; when written, their
/// keys are sorted (Swift `String` order), so equal values give identical bytes.
public enum JSONValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as a Double if it is a number (integers above 2^53 are rounded).
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .uint(let u): Double(u)
        case .double(let d): d
        default: nil
        }
    }

    /// The value as a UInt64 if it is a non-negative integer literal.
    public var uint64Value: UInt64? {
        switch self {
        case .int(let i): i >= 0 ? UInt64(i) : nil
        case .uint(let u): u
        default: nil
        }
    }

    /// The object's members, if this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The member `key` of an object (nil for a missing key or a non-object).
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// A short name of the value's JSON type, for messages ("string", "object", ...).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .uint: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
