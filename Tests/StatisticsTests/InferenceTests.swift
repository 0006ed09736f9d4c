import Foundation
import HEPCore
import RealModule
import Testing
@testable import Statistics

@Suite("Toys, Bayesian limit, discovery")
struct InferenceTests {
    /// A counting experiment: signal `s` x mu over background `b` (optionally with a relative
    /// normsys), `n` observed.
    static func counting(s: Double, b: Double, n: Double, bkgUncertainty: Double? = nil) throws -> (HistFactoryModel, Dataset) {
        let mods: [Workspace.Modifier] = bkgUncertainty.map { [.init(name: "bkg_norm", kind: .normsys(hi: 1 + $0, lo: 1 - $0))] } ?? []
        let ws = Workspace(channels: [.init(name: "SR", samples: [
            .init(name: "signal", data: [s], modifiers: [.init(name: "mu", kind: .normfactor)]),
            .init(name: "background", data: [b], modifiers: mods),
        ])], observations: [.init(name: "SR", data: [n])], measurements: [.init(name: "m", poi: "mu")])
        let model = try ws.model()
        return (model, try model.observedData(in: ws))
    }

    @Test("Toy CLs agrees with asymptotic CLs at high statistics within the toy error")
    func toysVersusAsymptotic() async throws {
        let (model, data) = try Self.counting(s: 40, b: 400, n: 410, bkgUncertainty: 0.02)
        let mu = 1.2
        let asymptotic = try AsymptoticCalculator(model: model, data: data).hypotest(poi: mu)
        let toys = try ToyCalculator(model: model, data: data, toys: 1200, seed: RandomStreams(seed: 2024))
        let r = try await toys.hypotest(poi: mu)
        #expect(r.failedToys == 0)
        // CL_s = CL_s+b / CL_b: propagate the binomial errors.
        let cls = r.result.clsObserved
        let error = cls * ((r.clsbError / r.result.clsbObserved).squaredSum(r.clbError / r.result.clbObserved)).squareRoot()
        #expect(abs(cls - asymptotic.clsObserved) < 3 * error + 0.01, "toys \(cls) +- \(error) vs asymptotic \(asymptotic.clsObserved)")
        #expect(abs(r.result.clsExpected[2] - asymptotic.clsExpected[2]) < 0.05)
    }

    @Test("Toy results are reproducible: each block has its own stream, whatever the scheduling")
    func toyReproducibility() async throws {
        let (model, data) = try Self.counting(s: 5, b: 20, n: 22)
        var a = try ToyCalculator(model: model, data: data, toys: 90, seed: RandomStreams(seed: 5))
        a.blockSize = 90
        var b = a
        b.blockSize = 7
        let ra = try await a.hypotest(poi: 1)
        let rb = try await b.hypotest(poi: 1)
        // Blocks run as concurrent tasks in any order: the toys are still the same every run.
        let ra2 = try await a.hypotest(poi: 1)
        #expect(ra.signalToys == ra2.signalToys && ra.backgroundToys == ra2.backgroundToys)
        #expect(ra.result.clsObserved == ra2.result.clsObserved && ra.result.clsExpected == ra2.result.clsExpected)
        #expect(rb.signalToys.count == 90)
    }

    @Test("Poisson deviates have the right mean and variance in both regimes")
    func poissonSampler() {
        var rng = RandomStreams(seed: 99).stream(3)
        for mean in [0.7, 4.0, 25.0, 900.0] {
            let n = 20_000
            var sum = 0.0, sum2 = 0.0
            for _ in 0..<n {
                let k = rng.poisson(mean: mean)
                #expect(k >= 0 && k == k.rounded())
                sum += k
                sum2 += k * k
            }
            let m = sum / Double(n), v = sum2 / Double(n) - m * m
            #expect(abs(m - mean) < 5 * (mean / Double(n)).squareRoot(), "mean \(m) for \(mean)")
            #expect(abs(v / mean - 1) < 0.06, "variance \(v) for \(mean)")
        }
    }

    @Test("Bayesian flat-prior limit: 0 observed gives s_up = -ln(1 - CL) whatever b")
    func bayesian() throws {
        for b in [0.5, 3.0] {
            let (model, data) = try Self.counting(s: 1, b: b, n: 0)
            let limit = try BayesianUpperLimit(model: model, data: data, confidenceLevel: 0.95)
            #expect(abs(limit.limit - -Double.log(0.05)) < 1e-6, "b = \(b): \(limit.limit)")
        }
        // n = 3, b = 1: the classic (Helene) value, solving
        // 0.05 = e^-s sum_{k<=3} (s + b)^k / k! / sum_{k<=3} b^k / k! (PDG Eq. 40.63) -> s = 6.7523.
        let (model, data) = try Self.counting(s: 1, b: 1, n: 3)
        let limit = try BayesianUpperLimit(model: model, data: data, confidenceLevel: 0.95)
        func tail(_ x: Double) -> Double { (0...3).reduce(0) { $0 + Double.pow(x, $1) / Double((1...max($1, 1)).reduce(1, *)) } * Double.exp(-x) }
        let exact = try BrentRoot.solve(in: (1, 20)) { s in tail(s + 1) / tail(1) - 0.05 }
        #expect(abs(limit.limit - exact) < 1e-5, "\(limit.limit) vs \(exact)")
    }

    @Test("Discovery significance of a counting experiment is Cowan et al.'s Eq. 97 form")
    func discovery() throws {
        let s = 20.0, b = 100.0, n = 135.0
        let (model, data) = try Self.counting(s: s, b: b, n: n)
        let r = try DiscoveryResult(model: model, data: data)
        let z = (2 * (n * Double.log(n / b) - (n - b))).squareRoot()
        #expect(abs(r.significance - z) < 1e-6)
        #expect(abs(r.pValue - NormalDistribution.survival(z)) < 1e-8)
        let zA = (2 * ((s + b) * Double.log(1 + s / b) - s)).squareRoot() // Eq. 97
        #expect(abs(r.expectedSignificance - zA) < 1e-6)
    }

    @Test("The normal quantile inverts the normal CDF")
    func quantile() {
        for p in [1e-10, 0.001, 0.02275, 0.3, 0.5, 0.8413, 0.99, 1 - 1e-9] {
            #expect(abs(NormalDistribution.cdf(NormalDistribution.quantile(p)) - p) < 1e-12 * max(1, 1 / p) * p + 1e-16)
        }
    }
}

private extension Double {
    /// a^2 + b^2.
    func squaredSum(_ other: Double) -> Double { self * self + other * other }
}
