import Foundation

extension TrainingData {
    /// Writes the training data for other tools (the PyTorch cross-check in Validation/pytorch):
    /// `features.f32` (count x dimension, row-major), `targets.f32`, `expected.f32` (expected events
    /// per background event at the target luminosity), `m2.f64` (recoil mass squared, GeV^2),
    /// `mass_index.i64` (the training mass of a signal event, -1 for background), all raw
    /// little-endian, and `meta.json` (`extra` plus the masses, resolutions, generated counts, the
    /// dimension and the count). Each file is written to a temporary name and renamed.
    public func export(to directory: URL, extra: [String: Any]) throws(NeuralSelectionError) {
        func write(_ data: Data, _ name: String) throws(NeuralSelectionError) {
            let url = directory.appendingPathComponent(name)
            do { try data.write(to: url, options: .atomic) } catch {
                throw .fileSystem(path: url.path, detail: "cannot write: \(error.localizedDescription)")
            }
        }
        func bytes<T>(_ values: [T]) -> Data { values.withUnsafeBytes { Data($0) } }
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw .fileSystem(path: directory.path, detail: "cannot create: \(error.localizedDescription)")
        }
        try write(bytes(features.map { $0.bitPattern.littleEndian }), "features.f32")
        try write(bytes(targets.map { $0.bitPattern.littleEndian }), "targets.f32")
        try write(bytes(expectedEvents.map { $0.bitPattern.littleEndian }), "expected.f32")
        try write(bytes(recoilMassSquared.map { $0.bitPattern.littleEndian }), "m2.f64")
        try write(bytes(massIndex.map { Int64($0).littleEndian }), "mass_index.i64")
        var meta = extra
        meta["masses"] = masses
        meta["resolutions"] = resolutions
        meta["generated"] = generated
        meta["dimension"] = dimension
        meta["count"] = count
        do {
            try write(try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys]), "meta.json")
        } catch let error as NeuralSelectionError {
            throw error
        } catch {
            throw .fileSystem(path: directory.appendingPathComponent("meta.json").path, detail: "cannot encode: \(error)")
        }
    }
}
