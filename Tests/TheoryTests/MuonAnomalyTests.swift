import HEPCore
import RealModule
import Testing
import Theory

@Suite("(g-2)_mu from the Z'")
struct MuonAnomalyTests {
    let mMu = ParticleData.muon.mass

    @Test("Massless limit g^2/(8 pi^2) to 1e-6")
    func masslessLimit() throws {
        // The leading correction is -pi M/m_mu relative; M = 1e-9 GeV makes it 3e-8.
        let g = 2e-3
        let got = try VectorMuonAnomaly.deltaAMu(mass: 1e-9, coupling: g)
        let limit = g * g / (8 * Double.pi * Double.pi)
        #expect(abs(got / limit - 1) < 1e-6)
    }

    @Test("Heavy limit g^2 m_mu^2/(12 pi^2 M^2) to 1e-6")
    func heavyLimit() throws {
        // Corrections are O((m/M)^2 ln(M/m)^2) = 2e-7 at M = 1 TeV.
        let g = 0.5, M = 1000.0
        let got = try VectorMuonAnomaly.deltaAMu(mass: M, coupling: g)
        let limit = g * g * mMu * mMu / (12 * Double.pi * Double.pi * M * M)
        #expect(abs(got / limit - 1) < 1e-6)
    }

    @Test("Next-to-leading small-mass behaviour: 1 - pi M/m_mu")
    func smallMassSlope() throws {
        // From the integral: Delta a / (g^2/8 pi^2) = 1 - pi M/m + O((M/m)^2 ln): at M/m = 1e-4
        // the O(1e-8) remainder is far below the 1e-6 tolerance.
        let M = 1e-4 * mMu
        let ratio = try VectorMuonAnomaly.perUnitCouplingSquared(mass: M) * 8 * Double.pi * Double.pi
        #expect(abs(ratio - (1 - Double.pi * 1e-4)) < 1e-6)
    }

    @Test("Inversion g'(Delta a_mu, m) is exact", arguments: [0.001, 0.1, 1, 10])
    func inversion(mass: Double) throws {
        let g = 7e-4
        let delta = try VectorMuonAnomaly.deltaAMu(mass: mass, coupling: g)
        #expect(abs(try VectorMuonAnomaly.coupling(forDeltaAMu: delta, mass: mass) / g - 1) < 1e-13)
        #expect(throws: TheoryError.self) { try VectorMuonAnomaly.coupling(forDeltaAMu: -1e-9, mass: mass) }
    }

    @Test("Monotonic in the mass")
    func monotonic() throws {
        var last = Double.infinity
        for m in try MassGrid(start: 1e-3, stop: 100, count: 40, spacing: .log).masses {
            let a = try VectorMuonAnomaly.perUnitCouplingSquared(mass: m)
            #expect(a < last)
            last = a
        }
    }

    @Test("The favoured band: ordering, centre, and upper-bound-only for 2025")
    func band() throws {
        let b = try FavouredBand(vectorMass: 0.1, input: .fnal2023)
        let low = try #require(b.lowerCoupling), mid = try #require(b.centralCoupling), high = try #require(b.upperCoupling)
        #expect(low < mid && mid < high)
        #expect(abs(try VectorMuonAnomaly.deltaAMu(mass: 0.1, coupling: mid) / 249e-11 - 1) < 1e-12)
        #expect(abs(try VectorMuonAnomaly.deltaAMu(mass: 0.1, coupling: high) / (249e-11 + 96e-11) - 1) < 1e-12)
        #expect(!b.isUpperBoundOnly)
        // 2025: 38 - 2 x 63 < 0, so the interval reaches zero.
        let b25 = try FavouredBand(vectorMass: 0.1, input: .final2025)
        #expect(b25.isUpperBoundOnly && b25.lowerCoupling == nil && b25.upperCoupling != nil)
        // At 0.5 sigma the 2025 interval has a lower edge again.
        #expect(!(try FavouredBand(vectorMass: 0.1, input: .final2025, sigmas: 0.5)).isUpperBoundOnly)
        #expect(throws: TheoryError.self) { try MuonAnomalyInput.named("2019") }
        #expect(try MuonAnomalyInput.named("2021").sigmaE11 == 59)
    }
}
