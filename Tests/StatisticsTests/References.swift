import Foundation
@testable import Statistics

/// The pyhf reference numbers written by Validation/pyhf/make_references.py.
struct References: Decodable {
    struct Provenance: Decodable { let pyhf: String }
    struct Hypotest: Decodable {
        let poi: Double
        let cls_obs: Double
        let clsb_obs: Double
        let clb_obs: Double
        let cls_exp: [Double]
    }
    struct Limit: Decodable {
        let observed: Double
        let expected: [Double]
    }
    struct Point: Decodable {
        let parameters: [Double]
        let twice_nll: Double
        let expected_main: [Double]
    }
    struct Settings: Decodable {
        let hypotests: [Hypotest]
        let limits: [String: Limit]
    }
    struct Entry: Decodable {
        let file: String
        let par_names: [String]
        let n_parameters: Int
        let suggested_init: [Double]
        let auxdata: [Double]
        let bestfit: [Double]
        let bestfit_twice_nll: Double
        let twice_nll_points: [Point]
        let hypotests: [Hypotest]
        let limits: [String: Limit]
        let default_settings: Settings
    }
    let provenance: Provenance
    let workspaces: [String: Entry]

    static func load() throws -> References {
        let data = try Data(contentsOf: validationDirectory.appendingPathComponent("references.json"))
        return try JSONDecoder().decode(References.self, from: data)
    }

    /// The workspace, model and observed data of one reference entry.
    static func model(_ entry: Entry) throws -> (Workspace, HistFactoryModel, Dataset) {
        let ws = try Workspace.read(from: validationDirectory.appendingPathComponent(entry.file))
        let model = try ws.model()
        return (ws, model, try model.observedData(in: ws))
    }
}

/// The 200-point scan of Validation/pyhf/scan_references.json.
struct ScanReferences: Decodable {
    struct Point: Decodable {
        let mass: Double
        let background: Double
        let background_mc_error: Double
        let observed: Double
        let measurement: String
        let upper_limit_95: References.Limit
    }
    let points: [Point]
    let pyhf_seconds: Double

    static func load() throws -> ScanReferences {
        let data = try Data(contentsOf: validationDirectory.appendingPathComponent("scan_references.json"))
        return try JSONDecoder().decode(ScanReferences.self, from: data)
    }

    /// The example workspace (point 0) as pyhf JSON.
    static func exampleWorkspace() throws -> Workspace {
        let data = try Data(contentsOf: validationDirectory.appendingPathComponent("scan_references.json"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let example = object["example_workspace"] else { throw StatisticsError.invalidJSON(detail: "no example_workspace") }
        return try Workspace(json: JSONSerialization.data(withJSONObject: example))
    }
}

extension ScanReferences.Point {
    /// The scan point's model as DarkScan's Z' builder makes it (signal scaled to 10 events).
    var searchModel: ZPrimeSearchModel {
        var m = ZPrimeSearchModel(massGeV: mass, signalAtUnitCoupling: [1e6], backgrounds: [
            .init(name: "background", yields: [background], monteCarloErrors: [background_mc_error]),
        ], systematics: [.luminosity(0.014), .tracking(0.009), .muonID(0.02), .trigger(0.01), .signalEfficiency(0.05)], observed: [observed])
        m.referenceSignalEvents = 10
        return m
    }
}
