import Features
import Foundation
import HEPCore
import Reporting

/// Writes a run's outputs: `report.html` (self-contained), `plots/*.svg` (and PNG when
/// rsvg-convert is installed), `csv/*.csv`, `hepdata/` (a HEPData submission of the limits),
/// `spec.yaml` (the full spec the run used) and, from ``AnalysisRun``, `results.json`.
struct ReportWriter {
    let result: AnalysisResult
    let signals: [(mass: Double, table: FeatureTable)]
    let backgrounds: [(name: String, table: FeatureTable)]
    let directory: URL
    let observer: RunObserver

    func write() throws(PipelineError) {
        do {
            try writeAll()
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .stageFailed(stage: "report", detail: "\(error)")
        }
    }

    private func file(_ path: String) -> URL { directory.appendingPathComponent(path) }

    private func writeAll() throws {
        let spec = result.spec
        let published = try PublishedLimit.shippedCurves()
        let plots = ReportPlots(result: result, published: published)
        var figures: [(id: String, file: String, svg: String, caption: String)] = []
        var skipped: [String] = []
        // A plot with nothing to draw (e.g. every value <= 0 on a log axis) is reported, not fatal.
        func attempt(_ name: String, _ draw: () throws -> String) -> String? {
            do { return try draw() } catch {
                skipped.append("\(name): \(error)")
                return nil
            }
        }
        for scenario in spec.scenarios {
            guard let svg = attempt("limit (\(scenario))", { try plots.limitPlot(scenario: scenario) }) else { continue }
            figures.append(("limit-\(scenario)", "limit-\(scenario)", svg,
                            "Expected \(Int((spec.statistics.confidenceLevel * 100).rounded()))% CL upper limit on g' vs m_Z' (\(scenario) scenario) with the "
                            + "+-1 and +-2 sigma bands, the (g-2)_mu favoured band (2021 world average, +-2 sigma; with the 2025 average the "
                            + "discrepancy is below 1 sigma and there is no band) and published curves: "
                            + published.map(\.citation).joined(separator: "; ") + ". Not drawn, for want of a data file to ship: Belle II's "
                            + "79.7 fb^-1 result (PRL 130, 231801 (2023); its HEPData record ins2611344 was not reachable from here) and the "
                            + "CHARM-II trident bound."))
        }
        if let svg = attempt("figure of merit", { try plots.figureOfMeritPlot() }) {
            figures.append(("fom", "fom", svg, "eps/sqrt(B) per mass for each selection (the seed's comparison)."))
        }
        if let svg = attempt("efficiency", { try plots.efficiencyPlot() }) {
            figures.append(("efficiency", "efficiency", svg, "Signal efficiency in the recoil window per mass, with Monte Carlo errors."))
        }
        if let net = result.selections.first(where: { $0.name == "network" }), !net.history.isEmpty,
           let svg = attempt("training", { try plots.trainingPlot(net) }) {
            figures.append(("training", "training", svg, "The network's training (fold 1 of the cross-application"
                            + (result.spec.networkRanges.count > 1 ? ", in the lowest mass range" : "") + "): loss per epoch on the training and validation events."))
        }
        if let cuts = result.selections.first(where: { $0.name == "cuts" }) {
            var drawn = Set<Double>()
            for m in spec.outputs.recoilPlotMasses {
                guard let s = signals.min(by: { abs($0.mass - m) < abs($1.mass - m) }), drawn.insert(s.mass).inserted,
                      let svg = attempt("recoil mass at \(s.mass) GeV", { try plots.recoilPlot(mass: s.mass, cuts: cuts, signal: s.table, backgrounds: backgrounds) })
                else { continue }
                figures.append(("recoil-\(AnalysisRun.massLabel(s.mass))", "recoil-m\(AnalysisRun.massLabel(s.mass))", svg,
                                "Recoil mass squared near m_Z' = \(s.mass) GeV after every cut but the window, stacked by process (expected events in "
                                + "\(spec.luminosity) fb^-1), with the signal at the expected median limit of the cuts."))
            }
        }
        // Plots as files.
        var pngFailures: [String] = []
        for f in figures {
            let svgURL = file("plots/\(f.file).svg")
            try StageCache.writeAtomically(Data(f.svg.utf8), to: svgURL)
            if spec.outputs.png, let reason = Rasteriser.convert(svgURL, to: file("plots/\(f.file).png"), width: 1280) {
                pngFailures.append("\(f.file): \(reason)")
            }
        }
        if let first = pngFailures.first {
            observer(.note(Rasteriser.isAvailable
                ? "no PNG for \(pngFailures.count) of \(figures.count) plots (first: \(first)); the SVG plots are written"
                : "PNG plots skipped: rsvg-convert is not installed (Debian package librsvg2-bin); the SVG plots are written"))
        }
        // Tables.
        var tables: [(id: String, table: Table)] = [("comparison", try comparisonTable())]
        for scenario in spec.scenarios { tables.append(("limits-\(scenario)", try limitsTable(scenario: scenario))) }
        tables.append(("samples", try samplesTable()))
        for selection in result.selections { tables.append(("mc-after-\(selection.name)", try monteCarloAfterSelectionTable(selection))) }
        tables.append(("tau-skims", try skimTable()))
        for flow in result.selections.flatMap(\.cutFlows) { tables.append(("cutflow-m\(AnalysisRun.massLabel(flow.massGeV))", try cutFlowTable(flow))) }
        tables.append(("timing", try timingTable()))
        if spec.outputs.csv {
            for t in tables { try StageCache.writeAtomically(Data(t.table.render(.csv).utf8), to: file("csv/\(t.id).csv")) }
        }
        if spec.outputs.hepdata { try writeHEPData() }
        try StageCache.writeAtomically(Data(("# The full spec of this run (defaults filled in), DarkScan \(result.version)\n" + spec.yaml()).utf8),
                                       to: file("spec.yaml"))
        try StageCache.writeAtomically(Data(html(figures: figures, tables: tables, skipped: skipped).utf8), to: file("report.html"))
    }

