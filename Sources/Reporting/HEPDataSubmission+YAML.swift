import Foundation

extension HEPDataSubmission {
    /// One document of `submission.yaml` describing a table.
    static func submissionDocument(_ t: DataTable, dataFile: String) -> String {
        var out = "name: \(YAML.scalar(t.name))\n"
        out += "description: \(YAML.scalar(t.description))\n"
        let present = keywordNames.filter { t.keywords[$0] != nil }
        out += present.isEmpty ? "keywords: []\n" : "keywords:\n"
        for name in present {
            let values = (t.keywords[name] ?? []).map { value in
                if name == "cmenergies", let number = Double(value), number.isFinite { return YAML.number(number) }
                return YAML.scalar(value)
            }
            out += "- name: \(name)\n  values: [\(values.joined(separator: ", "))]\n"
        }
        return out + "data_file: \(YAML.scalar(dataFile))\n"
    }

    /// The data file of a table: the independent variable, then the dependent ones.
    static func dataFile(_ t: DataTable) -> String {
        var out = "independent_variables:\n" + header(t.independent)
        out += values(t.independent)
        out += "dependent_variables:\n"
        for variable in t.dependents {
            out += header(variable)
            if !variable.qualifiers.isEmpty {
                out += "  qualifiers:\n"
                for (name, value) in variable.qualifiers {
                    out += "  - {name: \(YAML.scalar(name)), value: \(YAML.scalar(value))}\n"
                }
            }
            out += values(variable)
        }
        return out
    }

    /// `- header: {name, units}` (units left out when empty).
    private static func header(_ v: Variable) -> String {
        let units = v.units.isEmpty ? "" : ", units: \(YAML.scalar(v.units))"
        return "- header: {name: \(YAML.scalar(v.name))\(units)}\n"
    }

    /// The `values` list, each with its asymmetric error unless both offsets are zero.
    private static func values(_ v: Variable) -> String {
        guard !v.values.isEmpty else { return "  values: []\n" }
        var out = "  values:\n"
        for (i, value) in v.values.enumerated() {
            out += "  - value: \(YAML.number(value))\n"
            guard let error = v.errors?[i], error.plus != 0 || error.minus != 0 else { continue }
            out += "    errors:\n"
            out += "    - asymerror: {plus: \(YAML.number(error.plus)), minus: \(YAML.number(error.minus))}\n"
            if !error.label.isEmpty { out += "      label: \(YAML.scalar(error.label))\n" }
        }
        return out
    }
}

/// Hand-written YAML scalars, safe in block and flow context and for YAML 1.1 and 1.2 readers.
enum YAML {
    /// Words YAML 1.1 reads as booleans or null when unquoted.
    private static let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]

    /// Characters allowed inside an unquoted scalar (after a leading ASCII letter).
    private static let plainCharacters = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.()/+-*'=<>")

    /// A string as an unquoted scalar when that is unambiguous (ASCII letter first, then letters,
    /// digits, spaces and `_.()/+-*'=<>`, no trailing space, not a YAML 1.1 boolean or null word),
    /// otherwise double-quoted with backslash escapes; non-ASCII characters are escaped (`\u03c3`),
    /// so the files are plain ASCII.
    static func scalar(_ s: String) -> String {
        if let first = s.unicodeScalars.first, first.isASCII, CharacterSet.letters.contains(first),
           s.unicodeScalars.allSatisfy({ $0.isASCII && plainCharacters.contains($0) }),
           s.last != " ", !reserved.contains(s.lowercased()) {
            return s
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value >= 0x20, scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    out += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return out + "\""
    }

    /// A finite number in Swift's shortest round-trip form with a decimal point in the mantissa
    /// ("1.0e-07", not "1e-07", which YAML 1.1 reads as a string).
    static func number(_ x: Double) -> String {
        var s = "\(x)"
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), !s[..<e].contains(".") {
            s.insert(contentsOf: ".0", at: e)
        }
        return s
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let h = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - h.count)) + h
    }
}
