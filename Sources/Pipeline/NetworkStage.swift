import DetectorSimulation
import Features
import Foundation
import HEPCore
import NeuralSelection
import Selection

extension AnalysisRun {
    /// The Punzi-loss network (arXiv:2110.00810): every sample is split once, by a seeded stream, into
    /// a training part and a threshold part (`network.validation-fraction`); the network is trained on
    /// the training part of the non-held-out masses and of every background (cross-entropy, then the
    /// Punzi loss; the trainer splits off its own validation events for early stopping). At each mass
    /// the output threshold that maximises eps/sqrt(B) in the +-k sigma window (the cuts' window) is
    /// chosen on the threshold part, and the yields at that threshold are counted on the same part
    /// (weights / f), so no event the network was trained on enters the limits.
    func networkSelection(signals: [(mass: Double, table: FeatureTable)], backgrounds: [(name: String, table: FeatureTable)],
                          sampleKeys: [String]) async throws(PipelineError) -> SelectionResult {
        let n = spec.network
        let key = CacheKey(["network", DarkScanVersion.string, sampleKeys.joined(separator: ","), "\(n.layers)", n.activation,
                            "\(n.crossEntropyEpochs)", "\(n.punziEpochs)", "\(n.batch)", "\(n.punziBatch)", "\(n.learningRate)", "\(n.windowSigmas)",
                            "\(n.validationFraction)", "\(n.heldOutMasses)", "\(spec.luminosity)", "\(spec.seed)", "\(spec.cuts.windowSigmas)",
                            spec.statistics.method, "\(spec.statistics.bins)"])
        let url = cache.url(stage: "select", name: "network", key: key, extension: "json")
        let modelURL = cache.url(stage: "select", name: "network-model", key: key, extension: "json")
        let stage = "network training"
        let start = ContinuousClock.now
        observer(.started(stage: stage, detail: "\(n.layers) hidden units, \(n.crossEntropyEpochs) + \(n.punziEpochs) epochs"))
        if let cached = cache.load(url, { try StageCache.readJSON(SelectionResult.self, from: $0) }), cache.contains(modelURL) {
            try copyModel(modelURL)
            observer(.finished(stage: stage, detail: "from the cache", seconds: seconds(since: start), cached: true))
            return cached
        }
        let names = NetworkInputs.seed
        let f = n.validationFraction, lumi = spec.luminosity
        // The seeded split of every sample: true = threshold part.
        let split = RandomStreams(seed: derivedSeed(spec.seed, "network-split"))
        func mask(_ table: FeatureTable, _ label: String) -> [Bool] {
            var rng = split.child(label).stream(0)
            return (0..<table.count).map { _ in rng.uniform() < f }
        }
        let signalHeld = signals.map { mask($0.table, "signal-\($0.mass)") }
        let backgroundHeld = backgrounds.map { mask($0.table, $0.name) }
        // Training data.
        let held = Set(n.heldOutMasses)
        var features: [Float] = [], targets: [Float] = [], expected: [Float] = [], m2: [Double] = [], index: [Int] = []
        var resolutions: [Double] = [], generated: [Double] = [], trainingMasses: [Double] = []
        let stageResolution: [Double]
        do {
            stageResolution = try signals.map { s throws(PipelineError) -> Double in
                guard let w = RobustWidth.medianAndWidth(s.table["recoilMassSquared"] ?? [], weights: s.table.weights)?.width, w > 0 else {
                    throw .stageFailed(stage: stage, detail: "no M^2 spread in the signal at m = \(s.mass) GeV")
                }
                return w
            }
            for (k, s) in signals.enumerated() where !held.contains(s.mass) {
                let rows = (0..<s.table.count).filter { !signalHeld[k][$0] }
                let all = try NetworkInputs.matrix(s.table, names: names)
                let sm2 = s.table["recoilMassSquared"] ?? []
                for r in rows {
                    features += all[(r * names.count)..<((r + 1) * names.count)]
                    m2.append(sm2[r])
                }
                targets += [Float](repeating: 1, count: rows.count)
                expected += [Float](repeating: 0, count: rows.count)
                index += [Int](repeating: trainingMasses.count, count: rows.count)
                resolutions.append(stageResolution[k])
                generated.append(Double(s.table.generator.eventsKept) * (1 - f))
                trainingMasses.append(s.mass)
            }
            for (b, bg) in backgrounds.enumerated() {
                let all = try NetworkInputs.matrix(bg.table, names: names)
                let bm2 = bg.table["recoilMassSquared"] ?? []
                // A sample simulated with the forced photon loss has most rows at 1 - photon efficiency
                // (0.02) of an unweighted event's weight w_1 (its lightest row is such an event with the
                // factor once: true for mu mu (gamma), the only such sample, with one hard photon and
                // generator weights of at least w_1; with no forced row the roulette thins more, still
                // without bias). Its training rows lighter than w_1 are kept with probability w / w_1 at
                // weight w_1 (Russian roulette: unbiased), so the training set holds each process's share
                // of rows as without the forced loss and the Punzi batches as many tau pairs and e e mu mu
                // (with all the rows, the network's limits at 4.5-8 GeV were 1.5-2x weaker); the threshold
                // part keeps every row.
                let forced = bg.table.generator.settings[DetectorSimulator.forcedPhotonLossSetting] != nil
                let factor = 1 - card.calorimeter.photonEfficiency
                let lightest = bg.table.weights.min() ?? 0
                let unit = forced && factor > 0 && lightest > 0 ? lightest / factor : 0
                var thin = split.child("thin-\(bg.name)").stream(0)
                for r in 0..<bg.table.count where !backgroundHeld[b][r] {
                    var w = bg.table.weights[r]
                    if w < unit {
                        guard thin.uniform() * unit < w else { continue }
                        w = unit
                    }
                    features += all[(r * names.count)..<((r + 1) * names.count)]
                    m2.append(bm2[r])
                    targets.append(0)
                    expected.append(Float(Units.expectedEvents(crossSectionPicobarn: w / (1 - f), luminosityInverseFemtobarn: lumi)))
                    index.append(-1)
                }
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .stageFailed(stage: stage, detail: "network inputs: \(error)")
        }
        let model: TrainedModel
        var history: [TrainingEpoch] = []
        do {
            let data = try TrainingData(features: features, dimension: names.count, targets: targets, expectedEvents: expected,
                                        recoilMassSquared: m2, massIndex: index, masses: trainingMasses, resolutions: resolutions,
                                        generated: generated)
            var rng = RandomStreams(seed: derivedSeed(spec.seed, "network-initialisation")).stream(0)
            let activation: MLP.Activation = n.activation == "tanh" ? .tanh : .relu
            let network = try MLP(sizes: [names.count] + n.layers + [1], activations: n.layers.map { _ in activation } + [.sigmoid], rng: &rng)
            var c = TrainingConfiguration()
            c.crossEntropyEpochs = n.crossEntropyEpochs
            c.punziEpochs = n.punziEpochs
            c.batchSize = n.batch
            c.punziBatchSize = n.punziBatch
            c.learningRate = Float(n.learningRate)
            c.windowSigmas = n.windowSigmas
            c.seed = derivedSeed(spec.seed, "network-training")
            let total = Double(max(1, n.crossEntropyEpochs + n.punziEpochs))
            let observer = self.observer
            var seen = 0
            let (net, standardisation, records) = try Trainer.train(network, data: data, configuration: c) { r in
                seen += 1
                observer(.progress(stage: stage, fraction: min(1, Double(seen) / total)))
            }
            history = records.map { TrainingEpoch(phase: $0.phase, epoch: $0.epoch, trainingLoss: $0.trainingLoss, validationLoss: $0.validationLoss) }
            model = try TrainedModel(network: net, featureNames: names, standardisation: standardisation, configuration: c, history: records)
        } catch {
            throw .stageFailed(stage: stage, detail: "training: \(error)")
        }
        // Thresholds and yields per mass.
        var points: [MassPointYields] = []
        do {
            let backgroundOutputs = try backgrounds.map { try model.predict(NetworkInputs.matrix($0.table, names: names)) }
            let effectiveWeights = backgrounds.map { YieldCounter.effectiveWeight($0.table) }
            for (k, s) in signals.enumerated() {
                let half = spec.cuts.windowSigmas * stageResolution[k]
                let ys = model.predict(try NetworkInputs.matrix(s.table, names: names))
                let threshold = OutputThreshold.best(mass: s.mass, halfWidth: half, signal: s.table, signalOutputs: ys, signalPart: signalHeld[k],
                                                     backgrounds: backgrounds.map(\.table), backgroundOutputs: backgroundOutputs,
                                                     backgroundParts: backgroundHeld, effectiveWeights: effectiveWeights, fraction: f, luminosity: lumi).threshold
                // Yields on the held part only (weights / f): no event the network was trained on counts.
                var counter = YieldCounter(mass: s.mass, halfWidth: half, bins: spec.statistics.method == "shape" ? spec.statistics.bins : 1, luminosity: lumi)
                counter.fraction = f
                let (eff, effErr) = counter.signal(s.table, crossSection: s.table.generator.crossSectionPicobarn) { signalHeld[k][$0] && ys[$0] > threshold }
                let bkg = backgrounds.indices.map { b in
                    counter.background(backgrounds[b].name, backgrounds[b].table) { backgroundHeld[b][$0] && backgroundOutputs[b][$0] > threshold }
                }
                points.append(MassPointYields(massGeV: s.mass, resolution: stageResolution[k], windowHalfWidth: half,
                                              signalCrossSection: s.table.generator.crossSectionPicobarn, efficiency: eff, efficiencyErrors: effErr,
                                              backgrounds: bkg, threshold: Double(threshold)))
            }
            try model.write(to: modelURL)
        } catch {
            throw .stageFailed(stage: stage, detail: "evaluation: \(error)")
        }
        try copyModel(modelURL)
        let result = SelectionResult(
            name: "network", label: "Punzi-loss network", points: points, heldOutMasses: n.heldOutMasses,
            notes: ["Layers \(names.count)-\(n.layers.map(String.init).joined(separator: "-"))-1 (\(n.activation), sigmoid output); "
                    + "\(n.crossEntropyEpochs) class-balanced cross-entropy epochs, then up to \(n.punziEpochs) Punzi-loss epochs "
                    + "(windows +-\(n.windowSigmas) sigma(M^2)), early stopping; masses \(n.heldOutMasses.map { "\($0)" }.joined(separator: ", ")) GeV held out of training.",
                    "Each sample's events are split once: \(Int(((1 - f) * 100).rounded()))% train the network, \(Int((f * 100).rounded()))% choose "
                    + "the output threshold per mass (max eps/sqrt(B) in the +-\(spec.cuts.windowSigmas) sigma window) and give the yields at "
                    + "that threshold (weights / \(f)): no training event counts, at the price of \(Int((1 / f).rounded()))x heavier Monte Carlo weights."],
            history: history, cutFlows: [], smoothedCuts: [], key: key)
        try StageCache.writeJSON(result, to: url)
        observer(.finished(stage: stage, detail: "\(model.network.parameterCount) parameters, \(features.count / names.count) training events",
                           seconds: seconds(since: start), cached: false))
        return result
    }

    /// The trained model, copied to `<output>/network-model.json`.
    func copyModel(_ url: URL) throws(PipelineError) {
        let target = outputDirectory.appendingPathComponent("network-model.json")
        do { try StageCache.writeAtomically(try Data(contentsOf: url), to: target) } catch let e as PipelineError { throw e } catch {
            throw .fileSystem(path: url.path, detail: "cannot read the cached model: \(error.localizedDescription)")
        }
    }
}
