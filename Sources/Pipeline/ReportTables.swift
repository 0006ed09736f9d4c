import Features
import Foundation
import Reporting

/// The report's tables (also written as CSV).
extension ReportWriter {
    func samplesTable() throws -> Table {
        var t = Table(title: "Monte Carlo samples", columns: [
            .init("sample"), .init("cross section", unit: "pb"), .init("events"), .init("equivalent luminosity", unit: "fb^-1"),
            .init("L_eq / L_data"), .init("preselected"), .init("in region"), .init("generator cuts"),
        ])
        t.note("equivalent luminosity of the events in the signal-like region (" + SignalRegion.describe(result.spec.region)
               + "; " + SignalRegion.triggerText + ") = sum w / sum w^2 (events / cross section for unit weights); the data luminosity is \(result.spec.luminosity) fb^-1")
        if result.spec.region.forcedPhotonLoss {
            t.note("preselected and in-region counts are Monte Carlo rows: with the simulation's forced photon loss (generator cuts column) most "
                   + "of a sample's rows are events whose photon is forced lost, each at 1 - photon efficiency of its weight")
        }
        if result.samples.contains(where: { SignalRegion.forcesMuonID($0.process, isSignal: $0.isSignal, result.spec.region) }) {
            t.note("with the simulation's forced muon identification (generator cuts column) both tracks of a two-track event are identified "
                   + "whenever their muon-ID probabilities are not 0, and the event counts at their product (efficiencies or fake rates) of its weight")
        }
        for s in result.samples {
            try t.append([.text(s.name), .number(s.crossSectionPicobarn), .number(Double(s.events)), .number(s.equivalentLuminosity),
                          .number(s.equivalentLuminosity / result.spec.luminosity), .number(Double(s.preselected)),
                          .number(Double(s.inRegion)), .text(s.generatorCuts.isEmpty ? "none" : s.generatorCuts)])
        }
        return t
    }

    func comparisonTable() throws -> Table {
        var columns: [Table.Column] = [.init("m_Z'", unit: "GeV"), .init("sigma(M^2)", unit: "GeV^2")]
        for s in result.selections { columns += [.init("\(s.name) eps"), .init("\(s.name) B", unit: "events"), .init("\(s.name) eps/sqrt(B)")] }
        if result.selections.count == 2 { columns.append(.init("\(result.selections[1].name)/\(result.selections[0].name)")) }
        var t = Table(title: "Selections per mass: efficiency, background and eps/sqrt(B) in the +-\(result.spec.cuts.windowSigmas) sigma recoil window",
                      columns: columns)
        t.note("eps/sqrt(B) is the seed's figure of merit, shown for the comparison; both selections maximise the spec's (\(result.spec.figureOfMeritText))")
        t.note("'<' marks a B that is mostly Monte Carlo bounds (a process whose passing weight is below 1.14 x its effective weight, sum w^2 / sum w, counts that bound); * = held out of training")
        guard let first = result.selections.first else { return t }
        for (i, p) in first.points.enumerated() {
            let held = result.selections.contains { $0.heldOutMasses.contains(p.massGeV) }
            var row: [Table.Cell] = [.text(String(format: "%g%@", p.massGeV, held ? "*" : "")), .number(p.resolution)]
            for s in result.selections {
                let q = s.points[i]
                row += [.number(q.totalEfficiency), .text((q.backgroundIsMostlyBound ? "<" : "") + String(format: "%.4g", q.totalBackground)),
                        .number(q.figureOfMerit)]
            }
            if result.selections.count == 2 {
                let a = result.selections[0].points[i].figureOfMerit, b = result.selections[1].points[i].figureOfMerit
                row.append(a > 0 ? .number(b / a) : .missing("no FOM"))
            }
            try t.append(row)
        }
        return t
    }

    /// The Monte Carlo statistics where the limits are set: per mass and background, the equivalent
    /// luminosity of the events a selection keeps in the window, L_data x B / sigma_B^2 (N_eff over the
    /// cross section, from the yield B and its Monte Carlo error sigma_B in events).
    func monteCarloAfterSelectionTable(_ selection: SelectionResult) throws -> Table {
        let names = selection.points.first?.backgrounds.map(\.name) ?? []
        var t = Table(title: "Monte Carlo after the selection (\(selection.name)): equivalent luminosity of what passes, per mass and background",
                      columns: [.init("m_Z'", unit: "GeV")] + names.map { .init($0, unit: "fb^-1") })
        t.note("L_data x B / sigma_B^2 from each background's yield B and Monte Carlo error sigma_B in the window (the data: "
               + "\(result.spec.luminosity) fb^-1); 'bound' = the passing Monte Carlo weight is below the bound, 1.14 x the effective weight, which B then is")
        for p in selection.points {
            var row: [Table.Cell] = [.text(String(format: "%g", p.massGeV))]
            for b in p.backgrounds {
                let y = b.events.reduce(0, +), e2 = b.errors.reduce(0) { $0 + $1 * $1 }
                row.append(b.isBound ? .missing("bound") : e2 > 0 ? .number(result.spec.luminosity * y / e2) : .missing("no error"))
            }
            try t.append(row)
        }
        return t
    }

