import Foundation
import Reporting
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    func report() throws -> HTMLReport {
        var report = HTMLReport(title: "Z' <invisible> & friends")
        report.heading("Limits on g' & m")
        report.paragraph("The <script>alert(1)</script> text is escaped.")
        var plot = Plot(x: .init("m_{Z'} [GeV]"), y: .init("g'"))
        plot.line([1, 2], [1e-4, 2e-4], label: "Expected", color: "black")
        report.figure(svg: try plot.svg(), caption: "90% CL upper limits, \"expected\"", id: "limit-figure")
        var table = Table(title: "limits", columns: [.init("m", unit: "GeV"), .init("g'")])
        try table.append([.number(1.5), .text("<1e-3")])
        table.note("CLs & asymptotic")
        report.table(table, id: "limit-table")
        report.preformatted("mass: {start: 0.1}\n<end>", summary: "Analysis spec")
        report.definitionList([("version", "0.1 <dev>"), ("seed", "42")])
        return report
    }

    @Test("User text is escaped; the figure is inlined without its XML declaration and found by id")
    func escapingAndFigure() throws {
        let html = try report().html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<title>Z&#39; &lt;invisible&gt; &amp; friends</title>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<figure id=\"limit-figure\">\n<svg xmlns="))
        #expect(!html.contains("<?xml"))
        #expect(html.contains("<figcaption>90% CL upper limits, &quot;expected&quot;</figcaption>"))
        #expect(!html.contains("src=") && !html.contains("href="))
    }

    @Test("Tables carry units in headers and notes below; details and definition lists escape")
    func tablesAndDetails() throws {
        let html = try report().html()
        #expect(html.contains("<div class=\"table\" id=\"limit-table\">"))
        #expect(html.contains("<th scope=\"col\">m [GeV]</th>"))
        #expect(html.contains("<td class=\"num\">1.5000e+00</td><td>&lt;1e-3</td>"))
        #expect(html.contains("<li>CLs &amp; asymptotic</li>"))
        #expect(html.contains("<summary>Analysis spec</summary>\n<pre>mass: {start: 0.1}\n&lt;end&gt;</pre>"))
        #expect(html.contains("<dt>version</dt><dd>0.1 &lt;dev&gt;</dd>"))
    }
}
