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

    /// The boson lines in the s channel: (coupling to electrons, coupling to the lepton, mass, width).
    var bosons: [(ChiralCoupling, ChiralCoupling, Double, Double)] {
        [(couplings.photonChargedLepton, couplings.photonChargedLepton, 0, 0),
         (couplings.zChargedLepton, couplings.zChargedLepton, couplings.zMass, couplings.zWidth)]
    }

    /// A current propagated through boson `b` with momentum q, including running alpha for the photon.
    func propagate(_ j: CVector, boson b: (ChiralCoupling, ChiralCoupling, Double, Double), q: FourMomentum) -> CVector {
        let prop = Dirac.propagateVector(j, momentum: q, mass: b.2, width: b.3)
        if b.2 == 0, vacuumPolarization { return RunningAlpha.ratio(s: q.massSquared) * prop }
        return prop
    }

    /// sum over helicities of |M|^2 for the Born process, averaged over the initial spins.
    public func bornSquared(p1: FourMomentum, p2: FourMomentum, p3: FourMomentum, p4: FourMomentum) -> Double {
        let q = p1 + p2
        var sum = 0.0
        for h1 in [-1, 1] {
            let u1 = ExternalStates.u(p1, mass: electronMass, helicity: h1)
            for h2 in [-1, 1] {
                let v2 = ExternalStates.vbar(p2, mass: electronMass, helicity: h2)
                let je = bosons.map { propagate(Dirac.current(v2, $0.0, u1), boson: $0, q: q) }
                for h3 in [-1, 1] {
                    let u3 = ExternalStates.ubar(p3, mass: leptonMass, helicity: h3)
                    for h4 in [-1, 1] {
                        let v4 = ExternalStates.v(p4, mass: leptonMass, helicity: h4)
                        var amp = Cplx.zero
                        for (i, b) in bosons.enumerated() { amp += je[i].dot(Dirac.current(u3, b.1, v4)) }
                        sum += amp.lengthSquared
                    }
                }
            }
        }
        return sum / 4
    }

    /// The amplitudes with one extra vector boson X of mass `xMass` (0 for a photon) emitted from
    /// the lepton line with coupling `xLepton` and, when `xElectron` is given, from the electron
    /// line. Calls `body(helicity of X, amplitude)` for every helicity configuration, in the fixed
    /// order (h1, h2, h3, h4, hX) with each helicity running -1, (0), +1.
    public func forEachRadiativeAmplitude(
        p1: FourMomentum, p2: FourMomentum, p3: FourMomentum, p4: FourMomentum, k: FourMomentum,
        xMass: Double, xLepton: ChiralCoupling, xElectron: ChiralCoupling?,
        replacingPolarizationWith override: CVector? = nil,
        _ body: (_ xHelicity: Int, _ amplitude: Cplx) -> Void
    ) {
        let q = p1 + p2, q34 = p3 + p4
        let me = electronMass, ml = leptonMass
        let xHelicities = xMass > 0 ? [-1, 0, 1] : [-1, 1]
        // `override` replaces every polarisation vector (the gauge-invariance check uses eps -> k).
        let eps = xHelicities.map { override ?? ExternalStates.epsilonStar(k, mass: xMass, helicity: $0) }
        let den1 = -2 * p1.dot(k), den2 = -2 * p2.dot(k)
        let den3 = 2 * p3.dot(k) + xMass * xMass, den4 = 2 * p4.dot(k) + xMass * xMass
        let bs = bosons
        for h1 in [-1, 1] {
            let u1 = ExternalStates.u(p1, mass: me, helicity: h1)
            for h2 in [-1, 1] {
                let v2 = ExternalStates.vbar(p2, mass: me, helicity: h2)
                let je = bs.map { propagate(Dirac.current(v2, $0.0, u1), boson: $0, q: q) }
                // Electron-line emission currents, per X helicity and boson, propagated at q34.
                var jeX: [[CVector]] = []
                if let cx = xElectron {
                    jeX = eps.map { e in
                        let inner = Dirac.propagate(p1 - k, mass: me, denominator: den1, Dirac.slash(e, cx, u1))
                        let outer = Dirac.propagate(Dirac.slash(v2, e, cx), k - p2, mass: me, denominator: den2)
                        return bs.map { b in propagate(Dirac.current(v2, b.0, inner) + Dirac.current(outer, b.0, u1), boson: b, q: q34) }
                    }
                }
                for h3 in [-1, 1] {
                    let u3 = ExternalStates.ubar(p3, mass: ml, helicity: h3)
                    for h4 in [-1, 1] {
                        let v4 = ExternalStates.v(p4, mass: ml, helicity: h4)
                        let jl0 = bs.map { Dirac.current(u3, $0.1, v4) }
                        for (ix, e) in eps.enumerated() {
                            let bar3 = Dirac.propagate(Dirac.slash(u3, e, xLepton), p3 + k, mass: ml, denominator: den3)
                            let psi4 = Dirac.propagate(-p4 - k, mass: ml, denominator: den4, Dirac.slash(e, xLepton, v4))
                            var amp = Cplx.zero
                            for (ib, b) in bs.enumerated() {
                                let jl = Dirac.current(bar3, b.1, v4) + Dirac.current(u3, b.1, psi4)
                                amp += je[ib].dot(jl)
                                if !jeX.isEmpty { amp += jeX[ix][ib].dot(jl0[ib]) }
                            }
                            body(xHelicities[ix], amp)
                        }
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
