import RealModule

/// The Adam optimiser (D. P. Kingma, J. Ba, arXiv:1412.6980, Algorithm 1) over an MLP's parameters.
public struct Adam: Sendable {
    public var learningRate: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    var step = 0
    var mW: [[Float]], vW: [[Float]], mB: [[Float]], vB: [[Float]]

    public init(for network: MLP, learningRate: Float = 1e-3) {
        self.learningRate = learningRate
        mW = network.weights.map { [Float](repeating: 0, count: $0.count) }
        vW = mW
        mB = network.biases.map { [Float](repeating: 0, count: $0.count) }
        vB = mB
    }

    /// One update of `network` from the workspace's gradients.
    public mutating func update(_ network: inout MLP, gradients ws: MLP.Workspace) {
        step += 1
        let c1 = 1 - Float.pow(beta1, Float(step)), c2 = 1 - Float.pow(beta2, Float(step))
        for l in network.weights.indices {
            for i in network.weights[l].indices {
                let g = ws.weightGradients[l][i]
                mW[l][i] = beta1 * mW[l][i] + (1 - beta1) * g
                vW[l][i] = beta2 * vW[l][i] + (1 - beta2) * g * g
                network.weights[l][i] -= learningRate * (mW[l][i] / c1) / ((vW[l][i] / c2).squareRoot() + epsilon)
            }
            for i in network.biases[l].indices {
                let g = ws.biasGradients[l][i]
                mB[l][i] = beta1 * mB[l][i] + (1 - beta1) * g
                vB[l][i] = beta2 * vB[l][i] + (1 - beta2) * g * g
                network.biases[l][i] -= learningRate * (mB[l][i] / c1) / ((vB[l][i] / c2).squareRoot() + epsilon)
            }
        }
    }
}
