import Foundation

/// A published exclusion curve shipped as a resource (`Resources/published/*.dat`): two columns,
/// m_Z' (GeV) and g', with '#' comment lines that cite the paper and say where the numbers come
/// from (all are digitisations of the papers' figures, not HEPData tables: two by DarkCast, CCFR's by a
/// third party whose source figure is undocumented; each file says so).
/// A line "# --- gap" starts a new segment (a vetoed mass region is not drawn across).
public struct PublishedLimit: Sendable, Equatable {
    public var label: String
    public var citation: String
    public var segments: [[(mass: Double, coupling: Double)]]

    public static func == (a: PublishedLimit, b: PublishedLimit) -> Bool {
        a.label == b.label && a.citation == b.citation && a.segments.map { $0.map(\.mass) } == b.segments.map { $0.map(\.mass) }
            && a.segments.map { $0.map(\.coupling) } == b.segments.map { $0.map(\.coupling) }
    }

    /// The curves drawn on the limit plot: (resource name, legend label, short citation).
    static let shipped: [(file: String, label: String, citation: String)] = [
        ("belle2-2020-invisible", "Belle II 276 pb^{-1}",
         "Belle II, PRL 124, 141801 (2020), arXiv:1912.11276, 90% CL; digitised by DarkCast (Ilten, Soreq, Williams, Xue)"),
        ("babar-2016-4mu", "BaBar (Z' \\rightarrow \\mu\\mu)",
         "BaBar, PRD 94, 011102(R) (2016), arXiv:1606.03501, 90% CL; digitised by DarkCast (Ilten, Soreq, Williams, Xue)"),
        ("ccfr-trident", "CCFR trident (95% CL)",
         "CCFR neutrino trident (PRL 66, 3117 (1991)) as a bound on L_mu - L_tau by Altmannshofer, Gori, Pospelov, Yavin, PRL 113, 091801 (2014), "
         + "arXiv:1406.2332, 95% CL; third-party digitisation (github.com/SYen-qc/muon_g_minus_2, CCFR.txt), source figure undocumented"),
    ]

    /// Parses a curve file.
    public static func parse(_ text: String, label: String, citation: String, source: String) throws(PipelineError) -> PublishedLimit {
        var segments: [[(Double, Double)]] = [[]]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("# --- gap") { if !(segments.last?.isEmpty ?? true) { segments.append([]) }; continue }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 2, let m = Double(fields[0]), let g = Double(fields[1]), m > 0, g > 0, m.isFinite, g.isFinite else {
                throw .fileSystem(path: source, detail: "line \(n + 1): expected two positive numbers (m_Z' in GeV, g'), got '\(line)'")
            }
            segments[segments.count - 1].append((m, g))
        }
        return PublishedLimit(label: label, citation: citation, segments: segments.filter { !$0.isEmpty })
    }

    /// The shipped curves.
    public static func shippedCurves() throws(PipelineError) -> [PublishedLimit] {
        var out: [PublishedLimit] = []
        for item in shipped {
            guard let url = Bundle.module.url(forResource: item.file, withExtension: "dat", subdirectory: "Resources/published")
                    ?? Bundle.module.url(forResource: item.file, withExtension: "dat", subdirectory: "published"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw .fileSystem(path: "published/\(item.file).dat (resource)", detail: "missing from the build")
            }
            out.append(try parse(text, label: item.label, citation: item.citation, source: url.path))
        }
        return out
    }
}
