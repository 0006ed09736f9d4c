import RealModule

extension HistFactoryModel {
    /// The expected counts nu_b of every main bin at parameters `p` (pyhf `expected_actualdata`);
    /// NaN everywhere when `p` does not have ``parameterCount`` values.
    public func expectedMainData(_ p: [Double]) -> [Double] {
        var nu = [Double](repeating: 0, count: mainBinCount)
        guard p.count == parameterCount else { return nu.map { _ in .nan } }
        for s in samples {
            var scalar = 1.0
            for k in s.linear { scalar *= p[k] }
            for (k, interp) in s.code4 { scalar *= interp(p[k]).value }
            for b in 0..<s.binCount {
                var base = s.nominal[b]
                for h in s.histosys {
                    base += Interpolation.code4p(p[h.parameter], deltaUp: h.deltaUp[b], deltaDown: h.deltaDown[b]).value
                }
                var factor = scalar
                for j in s.perBin { factor *= p[j[b]] }
                nu[s.binOffset + b] += factor * base
            }
        }
        return nu
    }

    /// The expected auxiliary data: the parameter itself for Gaussian constraints, gamma * tau for
    /// Poisson ones (pyhf `expected_auxdata`).
    public func expectedAuxiliaryData(_ p: [Double]) -> [Double] {
        var aux = auxiliaryData
        guard p.count == parameterCount else { return aux.map { _ in .nan } }
        for g in gaussian { aux[g.auxIndex] = p[g.parameter] }
        for c in poisson { aux[c.auxIndex] = p[c.parameter] * c.factor }
        return aux
    }

    /// Main and auxiliary expectations: the Asimov dataset at `p` (Cowan et al., EPJC 71, 1554
    /// (2011), Sec. 3.1: every observable set to its expectation).
    public func expectedData(_ p: [Double]) -> Dataset {
        Dataset(main: expectedMainData(p), auxiliary: expectedAuxiliaryData(p))
    }

    /// -2 ln L(p | data), with every constant pyhf keeps (ln Gamma(n + 1), ln(sqrt(2 pi) sigma)), so
    /// values compare directly with `pyhf.infer.mle.twice_nll`. +infinity where an expected count is
    /// negative, or zero with a non-zero count.
    /// NaN when `p` or `data` do not fit the model (see ``check(_:)``).
    public func twiceNLL(_ p: [Double], data: Dataset) -> Double {
        guard p.count == parameterCount, (try? check(data)) != nil else { return .nan }
        return 2 * (reducedNLL(p, data: data) + nllConstant(data))
    }

    /// Checks that `data` fits the model: ``mainBinCount`` main counts and one auxiliary datum per
    /// constrained parameter, all finite and the counts >= 0.
    ///
    /// - Throws: ``StatisticsError/invalidArgument(name:value:allowed:)``.
    public func check(_ data: Dataset) throws(StatisticsError) {
        guard data.main.count == mainBinCount, data.auxiliary.count == auxiliaryData.count else {
            throw .invalidArgument(name: "dataset", value: "\(data.main.count) main and \(data.auxiliary.count) auxiliary values",
                                   allowed: "\(mainBinCount) main and \(auxiliaryData.count) auxiliary values for this model")
        }
        guard data.main.allSatisfy({ $0.isFinite && $0 >= 0 }), data.auxiliary.allSatisfy(\.isFinite) else {
            throw .invalidArgument(name: "dataset", value: "non-finite or negative counts", allowed: "finite values, counts >= 0")
        }
    }

    /// ln L(p | data) (pyhf `model.logpdf`).
    public func logPDF(_ p: [Double], data: Dataset) -> Double { -0.5 * twiceNLL(p, data: data) }

    /// The part of -ln L that does not depend on the parameters: the sum of ln Gamma(n + 1) + n - n ln n
    /// over main bins and Poisson-constrained auxiliary data, and ln(sqrt(2 pi) sigma) per Gaussian
    /// constraint. ``reducedNLL(_:data:)`` + this = -ln L.
    func nllConstant(_ data: Dataset) -> Double {
        func poissonConstant(_ n: Double) -> Double { Double.logGamma(n + 1) + n - (n > 0 ? n * Double.log(n) : 0) }
        var c = 0.0
        for n in data.main { c += poissonConstant(n) }
        for g in gaussian { c += Double.log((2 * Double.pi).squareRoot() * g.sigma) }
        for q in poisson { c += poissonConstant(data.auxiliary[q.auxIndex]) }
        return c
    }

    /// -ln L minus ``nllConstant(_:)``: for each Poisson term nu - n - n ln(nu / n) (nu where n = 0),
    /// zero when nu = n, and (a - theta)^2 / (2 sigma^2) per Gaussian constraint. Being small near
    /// the minimum, its differences keep full precision for the minimiser.
    public func reducedNLL(_ p: [Double], data: Dataset) -> Double {
        guard p.count == parameterCount, data.main.count == mainBinCount, data.auxiliary.count == auxiliaryData.count else { return .nan }
        let nu = expectedMainData(p)
        var f = 0.0
        for (n, lam) in zip(data.main, nu) { f += Self.poissonDeviance(n, lam) }
        for g in gaussian {
            let z = (data.auxiliary[g.auxIndex] - p[g.parameter]) / g.sigma
            f += 0.5 * z * z
        }
        for c in poisson { f += Self.poissonDeviance(data.auxiliary[c.auxIndex], p[c.parameter] * c.factor) }
        return f.isNaN ? .infinity : f
    }

