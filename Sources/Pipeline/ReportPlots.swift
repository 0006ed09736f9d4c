import Features
import Foundation
import HEPCore
import Reporting
import Selection
import Theory

/// The report's plots, drawn with Reporting's ``Reporting/Plot`` (SVG).
struct ReportPlots {
    let result: AnalysisResult
    let published: [PublishedLimit]

    static let selectionColours = ["cuts": "#1f77b4", "network": "#d62728"]
    static let processColours = ["mumu-gamma": "#3f90da", "tautau-gamma": "#ffa90e", "eemumu": "#bd1f01", "mumumumu": "#94a4a2",
                                 "mumutautau": "#832db6"]
    var header: String {
        "DarkScan simulation  \(result.spec.collider == "belle" ? "Belle" : "Belle II") \(String(format: "%g", result.spec.luminosity)) fb^{-1}"
    }

    /// g' vs m_Z' (log-log): the expected limits of every selection (vanilla scenario), the +-1 and
    /// +-2 sigma bands of the first selection with the best median, the (g-2)_mu band, published curves.
    func limitPlot(scenario: String) throws -> String {
        var plot = Plot(x: .init("m_{Z'} [GeV]", scale: .log, range: 0.01...10), y: .init("g'", scale: .log, range: 1e-4...1))
        plot.title = header
        plot.legendPosition = .upperLeft
        let curves = result.limits.filter { $0.scenario == scenario }
        // (g-2)_mu: the seed's plot shows the 2021 band at +-2 sigma.
        let gm2Masses = (0...60).map { pow(10, -2 + 3 * Double($0) / 60) }
        var low: [Double] = [], high: [Double] = []
        for m in gm2Masses {
            let band = try FavouredBand(vectorMass: m, input: .fnal2021, sigmas: 2)
            low.append(band.lowerCoupling ?? .nan)
            high.append(band.upperCoupling ?? .nan)
        }
        plot.band(gm2Masses, low: low, high: high, label: "(g-2)_{\\mu} \\pm2\\sigma (2021)", color: "#a6d96a", opacity: 0.6)
        if let primary = curves.min(by: { median($0) < median($1) }) {
            plot.band(primary.masses, low: primary.expected.map { $0[0] }, high: primary.expected.map { $0[4] }, label: "\\pm2\\sigma (\(primary.selection))",
                      color: "#ffdf00")
            plot.band(primary.masses, low: primary.expected.map { $0[1] }, high: primary.expected.map { $0[3] }, label: "\\pm1\\sigma (\(primary.selection))",
                      color: "#00cc00")
        }
        for c in curves {
            plot.line(c.masses, c.expected.map { $0[2] }, label: "expected, \(c.selection)", color: Self.selectionColours[c.selection] ?? "black",
                      width: 2, dash: c.selection == "cuts" ? [6, 3] : nil)
        }
        let styles = ["#555555", "#8c564b", "#e377c2"]
        for (i, p) in published.enumerated() {
            for (j, segment) in p.segments.enumerated() {
                plot.line(segment.map(\.mass), segment.map(\.coupling), label: j == 0 ? p.label : nil, color: styles[i % styles.count], width: 1.5, dash: [2, 2])
            }
        }
        plot.text("L_{\\mu} - L_{\\tau} Z', \(scenario), \(Int((result.spec.statistics.confidenceLevel * 100).rounded()))% CL expected", x: 0.45, y: 0.05)
        return try plot.svg()
    }

    func median(_ c: LimitCurve) -> Double {
        let xs = c.expected.map { $0[2] }.filter(\.isFinite).sorted()
        return xs.isEmpty ? .infinity : xs[xs.count / 2]
    }

    /// eps/sqrt(B) vs mass for every selection; held-out masses marked.
    func figureOfMeritPlot() throws -> String {
        // A decade and a half of headroom above the largest value, so the legend (upper right) stays clear of the curves.
        let values = result.selections.flatMap { $0.points.map(\.figureOfMerit) }.filter { $0.isFinite && $0 > 0 }
        let range = values.min().flatMap { lo in values.max().map { hi in (lo / 2)...(hi * 30) } }
        var plot = Plot(x: .init("m_{Z'} [GeV]"), y: .init("\\varepsilon / \\sqrt{B}", scale: .log, range: range))
        plot.title = header
        for s in result.selections {
            let colour = Self.selectionColours[s.name] ?? "black"
            plot.line(s.points.map(\.massGeV), s.points.map(\.figureOfMerit), label: s.label, color: colour, width: 1.5, dash: s.name == "cuts" ? [6, 3] : nil)
            plot.points(s.points.map(\.massGeV), s.points.map(\.figureOfMerit), label: nil, color: colour, marker: s.name == "cuts" ? .square : .circle)
            let held = s.points.filter { s.heldOutMasses.contains($0.massGeV) }
            if !held.isEmpty {
                plot.points(held.map(\.massGeV), held.map(\.figureOfMerit), label: "held out of training", color: "black", marker: .diamond)
            }
        }
        return try plot.svg()
    }

