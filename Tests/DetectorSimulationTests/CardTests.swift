import DetectorSimulation
import Testing

@Suite("Detector cards")
struct CardTests {
    @Test("The built-in cards load and describe their colliders", arguments: ["belle", "belle2"])
    func builtIn(name: String) throws {
        let card = try DetectorCard.named(name)
        #expect(card.name == name)
        #expect(card.beams.collider == name)
        #expect(card.calorimeter.regions.count == 3)
    }

    func modified(_ transform: (String) -> String) throws -> DetectorCard {
        try DetectorCard.load(yaml: transform(try DetectorCard.builtInText("belle")), source: "test")
    }

    @Test("Unknown keys are rejected with their path")
    func unknownKey() throws {
        #expect(throws: DetectorSimulationError.unknownKey(source: "test", path: "tracking.ptResolution")) {
            try modified { $0.replacingOccurrences(of: "  efficiency: 0.99\n", with: "  efficiency: 0.99\n  ptResolution: 0.1\n") }
        }
        #expect(throws: DetectorSimulationError.unknownKey(source: "test", path: "calorimeter.regions[1].middle")) {
            try modified { $0.replacingOccurrences(of: "{minDegrees: 32.2, maxDegrees: 128.7}", with: "{minDegrees: 32.2, maxDegrees: 128.7, middle: 80}") }
        }
        #expect(throws: DetectorSimulationError.unknownKey(source: "test", path: "detector")) {
            try modified { $0 + "detector: extra\n" }
        }
    }

    @Test("Values outside their ranges are rejected with their path")
    func invalidValues() throws {
        #expect(throws: DetectorSimulationError.invalidValue(source: "test", path: "tracking.efficiency", value: "1.5", allowed: "a probability in [0, 1]")) {
            try modified { $0.replacingOccurrences(of: "  efficiency: 0.99", with: "  efficiency: 1.5") }
        }
        #expect(throws: DetectorSimulationError.self) {
            try modified { $0.replacingOccurrences(of: "acceptance: {minDegrees: 17, maxDegrees: 150}", with: "acceptance: {minDegrees: 150, maxDegrees: 17}") }
        }
        #expect(throws: DetectorSimulationError.self) {
            try modified { $0.replacingOccurrences(of: "    - [0.93, 0.93, 0.91]\n  pionFakeRate", with: "  pionFakeRate") }
        }
        #expect(throws: DetectorSimulationError.self) { try modified { $0.replacingOccurrences(of: "collider: belle", with: "collider: lep") } }
    }

    @Test("Malformed YAML and missing keys are reported")
    func malformed() throws {
        #expect(throws: DetectorSimulationError.self) { try DetectorCard.load(yaml: "name: [unclosed", source: "bad") }
        do {
            _ = try modified { $0.replacingOccurrences(of: "  clusterThreshold: 0.02\n", with: "") }
            Issue.record("a card without clusterThreshold was accepted")
        } catch let error as DetectorSimulationError {
            #expect(error.description.contains("calorimeter.clusterThreshold"), "\(error)")
        }
        #expect(throws: DetectorSimulationError.unknownCard(name: "cleo", known: ["belle", "belle2"])) { try DetectorCard.named("cleo") }
    }

    @Test("A copied card with a changed number is used as written")
    func editedCard() throws {
        let card = try modified { $0.replacingOccurrences(of: "  clusterThreshold: 0.02", with: "  clusterThreshold: 0.05") }
        #expect(card.calorimeter.clusterThreshold == 0.05)
    }
}
