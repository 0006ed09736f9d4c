import Foundation
import Reporting
import Testing

@Suite("HEPData export")
struct HEPDataSubmissionTests {
    func submission(observed: [Double] = [2.1e-4, 3.5e-4, 1e-3]) -> HEPDataSubmission {
        var s = HEPDataSubmission(comment: "DarkScan: search for Z' -> invisible, Belle 977 fb^-1 # simulation")
        s.addTable(
            name: "Upper limits on g'", description: "90% CL upper limits on the coupling: observed and expected.",
            keywords: ["observables": ["g'"], "reactions": ["E+ E- --> MU+ MU- Z'"], "cmenergies": ["10.58"]],
            independent: (name: "m_{Z'}", units: "GeV", values: [0.1, 1, 8]),
            dependents: [
                (name: "Observed limit on g'", units: "", qualifiers: [("CL", "90%"), ("SQRT(S)", "10.58 GeV")],
                 values: observed, asymmetricErrors: nil),
                (name: "Expected limit on g'", units: "", qualifiers: [("CL", "90%")], values: [2e-4, 3e-4, 9e-4],
                 asymmetricErrors: [(plus: 1e-4, minus: -5e-5, label: "expected 1 sigma"),
                                    (plus: 1e-4, minus: -5e-5, label: "expected 1 sigma"),
                                    (plus: 0, minus: 0, label: "expected 1 sigma")]),
            ]
        )
        return s
    }

    @Test("A 3-point table gives submission.yaml and one data file with the expected keys")
    func files() throws {
        let files = try submission().files()
        #expect(files.map(\.name) == ["submission.yaml", "upper_limits_on_g.yaml"])
        let submission = files[0].contents
        #expect(submission.hasPrefix("---\ncomment: \"DarkScan: search for Z' -> invisible, Belle 977 fb^-1 # simulation\"\n---\n"))
        #expect(submission.contains("name: Upper limits on g'\n"))
        #expect(submission.contains("- name: reactions\n  values: [E+ E- --> MU+ MU- Z']\n"))
        #expect(submission.contains("- name: cmenergies\n  values: [10.58]\n"))
        #expect(submission.contains("data_file: upper_limits_on_g.yaml\n"))
        let data = files[1].contents
        #expect(data.hasPrefix("independent_variables:\n- header: {name: \"m_{Z'}\", units: GeV}\n  values:\n  - value: 0.1\n"))
        #expect(data.contains("dependent_variables:\n- header: {name: Observed limit on g'}\n  qualifiers:\n  - {name: CL, value: \"90%\"}\n"))
        #expect(data.contains("  - value: 0.00021\n"))
        #expect(data.contains("  - value: 0.0002\n    errors:\n    - asymerror: {plus: 0.0001, minus: -5.0e-05}\n      label: expected 1 sigma\n"))
        #expect(data.components(separatedBy: "asymerror").count == 3)
        #expect(data.components(separatedBy: "- value:").count == 10)
    }

    @Test("NaN values, mismatched lengths, unknown keywords and duplicate names throw")
    func errors() {
        #expect(throws: ReportingError.hepdataNonFinite(table: "Upper limits on g'", variable: "Observed limit on g'", index: 1)) {
            try submission(observed: [1e-4, .nan, 1e-3]).files()
        }
        #expect(throws: ReportingError.hepdataLength(table: "Upper limits on g'", variable: "Observed limit on g'", expected: 3, got: 2)) {
            try submission(observed: [1e-4, 1e-3]).files()
        }
        var s = HEPDataSubmission(comment: "")
        s.addTable(name: "t", description: "d", keywords: ["energy": ["10.58"]], independent: (name: "x", units: "", values: [1]),
                   dependents: [(name: "y", units: "", qualifiers: [], values: [1], asymmetricErrors: nil)])
        #expect(throws: ReportingError.self) { try s.files() }
        var duplicate = submission()
        duplicate.addTable(name: "Upper limits on g'", description: "again", keywords: [:], independent: (name: "x", units: "", values: [1]),
                           dependents: [(name: "y", units: "", qualifiers: [], values: [1], asymmetricErrors: nil)])
        #expect(throws: ReportingError.hepdataTable(name: "Upper limits on g'", reason: "is a duplicate table name")) {
            try duplicate.files()
        }
    }

    @Test("Table names become unique, safe file names; odd strings are quoted")
    func namesAndQuoting() throws {
        var s = HEPDataSubmission(comment: "")
        for name in ["Limit (a)", "Limit: a", "σ"] {
            s.addTable(name: name, description: "yes", keywords: ["phrases": ["true", "Dark Sector"]],
                       independent: (name: "x", units: "", values: [1e-7]),
                       dependents: [(name: "y", units: "", qualifiers: [], values: [1e20], asymmetricErrors: nil)])
        }
        let files = try s.files()
        #expect(files.map(\.name) == ["submission.yaml", "limit_a.yaml", "limit_a_2.yaml", "table.yaml"])
        #expect(files[0].contents.hasPrefix("---\nname: Limit (a)\ndescription: \"yes\"\n"))
        #expect(files[0].contents.contains("name: \"Limit: a\"\n"))
        #expect(files[0].contents.contains("name: \"\\u03c3\"\n"))
        #expect(files[0].contents.contains("values: [\"true\", Dark Sector]"))
        #expect(files[1].contents.contains("value: 1.0e-07\n"))
        #expect(files[1].contents.contains("value: 1.0e+20\n"))
    }

    /// Writes the sample submission to $DARKSCAN_HEPDATA_DIR (kept, for
    /// `python3 Validation/hepdata/validate.py DIR`) or to a temporary directory (removed).
    @Test("The files can be written to a directory")
    func writes() throws {
        let keep = ProcessInfo.processInfo.environment["DARKSCAN_HEPDATA_DIR"]
        let directory = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-hepdata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        for file in try submission().files() {
            try file.contents.write(to: directory.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(written.contains("submission.yaml") && written.contains("upper_limits_on_g.yaml"))
    }
}
