import ComplexModule
import RealModule
import HEPCore

/// Tree-level helicity amplitudes for e-(p1) e+(p2) -> l-(p3) l+(p4) [+ one vector boson X(k)]
/// through s-channel photon and Z exchange, built from the HELAS-style blocks of ``Dirac``.
///
/// Diagrams and their chains (arrows from u to ubar, couplings per ``StandardModelCouplings``):
/// - Born: [vbar2 G_V u1] D_V(s) [ubar3 G_V v4], V = gamma, Z.
/// - X from the l- line: [vbar2 G_V u1] D_V(s) [ubar3 eps*-slash G_X S(p3 + k) G_V v4].
/// - X from the l+ line: [vbar2 G_V u1] D_V(s) [ubar3 G_V S(-p4 - k) eps*-slash G_X v4].
/// - X from the e- line (photon only): [vbar2 G_V S(p1 - k) eps*-slash G_X u1] D_V(q34) [ubar3 G_V v4].
/// - X from the e+ line (photon only): [vbar2 eps*-slash G_X S(k - p2) G_V u1] D_V(q34) [ubar3 G_V v4].
/// Every diagram has three vertices, one fermion and one vector propagator (two vertices and one
/// vector propagator for the Born), so the omitted factors of i are a common phase. The s-channel
/// photon carries the running-alpha factor alpha(q^2)/alpha(0) when `vacuumPolarization` is on.
/// Fermion-propagator denominators use 2 p.k, which stays accurate for collinear emission.
public struct LeptonPairAmplitudes: Sendable {
    public let couplings: StandardModelCouplings
    public let leptonMass: Double
    public let electronMass: Double
    public let vacuumPolarization: Bool

    public init(couplings: StandardModelCouplings, leptonMass: Double, vacuumPolarization: Bool) {
        self.couplings = couplings
        self.leptonMass = leptonMass
        self.electronMass = ParticleData.electron.mass
        self.vacuumPolarization = vacuumPolarization
    }

    /// An s-channel boson: its couplings to electrons and to the lepton, mass and width.
    struct Boson {
        let electron: ChiralCoupling, lepton: ChiralCoupling, mass: Double, width: Double
    }

    var photon: Boson { Boson(electron: couplings.photonChargedLepton, lepton: couplings.photonChargedLepton, mass: 0, width: 0) }
    var zBoson: Boson { Boson(electron: couplings.zChargedLepton, lepton: couplings.zChargedLepton, mass: couplings.zMass, width: couplings.zWidth) }

    /// A current propagated through boson `b` with momentum q, including running alpha for the photon.
    func propagate(_ j: CVector, boson b: Boson, q: FourMomentum) -> CVector {
        propagate(j, boson: b, q: q, alphaRatio: alphaRatio(q))
    }

    /// alpha(q^2) / alpha(0) with vacuum polarisation, else 1: computed once per momentum and passed to
    /// ``propagate(_:boson:q:alphaRatio:)`` by the helicity loops.
    func alphaRatio(_ q: FourMomentum) -> Double {
        vacuumPolarization ? RunningAlpha.ratio(s: q.massSquared) : 1
    }

    /// ``propagate(_:boson:q:)`` with the photon's running-alpha factor given.
    func propagate(_ j: CVector, boson b: Boson, q: FourMomentum, alphaRatio: Double) -> CVector {
        let prop = Dirac.propagateVector(j, momentum: q, mass: b.mass, width: b.width)
        if b.mass == 0, vacuumPolarization { return alphaRatio * prop }
        return prop
    }

