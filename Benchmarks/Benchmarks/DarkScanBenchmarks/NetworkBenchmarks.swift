import Benchmark
import HEPCore
import NeuralSelection

/// One epoch of binary cross-entropy training of the seed's network (14 inputs, 32-64-64-32-16-8-1)
/// on 10^6 events, at batch sizes 1024 and 8192 (the scale: PyTorch 2.13 takes about 2.5 s per
/// epoch at batch 1024 on these two cores). The data set is built in the setup, not timed.
func networkBenchmarks() {
    for batch in [1024, 8192] {
        Benchmark("Network epoch, 1e6 events, batch \(batch)",
                  configuration: .init(metrics: [.wallClock], maxDuration: .seconds(30), maxIterations: 3)) { benchmark in
            let n = 1_000_000, d = 14
            var rng = RandomStreams(seed: 1).stream(0)
            let features = (0..<(n * d)).map { _ in Float(rng.gaussian()) }
            let targets = (0..<n).map { _ in Float(rng.uniform() < 0.5 ? 1 : 0) }
            let data = try TrainingData(features: features, dimension: d, targets: targets, expectedEvents: targets.map { 1 - $0 },
                                        recoilMassSquared: [Double](repeating: 1, count: n), massIndex: targets.map { $0 == 1 ? 0 : -1 },
                                        masses: [1], resolutions: [0.1], generated: [Double(n / 2)])
            let network = try MLP(sizes: [14, 32, 64, 64, 32, 16, 8, 1], activations: [.relu, .relu, .relu, .relu, .relu, .relu, .sigmoid], rng: &rng)
            var c = TrainingConfiguration()
            c.crossEntropyEpochs = 1
            c.punziEpochs = 0
            c.batchSize = batch
            c.validationFraction = 0
            benchmark.startMeasurement()
            let (trained, _, _) = try Trainer.train(network, data: data, configuration: c)
            benchmark.stopMeasurement()
            blackHole(trained.parameterCount)
        }
    }
}
