import HEPCore
import Testing

@Suite("Mass grids")
struct MassGridTests {
    @Test("Log and linear grids hit their ends and spacing")
    func grids() throws {
        let log = try MassGrid(parsing: "0.01:10:4", spacing: .log)
        #expect(log.masses == [0.01, 0.1, 1, 10])
        let lin = try MassGrid(parsing: "1:2:5", spacing: .linear)
        #expect(lin.masses == [1, 1.25, 1.5, 1.75, 2])
        #expect(try MassGrid(start: 3, stop: 3, count: 1, spacing: .log).masses == [3])
        #expect(log.summary == "4 masses from 0.01 to 10.0 GeV, log-spaced")
    }

    @Test("Malformed or unphysical grids are refused", arguments: ["1:2", "a:2:3", "0:1:3", "-1:1:3", "2:1:3", "1:2:0", "1:1:3", "nan:1:3", "1:inf:3"])
    func refused(text: String) {
        #expect(throws: HEPCoreError.self) { try MassGrid(parsing: text, spacing: .log) }
    }
}
