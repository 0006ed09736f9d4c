import HEPCore
import RealModule

/// One-dimensional importance mappings from a uniform u in [0, 1) to a variable, with the density
/// of the variable (normalised on its range) and the inverse map, so that a multichannel integrator
/// can evaluate every channel's density at any point.
public enum Mapping {
    /// x in [lo, hi] (0 < lo < hi) with density 1/(x ln(hi/lo)).
    public struct Logarithmic: Sendable {
        public let lo: Double, hi: Double
        let logRatio: Double
        public init(lo: Double, hi: Double) {
            self.lo = lo
            self.hi = hi
            logRatio = Double.log(hi / lo)
        }
        public func map(_ u: Double) -> Double { lo * Double.exp(u * logRatio) }
        public func inverse(_ x: Double) -> Double { Double.log(x / lo) / logRatio }
        /// The density at x (0 outside [lo, hi]).
        public func density(_ x: Double) -> Double { x >= lo && x <= hi ? 1 / (x * logRatio) : 0 }
    }

    /// cos(theta) in [-1, 1] with density proportional to 1/(1 - sign beta cos theta): the
    /// collinear peak of radiation off a particle of velocity beta along sign * z. `oneMinusBeta` is
    /// passed separately so that beta = 1 - 5e-9 (an electron at 5 GeV) keeps its digits.
    public struct Peaked: Sendable {
        public let sign: Double
        let beta: Double, oneMinusBeta: Double, norm: Double
        public init(oneMinusBeta: Double, sign: Double) {
            self.sign = sign
            self.oneMinusBeta = oneMinusBeta
            beta = 1 - oneMinusBeta
            // Integral of dc/(1 - beta c) over [-1, 1] = (1/beta) ln((1 + beta)/(1 - beta)).
            norm = Double.log((1 + beta) / oneMinusBeta) / beta
        }
        /// cos theta of the (sign-adjusted) angle for u; c' = sign c has density 1/(norm (1 - beta c')).
        public func map(_ u: Double) -> Double {
            // CDF of c': F = ln((1 + beta)/(1 - beta c')) / (beta norm) -> 1 - beta c' = (1 + beta) exp(-u beta norm).
            let oneMinusBetaC = (1 + beta) * Double.exp(-u * beta * norm)
            return sign * (1 - oneMinusBetaC) / beta
        }
        public func inverse(_ c: Double) -> Double {
            Double.log((1 + beta) / oneMinusBetaCos(c)) / (beta * norm)
        }
        public func density(_ c: Double) -> Double { 1 / (norm * oneMinusBetaCos(c)) }
        /// 1 - beta (sign c), accurate near c' = 1 through 1 - beta c' = (1 - beta) + beta (1 - c').
        func oneMinusBetaCos(_ c: Double) -> Double { oneMinusBeta + beta * (1 - sign * c) }
    }
}

/// Two-body kinematics in a parent's rest frame, boosted to the frame where the parent has
/// four-momentum P (pure boost, no rotation, so directions are measured in fixed axes).
public enum TwoBody {
    /// The daughters of P (mass sqrt(P^2)) with masses m1, m2, daughter 1 along (cos theta, phi) in
    /// the parent's rest frame; nil below threshold.
    
    public static func decay(_ parent: FourMomentum, m1: Double, m2: Double, cosTheta: Double, phi: Double) -> (FourMomentum, FourMomentum)? {
        let m = parent.mass
        guard let q = twoBodyMomentum(parentMass: m, m1, m2) else { return nil }
        let st = max(0, 1 - cosTheta * cosTheta).squareRoot()
        let dir = ThreeVector(st * Double.cos(phi), st * Double.sin(phi), cosTheta)
        let d1 = FourMomentum(mass: m1, p: q * dir)
        let d2 = FourMomentum(mass: m2, p: -q * dir)
        let beta = parent.beta
        if beta.magnitudeSquared == 0 { return (d1, d2) }
        let boost = LorentzTransform.boost(validBeta: beta)
        return (boost.apply(d1), boost.apply(d2))
    }

    /// The direction (cos theta, phi) of `daughter` in the rest frame of `parent` (inverse of decay).
    
    public static func angles(of daughter: FourMomentum, in parent: FourMomentum) -> (cosTheta: Double, phi: Double) {
        let beta = parent.beta
        let d = beta.magnitudeSquared == 0 ? daughter : LorentzTransform.boost(validBeta: -beta).apply(daughter)
        return (d.cosTheta, d.phi)
    }
}
