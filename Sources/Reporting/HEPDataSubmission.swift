import Foundation

/// The files of a HEPData submission (https://hepdata-submission.readthedocs.io): `submission.yaml`
/// and one YAML data file per table, ready to be zipped and uploaded.
///
/// `submission.yaml` holds one YAML document per table (`name`, `description`, `keywords`,
/// `data_file`) after a first document with the submission's `comment`. Each data file holds one
/// independent variable and any number of dependent variables with their qualifiers and, optionally,
/// one asymmetric uncertainty per point. The YAML is written by hand, every string quoted where
/// YAML would read it as something else, every number with a decimal point so that YAML 1.1
/// readers (PyYAML, which HEPData uses) read it as a float.
///
/// Tables are checked when the files are made (``files()``): every value finite, every array as long
/// as the independent variable, names non-empty, unique and at most 64 characters, keywords among
/// those HEPData knows. Checked against hepdata-validator 0.3.6 (schema 1.1.1) with
/// `Validation/hepdata/validate.py`.
public struct HEPDataSubmission: Sendable {
    /// One asymmetric uncertainty of a point: the signed offsets from the value (HEPData's
    /// convention: `plus` normally positive, `minus` normally negative) and a label such as
    /// "expected 1 sigma".
    public typealias AsymmetricError = (plus: Double, minus: Double, label: String)

    /// The keyword names the submission schema accepts, in the order they are written.
    public static let keywordNames = ["observables", "reactions", "cmenergies", "phrases"]

    struct Variable: Sendable {
        var name: String
        var units: String
        var qualifiers: [(String, String)]
        var values: [Double]
        var errors: [AsymmetricError]?
    }

    struct DataTable: Sendable {
        var name: String
        var description: String
        var keywords: [String: [String]]
        var independent: Variable
        var dependents: [Variable]
    }

    /// Information on the whole submission, written as the first document of `submission.yaml`
    /// (left out when empty).
    public var comment: String
    var tables: [DataTable] = []

    public init(comment: String) {
        self.comment = comment
    }

    /// Adds a table. `keywords` maps keyword names (``keywordNames``: observables, reactions such as
    /// `"E+ E- --> MU+ MU- Z'"`, cmenergies in GeV, phrases) to their values; cmenergies values that
    /// read as numbers are written as numbers. An asymmetric error with both offsets zero is left
    /// out (HEPData rejects all-zero uncertainties).
    public mutating func addTable(
        name: String, description: String, keywords: [String: [String]],
        independent: (name: String, units: String, values: [Double]),
        dependents: [(name: String, units: String, qualifiers: [(String, String)], values: [Double],
                      asymmetricErrors: [(plus: Double, minus: Double, label: String)]?)]
    ) {
        tables.append(DataTable(
            name: name, description: description, keywords: keywords,
            independent: Variable(name: independent.name, units: independent.units, qualifiers: [],
                                  values: independent.values, errors: nil),
            dependents: dependents.map {
                Variable(name: $0.name, units: $0.units, qualifiers: $0.qualifiers, values: $0.values,
                         errors: $0.asymmetricErrors)
            }
        ))
    }

    /// The submission's files: `submission.yaml` first, then one data file per table in the order
    /// added, named after the table (lower case letters, digits and underscores, made unique).
    public func files() throws(ReportingError) -> [(name: String, contents: String)] {
        var seen = Set<String>(), fileNames: [String] = []
        for table in tables {
            try check(table)
            guard seen.insert(table.name).inserted else { throw .hepdataTable(name: table.name, reason: "is a duplicate table name") }
            fileNames.append(Self.uniqueFileName(for: table.name, taken: fileNames))
        }
        var documents: [String] = []
        if !comment.isEmpty { documents.append("comment: \(YAML.scalar(comment))\n") }
        for (table, file) in zip(tables, fileNames) {
            documents.append(Self.submissionDocument(table, dataFile: file))
        }
        var result = [(name: "submission.yaml", contents: "---\n" + documents.joined(separator: "---\n"))]
        for (table, file) in zip(tables, fileNames) {
            result.append((name: file, contents: Self.dataFile(table)))
        }
        return result
    }

    /// The checks of one table: see the type's documentation.
    private func check(_ t: DataTable) throws(ReportingError) {
        guard !t.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .hepdataTable(name: t.name, reason: "has an empty name") }
        guard t.name.count <= 64 else { throw .hepdataTable(name: t.name, reason: "name is longer than 64 characters") }
        guard !t.dependents.isEmpty else { throw .hepdataTable(name: t.name, reason: "has no dependent variables") }
        for (keyword, values) in t.keywords {
            guard Self.keywordNames.contains(keyword) else {
                throw .hepdataKeyword(table: t.name, keyword: keyword, reason: "is not one of \(Self.keywordNames.joined(separator: ", "))")
            }
            if let long = values.first(where: { $0.count > 128 }) {
                throw .hepdataKeyword(table: t.name, keyword: keyword, reason: "has a value longer than 128 characters: '\(long.prefix(40))...'")
            }
        }
        let n = t.independent.values.count
        for variable in [t.independent] + t.dependents {
            guard variable.values.count == n else {
                throw .hepdataLength(table: t.name, variable: variable.name, expected: n, got: variable.values.count)
            }
            if let i = variable.values.firstIndex(where: { !$0.isFinite }) {
                throw .hepdataNonFinite(table: t.name, variable: variable.name, index: i)
            }
            guard let errors = variable.errors else { continue }
            guard errors.count == n else {
                throw .hepdataLength(table: t.name, variable: variable.name + " (errors)", expected: n, got: errors.count)
            }
            if let i = errors.firstIndex(where: { !$0.plus.isFinite || !$0.minus.isFinite }) {
                throw .hepdataNonFinite(table: t.name, variable: variable.name + " (errors)", index: i)
            }
        }
    }

    /// A file name from a table name: lower case ASCII letters and digits, other runs as "_", with
    /// a numeric suffix if an earlier table took the name.
    static func uniqueFileName(for name: String, taken: [String]) -> String {
        var stem = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                stem.unicodeScalars.append(scalar)
            } else if !stem.hasSuffix("_") {
                stem += "_"
            }
        }
        stem = String(stem.trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(60))
        if stem.isEmpty || stem == "submission" { stem = stem.isEmpty ? "table" : "table_submission" }
        var candidate = stem + ".yaml", k = 2
        while taken.contains(candidate) {
            candidate = "\(stem)_\(k).yaml"
            k += 1
        }
        return candidate
    }
}
