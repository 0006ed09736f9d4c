import EventIO
import Foundation
import HEPCore

/// Reconstructed samples as DarkScan stores (kind "reco-sample", conventionally `.dsrec`). The
/// metadata holds the generated sample's metadata under "generator", the card name under "card" and
/// the simulation seed under "simulationSeed".
extension RecoSample {
    public static let storeKind = "reco-sample"

    public func columnStore() throws(EventIOError) -> ColumnStore {
        let metadata: [String: JSONValue] = [
            "generator": try JSONValue(encoding: generator), "card": .string(cardName), "simulationSeed": .uint(simulationSeed),
        ]
        let columns: [Column] = [
            Column(name: "weights", unit: "pb", description: "event weight from the generated sample", data: .f64(weights)),
            Column(name: "triggered", unit: nil, description: "trigger decision (1 = fired)", data: .u8(triggered)),
            Column(name: "triggerProbability", unit: nil, description: "trigger probability of the event", data: .f64(triggerProbability)),
            Column(name: "vertexX", unit: "m", description: "true vertex x", data: .f64(vertexX)),
            Column(name: "vertexY", unit: "m", description: "true vertex y", data: .f64(vertexY)),
            Column(name: "vertexZ", unit: "m", description: "true vertex z", data: .f64(vertexZ)),
            Column(name: "trackOffsets", unit: nil, description: "event i owns tracks trackOffsets[i] ..< trackOffsets[i + 1]", data: .i64(trackOffsets)),
            Column(name: "clusterOffsets", unit: nil, description: "event i owns clusters clusterOffsets[i] ..< clusterOffsets[i + 1]", data: .i64(clusterOffsets)),
            Column(name: "trackCharge", unit: "e", description: "track charge", data: .i8(trackCharge)),
            Column(name: "trackPx", unit: "GeV", description: "track momentum x (lab, smeared)", data: .f64(trackPx)),
            Column(name: "trackPy", unit: "GeV", description: "track momentum y (lab, smeared)", data: .f64(trackPy)),
            Column(name: "trackPz", unit: "GeV", description: "track momentum z (lab, smeared)", data: .f64(trackPz)),
            Column(name: "trackX", unit: "m", description: "track reference point x (closest approach to the beam axis)", data: .f64(trackX)),
            Column(name: "trackY", unit: "m", description: "track reference point y", data: .f64(trackY)),
            Column(name: "trackZ", unit: "m", description: "track reference point z", data: .f64(trackZ)),
            Column(name: "trackSigmaD0", unit: "m", description: "transverse impact-parameter resolution", data: .f64(trackSigmaD0)),
            Column(name: "trackSigmaZ0", unit: "m", description: "longitudinal impact-parameter resolution", data: .f64(trackSigmaZ0)),
            Column(name: "trackSigmaPtOverPt", unit: nil, description: "relative transverse-momentum resolution", data: .f64(trackSigmaPtOverPt)),
            Column(name: "trackSigmaTheta", unit: "rad", description: "polar-angle resolution", data: .f64(trackSigmaTheta)),
            Column(name: "trackSigmaPhi", unit: "rad", description: "azimuth resolution", data: .f64(trackSigmaPhi)),
            Column(name: "trackMuonID", unit: nil, description: "identified as a muon (1)", data: .u8(trackMuonID)),
            Column(name: "trackTruthPDG", unit: nil, description: "PDG id of the particle that made the track", data: .i32(trackTruthPDG)),
            Column(name: "clusterEnergy", unit: "GeV", description: "neutral cluster energy (lab, smeared)", data: .f64(clusterEnergy)),
            Column(name: "clusterTheta", unit: "rad", description: "neutral cluster polar angle (lab)", data: .f64(clusterTheta)),
            Column(name: "clusterPhi", unit: "rad", description: "neutral cluster azimuth (lab)", data: .f64(clusterPhi)),
            Column(name: "clusterTruthPDG", unit: nil, description: "PDG id of the particle that made the cluster, 0 for beam background", data: .i32(clusterTruthPDG)),
        ]
        return ColumnStore(kind: Self.storeKind, metadata: metadata, columns: columns)
    }

    /// Writes the sample atomically (see ``ColumnStore/write(to:createdAt:)``).
    public func write(to url: URL) throws(EventIOError) { try columnStore().write(to: url) }