    private func html(figures: [(id: String, file: String, svg: String, caption: String)], tables: [(id: String, table: Table)],
                      skipped: [String]) -> String {
        let spec = result.spec
        var page = HTMLReport(title: spec.title)
        page.paragraph("The search for an L_mu - L_tau gauge boson Z' in e+e- -> mu+ mu- Z', Z' -> invisible, at \(spec.collider) "
                       + "(sqrt(s) = \(String(format: "%.4f", (try? ColliderFrame.named(spec.collider).sqrtS) ?? 0)) GeV) with \(spec.luminosity) fb^-1: "
                       + "every sample generated, simulated with the \(spec.detector) card and selected by DarkScan \(result.version). "
                       + "Limits are expected limits (background-only Asimov data); no data are used.")
        page.paragraph("Signal-like region, required of every sample before both selections (spec key region): "
                       + SignalRegion.describe(spec.region) + "; " + SignalRegion.triggerText + " (the card's two-track OR calorimeter-energy trigger)."
                       + " mu mu (gamma) and e e mu mu events whose true muons are outside it (widened by margins) can be generated less often"
                       + " and weighted up (importance sampling; nothing is cut): the samples table gives each sample's setting.")
        let lowLumi = result.samples.filter { !$0.isSignal && $0.equivalentLuminosity < spec.luminosity }
        if !lowLumi.isEmpty {
            page.paragraph("Monte Carlo statistics: " + lowLumi.map { String(format: "%@ %.3g fb^-1", $0.name, $0.equivalentLuminosity) }.joined(separator: ", ")
                           + " (equivalent luminosity in the signal-like region) are below the data's \(spec.luminosity) fb^-1, so their backgrounds after tight selections rest on few, heavy events "
                           + "(and on Monte Carlo bounds where less than a bound passes); the limits are correspondingly conservative.")
        } else if let least = result.samples.filter({ !$0.isSignal }).min(by: { $0.equivalentLuminosity < $1.equivalentLuminosity }) {
            page.paragraph(String(format: "Monte Carlo statistics: every background's equivalent luminosity in the signal-like region is at least the data's %g fb^-1 "
                                  + "(the least: %@, %.4g fb^-1); the samples table gives each.", spec.luminosity, least.name, least.equivalentLuminosity))
        }
        page.heading("Limits")
        for f in figures where f.id.hasPrefix("limit") { page.figure(svg: f.svg, caption: f.caption, id: f.id) }
        for note in Set(result.limits.flatMap(\.notes)).sorted() { page.paragraph("Note: " + note) }
        for note in skipped { page.paragraph("Plot not drawn: " + note) }
        for t in tables where t.id.hasPrefix("limits") { page.table(t.table, id: t.id) }
        page.heading("Cuts vs network")
        for f in figures where ["fom", "efficiency", "training"].contains(f.id) { page.figure(svg: f.svg, caption: f.caption, id: f.id) }
        for t in tables where t.id == "comparison" { page.table(t.table, id: t.id) }
        for s in result.selections { for n in s.notes { page.paragraph("\(s.label): \(n)") } }
        page.heading("Recoil mass and cut flows")
        for f in figures where f.id.hasPrefix("recoil") { page.figure(svg: f.svg, caption: f.caption, id: f.id) }
        for t in tables where t.id.hasPrefix("cutflow") || t.id == "tau-skims" { page.table(t.table, id: t.id) }
        page.heading("Samples and provenance")
        for t in tables where t.id == "samples" || t.id == "timing" { page.table(t.table, id: t.id) }
        page.definitionList([
            ("DarkScan version", result.version), ("seed", "\(spec.seed)"), ("created", result.createdAt),
            ("total wall time", String(format: "%.1f s", result.totalSeconds)),
            ("outputs", "plots/ (SVG, PNG), csv/, hepdata/, pyhf/ (one workspace per mass and selection), results.json, spec.yaml"),
        ])
        page.preformatted(spec.yaml(), summary: "The analysis spec (every key, defaults filled in)")
        return page.html()
    }

