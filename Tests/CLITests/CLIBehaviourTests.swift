import ArgumentParser
import Foundation
import Testing
@testable import darkscan

/// Parsing and validation of the subcommands, and the real executable's exit codes.
@Suite("CLI behaviour")
struct CLIBehaviourTests {
    @Test("Bad input is a usage error (exit code 64) with a message naming the problem",
          arguments: [
              (["model", "--mass=-1"], "--mass must be a finite mass in GeV greater than 0"),
              (["model", "--mass", "1", "--coupling", "4"], "g' = 4.0 is not allowed"),
              (["model", "--coupling=0"], "g' = 0.0 is not allowed"),
              (["model", "--scenario", "dark"], "The value 'dark' is invalid for '--scenario <scenario>'"),
              (["model", "--mass-scan", "1:2"], "cannot read mass scan from '1:2'"),
              (["model", "--mass", "1", "--mass-scan", "1:2:3"], "either --mass or --mass-scan"),
              (["model", "--collider", "lep"], "--collider"),
              (["model", "--mass", "nan"], "--mass must be a finite mass"),
              (["gm2-band", "--input", "2019"], "unknown (g-2)_mu input '2019'"),
              (["gm2-band", "--sigmas=-2"], "--sigmas must be a finite number > 0"),
              (["limits"], "give a workspace file or --spec SPEC (not both)"),
              (["limits", "ws.json", "--spec", "default"], "give a workspace file or --spec SPEC (not both)"),
              (["limits", "--spec", "default", "--calculator", "toys"], "--calculator toys applies to a workspace"),
              (["limits", "--spec", "default", "--cl", "1.5"], "--cl must be in (0, 1), got 1.5"),
              (["spec"], "give either --default or --check FILE"),
              (["spec", "--full"], "give either --default or --check FILE"),
              (["run", "--threads=-1"], "--threads must be >= 0"),
              (["optimize", "--signal", "s.dsfeat", "--minimum-signal-events=-3"], "--minimum-signal-events must be >= 0"),
          ])
    func usageErrors(arguments: [String], message: String) {
        do {
            _ = try DarkScan.parseAsRoot(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(DarkScan.exitCode(for: error) == .validationFailure)
            #expect(DarkScan.message(for: error).contains(message), "\(DarkScan.message(for: error))")
        }
    }

    @Test("Good input parses")
    func accepted() throws {
        let command = try DarkScan.parseAsRoot(["model", "--mass", "1.5", "--coupling", "1e-3", "--scenario", "vanilla"])
        #expect(command is ModelCommand)
        let band = try DarkScan.parseAsRoot(["gm2-band", "--input", "2025", "--mass-scan", "0.01:10:20", "--format", "csv"])
        #expect(band is Gm2BandCommand)
    }

    /// Runs the built `darkscan` executable, which `swift test` builds next to the test bundle.
    @Test("The executable prints tables and exits 0, or exits 64 on bad input")
    func executable() throws {
        let binary = try #require(Self.executableURL(), "darkscan executable not found next to the test bundle")
        let (ok, out, _) = try Self.run(binary, ["model", "--mass", "1.5", "--format", "csv"])
        #expect(ok == 0)
        #expect(out.contains("Gamma(Z' -> mu+ mu-) [GeV]") || out.contains("quantity,value,unit"))
        let (bad, _, err) = try Self.run(binary, ["model", "--mass=-1"])
        #expect(bad == 64)
        #expect(err.contains("--mass must be a finite mass in GeV greater than 0"))
        let (scan, scanOut, _) = try Self.run(binary, ["gm2-band", "--input", "2025", "--mass-scan", "0.01:10:3", "--format", "json"])
        #expect(scan == 0)
        #expect(scanOut.contains("upper bound on g'"))
    }

    /// `darkscan spec` prints the documented default and checks files (exit 65 with the key's path);
    /// `darkscan limits --spec` runs a tiny spec's mass scan and prints the limits.
    @Test("spec --default / --check and limits --spec through the executable")
    func specAndScan() throws {
        let binary = try #require(Self.executableURL(), "darkscan executable not found next to the test bundle")
        let (ok, text, _) = try Self.run(binary, ["spec", "--default"])
        #expect(ok == 0 && text.contains("luminosity: 977") && text.contains("# "))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try Data("version: 1\ncuts: {window-sigma: 2}\n".utf8).write(to: bad)
        let (badStatus, _, err) = try Self.run(binary, ["spec", "--check", bad.path])
        #expect(badStatus == 65)
        #expect(err.contains("unknown key 'cuts.window-sigma'"))
        let tiny = dir.appendingPathComponent("tiny.yaml")
        try Data("""
            version: 1
            luminosity: 10
            generator: {adaptation-iterations: 2, points-per-iteration: 2000, integration-points: 4000}
            signal: {masses: [2, 5], events: 300}
            backgrounds: [{process: mumumumu, events: 500}]
            scenarios: [vanilla]
            network: {enabled: false}
            cuts: {candidates: 4, restarts: 0}

            """.utf8).write(to: tiny)
        let (good, _, _) = try Self.run(binary, ["spec", "--check", tiny.path])
        #expect(good == 0)
        let (scan, out, scanErr) = try Self.run(binary, ["limits", "--spec", tiny.path, "-o", dir.appendingPathComponent("out").path])
        #expect(scan == 0, "\(scanErr)")
        #expect(out.contains("cuts, vanilla") && out.contains("2.0000e+00") && out.contains("5.0000e+00"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/pyhf/cuts/zprime_m5GeV.json").path))
    }

    static func executableURL() -> URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("darkscan")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static func run(_ binary: URL, _ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
