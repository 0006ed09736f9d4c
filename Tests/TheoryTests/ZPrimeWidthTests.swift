import HEPCore
import RealModule
import Testing
@testable import Theory

@Suite("L_mu - L_tau Z' widths")
struct ZPrimeWidthTests {
    let mMu = ParticleData.muon.mass
    let mTau = ParticleData.tau.mass

    /// Closed forms written out independently of the library (shared/PHYSICS.md):
    /// Gamma(l l) = g^2 m/(12 pi) (1 + 2 r) sqrt(1 - 4 r), r = m_l^2/m^2; Gamma(nu nu) = g^2 m/(24 pi).
    func closedForm(_ m: Double, _ g: Double, _ ml: Double) -> Double {
        guard m > 2 * ml else { return 0 }
        let r = ml * ml / (m * m)
        return g * g * m / 12 / Double.pi * (1 + 2 * r) * Double.sqrt(1 - 4 * r)
    }

    @Test("Every partial width matches its closed form", arguments: [0.05, 0.2113, 0.3, 1, 3.5, 3.6, 5, 9.9])
    func widths(mass: Double) throws {
        let g = 3e-4
        let table = try LmuLtauZPrime(mass: mass, coupling: g).decayTable()
        let width = Dictionary(uniqueKeysWithValues: table.entries.map { ($0.channel.label, $0.width ?? .nan) })
        #expect(relativeOrZero(width["mu+ mu-"]!, closedForm(mass, g, mMu)) < 1e-14)
        #expect(relativeOrZero(width["tau+ tau-"]!, closedForm(mass, g, mTau)) < 1e-14)
        #expect(relativeOrZero(width["nu_mu nubar_mu"]!, g * g * mass / (24 * Double.pi)) < 1e-14)
        #expect(relativeOrZero(width["nu_tau nubar_tau"]!, g * g * mass / (24 * Double.pi)) < 1e-14)
        #expect(relativeOrZero(table.totalWidth, width.values.reduce(0, +)) < 1e-14)
    }

    @Test("Branching ratios sum to 1 in every scenario", arguments: [0.01, 0.22, 1, 4, 9])
    func brSum(mass: Double) throws {
        for scenario: LmuLtauZPrime.Scenario in [.vanilla, .fullyInvisible, .darkFermion(mass: 0.05, chargeRatio: 2)] {
            let table = try LmuLtauZPrime(mass: mass, coupling: 1e-3, scenario: scenario).decayTable()
            let sum = table.entries.reduce(0) { $0 + $1.branchingRatio }
            #expect(abs(sum - 1) < 1e-14, "\(scenario.name) at \(mass) GeV")
        }
    }

    @Test("Thresholds at 2 m_mu and 2 m_tau")
    func thresholds() throws {
        for (ml, channel) in [(mMu, DecayChannel.muons), (mTau, DecayChannel.taus)] {
            let below = try LmuLtauZPrime(mass: 2 * ml * (1 - 1e-9), coupling: 1).decayTable()
            let above = try LmuLtauZPrime(mass: 2 * ml * (1 + 1e-6), coupling: 1).decayTable()
            #expect(below.branchingRatio(channel) == 0)
            #expect(above.branchingRatio(channel) > 0)
            // The width opens like beta = sqrt(1 - 4 r): continuous at threshold.
            #expect(above.branchingRatio(channel) < 1e-2)
        }
    }

    @Test("BR(invisible) is 1 below 2 m_mu, ~1/2 between 2 m_mu and 2 m_tau, ~1/3 far above")
    func invisibleRegimes() throws {
        #expect(try LmuLtauZPrime(mass: 0.2, coupling: 1e-3).decayTable().invisibleBranchingRatio == 1)
        let mid = try LmuLtauZPrime(mass: 3.0, coupling: 1e-3).decayTable().invisibleBranchingRatio
        #expect(abs(mid - 0.5) < 1e-3)
        // At m >> m_tau both charged widths approach g^2 m/(12 pi): BR(inv) -> 1/3.
        let high = try LmuLtauZPrime(mass: 1000, coupling: 1e-3).decayTable().invisibleBranchingRatio
        #expect(abs(high - 1.0 / 3) < 1e-5)
        #expect(try LmuLtauZPrime(mass: 1, coupling: 1e-3, scenario: .fullyInvisible).decayTable().invisibleBranchingRatio == 1)
    }

