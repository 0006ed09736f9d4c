import Foundation
import Testing
@testable import Statistics

/// Malformed workspaces are refused before any fit, with messages naming the JSON path.
@Suite("Workspace errors")
struct WorkspaceErrorTests {
    func problems(_ text: String) -> String {
        do {
            let ws = try Workspace(jsonText: text)
            _ = try ws.model()
            return "accepted"
        } catch {
            return error.description
        }
    }

    static let good = """
        {"channels": [{"name": "SR", "samples": [
            {"name": "signal", "data": [5.0, 3.0], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
            {"name": "bkg", "data": [50.0, 40.0], "modifiers": [{"name": "unc", "type": "shapesys", "data": [5.0, 4.0]}]}]}],
         "observations": [{"name": "SR", "data": [52.0, 41.0]}],
         "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
         "version": "1.0.0"}
        """

    @Test("A good workspace is accepted")
    func accepted() {
        #expect(problems(Self.good) == "accepted")
    }

    @Test("Schema problems name their paths")
    func schema() {
        let text = Self.good
            .replacingOccurrences(of: #"{"name": "unc", "type": "shapesys", "data": [5.0, 4.0]}"#,
                                  with: #"{"name": "unc", "type": "shapesys", "data": [5.0, 4.0]}, {"name": "jes", "type": "normsyst", "data": null}, {"name": "n", "type": "normsys", "data": {"hi": 1.1}}"#)
            .replacingOccurrences(of: #""version": "1.0.0""#, with: #""version": "1.0.0", "extra": 1"#)
        #expect(problems(text) == """
            invalid HistFactory workspace (3 problems):
              unknown key 'extra' (allowed: channels, measurements, observations, version)
              channels[0].samples[1].modifiers[1].type: unknown modifier type 'normsyst' (known: histosys, lumi, normfactor, normsys, shapefactor, shapesys, staterror)
              channels[0].samples[1].modifiers[2].data: missing required key 'lo'
            """)
    }

    @Test("Inconsistent content names its paths")
    func content() {
        let text = Self.good
            .replacingOccurrences(of: #""data": [50.0, 40.0]"#, with: #""data": [50.0, 40.0, 30.0]"#)
            .replacingOccurrences(of: #"[5.0, 4.0]"#, with: #"[5.0, -4.0]"#)
            .replacingOccurrences(of: #"{"name": "SR", "data": [52.0, 41.0]}"#, with: #"{"name": "SR", "data": [52.0, 41.0]}, {"name": "CR", "data": [1.0]}"#)
        #expect(problems(text) == """
            invalid HistFactory workspace (4 problems):
              channels[0].samples[1].data: has 3 bins but channel 'SR' has 2 (its first sample's)
              channels[0].samples[1].modifiers[0].data: shapesys 'unc' has 2 values but the sample has 3 bins
              channels[0].samples[1].modifiers[0].data[1]: an uncertainty must be finite and >= 0, got -4.0
              observations[1].name: observation for unknown channel 'CR' (channels: SR)
            """)
    }

    @Test("Parameter configs and the POI are checked against the model")
    func parameters() {
        let text = Self.good
            .replacingOccurrences(of: #""poi": "mu", "parameters": []"#,
                                  with: #""poi": "signal_strength", "parameters": [{"name": "mu", "inits": [20.0]}, {"name": "unc", "bounds": [[0.0, 10.0]]}, {"name": "mu", "sigmas": [1.0]}]"#)
        #expect(problems(text) == """
            invalid HistFactory workspace (4 problems):
              measurements[0].config.parameters[2]: a second parameter config for 'mu' (also measurements[0].config.parameters[0])
              measurements[0].config.parameters[0]: init 20.0 of 'mu' lies outside its bounds [0.0, 10.0]
              measurements[0].config.parameters[1].bounds: 'unc' has 2 parameter(s) but 1 bounds were given
              measurements[0].config.poi: the parameter of interest 'signal_strength' is not a modifier of any sample
            """)
    }

    @Test("Modifier names shared by incompatible types and edge values are refused")
    func sharing() {
        let text = Self.good
            .replacingOccurrences(of: #"{"name": "unc", "type": "shapesys", "data": [5.0, 4.0]}"#,
                                  with: #"{"name": "mu", "type": "normsys", "data": {"hi": 1.1, "lo": 0.0}}"#)
        #expect(problems(text) == """
            invalid HistFactory workspace (1 problem):
              channels[0].samples[1].modifiers[0].data.lo: normsys 'mu' needs a factor lo > 0 (the code 4 interpolation takes its logarithm), got 0.0
            """)
        let shared = Self.good
            .replacingOccurrences(of: #"{"name": "unc", "type": "shapesys", "data": [5.0, 4.0]}"#,
                                  with: #"{"name": "mu", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}}"#)
        #expect(problems(shared) == """
            invalid HistFactory workspace (1 problem):
              channels[0].samples[1].modifiers[0]: modifier name 'mu' is a normsys here but a normfactor with other parameters at channels[0].samples[0].modifiers[0]; use unique modifier names
            """)
    }

    @Test("Data and options of the wrong size are refused, not crashed on")
    func wrongSizes() throws {
        let ws = try Workspace(jsonText: Self.good)
        let model = try ws.model()
        let bad = Dataset(main: [1], auxiliary: [])
        #expect(model.fit(data: bad).status == .invalidInput)
        #expect(model.twiceNLL(model.suggestedInit, data: bad).isNaN)
        #expect(throws: StatisticsError.self) { try AsymptoticCalculator(model: model, data: bad) }
        var options = FitOptions()
        options.initialValues = [1]
        #expect(throws: StatisticsError.self) { try model.fitOrThrow(data: try model.observedData(in: ws), options: options, context: "test") }
        #expect(throws: StatisticsError.self) { try UpperLimit.asymptotic(model: model, data: try model.observedData(in: ws), confidenceLevel: 1.5) }
    }

    @Test("Text that is not JSON, and a missing file")
    func notJSON() {
        #expect(problems("{\"channels\": [") .hasPrefix("not valid JSON: "))
        #expect(throws: StatisticsError.self) { try Workspace.read(from: URL(fileURLWithPath: "/nonexistent/ws.json")) }
    }
}
