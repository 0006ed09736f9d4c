import Benchmark
import DetectorSimulation
import EventGeneration
import Features
import HEPCore

/// Simulated and featurised events per second on one core: 1,000 e+e- -> mu+ mu- Z' (1 GeV, Z' ->
/// nu nu) events are generated once (not timed), then each iteration simulates them with the Belle card
/// (or computes their features). Throughput reads as events per second.
func simulationBenchmarks() {
    let events = 1_000 // = the .kilo scaling factor: throughput reads as events per second
    Benchmark("Belle fast simulation, one core (mu mu Z' events)",
              configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 5)) { benchmark in
        let sample = try await signalSample(events: events)
        let simulator = try DetectorSimulator(card: try DetectorCard.named("belle"))
        benchmark.startMeasurement()
        let (reco, _) = try await simulator.simulate(sample, seed: 1, threads: 1)
        benchmark.stopMeasurement()
        blackHole(reco.count)
    }
    Benchmark("Z' features, one core (mu mu Z' events)",
              configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 5)) { benchmark in
        let sample = try await signalSample(events: events)
        let (reco, _) = try await DetectorSimulator(card: try DetectorCard.named("belle")).simulate(sample, seed: 1, threads: 1)
        benchmark.startMeasurement()
        let table = try await ZPrimeFeatures.table(reco, threads: 1)
        benchmark.stopMeasurement()
        blackHole(table.count)
    }
}

func signalSample(events: Int) async throws -> EventSample {
    var options = GeneratorOptions(collider: .belle)
    options.threads = 2
    var generator = try MonteCarloGenerator(process: try MuMuZPrime(mass: 1.0), options: options)
    let sigma = try await generator.integrate(points: 20_000)
    return try await generator.generate(events: events, weighted: false, maxWeight: sigma.unweightingMaxWeight).0
}
