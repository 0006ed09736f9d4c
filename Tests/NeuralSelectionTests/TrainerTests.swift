import Foundation
import HEPCore
import NeuralSelection
import Testing

@Suite("Training")
struct TrainerTests {
    /// Signal at two masses (M^2 around m^2) with a feature x ~ N(+1, 1), background with x ~ N(-1, 1)
    /// and M^2 flat: training must lower the validation Punzi loss, rank signal above background, and
    /// give the same network twice for the same seed.
    func toy() throws -> TrainingData {
        var rng = RandomStreams(seed: 1001).stream(0)
        var features: [Float] = [], targets: [Float] = [], expected: [Float] = [], m2: [Double] = [], index: [Int] = []
        let masses = [1.0, 2.0]
        for k in 0..<2 {
            for _ in 0..<1500 {
                features += [Float(rng.gaussian(mean: 1, sigma: 1)), Float(rng.uniform())]
                targets.append(1); expected.append(0); index.append(k)
                m2.append(rng.gaussian(mean: masses[k] * masses[k], sigma: 0.1))
            }
        }
        for _ in 0..<4000 {
            features += [Float(rng.gaussian(mean: -1, sigma: 1)), Float(rng.uniform())]
            targets.append(0); expected.append(0.5); index.append(-1)
            m2.append(rng.uniform(0, 5))
        }
        return try TrainingData(features: features, dimension: 2, targets: targets, expectedEvents: expected, recoilMassSquared: m2,
                                massIndex: index, masses: masses, resolutions: [0.1, 0.1], generated: [1500, 1500])
    }

    @Test("The Punzi loss of a part of the sample estimates the whole sample's: eps and B both scaled by the fraction")
    func lossOfASubsample() throws {
        // Every event twice (rows i and i + n): the first copies are half the sample and must give
        // the same eps_k, B_k and loss as the whole (before the fix, B of a part was scaled by its fraction).
        let toy = try toy()
        let n = toy.count, d = toy.dimension
        let data = try TrainingData(features: toy.features + toy.features, dimension: d, targets: toy.targets + toy.targets,
                                    expectedEvents: toy.expectedEvents + toy.expectedEvents,
                                    recoilMassSquared: toy.recoilMassSquared + toy.recoilMassSquared,
                                    massIndex: toy.massIndex + toy.massIndex, masses: toy.masses, resolutions: toy.resolutions,
                                    generated: toy.generated.map { 2 * $0 })
        var rng = RandomStreams(seed: 1004).stream(0)
        let once = (0..<n).map { _ in Float(rng.uniform(0.05, 0.95)) }
        for simple in [false, true] {
            let half = PunziLoss(hypotheses: data.hypotheses(rows: Array(0..<n), windowSigmas: 2), simple: simple)
                .evaluate(outputs: once, weights: data.backgroundWeights(rows: Array(0..<n))).loss
            let whole = PunziLoss(hypotheses: data.hypotheses(rows: Array(0..<(2 * n)), windowSigmas: 2), simple: simple)
                .evaluate(outputs: once + once, weights: data.backgroundWeights(rows: Array(0..<(2 * n)))).loss
            #expect(abs(half - whole) <= 1e-5 * whole, "half \(half), whole \(whole)")
        }
    }