    /// nu - n - n ln(nu / n): -ln Pois(n | nu) up to its nu-independent part (continuous in n).
    @inline(__always)
    static func poissonDeviance(_ n: Double, _ nu: Double) -> Double {
        if n > 0 { return nu > 0 ? nu - n - n * Double.log(nu / n) : .infinity }
        return nu >= 0 ? nu : .infinity
    }

    /// ``reducedNLL(_:data:)`` and its analytic gradient with respect to every parameter (written
    /// to `gradient`, resized to ``parameterCount`` elements if needed); NaN for inputs of the wrong size.
    ///
    /// d(-ln L)/d theta_i = sum_b (1 - n_b / nu_b) d nu_b / d theta_i + constraint terms
    /// ((theta - a) / sigma^2 for a Gaussian, tau - a / gamma for a Poisson constraint); d nu / d theta
    /// follows the product rule through the factors of ``CompiledSample`` and the derivatives of
    /// the code 4 and 4p interpolations.
    public func reducedNLL(_ p: [Double], data: Dataset, gradient: inout [Double]) -> Double {
        guard p.count == parameterCount, data.main.count == mainBinCount, data.auxiliary.count == auxiliaryData.count else { return .nan }
        if gradient.count != parameterCount { gradient = [Double](repeating: 0, count: parameterCount) }
        for i in gradient.indices { gradient[i] = 0 }
        let nu = expectedMainData(p)
        var f = 0.0
        var weight = [Double](repeating: 0, count: nu.count)
        for b in nu.indices {
            let n = data.main[b]
            f += Self.poissonDeviance(n, nu[b])
            weight[b] = n > 0 ? 1 - n / nu[b] : 1
        }
        guard f.isFinite else { return .infinity }
        var values: [Double] = []
        var derivatives: [Double] = []
        var params: [Int] = []
        var excluded: [Double] = []
        for s in samples {
            // Scalar factors, their derivatives and the product of all the others.
            values.removeAll(keepingCapacity: true)
            derivatives.removeAll(keepingCapacity: true)
            params.removeAll(keepingCapacity: true)
            for k in s.linear { values.append(p[k]); derivatives.append(1); params.append(k) }
            for (k, interp) in s.code4 {
                let (v, d) = interp(p[k])
                values.append(v); derivatives.append(d); params.append(k)
            }
            Self.productsExcludingEach(values, into: &excluded)
            let scalar = values.reduce(1, *)
            for b in 0..<s.binCount {
                let w = weight[s.binOffset + b]
                var base = s.nominal[b]
                for h in s.histosys {
                    base += Interpolation.code4p(p[h.parameter], deltaUp: h.deltaUp[b], deltaDown: h.deltaDown[b]).value
                }
                var binFactor = 1.0
                for j in s.perBin { binFactor *= p[j[b]] }
                for k in params.indices { gradient[params[k]] += w * base * binFactor * excluded[k] * derivatives[k] }
                for (jIndex, j) in s.perBin.enumerated() {
                    var others = 1.0
                    for (i, o) in s.perBin.enumerated() where i != jIndex { others *= p[o[b]] }
                    gradient[j[b]] += w * base * scalar * others
                }
                for h in s.histosys {
                    let d = Interpolation.code4p(p[h.parameter], deltaUp: h.deltaUp[b], deltaDown: h.deltaDown[b]).derivative
                    gradient[h.parameter] += w * scalar * binFactor * d
                }
            }
        }
        for g in gaussian {
            let a = data.auxiliary[g.auxIndex]
            let z = (a - p[g.parameter]) / g.sigma
            f += 0.5 * z * z
            gradient[g.parameter] += (p[g.parameter] - a) / (g.sigma * g.sigma)
        }
        for c in poisson {
            let a = data.auxiliary[c.auxIndex]
            let gamma = p[c.parameter]
            f += Self.poissonDeviance(a, gamma * c.factor)
            gradient[c.parameter] += a > 0 ? c.factor - a / gamma : c.factor
        }
        return f.isNaN ? .infinity : f
    }

    /// out[k] = product of all values but values[k], without dividing (a factor may be zero).
    static func productsExcludingEach(_ values: [Double], into out: inout [Double]) {
        out.removeAll(keepingCapacity: true)
        var prefix = 1.0
        for v in values { out.append(prefix); prefix *= v }
        var suffix = 1.0
        for k in stride(from: values.count - 1, through: 0, by: -1) {
            out[k] *= suffix
            suffix *= values[k]
        }
    }
}
