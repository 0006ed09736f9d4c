import Foundation
import HEPCore
import Testing
@testable import EventIO

@Suite struct EventSampleStoreTests {
    @Test func roundTrip() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("sample.dsev")
            let sample = smallSample()
            try sample.write(to: url)
            let back = try EventSample.read(from: url)
            #expect(back == sample)
            #expect(back.metadata == sampleMetadata())
            #expect(back.count == 3)
            #expect(back.event(2)[2].mother == 0)
            let info = try StoreInfo.read(from: url)
            #expect(info.kind == "event-sample")
            #expect(info.columns.map(\.name) == ["weights", "particleOffsets", "pdg", "status", "mother", "e", "px", "py", "pz"])
            #expect(info.columns.map(\.type) == [.f64, .i64, .i32, .i8, .i32, .f64, .f64, .f64, .f64])
            #expect(info.columns.map(\.unit) == ["pb", nil, nil, nil, nil, "GeV", "GeV", "GeV", "GeV"])
            #expect(info.metadata["seed"] == .uint(0xDEAD_BEEF_CAFE_F00D))
        }
    }

    @Test func emptySampleRoundTrip() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("empty.dsev")
            let sample = EventSample(metadata: sampleMetadata(seed: 0))
            try sample.write(to: url)
            #expect(try EventSample.read(from: url) == sample)
        }
    }

    @Test func sameSampleSameBytes() throws {
        try withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.dsev"), b = dir.appendingPathComponent("b.dsev")
            try smallSample().write(to: a, createdAt: nil)
            var rebuilt = EventSample(metadata: sampleMetadata())
            rebuilt.append(contentsOf: smallSample())
            try rebuilt.write(to: b, createdAt: nil)
            #expect(try bytes(of: a) == bytes(of: b))
        }
    }

    @Test func inconsistentOffsetsAreRefusedOnWrite() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("bad.dsev")
            var sample = smallSample()
            sample.particleOffsets[2] = 2   // event 1 would end before it starts (offset 3)
            let error = #expect(throws: EventIOError.self) { try sample.write(to: url) }
            #expect(error == .inconsistentSample(path: url.path(percentEncoded: false), column: "particleOffsets", event: 1,
                                                 reason: "offset 2 after 3: offsets must not decrease"))
            let remaining = try contents(of: dir)
            #expect(remaining.isEmpty)
        }
    }

    /// Writes the columns of `sample` as a generic store (which does not check consistency),
    /// so that the event-sample reader meets the inconsistency.
    private func writeUnchecked(_ sample: EventSample, to url: URL, kind: String = "event-sample") throws {
        var good = try smallSample().columnStore()
        good.kind = kind
        let data: [String: ColumnData] = [
            "weights": .f64(sample.weights), "particleOffsets": .i64(sample.particleOffsets),
            "pdg": .i32(sample.pdg), "status": .i8(sample.status), "mother": .i32(sample.mother),
            "e": .f64(sample.e), "px": .f64(sample.px), "py": .f64(sample.py), "pz": .f64(sample.pz),
        ]
        for i in good.columns.indices { good.columns[i].data = data[good.columns[i].name] ?? good.columns[i].data }
        try good.write(to: url)
    }

    private func readError(_ sample: EventSample, kind: String = "event-sample") throws -> EventIOError? {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("bad.dsev")
            try writeUnchecked(sample, to: url, kind: kind)
            return #expect(throws: EventIOError.self) { try EventSample.read(from: url) }
        }
    }

    @Test func inconsistentColumnsAreRefusedOnRead() throws {
        var s = smallSample()
        s.particleOffsets[0] = 1
        #expect(try column(of: readError(s)) == "particleOffsets 0")
        s = smallSample()
        s.particleOffsets[3] = 6
        #expect(try column(of: readError(s)) == "particleOffsets 2")
        s = smallSample()
        s.particleOffsets[1] = 9
        #expect(try column(of: readError(s)) == "particleOffsets 0")
        s = smallSample()
        s.weights.removeLast()
        #expect(try column(of: readError(s)) == "weights -")
        s = smallSample()
        s.pz.append(1)
        #expect(try column(of: readError(s)) == "pz -")
        s = smallSample()
        s.mother[5] = 4   // event 2 has 4 particles: 0..<4
        #expect(try column(of: readError(s)) == "mother 2")
        s = smallSample()
        s.mother[3] = 0   // particle 0 of event 2 as its own mother
        #expect(try column(of: readError(s)) == "mother 2")
        s = smallSample()
        s.mother[0] = -2
        #expect(try column(of: readError(s)) == "mother 0")
    }

    /// "column event" of an inconsistency error ("-" for no event), nil for other errors.
    private func column(of error: EventIOError?) -> String? {
        guard case .inconsistentSample(_, let column, let event, _)? = error else { return nil }
        return "\(column) \(event.map(String.init) ?? "-")"
    }

    @Test func wrongKindMissingColumnsAndBadMetadata() throws {
        guard case .wrongKind(_, "event-sample", "histogram")? = try readError(smallSample(), kind: "histogram") else {
            Issue.record("expected wrongKind")
            return
        }
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("x.dsev")
            var store = try smallSample().columnStore()
            store.columns.removeAll { $0.name == "status" }
            try store.write(to: url)
            let path = url.path(percentEncoded: false)
            #expect(throws: EventIOError.missingColumn(path: path, column: "status")) { try EventSample.read(from: url) }

            store = try smallSample().columnStore()
            store.columns[3].data = .i32([1, 1, 2, 2, 2, 1, 1])
            try store.write(to: url)
            #expect(throws: EventIOError.typeMismatch(path: path, column: "status", stored: .i32, requested: .i8)) {
                try EventSample.read(from: url)
            }

            store = try smallSample().columnStore()
            store.metadata["seed"] = .string("not a number")
            try store.write(to: url)
            let error = #expect(throws: EventIOError.self) { try EventSample.read(from: url) }
            guard case .invalidMetadata(path, _)? = error else {
                Issue.record("expected invalidMetadata, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func nonFiniteCrossSectionIsRefused() throws {
        try withTemporaryDirectory { dir in
            var sample = smallSample()
            sample.metadata.crossSectionPicobarn = .nan
            let error = #expect(throws: EventIOError.self) { try sample.write(to: dir.appendingPathComponent("nan.dsev")) }
            guard case .invalidMetadata? = error else {
                Issue.record("expected invalidMetadata, got \(String(describing: error))")
                return
            }
            let remaining = try contents(of: dir)
            #expect(remaining.isEmpty)
        }
    }
}
