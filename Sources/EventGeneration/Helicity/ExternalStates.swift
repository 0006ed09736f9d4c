import ComplexModule
import HEPCore
import RealModule

/// External wave functions of fermions and vector bosons, written from the HELAS definitions
/// (KEK Report 91-11, Sec. 3: IXXXXX, OXXXXX, VXXXXX) in the chiral representation of ``Spinor``.
/// Helicities are +1 or -1 (vectors also 0). Masses in GeV; momenta must be on shell.
public enum ExternalStates {
    /// The two-component helicity eigenspinors chi_lambda(p) (KEK 91-11, Eq. 3.5):
    /// chi_+ = (|p| + pz, px + i py) / sqrt(2|p|(|p| + pz)), chi_- = (-px + i py, |p| + pz) / (same);
    /// along -z (|p| + pz = 0) chi_+ = (0, 1), chi_- = (-1, 0); at rest the spin is quantised along +z.
    @inlinable
    static func chi(_ p: FourMomentum, _ helicity: Int) -> (Cplx, Cplx) {
        let pm = p.p
        if pm == 0 { return helicity > 0 ? (Cplx(1), .zero) : (.zero, Cplx(1)) }
        let ppz = pm + p.pz
        // Near the -z axis pm + pz loses all digits; use pm + pz = pt^2 / (pm - pz) there.
        let a = p.pz >= 0 ? ppz : (p.px * p.px + p.py * p.py) / (pm - p.pz)
        if a <= 0 { return helicity > 0 ? (.zero, Cplx(1)) : (Cplx(-1), .zero) }
        let norm = 1 / (2 * pm * a).squareRoot()
        if helicity > 0 { return (Cplx(a * norm), Cplx(p.px * norm, p.py * norm)) }
        return (Cplx(-p.px * norm, p.py * norm), Cplx(a * norm))
    }

    /// omega_+- = sqrt(E +- |p|), with E - |p| = m^2 / (E + |p|) to keep digits for light particles.
    @inlinable
    static func omegas(_ p: FourMomentum, mass: Double) -> (plus: Double, minus: Double) {
        let pm = p.p
        let plus = (p.e + pm).squareRoot()
        let minus = plus > 0 ? mass / plus : 0
        return (plus, minus)
    }

    /// u(p, lambda) of an incoming fermion: (omega_{-lambda} chi_lambda, omega_lambda chi_lambda).
    public static func u(_ p: FourMomentum, mass: Double, helicity: Int) -> Spinor {
        let (c0, c1) = chi(p, helicity)
        let w = omegas(p, mass: mass)
        let (left, right) = helicity > 0 ? (w.minus, w.plus) : (w.plus, w.minus)
        return Spinor(c0 * left, c1 * left, c0 * right, c1 * right)
    }

    /// v(p, lambda) of an outgoing antifermion: (-lambda omega_lambda chi_{-lambda},
    /// lambda omega_{-lambda} chi_{-lambda}).
    public static func v(_ p: FourMomentum, mass: Double, helicity: Int) -> Spinor {
        let (c0, c1) = chi(p, -helicity)
        let w = omegas(p, mass: mass)
        let lam = Double(helicity)
        let a = -lam * (helicity > 0 ? w.plus : w.minus)
        let b = lam * (helicity > 0 ? w.minus : w.plus)
        return Spinor(c0 * a, c1 * a, c0 * b, c1 * b)
    }

    /// ubar(p, lambda) of an outgoing fermion (a row spinor).
    public static func ubar(_ p: FourMomentum, mass: Double, helicity: Int) -> Spinor {
        u(p, mass: mass, helicity: helicity).bar
    }

    /// vbar(p, lambda) of an incoming antifermion (a row spinor).
    public static func vbar(_ p: FourMomentum, mass: Double, helicity: Int) -> Spinor {
        v(p, mass: mass, helicity: helicity).bar
    }

    /// The polarisation vector eps^mu(k, lambda) of an incoming vector boson (KEK 91-11, Eq. 3.17):
    /// eps(+-1) = (-+ eps_1 - i eps_2)/sqrt 2 with eps_1 = (0, cos th cos ph, cos th sin ph, -sin th),
    /// eps_2 = (0, -sin ph, cos ph, 0); eps(0) = (|k|, E khat)/m. For an outgoing boson use
    /// ``epsilonStar(_:mass:helicity:)``.
    public static func epsilon(_ k: FourMomentum, mass: Double, helicity: Int) -> CVector {
        let km = k.p
        let pt = k.pt
        let (ct, st): (Double, Double) = km > 0 ? (k.pz / km, pt / km) : (1, 0)
        let (cp, sp): (Double, Double) = pt > 0 ? (k.px / pt, k.py / pt) : (1, 0)
        if helicity == 0 {
            guard mass > 0 else { return .zero }
            let f = k.e / (mass * km)
            return CVector(Cplx(km / mass), Cplx(f * k.px), Cplx(f * k.py), Cplx(f * k.pz))
        }
        let r = 1 / 2.0.squareRoot()
        let h = Double(helicity)
        // (-h eps1 - i eps2)/sqrt2
        return CVector(.zero,
                       Cplx(-h * ct * cp * r, sp * r),
                       Cplx(-h * ct * sp * r, -cp * r),
                       Cplx(h * st * r, 0))
    }

    /// The polarisation vector eps^mu(k, lambda)* of an outgoing vector boson.
    public static func epsilonStar(_ k: FourMomentum, mass: Double, helicity: Int) -> CVector {
        epsilon(k, mass: mass, helicity: helicity).conjugate
    }
}
