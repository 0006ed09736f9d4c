import ComplexModule
import HEPCore
import RealModule

/// Decays a tau+ tau- pair with the full spin correlation of its production.
///
/// The joint distribution of the two decays is |sum_{l-, l+} M(l-, l+) D-(l-) D+(l+)|^2 summed over
/// every other helicity, with M the production amplitudes and D the decay amplitudes of
/// ``TauCurrents``. It is sampled exactly in two steps: the tau- decay from its spin-density matrix
/// rho-(l, l') = sum M(l, l+) M*(l', l+), then the tau+ decay from the matrix of the amplitudes
/// conditional on the chosen tau- decay. Each step is accept-reject in the tau rest frame against
/// the largest eigenvalue of rho times the largest unpolarised weight of the mode (found by sampling
/// 40,000 decays per mode at start-up, times a safety factor 1.5; x^dagger rho x <= lambda_max(rho)
/// |x|^2 for the Hermitian rho). The bound was tr(rho), 2x looser for an unpolarised tau: the
/// eigenvalue halves its expected number of tries and leaves the distribution unchanged.
/// The bound is an estimate: a decay whose weight exceeds it would be under-represented
/// (``boundViolations(samples:)`` measures it). The largest weight in 300,000 fresh decays per mode is
/// within 1.6% of the 40,000-decay maximum for every mode up to three bodies and 11% above it for the
/// four-pion modes, so 1.5 covers them; it was 2.5, which made every mode's accept-reject 1.7x slower. The tau
/// polarisation and the tau-tau spin correlation follow from the amplitudes, not from parameters.
///
/// Modes and branching ratios: ``TauDecayMode/pdg2024``; the leptonic ones keep their PDG values and
/// the hadronic ones are scaled by a common factor so that the branching ratios sum to one. Unstable
/// daughters: pi0 -> gamma gamma (isotropic, the 98.8% mode; Dalitz decays ignored); the Kbar0 is
/// recorded as a K_L (K_S decays not generated). Daughters point at their tau (mother index).
public struct TauPairDecayer: Sendable {
    public let modes: [TauDecayMode]
    /// The factor applied to the hadronic PDG branching ratios.
    public let hadronicScale: Double
    /// Largest unpolarised weight of each mode (with the safety factor).
    let bounds: [Double]
    let cumulative: [Double]
    /// The cumulative probabilities with which modes are drawn (the branching ratios unless biased).
    let sampling: [Double]
    /// The weight of an event per chosen mode, BR_k / q_k (1 unless biased).
    let modeWeights: [Double]

    /// The unweighting event cost (``ScatteringProcess/recommendedEventCost``) of processes that decay a
    /// tau pair: the spin-correlated accept-reject decays cost far more than the matrix element (tau
    /// pairs through the pipeline: 0.092 fb^-1/s at 3, 0.099 at 20, 0.080 without overweights).
    public static let eventCost: Double = 20

    /// The decayer with the default bounds seed, built once per process (finding the bounds samples
    /// 20,000 decays per mode).
    public static let standard = TauPairDecayer()

    public init(seed: UInt64 = 20_241_126) {
        let listed = TauDecayMode.pdg2024
        let leptonic = listed.filter { $0.current == .leptonic }.reduce(0) { $0 + $1.branchingRatio }
        let hadronic = listed.filter { $0.current != .leptonic }.reduce(0) { $0 + $1.branchingRatio }
        let scale = (1 - leptonic) / hadronic
        hadronicScale = scale
        modes = listed.map { m in
            TauDecayMode(name: m.name, branchingRatio: m.current == .leptonic ? m.branchingRatio : m.branchingRatio * scale,
                         products: m.products, current: m.current)
        }
        var c = 0.0
        cumulative = modes.map { c += $0.branchingRatio; return c }
        sampling = cumulative
        modeWeights = [Double](repeating: 1, count: listed.count)
        var rng = RandomStreams(seed: seed).child("tau-decay-bounds").stream(0)
        let tauAtRest = FourMomentum(e: ParticleData.tau.mass, px: 0, py: 0, pz: 0)
        bounds = modes.map { mode in
            var largest = 0.0
            for _ in 0..<40_000 {
                guard let (p, w) = Self.kinematics(mode, tau: tauAtRest, rng: &rng) else { continue }
                let d = TauCurrents.amplitudes(mode, tau: tauAtRest, products: p, charge: -1)
                largest = max(largest, w * d.reduce(0) { $0 + $1.lengthSquared })
            }
            return 1.5 * largest
        }
    }

    /// A decayer that always picks mode `forcing` (tests of single modes), sharing the bounds.
    init(modes: [TauDecayMode], bounds: [Double], forcing k: Int) {
        self.modes = modes
        self.bounds = bounds
        hadronicScale = 1
        cumulative = modes.indices.map { $0 >= k ? 1 : 0 }
        sampling = cumulative
        modeWeights = [Double](repeating: 1, count: modes.count)
    }

