import RealModule

/// Binary cross-entropy with per-event weights (class balance):
/// L = -(1/sum w) sum_i w_i [t_i ln y_i + (1 - t_i) ln(1 - y_i)], outputs clamped to [1e-7, 1 - 1e-7].
public enum BinaryCrossEntropy {
    /// The loss and dL/dy_i.
    public static func evaluate(outputs y: [Float], targets t: [Float], weights w: [Float]) -> (loss: Double, gradient: [Float]) {
        let total = w.reduce(0.0) { $0 + Double($1) }
        guard total > 0 else { return (0, [Float](repeating: 0, count: y.count)) }
        var loss = 0.0
        var gradient = [Float](repeating: 0, count: y.count)
        for i in y.indices {
            let yi = min(max(Double(y[i]), 1e-7), 1 - 1e-7), ti = Double(t[i]), wi = Double(w[i])
            loss -= wi * (ti * Double.log(yi) + (1 - ti) * Double.log(1 - yi))
            gradient[i] = Float(-wi * (ti / yi - (1 - ti) / (1 - yi)) / total)
        }
        return (loss / total, gradient)
    }
}

/// The Punzi loss of Eur. Phys. J. C 82, 121 (2022) (arXiv:2110.00810): the network output y_i in
/// [0, 1] is a soft selection weight; for each mass hypothesis k with a window in the recoil mass
/// squared, eps_k = (sum of y (times the event's weight, 1 if unweighted) over signal events generated
/// at m_k inside window k) / N_k generated,
/// B_k = sum of y_j w_j over background events inside window k (w_j = expected events per Monte
/// Carlo event), and the loss is the mean over k of Punzi's sensitivity
///
///     S(eps, B) = (a^2/8 + 9 b^2/13 + a sqrt(B) + (b/2) sqrt(b^2 + 4 a sqrt(B) + 4 B)) / eps
///
/// (G. Punzi, arXiv:physics/0308063; the form in shared/PHYSICS.md, a = 3, b = 1.28155), or, with `simple`, the
/// inverse of eps/(a/2 + sqrt(B)). B is floored at 1e-6 events so that sqrt(B) stays differentiable.
///
/// With a relative background uncertainty r > 0 (DarkScan's extension, not in the paper) B in S is
/// replaced by B + (r B)^2, the Poisson variance plus the systematic one in quadrature, as the cuts'
/// figure of merit eps/sqrt(B + (r B)^2) does (G. Cowan, "Discovery sensitivity for a counting
/// experiment with background uncertainty", 2012, the S/sqrt(B + sigma_B^2) limit): where B is
/// large (10^4-10^6 events at low masses) the systematic term dominates, and the loss then asks for
/// a purer selection than sqrt(B) does.
public struct PunziLoss: Sendable {
    public struct Hypothesis: Sendable {
        /// Indices of the signal events generated at this mass that fall inside its window.
        public var signalInWindow: [Int]
        /// Number of signal events generated at this mass (before any selection).
        public var generated: Double
        /// Indices of the background events inside this mass's window.
        public var backgroundInWindow: [Int]
        public init(signalInWindow: [Int], generated: Double, backgroundInWindow: [Int]) {
            self.signalInWindow = signalInWindow
            self.generated = generated
            self.backgroundInWindow = backgroundInWindow
        }
    }

    public var a: Double = 3
    public var b: Double = 1.28155
    public var simple = false
    /// The relative background uncertainty r (0: Punzi's B).
    public var relativeBackgroundUncertainty = 0.0
    public var hypotheses: [Hypothesis]

    public init(hypotheses: [Hypothesis], simple: Bool = false, relativeBackgroundUncertainty: Double = 0) {
        self.hypotheses = hypotheses
        self.simple = simple
        self.relativeBackgroundUncertainty = relativeBackgroundUncertainty
    }

    /// S(eps, B) and its partial derivatives.
    func sensitivity(eps: Double, background: Double) -> (s: Double, dEps: Double, dB: Double) {
        let r2 = relativeBackgroundUncertainty * relativeBackgroundUncertainty
        let floored = max(background, 1e-6)
        // B_eff = B + r^2 B^2 and dB_eff/dB, through which the derivative in B runs.
        let bg = floored + r2 * floored * floored, chain = 1 + 2 * r2 * floored
        let root = bg.squareRoot()
        let numerator: Double, dNumerator: Double
        if simple {
            numerator = a / 2 + root
            dNumerator = 1 / (2 * root)
        } else {
            let inner = (b * b + 4 * a * root + 4 * bg).squareRoot()
            numerator = a * a / 8 + 9 * b * b / 13 + a * root + b / 2 * inner
            dNumerator = a / (2 * root) + b / 2 * (2 * a / root + 4) / (2 * inner)
        }
        let s = numerator / eps
        return (s, -s / eps, background > 1e-6 ? dNumerator * chain / eps : 0)
    }

    /// The loss and dL/dy_i for outputs `y`, where `weights[i]` is the expected-events weight of a
    /// background event (unused for signal events) and `signalWeights[i]` (nil: 1) the weight of a
    /// signal event in eps (e.g. its trigger probability; unused for background events).
    public func evaluate(outputs y: [Float], weights: [Float], signalWeights: [Float]? = nil) -> (loss: Double, gradient: [Float]) {
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: y.count)
        // A hypothesis without signal events in its window (a mini-batch can miss a mass) has no
        // estimate of eps: it is left out, or its floored eps would turn the background's gradient
        // into a push of every output in the window towards 0, 1e12 times larger than the rest.
        let live = hypotheses.filter { !$0.signalInWindow.isEmpty }
        let k = Double(max(live.count, 1))
        for h in live {
            let sw = { (i: Int) -> Double in signalWeights.map { Double($0[i]) } ?? 1 }
            let eps = max(h.signalInWindow.reduce(0.0) { $0 + Double(y[$1]) * sw($1) } / h.generated, 1e-12)
            let bg = h.backgroundInWindow.reduce(0.0) { $0 + Double(y[$1]) * Double(weights[$1]) }
            let (s, dEps, dB) = sensitivity(eps: eps, background: bg)
            loss += s / k
            for i in h.signalInWindow { gradient[i] += dEps * sw(i) / h.generated / k }
            for j in h.backgroundInWindow { gradient[j] += dB * Double(weights[j]) / k }
        }
        return (loss, gradient.map { Float($0) })
    }
}
