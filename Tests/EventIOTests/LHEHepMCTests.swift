import Foundation
import HEPCore
import Testing
@testable import EventIO

/// The LHE and HepMC3 fixtures compared with pylhe's and pyhepmc's values (stored next to them by
/// Validation/formats/make_fixtures.py), the mapping to EventSample, and writer -> reader round trips.
@Suite("LHE and HepMC3")
struct LHEHepMCTests {
    struct ExpectedLHE: Decodable {
        struct Init: Decodable {
            var beamIDs: [String], beamEnergies: [String], pdfGroups: [String], pdfSets: [String]
            var weightingStrategy: String
            var processes: [[String]]
        }
        struct Event: Decodable { var info: [String]; var weights: [String]; var particles: [[String]] }
        var `init`: Init
        var events: [Event]
    }

    struct ExpectedHepMC: Decodable {
        struct Event: Decodable { var number: String; var units: [String]; var weights: [String]; var particles: [[String]] }
        var events: [Event]
    }

    /// Numbers written by Python's repr compared exactly (as Doubles).
    func same(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            if let i = Int(x), let j = Int(y) { return i == j }
            guard let u = Double(x), let v = Double(y) else { return x == y }
            return u.bitPattern == v.bitPattern || (u == v)
        }
    }

    @Test("LHE fixtures equal pylhe's values", arguments: ["lhe10.lhe", "lhe30.lhe.gz"])
    func lheValues(name: String) throws {
        let lhe = try LHEFile.read(from: fixtureURL(name))
        let expected = try JSONDecoder().decode(ExpectedLHE.self, from: Data(contentsOf: fixtureURL(name + ".expected.json")))
        let i = lhe.initialization
        #expect(i.beamIDs.map(String.init) == expected.`init`.beamIDs)
        #expect(same(i.beamEnergies.map { "\($0)" }, expected.`init`.beamEnergies))
        #expect("\(i.weightingStrategy)" == expected.`init`.weightingStrategy)
        #expect(i.processes.count == expected.`init`.processes.count)
        for (p, e) in zip(i.processes, expected.`init`.processes) {
            #expect(same(["\(p.crossSection)", "\(p.crossSectionError)", "\(p.maxWeight)", "\(p.id)"], e))
        }
        #expect(lhe.events.count == expected.events.count)
        for (event, e) in zip(lhe.events, expected.events) {
            #expect(same(["\(event.particles.count)", "\(event.processID)", "\(event.weight)", "\(event.scale)", "\(event.alphaQED)", "\(event.alphaQCD)"], e.info))
            #expect(same(event.weights.map { "\($0)" }, e.weights))
            for (p, q) in zip(event.particles, e.particles) {
                let row = ["\(p.pdg)", "\(p.status)"] + p.mothers.map { "\($0)" } + p.colors.map { "\($0)" }
                    + [p.px, p.py, p.pz, p.e, p.m, p.lifetime, p.spin].map { "\($0)" }
                #expect(same(row, q), "\(row) vs \(q)")
            }
        }
    }

    @Test("HepMC3 fixture equals pyhepmc's values")
    func hepmcValues() throws {
        let hepmc = try HepMCFile.read(from: fixtureURL("events.hepmc3"))
        let expected = try JSONDecoder().decode(ExpectedHepMC.self, from: Data(contentsOf: fixtureURL("events.hepmc3.expected.json")))
        #expect(hepmc.weightNames == ["nominal", "muR2"])
        #expect(hepmc.events.count == expected.events.count)
        for (event, e) in zip(hepmc.events, expected.events) {
            #expect("\(event.number)" == e.number && [event.momentumUnit, event.lengthUnit] == e.units)
            #expect(same(event.weights.map { "\($0)" }, e.weights))
            for (p, q) in zip(event.particles, e.particles) {
                #expect(same(["\(p.id)", "\(p.mother)", "\(p.pdg)"] + [p.px, p.py, p.pz, p.e, p.m].map { "\($0)" } + ["\(p.status)"], q))
            }
        }
    }

    @Test("HepMC3 to EventSample: MeV converted, mothers from vertices, weights scaled to the cross section")
    func hepmcSample() throws {
        let sample = try EventSample.read(anyFormatFrom: fixtureURL("events.hepmc3"))
        #expect(sample.count == 3)
        let event1 = sample.particles(ofEvent: 1)  // written in MeV
        #expect(abs(sample.e[event1.lowerBound] - 7.998) < 1e-12)
        #expect(Array(sample.mother[sample.particles(ofEvent: 0)]) == [-1, -1, 0, 0, 0, 4, 4])
        #expect(Array(sample.status[sample.particles(ofEvent: 0)]) == [4, 4, 1, 1, 2, 1, 1])
        #expect(abs(sample.weights.reduce(0, +) - 14.5) < 1e-12)  // the last event's GenCrossSection
    }

    @Test("LHE weights by IDWTUP: unweighted (3) events share sum(XSECUP) / N")
    func lheWeights() throws {
        let sample = try EventSample.read(anyFormatFrom: fixtureURL("lhe10.lhe"))
        #expect(sample.count == 3)
        #expect(abs(sample.weights[0] - 1123.4567 / 3) < 1e-9 && sample.weights[1] < 0)
        #expect(Array(sample.status[sample.particles(ofEvent: 0)]) == [4, 4, 1, 1])
        #expect(Array(sample.mother[sample.particles(ofEvent: 2)]) == [-1, -1, 0, 2, 2])
        let weighted = try EventSample.read(anyFormatFrom: fixtureURL("lhe30.lhe.gz"))  // IDWTUP -4: XWGTUP / N
        #expect(weighted.weights == [2.25 / 2, -0.5 / 2])
        let lhe = try LHEFile.read(from: fixtureURL("lhe30.lhe.gz"))
        #expect(lhe.weightNames == ["1001", "1002"])
        #expect(lhe.events[1].weights == [-0.5, -0.625])
        // IDWTUP 2: per-process normalisation to XSECUP.
        var two = lhe
        two.initialization.weightingStrategy = 2
        let s2 = try two.eventSample()
        #expect(s2.weights == [0.8125, 0.25 * -0.5 / -0.5])
        // Fortran exponents.
        let d = try LHEFile.parse(text: "<LesHouchesEvents version=\"1.0\">\n<init>\n11 -11 5.0D+00 5 0 0 0 0 3 1\n1 0 1 1\n</init>\n</LesHouchesEvents>\n")
        #expect(d.initialization.beamEnergies == [5, 5])
    }

    @Test("EventSample -> LHE, LHE.gz, HepMC3 -> EventSample keeps particles exactly and weights to 1e-12", arguments: ["s.lhe", "s.lhe.gz", "s.hepmc3", "s.dsev"])
    func roundTrips(name: String) throws {
        let sample = smallSample()
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent(name)
            try sample.write(anyFormatTo: url)
            let back = try EventSample.read(anyFormatFrom: url)
            #expect(back.pdg == sample.pdg && back.status == sample.status && back.mother == sample.mother)
            #expect(back.e == sample.e && back.px == sample.px && back.py == sample.py && back.pz == sample.pz)
            #expect(back.particleOffsets == sample.particleOffsets)
            #expect(zip(back.weights, sample.weights).allSatisfy { abs($0 - $1) <= 1e-12 * abs($1) })
            #expect(back.metadata.process == sample.metadata.process && back.metadata.seed == sample.metadata.seed)
        }
    }

    @Test("LHE and HepMC3 files round-trip through their own writers")
    func fileRoundTrips() throws {
        let lhe = try LHEFile.read(from: fixtureURL("lhe30.lhe.gz"))
        let again = try LHEFile.parse(text: lhe.text())
        #expect(again.events == lhe.events && again.initialization.processes == lhe.initialization.processes && again.weightNames == lhe.weightNames)
        let hepmc = try HepMCFile.read(from: fixtureURL("events.hepmc3"))
        let back = try HepMCFile.parse(text: hepmc.text())
        #expect(back.events == hepmc.events && back.weightNames == hepmc.weightNames && back.tools == hepmc.tools)
    }

    @Test("formats are told apart by content, then by extension")
    func detection() throws {
        #expect(try EventFileFormat.detect(fixtureURL("lhe30.lhe.gz")) == .lhe)
        #expect(try EventFileFormat.detect(fixtureURL("events.hepmc3")) == .hepmc3)
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("x.dsev")
            try smallSample().write(to: url)
            #expect(try EventFileFormat.detect(url) == .dsev)
            let junk = dir.appendingPathComponent("x.txt")
            try writeBytes(Array("hello".utf8), to: junk)
            #expect(throws: EventIOError.self) { try EventSample.read(anyFormatFrom: junk) }
            #expect(throws: EventIOError.self) { try smallSample().write(anyFormatTo: dir.appendingPathComponent("x.csv")) }
        }
    }
}
