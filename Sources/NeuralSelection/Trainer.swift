import HEPCore

/// Events for training the Punzi-loss network: features (row-major, one row per event), the class,
/// the weights each loss needs, and what the Punzi windows need (recoil mass squared, the mass index
/// a signal event was generated at).
public struct TrainingData: Sendable {
    public var features: [Float]
    public var dimension: Int
    /// 1 for signal, 0 for background.
    public var targets: [Float]
    /// Expected events per Monte Carlo event at the target luminosity (backgrounds; 0 for signal).
    public var expectedEvents: [Float]
    /// Each signal event's weight in the Punzi loss's efficiency (1 for an unweighted event; e.g. its
    /// trigger probability; unused for background).
    public var signalWeights: [Float]
    /// Recoil mass squared (GeV^2).
    public var recoilMassSquared: [Double]
    /// Index into `masses` of the mass a signal event was generated at (-1 for background).
    public var massIndex: [Int]
    /// The mass hypotheses (GeV), their M^2 resolutions (GeV^2), and the number of signal events
    /// generated at each (before any selection).
    public var masses: [Double]
    public var resolutions: [Double]
    public var generated: [Double]

    public var count: Int { targets.count }

    public init(features: [Float], dimension: Int, targets: [Float], expectedEvents: [Float], recoilMassSquared: [Double],
                massIndex: [Int], masses: [Double], resolutions: [Double], generated: [Double],
                signalWeights: [Float]? = nil) throws(NeuralSelectionError) {
        let n = targets.count
        guard dimension > 0, features.count == n * dimension, expectedEvents.count == n, recoilMassSquared.count == n,
              massIndex.count == n, masses.count == resolutions.count, masses.count == generated.count, (signalWeights?.count ?? n) == n else {
            throw .invalidInput("column lengths do not match \(n) events of \(dimension) features and \(masses.count) masses")
        }
        guard features.allSatisfy(\.isFinite) else { throw .invalidInput("a feature value is NaN or infinite") }
        guard signalWeights?.allSatisfy({ $0.isFinite && $0 >= 0 }) ?? true else { throw .invalidInput("a signal weight is negative, NaN or infinite") }
        self.signalWeights = signalWeights ?? [Float](repeating: 1, count: n)
        self.features = features
        self.dimension = dimension
        self.targets = targets
        self.expectedEvents = expectedEvents
        self.recoilMassSquared = recoilMassSquared
        self.massIndex = massIndex
        self.masses = masses
        self.resolutions = resolutions
        self.generated = generated
    }

    /// The Punzi hypotheses over the events `rows` (indices into this data), each window
    /// |M^2 - m_k^2| < k sigma_k; signal counts are scaled by the fraction of the sample in `rows`.
    public func hypotheses(rows: [Int], windowSigmas: Double) -> [PunziLoss.Hypothesis] {
        let fraction = Double(rows.count) / Double(max(count, 1))
        return masses.indices.map { k in
            let centre = masses[k] * masses[k], half = windowSigmas * resolutions[k]
            var signal: [Int] = [], background: [Int] = []
            for (position, row) in rows.enumerated() where abs(recoilMassSquared[row] - centre) < half {
                if massIndex[row] == k { signal.append(position) } else if massIndex[row] < 0 { background.append(position) }
            }
            return PunziLoss.Hypothesis(signalInWindow: signal, generated: max(generated[k] * fraction, 1), backgroundInWindow: background)
        }
    }

    /// The background weights (expected events at the target luminosity) of the events `rows`,
    /// divided by the fraction of the sample they are, so that B_k over a mini-batch or the
    /// validation split estimates the full sample's background, as eps_k does through the scaled
    /// generated counts of ``hypotheses(rows:windowSigmas:)``. Without it the loss of a batch of
    /// fraction f sees B scaled by f, and batch and validation losses are not comparable.
    public func backgroundWeights(rows: [Int]) -> [Float] {
        let fraction = Float(rows.count) / Float(max(count, 1))
        return rows.map { expectedEvents[$0] / fraction }
    }
}

