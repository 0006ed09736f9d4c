import Foundation
import Testing
@testable import EventIO

@Suite struct StatisticsTests {
    @Test func doublesWithNaNAndInfinity() {
        let s = ColumnStatistics.of(Column(name: "x", unit: "GeV", values: [1.0, .nan, 3.0, -2.0, .nan]))
        #expect(s == ColumnStatistics(name: "x", type: .f64, unit: "GeV", count: 5, min: -2, max: 3, mean: 2.0 / 3.0, nanCount: 2))
        let inf = ColumnStatistics.of(Column(name: "y", values: [Float(1), .infinity]))
        #expect(inf.max == .infinity && inf.mean == .infinity && inf.min == 1)
        let allNaN = ColumnStatistics.of(Column(name: "z", values: [Double.nan]))
        #expect(allNaN.min == nil && allNaN.mean == nil && allNaN.nanCount == 1 && allNaN.count == 1)
    }

    @Test func integersAndEmptyColumns() {
        let s = ColumnStatistics.of(Column(name: "i", values: [Int32(-5), 5, 10]))
        #expect(s.min == -5 && s.max == 10 && s.mean == 10.0 / 3.0 && s.nanCount == 0 && s.type == .i32)
        let empty = ColumnStatistics.of(Column(name: "e", values: [UInt8]()))
        #expect(empty == ColumnStatistics(name: "e", type: .u8, unit: nil, count: 0, min: nil, max: nil, mean: nil, nanCount: 0))
    }

    @Test func compensatedMean() {
        let values = [1e16, 1.0, -1e16, 1.0]
        #expect(ColumnStatistics.of(Column(name: "c", values: values)).mean == 0.5)
    }

    @Test func mappedStatisticsEqualInMemory() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("s.dscol")
            let store = everyTypeStore()
            try store.write(to: url)
            #expect(try MappedStore(contentsOf: url).statistics() == store.statistics())
            #expect(store.statistics().map(\.nanCount) == [0, 0, 0, 0, 1, 1, 0, 0])
        }
    }
}
