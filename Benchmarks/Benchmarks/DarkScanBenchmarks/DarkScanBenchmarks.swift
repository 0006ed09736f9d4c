import Benchmark
import HEPCore
import Theory

/// Throughput of the foundation pieces every later stage calls in its hot loops. Each benchmark
/// processes `batch` items per iteration and reports throughput per item (scalingFactor), so the
/// numbers read as operations per second on one core.
let benchmarks: @Sendable () -> Void = {
    let batch = 1_000_000
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 20
    )

    Benchmark("Philox uniform doubles") { benchmark in
        var rng = RandomStreams(seed: 1).stream(0)
        var sum = 0.0
        for _ in benchmark.scaledIterations { sum += rng.uniform() }
        blackHole(sum)
    }

    Benchmark("Philox Gaussian deviates") { benchmark in
        var rng = RandomStreams(seed: 2).stream(0)
        var sum = 0.0
        for _ in benchmark.scaledIterations { sum += rng.gaussian() }
        blackHole(sum)
    }

    Benchmark("Lab -> CM transformation of a four-momentum") { benchmark in
        let frame = ColliderFrame.belle
        var p = FourMomentum(e: 5, px: 1, py: 2, pz: 3)
        var sum = 0.0
        for _ in benchmark.scaledIterations {
            let q = frame.labToCM.apply(p)
            sum += q.e
            p.px += 1e-9
        }
        blackHole(sum)
    }

    Benchmark("Histogram1D fill (100 uniform bins)") { benchmark in
        var h = Histogram1D(axis: try BinAxis(count: 100, lower: 0, upper: 1))
        var rng = RandomStreams(seed: 3).stream(0)
        for _ in benchmark.scaledIterations { h.fill(rng.uniform(), weight: 1.5) }
        blackHole(h.integral())
    }

    Benchmark("Z' decay table", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var sum = 0.0
        for i in benchmark.scaledIterations {
            let z = try LmuLtauZPrime(mass: 0.01 + Double(i % 1000) * 0.009, coupling: 1e-3)
            sum += z.decayTable().invisibleBranchingRatio
        }
        blackHole(sum)
    }

    Benchmark("(g-2)_mu loop integral", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var sum = 0.0
        for i in benchmark.scaledIterations {
            sum += try VectorMuonAnomaly.perUnitCouplingSquared(mass: 0.001 * Double(1 + i % 10_000))
        }
        blackHole(sum)
    }
    _ = batch
    generationBenchmarks()
    simulationBenchmarks()
    networkBenchmarks()
    ioBenchmarks()
    statisticsBenchmarks()
    selectionBenchmarks()
}
