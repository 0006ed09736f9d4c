import Yams

/// Checks shared by DarkScan's YAML inputs (detector cards, analysis specs): unknown keys and
/// decoding errors reported with the path of the offending element (`network.layers[1]`).
public enum YAMLSchemaCheck {
    /// The path of the first key of `node` that `known` (the decoded value encoded again, so it holds
    /// every key the type knows) does not have; nil if there is none. Sequences are compared element
    /// by element.
    public static func firstUnknownKey(_ node: Node, known: Node, path: String = "") -> String? {
        if let mapping = node.mapping {
            let knownMapping = known.mapping
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                let childPath = path.isEmpty ? name : path + "." + name
                guard let knownValue = knownMapping?[Node(name)] else { return childPath }
                if let deeper = firstUnknownKey(value, known: knownValue, path: childPath) { return deeper }
            }
        } else if let sequence = node.sequence, let knownSequence = known.sequence {
            for (i, (a, b)) in zip(sequence, knownSequence).enumerated() {
                if let deeper = firstUnknownKey(a, known: b, path: "\(path)[\(i)]") { return deeper }
            }
        }
        return nil
    }

    /// A decoding error in words, with the path of the element (`missing key 'a.b'`, `wrong type at 'c[2]'`).
    public static func describe(_ error: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String {
            c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .keyNotFound(key, ctx): return "missing key '\(path(ctx.codingPath + [key]))'"
        case let .typeMismatch(type, ctx): return "wrong type at '\(path(ctx.codingPath))': expected \(type)"
        case let .valueNotFound(type, ctx): return "missing value at '\(path(ctx.codingPath))': expected \(type)"
        case let .dataCorrupted(ctx): return "invalid value at '\(path(ctx.codingPath))': \(ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
