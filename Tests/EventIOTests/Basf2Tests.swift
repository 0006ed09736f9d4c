import Foundation
import Testing
@testable import EventIO

@Suite("basf2 ntuples")
struct Basf2Tests {
    @Test("ROOT-compatible names as basf2 makes them")
    func rootNames() {
        #expect(Basf2ColumnMap.rootCompatible("useCMSFrame(E)") == "useCMSFrame__boE__bc")
        #expect(Basf2ColumnMap.rootCompatible("daughterAngle(0, 1)") == "daughterAngle__bo0__cm__sp1__bc")
        #expect(Basf2ColumnMap.rootCompatible("muonID") == "muonID")
    }

    @Test("the built-in Z' map loads and maps daughters through their prefixes")
    func defaultMap() throws {
        let map = try Basf2ColumnMap.zPrimeDefault()
        #expect(map.tree == "variables")
        let names = map.outputNames
        #expect(names.contains { $0.name == "dimuonEnergyCMS" && $0.candidates == ["useCMSFrame(E)", "useCMSFrame__boE__bc"] })
        #expect(names.contains { $0.name == "muonPlusPx" && $0.candidates.first == "mu1_px" })
        #expect(names.contains { $0.name == "muonMinusMuonID" && $0.candidates.first == "mu2_muonID" })
    }

    @Test("a basf2-style ntuple read into a feature table with DarkScan names")
    func readNtuple() async throws {
        try await withTemporaryDirectoryAsync { dir in
            let url = dir.appendingPathComponent("ntuple.root")
            let n = 5
            try await ROOTTreeWriter(treeName: "variables").write([
                .init(name: "useCMSFrame__boE__bc", values: .float64((0..<n).map { 5 + Double($0) })),
                .init(name: "M", values: .float32((0..<n).map { Float($0) })),
                .init(name: "mu1_px", values: .float64((0..<n).map { 0.5 * Double($0) })),
                .init(name: "mu2_px", values: .float64((0..<n).map { -0.5 * Double($0) })),
                .init(name: "mu1_muonID", values: .float32([0.9, 0.8, 1, 0.5, 0])),
                .init(name: "mu1_charge", values: .int32([1, 1, 1, 1, 1])),
                .init(name: "__weight__", values: .float64([1, 2, 3, 4, 5])),
            ], to: url)
            var map = try Basf2ColumnMap.zPrimeDefault()
            map.weight = "__weight__"
            let ntuple = try await map.read(ntupleAt: url)
            #expect(ntuple.entries == n)
            #expect(ntuple.store.kind == "feature-table")
            #expect(ntuple.store.values("weights", as: Double.self) == [1, 2, 3, 4, 5])
            #expect(ntuple.store.values("dimuonEnergyCMS", as: Double.self) == [5, 6, 7, 8, 9])
            #expect(ntuple.store.values("dimuonMass", as: Double.self) == [0, 1, 2, 3, 4])
            #expect(ntuple.store.values("muonMinusPx", as: Double.self) == [0, -0.5, -1, -1.5, -2])
            #expect(ntuple.store.values("muonPlusMuonID", as: Double.self)?[0] == Double(Float(0.9)))
            #expect(ntuple.store["muonPlusCharge"] != nil)
            #expect(ntuple.missing.contains("thrust") && ntuple.missing.contains("muonMinusMuonID"))
            await #expect(throws: EventIOError.self) { try await map.read(ntupleAt: url, requireAll: true) }
            try ntuple.store.write(to: dir.appendingPathComponent("features.dsfeat"))
        }
    }

    @Test("malformed maps are refused with the source named")
    func badMaps() {
        #expect(throws: EventIOError.self) { try Basf2ColumnMap.parse(yaml: "version: 2\ncolumns: []\n", source: "m.yaml") }
        #expect(throws: EventIOError.self) { try Basf2ColumnMap.parse(yaml: "version: 1\ncolumns: [{basf2: a, name: x}, {basf2: b, name: x}]\n", source: "m.yaml") }
        #expect(throws: EventIOError.self) { try Basf2ColumnMap.parse(yaml: "version: [\n", source: "m.yaml") }
    }
}
