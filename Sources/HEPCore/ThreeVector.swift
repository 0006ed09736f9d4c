import RealModule

/// A Cartesian three-vector (x, y, z): a momentum in GeV, a velocity in units of c, or a direction.
@frozen
public struct ThreeVector: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var z: Double

    @inlinable public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x; self.y = y; self.z = z
    }

    public static let zero = ThreeVector(0, 0, 0)

    /// Squared length x^2 + y^2 + z^2.
    @inlinable public var magnitudeSquared: Double { x * x + y * y + z * z }
    /// Length |v|.
    @inlinable public var magnitude: Double { magnitudeSquared.squareRoot() }
    /// Transverse length sqrt(x^2 + y^2) with respect to the z axis.
    @inlinable public var perp: Double { (x * x + y * y).squareRoot() }

    /// The unit vector along `self`; the zero vector for a zero vector.
    @inlinable public var unit: ThreeVector {
        let m = magnitude
        return m > 0 ? self / m : .zero
    }

    @inlinable public func dot(_ o: ThreeVector) -> Double { x * o.x + y * o.y + z * o.z }

    @inlinable public func cross(_ o: ThreeVector) -> ThreeVector {
        ThreeVector(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x)
    }

    /// The angle between `self` and `o` in radians, in [0, pi]; computed with atan2 of the cross and
    /// dot products, which stays accurate for nearly (anti)parallel vectors where acos loses digits.
    @inlinable public func angle(to o: ThreeVector) -> Double {
        Double.atan2(y: cross(o).magnitude, x: dot(o))
    }

    @inlinable public static func + (a: ThreeVector, b: ThreeVector) -> ThreeVector {
        ThreeVector(a.x + b.x, a.y + b.y, a.z + b.z)
    }
    @inlinable public static func - (a: ThreeVector, b: ThreeVector) -> ThreeVector {
        ThreeVector(a.x - b.x, a.y - b.y, a.z - b.z)
    }
    @inlinable public static prefix func - (a: ThreeVector) -> ThreeVector { ThreeVector(-a.x, -a.y, -a.z) }
    @inlinable public static func * (s: Double, a: ThreeVector) -> ThreeVector {
        ThreeVector(s * a.x, s * a.y, s * a.z)
    }
    @inlinable public static func * (a: ThreeVector, s: Double) -> ThreeVector { s * a }
    @inlinable public static func / (a: ThreeVector, s: Double) -> ThreeVector {
        ThreeVector(a.x / s, a.y / s, a.z / s)
    }
}

