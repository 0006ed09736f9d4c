import DetectorSimulation
import EventGeneration
import Features
import Foundation
import HEPCore
import NeuralSelection
import Selection
import Synchronization

extension AnalysisRun {
    /// The Punzi-loss network (arXiv:2110.00810), trained and applied by k-fold cross-application
    /// (`network.folds`, default 2): every sample's events are split once, by a seeded stream, into k
    /// folds; network j is trained on the other k - 1 folds of the non-held-out masses and of every
    /// background (cross-entropy, then the Punzi loss; the trainer holds `network.validation-fraction`
    /// of its events for early stopping) and gives the output of the events of fold j. Every event thus
    /// has an output from a network that never saw it, and the output threshold per mass (the maximum
    /// of the spec's figure of merit in the cuts' +-k sigma window) and the yields at that threshold
    /// use all events at their own weights. The one threshold per mass is chosen on the events it
    /// counts (with two folds no events are left that network j neither trained on nor selects), so
    /// those yields are optimistic by the fluctuations that choice picks; the cuts, with nine
    /// thresholds, are cross-applied instead (``CutFolds``). (The scheme
    /// before 0.4.0 held 25% of the events out and counted them with 4x weights: the Monte Carlo
    /// bound of a background below it, and the noise of the threshold choice, were 4x larger than
    /// the cuts'.)
    func networkSelection(signals: [(mass: Double, table: FeatureTable)], backgrounds: [(name: String, table: FeatureTable)],
                          sampleKeys: [String]) async throws(PipelineError) -> SelectionResult {
        let n = spec.network
        let key = CacheKey(["network", DarkScanVersion.string, sampleKeys.joined(separator: ","), "\(n.layers)", n.activation,
                            "\(n.crossEntropyEpochs)", "\(n.punziEpochs)", "\(n.batch)", "\(n.punziBatch)", "\(n.learningRate)", "\(n.windowSigmas)",
                            "\(n.validationFraction)", "training rows \(n.trainingRows)", "\(n.folds)", "\(n.heldOutMasses)", "\(spec.luminosity)", "\(spec.seed)", "\(spec.cuts.windowSigmas)",
                            spec.statistics.method, "\(spec.statistics.bins)", "\(spec.figureOfMerit)",
                            "split \(n.splitMasses)", n.punziSystematics ? "punzi r \(spec.backgroundNormalisationUncertainty)" : "punzi"])
        let url = cache.url(stage: "select", name: "network", key: key, extension: "json")
        let ranges = spec.networkRanges
        let modelNames = Self.networkModelNames(ranges: ranges.count, folds: n.folds)
        let modelURLs = modelNames.map { cache.url(stage: "select", name: $0, key: key, extension: "json") }
        let stage = "network training"
        let start = ContinuousClock.now
        observer(.started(stage: stage, detail: "\(n.folds) folds of \(n.layers) hidden units, \(n.crossEntropyEpochs) + \(n.punziEpochs) epochs"))
        if let cached = cache.load(url, { try StageCache.readJSON(SelectionResult.self, from: $0) }), modelURLs.allSatisfy({ cache.contains($0) }) {
            try copyModels(modelURLs, names: modelNames)
            observer(.finished(stage: stage, detail: "from the cache", seconds: seconds(since: start), cached: true))
            return cached
        }
        let names = NetworkInputs.seed
        let k = n.folds, lumi = spec.luminosity
        let trainingShare = Double(k - 1) / Double(k)
        // The seeded split of every sample into k folds.
        let split = RandomStreams(seed: derivedSeed(spec.seed, "network-folds"))
        func folds(_ table: FeatureTable, _ label: String) -> [Int] {
            var rng = split.child(label).stream(0)
            return (0..<table.count).map { _ in min(k - 1, Int(rng.uniform() * Double(k))) }
        }
        let signalFold = signals.map { folds($0.table, "signal-\($0.mass)") }
        let backgroundFold = backgrounds.map { folds($0.table, $0.name) }
        let held = Set(n.heldOutMasses)
        let stageResolution: [Double]
        let signalInputs: [[Float]], backgroundInputs: [[Float]]
        do {
            stageResolution = try signals.map { s throws(PipelineError) -> Double in
                guard let w = RobustWidth.medianAndWidth(s.table["recoilMassSquared"] ?? [], weights: s.table.weights)?.width, w > 0 else {
                    throw .stageFailed(stage: stage, detail: "no M^2 spread in the signal at m = \(s.mass) GeV")
                }
                return w
            }
            signalInputs = try signals.map { try NetworkInputs.matrix($0.table, names: names) }
            backgroundInputs = try backgrounds.map { try NetworkInputs.matrix($0.table, names: names) }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .stageFailed(stage: stage, detail: "network inputs: \(error)")
        }
        // The range of each signal sample and each range's span of M^2 (the wider of the Punzi loss's
        // and the yields' windows).
        let routing = NetworkRanges(ranges: ranges, signalMasses: signals.map(\.mass), resolutions: stageResolution,
                                    windowSigmas: max(n.windowSigmas, spec.cuts.windowSigmas))
        let rangeOfSignal = routing.rangeOfSignal
        // inSpan[g][b][r]: background row r of sample b lies in range g's span, where its output counts.
        // Every range's networks train on all the background: with its span's background alone the
        // lower range's limits at 0.25-1 GeV were 0.025-0.033, with all of it 0.012-0.016 (the
        // default run; the cross-entropy phase learns the other backgrounds too, and the Punzi phase
        // takes more steps), and dropping the background below the upper range's windows moved its
        // limits by 5-15% either way, the spread between trainings.
        let inSpan = ranges.indices.map { g in backgrounds.map { routing.inSpan(g, $0.table["recoilMassSquared"] ?? []) } }
        // A sample simulated with the forced photon loss has most rows at 1 - photon efficiency (0.02)
        // of an unweighted event's weight w_1, times the row's trigger probability p (the region's
        // weighting): its lightest row, over p, is such an event with the factor once (true for
        // mu mu (gamma), the only such sample, with one hard photon and generator weights of at least
        // w_1; with no forced row the roulette thins more, still without bias). Its training rows
        // lighter than p w_1 are kept with probability w / (p w_1) at weight p w_1 (Russian roulette:
        // unbiased), so the training set holds each process's share of rows as without the forced loss
        // and the Punzi batches as many tau pairs and e e mu mu (with all the rows, the network's limits
        // at 4.5-8 GeV were 1.5-2x weaker); every row gets an output and counts in the yields.
        // With the generator's calorimeter veto (`veto-bias` q < 1) the forced-lost photons are the
        // points it samples less (the same energy and calorimeter regions) and weighs by 1 / q: such an
        // event's weight is (1 - photon efficiency) w_1 / q, and w_1 its lightest row times q / factor.
        let factor = 1 - card.calorimeter.photonEfficiency
        let triggers = backgrounds.map { $0.table["triggerProbability"] ?? [Double](repeating: 1, count: $0.table.count) }
        let thinningUnits = backgrounds.indices.map { b -> Double in
            let bg = backgrounds[b]
            let forced = bg.table.generator.settings[DetectorSimulator.forcedPhotonLossSetting] != nil
            let entry = self.spec.backgrounds.first { $0.process == bg.name }
            let veto = ProcessCatalog.dimuonRegionKeys.contains(bg.name) ? entry?.vetoBias ?? self.spec.region.vetoBias : 1
            var lightest = Double.infinity
            for (w, p) in zip(bg.table.weights, triggers[b]) where p > 0 { lightest = min(lightest, w / p) }
            return forced && factor > 0 && lightest.isFinite && lightest > 0 ? lightest / factor * veto : 0
        }
        // The networks (mass range x fold) train concurrently (OpenBLAS runs single-threaded; each is one
        // task with its own seeds, so they do not depend on the thread count).
        let total = Double(max(1, ranges.count * k * (n.crossEntropyEpochs + n.punziEpochs)))
        let epochsSeen = EpochCounter()
        let observer = self.observer
        let spec = self.spec
        let uncertainty = n.punziSystematics ? spec.backgroundNormalisationUncertainty : 0
        let single = ranges.count == 1
        /// Trains range g's network j on every fold but j: the model, its history and its training events.
        @Sendable func trainFold(_ g: Int, _ j: Int) throws(PipelineError) -> (TrainedModel, [TrainingEpoch], Int) {
            var features: [Float] = [], targets: [Float] = [], expected: [Float] = [], m2: [Double] = [], index: [Int] = []
            var resolutions: [Double] = [], generated: [Double] = [], trainingMasses: [Double] = []
            // The signal's weight in the loss's eps: its trigger probability, as the yields count it.
            var signalWeights: [Float] = []
            for (s, sample) in signals.enumerated() where !held.contains(sample.mass) && rangeOfSignal[s] == g {
                let rows = (0..<sample.table.count).filter { signalFold[s][$0] != j }
                let sm2 = sample.table["recoilMassSquared"] ?? [], trigger = sample.table["triggerProbability"]
                for r in rows {
                    features += signalInputs[s][(r * names.count)..<((r + 1) * names.count)]
                    m2.append(sm2[r])
                    signalWeights.append(Float(trigger?[r] ?? 1))
                }
                targets += [Float](repeating: 1, count: rows.count)
                expected += [Float](repeating: 0, count: rows.count)
                index += [Int](repeating: trainingMasses.count, count: rows.count)
                resolutions.append(stageResolution[s])
                generated.append(Double(sample.table.generator.eventsKept) * trainingShare)
                trainingMasses.append(sample.mass)
            }
            guard !trainingMasses.isEmpty else {
                throw .stageFailed(stage: stage, detail: "mass range \(g + 1) (\(ranges[g].map { "\($0)" }.joined(separator: ", ")) GeV) has no mass to "
                                   + "train on: every mass in it is held out (network.held-out-masses, network.split-masses)")
            }
            for (b, bg) in backgrounds.enumerated() {
                let bm2 = bg.table["recoilMassSquared"] ?? []
                var thin = split.child(single ? "thin-\(bg.name)-fold\(j)" : "thin-\(bg.name)-range\(g)-fold\(j)").stream(0)
                // The rows the forced-loss roulette is expected to keep, and the probability k that
                // brings them to network.training-rows (1: keep all, and draw nothing more).
                var expectedRows = 0.0
                for r in 0..<bg.table.count where backgroundFold[b][r] != j {
                    let unit = thinningUnits[b] * triggers[b][r]
                    expectedRows += bg.table.weights[r] < unit ? bg.table.weights[r] / unit : 1
                }
                let keep = min(1, Double(n.trainingRows) / max(1, expectedRows))
                for r in 0..<bg.table.count where backgroundFold[b][r] != j {
                    let unit = thinningUnits[b] * triggers[b][r]
                    var w = bg.table.weights[r]
                    if w < unit {
                        guard thin.uniform() * unit < w else { continue }
                        w = unit
                    }
                    if keep < 1 {
                        guard thin.uniform() < keep else { continue }
                        w /= keep
                    }
                    features += backgroundInputs[b][(r * names.count)..<((r + 1) * names.count)]
                    m2.append(bm2[r])
                    targets.append(0)
                    signalWeights.append(1)
                    expected.append(Float(Units.expectedEvents(crossSectionPicobarn: w / trainingShare, luminosityInverseFemtobarn: lumi)))
                    index.append(-1)
                }
            }
            do {
                let data = try TrainingData(features: features, dimension: names.count, targets: targets, expectedEvents: expected,
                                            recoilMassSquared: m2, massIndex: index, masses: trainingMasses, resolutions: resolutions,
                                            generated: generated, signalWeights: signalWeights)
                var rng = RandomStreams(seed: derivedSeed(spec.seed, "network-initialisation")).child(single ? "fold\(j)" : "range\(g)-fold\(j)").stream(0)
                let activation: MLP.Activation = n.activation == "tanh" ? .tanh : .relu
                let network = try MLP(sizes: [names.count] + n.layers + [1], activations: n.layers.map { _ in activation } + [.sigmoid], rng: &rng)
                var c = TrainingConfiguration()
                c.crossEntropyEpochs = n.crossEntropyEpochs
                c.punziEpochs = n.punziEpochs
                c.batchSize = n.batch
                c.punziBatchSize = n.punziBatch
                c.learningRate = Float(n.learningRate)
                c.windowSigmas = n.windowSigmas
                c.validationFraction = n.validationFraction
                c.punziBackgroundUncertainty = uncertainty
                c.seed = derivedSeed(spec.seed, single ? "network-training-fold\(j)" : "network-training-range\(g)-fold\(j)")
                let (net, standardisation, records) = try Trainer.train(network, data: data, configuration: c) { _ in
                    let seen = epochsSeen.next()
                    observer(.progress(stage: stage, fraction: min(1, Double(seen) / total)))
                }
                let history = records.map { TrainingEpoch(phase: $0.phase, epoch: $0.epoch, trainingLoss: $0.trainingLoss, validationLoss: $0.validationLoss) }
                return (try TrainedModel(network: net, featureNames: names, standardisation: standardisation, configuration: c, history: records),
                        history, targets.count)
            } catch {
                throw .stageFailed(stage: stage, detail: "training \(single ? "" : "mass range \(g + 1) of \(ranges.count), ")fold \(j + 1) of \(k): \(error)")
            }
        }
        // Task t trains range t / k, fold t % k.
        let tasks = ranges.count * k
        var trained = [(TrainedModel, [TrainingEpoch], Int)?](repeating: nil, count: tasks)
        do {
            try await withThrowingTaskGroup(of: (Int, (TrainedModel, [TrainingEpoch], Int)).self) { group in
                var next = 0
                for _ in 0..<min(tasks, threads) {
                    let t = next
                    group.addTask { (t, try trainFold(t / k, t % k)) }
                    next += 1
                }
                while let (t, result) = try await group.next() {
                    trained[t] = result
                    if next < tasks {
                        let t = next
                        group.addTask { (t, try trainFold(t / k, t % k)) }
                        next += 1
                    }
                }
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .stageFailed(stage: stage, detail: "\(error)")
        }
        let models = trained.map { $0!.0 }
        let history = trained[0]!.1
        let trainingEvents = trained.reduce(0) { $0 + $1!.2 }
        // Each event's output from range g's network of its fold (which was not trained on it); rows
        // outside `include` (the range's span) get 0 and count for none of its masses. The rows are
        // copied and evaluated in chunks (``NeuralSelection/TrainedModel/predictionChunk`` rows): a
        // copy of all of a real-scale sample's rows and its standardised copy would take 1.4 GB more.
        func outputs(_ g: Int, _ inputs: [Float], _ fold: [Int], include: [Bool]? = nil) -> [Float] {
            var out = [Float](repeating: 0, count: fold.count)
            let chunk = TrainedModel.predictionChunk
            for j in 0..<k {
                let model = models[g * k + j]
                let rows = fold.indices.filter { fold[$0] == j && include?[$0] ?? true }
                var subset: [Float] = []
                subset.reserveCapacity(min(rows.count, chunk) * names.count)
                for start in stride(from: 0, to: rows.count, by: chunk) {
                    let part = rows[start..<min(rows.count, start + chunk)]
                    subset.removeAll(keepingCapacity: true)
                    for r in part { subset += inputs[(r * names.count)..<((r + 1) * names.count)] }
                    for (r, y) in zip(part, model.predict(subset)) { out[r] = y }
                }
            }
            return out
        }
        // Thresholds and yields per mass, on all events.
        var points: [MassPointYields] = []
        do {
            let rangeOutputs = ranges.indices.map { g in
                backgrounds.indices.map { outputs(g, backgroundInputs[$0], backgroundFold[$0], include: inSpan[g][$0]) }
            }
            let effectiveWeights = backgrounds.map { YieldCounter.effectiveWeight($0.table) }
            for (s, sample) in signals.enumerated() {
                let half = spec.cuts.windowSigmas * stageResolution[s]
                let backgroundOutputs = rangeOutputs[rangeOfSignal[s]]
                let ys = outputs(rangeOfSignal[s], signalInputs[s], signalFold[s])
                let threshold = OutputThreshold.best(mass: sample.mass, halfWidth: half, signal: sample.table, signalOutputs: ys,
                                                     backgrounds: backgrounds.map(\.table), backgroundOutputs: backgroundOutputs,
                                                     effectiveWeights: effectiveWeights, luminosity: lumi, figureOfMerit: spec.figureOfMerit).threshold
                let counter = YieldCounter(mass: sample.mass, halfWidth: half, bins: spec.statistics.method == "shape" ? spec.statistics.bins : 1, luminosity: lumi)
                let (eff, effErr) = counter.signal(sample.table, crossSection: sample.table.generator.crossSectionPicobarn) { ys[$0] > threshold }
                let bkg = backgrounds.indices.map { b in
                    counter.background(backgrounds[b].name, backgrounds[b].table) { backgroundOutputs[b][$0] > threshold }
                }
                points.append(MassPointYields(massGeV: sample.mass, resolution: stageResolution[s], windowHalfWidth: half,
                                              signalCrossSection: sample.table.generator.crossSectionPicobarn, efficiency: eff, efficiencyErrors: effErr,
                                              backgrounds: bkg, threshold: Double(threshold)))
            }
            for (model, url) in zip(models, modelURLs) { try model.write(to: url) }
        } catch {
            throw .stageFailed(stage: stage, detail: "evaluation: \(error)")
        }
        try copyModels(modelURLs, names: modelNames)
        let rangeNote = single ? "" : " The grid is split at \(n.splitMasses.map { "\($0)" }.joined(separator: ", ")) GeV into \(ranges.count) mass ranges ("
            + ranges.map { "\($0.map { "\($0)" }.joined(separator: ", "))" }.joined(separator: "; ")
            + " GeV), each with its own \(k) networks, trained on its masses' signal and on all the background."
        let lossNote = n.punziSystematics
            ? String(format: " The Punzi loss takes B + (r B)^2 for B, r = %.4g the background systematics in quadrature.", spec.backgroundNormalisationUncertainty)
            : ""
        let result = SelectionResult(
            name: "network", label: "Punzi-loss network", points: points, heldOutMasses: n.heldOutMasses,
            notes: ["Layers \(names.count)-\(n.layers.map(String.init).joined(separator: "-"))-1 (\(n.activation), sigmoid output); "
                    + "\(n.crossEntropyEpochs) class-balanced cross-entropy epochs, then up to \(n.punziEpochs) Punzi-loss epochs "
                    + "(windows +-\(n.windowSigmas) sigma(M^2)), early stopping on \(Int((n.validationFraction * 100).rounded()))% of the training events; "
                    + "masses \(n.heldOutMasses.map { "\($0)" }.joined(separator: ", ")) GeV held out of training." + rangeNote + lossNote,
                    "\(k)-fold cross-application: each sample's events are split once into \(k) folds, network j is trained on the other folds "
                    + "and gives the outputs of fold j, so every event's output comes from a network that never saw it; the output threshold "
                    + "per mass (max \(spec.figureOfMeritText) in the +-\(spec.cuts.windowSigmas) sigma window, as the cuts) and the yields use all events at their own "
                    + "weights. The one threshold per mass is chosen on the events it counts (optimistic by the fluctuations that choice picks; "
                    + "the cuts, with nine thresholds, are cross-applied instead). "
                    + "The training curve shown is \(single ? "" : "the first range's ")fold 1's; the models are \(modelNames.first ?? "").json ... \(modelNames.last ?? "").json."],
            history: history, cutFlows: [], smoothedCuts: [], crossAppliedCuts: [], key: key)
        try StageCache.writeJSON(result, to: url)
        observer(.finished(stage: stage, detail: "\(models.first?.network.parameterCount ?? 0) parameters x \(k) folds\(single ? "" : " x \(ranges.count) mass ranges"), "
                                + "\(trainingEvents) training events in all",
                           seconds: seconds(since: start), cached: false))
        return result
    }

    /// The models' file names (without .json), range-major: network-model-fold<j>, or with several
    /// mass ranges network-model-range<g>-fold<j>.
    static func networkModelNames(ranges: Int, folds: Int) -> [String] {
        (0..<ranges).flatMap { g in
            (1...folds).map { j in ranges == 1 ? "network-model-fold\(j)" : "network-model-range\(g + 1)-fold\(j)" }
        }
    }

    /// The trained models, copied to `<output>/<name>.json`; model files of an earlier run with
    /// other folds or mass ranges are removed, so that the directory holds this run's models only.
    func copyModels(_ urls: [URL], names: [String]) throws(PipelineError) {
        for (url, name) in zip(urls, names) {
            let target = outputDirectory.appendingPathComponent(name + ".json")
            do { try StageCache.writeAtomically(try Data(contentsOf: url), to: target) } catch let e as PipelineError { throw e } catch {
                throw .fileSystem(path: url.path, detail: "cannot read the cached model: \(error.localizedDescription)")
            }
        }
        let current = Set(names.map { $0 + ".json" })
        let present = (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory.path)) ?? []
        for file in present where file.hasPrefix("network-model-") && file.hasSuffix(".json") && !current.contains(file) {
            try? FileManager.default.removeItem(at: outputDirectory.appendingPathComponent(file))
        }
    }
}

/// The epochs trained so far across the folds (progress from concurrent tasks).
private final class EpochCounter: Sendable {
    private let count = Mutex(0)
    func next() -> Int { count.withLock { $0 += 1; return $0 } }
}