    private init(_ base: TauPairDecayer, probabilities q: [Double]) {
        modes = base.modes
        bounds = base.bounds
        hadronicScale = base.hadronicScale
        cumulative = base.cumulative
        var c = 0.0
        sampling = q.map { c += $0; return c }
        modeWeights = zip(base.modes, q).map { $0.branchingRatio / $1 }
    }

    /// The same decayer with biased sampling of the modes (importance sampling): each tau decays to
    /// mu nu nu with probability `q` instead of its branching ratio, the other modes share 1 - q in
    /// proportion to theirs, and each event carries the weight prod_taus BR_k / q_k, so weighted
    /// distributions are unchanged while events with muons, which a two-muon selection keeps, are
    /// (q / BR)^2 times more frequent. The mode probabilities do not depend on the tau polarisation,
    /// so the spin correlations within the chosen modes are untouched.
    public func biased(muonProbability q: Double) -> TauPairDecayer {
        guard let mu = modes.firstIndex(where: { $0.current == .leptonic && $0.products.contains(.muon) }), q > 0, q < 1 else { return self }
        let rest = 1 - modes[mu].branchingRatio
        let probabilities = modes.indices.map { $0 == mu ? q : modes[$0].branchingRatio * (1 - q) / rest }
        return TauPairDecayer(self, probabilities: probabilities)
    }

    /// True when the modes are drawn with biased probabilities.
    public var isBiased: Bool { modeWeights.contains { $0 != 1 } }

    /// The number of unpolarised decays, among `samples` per mode, whose weight exceeds the mode's bound
    /// (a check of the accept-reject bounds).
    public func boundViolations(samples: Int, seed: UInt64 = 99) -> Int {
        var rng = RandomStreams(seed: seed).stream(0)
        let tau = FourMomentum(e: ParticleData.tau.mass, px: 0, py: 0, pz: 0)
        var violations = 0
        for (k, mode) in modes.enumerated() {
            for _ in 0..<samples {
                guard let (p, w) = Self.kinematics(mode, tau: tau, rng: &rng) else { continue }
                let d = TauCurrents.amplitudes(mode, tau: tau, products: p, charge: -1)
                if w * d.reduce(0, { $0 + $1.lengthSquared }) > bounds[k] { violations += 1 }
            }
        }
        return violations
    }

    /// A one-line description for metadata.
    public var summary: String {
        "\(modes.count) modes (PDG 2024; hadronic scaled by \((hadronicScale * 1e4).rounded() / 1e4)), spin-correlated V-A decays"
            + (isBiased ? "; modes sampled with biased probabilities \(zip(sampling, [0] + sampling).map { (($0 - $1) * 1e4).rounded() / 1e4 }), events weighted by BR/probability" : "")
    }

    /// The masses of a mode's products.
    static func masses(_ mode: TauDecayMode) -> [Double] {
        mode.masses
    }

    /// Decay kinematics in the frame where the tau has momentum `tau`: products and phase-space weight.
    static func kinematics(_ mode: TauDecayMode, tau: FourMomentum, rng: inout RandomStream) -> ([FourMomentum], Double)? {
        guard let (rest, w) = NBodyPhaseSpace.generate(mass: ParticleData.tau.mass, masses: masses(mode), rng: &rng) else { return nil }
        guard tau.p > 0 else { return (rest, w) }
        let boost = LorentzTransform.boost(validBeta: tau.beta)
        return (rest.map { boost.apply($0) }, w)
    }

    func chooseMode(_ rng: inout RandomStream) -> Int {
        let u = rng.uniform() * (sampling.last ?? 1)
        return sampling.firstIndex { u < $0 } ?? (modes.count - 1)
    }

    /// The largest eigenvalue of the Hermitian 2x2 matrix `rho` (index 2 a + b), which bounds the
    /// Rayleigh quotient x^dagger rho x / |x|^2: tr/2 + sqrt(((rho_11 - rho_22)/2)^2 + |rho_12|^2),
    /// between tr/2 (an unpolarised tau) and tr (a fully polarised one) for a positive rho. The
    /// larger of |rho_12| and |rho_21| is taken, so a matrix that is Hermitian only up to rounding
    /// is still bounded.
    static func largestEigenvalue(_ rho: [Cplx]) -> Double {
        let halfTrace = (rho[0].real + rho[3].real) / 2
        let halfDifference = (rho[0].real - rho[3].real) / 2
        let offDiagonal = max(rho[1].lengthSquared, rho[2].lengthSquared)
        return max(halfTrace + (halfDifference * halfDifference + offDiagonal).squareRoot(), 0)
    }