/// How a network is trained: binary cross-entropy pre-training with class-balanced weights, then
/// Punzi-loss training (the schedule of arXiv:2110.00810), mini-batches drawn by a seeded shuffle,
/// a validation split and early stopping on the validation loss.
public struct TrainingConfiguration: Sendable, Codable, Equatable {
    public var crossEntropyEpochs = 5
    public var punziEpochs = 20
    public var batchSize = 4096
    /// The Punzi phase's mini-batch (nil: `batchSize`). The loss needs each mass's eps and B from the
    /// batch, so it wants batches large enough to hold signal of every mass (the paper trains it on
    /// the full sample); masses without signal in a batch are left out of its loss.
    public var punziBatchSize: Int? = nil
    public var learningRate: Float = 3e-4
    public var validationFraction = 0.25
    public var patience = 5
    public var windowSigmas = 2.0
    public var simplePunzi = false
    /// The Punzi loss's relative background uncertainty r: B + (r B)^2 for B (0: the paper's loss;
    /// ``PunziLoss``).
    public var punziBackgroundUncertainty = 0.0
    public var seed: UInt64 = 1
    public init() {}

    enum CodingKeys: String, CodingKey {
        case crossEntropyEpochs, punziEpochs, batchSize, punziBatchSize, learningRate, validationFraction, patience, windowSigmas
        case simplePunzi, punziBackgroundUncertainty, seed
    }

    /// Decodes a configuration; `punziBackgroundUncertainty` may be absent (models written before
    /// DarkScan 0.5.0 trained with the paper's loss: 0).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        crossEntropyEpochs = try c.decode(Int.self, forKey: .crossEntropyEpochs)
        punziEpochs = try c.decode(Int.self, forKey: .punziEpochs)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        punziBatchSize = try c.decodeIfPresent(Int.self, forKey: .punziBatchSize)
        learningRate = try c.decode(Float.self, forKey: .learningRate)
        validationFraction = try c.decode(Double.self, forKey: .validationFraction)
        patience = try c.decode(Int.self, forKey: .patience)
        windowSigmas = try c.decode(Double.self, forKey: .windowSigmas)
        simplePunzi = try c.decode(Bool.self, forKey: .simplePunzi)
        punziBackgroundUncertainty = try c.decodeIfPresent(Double.self, forKey: .punziBackgroundUncertainty) ?? 0
        seed = try c.decode(UInt64.self, forKey: .seed)
    }
}

/// One epoch's record.
public struct EpochRecord: Sendable, Equatable {
    public var phase: String
    public var epoch: Int
    public var trainingLoss: Double
    public var validationLoss: Double
}