    @Test("Training lowers the Punzi loss, separates the classes and is reproducible")
    func train() throws {
        let data = try toy()
        var rng = RandomStreams(seed: 1002).stream(0)
        let network = try MLP(sizes: [2, 16, 8, 1], activations: [.relu, .relu, .sigmoid], rng: &rng)
        var c = TrainingConfiguration()
        c.crossEntropyEpochs = 3
        c.punziEpochs = 6
        c.batchSize = 1024
        c.learningRate = 5e-3
        let (net, standardisation, history) = try Trainer.train(network, data: data, configuration: c)
        let punzi = history.filter { $0.phase == "punzi" }
        #expect(!punzi.isEmpty && punzi.map(\.validationLoss).min()! <= punzi[0].validationLoss)
        let ce = history.filter { $0.phase == "cross-entropy" }
        #expect(ce.last!.validationLoss < 0.69) // better than a constant output (ln 2)
        var ws = net.makeWorkspace(batch: data.count)
        let x = standardisation.apply(data.features)
        x.withUnsafeBufferPointer { net.forward($0, batch: data.count, &ws) }
        let y = ws.output
        var signalSum = 0.0, backgroundSum = 0.0
        for i in y.indices {
            if data.targets[i] == 1 { signalSum += Double(y[i]) } else { backgroundSum += Double(y[i]) }
        }
        let signalMean = signalSum / 3000, backgroundMean = backgroundSum / 4000
        #expect(signalMean > backgroundMean + 0.3)
        let (again, _, _) = try Trainer.train(network, data: data, configuration: c)
        #expect(again == net)
    }

    @Test("Mismatched inputs are refused")
    func refused() throws {
        #expect(throws: NeuralSelectionError.self) {
            try TrainingData(features: [1, 2, 3], dimension: 2, targets: [1], expectedEvents: [0], recoilMassSquared: [1], massIndex: [0],
                             masses: [1], resolutions: [0.1], generated: [1])
        }
        var rng = RandomStreams(seed: 1).stream(0)
        #expect(throws: NeuralSelectionError.self) { try MLP(sizes: [2], activations: [], rng: &rng) }
    }
}

@Suite("Saved models")
struct TrainedModelTests {
    @Test("A model round-trips through its file and predicts the same outputs; corrupt files are refused")
    func roundTrip() throws {
        var rng = RandomStreams(seed: 1003).stream(0)
        let network = try MLP(sizes: [2, 4, 1], activations: [.relu, .sigmoid], rng: &rng)
        let features: [Float] = [0.5, -1, 2, 3, -0.2, 0.7]
        let model = try TrainedModel(network: network, featureNames: ["x", "y"], standardisation: Standardisation(features: features, dimension: 2),
                                     configuration: TrainingConfiguration(), history: [], createdAt: nil)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let back = try TrainedModel.read(from: url)
        #expect(back == model)
        #expect(back.predict(features) == model.predict(features))
        // Writing again over an existing model replaces it (regression: the second write used to fail
        // and leave no file).
        try model.write(to: url)
        #expect(try TrainedModel.read(from: url) == model)
        try Data("{\"network\": 1}".utf8).write(to: url)
        #expect(throws: NeuralSelectionError.self) { try TrainedModel.read(from: url) }
        #expect(throws: NeuralSelectionError.self) {
            try TrainedModel(network: network, featureNames: ["x"], standardisation: Standardisation(features: features, dimension: 2),
                             configuration: TrainingConfiguration(), history: [])
        }
    }

    @Test("Outputs of more rows than one forward pass takes are each row's own, across the chunks' edges")
    func chunkedPrediction() throws {
        var rng = RandomStreams(seed: 1005).stream(0)
        let network = try MLP(sizes: [2, 4, 1], activations: [.relu, .sigmoid], rng: &rng)
        let n = TrainedModel.predictionChunk + 37
        var features = [Float](repeating: 0, count: 2 * n)
        for i in features.indices { features[i] = Float(rng.uniform() * 4 - 2) }
        let model = try TrainedModel(network: network, featureNames: ["x", "y"], standardisation: Standardisation(features: features, dimension: 2),
                                     configuration: TrainingConfiguration(), history: [], createdAt: nil)
        let all = model.predict(features)
        #expect(all.count == n)
        // Rows on both sides of the first chunk's edge, and the last rows, evaluated alone.
        for r in [0, TrainedModel.predictionChunk - 1, TrainedModel.predictionChunk, n - 1] {
            let alone = model.predict(Array(features[(2 * r)..<(2 * r + 2)]))
            let whole = all[r]
            #expect(abs(alone[0] - whole) <= 1e-6 * max(1, abs(whole)), "row \(r): \(alone[0]) alone, \(whole) in the whole")
        }
    }
}
