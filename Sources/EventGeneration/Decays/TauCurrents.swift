import ComplexModule
import HEPCore
import RealModule

/// The charged currents J^mu of tau decays and the decay amplitudes
/// D(lambda) = ubar(nu_tau) J-slash (1 - gamma5) u(tau-, lambda) for a tau- and
/// D(lambda) = vbar(tau+, lambda) J-slash (1 - gamma5) v(nubar_tau) for a tau+ (the V-A structure of the
/// W vertex; couplings and the Fermi constant are dropped: the branching ratios are imposed).
enum TauCurrents {
    static let vMinusA = ChiralCoupling(left: 2, right: 0)

    /// A Breit-Wigner with an energy-dependent P-wave width for a resonance decaying to masses m1, m2:
    /// BW(s) = M^2 / (M^2 - s - i M Gamma(s)), Gamma(s) = Gamma (M/sqrt s) (p(s)/p(M^2))^3
    /// (Kuehn-Santamaria, Z. Phys. C 48, 445 (1990), Eq. 14).
    static func breitWigner(s: Double, mass m: Double, width g: Double, m1: Double, m2: Double) -> Cplx {
        guard s > 0 else { return Cplx(1) }
        let sqrtS = s.squareRoot()
        let p = twoBodyMomentum(parentMass: sqrtS, m1, m2) ?? 0
        let p0 = twoBodyMomentum(parentMass: m, m1, m2) ?? 1
        let running = g * (m / sqrtS) * Double.pow(p / p0, 3)
        return Cplx(m * m) / Cplx(m * m - s, -m * running)
    }

    /// The part of v transverse to q: v - q (q.v)/q^2.
    static func transverse(_ v: FourMomentum, to q: FourMomentum) -> CVector {
        let q2 = q.massSquared
        return CVector(v) - (v.dot(q) / q2) * CVector(q)
    }

    /// The currents of one decay (the hadronic current is one vector; the leptonic one a vector per
    /// helicity pair of the charged lepton and its neutrino). `products` follow the mode's order (the
    /// nu_tau first); `charge` is -1 for a tau-, +1 for a tau+.
    static func currents(_ mode: TauDecayMode, _ p: [FourMomentum], charge: Int) -> [CVector] {
        switch mode.current {
        case .leptonic:
            let ml = ParticleData.lookup(mode.products[1])?.mass ?? 0
            var out: [CVector] = []
            out.reserveCapacity(4)
            // Lepton helicity outer, neutrino helicity inner, each -1 then +1.
            if charge < 0 {
                // l- (p[1]) and nubar_l (p[2]): ubar(l) gamma (1 - g5) v(nubar)
                let l = (ExternalStates.ubar(p[1], mass: ml, helicity: -1), ExternalStates.ubar(p[1], mass: ml, helicity: 1))
                let n = (ExternalStates.v(p[2], mass: 0, helicity: -1), ExternalStates.v(p[2], mass: 0, helicity: 1))
                out.append(Dirac.current(l.0, vMinusA, n.0)); out.append(Dirac.current(l.0, vMinusA, n.1))
                out.append(Dirac.current(l.1, vMinusA, n.0)); out.append(Dirac.current(l.1, vMinusA, n.1))
            } else {
                // l+ (p[1]) and nu_l (p[2]): ubar(nu) gamma (1 - g5) v(l+)
                let l = (ExternalStates.v(p[1], mass: ml, helicity: -1), ExternalStates.v(p[1], mass: ml, helicity: 1))
                let n = (ExternalStates.ubar(p[2], mass: 0, helicity: -1), ExternalStates.ubar(p[2], mass: 0, helicity: 1))
                out.append(Dirac.current(n.0, vMinusA, l.0)); out.append(Dirac.current(n.1, vMinusA, l.0))
                out.append(Dirac.current(n.0, vMinusA, l.1)); out.append(Dirac.current(n.1, vMinusA, l.1))
            }
            return out
        case .pseudoscalar:
            return [CVector(p[1])]
        case let .vectorResonance(mass, width):
            let q = p[1] + p[2]
            let m1 = p[1].mass, m2 = p[2].mass
            return [breitWigner(s: q.massSquared, mass: mass, width: width, m1: m1, m2: m2) * transverse(p[1] - p[2], to: q)]
        case .axialThreePion:
            let q = p[1] + p[2] + p[3]
            let a1 = ParticleData.a1Plus
            let bwA1 = Cplx(a1.mass * a1.mass) / Cplx(a1.mass * a1.mass - q.massSquared, -a1.mass * a1.width)
            let rho = ParticleData.rho0
            let s13 = (p[1] + p[3]).massSquared, s23 = (p[2] + p[3]).massSquared
            let bw1 = breitWigner(s: s13, mass: rho.mass, width: rho.width, m1: p[1].mass, m2: p[3].mass)
            let bw2 = breitWigner(s: s23, mass: rho.mass, width: rho.width, m1: p[2].mass, m2: p[3].mass)
            return [bwA1 * (bw1 * transverse(p[1] - p[3], to: q) + bw2 * transverse(p[2] - p[3], to: q))]
        case .fourPion:
            let q = p[1] + p[2] + p[3] + p[4]
            return [transverse(p[1] + p[2] - p[3] - p[4], to: q)]
        }
    }

    /// Decay amplitudes D_c(lambda) for each final-state configuration c (outer) and tau helicity
    /// lambda = -1, +1 (inner): [c0(-1), c0(+1), c1(-1), ...]. Momenta in the frame of the production
    /// amplitudes.
    static func amplitudes(_ mode: TauDecayMode, tau: FourMomentum, products p: [FourMomentum], charge: Int) -> [Cplx] {
        let mTau = ParticleData.tau.mass
        // D(lambda) = J . A(lambda) with the tau line's current A^mu(lambda) = ubar(nu_tau) gamma^mu (1 - g5)
        // u(tau-, lambda) (or vbar(tau+, lambda) gamma^mu (1 - g5) v(nubar_tau)), computed once per decay
        // (psibar v-slash psi = v_mu psibar gamma^mu psi).
        let minus: CVector, plus: CVector
        if charge < 0 {
            let nu = ExternalStates.ubar(p[0], mass: 0, helicity: -1)
            minus = Dirac.current(nu, vMinusA, ExternalStates.u(tau, mass: mTau, helicity: -1))
            plus = Dirac.current(nu, vMinusA, ExternalStates.u(tau, mass: mTau, helicity: 1))
        } else {
            let nubar = ExternalStates.v(p[0], mass: 0, helicity: 1)
            minus = Dirac.current(ExternalStates.vbar(tau, mass: mTau, helicity: -1), vMinusA, nubar)
            plus = Dirac.current(ExternalStates.vbar(tau, mass: mTau, helicity: 1), vMinusA, nubar)
        }
        let js = currents(mode, p, charge: charge)
        var out: [Cplx] = []
        out.reserveCapacity(2 * js.count)
        for j in js {
            out.append(j.dot(minus))
            out.append(j.dot(plus))
        }
        return out
    }
}