    func limitsTable(scenario: String) throws -> Table {
        let curves = result.limits.filter { $0.scenario == scenario }
        var columns: [Table.Column] = [.init("m_Z'", unit: "GeV"), .init("BR(Z' -> inv)")]
        for c in curves { columns += [.init("\(c.selection) -2sigma"), .init("\(c.selection) -1sigma"), .init("\(c.selection) median"),
                                      .init("\(c.selection) +1sigma"), .init("\(c.selection) +2sigma")] }
        var t = Table(title: "Expected \(Int((result.spec.statistics.confidenceLevel * 100).rounded()))% CL upper limits on g' (\(scenario))", columns: columns)
        t.note("asymptotic CLs (qtilde_mu), background-only Asimov data; \(result.spec.statistics.method) likelihood with the spec's systematics")
        guard let first = curves.first else { return t }
        for i in first.masses.indices {
            var row: [Table.Cell] = [.number(first.masses[i]), .number(first.invisibleBranchingRatio[i])]
            for c in curves { row += c.expected[i].map { .number($0) } }
            try t.append(row)
        }
        return t
    }

    func cutFlowTable(_ flow: CutFlowSummary) throws -> Table {
        var t = Table(title: String(format: "Cut flow at m_Z' = %g GeV (smoothed thresholds; events in %g fb^-1, signal at g' = 1)", flow.massGeV,
                                    result.spec.luminosity),
                      columns: [.init("cut"), .init("requirement")] + flow.processes.map { .init($0) })
        for step in flow.steps {
            try t.append([.text(step.label), .text(step.requirement)]
                + step.yields.indices.map { .text(String(format: "%.4g +- %.2g (%d)", step.yields[$0], step.errors[$0], step.counts[$0])) })
        }
        return t
    }

    /// What Belle's tau skims keep of the signal-like region, per signal mass and background process.
    func skimTable() throws -> Table {
        var t = Table(title: "Belle tau skims (tauskimA, tauskimB; two-track branch) in the signal-like region",
                      columns: [.init("sample"), .init("in region / generated"), .init("tauskimA / in region"), .init("tauskimB / in region")])
        t.note("weighted fractions; 'generated' is the sample's cross section after its generator cuts (see the samples table); "
               + "the seed found tauskimA too tight for the visible Z' and tauskimB too loose for the invisible one; "
               + "the spec's cuts.preselection puts either before the optimised cuts")
        func fractions(_ table: FeatureTable) -> (Double, Double, Double) {
            let w = table.weights, total = w.reduce(0, +)
            let a = table["tauSkimA"] ?? [], b = table["tauSkimB"] ?? []
            let pa = zip(w, a).reduce(0.0) { $0 + ($1.1 > 0.5 ? $1.0 : 0) }, pb = zip(w, b).reduce(0.0) { $0 + ($1.1 > 0.5 ? $1.0 : 0) }
            let sigma = table.generator.crossSectionPicobarn
            return (sigma > 0 ? total / sigma : .nan, total > 0 ? pa / total : .nan, total > 0 ? pb / total : .nan)
        }
        for s in signals {
            let f = fractions(s.table)
            try t.append([.text(String(format: "signal m = %g GeV", s.mass)), .number(f.0), .number(f.1), .number(f.2)])
        }
        for b in backgrounds {
            let f = fractions(b.table)
            try t.append([.text(b.name), .number(f.0), .number(f.1), .number(f.2)])
        }
        return t
    }

    func timingTable() throws -> Table {
        var t = Table(title: "Wall time per stage", columns: [.init("stage"), .init("time", unit: "s")])
        t.note("\(result.spec.threads > 0 ? result.spec.threads : ProcessInfo.processInfo.activeProcessorCount) thread(s); cached stages take the time to read them back")
        // The report's own time is not known while it is written: results.json records it.
        for s in result.timings where s.stage != "report" { try t.append([.text(s.stage), .number(s.seconds)]) }
        try t.append([.text("total before the report"), .number(result.totalSeconds)])
        return t
    }
}
