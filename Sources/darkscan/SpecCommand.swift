import ArgumentParser
import Foundation
import Pipeline

/// `darkscan spec`: the embedded default analysis spec, and validation of spec files.
struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Print the default analysis spec, or check a spec file.",
        discussion: """
            A spec is YAML (format version \(AnalysisSpec.formatVersion)); it overrides any subset of the default's keys, and \
            unknown keys are rejected with their path. `darkscan spec --default > my.yaml` gives a documented starting point.
            """
    )

    @Flag(name: .customLong("default"), help: "Print the embedded default spec (every key, with its meaning, unit and range).")
    var printDefault = false

    @Option(help: ArgumentHelp("Check a spec file: parse it, reject unknown keys, check every value.", valueName: "file"))
    var check: String?

    @Flag(help: "With --check: print the full spec (the file merged over the defaults).")
    var full = false

    mutating func validate() throws {
        guard printDefault != (check != nil) else { throw ValidationError("give either --default or --check FILE") }
        if full && check == nil { throw ValidationError("--full goes with --check FILE") }
    }

    func run() throws {
        if printDefault {
            print(try AnalysisSpec.defaultText(), terminator: "")
            return
        }
        guard let check else { return }
        do {
            let spec = try AnalysisSpec.load(contentsOf: URL(fileURLWithPath: check))
            if full {
                print(spec.yaml(), terminator: "")
            } else {
                print("\(check): valid (format version \(spec.version), \(spec.signal.masses.count) masses, \(spec.backgrounds.count) background processes)")
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(65)
        }
    }
}
