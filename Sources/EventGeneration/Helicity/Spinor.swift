import ComplexModule
import RealModule
import HEPCore

public typealias Cplx = Complex<Double>

/// A Dirac spinor in the chiral (Weyl) representation of the HELAS conventions (H. Murayama,
/// I. Watanabe, K. Hagiwara, "HELAS: HELicity Amplitude Subroutines for Feynman diagram
/// evaluations", KEK Report 91-11 (1992), Sec. 2): components (psi_L1, psi_L2, psi_R1, psi_R2), with
/// gamma5 = diag(-1, -1, 1, 1), gamma^mu = [[0, sigma^mu], [sigmabar^mu, 0]], sigma^mu = (1, sigma),
/// sigmabar^mu = (1, -sigma).
///
/// The same type holds row spinors (psibar = psi^dagger gamma^0, or an off-shell outgoing line);
/// which one a value is follows from the function that made it.
@frozen
public struct Spinor: Sendable, Equatable {
    public var s0: Cplx, s1: Cplx, s2: Cplx, s3: Cplx

    @inlinable public init(_ s0: Cplx, _ s1: Cplx, _ s2: Cplx, _ s3: Cplx) {
        self.s0 = s0; self.s1 = s1; self.s2 = s2; self.s3 = s3
    }

    public static let zero = Spinor(.zero, .zero, .zero, .zero)

    /// The Dirac adjoint psibar = psi^dagger gamma^0 as a row spinor: gamma^0 swaps the chiral blocks.
    @inlinable public var bar: Spinor { Spinor(s2.conjugate, s3.conjugate, s0.conjugate, s1.conjugate) }

    /// Component access 0...3.
    @inlinable public subscript(i: Int) -> Cplx {
        switch i {
        case 0: s0
        case 1: s1
        case 2: s2
        default: s3
        }
    }

    @inlinable public static func * (a: Double, b: Spinor) -> Spinor {
        Spinor(b.s0 * a, b.s1 * a, b.s2 * a, b.s3 * a)
    }
    @inlinable public static func * (a: Cplx, b: Spinor) -> Spinor {
        Spinor(a * b.s0, a * b.s1, a * b.s2, a * b.s3)
    }
    @inlinable public static func + (a: Spinor, b: Spinor) -> Spinor {
        Spinor(a.s0 + b.s0, a.s1 + b.s1, a.s2 + b.s2, a.s3 + b.s3)
    }
}

/// A complex four-vector with upper (contravariant) index, (t, x, y, z): a polarisation vector, a
/// fermion current or an off-shell vector line.
@frozen
public struct CVector: Sendable, Equatable {
    public var t: Cplx, x: Cplx, y: Cplx, z: Cplx

    @inlinable public init(_ t: Cplx, _ x: Cplx, _ y: Cplx, _ z: Cplx) {
        self.t = t; self.x = x; self.y = y; self.z = z
    }

    /// A real four-momentum as a complex vector.
    @inlinable public init(_ p: FourMomentum) {
        self.init(Cplx(p.e), Cplx(p.px), Cplx(p.py), Cplx(p.pz))
    }

    public static let zero = CVector(.zero, .zero, .zero, .zero)

    /// The Minkowski product a.b = a^0 b^0 - a.b (no complex conjugation).
    @inlinable public func dot(_ o: CVector) -> Cplx { t * o.t - x * o.x - y * o.y - z * o.z }

    /// The Minkowski product with a real four-momentum.
    @inlinable public func dot(_ p: FourMomentum) -> Cplx {
        t * p.e - x * p.px - y * p.py - z * p.pz
    }

    /// Component-wise complex conjugate.
    @inlinable public var conjugate: CVector { CVector(t.conjugate, x.conjugate, y.conjugate, z.conjugate) }

    @inlinable public static func * (a: Cplx, v: CVector) -> CVector { CVector(a * v.t, a * v.x, a * v.y, a * v.z) }
    @inlinable public static func * (a: Double, v: CVector) -> CVector { CVector(v.t * a, v.x * a, v.y * a, v.z * a) }
    @inlinable public static func + (a: CVector, b: CVector) -> CVector { CVector(a.t + b.t, a.x + b.x, a.y + b.y, a.z + b.z) }
    @inlinable public static func - (a: CVector, b: CVector) -> CVector { CVector(a.t - b.t, a.x - b.x, a.y - b.y, a.z - b.z) }
}

extension Complex where RealType == Double {
    /// Complex times real, without promoting the real to a complex number.
    @inlinable public static func * (z: Complex, a: Double) -> Complex { Complex(z.real * a, z.imaginary * a) }
    /// Real times complex.
    @inlinable public static func * (a: Double, z: Complex) -> Complex { Complex(z.real * a, z.imaginary * a) }
}
