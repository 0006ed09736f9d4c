import HEPCore
import Testing

@Suite("Histograms")
struct HistogramTests {
    @Test("Weighted fills, under/overflow, NaN and errors")
    func fill1D() throws {
        var h = Histogram1D(axis: try BinAxis(count: 4, lower: 0, upper: 2))
        h.fill(0.1, weight: 2)
        h.fill(0.2, weight: 3)
        h.fill(1.99)
        h.fill(-1, weight: 0.5)
        h.fill(2) // upper edge belongs to overflow
        h.fill(.nan)
        #expect(h.content(0) == 5)
        #expect(abs(h.error(0) - 13.0.squareRoot()) < 1e-15)
        #expect(h.content(3) == 1)
        #expect(h.underflow == 0.5 && h.overflow == 1)
        #expect(h.integral() == 6)
        #expect(h.integral(includingFlow: true) == 7.5)
        #expect(h.entries == 5 && h.nanEntries == 1)
        #expect(abs(h.integralError() - 14.0.squareRoot()) < 1e-15)
    }

    @Test("Variable bins are found by binary search at their edges")
    func variableBins() throws {
        let axis = try BinAxis(edges: [0, 0.1, 0.5, 2, 10])
        #expect(axis.storageIndex(0) == 1)
        #expect(axis.storageIndex(0.1) == 2)
        #expect(axis.storageIndex(0.4999) == 2)
        #expect(axis.storageIndex(9.99) == 4)
        #expect(axis.storageIndex(10) == 5)
        #expect(axis.storageIndex(-0.1) == 0)
        #expect(axis.storageIndex(.nan) == nil)
        #expect(throws: HEPCoreError.self) { try BinAxis(edges: [0, 1, 1]) }
        #expect(throws: HEPCoreError.self) { try BinAxis(count: 0, lower: 0, upper: 1) }
    }

    @Test("Merging equals filling once; scaling scales sum w^2 by the square")
    func mergeAndScale() throws {
        let axis = try BinAxis(count: 10, lower: -1, upper: 1)
        var all = Histogram1D(axis: axis), a = Histogram1D(axis: axis), b = Histogram1D(axis: axis)
        var rng = RandomStreams(seed: 5).stream(0)
        for i in 0..<1000 {
            let x = rng.gaussian(mean: 0, sigma: 0.6), w = rng.uniform(0.5, 1.5)
            all.fill(x, weight: w)
            if i % 3 == 0 { a.fill(x, weight: w) } else { b.fill(x, weight: w) }
        }
        try a.merge(b)
        for i in 0..<10 {
            #expect(abs(a.content(i) - all.content(i)) < 1e-12)
            #expect(abs(a.error(i) - all.error(i)) < 1e-12)
        }
        #expect(a.entries == all.entries)
        var scaled = all
        scaled.scale(by: 3)
        #expect(abs(scaled.error(5) - 3 * all.error(5)) < 1e-12)
        #expect(throws: HEPCoreError.self) { try a.merge(Histogram1D(axis: try BinAxis(count: 5, lower: -1, upper: 1))) }
    }

    @Test("2D fills, flow cells, projection and merge")
    func twoDimensional() throws {
        let x = try BinAxis(count: 2, lower: 0, upper: 2), y = try BinAxis(count: 3, lower: 0, upper: 3)
        var h = Histogram2D(xAxis: x, yAxis: y)
        h.fill(0.5, 0.5, weight: 2)
        h.fill(1.5, 2.5)
        h.fill(1.5, 7)      // y overflow
        h.fill(.nan, 1)
        #expect(h.content(0, 0) == 2 && h.content(1, 2) == 1)
        #expect(h.content(1, 3) == 1) // overflow cell addressed with index count
        #expect(h.integral() == 3 && h.integral(includingFlow: true) == 4)
        #expect(h.nanEntries == 1)
        let px = h.projectionX()
        #expect(px.content(0) == 2 && px.content(1) == 2)
        var g = h
        try g.merge(h)
        #expect(g.content(0, 0) == 4 && abs(g.error(0, 0) - 8.0.squareRoot()) < 1e-15)
        #expect(throws: HEPCoreError.self) { try g.merge(Histogram2D(xAxis: y, yAxis: x)) }
    }
}
