import Foundation
import HEPCore
import NeuralSelection
import RealModule
import Testing

@Suite("Punzi-loss network")
struct NetworkTests {
    /// dL/dy of the Punzi loss (both forms, with and without a background uncertainty: r = 0.3 on
    /// B of about 30 events makes (r B)^2 = 80 the larger term) against central finite differences,
    /// to 1e-3 relative.
    @Test("The Punzi loss's gradient matches finite differences", arguments: [false, true], [0.0, 0.3])
    func punziGradient(simple: Bool, uncertainty: Double) {
        var rng = RandomStreams(seed: 901).stream(0)
        let n = 60
        var y = (0..<n).map { _ in Float(rng.uniform(0.2, 0.9)) }
        let w = (0..<n).map { i in i < 30 ? Float(0) : Float(rng.uniform(0.5, 3)) }
        let loss = PunziLoss(hypotheses: [
            .init(signalInWindow: Array(0..<12), generated: 20, backgroundInWindow: Array(30..<45)),
            .init(signalInWindow: Array(12..<25), generated: 18, backgroundInWindow: Array(40..<60)),
        ], simple: simple, relativeBackgroundUncertainty: uncertainty)
        // Signal weights (e.g. trigger probabilities) in eps.
        let sw = (0..<n).map { _ in Float(rng.uniform(0.5, 1)) }
        let (_, gradient) = loss.evaluate(outputs: y, weights: w, signalWeights: sw)
        for i in [0, 5, 13, 31, 42, 59] {
            let h: Float = 1e-3
            let original = y[i]
            y[i] = original + h
            let up = loss.evaluate(outputs: y, weights: w, signalWeights: sw).loss
            y[i] = original - h
            let down = loss.evaluate(outputs: y, weights: w, signalWeights: sw).loss
            y[i] = original
            let numeric = (up - down) / Double(2 * h)
            #expect(abs(Double(gradient[i]) - numeric) <= 1e-3 * abs(numeric), "y[\(i)]: \(gradient[i]) vs \(numeric)")
        }
    }

    /// The value with a background uncertainty, by hand: simple form, one mass, eps = 0.5 (outputs
    /// 0.5 on 10 signal events of 10 generated), B = 20 x 0.5 x 2 = 20 events, r = 0.1:
    /// S = (3/2 + sqrt(20 + 4)) / 0.5 = 12.798; without r, (3/2 + sqrt(20)) / 0.5 = 11.944.
    @Test("The Punzi loss with a background uncertainty uses B + (r B)^2")
    func punziUncertainty() {
        let y = [Float](repeating: 0.5, count: 30)
        let w = (0..<30).map { $0 < 10 ? Float(0) : Float(2) }
        let h = [PunziLoss.Hypothesis(signalInWindow: Array(0..<10), generated: 10, backgroundInWindow: Array(10..<30))]
        let with = PunziLoss(hypotheses: h, simple: true, relativeBackgroundUncertainty: 0.1).evaluate(outputs: y, weights: w).loss
        let without = PunziLoss(hypotheses: h, simple: true).evaluate(outputs: y, weights: w).loss
        #expect(abs(with - (1.5 + 24.0.squareRoot()) / 0.5) < 1e-9)
        #expect(abs(without - (1.5 + 20.0.squareRoot()) / 0.5) < 1e-9)
        // Signal weights of 0.9 make eps 0.45.
        let weighted = PunziLoss(hypotheses: h, simple: true).evaluate(outputs: y, weights: w, signalWeights: [Float](repeating: 0.9, count: 30)).loss
        #expect(abs(weighted - (1.5 + 20.0.squareRoot()) / 0.45) < 1e-6)
    }