    /// Draws one decay of a tau with momentum `tau` for the 2x2 spin-density matrix `rho`
    /// (index 2 * a + b for helicities a, b in (-1, +1) order); returns the mode, products and
    /// decay amplitudes.
    func sample(tau: FourMomentum, charge: Int, rho: [Cplx], rng: inout RandomStream) -> (Int, [FourMomentum], [Cplx]) {
        let largest = Self.largestEigenvalue(rho)
        let k = chooseMode(&rng)
        let mode = modes[k]
        var last: ([FourMomentum], [Cplx]) = ([], [])
        for _ in 0..<10_000 {
            guard let (p, w) = Self.kinematics(mode, tau: tau, rng: &rng) else { continue }
            let d = TauCurrents.amplitudes(mode, tau: tau, products: p, charge: charge)
            last = (p, d)
            var value = 0.0
            for c in stride(from: 0, to: d.count, by: 2) {
                for a in 0..<2 { for b in 0..<2 { value += (rho[2 * a + b] * d[c + a] * d[c + b].conjugate).real } }
            }
            if rng.uniform() * bounds[k] * largest <= w * value { break }
        }
        return (k, last.0, last.1)
    }

    /// Appends the decays of the tau- and tau+ at `indices` of `particles` (whose momenta are in the
    /// e+e- CM frame; `tauMinus`/`tauPlus` are their hard-frame momenta, `toCM` maps hard frame to CM).
    /// `production` holds the production amplitudes in groups of four (tau- helicity outer, tau+ inner,
    /// each -1 then +1), one group per configuration of the other helicities.
    /// Returns the event's weight factor from biased mode sampling (1 unless ``biased(muonProbability:)``).
    @discardableResult
    public func decay(_ particles: inout [EventSample.Particle], tauMinus: FourMomentum, tauPlus: FourMomentum,
                      indices: (Int, Int), production: [Cplx], toCM: LorentzTransform, rng: inout RandomStream) -> Double {
        // tau- first: rho-(a, b) = sum over configurations and tau+ helicity of M(a, t) M*(b, t).
        var rhoMinus = [Cplx](repeating: .zero, count: 4)
        for g in stride(from: 0, to: production.count, by: 4) {
            for a in 0..<2 { for b in 0..<2 { for t in 0..<2 { rhoMinus[2 * a + b] += production[g + 2 * a + t] * production[g + 2 * b + t].conjugate } } }
        }
        let (kMinus, pMinus, dMinus) = sample(tau: tauMinus, charge: -1, rho: rhoMinus, rng: &rng)
        // tau+ given the tau- decay: A(t) = sum_a M(a, t) D-_c(a), for every configuration g and tau- final state c.
        var rhoPlus = [Cplx](repeating: .zero, count: 4)
        for g in stride(from: 0, to: production.count, by: 4) {
            for c in stride(from: 0, to: dMinus.count, by: 2) {
                let amp = (0..<2).map { t in production[g + t] * dMinus[c] + production[g + 2 + t] * dMinus[c + 1] }
                for a in 0..<2 { for b in 0..<2 { rhoPlus[2 * a + b] += amp[a] * amp[b].conjugate } }
            }
        }
        let (kPlus, pPlus, _) = sample(tau: tauPlus, charge: 1, rho: rhoPlus, rng: &rng)
        append(&particles, mode: modes[kMinus], products: pMinus, mother: indices.0, conjugate: false, toCM: toCM, rng: &rng)
        append(&particles, mode: modes[kPlus], products: pPlus, mother: indices.1, conjugate: true, toCM: toCM, rng: &rng)
        return modeWeights[kMinus] * modeWeights[kPlus]
    }

    /// Appends a tau's decay products (charge conjugated for the tau+), marks the tau decayed, and
    /// decays the pi0s.
    func append(_ particles: inout [EventSample.Particle], mode: TauDecayMode, products: [FourMomentum], mother: Int,
                conjugate: Bool, toCM: LorentzTransform, rng: inout RandomStream) {
        particles[mother].status = .decayed
        for (id, p) in zip(mode.products, products) {
            let pid = conjugate ? id.antiparticle : id
            let index = particles.count
            particles.append(EventSample.Particle(id: pid, status: pid == .pi0 ? .decayed : .finalState, mother: Int32(mother), momentum: toCM.apply(p)))
            if pid == .pi0 {
                let pi0 = particles[index].momentum
                let dir = rng.isotropicDirection()
                if let (g1, g2) = TwoBody.decay(pi0, m1: 0, m2: 0, cosTheta: dir.z, phi: Double.atan2(y: dir.y, x: dir.x)) {
                    particles.append(EventSample.Particle(id: .photon, mother: Int32(index), momentum: g1))
                    particles.append(EventSample.Particle(id: .photon, mother: Int32(index), momentum: g2))
                }
            }
        }
    }
}