    /// Reads a reconstructed sample, checking the store, its kind, columns and consistency.
    public static func read(from url: URL) throws(EventIOError) -> RecoSample {
        let mapped = try MappedStore(contentsOf: url)
        let path = mapped.info.path
        let store = mapped.store()
        guard store.kind == storeKind else { throw .wrongKind(path: path, expected: storeKind, found: store.kind) }
        guard let g = store.metadata["generator"], let card = store.metadata["card"]?.stringValue,
              let seed = store.metadata["simulationSeed"]?.uint64Value else {
            throw .invalidMetadata(path: path, reason: "a reco sample needs generator, card and simulationSeed")
        }
        var s = RecoSample(generator: try g.decoded(as: SampleMetadata.self, path: path), cardName: card, simulationSeed: seed)
        s.weights = try store.require("weights", path: path)
        s.triggered = try store.require("triggered", path: path)
        s.triggerProbability = try store.require("triggerProbability", path: path)
        s.vertexX = try store.require("vertexX", path: path)
        s.vertexY = try store.require("vertexY", path: path)
        s.vertexZ = try store.require("vertexZ", path: path)
        s.trackOffsets = try store.require("trackOffsets", path: path)
        s.clusterOffsets = try store.require("clusterOffsets", path: path)
        s.trackCharge = try store.require("trackCharge", path: path)
        s.trackPx = try store.require("trackPx", path: path)
        s.trackPy = try store.require("trackPy", path: path)
        s.trackPz = try store.require("trackPz", path: path)
        s.trackX = try store.require("trackX", path: path)
        s.trackY = try store.require("trackY", path: path)
        s.trackZ = try store.require("trackZ", path: path)
        s.trackSigmaD0 = try store.require("trackSigmaD0", path: path)
        s.trackSigmaZ0 = try store.require("trackSigmaZ0", path: path)
        s.trackSigmaPtOverPt = try store.require("trackSigmaPtOverPt", path: path)
        s.trackSigmaTheta = try store.require("trackSigmaTheta", path: path)
        s.trackSigmaPhi = try store.require("trackSigmaPhi", path: path)
        s.trackMuonID = try store.require("trackMuonID", path: path)
        s.trackTruthPDG = try store.require("trackTruthPDG", path: path)
        s.clusterEnergy = try store.require("clusterEnergy", path: path)
        s.clusterTheta = try store.require("clusterTheta", path: path)
        s.clusterPhi = try store.require("clusterPhi", path: path)
        s.clusterTruthPDG = try store.require("clusterTruthPDG", path: path)
        try s.checkConsistency(path: path)
        return s
    }

    /// Offsets start at 0, never decrease and end at the column lengths; per-event and per-object
    /// columns have matching lengths.
    func checkConsistency(path: String) throws(EventIOError) {
        let n = weights.count
        let perEvent: [(String, Int)] = [("triggered", triggered.count), ("triggerProbability", triggerProbability.count),
                                         ("vertexX", vertexX.count), ("vertexY", vertexY.count), ("vertexZ", vertexZ.count)]
        for (name, count) in perEvent where count != n {
            throw .inconsistentSample(path: path, column: name, event: nil, reason: "has \(count) entries for \(n) events")
        }
        let offsetColumns: [(String, [Int64], Int)] = [("trackOffsets", trackOffsets, trackCharge.count),
                                                       ("clusterOffsets", clusterOffsets, clusterEnergy.count)]
        for (name, offsets, objects) in offsetColumns {
            guard offsets.count == n + 1, offsets.first == 0, offsets.last == Int64(objects) else {
                throw .inconsistentSample(path: path, column: name, event: nil, reason: "must have events + 1 entries from 0 to \(objects)")
            }
            for i in 0..<n where offsets[i + 1] < offsets[i] {
                throw .inconsistentSample(path: path, column: name, event: i, reason: "offsets decrease")
            }
        }
        let tracks = trackCharge.count
        var perTrack: [(String, Int)] = [("trackPx", trackPx.count), ("trackPy", trackPy.count), ("trackPz", trackPz.count)]
        perTrack += [("trackX", trackX.count), ("trackY", trackY.count), ("trackZ", trackZ.count)]
        perTrack += [("trackSigmaD0", trackSigmaD0.count), ("trackSigmaZ0", trackSigmaZ0.count), ("trackSigmaPtOverPt", trackSigmaPtOverPt.count)]
        perTrack += [("trackSigmaTheta", trackSigmaTheta.count), ("trackSigmaPhi", trackSigmaPhi.count)]
        perTrack += [("trackMuonID", trackMuonID.count), ("trackTruthPDG", trackTruthPDG.count)]
        for (name, count) in perTrack where count != tracks {
            throw .inconsistentSample(path: path, column: name, event: nil, reason: "has \(count) entries for \(tracks) tracks")
        }
        let clusters = clusterEnergy.count
        let perCluster: [(String, Int)] = [("clusterTheta", clusterTheta.count), ("clusterPhi", clusterPhi.count),
                                           ("clusterTruthPDG", clusterTruthPDG.count)]
        for (name, count) in perCluster where count != clusters {
            throw .inconsistentSample(path: path, column: name, event: nil, reason: "has \(count) entries for \(clusters) clusters")
        }
    }
}
