import HEPCore
import RealModule

/// n-body phase space in the parent's rest frame by sequential two-body decays with intermediate
/// invariant masses drawn uniformly between their limits (F. James, "Monte Carlo phase space",
/// CERN 68-15 (1968), the GENBOD method). The returned weight, prod_i p*_i over the two-body steps,
/// is proportional to the Lorentz-invariant phase-space density at the generated point.
public enum NBodyPhaseSpace {
    /// Momenta of `masses` (GeV) from a parent of mass `mass` at rest, and the weight; nil below
    /// threshold.
    public static func generate(mass: Double, masses: [Double], rng: inout RandomStream) -> (momenta: [FourMomentum], weight: Double)? {
        let n = masses.count
        let sumMasses = masses.reduce(0, +)
        guard n >= 2, mass > sumMasses else { return nil }
        if n == 3 { return generateThree(mass: mass, masses: masses, sumMasses: sumMasses, rng: &rng) }
        return generateSequential(mass: mass, masses: masses, sumMasses: sumMasses, rng: &rng)
    }

    /// The general case of ``generate(mass:masses:rng:)`` for any n >= 2 (above threshold).
    static func generateSequential(mass: Double, masses: [Double], sumMasses: Double, rng: inout RandomStream) -> (momenta: [FourMomentum], weight: Double)? {
        let n = masses.count
        // Invariant masses M_1 = m_1 < M_2 < ... < M_n = mass of the first k daughters.
        var r = (0..<(n - 2)).map { _ in rng.uniform() }.sorted()
        r.insert(0, at: 0)
        r.append(1)
        var cumulative = [Double](repeating: 0, count: n)
        var partial = 0.0
        for k in 0..<n {
            partial += masses[k]
            cumulative[k] = r[k] * (mass - sumMasses) + partial
        }
        var weight = 1.0
        var pStar = [Double](repeating: 0, count: n)
        for k in 1..<n {
            guard let p = twoBodyMomentum(parentMass: cumulative[k], cumulative[k - 1], masses[k]) else { return nil }
            pStar[k] = p
            weight *= p
        }
        // Build from the innermost system outwards: system k (mass M_k) = system k-1 + daughter k.
        var momenta = [FourMomentum(e: masses[0], px: 0, py: 0, pz: 0)]
        for k in 1..<n {
            let dir = rng.isotropicDirection()
            let daughter = FourMomentum(mass: masses[k], p: pStar[k] * dir)
            let system = FourMomentum(mass: cumulative[k - 1], p: -pStar[k] * dir)
            if k == 1 {
                // System 0 is the first daughter itself (possibly massless): set it directly.
                momenta[0] = system
            } else {
                // Boost the momenta of system k-1 (at rest so far) to move with `system`.
                let boost = LorentzTransform.boost(validBeta: system.beta)
                momenta = momenta.map { boost.apply($0) }
            }
            momenta.append(daughter)
        }
        return (momenta, weight)
    }

    /// The three-body case of ``generate(mass:masses:rng:)`` (the leptonic tau decays and the
    /// three-body hadronic ones, tried several times per decay by the accept-reject), with the same
    /// random numbers in the same order and the same arithmetic, without the general case's scratch arrays.
    static func generateThree(mass: Double, masses: [Double], sumMasses: Double, rng: inout RandomStream) -> (momenta: [FourMomentum], weight: Double)? {
        let m0 = masses[0], m1 = masses[1], m2 = masses[2]
        let r = rng.uniform()
        let mass1 = r * (mass - sumMasses) + (m0 + m1)
        guard let p1 = twoBodyMomentum(parentMass: mass1, m0, m1),
              let p2 = twoBodyMomentum(parentMass: (mass - sumMasses) + (m0 + m1 + m2), mass1, m2) else { return nil }
        let dir1 = rng.isotropicDirection()
        let first = FourMomentum(mass: m0, p: -p1 * dir1)
        let second = FourMomentum(mass: m1, p: p1 * dir1)
        let dir2 = rng.isotropicDirection()
        let third = FourMomentum(mass: m2, p: p2 * dir2)
        let system = FourMomentum(mass: mass1, p: -p2 * dir2)
        let boost = LorentzTransform.boost(validBeta: system.beta)
        return ([boost.apply(first), boost.apply(second), third], p1 * p2)
    }
}
