import Reporting
import Testing

@Suite("LaTeX-like labels")
struct LaTeXLabelTests {
    @Test("A braced subscript becomes a sub tspan; the bracketed unit stays plain")
    func subscriptGroup() {
        #expect(LaTeXLabel.svg("m_{Z'} [GeV]")
            == "m<tspan baseline-shift=\"sub\" font-size=\"70%\">Z&#39;</tspan> [GeV]")
    }

    @Test("A single character after _ or ^ is the script; a minus in a script is a minus sign")
    func singleCharacter() {
        #expect(LaTeXLabel.svg("m_Z") == "m<tspan baseline-shift=\"sub\" font-size=\"70%\">Z</tspan>")
        #expect(LaTeXLabel.svg("fb^{-1}") == "fb<tspan baseline-shift=\"super\" font-size=\"70%\">\u{2212}1</tspan>")
        #expect(LaTeXLabel.svg("x^\\alpha") == "x<tspan baseline-shift=\"super\" font-size=\"70%\">α</tspan>")
    }

    @Test("Greek letters and symbols become Unicode")
    func symbols() {
        #expect(LaTeXLabel.svg("\\sigma") == "σ")
        #expect(LaTeXLabel.plainText("\\mu\\tau\\varepsilon\\gamma\\nu\\Sigma\\pm\\times\\rightarrow") == "μτεγνΣ±×→")
        #expect(LaTeXLabel.plainText("(g-2)_{\\mu}") == "(g-2)μ")
        #expect(LaTeXLabel.plainText("\\bar\\nu \\bar{q}") == "ν\u{0304} q\u{0304}")
        #expect(LaTeXLabel.plainText("$\\mathrm{BR}(Z'\\to\\chi\\chi)$") == "BR(Z'→χχ)")
    }

    @Test("XML special characters are escaped")
    func escaping() {
        #expect(LaTeXLabel.svg("a < b & c > d") == "a &lt; b &amp; c &gt; d")
        #expect(LaTeXLabel.svg("\"q\"") == "&quot;q&quot;")
    }

    @Test("Malformed markup is rendered, not rejected")
    func malformed() {
        #expect(LaTeXLabel.plainText("x_") == "x_")
        #expect(LaTeXLabel.plainText("a^{b") == "ab")
        #expect(LaTeXLabel.plainText("trailing\\") == "trailing\\")
        #expect(LaTeXLabel.plainText("\\{x\\}") == "{x}")
    }
}
