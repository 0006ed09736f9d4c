import COpenBLAS
import HEPCore
import RealModule

/// A fully connected network on contiguous Float buffers: layer l maps n_{l-1} inputs to n_l
/// outputs, z = W a + b, a' = f(z), with W stored row-major (n_l x n_{l-1}). Batches are row-major
/// (events x features); forward and backward passes are matrix products through OpenBLAS's sgemm, so
/// the cost is that of BLAS, not of Swift loops.
public struct MLP: Sendable, Codable, Equatable {
    public enum Activation: String, Sendable, Codable { case relu, sigmoid, tanh, identity }

    /// Layer sizes, inputs first, e.g. [14, 32, 64, 64, 32, 16, 8, 1] (the seed's network).
    public let sizes: [Int]
    /// The activation after each layer (sizes.count - 1 of them).
    public let activations: [Activation]
    public var weights: [[Float]]
    public var biases: [[Float]]

    /// Weights drawn from N(0, 2/n_in) (He et al., arXiv:1502.01852) for ReLU layers and
    /// N(0, 1/n_in) otherwise, from the given stream; biases zero.
    public init(sizes: [Int], activations: [Activation], rng: inout RandomStream) throws(NeuralSelectionError) {
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }), activations.count == sizes.count - 1 else {
            throw .invalidArchitecture("layer sizes \(sizes) with \(activations.count) activations")
        }
        self.sizes = sizes
        self.activations = activations
        var w: [[Float]] = [], b: [[Float]] = []
        for l in 1..<sizes.count {
            let scale = ((activations[l - 1] == .relu ? 2.0 : 1.0) / Double(sizes[l - 1])).squareRoot()
            w.append((0..<(sizes[l] * sizes[l - 1])).map { _ in Float(scale * rng.gaussian()) })
            b.append([Float](repeating: 0, count: sizes[l]))
        }
        weights = w
        biases = b
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { weights.reduce(0) { $0 + $1.count } + biases.reduce(0) { $0 + $1.count } }

    /// Buffers of one batch: activations per layer (a_0 = input ... a_L = output) and gradients.
    public struct Workspace: Sendable {
        public internal(set) var batch: Int
        var a: [[Float]]
        var delta: [[Float]]
        public internal(set) var weightGradients: [[Float]]
        public internal(set) var biasGradients: [[Float]]
        /// The network's outputs for the batch (the last layer, batch x n_L).
        public var output: [Float] { a[a.count - 1] }
    }

    public func makeWorkspace(batch: Int) -> Workspace {
        Workspace(batch: batch, a: sizes.map { [Float](repeating: 0, count: batch * $0) },
                  delta: sizes.map { [Float](repeating: 0, count: batch * $0) },
                  weightGradients: weights.map { [Float](repeating: 0, count: $0.count) },
                  biasGradients: biases.map { [Float](repeating: 0, count: $0.count) })
    }

    /// Forward pass of `batch` rows of `input` (row-major, batch x sizes[0]) into the workspace.
    public func forward(_ input: UnsafeBufferPointer<Float>, batch: Int, _ ws: inout Workspace) {
        _ = BLASThreading.singleThreaded
        if ws.batch != batch { ws = makeWorkspace(batch: batch) }
        ws.a[0].withUnsafeMutableBufferPointer { a0 in _ = a0.update(fromContentsOf: input.prefix(batch * sizes[0])) }
        for l in 1..<sizes.count {
            let nIn = sizes[l - 1], nOut = sizes[l]
            var z: [Float] = []
            swap(&z, &ws.a[l]) // take the buffer out: no copy-on-write copy
            weights[l - 1].withUnsafeBufferPointer { w in
                ws.a[l - 1].withUnsafeBufferPointer { a in
                    z.withUnsafeMutableBufferPointer { zp in
                        // z (batch x nOut) = a (batch x nIn) * W^T (nIn x nOut)
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(batch), Int32(nOut), Int32(nIn),
                                    1, a.baseAddress, Int32(nIn), w.baseAddress, Int32(nIn), 0, zp.baseAddress, Int32(nOut))
                    }
                }
            }
            let f = activations[l - 1]
            biases[l - 1].withUnsafeBufferPointer { b in
                z.withUnsafeMutableBufferPointer { zp in
                    // The activation is chosen once per layer so the inner loops vectorise.
                    switch f {
                    case .relu:
                        for r in 0..<batch { let row = r * nOut; for j in 0..<nOut { zp[row + j] = max(zp[row + j] + b[j], 0) } }
                    case .identity:
                        for r in 0..<batch { let row = r * nOut; for j in 0..<nOut { zp[row + j] += b[j] } }
                    case .sigmoid, .tanh:
                        for r in 0..<batch { let row = r * nOut; for j in 0..<nOut { zp[row + j] = Self.apply(f, zp[row + j] + b[j]) } }
                    }
                }
            }
            swap(&z, &ws.a[l])
        }
    }

    @inline(__always) static func apply(_ f: Activation, _ v: Float) -> Float {
        switch f {
        case .relu: return max(v, 0)
        case .sigmoid: return 1 / (1 + Float.exp(-v))
        case .tanh: return Float.tanh(v)
        case .identity: return v
        }
    }

    /// f'(z) expressed through the activation value a = f(z).
    @inline(__always) static func derivative(_ f: Activation, output a: Float) -> Float {
        switch f {
        case .relu: return a > 0 ? 1 : 0
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .identity: return 1
        }
    }

    /// Backward pass after ``forward(_:batch:_:)``: given dL/d(output) (batch x n_L), fills the
    /// workspace's weight and bias gradients (summed over the batch).
    public func backward(outputGradient: [Float], _ ws: inout Workspace) {
        _ = BLASThreading.singleThreaded
        let batch = ws.batch
        let last = sizes.count - 1
        do {
            var d: [Float] = []
            swap(&d, &ws.delta[last])
            for i in 0..<(batch * sizes[last]) { d[i] = outputGradient[i] * Self.derivative(activations[last - 1], output: ws.a[last][i]) }
            swap(&d, &ws.delta[last])
        }
        for l in stride(from: last, through: 1, by: -1) {
            let nIn = sizes[l - 1], nOut = sizes[l]
            var dW: [Float] = []
            swap(&dW, &ws.weightGradients[l - 1])
            ws.delta[l].withUnsafeBufferPointer { d in
                ws.a[l - 1].withUnsafeBufferPointer { a in
                    dW.withUnsafeMutableBufferPointer { g in
                        // dW (nOut x nIn) = delta^T (nOut x batch) * a (batch x nIn)
                        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(nOut), Int32(nIn), Int32(batch),
                                    1, d.baseAddress, Int32(nOut), a.baseAddress, Int32(nIn), 0, g.baseAddress, Int32(nIn))
                    }
                }
            }
            swap(&dW, &ws.weightGradients[l - 1])
            var db: [Float] = []
            swap(&db, &ws.biasGradients[l - 1])
            ws.delta[l].withUnsafeBufferPointer { d in
                db.withUnsafeMutableBufferPointer { g in
                    // Row by row in order (the same sums as before), vectorised across the outputs.
                    for j in 0..<nOut { g[j] = 0 }
                    for r in 0..<batch { let row = r * nOut; for j in 0..<nOut { g[j] += d[row + j] } }
                }
            }
            swap(&db, &ws.biasGradients[l - 1])
            guard l > 1 else { break }
            var previous: [Float] = []
            swap(&previous, &ws.delta[l - 1])
            ws.delta[l].withUnsafeBufferPointer { d in
                weights[l - 1].withUnsafeBufferPointer { w in
                    previous.withUnsafeMutableBufferPointer { p in
                        // delta_{l-1} (batch x nIn) = delta_l (batch x nOut) * W (nOut x nIn), then * f'
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(batch), Int32(nIn), Int32(nOut),
                                    1, d.baseAddress, Int32(nOut), w.baseAddress, Int32(nIn), 0, p.baseAddress, Int32(nIn))
                    }
                }
            }
            let f = activations[l - 2]
            ws.a[l - 1].withUnsafeBufferPointer { a in
                previous.withUnsafeMutableBufferPointer { p in
                    // The activation is chosen once per layer so the loops vectorise (as in forward).
                    switch f {
                    case .relu: for i in 0..<(batch * nIn) { p[i] *= a[i] > 0 ? 1 : 0 }
                    case .sigmoid: for i in 0..<(batch * nIn) { p[i] *= a[i] * (1 - a[i]) }
                    case .tanh: for i in 0..<(batch * nIn) { p[i] *= 1 - a[i] * a[i] }
                    case .identity: break
                    }
                }
            }
            swap(&previous, &ws.delta[l - 1])
        }
    }
}
