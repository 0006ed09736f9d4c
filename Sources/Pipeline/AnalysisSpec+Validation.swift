import EventGeneration
import Foundation
import HEPCore
import Selection
import Theory

extension AnalysisSpec {
    /// The scenarios a spec may name.
    public static let knownScenarios = ["vanilla", "fully-invisible"]

    /// The Theory scenario of a spec name.
    public static func scenario(named name: String) -> LmuLtauZPrime.Scenario? {
        switch name {
        case "vanilla": .vanilla
        case "fully-invisible": .fullyInvisible
        default: nil
        }
    }

    /// Checks every value against its documented range; the error names the path of the first bad one.
    public func validate(source: String) throws(PipelineError) {
        func check(_ ok: Bool, _ path: String, _ value: Any, _ allowed: String) throws(PipelineError) {
            if !ok { throw .invalidValue(source: source, path: path, value: "\(value)", allowed: allowed) }
        }
        func finite(_ x: Double) -> Bool { x.isFinite }
        try check(version == Self.formatVersion, "version", version, "\(Self.formatVersion)")
        try check(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }, "name", name,
                  "letters, digits, '-', '_' and '.'")
        let frame: ColliderFrame
        do { frame = try ColliderFrame.named(collider) } catch {
            throw .invalidValue(source: source, path: "collider", value: collider, allowed: "belle or belle2")
        }
        try check(!detector.isEmpty, "detector", detector, "belle, belle2 or a card file")
        try check(luminosity.isFinite && luminosity > 0, "luminosity", luminosity, "> 0 fb^-1")
        try check(threads >= 0, "threads", threads, ">= 0 (0: all cores)")
        try check(generator.adaptationIterations >= 0, "generator.adaptation-iterations", generator.adaptationIterations, ">= 0 (0: the process's recommendation)")
        try check(generator.pointsPerIteration == 0 || generator.pointsPerIteration >= 100, "generator.points-per-iteration",
                  generator.pointsPerIteration, "0 (the process's recommendation) or >= 100")
        try check(generator.integrationPoints >= 100, "generator.integration-points", generator.integrationPoints, ">= 100")
        try check(generator.eventCost >= 0 && generator.eventCost.isFinite, "generator.event-cost", generator.eventCost,
                  ">= 0 (0: the process's recommendation)")
        try check(generator.batchEvents >= 1000, "generator.batch-events", generator.batchEvents, ">= 1000")
        try check(generator.tauMuonProbability >= 0 && generator.tauMuonProbability < 1, "generator.tau-muon-probability",
                  generator.tauMuonProbability, "in [0, 1) (0: no biasing)")
        try check(["nunu", "chichi"].contains(signal.decay), "signal.decay", signal.decay, "nunu or chichi")
        try check(!signal.masses.isEmpty, "signal.masses", "[]", "at least one mass")
        let maximum = frame.sqrtS - 2 * ParticleData.muon.mass
        for (i, m) in signal.masses.enumerated() {
            try check(finite(m) && m > 0 && m < maximum, "signal.masses[\(i)]", m,
                      String(format: "in (0, %.4f) GeV: sqrt(s) - 2 m_mu at %@", maximum, collider))
            if i > 0 { try check(m > signal.masses[i - 1], "signal.masses[\(i)]", m, "greater than the previous mass (strictly increasing)") }
        }
        try check(signal.events >= 100, "signal.events", signal.events, ">= 100")
        try check(!backgrounds.isEmpty, "backgrounds", "[]", "at least one background process")
        var seen = Set<String>()
        for (i, b) in backgrounds.enumerated() {
            let path = "backgrounds[\(i)]"
            try check(ProcessCatalog.keys.contains(b.process) && b.process != "mumu-zprime", "\(path).process", b.process,
                      ProcessCatalog.keys.filter { $0 != "mumu-zprime" }.joined(separator: ", "))
            try check(seen.insert(b.process).inserted, "\(path).process", b.process, "each process once")
            try check(b.events >= 100, "\(path).events", b.events, ">= 100")
            if b.process != "eemumu" {
                try check(b.muonAcceptanceCos == nil, "\(path).muon-acceptance-cos", b.muonAcceptanceCos ?? 0, "a generator cut of eemumu only")
                try check(b.minimumPairMass == nil, "\(path).minimum-pair-mass", b.minimumPairMass ?? 0, "a generator cut of eemumu only")
            }
            if let f = b.generatorBias {
                try check(ProcessCatalog.dimuonRegionKeys.contains(b.process), "\(path).generator-bias", f,
                          "importance sampling of \(ProcessCatalog.dimuonRegionKeys.joined(separator: " and ")) only")
                try check(f > 0 && f <= 1, "\(path).generator-bias", f, "in (0, 1] (1: no biasing)")
            }
            if let f = b.vetoBias {
                try check(ProcessCatalog.dimuonRegionKeys.contains(b.process), "\(path).veto-bias", f,
                          "importance sampling of \(ProcessCatalog.dimuonRegionKeys.joined(separator: " and ")) only")
                try check(f > 0 && f <= 1, "\(path).veto-bias", f, "in (0, 1] (1: no biasing)")
            }
            if let f = b.generatorMargins {
                try check(ProcessCatalog.dimuonRegionKeys.contains(b.process), "\(path).generator-margins", f,
                          "importance sampling of \(ProcessCatalog.dimuonRegionKeys.joined(separator: " and ")) only")
                try check(f > 0 && f <= 10, "\(path).generator-margins", f, "in (0, 10] (1: the default margins)")
                try check((b.generatorBias ?? region.generatorBias) < 1, "\(path).generator-margins", f,
                          "with a generator-bias below 1 only (at 1 nothing outside the widened region is sampled less often)")
            }
            if let q = b.tauMuonProbability {
                try check(["tautau-gamma", "mumutautau"].contains(b.process), "\(path).tau-muon-probability", q, "a setting of tautau-gamma and mumutautau only")
                try check(q >= 0 && q < 1, "\(path).tau-muon-probability", q, "in [0, 1) (0: no biasing)")
            }
            if let c = b.eventCost { try check(c > 0 && c.isFinite, "\(path).event-cost", c, "> 0, finite (omit it for generator.event-cost)") }
            if let c = b.muonAcceptanceCos { try check(c > 0 && c <= 1, "\(path).muon-acceptance-cos", c, "in (0, 1]") }
            if let m = b.minimumPairMass { try check(m.isFinite && m >= 0, "\(path).minimum-pair-mass", m, ">= 0 GeV") }
        }
        try check(!scenarios.isEmpty, "scenarios", "[]", "at least one of \(Self.knownScenarios.joined(separator: ", "))")
        for (i, s) in scenarios.enumerated() {
            try check(Self.scenario(named: s) != nil, "scenarios[\(i)]", s, Self.knownScenarios.joined(separator: " or "))
        }
        try check(region.dimuonPt.isFinite && region.dimuonPt >= 0 && region.dimuonPt < 5, "region.dimuon-pt", region.dimuonPt, "in [0, 5) GeV")
        try check(region.recoilCosTheta > 0 && region.recoilCosTheta <= 1, "region.recoil-cos-theta", region.recoilCosTheta, "in (0, 1]")
        try check(region.recoilThetaLab.count == 2 && region.recoilThetaLab.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 180 }
                  && region.recoilThetaLab[0] < region.recoilThetaLab[1], "region.recoil-theta-lab", region.recoilThetaLab,
                  "[min, max] in degrees, 0 <= min < max <= 180")
        try check(region.neutralEnergy.isFinite && region.neutralEnergy > 0, "region.neutral-energy", region.neutralEnergy, "> 0 GeV")
        try check(region.generatorBias > 0 && region.generatorBias <= 1, "region.generator-bias", region.generatorBias, "in (0, 1] (1: no biasing)")
        try check(region.vetoBias > 0 && region.vetoBias <= 1, "region.veto-bias", region.vetoBias, "in (0, 1] (1: no biasing)")
        try check(cuts.enabled || network.enabled, "cuts.enabled", cuts.enabled, "at least one of cuts and network enabled")
        try check(SeedCuts.preselections[cuts.preselection] != nil, "cuts.preselection", cuts.preselection,
                  SeedCuts.preselections.keys.sorted().joined(separator: ", "))
        try check(["significance", "punzi", "uncertainties"].contains(cuts.figureOfMerit), "cuts.figure-of-merit", cuts.figureOfMerit,
                  "significance, punzi or uncertainties")
        try check(finite(cuts.windowSigmas) && cuts.windowSigmas > 0, "cuts.window-sigmas", cuts.windowSigmas, "> 0")
        try check(cuts.smoothing >= 1, "cuts.smoothing", cuts.smoothing, ">= 1")
        try check(cuts.candidates >= 2, "cuts.candidates", cuts.candidates, ">= 2")
        try check(cuts.restarts >= 0, "cuts.restarts", cuts.restarts, ">= 0")
        try check(cuts.minimumSignalEvents >= 0, "cuts.minimum-signal-events", cuts.minimumSignalEvents, ">= 0")
        try check(!network.layers.isEmpty, "network.layers", "[]", "at least one hidden layer")
        for (i, n) in network.layers.enumerated() { try check(n >= 1 && n <= 4096, "network.layers[\(i)]", n, "1 ... 4096 units") }
        try check(["relu", "tanh"].contains(network.activation), "network.activation", network.activation, "relu or tanh")
        try check(network.crossEntropyEpochs >= 0, "network.cross-entropy-epochs", network.crossEntropyEpochs, ">= 0")
        try check(network.punziEpochs >= 0, "network.punzi-epochs", network.punziEpochs, ">= 0")
        try check(network.crossEntropyEpochs + network.punziEpochs >= 1, "network.punzi-epochs", network.punziEpochs, "at least one epoch in all")
        try check(network.batch >= 1, "network.batch", network.batch, ">= 1")
        try check(network.punziBatch >= 1, "network.punzi-batch", network.punziBatch, ">= 1")
        try check(finite(network.learningRate) && network.learningRate > 0, "network.learning-rate", network.learningRate, "> 0")
        try check(finite(network.windowSigmas) && network.windowSigmas > 0, "network.window-sigmas", network.windowSigmas, "> 0")
        try check(network.trainingRows >= 1000, "network.training-rows", network.trainingRows, ">= 1000")
        try check(network.validationFraction > 0 && network.validationFraction < 1, "network.validation-fraction", network.validationFraction, "in (0, 1)")
        try check(network.folds >= 2 && network.folds <= 10, "network.folds", network.folds, "2 ... 10")
        if network.enabled {
            for (i, m) in network.heldOutMasses.enumerated() {
                try check(signal.masses.contains(m), "network.held-out-masses[\(i)]", m, "a mass of signal.masses")
            }
            try check(network.heldOutMasses.count < signal.masses.count, "network.held-out-masses", network.heldOutMasses, "fewer than the grid's masses")
            for (i, m) in network.splitMasses.enumerated() {
                try check(finite(m) && m > 0, "network.split-masses[\(i)]", m, "> 0 GeV")
                if i > 0 { try check(m > network.splitMasses[i - 1], "network.split-masses[\(i)]", m, "greater than the previous split (increasing)") }
            }
            for range in networkRanges where range.allSatisfy({ network.heldOutMasses.contains($0) }) {
                try check(false, "network.split-masses", network.splitMasses,
                          "splits that leave a mass to train on in every range (\(range.map { "\($0)" }.joined(separator: ", ")) GeV are all held out)")
            }
        }
        try check(["counting", "shape"].contains(statistics.method), "statistics.method", statistics.method, "counting or shape")
        try check(statistics.bins >= 1 && statistics.bins <= 100, "statistics.bins", statistics.bins, "1 ... 100")
        try check(statistics.confidenceLevel > 0 && statistics.confidenceLevel < 1, "statistics.confidence-level", statistics.confidenceLevel, "in (0, 1)")
        let s = statistics.systematics
        for (x, p) in [(s.luminosity, "luminosity"), (s.tracking, "tracking"), (s.muonID, "muon-id"), (s.trigger, "trigger"),
                       (s.signalEfficiency, "signal-efficiency")] {
            try check(x >= 0 && x < 1, "statistics.systematics.\(p)", x, "a relative size in [0, 1)")
        }
        for (i, m) in outputs.recoilPlotMasses.enumerated() { try check(finite(m) && m > 0, "outputs.recoil-plot-masses[\(i)]", m, "> 0 GeV") }
    }

    /// The relative normalisation uncertainty of the backgrounds in the limits: the systematics of
    /// `statistics.systematics` that apply to them (luminosity, tracking, muon ID, trigger; not the
    /// signal-efficiency one), in quadrature (3.2% for the default).
    public var backgroundNormalisationUncertainty: Double {
        let s = statistics.systematics
        return (s.luminosity * s.luminosity + s.tracking * s.tracking + s.muonID * s.muonID + s.trigger * s.trigger).squareRoot()
    }

    /// The figure of merit that both selections maximise (`cuts.figure-of-merit`): the cut thresholds
    /// per mass and the network's output threshold per mass.
    public var figureOfMerit: FigureOfMerit {
        switch cuts.figureOfMerit {
        case "punzi": .punzi(sigmas: 3)
        case "uncertainties": .significanceWithUncertainty(relative: backgroundNormalisationUncertainty)
        default: .significance
        }
    }

    /// The figure of merit in words (notes and the report).
    public var figureOfMeritText: String {
        switch cuts.figureOfMerit {
        case "punzi": "Punzi's eps/(3/2 + sqrt(B))"
        case "uncertainties": String(format: "eps/sqrt(B + (%.3g B)^2 + sigma_MC^2) (the background's normalisation systematics and Monte Carlo error, "
                                     + "as the limits carry them; a bound counts 100%%)", backgroundNormalisationUncertainty)
        default: "eps/sqrt(B)"
        }
    }

    /// The grid's masses in the network's ranges (``Network/splitMasses``), empty ranges left out.
    public var networkRanges: [[Double]] {
        let edges = network.splitMasses
        return (0...edges.count).map { g in
            signal.masses.filter { m in (g == 0 || m >= edges[g - 1]) && (g == edges.count || m < edges[g]) }
        }.filter { !$0.isEmpty }
    }

    /// The reduced spec of `darkscan run --quick`: a first look in under a minute, the same physics at
    /// a fraction of the statistics (backgrounds divided by 200 and the signal by 5, at least 2000
    /// events each; every other mass; fewer epochs and restarts). Its results are statistically poorer;
    /// its name and the report's title say it is a quick run.
    public func quick() -> AnalysisSpec {
        var q = self
        q.name = name + "-quick"
        q.title = title + " [quick run]"
        q.signal.events = max(2000, signal.events / 5)
        var masses = stride(from: 0, to: signal.masses.count, by: 2).map { signal.masses[$0] }
        if let last = signal.masses.last, masses.last != last { masses.append(last) }
        q.signal.masses = masses
        q.backgrounds = backgrounds.map { var b = $0; b.events = max(2000, $0.events / 200); return b }
        q.network.heldOutMasses = network.heldOutMasses.filter { masses.contains($0) }
        if q.network.heldOutMasses.isEmpty, masses.count > 2 { q.network.heldOutMasses = [masses[masses.count / 2]] }
        // Every network mass range keeps a mass to train on.
        for range in q.networkRanges where range.allSatisfy({ q.network.heldOutMasses.contains($0) }) {
            q.network.heldOutMasses.removeAll { range.contains($0) }
        }
        q.network.crossEntropyEpochs = min(network.crossEntropyEpochs, 3)
        q.network.punziEpochs = min(network.punziEpochs, 8)
        q.cuts.restarts = min(cuts.restarts, 2)
        return q
    }
}