    /// The Born amplitudes for every helicity configuration, in the fixed order (h1, h2, h3, h4), each
    /// running -1, +1: `body(h3, h4, amplitude)`.
    public func forEachBornAmplitude(p1: FourMomentum, p2: FourMomentum, p3: FourMomentum, p4: FourMomentum,
                                     _ body: (_ h3: Int, _ h4: Int, _ amplitude: Cplx) -> Void) {
        let q = p1 + p2, ratio = alphaRatio(q)
        let (a, z) = (photon, zBoson)
        for h1 in stride(from: -1, through: 1, by: 2) {
            let u1 = ExternalStates.u(p1, mass: electronMass, helicity: h1)
            for h2 in stride(from: -1, through: 1, by: 2) {
                let v2 = ExternalStates.vbar(p2, mass: electronMass, helicity: h2)
                let jeA = propagate(Dirac.current(v2, a.electron, u1), boson: a, q: q, alphaRatio: ratio)
                let jeZ = propagate(Dirac.current(v2, z.electron, u1), boson: z, q: q, alphaRatio: ratio)
                for h3 in stride(from: -1, through: 1, by: 2) {
                    let u3 = ExternalStates.ubar(p3, mass: leptonMass, helicity: h3)
                    for h4 in stride(from: -1, through: 1, by: 2) {
                        let v4 = ExternalStates.v(p4, mass: leptonMass, helicity: h4)
                        body(h3, h4, jeA.dot(Dirac.current(u3, a.lepton, v4)) + jeZ.dot(Dirac.current(u3, z.lepton, v4)))
                    }
                }
            }
        }
    }

    /// sum over helicities of |M|^2 for the Born process, averaged over the initial spins.
    public func bornSquared(p1: FourMomentum, p2: FourMomentum, p3: FourMomentum, p4: FourMomentum) -> Double {
        var sum = 0.0
        forEachBornAmplitude(p1: p1, p2: p2, p3: p3, p4: p4) { _, _, amp in sum += amp.lengthSquared }
        return sum / 4
    }

    /// Four values stored inline (the final-state helicity pairs), indexed 0 ... 3.
    struct Quad<T> {
        var a: T, b: T, c: T, d: T
        subscript(i: Int) -> T {
            get { i == 0 ? a : (i == 1 ? b : (i == 2 ? c : d)) }
            set { if i == 0 { a = newValue } else if i == 1 { b = newValue } else if i == 2 { c = newValue } else { d = newValue } }
        }
    }

    /// Up to three values indexed by the helicity of X, stored inline (no heap allocation).
    struct Triple<T> {
        var a: T, b: T, c: T
        subscript(i: Int) -> T {
            get { i == 0 ? a : (i == 1 ? b : c) }
            set { if i == 0 { a = newValue } else if i == 1 { b = newValue } else { c = newValue } }
        }
    }

