import Reporting
import Testing

@Suite("Plot axis ticks")
struct PlotTicksTests {
    func close(_ a: [Double], _ b: [Double], relative: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= relative * max(abs($0), abs($1), 1e-300) }
    }

    @Test("Log axis 0.01...10: majors at the powers of ten, eight minors per decade")
    func logDecades() {
        let ticks = Plot.Ticks.log(0.01...10)
        #expect(close(ticks.major, [0.01, 0.1, 1, 10]))
        #expect(ticks.labels == ["10^{\u{2212}2}", "10^{\u{2212}1}", "10^{0}", "10^{1}"])
        #expect(ticks.minor.count == 24)
        #expect(close(Array(ticks.minor.prefix(3)), [0.02, 0.03, 0.04]))
        #expect(close([ticks.minor.last ?? 0], [9]))
    }

    @Test("Log axis inside one decade also labels 2 and 5 times the powers of ten")
    func logNarrow() {
        let ticks = Plot.Ticks.log(1.5...30)
        #expect(close(ticks.major, [2, 5, 10, 20]))
        #expect(ticks.labels == ["2", "5", "10^{1}", "20"])
        #expect(close(ticks.minor, [3, 4, 6, 7, 8, 9, 30]))
    }

    @Test("Log axis over many decades labels every second decade and drops the minors")
    func logWide() {
        let ticks = Plot.Ticks.log(1e-12...1e4)
        #expect(ticks.major.count == 17)
        #expect(ticks.labels.filter { !$0.isEmpty }.count == 9)
        #expect(ticks.minor.isEmpty)
    }

    @Test("Linear axis 0...10: steps of 2, minor ticks every 0.5")
    func linearSimple() {
        let ticks = Plot.Ticks.linear(0...10)
        #expect(close(ticks.major, [0, 2, 4, 6, 8, 10]))
        #expect(ticks.labels == ["0", "2", "4", "6", "8", "10"])
        #expect(ticks.minor.count == 15)
        #expect(close(Array(ticks.minor.prefix(3)), [0.5, 1, 1.5]))
    }

    @Test("Linear axis -0.23...0.47: steps of 0.2 with one decimal, minus signs, minors every 0.05")
    func linearDecimals() {
        let ticks = Plot.Ticks.linear(-0.23...0.47)
        #expect(close(ticks.major, [-0.2, 0, 0.2, 0.4]))
        #expect(ticks.labels == ["\u{2212}0.2", "0.0", "0.2", "0.4"])
        #expect(ticks.minor.count == 10)
    }

    @Test("Linear axis with large numbers uses a power-of-ten factor; 1 and 5 steps have 5 minor intervals")
    func linearLarge() {
        let ticks = Plot.Ticks.linear(0...3e6)
        #expect(close(ticks.major, [0, 5e5, 1e6, 1.5e6, 2e6, 2.5e6, 3e6]))
        #expect(ticks.labels[1] == "0.5\\times10^{6}")
        #expect(ticks.minor.count == 24)
    }

    @Test("Degenerate ranges give no ticks instead of failing")
    func degenerate() {
        #expect(Plot.Ticks.linear(1...1).major.isEmpty)
        #expect(Plot.Ticks.log(0...1).major.isEmpty)
    }
}
