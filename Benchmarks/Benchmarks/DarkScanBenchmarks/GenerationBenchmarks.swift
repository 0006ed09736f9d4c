import Benchmark
import EventGeneration
import HEPCore

/// Unweighted events per second on one core for each process: the generator is integrated once in
/// the benchmark's setup (not timed), then each iteration samples `events` unit-weight events with
/// one thread. Throughput is reported per event.
func generationBenchmarks() {
    let events = 1_000 // = the .kilo scaling factor: throughput reads as events per second
    let cases: [(String, @Sendable () throws -> any ScatteringProcess)] = [
        ("mumu-gamma", { try LeptonPairGamma() }),
        ("mumu-zprime (m = 1 GeV, Z' -> nu nu)", { try MuMuZPrime(mass: 1.0) }),
        ("mumu-zprime (m = 5 GeV, Z' -> mu mu)", { try MuMuZPrime(mass: 5.0, decay: .muons) }),
        ("tautau-gamma (taus decayed)", { try LeptonPairGamma(lepton: .tau) }),
        ("eemumu (m(mu mu) > 0.5 GeV)", { try FourLepton(kind: .eeMuMu) }),
        ("mumumumu", { try FourLepton(kind: .muMuMuMu) }),
        ("mumutautau (taus decayed)", { try FourLepton(kind: .muMuTauTau) }),
        ("mumu-born", { LeptonPairBorn() }),
    ]
    for (name, make) in cases {
        Benchmark("Unweighted events, one core: \(name)",
                  configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 5)) { benchmark in
            var options = GeneratorOptions(collider: .belle)
            options.threads = 1
            options.pointsPerIteration = 10_000
            if name.hasPrefix("eemumu") { options.adaptationIterations = 10; options.pointsPerIteration = 50_000 }
            var generator = try MonteCarloGenerator(process: make(), options: options)
            let sigma = try await generator.integrate(points: 20_000)
            benchmark.startMeasurement()
            let (sample, _) = try await generator.generate(events: events, weighted: false, maxWeight: sigma.unweightingMaxWeight)
            benchmark.stopMeasurement()
            blackHole(sample.count)
        }
    }
}
