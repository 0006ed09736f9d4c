import HEPCore

/// Relative difference |a - b| / max(|a|, |b|), 0 when both are 0.
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    let scale = max(abs(a), abs(b))
    return scale == 0 ? 0 : abs(a - b) / scale
}

/// A random four-momentum of mass in [0, 5] GeV and momentum components in [-10, 10] GeV, from a
/// seeded DarkScan stream (tests never use the system generator).
func randomMomentum(_ rng: inout RandomStream) -> FourMomentum {
    let m = rng.uniform(0, 5)
    return FourMomentum(mass: m, p: ThreeVector(rng.uniform(-10, 10), rng.uniform(-10, 10), rng.uniform(-10, 10)))
}

/// A random velocity with |beta| < 0.99 in a random direction.
func randomBeta(_ rng: inout RandomStream) -> ThreeVector {
    rng.uniform(0, 0.99) * rng.isotropicDirection()
}
