import ArgumentParser
import Features
import Foundation
import HEPCore
import NeuralSelection
import Reporting
import Selection

/// `darkscan train`: the Punzi-loss network on signal and background feature tables, compared with
/// the optimised cuts mass by mass.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the Punzi-loss network (the seed's 14 inputs) and compare it with the optimised cuts at every mass.",
        discussion: """
            Binary cross-entropy pre-training with class-balanced weights, then the Punzi loss over the mass hypotheses \
            (windows m^2 +- k sigma(M^2)); masses given to --held-out are left out of training to show how the network \
            generalises. The network's output threshold is chosen per mass to maximise eps/sqrt(B).
            """
    )

    @Option(name: .customLong("signal"), help: "Signal feature table at one mass (repeat).")
    var signals: [String] = []
    @Option(name: .customLong("background"), help: "Background feature table (repeat).")
    var backgrounds: [String] = []
    @Option(help: ArgumentHelp("Integrated luminosity.", valueName: "fb^-1"))
    var luminosity: Double = 977
    @Option(help: "Hidden layer sizes.")
    var layers: String = "32,64,64,32,16,8"
    @Option(help: "Cross-entropy pre-training epochs.")
    var bceEpochs: Int = 5
    @Option(help: "Punzi-loss epochs.")
    var punziEpochs: Int = 20
    @Option(help: "Mini-batch size of the cross-entropy phase.")
    var batch: Int = 4096
    @Option(help: "Mini-batch size of the Punzi phase (its loss needs signal of every mass in each batch).")
    var punziBatch: Int = 32768
    @Option(help: "Adam learning rate.")
    var learningRate: Float = 3e-4
    @Option(help: "Punzi window half-width in units of sigma(M^2).")
    var windowSigmas: Double = 2
    @Option(help: ArgumentHelp("Masses left out of training, comma-separated.", valueName: "GeV,..."))
    var heldOut: String = ""
    @Option(help: ArgumentHelp("Relative background uncertainty r in the Punzi loss, which then takes B + (r B)^2 for B (0: the paper's loss; "
                               + "darkscan run's default analysis uses the background systematics in quadrature, 0.0323).", valueName: "r"))
    var backgroundUncertainty: Double = 0
    @Option(help: "Random seed.")
    var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Where to save the trained model (JSON).")
    var output: String
    @Option(help: ArgumentHelp("Also write the training data, the configuration and the training times to this directory "
                               + "(for Validation/pytorch/punzi_vs_pytorch.py).", valueName: "dir"))
    var export: String?

    mutating func validate() throws {
        guard !signals.isEmpty, !backgrounds.isEmpty else { throw ValidationError("give --signal and --background feature tables") }
        guard layers.split(separator: ",").allSatisfy({ Int($0).map { $0 > 0 } ?? false }) else {
            throw ValidationError("--layers must be positive integers separated by commas, e.g. 32,64,64,32,16,8")
        }
        guard batch > 0, punziBatch > 0, bceEpochs >= 0, punziEpochs >= 0, learningRate > 0 else { throw ValidationError("batch, epochs and learning rate must be positive") }
        guard backgroundUncertainty.isFinite, backgroundUncertainty >= 0, backgroundUncertainty < 1 else {
            throw ValidationError("--background-uncertainty must be in [0, 1) (a relative uncertainty), not \(backgroundUncertainty)")
        }
    }

    func run() async throws {
        let held = Set(heldOut.split(separator: ",").compactMap { Double($0) })
        var sigs: [(mass: Double, table: FeatureTable)] = []
        for path in signals {
            let t = try FeatureTable.read(from: URL(fileURLWithPath: path))
            guard let m = t.generator.settings["m_Z' (GeV)"].flatMap(Double.init) else { throw ValidationError("\(path): no m_Z' in its metadata") }
            sigs.append((m, t))
        }
        sigs.sort { $0.mass < $1.mass }
        let bkgs = try backgrounds.map { try FeatureTable.read(from: URL(fileURLWithPath: $0)) }
        let names = NetworkInputs.seed
        let trainingMasses = sigs.filter { !held.contains($0.mass) }
        // Assemble the training data.
        var features: [Float] = [], targets: [Float] = [], expected: [Float] = [], m2: [Double] = [], index: [Int] = []
        var resolutions: [Double] = [], generated: [Double] = []
        for (k, s) in trainingMasses.enumerated() {
            features += try NetworkInputs.matrix(s.table, names: names)
            targets += [Float](repeating: 1, count: s.table.count)
            expected += [Float](repeating: 0, count: s.table.count)
            m2 += s.table["recoilMassSquared"] ?? []
            index += [Int](repeating: k, count: s.table.count)
            resolutions.append(RobustWidth.medianAndWidth(s.table["recoilMassSquared"] ?? [], weights: s.table.weights)?.width ?? 0.1)
            generated.append(Double(s.table.generator.eventsKept))
        }
        for b in bkgs {
            features += try NetworkInputs.matrix(b, names: names)
            targets += [Float](repeating: 0, count: b.count)
            expected += b.weights.map { Float(Units.expectedEvents(crossSectionPicobarn: $0, luminosityInverseFemtobarn: luminosity)) }
            m2 += b["recoilMassSquared"] ?? []
            index += [Int](repeating: -1, count: b.count)
        }
        let data = try TrainingData(features: features, dimension: names.count, targets: targets, expectedEvents: expected,
                                    recoilMassSquared: m2, massIndex: index, masses: trainingMasses.map(\.mass),
                                    resolutions: resolutions, generated: generated)
        var rng = RandomStreams(seed: seed).child("network-initialisation").stream(0)
        let hidden = layers.split(separator: ",").compactMap { Int($0) }
        let network = try MLP(sizes: [names.count] + hidden + [1], activations: hidden.map { _ in .relu } + [.sigmoid], rng: &rng)
        var c = TrainingConfiguration()
        c.crossEntropyEpochs = bceEpochs
        c.punziEpochs = punziEpochs
        c.batchSize = batch
        c.punziBatchSize = punziBatch
        c.learningRate = learningRate
        c.windowSigmas = windowSigmas
        c.punziBackgroundUncertainty = backgroundUncertainty
        c.seed = seed
        let start = ContinuousClock.now
        var epochSeconds: [Double] = []
        var last = start
        let (net, standardisation, history) = try Trainer.train(network, data: data, configuration: c) { r in
            let now = ContinuousClock.now
            let d = now - last
            last = now
            epochSeconds.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
            // In the Punzi phase the loss is Punzi's sensitivity S (mean over masses); 1/S is the validation figure of merit.
            let fom = r.phase == "punzi" && r.validationLoss > 0 ? String(format: "  validation FOM 1/S %.4g", 1 / r.validationLoss) : ""
            FileHandle.standardError.write(Data(String(format: "%@ epoch %3d  training loss %.5g  validation loss %.5g%@  (%.2f s)\n",
                                                         r.phase, r.epoch, r.trainingLoss, r.validationLoss, fom, epochSeconds.last ?? 0).utf8))
        }
        let elapsed = ContinuousClock.now - start
        if let export {
            // Epoch times include the validation loss after each epoch, as PyTorch's loop in the script does.
            try data.export(to: URL(fileURLWithPath: export), extra: [
                "layers": hidden, "activation": "relu", "cross_entropy_epochs": bceEpochs, "punzi_epochs": punziEpochs,
                "batch": batch, "punzi_batch": punziBatch, "learning_rate": Double(learningRate), "window_sigmas": windowSigmas,
                "punzi_background_uncertainty": backgroundUncertainty,
                "validation_fraction": c.validationFraction, "patience": c.patience, "luminosity": luminosity, "seed": "\(seed)",
                "darkscan_epoch_seconds": epochSeconds, "darkscan_phases": history.map(\.phase),
                "darkscan_validation_losses": history.map(\.validationLoss), "darkscan_model": output,
                "background_processes": bkgs.map(\.generator.processKey), "background_counts": bkgs.map(\.count),
            ])
        }
        let model = try TrainedModel(network: net, featureNames: names, standardisation: standardisation, configuration: c, history: history)
        try model.write(to: URL(fileURLWithPath: output))
        print("trained \(net.parameterCount) parameters on \(data.count) events in \(elapsed); model written to \(output)")

        // Comparison per mass: the network's best output threshold vs the optimised cuts.
        let cuts = SeedCuts.zPrimeInvisible(windowHalfWidth: .constant(1))
        var table = Table(title: "Cuts vs network, eps/sqrt(B) per mass in the +-3 sigma recoil window (\(luminosity) fb^-1); * = held out of training",
                          columns: [Table.Column("m_Z'", unit: "GeV"), Table.Column("cuts eps"), Table.Column("cuts B"), Table.Column("cuts FOM"),
                                    Table.Column("net eps"), Table.Column("net B"), Table.Column("net FOM"), Table.Column("net/cuts")])
        let backgroundOutputs = try bkgs.map { try model.predict(NetworkInputs.matrix($0, names: names)) }
        let effectiveWeights = ExpectedBackground.effectiveWeights(tables: bkgs)
        for s in sigs {
            let scan = try MassScanOptimisation(masses: [s.mass], signals: [(s.table, s.table.generator.crossSectionPicobarn)], backgrounds: bkgs,
                                                cuts: cuts, windowIndex: 1, free: Array(cuts.indices).filter { $0 != 1 }, windowSigmas: 3,
                                                luminosityInverseFemtobarn: luminosity)
            let p = scan.points[0]
            let half = p.windowHalfWidth
            let ys = model.predict(try NetworkInputs.matrix(s.table, names: names))
            // The same empty-window rule as the cuts' optimiser (ExpectedBackground), on the whole sample.
            let best = OutputThreshold.best(mass: s.mass, halfWidth: half, signal: s.table, signalOutputs: ys, backgrounds: bkgs,
                                            backgroundOutputs: backgroundOutputs, effectiveWeights: effectiveWeights, luminosity: luminosity)
            try table.append([.text(String(format: "%g%@", s.mass, held.contains(s.mass) ? "*" : "")), .number(p.result.efficiency),
                              .text(Self.format(background: p.result.background, bound: p.result.backgroundFromMonteCarloBound)),
                              .number(p.result.figureOfMerit), .number(best.efficiency),
                              .text(Self.format(background: best.background.events, bound: best.background.isMonteCarloBound)),
                              .number(best.figureOfMerit), .number(p.result.figureOfMerit > 0 ? best.figureOfMerit / p.result.figureOfMerit : .nan)])
        }
        print(table.renderText(), terminator: "")
        print("B in expected events: per process the passing Monte Carlo weight or, where that is below it (no passing event, or a few "
              + "light ones), the Monte Carlo bound 1.14 x its effective weight (sum w^2 / sum w); '<' marks a B that is mostly such bounds (an upper estimate, not a measured background).")
    }

    static func format(background: Double, bound: Bool) -> String {
        (bound ? "<" : "") + String(format: "%.4e", background)
    }
}
