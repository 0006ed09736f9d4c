import Foundation
import Testing
import Theory
@testable import Statistics

@Suite("Z' model builder, g' limits, workspace round trip")
struct ZPrimeModelTests {
    /// Workspaces equal up to floating-point rounding in their numbers.
    func nearlyEqual(_ a: Workspace, _ b: Workspace) -> Bool {
        func close(_ x: [Double], _ y: [Double]) -> Bool { x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) } }
        guard a.channels.count == b.channels.count, a.observations.count == b.observations.count, a.measurements == b.measurements else { return false }
        for (c, d) in zip(a.channels, b.channels) {
            guard c.name == d.name, c.samples.count == d.samples.count else { return false }
            for (s, t) in zip(c.samples, d.samples) {
                guard s.name == t.name, close(s.data, t.data), s.modifiers.count == t.modifiers.count else { return false }
                for (m, n) in zip(s.modifiers, t.modifiers) {
                    guard m.name == n.name, m.kind.typeName == n.kind.typeName else { return false }
                    switch (m.kind, n.kind) {
                    case let (.normsys(h1, l1), .normsys(h2, l2)): if !close([h1, l1], [h2, l2]) { return false }
                    case let (.staterror(x), .staterror(y)), let (.shapesys(x), .shapesys(y)): if !close(x, y) { return false }
                    default: if m.kind != n.kind { return false }
                    }
                }
            }
        }
        return zip(a.observations, b.observations).allSatisfy { $0.name == $1.name && close($0.data, $1.data) }
    }

    @Test("The builder makes the workspace the pyhf script makes")
    func builderMatchesScript() throws {
        let scan = try ScanReferences.load()
        let built = try scan.points[0].searchModel.workspace()
        let script = try ScanReferences.exampleWorkspace()
        #expect(nearlyEqual(built, script))
        #expect(built.validate().isEmpty)
    }

    @Test("Workspaces round-trip through pyhf JSON")
    func roundTrip() throws {
        for name in ["many_nuisances", "edges", "staterror_lumi"] {
            let ws = try Workspace.read(from: validationDirectory.appendingPathComponent("workspaces/\(name).json"))
            let again = try Workspace(jsonText: ws.jsonText())
            #expect(again == ws)
        }
        let built = try ScanReferences.load().points[3].searchModel.workspace()
        #expect(try Workspace(jsonText: built.jsonText()) == built)
    }

    @Test("Scan points: DarkScan's 95% CL limits agree with pyhf's upper_limit to 1e-3")
    func scanLimits() throws {
        let scan = try ScanReferences.load()
        #expect(scan.points.count == 200)
        for point in stride(from: 0, to: 200, by: 40).map({ scan.points[$0] }) {
            let ws = try point.searchModel.workspace()
            let model = try ws.model()
            let limit = try UpperLimit.asymptotic(model: model, data: try model.observedData(in: ws))
            #expect(relativeDifference(limit.observed, point.upper_limit_95.observed) < 1e-3, "m = \(point.mass)")
            for (a, b) in zip(limit.expected, point.upper_limit_95.expected) { #expect(relativeDifference(a, b) < 1e-3) }
        }
    }

    @Test("g' limits: mu scales as g'^2 and BR(inv) depends on the scenario only")
    func couplingLimits() throws {
        var m = ZPrimeSearchModel(massGeV: 1, signalAtUnitCoupling: [2e5, 3e5], backgrounds: [
            .init(name: "mumu", yields: [20, 30], monteCarloErrors: [2, 2]),
        ], systematics: [.luminosity(0.014), .signalEfficiency(0.05)], observed: nil)
        m.referenceSignalEvents = 10
        #expect(abs(m.referenceCoupling - (10.0 / 5e5).squareRoot()) < 1e-15)
        let ws = try m.workspace()
        #expect(ws.observations[0].data == [20, 30])
        let signal = ws.channels[0].samples[0]
        #expect(abs(signal.data.reduce(0, +) - 10) < 1e-12)
        #expect(signal.modifiers.map(\.name) == ["mu", "lumi", "signal_efficiency"])
        #expect(ws.channels[0].samples[1].modifiers.map(\.name) == ["lumi", "staterror_recoil_window"])
        // g' at mu = 4 is twice g'_ref.
        #expect(abs(CouplingLimit.coupling(signalStrengthLimit: 4, referenceCoupling: m.referenceCoupling) - 2 * m.referenceCoupling) < 1e-15)
        // Vanilla between 2 m_mu and 2 m_tau: BR(inv) about 1/2 (PHYSICS.md); fully invisible: 1.
        let vanilla = try ZPrimeSignal.invisibleBranchingRatio(mass: 1, scenario: .vanilla)
        #expect(abs(vanilla - 0.5) < 0.01)
        #expect(try ZPrimeSignal.invisibleBranchingRatio(mass: 1, scenario: .fullyInvisible) == 1)
        #expect(try ZPrimeSignal.invisibleBranchingRatio(mass: 0.1, scenario: .vanilla) == 1)
        let gVanilla = try CouplingLimit.coupling(signalStrengthLimit: 4, referenceCoupling: 1e-3, mass: 1, scenario: .vanilla)
        let gInvisible = try CouplingLimit.coupling(signalStrengthLimit: 4, referenceCoupling: 1e-3, mass: 1, scenario: .fullyInvisible)
        #expect(abs(gInvisible - 2e-3) < 1e-15)
        #expect(abs(gVanilla / gInvisible - (1 / vanilla).squareRoot()) < 1e-12)
        // The cross-section form: sigma_UL = sigma(1) BR g'^2.
        let g = try CouplingLimit.coupling(crossSectionLimitPicobarn: 0.02, crossSectionAtUnitCouplingPicobarn: 2e4, mass: 1, scenario: .vanilla)
        #expect(abs(g * g * 2e4 * vanilla - 0.02) < 1e-15)
        let events = ZPrimeSignal.expectedEvents(crossSectionAtUnitCouplingPicobarn: 2, efficiency: [0.1, 0.2], luminosityInverseFemtobarn: 977, invisibleBranchingRatio: 0.5)
        // 2 pb x 977 fb^-1 x 1000 pb/fb x efficiency x BR.
        #expect(zip(events, [97_700.0, 195_400.0]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test("Bad builder input is refused")
    func badInput() {
        let m = ZPrimeSearchModel(massGeV: 1, signalAtUnitCoupling: [1, 2], backgrounds: [.init(name: "b", yields: [1], monteCarloErrors: [0.1])],
                                  systematics: [], observed: nil)
        #expect(throws: StatisticsError.self) { try m.workspace() }
        let s = ZPrimeSearchModel(massGeV: 1, signalAtUnitCoupling: [1], backgrounds: [.init(name: "b", yields: [1], monteCarloErrors: [0.1])],
                                  systematics: [.tracking(1.2)], observed: nil)
        #expect(throws: StatisticsError.self) { try s.workspace() }
    }

    /// The default run's 9 GeV point of the cuts (its pyhf workspace): 9 signal Monte Carlo events
    /// (a 33% staterror), B = 1882 events with 24% Monte Carlo error. The fit can shrink the signal at
    /// a bounded cost, so the +2 sigma expected CL_s levels off above 0.1 (pyhf 0.7: 0.163 at mu = 50):
    /// that band has no upper limit, the others do. References: pyhf hypotest (qtilde) at mu = 1, and
    /// its expected limits by brentq on the bands (-2 ... +1 sigma: 0.40309, 0.57438, 0.90955, 1.80344).
    @Test("A band whose CL_s levels off above 1 - CL has no upper limit (+inf); the others agree with pyhf")
    func levellingOffBand() throws {
        var m = ZPrimeSearchModel(massGeV: 9, signalAtUnitCoupling: [984.142712977227], signalMonteCarloErrors: [328.04757099240913], backgrounds: [
            .init(name: "mumu-gamma", yields: [69.14556745978655], monteCarloErrors: [69.14556745978655]),
            .init(name: "tautau-gamma", yields: [27.507770660672634], monteCarloErrors: [27.507770660672634]),
            .init(name: "eemumu", yields: [1783.6286873232673], monteCarloErrors: [442.4699765358286]),
            .init(name: "mumumumu", yields: [1.0343775323023154], monteCarloErrors: [1.0343775323023154]),
            .init(name: "mumutautau", yields: [0.943658200397471], monteCarloErrors: [0.943658200397471]),
        ], systematics: [.luminosity(0.014), .tracking(0.007), .muonID(0.02), .trigger(0.02), .signalEfficiency(0.02)], observed: nil)
        m.referenceSignalEvents = 984.142712977227
        let ws = try m.workspace()
        let model = try ws.model()
        let data = try model.observedData(in: ws)
        let test = try AsymptoticCalculator(model: model, data: data, testStatistic: .qtilde).hypotest(poi: 1)
        #expect(abs(test.clsObserved - 0.0794) < 1e-4)
        for (a, b) in zip(test.clsExpected, [0.0038, 0.0185, 0.0794, 0.2679, 0.611]) { #expect(abs(a - b) < 1e-4, "CLs \(a) against pyhf \(b)") }
        let limit = try UpperLimit.asymptotic(model: model, data: data, confidenceLevel: 0.9)
        #expect(limit.expected[4] == .infinity)
        for (a, b) in zip(limit.expected.prefix(4), [0.40309, 0.57438, 0.90955, 1.80344]) { #expect(relativeDifference(a, b) < 1e-3, "\(a) against pyhf \(b)") }
        #expect(relativeDifference(limit.observed, 0.90955) < 1e-3)
    }
}
