import Foundation
import HEPCore

/// A trained network with everything needed to apply it: the input features' names and order, the
/// standardisation, the training configuration and history, and provenance. Stored as JSON, written
/// to a temporary file and renamed.
public struct TrainedModel: Sendable, Codable, Equatable {
    public var network: MLP
    public var featureNames: [String]
    public var standardisation: Standardisation
    public var configuration: TrainingConfiguration
    public var history: [Record]
    public var version: String
    public var createdAt: String?

    /// A history entry (Codable mirror of ``EpochRecord``).
    public struct Record: Sendable, Codable, Equatable {
        public var phase: String
        public var epoch: Int
        public var trainingLoss: Double
        public var validationLoss: Double
    }

    public init(network: MLP, featureNames: [String], standardisation: Standardisation, configuration: TrainingConfiguration,
                history: [EpochRecord], createdAt: Date? = Date()) throws(NeuralSelectionError) {
        guard featureNames.count == network.sizes.first, standardisation.mean.count == featureNames.count else {
            throw .invalidArchitecture("\(featureNames.count) feature names for \(network.sizes.first ?? 0) inputs")
        }
        self.network = network
        self.featureNames = featureNames
        self.standardisation = standardisation
        self.configuration = configuration
        self.history = history.map { Record(phase: $0.phase, epoch: $0.epoch, trainingLoss: $0.trainingLoss, validationLoss: $0.validationLoss) }
        version = DarkScanVersion.string
        self.createdAt = createdAt.map { ISO8601DateFormatter().string(from: $0) }
    }

    /// Rows per forward pass in ``predict(_:)``: a workspace holds every layer's activations and
    /// deltas for its batch (432 floats a row for the default 14-32-64-64-32-16-8-1 network), so the
    /// 6.6M rows of one fold of a real-scale background at once took 11 GB; 65536 rows take 113 MB.
    public static let predictionChunk = 1 << 16

    /// Network outputs for row-major `features` (columns in ``featureNames`` order), computed
    /// ``predictionChunk`` rows at a time (each row's output does not depend on the others).
    public func predict(_ features: [Float]) -> [Float] {
        let d = max(featureNames.count, 1)
        let n = features.count / d
        guard n > 0 else { return [] }
        let chunk = Self.predictionChunk
        var ws = network.makeWorkspace(batch: min(n, chunk))
        var out: [Float] = []
        out.reserveCapacity(n * (network.sizes.last ?? 1))
        standardisation.apply(features).withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: n, by: chunk) {
                let m = min(chunk, n - start)
                network.forward(UnsafeBufferPointer(rebasing: all[(start * d)..<((start + m) * d)]), batch: m, &ws)
                out += ws.output
            }
        }
        return out
    }

    public func write(to url: URL) throws(NeuralSelectionError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(self)
            // Foundation's atomic write: a temporary file in the same directory, then rename(2),
            // which replaces an existing model in one step (FileManager.replaceItemAt does not on Linux).
            try data.write(to: url, options: .atomic)
        } catch {
            throw .invalidInput("cannot write the model to \(url.path): \(error.localizedDescription)")
        }
    }

    public static func read(from url: URL) throws(NeuralSelectionError) -> TrainedModel {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .invalidInput("cannot read the model \(url.path): \(error.localizedDescription)") }
        do {
            let model = try JSONDecoder().decode(TrainedModel.self, from: data)
            guard model.network.weights.count == model.network.sizes.count - 1,
                  zip(model.network.weights, zip(model.network.sizes, model.network.sizes.dropFirst())).allSatisfy({ $0.0.count == $0.1.0 * $0.1.1 }) else {
                throw NeuralSelectionError.invalidInput("\(url.path): weight matrices do not match the layer sizes")
            }
            return model
        } catch let error as NeuralSelectionError {
            throw error
        } catch {
            throw .invalidInput("\(url.path) is not a DarkScan model: \(error)")
        }
    }
}
