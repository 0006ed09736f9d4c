import Foundation
import Testing
@testable import Statistics

/// DarkScan against pyhf 0.7 (Validation/pyhf/references.json, written by make_references.py):
/// the model (parameter order, init, auxiliary data, -2 ln L, expected counts) exactly, CL_s to
/// 1e-4 absolute, upper limits to 1e-3 relative.
@Suite("pyhf references")
struct PyhfReferenceTests {
    static let names = ["counting", "shape_histosys_shapesys", "many_nuisances", "staterror_lumi", "edges", "deficit", "pyhf_2-bin_1-channel"]

    @Test("Model layout and -2 ln L agree with pyhf", arguments: names)
    func likelihood(name: String) throws {
        let refs = try References.load()
        let entry = try #require(refs.workspaces[name])
        let (_, model, data) = try References.model(entry)
        #expect(model.parameterNames == entry.par_names)
        #expect(model.parameterCount == entry.n_parameters)
        #expect(model.suggestedInit == entry.suggested_init)
        #expect(model.auxiliaryData.count == entry.auxdata.count)
        for (a, b) in zip(model.auxiliaryData, entry.auxdata) { #expect(relativeDifference(a, b) < 1e-13) }
        for point in entry.twice_nll_points {
            let value = model.twiceNLL(point.parameters, data: data)
            #expect(relativeDifference(value, point.twice_nll) < 1e-11, "\(name): -2 ln L \(value) vs pyhf \(point.twice_nll)")
            for (a, b) in zip(model.expectedMainData(point.parameters), point.expected_main) {
                #expect(abs(a - b) <= 1e-11 * max(1, abs(b)))
            }
        }
        // The unconditional minimum: at least as low as pyhf's (to rounding), and close to it.
        let fit = model.fit(data: data)
        #expect(fit.isConverged)
        #expect(fit.twiceNLL <= entry.bestfit_twice_nll + 1e-7, "\(name): \(fit.twiceNLL) vs pyhf \(entry.bestfit_twice_nll)")
        #expect(abs(fit.twiceNLL - entry.bestfit_twice_nll) < 1e-5)
    }

    @Test("Asymptotic CLs (observed, tails, expected band) agree with pyhf to 1e-4", arguments: names)
    func cls(name: String) throws {
        let refs = try References.load()
        let entry = try #require(refs.workspaces[name])
        let (_, model, data) = try References.model(entry)
        let calculator = try AsymptoticCalculator(model: model, data: data)
        for ref in entry.hypotests {
            let r = try calculator.hypotest(poi: ref.poi)
            #expect(abs(r.clsObserved - ref.cls_obs) < 1e-4, "\(name) mu = \(ref.poi): CLs \(r.clsObserved) vs \(ref.cls_obs)")
            #expect(abs(r.clsbObserved - ref.clsb_obs) < 1e-4)
            #expect(abs(r.clbObserved - ref.clb_obs) < 1e-4)
            for (a, b) in zip(r.clsExpected, ref.cls_exp) { #expect(abs(a - b) < 1e-4, "\(name) mu = \(ref.poi): expected \(a) vs \(b)") }
        }
    }

    @Test("95% and 90% CL upper limits with expected bands agree with pyhf to 1e-3", arguments: names)
    func upperLimits(name: String) throws {
        let refs = try References.load()
        let entry = try #require(refs.workspaces[name])
        let (_, model, data) = try References.model(entry)
        for cl in [0.95, 0.90] {
            // The 111-parameter model has the 95% CL limits only (pyhf is slow on it).
            guard let ref = entry.limits[String(format: "%.2f", cl)] else { continue }
            let limit = try UpperLimit.asymptotic(model: model, data: data, confidenceLevel: cl)
            #expect(relativeDifference(limit.observed, ref.observed) < 1e-3, "\(name) \(cl): observed \(limit.observed) vs \(ref.observed)")
            for (a, b) in zip(limit.expected, ref.expected) {
                #expect(relativeDifference(a, b) < 1e-3, "\(name) \(cl): expected \(a) vs \(b)")
            }
        }
    }
}