    private func writeHEPData() throws {
        let spec = result.spec
        var submission = HEPDataSubmission(comment: "DarkScan \(result.version): expected \(Int((spec.statistics.confidenceLevel * 100).rounded()))% CL upper "
                                           + "limits on the L_mu - L_tau coupling g' from e+e- -> mu+ mu- Z', Z' -> invisible, simulated \(spec.collider) "
                                           + "data of \(spec.luminosity) fb^-1 (spec '\(spec.name)', seed \(spec.seed)). Simulation only, no data.")
        let sqrtS = (try? ColliderFrame.named(spec.collider).sqrtS) ?? 10.58
        for scenario in spec.scenarios {
            let curves = result.limits.filter { $0.scenario == scenario }
            guard let first = curves.first else { continue }
            let clText = "\(Int((spec.statistics.confidenceLevel * 100).rounded()))% CL"
            let description: String = "Expected " + clText + " upper limit on g' vs m_Z' (" + scenario
                + " scenario), median with the +-1 sigma band as errors, for each selection (asymptotic CLs, qtilde_mu)."
            // Masses without a limit (a failed fit, reported in the run's notes) are left out.
            let rows = first.masses.indices.filter { i in curves.allSatisfy { $0.expected[i].allSatisfy(\.isFinite) } }
            var dependents: [(name: String, units: String, qualifiers: [(String, String)], values: [Double],
                              asymmetricErrors: [(plus: Double, minus: Double, label: String)]?)] = []
            for c in curves {
                let qualifiers: [(String, String)] = [("CL", "\(spec.statistics.confidenceLevel)"), ("scenario", scenario), ("selection", c.selection)]
                let quantiles = rows.map { c.expected[$0] }
                let errors: [(plus: Double, minus: Double, label: String)] = quantiles.map { q in (plus: q[3] - q[2], minus: q[1] - q[2], label: "expected 1 sigma") }
                dependents.append((name: "g' upper limit (" + c.selection + ")", units: "", qualifiers: qualifiers,
                                   values: quantiles.map { $0[2] }, asymmetricErrors: errors))
            }
            let keywords: [String: [String]] = ["observables": ["G'"], "reactions": ["E+ E- --> MU+ MU- Z'"],
                                                "cmenergies": [String(format: "%.4f", sqrtS)]]
            submission.addTable(name: "Expected limit on g' (" + scenario + ")", description: description, keywords: keywords,
                                independent: (name: "m_{Z'}", units: "GeV", values: rows.map { first.masses[$0] }), dependents: dependents)
        }
        for (name, contents) in try submission.files() {
            try StageCache.writeAtomically(Data(contents.utf8), to: file("hepdata/\(name)"))
        }
    }
}
