@testable import Pipeline
import Testing

/// The published exclusion curves shipped as resources for the limit plot.
@Suite("Published limits")
struct PublishedLimitsTests {
    @Test("every shipped curve loads, cites its source, has increasing masses; CCFR's numbers where the paper puts them")
    func shipped() throws {
        let curves = try PublishedLimit.shippedCurves()
        #expect(curves.map(\.label) == PublishedLimit.shipped.map(\.label))
        for c in curves {
            #expect(!c.citation.isEmpty && c.citation.contains("arXiv"), "\(c.label)")
            for segment in c.segments {
                #expect(zip(segment, segment.dropFirst()).allSatisfy { $0.mass < $1.mass }, "\(c.label): masses not increasing")
            }
        }
        // CCFR (Altmannshofer et al., PRL 113, 091801): g' below about 1e-3 at m_Z' = 15 MeV, crossing
        // the (g-2)_mu band near 400 MeV (g' ~ 2e-3); the digitisation has no points between 0.208 and
        // 0.439 GeV, which the file marks as a gap.
        let ccfr = try #require(curves.first { $0.label.hasPrefix("CCFR") })
        #expect(ccfr.segments.count == 2)
        #expect(ccfr.segments[0].last?.mass == 0.208 && ccfr.segments[1].first?.mass == 0.439)
        #expect(ccfr.segments[0][0].coupling < 1e-3 && abs(ccfr.segments[1][0].coupling - 1.81e-3) < 1e-9)
        // Above the dimuon threshold the trident bound weakens with the mass (heavy Z': g' ~ m / 565 GeV).
        let heavy = ccfr.segments[1].filter { $0.mass >= 1 }
        #expect(zip(heavy, heavy.dropFirst()).allSatisfy { $0.coupling <= $1.coupling })
    }

    @Test("a malformed curve line is reported with its line number")
    func malformed() {
        #expect(throws: PipelineError.self) {
            _ = try PublishedLimit.parse("# header\n0.5 0.001\n0.7 -3\n", label: "x", citation: "y", source: "test.dat")
        }
        do {
            _ = try PublishedLimit.parse("0.5 0.001\n0.7 abc\n", label: "x", citation: "y", source: "test.dat")
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("line 2"), "\(error)")
        }
    }
}