    /// A model file written before the loss had a background uncertainty (DarkScan 0.4) decodes with r = 0;
    /// the current configuration round-trips.
    @Test("Training configurations without the Punzi background uncertainty decode with 0")
    func configurationDecoding() throws {
        let old = #"{"crossEntropyEpochs":5,"punziEpochs":20,"batchSize":4096,"punziBatchSize":32768,"learningRate":0.0003,"#
            + #""validationFraction":0.25,"patience":5,"windowSigmas":2,"simplePunzi":false,"seed":7}"#
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(old.utf8))
        #expect(decoded.punziBackgroundUncertainty == 0 && decoded.punziBatchSize == 32768 && decoded.seed == 7)
        var c = TrainingConfiguration()
        c.punziBackgroundUncertainty = 0.0323
        c.punziBatchSize = nil
        #expect(try JSONDecoder().decode(TrainingConfiguration.self, from: JSONEncoder().encode(c)) == c)
    }

    /// A mini-batch can hold no signal event of a mass: that hypothesis has no estimate of eps and
    /// must not count. Before it was left out, its eps floored at 1e-12 gave background gradients
    /// 1e12 times the others and drove the default run's network to outputs of 0 everywhere.
    @Test("a hypothesis without signal in its window adds nothing to the loss or its gradient")
    func emptyHypothesis() {
        var rng = RandomStreams(seed: 903).stream(0)
        let y = (0..<40).map { _ in Float(rng.uniform(0.2, 0.9)) }
        let w = (0..<40).map { i in i < 10 ? Float(0) : Float(rng.uniform(0.5, 3)) }
        let one = PunziLoss(hypotheses: [.init(signalInWindow: Array(0..<10), generated: 15, backgroundInWindow: Array(10..<30))], simple: false)
        let withEmpty = PunziLoss(hypotheses: [.init(signalInWindow: Array(0..<10), generated: 15, backgroundInWindow: Array(10..<30)),
                                               .init(signalInWindow: [], generated: 12, backgroundInWindow: Array(20..<40))], simple: false)
        let a = one.evaluate(outputs: y, weights: w), b = withEmpty.evaluate(outputs: y, weights: w)
        #expect(a.loss == b.loss)
        #expect(a.gradient == b.gradient)
        #expect(b.gradient[30..<40].allSatisfy { $0 == 0 })
    }

    /// Backpropagation through a tanh network against finite differences of L = sum c_i y_i.
    @Test("MLP gradients match finite differences")
    func mlpGradient() throws {
        var rng = RandomStreams(seed: 902).stream(0)
        let net = try MLP(sizes: [3, 5, 4, 1], activations: [.tanh, .tanh, .sigmoid], rng: &rng)
        let batch = 7
        let x = (0..<(batch * 3)).map { _ in Float(rng.uniform(-1, 1)) }
        let c = (0..<batch).map { _ in Float(rng.uniform(-1, 1)) }
        func loss(_ n: MLP) -> Double {
            var ws = n.makeWorkspace(batch: batch)
            x.withUnsafeBufferPointer { n.forward($0, batch: batch, &ws) }
            return zip(ws.output, c).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        var ws = net.makeWorkspace(batch: batch)
        x.withUnsafeBufferPointer { net.forward($0, batch: batch, &ws) }
        net.backward(outputGradient: c, &ws)
        for (l, k) in [(0, 0), (0, 7), (1, 3), (2, 2)] {
            var plus = net, minus = net
            let h: Float = 1e-2
            plus.weights[l][k] += h
            minus.weights[l][k] -= h
            let numeric = (loss(plus) - loss(minus)) / Double(2 * h)
            #expect(abs(Double(ws.weightGradients[l][k]) - numeric) < 1e-3 + 1e-2 * abs(numeric), "W\(l)[\(k)]")
        }
        var plus = net, minus = net
        plus.biases[1][1] += 1e-2
        minus.biases[1][1] -= 1e-2
        #expect(abs(Double(ws.biasGradients[1][1]) - (loss(plus) - loss(minus)) / 2e-2) < 1e-3)
    }

    /// Two Gaussian classes separated along x1 + x2: a small network trained with Adam on the
    /// binary cross-entropy separates them (accuracy > 95%; the Bayes accuracy is 99.9%).
    @Test("The MLP learns a separable toy")
    func separable() throws {
        var rng = RandomStreams(seed: 903).stream(0)
        let n = 2000
        var x = [Float](), t = [Float]()
        for i in 0..<n {
            let label: Float = i % 2 == 0 ? 1 : 0
            let shift = label == 1 ? 1.5 : -1.5
            x += [Float(rng.gaussian(mean: shift, sigma: 1)), Float(rng.gaussian(mean: shift, sigma: 1))]
            t.append(label)
        }
        var net = try MLP(sizes: [2, 8, 8, 1], activations: [.relu, .relu, .sigmoid], rng: &rng)
        var adam = Adam(for: net, learningRate: 0.01)
        var ws = net.makeWorkspace(batch: n)
        let weights = [Float](repeating: 1, count: n)
        for _ in 0..<300 {
            x.withUnsafeBufferPointer { net.forward($0, batch: n, &ws) }
            let (_, g) = BinaryCrossEntropy.evaluate(outputs: ws.output, targets: t, weights: weights)
            net.backward(outputGradient: g, &ws)
            adam.update(&net, gradients: ws)
        }
        x.withUnsafeBufferPointer { net.forward($0, batch: n, &ws) }
        let correct = zip(ws.output, t).filter { ($0.0 > 0.5) == ($0.1 == 1) }.count
        #expect(Double(correct) / Double(n) > 0.95)
    }
}
