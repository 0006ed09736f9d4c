import ArgumentParser
import SnapshotTesting
import Testing
@testable import darkscan

/// Golden `--help` output of the command and its subcommands, at a fixed width of 100 columns.
@Suite("CLI help golden output")
struct HelpSnapshotTests {
    @Test("darkscan --help")
    func root() {
        assertSnapshot(of: DarkScan.helpMessage(columns: 100), as: .lines)
    }

    @Test("darkscan model --help")
    func model() {
        assertSnapshot(of: DarkScan.helpMessage(for: ModelCommand.self, columns: 100), as: .lines)
    }

    @Test("darkscan gm2-band --help")
    func band() {
        assertSnapshot(of: DarkScan.helpMessage(for: Gm2BandCommand.self, columns: 100), as: .lines)
    }

    @Test("darkscan xsec --help")
    func xsec() {
        assertSnapshot(of: DarkScan.helpMessage(for: XsecCommand.self, columns: 100), as: .lines)
    }

    @Test("darkscan generate --help")
    func generate() {
        assertSnapshot(of: DarkScan.helpMessage(for: GenerateCommand.self, columns: 100), as: .lines)
    }

    @Test("darkscan limits --help")
    func limits() {
        assertSnapshot(of: DarkScan.helpMessage(for: LimitsCommand.self, columns: 100), as: .lines)
    }
}