/// Trains an MLP on `TrainingData` with OpenBLAS forward/backward passes and Adam.
public enum Trainer {
    /// Trains `network` (its input size must equal the data's dimension); returns the best network on
    /// the validation sample of the Punzi phase (or of the cross-entropy phase if there is none), the
    /// standardisation, and the history. `progress` receives each epoch's record.
    public static func train(_ network: MLP, data: TrainingData, configuration c: TrainingConfiguration,
                             progress: ((EpochRecord) -> Void)? = nil) throws(NeuralSelectionError) -> (MLP, Standardisation, [EpochRecord]) {
        guard network.sizes.first == data.dimension, network.sizes.last == 1 else {
            throw .invalidArchitecture("network inputs \(network.sizes.first ?? 0) for \(data.dimension) features, \(network.sizes.last ?? 0) outputs")
        }
        var rng = RandomStreams(seed: c.seed).child("training").stream(0)
        // Split: a seeded permutation, the first part for validation.
        var order = Array(0..<data.count)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.uniform() * Double(i + 1))) }
        let nValidation = Int(Double(data.count) * c.validationFraction)
        let validation = Array(order.prefix(nValidation)), training = Array(order.dropFirst(nValidation))
        guard !training.isEmpty else { throw .invalidInput("no training events") }
        let trainingFeatures = training.flatMap { r in data.features[(r * data.dimension)..<((r + 1) * data.dimension)] }
        let standardisation = Standardisation(features: trainingFeatures, dimension: data.dimension)
        let features = standardisation.apply(data.features)
        // Class-balanced cross-entropy weights: each class sums to half.
        let nSignal = data.targets.reduce(0, +), nBackground = Float(data.count) - nSignal
        let balance = data.targets.map { $0 == 1 ? 0.5 / max(nSignal, 1) : 0.5 / max(nBackground, 1) }

        var net = network
        var adam = Adam(for: net, learningRate: c.learningRate)
        var history: [EpochRecord] = []
        let d = data.dimension
        func rows(_ indices: [Int]) -> [Float] {
            var out = [Float](repeating: 0, count: indices.count * d)
            features.withUnsafeBufferPointer { f in
                out.withUnsafeMutableBufferPointer { o in
                    for (k, r) in indices.enumerated() {
                        for j in 0..<d { o[k * d + j] = f[r * d + j] }
                    }
                }
            }
            return out
        }
        func outputs(_ n: MLP, _ indices: [Int]) -> [Float] {
            var ws = n.makeWorkspace(batch: indices.count)
            rows(indices).withUnsafeBufferPointer { n.forward($0, batch: indices.count, &ws) }
            return ws.output
        }
        func loss(_ n: MLP, _ indices: [Int], punzi: Bool) -> Double {
            let y = outputs(n, indices)
            if punzi {
                let l = PunziLoss(hypotheses: data.hypotheses(rows: indices, windowSigmas: c.windowSigmas), simple: c.simplePunzi,
                                  relativeBackgroundUncertainty: c.punziBackgroundUncertainty)
                return l.evaluate(outputs: y, weights: data.backgroundWeights(rows: indices), signalWeights: indices.map { data.signalWeights[$0] }).loss
            }
            return BinaryCrossEntropy.evaluate(outputs: y, targets: indices.map { data.targets[$0] }, weights: indices.map { balance[$0] }).loss
        }
        var best = net
        for (phase, epochs, punzi) in [("cross-entropy", c.crossEntropyEpochs, false), ("punzi", c.punziEpochs, true)] where epochs > 0 {
            var bestLoss = Double.infinity, stale = 0
            best = net
            let batchSize = punzi ? (c.punziBatchSize ?? c.batchSize) : c.batchSize
            for epoch in 1...epochs {
                var shuffled = training
                for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, Int(rng.uniform() * Double(i + 1))) }
                var total = 0.0, batches = 0
                var ws = net.makeWorkspace(batch: min(batchSize, shuffled.count))
                for start in stride(from: 0, to: shuffled.count, by: batchSize) {
                    let batch = Array(shuffled[start..<min(start + batchSize, shuffled.count)])
                    rows(batch).withUnsafeBufferPointer { net.forward($0, batch: batch.count, &ws) }
                    let (l, g): (Double, [Float])
                    if punzi {
                        let loss = PunziLoss(hypotheses: data.hypotheses(rows: batch, windowSigmas: c.windowSigmas), simple: c.simplePunzi,
                                         relativeBackgroundUncertainty: c.punziBackgroundUncertainty)
                        // A batch with no signal of any mass has no loss to follow.
                        guard loss.hypotheses.contains(where: { !$0.signalInWindow.isEmpty }) else { continue }
                        (l, g) = loss.evaluate(outputs: ws.output, weights: data.backgroundWeights(rows: batch),
                                               signalWeights: batch.map { data.signalWeights[$0] })
                    } else {
                        (l, g) = BinaryCrossEntropy.evaluate(outputs: ws.output, targets: batch.map { data.targets[$0] }, weights: batch.map { balance[$0] })
                    }
                    guard l.isFinite else { continue }
                    net.backward(outputGradient: g, &ws)
                    adam.update(&net, gradients: ws)
                    total += l
                    batches += 1
                }
                let validationLoss = validation.isEmpty ? total / Double(max(batches, 1)) : loss(net, validation, punzi: punzi)
                let record = EpochRecord(phase: phase, epoch: epoch, trainingLoss: total / Double(max(batches, 1)), validationLoss: validationLoss)
                history.append(record)
                progress?(record)
                if validationLoss < bestLoss {
                    bestLoss = validationLoss
                    best = net
                    stale = 0
                } else {
                    stale += 1
                    if stale >= c.patience { break }
                }
            }
            net = best
        }
        return (best, standardisation, history)
    }
}