    /// The amplitudes with one extra vector boson X of mass `xMass` (0 for a photon) emitted from
    /// the lepton line with coupling `xLepton` and, when `xElectron` is given, from the electron
    /// line. Calls `body(helicity of X, amplitude)` for every helicity configuration, in the fixed
    /// order (h1, h2, h3, h4, hX) with each helicity running -1, (0), +1. Allocates nothing.
    public func forEachRadiativeAmplitude(
        p1: FourMomentum, p2: FourMomentum, p3: FourMomentum, p4: FourMomentum, k: FourMomentum,
        xMass: Double, xLepton: ChiralCoupling, xElectron: ChiralCoupling?,
        replacingPolarizationWith override: CVector? = nil,
        _ body: (_ xHelicity: Int, _ amplitude: Cplx) -> Void
    ) {
        let q = p1 + p2, q34 = p3 + p4
        let me = electronMass, ml = leptonMass
        // X helicities: (-1, +1) for a photon, (-1, 0, +1) for a massive vector.
        let nX = xMass > 0 ? 3 : 2
        func xHelicity(_ i: Int) -> Int { nX == 3 ? i - 1 : 2 * i - 1 }
        // `override` replaces every polarisation vector (the gauge-invariance check uses eps -> k).
        var eps = Triple(a: CVector.zero, b: .zero, c: .zero)
        for i in 0..<nX { eps[i] = override ?? ExternalStates.epsilonStar(k, mass: xMass, helicity: xHelicity(i)) }
        let den1 = -2 * p1.dot(k), den2 = -2 * p2.dot(k)
        let den3 = 2 * p3.dot(k) + xMass * xMass, den4 = 2 * p4.dot(k) + xMass * xMass
        let (a, z) = (photon, zBoson)
        // The final-state side does not depend on the beam helicities: per (h3, h4), index
        // 2 j3 + j4 with h = 2 j - 1, the lepton currents without X (contracted with the electron
        // line's X emission) and, per X helicity, with X emitted from the lepton line (contracted with
        // the s-channel electron current). Computed once instead of once per (h1, h2).
        var jlA = Quad(a: CVector.zero, b: .zero, c: .zero, d: .zero), jlZ = jlA
        let noX = Triple(a: CVector.zero, b: .zero, c: .zero)
        var jfA = Quad(a: noX, b: noX, c: noX, d: noX), jfZ = jfA
        for j3 in 0..<2 {
            let u3 = ExternalStates.ubar(p3, mass: ml, helicity: 2 * j3 - 1)
            for j4 in 0..<2 {
                let v4 = ExternalStates.v(p4, mass: ml, helicity: 2 * j4 - 1)
                let c = 2 * j3 + j4
                if xElectron != nil {
                    jlA[c] = Dirac.current(u3, a.lepton, v4)
                    jlZ[c] = Dirac.current(u3, z.lepton, v4)
                }
                for i in 0..<nX {
                    let bar3 = Dirac.propagate(Dirac.slash(u3, eps[i], xLepton), p3 + k, mass: ml, denominator: den3)
                    let psi4 = Dirac.propagate(-p4 - k, mass: ml, denominator: den4, Dirac.slash(eps[i], xLepton, v4))
                    jfA[c][i] = Dirac.current(bar3, a.lepton, v4) + Dirac.current(u3, a.lepton, psi4)
                    jfZ[c][i] = Dirac.current(bar3, z.lepton, v4) + Dirac.current(u3, z.lepton, psi4)
                }
            }
        }
        let v2s = (ExternalStates.vbar(p2, mass: me, helicity: -1), ExternalStates.vbar(p2, mass: me, helicity: 1))
        let ratioQ = alphaRatio(q), ratioQ34 = alphaRatio(q34)
        for h1 in stride(from: -1, through: 1, by: 2) {
            let u1 = ExternalStates.u(p1, mass: me, helicity: h1)
            for h2 in stride(from: -1, through: 1, by: 2) {
                let v2 = h2 < 0 ? v2s.0 : v2s.1
                let jeA = propagate(Dirac.current(v2, a.electron, u1), boson: a, q: q, alphaRatio: ratioQ)
                let jeZ = propagate(Dirac.current(v2, z.electron, u1), boson: z, q: q, alphaRatio: ratioQ)
                // Electron-line emission currents per X helicity, propagated at q34.
                var jeXA = Triple(a: CVector.zero, b: .zero, c: .zero), jeXZ = jeXA
                if let cx = xElectron {
                    for i in 0..<nX {
                        let inner = Dirac.propagate(p1 - k, mass: me, denominator: den1, Dirac.slash(eps[i], cx, u1))
                        let outer = Dirac.propagate(Dirac.slash(v2, eps[i], cx), k - p2, mass: me, denominator: den2)
                        jeXA[i] = propagate(Dirac.current(v2, a.electron, inner) + Dirac.current(outer, a.electron, u1), boson: a, q: q34, alphaRatio: ratioQ34)
                        jeXZ[i] = propagate(Dirac.current(v2, z.electron, inner) + Dirac.current(outer, z.electron, u1), boson: z, q: q34, alphaRatio: ratioQ34)
                    }
                }
                for c in 0..<4 {
                    for i in 0..<nX {
                        var amp = jeA.dot(jfA[c][i])
                        amp += jeZ.dot(jfZ[c][i])
                        if xElectron != nil { amp += jeXA[i].dot(jlA[c]) + jeXZ[i].dot(jlZ[c]) }
                        body(xHelicity(i), amp)
                    }
                }
            }
        }
    }

    /// sum over helicities of |M|^2 with the extra boson, averaged over initial spins.
    public func radiativeSquared(p1: FourMomentum, p2: FourMomentum, p3: FourMomentum, p4: FourMomentum, k: FourMomentum,
                                 xMass: Double, xLepton: ChiralCoupling, xElectron: ChiralCoupling?) -> Double {
        var sum = 0.0
        forEachRadiativeAmplitude(p1: p1, p2: p2, p3: p3, p4: p4, k: k, xMass: xMass, xLepton: xLepton, xElectron: xElectron) { _, a in
            sum += a.lengthSquared
        }
        return sum / 4
    }
}
