import HEPCore
import RealModule

/// The multichannel integrand of one process: picks a channel with probability alpha_c, maps
/// uniform numbers through that channel's VEGAS grid and phase-space map, and weighs the point by
/// f / g with g = sum over the channels of the same multiplicity of alpha_c' g_c'(x) (the channel's
/// phase-space density times its VEGAS density at the point's preimage), f the differential cross
/// section in pb (R. Kleiss, R. Pittau, Comput. Phys. Commun. 83, 141 (1994)).
struct Integrand: Sendable {
    let process: any ScatteringProcess
    let channels: [any PhaseSpaceChannel]
    var alphas: [Double]
    var grids: [VegasGrid]
    let options: GeneratorOptions
    let structureFunction: ElectronStructureFunction

    init(process: any ScatteringProcess, options: GeneratorOptions) {
        self.process = process
        channels = process.channels
        alphas = Array(repeating: 1 / Double(channels.count), count: channels.count)
        grids = channels.map { VegasGrid(dimensions: $0.dimensions, bins: options.vegasBins) }
        self.options = options
        structureFunction = ElectronStructureFunction(s: options.collider.s)
    }

    /// Scratch buffers of one worker, so that evaluating a point allocates nothing (decays of kept
    /// events, done once per event, do allocate).
    struct Workspace {
        var v: [Double], u: [Double], uInverse: [Double]
        var bins: [Int], binsInverse: [Int]
        /// Outgoing-momentum buffers indexed by multiplicity.
        var outgoing: [[FourMomentum]]
        /// The outgoing momenta boosted to the e+e- CM frame (with ISR), by multiplicity.
        var boosted: [[FourMomentum]]
        init(maxDimensions: Int, multiplicities: Set<Int>) {
            v = Array(repeating: 0, count: maxDimensions)
            u = v
            uInverse = v
            bins = Array(repeating: 0, count: maxDimensions)
            binsInverse = bins
            outgoing = (0...(multiplicities.max() ?? 0)).map { Array(repeating: FourMomentum.zero, count: $0) }
            boosted = outgoing
        }
    }

    func makeWorkspace() -> Workspace {
        Workspace(maxDimensions: channels.map(\.dimensions).max() ?? 0, multiplicities: Set(channels.map(\.outgoingCount)))
    }

    /// One evaluated point: its weight (pb), the channel that made it, and what an event needs.
    struct Point {
        var weight: Double
        var channel: Int
        var multiplicity: Int
        /// Hard-frame beams.
        var p1: FourMomentum, p2: FourMomentum
        /// Hard frame -> e+e- CM frame (the ISR boost along z), and the energies of the ISR photons.
        var toCM: LorentzTransform
        var isrPhotonEnergies: (Double, Double)
        /// The lab frame of this event (differs from the nominal one with beam-energy spread).
        var frame: ColliderFrame
        /// The importance-sampling factor b of the point (``ScatteringProcess/samplingBias(_:sqrtS:)``):
        /// `weight` includes it, and the point's event is weighted by 1 / b.
        var bias: Double = 1
    }

    /// Running sums of one work unit, merged in a fixed order.
    struct Accumulator {
        var n = 0, nonZero = 0
        var sumW = 0.0, sumW2 = 0.0, maxW = 0.0
        /// Sums of the unbiased weights w / b (equal to sumW, sumW2 without importance sampling).
        var sumUnbiased = 0.0, sumUnbiased2 = 0.0
        var vegas: [[Double]]
        var channelW: [Double]
        /// The non-zero weights, kept only when `keepWeights` (for the unweighting maximum).
        var weights: [Double] = []
        var keepWeights = false
        init(_ integrand: Integrand) {
            vegas = integrand.grids.map { Array(repeating: 0, count: $0.dimensions * $0.bins) }
            channelW = Array(repeating: 0, count: integrand.channels.count)
        }
        mutating func merge(_ o: Accumulator) {
            n += o.n; nonZero += o.nonZero; sumW += o.sumW; sumW2 += o.sumW2; maxW = max(maxW, o.maxW)
            sumUnbiased += o.sumUnbiased; sumUnbiased2 += o.sumUnbiased2
            for c in vegas.indices { for i in vegas[c].indices { vegas[c][i] += o.vegas[c][i] } }
            for c in channelW.indices { channelW[c] += o.channelW[c] }
            weights += o.weights
        }
        /// The mean weight and its error: sigma, or sigma_b = <b f / g> with importance sampling.
        var mean: Double { n > 0 ? sumW / Double(n) : 0 }
        var error: Double {
            guard n > 1 else { return 0 }
            let m = mean
            return max(0, (sumW2 / Double(n) - m * m) / Double(n - 1)).squareRoot()
        }
        /// The mean of the unbiased weights w / b and its error: sigma with or without importance sampling.
        var unbiasedMean: Double { n > 0 ? sumUnbiased / Double(n) : 0 }
        var unbiasedError: Double {
            guard n > 1 else { return 0 }
            let m = unbiasedMean
            return max(0, (sumUnbiased2 / Double(n) - m * m) / Double(n - 1)).squareRoot()
        }
    }