    @Test("Widths scale exactly as g'^2; BRs do not depend on g'")
    func couplingScaling() throws {
        let z1 = try LmuLtauZPrime(mass: 4, coupling: 1)
        let z2 = try z1.withCoupling(2e-3)
        #expect(relativeOrZero(z2.decayTable().totalWidth, 4e-6 * z1.decayTable().totalWidth) < 1e-14)
        #expect(z2.decayTable().invisibleBranchingRatio == z1.decayTable().invisibleBranchingRatio)
        let d1 = try LmuLtauZPrime(mass: 4, coupling: 1e-2, scenario: .darkFermion(mass: 1, chargeRatio: 3))
        let d2 = try d1.withCoupling(1e-4)
        #expect(abs(d1.decayTable().invisibleBranchingRatio - d2.decayTable().invisibleBranchingRatio) < 1e-15)
    }

    @Test("Dark fermion width and the fully invisible limit")
    func darkSector() throws {
        let g = 1e-3, q = 5.0, mChi = 0.3, m = 2.0
        let z = try LmuLtauZPrime(mass: m, coupling: g, scenario: .darkFermion(mass: mChi, chargeRatio: q))
        let chi = try #require(z.decayTable().entries.first { $0.channel == .darkFermions }?.width)
        #expect(relativeOrZero(chi, closedForm(m, q * g, mChi)) < 1e-14)
        // Closed below 2 m_chi.
        let closed = try LmuLtauZPrime(mass: 0.5, coupling: g, scenario: .darkFermion(mass: 0.3, chargeRatio: q))
        #expect(closed.decayTable().branchingRatio(.darkFermions) == 0)
        // Fully invisible: BR(chi chi) = 1, total width a lower bound equal to the SM widths.
        let full = try LmuLtauZPrime(mass: m, coupling: g, scenario: .fullyInvisible).decayTable()
        #expect(full.totalWidthIsLowerBound)
        #expect(full.branchingRatio(.darkFermions) == 1 && full.branchingRatio(.muons) == 0)
        #expect(relativeOrZero(full.totalWidth, try LmuLtauZPrime(mass: m, coupling: g).decayTable().totalWidth) < 1e-15)
    }

    @Test("Lifetime and decay lengths follow from the width")
    func lifetime() throws {
        let table = try LmuLtauZPrime(mass: 1, coupling: 1e-4).decayTable()
        #expect(relativeOrZero(table.properLifetimeSeconds, 6.582119569e-25 / table.totalWidth) < 1e-15)
        #expect(relativeOrZero(table.properDecayLengthMetres, table.properLifetimeSeconds * 299_792_458) < 1e-9)
        #expect(relativeOrZero(table.labDecayLengthMetres(mass: 1, momentum: 5), 5 * table.properDecayLengthMetres) < 1e-15)
    }

    @Test("Bad parameters give errors naming the parameter")
    func refused() {
        #expect(throws: TheoryError.self) { try LmuLtauZPrime(mass: -1, coupling: 1e-3) }
        #expect(throws: TheoryError.self) { try LmuLtauZPrime(mass: .nan, coupling: 1e-3) }
        #expect(throws: TheoryError.self) { try LmuLtauZPrime(mass: 1, coupling: 0) }
        #expect(throws: TheoryError.self) { try LmuLtauZPrime(mass: 1, coupling: 3.6) }
        #expect(throws: TheoryError.self) { try LmuLtauZPrime(mass: 1, coupling: 1, scenario: .darkFermion(mass: -1, chargeRatio: 1)) }
        #expect(throws: TheoryError.self) { try LmuLtauZPrime(mass: 1, coupling: 1, scenario: .darkFermion(mass: 0.1, chargeRatio: 10)) }
        do {
            _ = try LmuLtauZPrime(mass: 1, coupling: 4)
        } catch {
            #expect(error.description.contains("g' = 4.0"))
        }
        // sqrt(4 pi) itself is allowed.
        #expect((try? LmuLtauZPrime(mass: 1, coupling: (4 * Double.pi).squareRoot())) != nil)
    }

    private func relativeOrZero(_ a: Double, _ b: Double) -> Double {
        let s = max(abs(a), abs(b))
        return s == 0 ? 0 : abs(a - b) / s
    }
}
