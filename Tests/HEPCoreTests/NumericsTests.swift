@testable import HEPCore
import RealModule
import Testing

@Suite("Integration and root finding")
struct NumericsTests {
    /// The Kronrod rule integrates x^k exactly on [0, 1] for k <= 22 and the Gauss rule for k <= 13
    /// (3n + 1 and 2n - 1 for n = 7): any mistyped node or weight breaks this.
    @Test("Gauss-Kronrod 7-15 rules are exact to their polynomial degree")
    func polynomialExactness() {
        for k in 0...22 {
            let exact = 1 / Double(k + 1)
            let r = GaussKronrod.rule({ (x: Double) -> Double in Double.pow(x, k) }, 0, 1)
            #expect(abs(r.kronrod - exact) < 1e-15, "Kronrod x^\(k)")
            if k <= 13 { #expect(abs(r.gauss - exact) < 1e-15, "Gauss x^\(k)") }
        }
        // Degree 14 is not exact for the Gauss rule: the test above can tell them apart.
        let r = GaussKronrod.rule({ (x: Double) -> Double in Double.pow(x, 14) }, 0, 1)
        #expect(abs(r.gauss - 1.0 / 15) > 1e-12)
    }

    @Test("Adaptive integration of a sharp peak, with an honest error estimate")
    func sharpPeak() throws {
        // Integral_{-1}^{1} dx eps / (x^2 + eps^2) = 2 atan(1/eps).
        let eps = 1e-4
        let exact = 2 * Double.atan(1 / eps)
        let r = try GaussKronrod.integrate(from: -1, to: 1, relativeTolerance: 1e-10) { x in eps / (x * x + eps * eps) }
        #expect(abs(r.value - exact) < 1e-9 * exact)
        #expect(abs(r.value - exact) <= r.error + 1e-15)
        // Integrable endpoint singularity: Integral_0^1 dx / sqrt(x) = 2.
        let s = try GaussKronrod.integrate(from: 0, to: 1, relativeTolerance: 1e-10) { x in 1 / x.squareRoot() }
        #expect(abs(s.value - 2) < 1e-8)
        // Reversed limits change the sign.
        let rev = try GaussKronrod.integrate(from: 1, to: 0) { x in x }
        #expect(abs(rev.value + 0.5) < 1e-15)
    }

    @Test("Non-finite integrands and impossible tolerances are reported")
    func integrationFailures() {
        #expect(throws: HEPCoreError.self) { try GaussKronrod.integrate(from: 0, to: 1) { _ in .nan } }
        #expect(throws: HEPCoreError.self) { try GaussKronrod.integrate(from: 0, to: .infinity) { x in x } }
        #expect(throws: HEPCoreError.self) {
            try GaussKronrod.integrate(from: 0, to: 1, relativeTolerance: 1e-15, maxIntervals: 3) { x in Double.sin(1 / (x + 1e-3)) }
        }
    }

    @Test("Brent finds roots of smooth and awkward functions")
    func brent() throws {
        let sqrt2 = try BrentRoot.solve(in: (0, 2)) { x in x * x - 2 }
        #expect(abs(sqrt2 - 2.0.squareRoot()) < 1e-12)
        let cosRoot = try BrentRoot.solve(in: (0, 3)) { x in Double.cos(x) }
        #expect(abs(cosRoot - Double.pi / 2) < 1e-12)
        // A step-like function (tanh with a 1e-6 scale) still converges.
        let step = try BrentRoot.solve(in: (-1, 2)) { x in Double.tanh((x - 0.3) * 1e6) }
        #expect(abs(step - 0.3) < 1e-9)
        // Flat near the root: (x - 1)^3.
        let cubic = try BrentRoot.solve(in: (0, 3), tolerance: 1e-14) { x in (x - 1) * (x - 1) * (x - 1) }
        #expect(abs(cubic - 1) < 1e-4)
        #expect(try BrentRoot.solve(in: (1, 5)) { x in x - 1 } == 1)
    }

    @Test("Brent refuses an interval without a sign change")
    func notBracketed() {
        #expect(throws: HEPCoreError.rootNotBracketed(a: 0, b: 1, fa: 1, fb: 2)) {
            try BrentRoot.solve(in: (0, 1)) { x in x + 1 }
        }
    }
}
