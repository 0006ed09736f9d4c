import EventIO
import Foundation
import HEPCore
import Yams

extension DetectorCard {
    /// The built-in cards.
    public static let builtInNames = ["belle", "belle2"]

    /// A built-in card ("belle", "belle2") or a card read from a YAML file path.
    public static func named(_ nameOrPath: String) throws(DetectorSimulationError) -> DetectorCard {
        if builtInNames.contains(nameOrPath) {
            guard let url = Bundle.module.url(forResource: nameOrPath, withExtension: "yaml", subdirectory: "Cards"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw .unknownCard(name: nameOrPath, known: builtInNames)
            }
            return try load(yaml: text, source: "\(nameOrPath) (built in)")
        }
        guard FileManager.default.fileExists(atPath: nameOrPath) else { throw .unknownCard(name: nameOrPath, known: builtInNames) }
        let text: String
        do { text = try String(contentsOfFile: nameOrPath, encoding: .utf8) } catch {
            throw .malformedCard(source: nameOrPath, detail: "cannot read the file: \(error.localizedDescription)")
        }
        return try load(yaml: text, source: nameOrPath)
    }

    /// The YAML text of a built-in card (to copy and edit).
    public static func builtInText(_ name: String) throws(DetectorSimulationError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Cards"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { throw .unknownCard(name: name, known: builtInNames) }
        return text
    }

    /// Parses and validates a card. Unknown keys are rejected with their path; so are values
    /// outside their ranges.
    public static func load(yaml: String, source: String) throws(DetectorSimulationError) -> DetectorCard {
        let card: DetectorCard
        do {
            card = try YAMLDecoder().decode(DetectorCard.self, from: yaml)
        } catch let error as DecodingError {
            throw .malformedCard(source: source, detail: YAMLSchemaCheck.describe(error))
        } catch {
            throw .malformedCard(source: source, detail: "\(error)")
        }
        // Unknown keys: every key of the input must survive a decode-encode round trip.
        do {
            let original = try Yams.compose(yaml: yaml)
            let known = try Yams.compose(yaml: try YAMLEncoder().encode(card))
            if let original, let known, let path = YAMLSchemaCheck.firstUnknownKey(original, known: known) {
                throw DetectorSimulationError.unknownKey(source: source, path: path)
            }
        } catch let error as DetectorSimulationError {
            throw error
        } catch {
            throw .malformedCard(source: source, detail: "\(error)")
        }
        try card.validate(source: source)
        return card
    }