    /// Evaluates one point from `rng`, adding it to `acc` (with the adaptation sums when `adapt`).
    func evaluate(_ rng: inout RandomStream, _ ws: inout Workspace, _ acc: inout Accumulator, adapt: Bool) -> Point {
        // Channel choice.
        let r = rng.uniform()
        var c = 0, cumulative = alphas[0]
        while r >= cumulative, c < channels.count - 1 { c += 1; cumulative += alphas[c] }
        let channel = channels[c]
        for d in 0..<channel.dimensions { ws.v[d] = rng.uniform() }
        _ = grids[c].map(ws.v, into: &ws.u, binIndex: &ws.bins)

        // Beams: energy spread, then ISR.
        var frame = options.collider
        if let spread = options.beamEnergySpread {
            let e1 = frame.electronEnergy + spread.electron * rng.gaussian()
            let e2 = frame.positronEnergy + spread.positron * rng.gaussian()
            frame = (try? ColliderFrame(name: frame.name, electronEnergy: e1, positronEnergy: e2,
                                        electronAngle: frame.electronAngle, positronAngle: frame.positronAngle)) ?? frame
        }
        var x1 = 1.0, x2 = 1.0, isrWeight = 1.0, k1 = 0.0, k2 = 0.0
        if options.initialStateRadiation {
            let a = structureFunction.sample(rng.uniform()), b = structureFunction.sample(rng.uniform())
            x1 = a.x; x2 = b.x; isrWeight = a.weight * b.weight
            k1 = a.oneMinusX; k2 = b.oneMinusX
        }
        let sqrtS = frame.sqrtS
        let sHat = x1 * x2 * sqrtS * sqrtS
        let sqrtSHat = sHat.squareRoot()
        let (p1, p2) = beamMomenta(sqrtS: sqrtSHat)
        let toCM = x1 == x2 ? LorentzTransform.identity : LorentzTransform.boost(validBeta: ThreeVector(0, 0, (x1 - x2) / (x1 + x2)))
        let n = channel.outgoingCount
        var point = Point(weight: 0, channel: c, multiplicity: n, p1: p1, p2: p2, toCM: toCM,
                          isrPhotonEnergies: (k1 * sqrtS / 2, k2 * sqrtS / 2), frame: frame)
        acc.n += 1

        var out: [FourMomentum] = []
        swap(&out, &ws.outgoing[n])
        defer { swap(&out, &ws.outgoing[n]) }
        guard sHat > 0, channel.generate(ws.u, sqrtS: sqrtSHat, into: &out) else { return point }
        // Cuts and the importance-sampling factor b act on the momenta in the e+e- CM frame.
        let bias: Double
        if x1 == x2 {
            guard process.passesCuts(out, sqrtS: sqrtS) else { return point }
            bias = process.samplingBias(out, sqrtS: sqrtS)
        } else {
            var inCM: [FourMomentum] = []
            swap(&inCM, &ws.boosted[n])
            defer { swap(&inCM, &ws.boosted[n]) }
            for i in out.indices { inCM[i] = toCM.apply(out[i]) }
            guard process.passesCuts(inCM, sqrtS: sqrtS) else { return point }
            bias = process.samplingBias(inCM, sqrtS: sqrtS)
        }
        guard bias > 0 else { return point }

        // g: every channel of this multiplicity at this point.
        var g = 0.0
        var own = 0.0
        for (i, ch) in channels.enumerated() where ch.outgoingCount == n && alphas[i] > 0 {
            let density = ch.inverse(out, sqrtS: sqrtSHat, into: &ws.uInverse)
            guard density > 0 else { continue }
            let gi = density * grids[i].density(at: ws.uInverse, binIndex: &ws.binsInverse)
            g += alphas[i] * gi
            if i == c { own = gi }
        }
        guard g > 0, own > 0 else { return point }
        let me2 = process.matrixElementSquared(p1: p1, p2: p2, outgoing: out)
        let flux = Double.pow(2 * Double.pi, Double(4 - 3 * n)) / (2 * sHat)
        // The biased integrand b f / g: its mean is sigma_b; events carry 1 / b (``Point/bias``).
        let w = Units.picobarn(fromInverseGeV2: me2 * flux) / g * isrWeight * bias
        guard w.isFinite, w > 0 else { return point }
        point.weight = w
        point.bias = bias
        acc.nonZero += 1
        acc.sumW += w
        acc.sumW2 += w * w
        let unbiased = w / bias
        acc.sumUnbiased += unbiased
        acc.sumUnbiased2 += unbiased * unbiased
        acc.maxW = max(acc.maxW, w)
        if acc.keepWeights { acc.weights.append(w) }
        if adapt {
            let grid = grids[c]
            for d in 0..<grid.dimensions { acc.vegas[c][d * grid.bins + ws.bins[d]] += w * w }
            // Kleiss-Pittau: W_i = <g_i w^2 / g>; recompute g_i for each channel of this multiplicity.
            for (i, ch) in channels.enumerated() where ch.outgoingCount == n {
                let density = ch.inverse(out, sqrtS: sqrtSHat, into: &ws.uInverse)
                guard density > 0 else { continue }
                let gi = density * grids[i].density(at: ws.uInverse, binIndex: &ws.binsInverse)
                acc.channelW[i] += gi * w * w / g
            }
        }
        return point
    }

    /// Updates the channel weights alpha_i <- alpha_i sqrt(W_i), normalised, with a floor of
    /// 1% of the uniform weight so no channel starves, and refines each VEGAS grid.
    mutating func adapt(from acc: Accumulator) {
        var new = alphas.indices.map { alphas[$0] * max(acc.channelW[$0], 0).squareRoot() }
        let total = new.reduce(0, +)
        if total > 0 {
            let floor = 0.01 / Double(alphas.count)
            new = new.map { max($0 / total, floor) }
            let norm = new.reduce(0, +)
            alphas = new.map { $0 / norm }
        }
        for c in grids.indices { grids[c].refine(accumulated: acc.vegas[c]) }
    }
}