    /// Signal efficiency vs mass.
    func efficiencyPlot() throws -> String {
        var plot = Plot(x: .init("m_{Z'} [GeV]"), y: .init("signal efficiency \\varepsilon", range: 0...1))
        plot.title = header
        for s in result.selections {
            let colour = Self.selectionColours[s.name] ?? "black"
            plot.points(s.points.map(\.massGeV), s.points.map(\.totalEfficiency), yErrors: s.points.map { $0.efficiencyErrors.map { $0 * $0 }.reduce(0, +).squareRoot() },
                        label: s.label, color: colour, marker: s.name == "cuts" ? .square : .circle)
            plot.line(s.points.map(\.massGeV), s.points.map(\.totalEfficiency), label: nil, color: colour, width: 1)
        }
        return try plot.svg()
    }

    /// Training and validation loss per epoch (both phases; log scale).
    func trainingPlot(_ s: SelectionResult) throws -> String {
        // Headroom above the largest loss (x 30) for the legend and the label.
        let losses = s.history.flatMap { [$0.trainingLoss, $0.validationLoss] }.filter { $0.isFinite && $0 > 0 }
        let range = losses.min().flatMap { lo in losses.max().map { hi in (lo / 2)...(hi * 30) } }
        var plot = Plot(x: .init("epoch"), y: .init("loss", scale: .log, range: range))
        plot.title = header
        let xs = s.history.indices.map { Double($0 + 1) }
        plot.line(xs, s.history.map(\.trainingLoss), label: "training", color: "#1f77b4")
        plot.line(xs, s.history.map(\.validationLoss), label: "validation", color: "#d62728", dash: [5, 3])
        if let firstPunzi = s.history.firstIndex(where: { $0.phase != s.history.first?.phase }) {
            plot.text("cross-entropy | Punzi loss from epoch \(firstPunzi + 1)", x: 0.04, y: 0.95)
        }
        return try plot.svg()
    }

    /// The recoil mass squared around one mass after the cuts except the window, stacked by process,
    /// with the signal at the expected median g' limit of the cuts (vanilla) overlaid.
    func recoilPlot(mass: Double, cuts: SelectionResult, signal: FeatureTable, backgrounds: [(name: String, table: FeatureTable)]) throws -> String {
        guard let point = cuts.points.first(where: { $0.massGeV == mass }) else { throw PipelineError.stageFailed(stage: "report", detail: "no cut result at \(mass) GeV") }
        let lumi = result.spec.luminosity
        // The cross-applied selection (``CutFolds``): each fold's events through the other fold's cuts.
        func others(_ set: [Cut]) -> [Cut] { set.filter { !$0.relativeToMassSquared } }
        let half = point.windowHalfWidth
        let lo = mass * mass - 5 * half, hi = mass * mass + 5 * half
        let bins = 40
        let edges = (0...bins).map { lo + (hi - lo) * Double($0) / Double(bins) }
        func histogram(_ table: FeatureTable, label: String, scale: Double) throws -> [Double] {
            let pass = try CutFolds.mask(table, CutFolds.assignment(table, label: label, seed: result.spec.seed),
                                         first: others(cuts.smoothedCuts), second: others(cuts.crossAppliedCuts), mass: mass)
            let m2 = table["recoilMassSquared"] ?? []
            var h = [Double](repeating: 0, count: bins)
            for i in 0..<table.count where pass[i] && m2[i] >= lo && m2[i] < hi {
                h[min(bins - 1, Int((m2[i] - lo) / (hi - lo) * Double(bins)))] += table.weights[i] * scale
            }
            return h
        }
        let toEvents = Units.expectedEvents(crossSectionPicobarn: 1, luminosityInverseFemtobarn: lumi)
        var stacks: [(label: String, counts: [Double], color: String)] = []
        for b in backgrounds {
            stacks.append((b.name, try histogram(b.table, label: b.name, scale: toEvents), Self.processColours[b.name] ?? "#cccccc"))
        }
        let limit = result.limits.first { $0.selection == "cuts" && $0.scenario == "vanilla" }
        var signalCurve: (counts: [Double], label: String)?
        if let limit, let i = limit.masses.firstIndex(of: mass) {
            let g = limit.expected[i][2]
            let br = limit.invisibleBranchingRatio[i]
            signalCurve = (try histogram(signal, label: CutFolds.signalLabel(mass), scale: toEvents * g * g * br), String(format: "signal, g' = %.3g", g))
        }
        // The data's lowest positive bin / 2 at the bottom, and the highest at 60% of the height (log
        // scale), so that the legend and the labels above it stay clear of the histograms.
        let totals = edges.indices.dropLast().map { k in stacks.reduce(0) { $0 + $1.counts[k] } }
        let positive = (totals + (signalCurve?.counts ?? [])).filter { $0 > 0 }
        let range = positive.min().flatMap { low in positive.max().map { high -> ClosedRange<Double> in
            let bottom = low / 2, decades = max(1, Double.log10(high / bottom))
            return bottom...(bottom * Double.pow(10, decades / 0.6))
        } }
        var plot = Plot(x: .init("M^{2}_{recoil} [GeV^{2}]"), y: .init("events / bin", scale: .log, range: range))
        plot.title = header
        plot.stackedHistogram(edges: edges, stacks: stacks)
        if let signalCurve { plot.stepHistogram(edges: edges, counts: signalCurve.counts, label: signalCurve.label, color: "black", width: 2) }
        plot.text(String(format: "m_{Z'} = %g GeV, cuts except the window", mass), x: 0.04, y: 0.95)
        plot.text(String(format: "window \\pm%.3g GeV^{2}", half), x: 0.04, y: 0.89)
        return try plot.svg()
    }
}