    /// Range checks of every number.
    func validate(source: String) throws(DetectorSimulationError) {
        func check(_ ok: Bool, _ path: String, _ value: Any, _ allowed: String) throws(DetectorSimulationError) {
            if !ok { throw .invalidValue(source: source, path: path, value: "\(value)", allowed: allowed) }
        }
        func probability(_ x: Double, _ path: String) throws(DetectorSimulationError) {
            try check(x.isFinite && x >= 0 && x <= 1, path, x, "a probability in [0, 1]")
        }
        func nonNegative(_ x: Double, _ path: String) throws(DetectorSimulationError) {
            try check(x.isFinite && x >= 0, path, x, ">= 0")
        }
        func range(_ r: AngleRange, _ path: String) throws(DetectorSimulationError) {
            try check(r.minDegrees >= 0 && r.maxDegrees <= 180 && r.minDegrees < r.maxDegrees, path,
                      "[\(r.minDegrees), \(r.maxDegrees)]", "0 <= min < max <= 180 degrees")
        }
        do { _ = try ColliderFrame.named(beams.collider) } catch {
            throw .invalidValue(source: source, path: "beams.collider", value: beams.collider, allowed: "belle or belle2")
        }
        try check(beams.spotSizeMicrons.count == 3 && beams.spotSizeMicrons.allSatisfy { $0.isFinite && $0 >= 0 },
                  "beams.spotSizeMicrons", beams.spotSizeMicrons, "three sizes >= 0 (x, y, z)")
        try range(tracking.acceptance, "tracking.acceptance")
        try nonNegative(tracking.minimumTransverseMomentum, "tracking.minimumTransverseMomentum")
        try probability(tracking.efficiency, "tracking.efficiency")
        try nonNegative(tracking.ptResolutionCurvature, "tracking.ptResolutionCurvature")
        try nonNegative(tracking.ptResolutionMultipleScattering, "tracking.ptResolutionMultipleScattering")
        for (r, p) in [(tracking.thetaResolution, "thetaResolution"), (tracking.phiResolution, "phiResolution"),
                       (tracking.d0Resolution, "d0Resolution"), (tracking.z0Resolution, "z0Resolution")] {
            try nonNegative(r.constant, "tracking.\(p).constant")
            try nonNegative(r.multipleScattering, "tracking.\(p).multipleScattering")
            try nonNegative(r.sinePower, "tracking.\(p).sinePower")
        }
        for (i, r) in calorimeter.regions.enumerated() { try range(r, "calorimeter.regions[\(i)]") }
        for (x, p) in [(calorimeter.energyResolutionNoise, "energyResolutionNoise"), (calorimeter.energyResolutionStochastic, "energyResolutionStochastic"),
                       (calorimeter.energyResolutionConstant, "energyResolutionConstant"), (calorimeter.angularResolutionConstant, "angularResolutionConstant"),
                       (calorimeter.angularResolutionStochastic, "angularResolutionStochastic"), (calorimeter.clusterThreshold, "clusterThreshold")] {
            try nonNegative(x, "calorimeter.\(p)")
        }
        try probability(calorimeter.photonEfficiency, "calorimeter.photonEfficiency")
        let id = muonIdentification
        try check(id.momentumEdges.count >= 2 && zip(id.momentumEdges, id.momentumEdges.dropFirst()).allSatisfy { $0 < $1 },
                  "muonIdentification.momentumEdges", id.momentumEdges, "at least two increasing edges")
        try check(id.polarAngleEdgesDegrees.count >= 2 && zip(id.polarAngleEdgesDegrees, id.polarAngleEdgesDegrees.dropFirst()).allSatisfy { $0 < $1 },
                  "muonIdentification.polarAngleEdgesDegrees", id.polarAngleEdgesDegrees, "at least two increasing edges")
        for (table, p) in [(id.muonEfficiency, "muonEfficiency"), (id.pionFakeRate, "pionFakeRate"),
                           (id.electronFakeRate, "electronFakeRate"), (id.kaonFakeRate, "kaonFakeRate")] {
            try check(table.count == id.momentumEdges.count - 1 && table.allSatisfy { $0.count == id.polarAngleEdgesDegrees.count - 1 },
                      "muonIdentification.\(p)", "\(table.count) rows", "\(id.momentumEdges.count - 1) rows of \(id.polarAngleEdgesDegrees.count - 1) values")
            for (i, row) in table.enumerated() { for (j, v) in row.enumerated() { try probability(v, "muonIdentification.\(p)[\(i)][\(j)]") } }
        }
        try check(trigger.minimumTracks >= 0, "trigger.minimumTracks", trigger.minimumTracks, ">= 0")
        try probability(trigger.trackPlateau, "trigger.trackPlateau")
        try probability(trigger.energyPlateau, "trigger.energyPlateau")
        for (x, p) in [(trigger.trackTurnOnPt, "trackTurnOnPt"), (trigger.trackTurnOnWidth, "trackTurnOnWidth"),
                       (trigger.energyTurnOn, "energyTurnOn"), (trigger.energyTurnOnWidth, "energyTurnOnWidth")] {
            try nonNegative(x, "trigger.\(p)")
        }
        try nonNegative(beamBackground.meanClusters, "beamBackground.meanClusters")
        try nonNegative(beamBackground.meanEnergy, "beamBackground.meanEnergy")
    }
}
