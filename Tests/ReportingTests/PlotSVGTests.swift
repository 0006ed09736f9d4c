import Foundation
import Reporting
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects element names and the `d` attributes of paths with a given stroke or fill colour.
final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var paths: [String: [String]] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
        if name == "path", let d = attributes["d"], let colour = attributes["stroke"].flatMap({ $0 == "none" ? nil : $0 }) ?? attributes["fill"] {
            paths[colour, default: []].append(d)
        }
    }
}

@Suite("SVG plots")
struct PlotSVGTests {
    /// Parses the SVG as XML; nil when it is not well-formed.
    func parse(_ svg: String) -> SVGCollector? {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = SVGCollector()
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    func limitPlot() -> Plot {
        var plot = Plot(x: .init("m_{Z'} [GeV]", scale: .log), y: .init("g' < 1 & \\sigma", scale: .log))
        plot.title = "DarkScan  Belle 977 fb^{-1} (simulation)"
        let masses = [0.05, 0.1, 0.5, 1, 5, 9]
        plot.band(masses, low: masses.map { 2e-4 * $0 }, high: masses.map { 8e-4 * $0 }, label: "Expected \\pm 2\\sigma",
                  color: "#F5BB54")
        plot.line(masses, masses.map { 4e-4 * $0 }, label: "Expected", color: "black", dash: [6, 3])
        plot.points(masses, masses.map { 5e-4 * $0 }, yErrors: masses.map { 1e-4 * $0 }, label: "Observed", color: "#5790FC")
        plot.text("90% CL", x: 0.05, y: 0.9)
        return plot
    }

    @Test("A plot renders as well-formed XML with frame, ticks, legend and escaped labels")
    func wellFormed() throws {
        let svg = try limitPlot().svg()
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let parsed = try #require(parse(svg))
        #expect(parsed.elements.contains("clipPath"))
        #expect(parsed.elements.filter { $0 == "text" }.count >= 10)
        #expect(svg.contains("g&#39; &lt; 1 &amp; σ"))
        #expect(svg.contains("font-family=\"Helvetica, Arial, 'DejaVu Sans', sans-serif\""))
        #expect(svg.contains("10<tspan baseline-shift=\"super\" font-size=\"70%\">\u{2212}1</tspan>"))
        #expect(svg.contains("<tspan font-weight=\"bold\">DarkScan</tspan>"))
    }

    @Test("The same plot gives the same bytes")
    func deterministic() throws {
        #expect(try limitPlot().svg() == limitPlot().svg())
    }

    @Test("NaN points break a line; non-positive values are skipped on a log axis")
    func skipsBadPoints() throws {
        var plot = Plot(x: .init("x"), y: .init("y", scale: .log))
        plot.line([1, 2, 3, 4, 5], [1, .nan, 3, 4, -1], label: nil, color: "#123456")
        plot.line([1, 2, 3], [2, 2, .infinity], label: nil, color: "#654321")
        let parsed = try #require(parse(try plot.svg()))
        let first = try #require(parsed.paths["#123456"]?.first)
        #expect(first.filter { $0 == "M" }.count == 2)
        #expect(first.filter { $0 == "L" }.count == 1)
        let second = try #require(parsed.paths["#654321"]?.first)
        #expect(second.filter { $0 == "L" }.count == 1)
        #expect(!first.contains("nan") && !first.contains("inf"))
    }

    @Test("Mismatched lengths throw, naming the series and the lengths")
    func mismatchedLengths() {
        var plot = Plot(x: .init("x"), y: .init("y"))
        plot.line([1, 2, 3], [1, 2], label: "Expected", color: "black")
        #expect(throws: ReportingError.seriesLength(series: "Expected", what: "y values", expected: 3, got: 2)) {
            try plot.svg()
        }
        var histogram = Plot(x: .init("x"), y: .init("y"))
        histogram.stackedHistogram(edges: [0, 1, 2], stacks: [(label: "mu mu gamma", counts: [1, 2, 3], color: "red")])
        #expect(throws: ReportingError.seriesLength(series: "mu mu gamma", what: "counts", expected: 2, got: 3)) {
            try histogram.svg()
        }
    }

    @Test("A plot without data or ranges throws, naming its axes; a given range makes it drawable")
    func emptyPlot() throws {
        var plot = Plot(x: .init("m [GeV]"), y: .init("events", scale: .log))
        plot.line([1, 2], [0, -1], label: nil, color: "black")
        #expect(throws: ReportingError.emptyPlot(xLabel: "m [GeV]", yLabel: "events")) { try plot.svg() }
        plot.y.range = 0.1...10
        #expect(parse(try plot.svg()) != nil)
        plot.y.range = -1...10
        #expect(throws: ReportingError.self) { try plot.svg() }
    }

    @Test("Histograms: stacked areas and a step outline, with legend swatches in insertion order")
    func histograms() throws {
        var plot = Plot(x: .init("M_{recoil}^{2} [GeV^{2}]"), y: .init("Events / bin"))
        let edges = [0.0, 1, 2, 3, 4]
        plot.stackedHistogram(edges: edges, stacks: [
            (label: "\\mu\\mu\\gamma", counts: [5, 4, 3, 2], color: "#3f90da"),
            (label: "\\tau\\tau", counts: [1, .nan, 1, 1], color: "#ffa90e"),
        ])
        plot.stepHistogram(edges: edges, counts: [2, 2, 1, 0.5], label: "Z' (m = 2 GeV)", color: "#bd1f01")
        plot.legendPosition = .upperLeft
        let svg = try plot.svg()
        let parsed = try #require(parse(svg))
        #expect(parsed.paths["#ffa90e"]?.first?.filter { $0 == "Z" }.count == 2)
        #expect(parsed.paths["#bd1f01"]?.first?.hasPrefix("M") == true)
        let order = ["μμγ", "ττ", "Z&#39; (m = 2 GeV)"].compactMap { svg.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
    }

    @Test("Rasteriser returns false for a missing input and writes a PNG when rsvg-convert exists")
    func rasteriser() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-raster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let png = directory.appendingPathComponent("plot.png")
        #expect(!Rasteriser.png(fromSVGAt: directory.appendingPathComponent("missing.svg"), to: png, width: 100))
        let svgURL = directory.appendingPathComponent("plot.svg")
        try limitPlot().svg().write(to: svgURL, atomically: true, encoding: .utf8)
        if Rasteriser.png(fromSVGAt: svgURL, to: png, width: 320) {
            let bytes = try Data(contentsOf: png)
            #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }
}
