import Benchmark
import Foundation
import Statistics

/// The 200-point mass scan of Validation/pyhf/scan_references.json (200 counting models of the
/// Z' search, each a 95% CL asymptotic CL_s upper limit with its expected band), the same work
/// `make_references.py` times in pyhf (scan_references.json keeps pyhf's time). One iteration is
/// the whole scan on one core: building each model from its workspace and its limit (the
/// workspaces are made beforehand, untimed; pyhf's time includes the same model building).
func statisticsBenchmarks() {
    let scanFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Validation/pyhf/scan_references.json")
    Benchmark("200-point mass scan: 95% CL upper limits with expected bands (asymptotic CLs)",
              configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .one, maxDuration: .seconds(20), maxIterations: 5)) { benchmark in
        let models = try scanWorkspaces(scanFile)
        benchmark.startMeasurement()
        var sum = 0.0
        for ws in models {
            let model = try ws.model()
            let limit = try UpperLimit.asymptotic(model: model, data: try model.observedData(in: ws), confidenceLevel: 0.95)
            sum += limit.observed + limit.expected[2]
        }
        benchmark.stopMeasurement()
        blackHole(sum)
    }
}

/// The scan's workspaces, built with ``ZPrimeSearchModel`` from the points' inputs.
func scanWorkspaces(_ file: URL) throws -> [Workspace] {
    struct Point: Decodable {
        let mass: Double
        let background: Double
        let background_mc_error: Double
        let observed: Double
    }
    struct Scan: Decodable { let points: [Point] }
    let scan = try JSONDecoder().decode(Scan.self, from: Data(contentsOf: file))
    return try scan.points.map { p in
        try ZPrimeSearchModel(massGeV: p.mass, signalAtUnitCoupling: [1e6], backgrounds: [
            .init(name: "background", yields: [p.background], monteCarloErrors: [p.background_mc_error]),
        ], systematics: [.luminosity(0.014), .tracking(0.009), .muonID(0.02), .trigger(0.01), .signalEfficiency(0.05)],
        observed: [p.observed]).workspace()
    }
}
