import Foundation
import HEPCore
import Testing
@testable import Statistics

@Suite("Likelihood, gradient, interpolation and minimiser")
struct LikelihoodTests {
    @Test("Analytic gradient agrees with central finite differences", arguments: ["many_nuisances", "edges", "staterror_lumi", "shape_histosys_shapesys"])
    func gradient(name: String) throws {
        let ws = try Workspace.read(from: validationDirectory.appendingPathComponent("workspaces/\(name).json"))
        let model = try ws.model()
        let data = try model.observedData(in: ws)
        var rng = RandomStreams(seed: 11).child(name).stream(0)
        for _ in 0..<3 {
            // A random point inside the bounds, near the initial values; alphas beyond +-1 too.
            let p = zip(model.suggestedInit, model.suggestedBounds).map { x, b in
                b.clamp(x + rng.uniform(-0.6, 0.6) * min(b.upper - b.lower, 2) * (x == 0 ? 3 : 0.5))
            }
            var g = [Double](repeating: 0, count: model.parameterCount)
            let f = model.reducedNLL(p, data: data, gradient: &g)
            #expect(abs(f - model.reducedNLL(p, data: data)) <= 1e-12 * max(1, abs(f)))
            for i in 0..<model.parameterCount {
                let h = 1e-6 * max(1, abs(p[i]))
                var up = p, down = p
                up[i] += h
                down[i] -= h
                let numeric = (model.reducedNLL(up, data: data) - model.reducedNLL(down, data: data)) / (2 * h)
                #expect(abs(g[i] - numeric) <= 1e-5 * max(1, abs(numeric)), "\(name) \(model.parameterNames[i]): \(g[i]) vs \(numeric)")
            }
        }
    }

    @Test("Code 4 is continuous with continuous first and second derivatives at alpha = +-1")
    func code4() {
        for (hi, lo) in [(1.2, 0.85), (1.05, 1.05), (0.7, 1.4), (1.0, 1.0)] {
            let f = Interpolation.Code4(hi: hi, lo: lo)
            #expect(abs(f(0).value - 1) < 1e-15)
            #expect(abs(f(1).value - hi) < 1e-14 && abs(f(-1).value - lo) < 1e-14)
            for edge in [-1.0, 1.0] {
                let e = 1e-7
                let inside = f(edge * (1 - e)), outside = f(edge * (1 + e))
                #expect(abs(inside.value - outside.value) < 1e-6)
                #expect(abs(inside.derivative - outside.derivative) < 1e-5)
                let d2Inside = (f(edge * (1 - e)).derivative - f(edge * (1 - 2 * e)).derivative) / (e * edge)
                let d2Outside = (f(edge * (1 + 2 * e)).derivative - f(edge * (1 + e)).derivative) / (e * edge)
                #expect(abs(d2Inside - d2Outside) < 1e-3)
            }
        }
    }

    @Test("Code 4p reproduces the variations at alpha = +-1 and is linear beyond")
    func code4p() {
        let up = 3.0, down = 1.5
        #expect(abs(Interpolation.code4p(1, deltaUp: up, deltaDown: down).value - up) < 1e-15)
        #expect(abs(Interpolation.code4p(-1, deltaUp: up, deltaDown: down).value + down) < 1e-15)
        #expect(Interpolation.code4p(2.5, deltaUp: up, deltaDown: down).value == 2.5 * up)
        #expect(Interpolation.code4p(0, deltaUp: up, deltaDown: down).value == 0)
        // Smooth joins: the derivative at +-1 from inside equals the slope outside.
        #expect(abs(Interpolation.code4p(1, deltaUp: up, deltaDown: down).derivative - up) < 1e-14)
        #expect(abs(Interpolation.code4p(-1, deltaUp: up, deltaDown: down).derivative - down) < 1e-14)
    }

    @Test("The bounded minimiser finds bounded and interior minima")
    func minimiser() {
        let m = BoundedMinimizer()
        // Rosenbrock, minimum (1, 1) inside the box.
        let r = m.minimize(start: [-1.2, 1], bounds: [Bounds(-5, 5), Bounds(-5, 5)], fixed: [false, false]) { x, g in
            g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0])
            g[1] = 200 * (x[1] - x[0] * x[0])
            return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
        }
        #expect(r.status == .converged)
        #expect(abs(r.x[0] - 1) < 1e-7 && abs(r.x[1] - 1) < 1e-7)
        // The same with x1 <= 0.5: the minimum is on the bound.
        let b = m.minimize(start: [0, 0], bounds: [Bounds(-5, 5), Bounds(-5, 0.5)], fixed: [false, false]) { x, g in
            g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0])
            g[1] = 200 * (x[1] - x[0] * x[0])
            return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
        }
        #expect(b.status == .converged)
        #expect(b.x[1] == 0.5)
        #expect(abs(b.x[0] - 0.7085) < 1e-3)
        // A fixed parameter stays put.
        let f = m.minimize(start: [3, 2], bounds: [Bounds(-5, 5), Bounds(-5, 5)], fixed: [false, true]) { x, g in
            g[0] = 2 * (x[0] - x[1]); g[1] = -2 * (x[0] - x[1])
            return (x[0] - x[1]) * (x[0] - x[1])
        }
        #expect(f.x[1] == 2 && abs(f.x[0] - 2) < 1e-9)
    }

    @Test("Hessian uncertainties of a counting fit match the analytic ones")
    func uncertainties() throws {
        // n = 100 observed, b = 50 known, s = 25 mu: mu_hat = 2, sigma(mu) = sqrt(n) / 25 = 0.4.
        let ws = Workspace(channels: [.init(name: "SR", samples: [
            .init(name: "s", data: [25], modifiers: [.init(name: "mu", kind: .normfactor)]),
            .init(name: "b", data: [50]),
        ])], observations: [.init(name: "SR", data: [100])], measurements: [.init(name: "m", poi: "mu")])
        let model = try ws.model()
        let data = try model.observedData(in: ws)
        let fit = model.withUncertainties(model.fit(data: data), data: data)
        #expect(abs(fit.parameters[0] - 2) < 1e-7)
        let sigma = try #require(fit.uncertainties?[0])
        #expect(abs(sigma - 0.4) < 1e-6)
    }
}
